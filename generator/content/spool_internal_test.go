package content

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/folio-sites/folio/generator"
)

// A build keeps the HTML it made of each narrative while checking it in a
// spool file that has no name: edited after loading, every narrative is
// still rendered as it was loaded, as often as it is asked for, and the
// spool leaves no file behind. Without a spool (no temporary folder), the
// HTML is made again from the file, and an edited or removed one is an
// error naming its file.
func TestSpoolKeepsTheHTMLAsLoaded(t *testing.T) {
	dir := t.TempDir()
	write := func(p, text string) {
		os.MkdirAll(filepath.Dir(filepath.Join(dir, p)), 0o755)
		if err := os.WriteFile(filepath.Join(dir, p), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("content/_index.md", "---\ntitle: Home\n---\n")
	names := []string{"a", "b", "c", "d"}
	loaded := func(name string) string {
		return "---\ntitle: " + name + "\n---\n" + strings.Repeat("The plan of "+name+" as loaded. ", 50) + "\n"
	}
	for _, tt := range []struct {
		name     string
		spoolDir string
		spooled  bool
	}{
		{"spool", t.TempDir(), true},
		{"no spool", filepath.Join(dir, "no-such-folder"), false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			for _, name := range names {
				write("content/district/"+name+".md", loaded(name))
			}
			saved := spoolDir
			spoolDir = tt.spoolDir
			var ds generator.Diagnostics
			c, _ := LoadCached(os.DirFS(dir), generator.Config{}, nil, nil, false, &ds)
			spoolDir = saved
			if len(ds) != 0 || len(c.District) != len(names) {
				t.Fatalf("%d narratives, %v", len(c.District), ds)
			}
			for _, n := range c.District {
				write(n.Source, "---\ntitle: edited\n---\nThe plan, edited.\n")
			}
			for round := range 2 {
				for _, n := range c.District {
					html, err := n.Body()
					want := "<p>The plan of " + n.Title + " as loaded."
					switch {
					case tt.spooled && (err != nil || !strings.HasPrefix(string(html), want)):
						t.Errorf("round %d, %s: %.40q, %v; want the HTML as loaded", round, n.Source, html, err)
					case !tt.spooled && (err == nil || !strings.Contains(err.Error(), n.Source+" changed while the site was being built")):
						t.Errorf("round %d, %s: %.40q, %v; want an error naming the changed file", round, n.Source, html, err)
					}
				}
			}
			if !tt.spooled {
				os.Remove(filepath.Join(dir, c.District[0].Source))
				if _, err := c.District[0].Body(); err == nil || !strings.Contains(err.Error(), c.District[0].Source+": cannot read file") {
					t.Errorf("from the removed file: %v", err)
				}
			}
			if left, _ := os.ReadDir(tt.spoolDir); len(left) != 0 {
				t.Errorf("the spool left %d files in its folder", len(left))
			}
		})
	}
}
