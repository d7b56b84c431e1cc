package build_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/folio-sites/folio/generator"
	"github.com/folio-sites/folio/generator/benchsite"
	"github.com/folio-sites/folio/generator/build"
	"github.com/folio-sites/folio/generator/site"
	"github.com/folio-sites/folio/generator/sitefs"
)

// largeSite writes a district with more schools than the board packet
// prints (site.BoardSchools), so that nothing draws the schools' charts
// while the site is assembled.
func largeSite(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "site")
	if err := benchsite.Generate(dir, benchsite.Options{Schools: site.BoardSchools + 5, Narratives: 1, Years: 2}); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestChartsDrawnWhenAskedServeWhatTheBuildWrites loads a large district
// as the preview does: no school's charts are drawn by loading, and every
// file Lookup gives — chart CSVs asked for before their page, then every
// page — is byte-identical to the full build's (which draws each school's
// charts as it renders its page, and lets them go once written), with
// nothing more.
func TestChartsDrawnWhenAskedServeWhatTheBuildWrites(t *testing.T) {
	fsys := sitefs.Dir(largeSite(t))
	res, err := build.Generate(fsys, build.Options{})
	if err != nil {
		t.Fatal(err)
	}
	m, err := build.Load(context.Background(), fsys, build.Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	undrawn := 0
	for _, p := range m.Site.Pages {
		if p.Kind == site.KindSchool && !p.SectionsDrawn() {
			undrawn++
		}
	}
	if undrawn != site.BoardSchools+5 {
		t.Errorf("%d schools' charts are left to draw after loading, want all %d", undrawn, site.BoardSchools+5)
	}
	// CSVs first: their pages are not rendered yet, so their charts are
	// drawn by the lookup of the CSV itself.
	files := slices.Clone(res.Files)
	slices.SortStableFunc(files, func(a, b generator.File) int {
		return boolRank(!strings.HasSuffix(a.Path, ".csv")) - boolRank(!strings.HasSuffix(b.Path, ".csv"))
	})
	csvs := 0
	for _, want := range files {
		got, ok, err := m.Lookup(want.Path)
		if err != nil || !ok {
			t.Errorf("Lookup(%s) = %v, %v; the build writes it", want.Path, ok, err)
			continue
		}
		if want.SourceFS != nil {
			if got.Source != want.Source {
				t.Errorf("Lookup(%s) is %s, want %s", want.Path, got.Source, want.Source)
			}
			continue
		}
		if !bytes.Equal(got.Data, want.Data) {
			t.Errorf("Lookup(%s) differs from the build's file", want.Path)
		}
		if strings.HasPrefix(want.Path, "schools/") && strings.HasSuffix(want.Path, ".csv") {
			csvs++
		}
	}
	if csvs < site.BoardSchools {
		t.Errorf("only %d schools' chart CSVs were looked up", csvs)
	}
	for _, p := range []string{"schools/school-0001/chart_nothing.csv", "schools/chart_trust_school_0001_trend.csv", "schools/school-0001/nothing.csv"} {
		if _, ok, _ := m.Lookup(p); ok {
			t.Errorf("Lookup(%s) found a file the build does not write", p)
		}
	}
}

func boolRank(b bool) int {
	if b {
		return 1
	}
	return 0
}

// TestEvidenceFileOverwrittenByAChartCSV: an author's CSV under a school's
// folder named as one of the school's chart downloads is an error at the
// file, though the school's charts are not drawn while loading.
func TestEvidenceFileOverwrittenByAChartCSV(t *testing.T) {
	dir := largeSite(t)
	if err := os.WriteFile(filepath.Join(dir, "content/schools/school-0007/chart_trust_school_0007_trend.csv"), []byte("a,b\n1,2\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	// A CSV elsewhere collides with nothing.
	if err := os.WriteFile(filepath.Join(dir, "content/schools/school-0008/budget.csv"), []byte("a,b\n1,2\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(filepath.Join(dir, "folio.yaml"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("publish_as_is:\n  - content/schools/school-0007/chart_trust_school_0007_trend.csv # no student data\n  - content/schools/school-0008/budget.csv # no student data\n")
	f.Close()
	want := "content/schools/school-0007/chart_trust_school_0007_trend.csv: this file would be overwritten by the data download of chart chart_trust_school_0007_trend — rename or move the file"
	m, err := build.Load(context.Background(), sitefs.Dir(dir), build.Options{}, nil)
	if err == nil {
		t.Fatal("the site loaded without errors")
	}
	var got []string
	for _, d := range m.Diagnostics {
		if d.Severity == generator.Error {
			got = append(got, d.String())
		}
	}
	if !slices.Equal(got, []string{want}) {
		t.Errorf("errors = %q, want %q", got, want)
	}
}
