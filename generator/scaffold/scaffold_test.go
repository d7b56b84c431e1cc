package scaffold_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/folio-sites/folio/generator"
	"github.com/folio-sites/folio/generator/content"
	"github.com/folio-sites/folio/generator/scaffold"
)

// TestNewSchoolNamesSurviveYAML writes schools whose names YAML would
// misread unquoted, and reads them back as folio does.
func TestNewSchoolNamesSurviveYAML(t *testing.T) {
	dir := t.TempDir()
	if _, err := scaffold.NewSite(dir, scaffold.SiteOptions{FolioVersion: "v1.2.3"}); err != nil {
		t.Fatal(err)
	}
	names := map[string]string{"oak": "- Oak", "nil": "null", "mary": "St. Mary's: K-8 \"Academy\"", "back": `C:\Schools`}
	for id, name := range names {
		if _, err := scaffold.NewSchool(dir, id, scaffold.SchoolOptions{Name: name}, time.Date(2025, 9, 1, 0, 0, 0, 0, time.UTC)); err != nil {
			t.Fatal(err)
		}
	}
	var ds generator.Diagnostics
	c := content.Load(os.DirFS(dir), generator.Config{Drafts: true}, &ds)
	if ds.HasErrors() {
		t.Fatal(ds.Err())
	}
	for _, sc := range c.Schools {
		if want, ok := names[sc.ID]; ok && sc.Name != want {
			t.Errorf("%s: name read back as %q, want %q", sc.ID, sc.Name, want)
		}
	}
	body, _ := os.ReadFile(filepath.Join(dir, "content", "schools", "mary", "getting-started.md"))
	if !strings.Contains(string(body), `St. Mary's: K-8 "Academy"'s portfolio`) {
		t.Errorf("the narrative's prose quotes the name:\n%s", body)
	}
}

func TestCheckSchoolID(t *testing.T) {
	for id, ok := range map[string]bool{"lincoln-middle": true, "school-1": true, "Lincoln": false, "district": false, "a--b": false, "-a": false} {
		if msg := scaffold.CheckSchoolID(id); (msg == "") != ok {
			t.Errorf("CheckSchoolID(%q) = %q", id, msg)
		}
	}
}
