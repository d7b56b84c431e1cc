package content

import (
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
	l.out.Artifacts = append(l.out.Artifacts, generator.Artifact{
		Path: strings.TrimPrefix(p, contentDir+"/"),
		Name: path.Base(p),
		Type: artifactType(p),
		Size: info.Size(),
	})
}
