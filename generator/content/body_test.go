package content_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/folio-sites/folio/generator"
	"github.com/folio-sites/folio/generator/content"
)

// A narrative's HTML is what Render makes of its body: for every
// narrative of the sample district, as held from loading (asked for the
// first time), made again from the file (asked again) and from the kept
// markdown alike.
func TestNarrativeBodyIsWhatRenderMakes(t *testing.T) {
	root := filepath.Join("..", "..")
	fsys := os.DirFS(root)
	for _, keep := range []bool{false, true} {
		var ds generator.Diagnostics
		c, _ := content.LoadCached(fsys, generator.Config{Drafts: true}, nil, nil, keep, &ds)
		ns := c.District
		for _, s := range c.Schools {
			ns = append(ns, s.Narratives...)
		}
		if len(ns) < 5 {
			t.Fatalf("only %d narratives in the sample district", len(ns))
		}
		md := content.NewMarkdown(generator.MarkdownConfig{})
		for _, n := range ns {
			got, err := n.Body()
			if err != nil {
				t.Fatalf("%s (keep %v): %v", n.Source, keep, err)
			}
			again, err := n.Body()
			if err != nil || again != got {
				t.Fatalf("%s (keep %v): asked again, %v:\n%s\nwant\n%s", n.Source, keep, err, again, got)
			}
			src, err := os.ReadFile(filepath.Join(root, n.Source))
			if err != nil {
				t.Fatal(err)
			}
			_, body, _ := strings.Cut(string(src)[4:], "\n---\n") // the sample's front matter is YAML
			line := strings.Count(string(src), "\n") - strings.Count(body, "\n") + 1
			var rds generator.Diagnostics
			want, _, _ := md.Render([]byte(body), n.Source, line, &rds)
			if got != want {
				t.Errorf("%s (keep %v): Body differs from Render:\n%s\nwant\n%s", n.Source, keep, got, want)
			}
			if !strings.Contains(string(got), "<p>") {
				t.Errorf("%s: body %q has no paragraph", n.Source, got)
			}
		}
	}
}

// A narrative that changed after it was loaded is not mixed into the page
// of what was loaded: made from the file, its HTML is an error naming the
// file; made from the kept markdown (the preview), it is what was loaded.
func TestNarrativeBodyAfterTheFileChanged(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "content", "district", "plan.md")
	os.MkdirAll(filepath.Dir(p), 0o755)
	os.WriteFile(filepath.Join(dir, "content", "_index.md"), []byte("---\ntitle: Home\n---\n"), 0o644)
	os.WriteFile(p, []byte("---\ntitle: Plan\n---\nThe plan as loaded.\n"), 0o644)
	var ds generator.Diagnostics
	fromFile, _ := content.LoadCached(os.DirFS(dir), generator.Config{}, nil, nil, false, &ds)
	kept, _ := content.LoadCached(os.DirFS(dir), generator.Config{}, nil, nil, true, &ds)
	if len(ds) != 0 {
		t.Fatal(ds)
	}
	if html, err := fromFile.District[0].Body(); err != nil || !strings.Contains(string(html), "The plan as loaded.") {
		t.Fatalf("before the change: %q, %v", html, err)
	}
	os.WriteFile(p, []byte("---\ntitle: Plan\n---\nThe plan, edited.\n"), 0o644)
	html, err := fromFile.District[0].Body()
	if err == nil || !strings.Contains(err.Error(), "content/district/plan.md changed while the site was being built") {
		t.Errorf("from the changed file: %q, %v", html, err)
	}
	if html, err := kept.District[0].Body(); err != nil || !strings.Contains(string(html), "The plan as loaded.") {
		t.Errorf("from the kept markdown: %q, %v", html, err)
	}
	os.Remove(p)
	if _, err := fromFile.District[0].Body(); err == nil || !strings.Contains(err.Error(), "content/district/plan.md: cannot read file") {
		t.Errorf("from the removed file: %v", err)
	}
}
