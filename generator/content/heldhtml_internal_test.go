package content

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/folio-sites/folio/generator"
)

// A build holds the HTML of the narratives it checks while they fit in
// heldHTMLBudget, and makes the others again from their files when their
// pages are written: edited in between, a held one is still what was
// loaded, and one beyond the budget is an error naming its file.
func TestHeldHTMLStaysWithinItsBudget(t *testing.T) {
	dir := t.TempDir()
	write := func(p, text string) {
		os.MkdirAll(filepath.Dir(filepath.Join(dir, p)), 0o755)
		if err := os.WriteFile(filepath.Join(dir, p), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("content/_index.md", "---\ntitle: Home\n---\n")
	for _, name := range []string{"a", "b", "c", "d"} {
		write("content/district/"+name+".md", "---\ntitle: "+name+"\n---\n"+strings.Repeat("The plan as loaded. ", 50)+"\n")
	}
	for _, tt := range []struct {
		budget int64
		held   int
	}{{0, 0}, {2600, 2}, {12 << 20, 4}} {
		saved := heldHTMLBudget
		heldHTMLBudget = tt.budget
		var ds generator.Diagnostics
		c, _ := LoadCached(os.DirFS(dir), generator.Config{}, nil, nil, false, &ds)
		heldHTMLBudget = saved
		if len(ds) != 0 || len(c.District) != 4 {
			t.Fatalf("budget %d: %d narratives, %v", tt.budget, len(c.District), ds)
		}
		for _, n := range c.District {
			write(n.Source, "---\ntitle: edited\n---\nThe plan, edited.\n")
		}
		held := 0
		for _, n := range c.District {
			html, err := n.Body()
			switch {
			case err == nil && strings.Contains(string(html), "The plan as loaded."):
				held++
			case err == nil || !strings.Contains(err.Error(), n.Source+" changed while the site was being built"):
				t.Errorf("budget %d, %s: %q, %v", tt.budget, n.Source, html, err)
			}
		}
		if held != tt.held {
			t.Errorf("budget %d: %d narratives held, want %d", tt.budget, held, tt.held)
		}
		for _, n := range c.District {
			write(n.Source, "---\ntitle: "+n.Title+"\n---\n"+strings.Repeat("The plan as loaded. ", 50)+"\n")
		}
	}
}
