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
// narrative of the sample district, as a build keeps it from loading (in
// its spool) and as the preview makes it from the kept markdown, asked
// for once or twice.
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
// of what was loaded: a build renders the HTML it made while loading (see
// also the spool's own test, for a build without a spool), the preview
// the markdown it kept, whether the file was edited or removed since.
func TestNarrativeBodyAfterTheFileChanged(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "content", "district", "plan.md")
	os.MkdirAll(filepath.Dir(p), 0o755)
	os.WriteFile(filepath.Join(dir, "content", "_index.md"), []byte("---\ntitle: Home\n---\n"), 0o644)
	os.WriteFile(p, []byte("---\ntitle: Plan\n---\nThe plan as loaded.\n"), 0o644)
	var ds generator.Diagnostics
	built, _ := content.LoadCached(os.DirFS(dir), generator.Config{}, nil, nil, false, &ds)
	kept, _ := content.LoadCached(os.DirFS(dir), generator.Config{}, nil, nil, true, &ds)
	if len(ds) != 0 {
		t.Fatal(ds)
	}
	check := func(when string) {
		t.Helper()
		for name, c := range map[string]*generator.Content{"build": built, "preview": kept} {
			if html, err := c.District[0].Body(); err != nil || !strings.Contains(string(html), "The plan as loaded.") {
				t.Errorf("%s, %s: %q, %v", name, when, html, err)
			}
		}
	}
	check("before the change")
	os.WriteFile(p, []byte("---\ntitle: Plan\n---\nThe plan, edited.\n"), 0o644)
	check("after an edit")
	os.Remove(p)
	check("after the file was removed")
}
