package sitefs_test

import (
	"testing"

	"github.com/folio-sites/folio/generator/sitefs"
)

// TestIgnoredNames: what editors and office programs leave beside a file
// is ignored; an author's own names are not.
func TestIgnoredNames(t *testing.T) {
	for _, name := range []string{".git", ".DS_Store", ".plan.md.swp", ".plan.md.swx", "plan.md.swo", "plan.md~", "4913",
		".#plan.md", "#plan.md#", "plan.md.tmp", "REPORT.TMP", "plan.md___jb_tmp___", "plan.md___jb_old___",
		".goutputstream-ABC123", "~$budget.xlsx", "Thumbs.db", "desktop.ini"} {
		if !sitefs.Ignored(name) {
			t.Errorf("%s is not ignored", name)
		}
	}
	for _, name := range []string{"plan.md", "_index.md", "agenda.pdf", "folio.css", "#", "trust.csv", "2024-notes.md", "49130", "tmp.md"} {
		if sitefs.Ignored(name) {
			t.Errorf("%s is ignored", name)
		}
	}
}

// TestIsInput: the paths a build reads, which the preview watches.
func TestIsInput(t *testing.T) {
	tests := map[string]bool{
		"folio.yaml":                    true,
		"folio.yaml/x":                  false,
		"content/schools/a/plan.md":     true,
		"content/schools/a/plan.md.tmp": false,
		"content/.hidden/plan.md":       false,
		"data/achievement.csv":          true,
		"i18n/en.yaml":                  true,
		"i18n":                          true,
		"layouts/partials/nav.html":     true,
		"static/4913":                   false,
		"themes/x/layouts/base.html":    true,
		"public/index.html":             false,
		"README.md":                     false,
		".git/index":                    false,
	}
	for rel, want := range tests {
		if got := sitefs.IsInput(rel); got != want {
			t.Errorf("IsInput(%q) = %v, want %v", rel, got, want)
		}
	}
}
