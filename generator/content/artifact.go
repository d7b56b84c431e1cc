package content

import (
	"bufio"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/folio-sites/folio/generator"
	"github.com/xuri/excelize/v2"
)

// artifactTypes are the evidence files folio publishes, by extension, with
// the short label shown beside their links: passive types only, which no
// browser runs as script on the site's origin (an .svg, .html, .xhtml,
// .xml or .shtml would).
var artifactTypes = map[string]string{
	"pdf":  "PDF",
	"png":  "PNG image",
	"jpg":  "JPEG image",
	"jpeg": "JPEG image",
	"gif":  "GIF image",
	"webp": "WebP image",
	"docx": "Word document",
	"pptx": "PowerPoint presentation",
	"odt":  "OpenDocument text",
	"odp":  "OpenDocument presentation",
	"txt":  "Text",
	"mp3":  "MP3 audio",
	"mp4":  "MP4 video",
	"m4a":  "M4A audio",
	"webm": "WebM video",
	"zip":  "ZIP archive",
}

// spreadsheetTypes are published only when folio.yaml lists the file under
// publish_as_is: their numbers would bypass suppression.
var spreadsheetTypes = map[string]string{
	"csv":  "CSV spreadsheet",
	"tsv":  "TSV spreadsheet",
	"xlsx": "Excel workbook",
	"xls":  "Excel workbook",
	"ods":  "OpenDocument spreadsheet",
}

// allowedList is the extensions of artifactTypes, for messages.
var allowedList = func() string {
	var exts []string
	for ext := range artifactTypes {
		exts = append(exts, "."+ext)
	}
	slices.Sort(exts)
	return strings.Join(exts, " ")
}()

// exportHint says what to do with a file of a type folio does not publish.
func exportHint(ext string) string {
	switch ext {
	case "svg":
		return "export the SVG as PNG or PDF"
	case "html", "htm", "xhtml", "shtml", "xml", "mhtml":
		return "print the page to PDF, or link to it from a narrative"
	case "doc", "rtf":
		return "save it as .docx or PDF"
	case "ppt", "key":
		return "save it as .pptx or PDF"
	case "heic", "heif", "tif", "tiff", "bmp", "avif":
		return "save the picture as JPG or PNG"
	case "mov", "avi", "wmv", "mkv", "m4v":
		return "save the video as MP4"
	case "wav", "aac", "ogg", "flac":
		return "save the recording as MP3 or M4A"
	case "pages":
		return "export it as PDF or .docx"
	case "":
		return "give the file an extension of a type folio publishes, e.g. .pdf"
	}
	return "export it as PDF (or an image), or link to it from a narrative"
}

// artifactType returns the label for a file name.
func artifactType(name string) string {
	ext := strings.ToLower(strings.TrimPrefix(path.Ext(name), "."))
	if t, ok := artifactTypes[ext]; ok {
		return t
	}
	return spreadsheetTypes[ext]
}

// artifact records the evidence file at p (site-relative), if its type is
// one folio publishes. Its contents are not read (a listed spreadsheet's
// headers are): only its size.
func (l *loader) artifact(p string) {
	ext := strings.ToLower(strings.TrimPrefix(path.Ext(p), "."))
	at := generator.Pos{File: p}
	if _, ok := artifactTypes[ext]; !ok {
		if _, sheet := spreadsheetTypes[ext]; !sheet {
			shown := "files without an extension"
			if ext != "" {
				shown = "'." + ext + "' files"
			}
			l.ds.Errorf(at, exportHint(ext)+"; folio publishes only "+allowedList+" as evidence",
				"%s are not published as evidence", shown)
			return
		}
		if !l.spreadsheet(p, ext) {
			return
		}
	}
	info, err := fs.Stat(l.fsys, p)
	if err != nil {
		l.ds.Errorf(at, "check that the file can be read", "cannot read file: %s", reason(err))
		return
	}
	l.out.Artifacts = append(l.out.Artifacts, generator.Artifact{
		Path: strings.TrimPrefix(p, contentDir+"/"),
		Name: path.Base(p),
		Type: artifactType(p),
		Size: info.Size(),
	})
}

