package content

import (
	"bufio"
	"io/fs"
	"path"
	"strings"

	"github.com/folio-sites/folio/generator"
)

// artifactTypes are the short labels shown beside evidence links.
var artifactTypes = map[string]string{
	"pdf":  "PDF",
	"png":  "PNG image",
	"jpg":  "JPEG image",
	"jpeg": "JPEG image",
	"gif":  "GIF image",
	"webp": "WebP image",
	"svg":  "SVG image",
	"doc":  "Word document",
	"docx": "Word document",
	"xls":  "Excel workbook",
	"xlsx": "Excel workbook",
	"ppt":  "PowerPoint presentation",
	"pptx": "PowerPoint presentation",
	"csv":  "CSV spreadsheet",
	"txt":  "Text",
	"mp4":  "MP4 video",
	"mp3":  "MP3 audio",
}

// artifactType returns the label for a file name: a known one, else the
// extension in upper case, else "File".
func artifactType(name string) string {
	ext := strings.ToLower(strings.TrimPrefix(path.Ext(name), "."))
	if t, ok := artifactTypes[ext]; ok {
		return t
	}
	if ext == "" {
		return "File"
	}
	return strings.ToUpper(ext)
}

// artifact records the evidence file at p (site-relative). Its contents are
// not read: only its size.
func (l *loader) artifact(p string) {
	info, err := fs.Stat(l.fsys, p)
	if err != nil {
		l.ds.Errorf(generator.Pos{File: p}, "check that the file can be read", "cannot read file: %s", reason(err))
		return
	}
	if strings.EqualFold(path.Ext(p), ".csv") {
		l.checkCSVArtifact(p)
	}
	l.out.Artifacts = append(l.out.Artifacts, generator.Artifact{
		Path: strings.TrimPrefix(p, contentDir+"/"),
		Name: path.Base(p),
		Type: artifactType(p),
		Size: info.Size(),
	})
}

// checkCSVArtifact refuses a spreadsheet evidence file whose header names
// student-level columns: it would be published as it is, and folio
// publishes aggregates only.
func (l *loader) checkCSVArtifact(p string) {
	f, err := l.fsys.Open(p)
	if err != nil {
		return // reported when the file is copied
	}
	defer f.Close()
	line, _ := bufio.NewReader(f).ReadString('\n')
	line = strings.TrimPrefix(strings.TrimRight(line, "\r\n"), "\ufeff")
	sep := ","
	if strings.Count(line, ";") > strings.Count(line, ",") {
		sep = ";"
	}
	for _, h := range strings.Split(line, sep) {
		h = strings.Trim(strings.TrimSpace(h), `"`)
		if generator.StudentLevelColumn(h) {
			l.ds.Errorf(generator.Pos{File: p, Line: 1}, "folio publishes aggregates only; remove the file, or the column and any student rows",
				"column '%s' looks like student-level data", h)
			return
		}
	}
}
