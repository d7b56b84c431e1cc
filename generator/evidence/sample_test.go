package evidence_test

import (
	"io/fs"
	"os"
	"path"
	"strings"
	"testing"

	"github.com/folio-sites/folio/generator"
	"github.com/folio-sites/folio/generator/audit"
	"github.com/folio-sites/folio/generator/evidence"
)

// TestSampleData loads the repository's own data/ against its content/ and
// expects no errors: the sample is what new users copy.
func TestSampleData(t *testing.T) {
	site := os.DirFS("../..")
	var known evidence.Known
	schools, err := fs.ReadDir(site, "content/schools")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range schools {
		if e.IsDir() {
			known.Schools = append(known.Schools, e.Name())
		}
	}
	err = fs.WalkDir(site, "content", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && path.Ext(p) != ".md" {
			known.Artifacts = append(known.Artifacts, strings.TrimPrefix(p, "content/"))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}

	var ds generator.Diagnostics
	ev := evidence.Load(site, known, &ds)
	ds.Sort()
	for _, d := range ds {
		if d.Severity == generator.Error {
			t.Errorf("%s", d)
		} else {
			t.Logf("%s", d)
		}
	}
	for _, l := range audit.Check(ev) {
		t.Errorf("the sample publishes a derivable value: %s", l)
	}
	// 2024-25 Black students: Cedar Ridge (4) and Riverside (5) are both
	// small; the district row less the five other schools would leave 9.
	hiddenSchools := 0
	for _, r := range ev.Achievement.Results {
		if r.Year == 2025 && r.Subject == "math" && r.Subgroup == "black" && r.School != generator.DistrictID && r.Tested.Hidden() {
			hiddenSchools++
		}
	}
	if hiddenSchools < 3 {
		t.Errorf("2024-25 math, Black students: %d schools hidden, want the two small ones and one more", hiddenSchools)
	}
	if len(ev.Installation) == 0 || ev.Trust == nil || len(ev.Trust.Results) == 0 || ev.Achievement == nil || len(ev.Achievement.Results) == 0 {
		t.Errorf("sample evidence incomplete: %d observations, trust %v, achievement %v", len(ev.Installation), ev.Trust != nil, ev.Achievement != nil)
	}
}
