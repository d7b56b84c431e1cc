package content_test

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/folio-sites/folio/generator"
	"github.com/xuri/excelize/v2"
)

func TestArtifacts(t *testing.T) {
	fsys := fstest.MapFS{
		"content/schools/a/_index.md":        file("---\nname: A\n---\n"),
		"content/schools/a/agenda.pdf":       {Data: make([]byte, 2048)},
		"content/schools/a/photo.JPG":        {Data: make([]byte, 7)},
		"content/schools/a/walk.png":         {Data: make([]byte, 3)},
		"content/schools/a/minutes.docx":     {Data: make([]byte, 10)},
		"content/schools/a/talk.m4a":         {Data: make([]byte, 4)},
		"content/schools/a/evidence/gr.xlsx": {Data: make([]byte, 11)},
		"content/district/scores.csv":        file("a,b\n1,2\n"),
		"content/district/budget.csv":        file("line,amount\nbooks,120\n"),
		"content/district/notes.txt":         file("hello"),
		"content/district/map.kml":           file("<kml/>"),
		"content/README":                     file("x"),
		"content/logo.svg":                   file("<svg onload=alert(1)/>"),
		"content/page.xhtml":                 file("<html/>"),
		"content/old.doc":                    file("x"),
		"content/schools/a/walk.HEIC":        {Data: make([]byte, 5)},
		"content/schools/a/clip.mov":         {Data: make([]byte, 5)},
	}
	c, diags := load(t, fsys, generator.Config{PublishAsIs: []string{"content/district/budget.csv"}})
	const allowed = "folio publishes only .docx .gif .jpeg .jpg .m4a .mp3 .mp4 .odp .odt .pdf .png .pptx .txt .webm .webp .zip as evidence"
	const sheet = "a spreadsheet in content/ is not published as it is — put its numbers in data/ (achievement.csv, trust.csv, installation.csv), where folio protects small groups; " +
		"or, if it holds no student data, list it under publish_as_is: in folio.yaml with the reason in a comment"
	slices.Sort(diags)
	wantDiags := []string{
		"content/README: files without an extension are not published as evidence — give the file an extension of a type folio publishes, e.g. .pdf; " + allowed,
		"content/district/map.kml: '.kml' files are not published as evidence — export it as PDF (or an image), or link to it from a narrative; " + allowed,
		"content/district/scores.csv: " + sheet,
		"content/logo.svg: '.svg' files are not published as evidence — export the SVG as PNG or PDF; " + allowed,
		"content/old.doc: '.doc' files are not published as evidence — save it as .docx or PDF; " + allowed,
		"content/page.xhtml: '.xhtml' files are not published as evidence — print the page to PDF, or link to it from a narrative; " + allowed,
		"content/schools/a/clip.mov: '.mov' files are not published as evidence — save the video as MP4; " + allowed,
		"content/schools/a/evidence/gr.xlsx: " + sheet,
		"content/schools/a/walk.HEIC: '.heic' files are not published as evidence — save the picture as JPG or PNG; " + allowed,
	}
	if strings.Join(diags, "\n") != strings.Join(wantDiags, "\n") {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(diags, "\n"), strings.Join(wantDiags, "\n"))
	}
	want := []generator.Artifact{
		{Path: "district/budget.csv", Name: "budget.csv", Type: "CSV spreadsheet", Size: 22},
		{Path: "district/notes.txt", Name: "notes.txt", Type: "Text", Size: 5},
		{Path: "schools/a/agenda.pdf", Name: "agenda.pdf", Type: "PDF", Size: 2048},
		{Path: "schools/a/minutes.docx", Name: "minutes.docx", Type: "Word document", Size: 10},
		{Path: "schools/a/photo.JPG", Name: "photo.JPG", Type: "JPEG image", Size: 7},
		{Path: "schools/a/talk.m4a", Name: "talk.m4a", Type: "M4A audio", Size: 4},
		{Path: "schools/a/walk.png", Name: "walk.png", Type: "PNG image", Size: 3},
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
	workbook := func(sheets map[string][]string) []byte {
		f := excelize.NewFile()
		defer f.Close()
		for name, header := range sheets {
			if _, err := f.NewSheet(name); err != nil {
				t.Fatal(err)
			}
			for i, h := range header {
				cell, _ := excelize.CoordinatesToCellName(i+1, 3) // under a title row
				if err := f.SetCellValue(name, cell, h); err != nil {
					t.Fatal(err)
				}
			}
			if err := f.SetCellValue(name, "A1", "Walkthroughs, fall 2025"); err != nil {
				t.Fatal(err)
			}
		}
		b, err := f.WriteToBuffer()
		if err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	fsys := fstest.MapFS{
		"content/schools/oak/_index.md":   {Data: []byte("---\nname: Oak\n---\n")},
		"content/schools/oak/roster.csv":  {Data: []byte("\ufeffStudent ID,Name,Score\r\n1,Ann Lee,45\r\n")},
		"content/schools/oak/titled.csv":  {Data: []byte("Fall roster\n\n,,\nStudent #,Grade,Score\n1,3,45\n")},
		"content/schools/oak/tally.csv":   {Data: []byte("week;walks;notes\n1;4;fine\n")},
		"content/schools/oak/births.tsv":  {Data: []byte("grade\tDate of Birth\n")},
		"content/schools/oak/summary.csv": {Data: []byte("grade,students,proficient_pct\n3,54,61.2\n")},
		"content/schools/oak/walks.xlsx":  {Data: workbook(map[string][]string{"Walks": {"Week", "Walks"}})},
		"content/schools/oak/grades.xlsx": {Data: workbook(map[string][]string{"Summary": {"Grade", "Count"}, "Hidden detail": {"Grade", "Student Name"}})},
		"content/schools/oak/broken.xlsx": {Data: []byte("not a zip")},
		"content/schools/oak/legacy.xls":  {Data: []byte("x")},
		"content/schools/oak/scores.ods":  {Data: []byte("x")},
	}
	var listed []string
	for p := range fsys {
		if !strings.HasSuffix(p, ".md") {
			listed = append(listed, p)
		}
	}
	c, got := load(t, fsys, generator.Config{PublishAsIs: listed})
	slices.Sort(got)
	want := []string{
		"content/schools/oak/births.tsv:1: column 'Date of Birth' looks like student-level data — folio publishes aggregates only; remove the file, or the column and any student rows",
		"content/schools/oak/broken.xlsx: cannot open the workbook to check it for student-level columns: zip: not a valid zip file — save it again from Excel as .xlsx",
		"content/schools/oak/grades.xlsx: column 'Student Name' looks like student-level data (sheet 'Hidden detail', row 3) — folio publishes aggregates only; remove the file, or the column and any student rows",
		"content/schools/oak/legacy.xls: folio cannot open '.xls' files to check them for student-level columns, so it does not publish them — save it as .xlsx (or CSV, or PDF) and list that file instead",
		"content/schools/oak/roster.csv:1: column 'Student ID' looks like student-level data — folio publishes aggregates only; remove the file, or the column and any student rows",
		"content/schools/oak/scores.ods: folio cannot open '.ods' files to check them for student-level columns, so it does not publish them — save it as .xlsx (or CSV, or PDF) and list that file instead",
		"content/schools/oak/titled.csv:4: column 'Student #' looks like student-level data — folio publishes aggregates only; remove the file, or the column and any student rows",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	var published []string
	for _, a := range c.Artifacts {
		published = append(published, a.Path)
	}
	if w := []string{"schools/oak/summary.csv", "schools/oak/tally.csv", "schools/oak/walks.xlsx"}; !slices.Equal(published, w) {
		t.Errorf("published %v, want %v", published, w)
	}
}
