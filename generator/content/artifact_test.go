package content_test

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/folio-sites/folio/generator"
)

func TestArtifacts(t *testing.T) {
	fsys := fstest.MapFS{
		"content/schools/a/_index.md":        file("---\nname: A\n---\n"),
		"content/schools/a/agenda.pdf":       {Data: make([]byte, 2048)},
		"content/schools/a/photo.JPG":        {Data: make([]byte, 7)},
		"content/schools/a/walk.png":         {Data: make([]byte, 3)},
		"content/schools/a/minutes.docx":     {Data: make([]byte, 10)},
		"content/schools/a/evidence/gr.xlsx": {Data: make([]byte, 11)},
		"content/district/scores.csv":        file("a,b\n1,2\n"),
		"content/district/notes.txt":         file("hello"),
		"content/district/map.kml":           file("<kml/>"),
		"content/README":                     file("x"),
		"content/logo.svg":                   file("<svg/>"),
		"content/schools/b-roster.xlsx":      {Data: make([]byte, 1)},
	}
	c, diags := load(t, fsys, generator.Config{})
	if len(diags) != 0 {
		t.Fatalf("unexpected diagnostics: %v", diags)
	}
	want := []generator.Artifact{
		{Path: "README", Name: "README", Type: "File", Size: 1},
		{Path: "district/map.kml", Name: "map.kml", Type: "KML", Size: 6},
		{Path: "district/notes.txt", Name: "notes.txt", Type: "Text", Size: 5},
		{Path: "district/scores.csv", Name: "scores.csv", Type: "CSV spreadsheet", Size: 8},
		{Path: "logo.svg", Name: "logo.svg", Type: "SVG image", Size: 6},
		{Path: "schools/a/agenda.pdf", Name: "agenda.pdf", Type: "PDF", Size: 2048},
		{Path: "schools/a/evidence/gr.xlsx", Name: "gr.xlsx", Type: "Excel workbook", Size: 11},
		{Path: "schools/a/minutes.docx", Name: "minutes.docx", Type: "Word document", Size: 10},
		{Path: "schools/a/photo.JPG", Name: "photo.JPG", Type: "JPEG image", Size: 7},
		{Path: "schools/a/walk.png", Name: "walk.png", Type: "PNG image", Size: 3},
		{Path: "schools/b-roster.xlsx", Name: "b-roster.xlsx", Type: "Excel workbook", Size: 1},
	}
	if !slices.Equal(c.Artifacts, want) {
		t.Errorf("artifacts:\n%+v\nwant:\n%+v", c.Artifacts, want)
	}
}

func TestJunkSkipped(t *testing.T) {
	fsys := fstest.MapFS{
		"content/district/a.md":             file("---\ntitle: A\n---\n"),
		"content/district/.a.md.swp":        file("x"),
		"content/district/a.md~":            file("x"),
		"content/district/#a.md#":           file("x"),
		"content/district/.#a.md":           file("x"),
		"content/district/~$minutes.docx":   file("x"),
		"content/district/b.md___jb_tmp___": file("x"),
		"content/.DS_Store":                 file("x"),
		"content/Thumbs.db":                 file("x"),
		"content/desktop.ini":               file("x"),
		"content/.git/config":               file("x"),
		"content/.hidden/notes.md":          file("no front matter"),
		"content/schools/.trash/_index.md":  file("no front matter"),
	}
	c, diags := load(t, fsys, generator.Config{})
	if len(diags) != 0 {
		t.Errorf("junk files reported: %v", diags)
	}
	if len(c.Artifacts) != 0 || len(c.Schools) != 0 {
		t.Errorf("junk files loaded: artifacts %+v, schools %d", c.Artifacts, len(c.Schools))
	}
	if len(c.District) != 1 {
		t.Errorf("district narratives = %d, want 1", len(c.District))
	}
}

func TestStudentLevelSpreadsheetIsRefused(t *testing.T) {
	fsys := fstest.MapFS{
		"content/schools/oak/_index.md":   {Data: []byte("---\nname: Oak\n---\n")},
		"content/schools/oak/roster.csv":  {Data: []byte("\ufeffStudent ID,Name,Score\r\n1,Ann Lee,45\r\n")},
		"content/schools/oak/tally.csv":   {Data: []byte("week;walks;notes\n1;4;fine\n")},
		"content/schools/oak/births.csv":  {Data: []byte("grade,Date of Birth\n")},
		"content/schools/oak/summary.csv": {Data: []byte("grade,students,proficient_pct\n3,54,61.2\n")},
	}
	_, got := load(t, fsys, generator.Config{})
	slices.Sort(got)
	want := []string{
		"content/schools/oak/births.csv:1: column 'Date of Birth' looks like student-level data — folio publishes aggregates only; remove the file, or the column and any student rows",
		"content/schools/oak/roster.csv:1: column 'Student ID' looks like student-level data — folio publishes aggregates only; remove the file, or the column and any student rows",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