// spreadsheet reports whether the spreadsheet at p may be published: only
// when folio.yaml lists it under publish_as_is, and then only if no sheet
// has a column that looks like student-level data. .xls and .ods files
// cannot be opened to check, so they are refused even when listed.
func (l *loader) spreadsheet(p, ext string) bool {
	at := generator.Pos{File: p}
	if !slices.Contains(l.cfg.PublishAsIs, p) {
		l.ds.Errorf(at, "put its numbers in data/ (achievement.csv, trust.csv, installation.csv), where folio protects small groups; "+
			"or, if it holds no student data, list it under publish_as_is: in folio.yaml with the reason in a comment",
			"a spreadsheet in content/ is not published as it is")
		return false
	}
	var headers []headerRow
	switch ext {
	case "csv", "tsv":
		headers = l.textHeaders(p, ext)
	case "xlsx":
		var ok bool
		if headers, ok = l.workbookHeaders(p); !ok {
			return false
		}
	default:
		l.ds.Errorf(at, "save it as .xlsx (or CSV, or PDF) and list that file instead",
			"folio cannot open '.%s' files to check them for student-level columns, so it does not publish them", ext)
		return false
	}
	for _, row := range headers {
		for _, h := range row.cells {
			if generator.StudentLevelColumn(h) {
				where := ""
				if row.sheet != "" {
					where = fmt.Sprintf(" (sheet '%s', row %d)", row.sheet, row.line)
				} else {
					at.Line = row.line
				}
				l.ds.Errorf(at, "folio publishes aggregates only; remove the file, or the column and any student rows",
					"column '%s' looks like student-level data%s", strings.TrimSpace(h), where)
				return false
			}
		}
	}
	return true
}

// headerRow is one of the first rows of a spreadsheet: its cells, and
// where it is, a line of a CSV file or a row of a workbook's sheet.
type headerRow struct {
	cells []string
	line  int
	sheet string
}

// headerRows is how many non-blank rows of each sheet are checked for
// student-level column names: a header may sit under a title row or two.
const headerRows = 5

// textHeaders returns the first non-blank rows of a CSV or TSV file, split
// the way the file is (tab, semicolon or comma).
func (l *loader) textHeaders(p, ext string) []headerRow {
	f, err := l.fsys.Open(p)
	if err != nil {
		return nil // reported when the file is copied
	}
	defer f.Close()
	var rows []headerRow
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	n := 0
	for sc.Scan() && len(rows) < headerRows {
		n++
		line := strings.TrimPrefix(strings.TrimRight(sc.Text(), "\r"), "\ufeff")
		if strings.TrimSpace(line) == "" {
			continue
		}
		sep := ","
		switch {
		case ext == "tsv" || strings.Contains(line, "\t"):
			sep = "\t"
		case strings.Count(line, ";") > strings.Count(line, ","):
			sep = ";"
		}
		var row []string
		for _, h := range strings.Split(line, sep) {
			row = append(row, strings.Trim(strings.TrimSpace(h), `"`))
		}
		rows = append(rows, headerRow{cells: row, line: n})
	}
	return rows
}

// workbookHeaders returns the first non-blank rows of every sheet of an
// .xlsx workbook, read with excelize (shared and inline strings, hidden
// sheets too).
func (l *loader) workbookHeaders(p string) ([]headerRow, bool) {
	at := generator.Pos{File: p}
	f, err := l.fsys.Open(p)
	if err != nil {
		l.ds.Errorf(at, "check that the file can be read", "cannot read file: %s", reason(err))
		return nil, false
	}
	defer f.Close()
	wb, err := excelize.OpenReader(f)
	if err != nil {
		l.ds.Errorf(at, "save it again from Excel as .xlsx", "cannot open the workbook to check it for student-level columns: %v", err)
		return nil, false
	}
	defer wb.Close()
	var out []headerRow
	for _, sheet := range wb.GetSheetList() {
		rows, err := wb.Rows(sheet)
		if err != nil {
			l.ds.Errorf(at, "save it again from Excel as .xlsx", "cannot read sheet '%s': %v", sheet, err)
			return nil, false
		}
		n, row := 0, 0
		for n < headerRows && rows.Next() {
			row++
			cols, err := rows.Columns()
			if err != nil {
				break
			}
			if slices.ContainsFunc(cols, func(c string) bool { return strings.TrimSpace(c) != "" }) {
				out = append(out, headerRow{cells: cols, line: row, sheet: sheet})
				n++
			}
		}
		rows.Close()
	}
	return out, true
}
