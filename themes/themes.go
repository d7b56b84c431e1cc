// Package themes holds folio's default theme, compiled into the binary so
// that a site folder without a themes/ folder (like one made by
// `folio new site`) builds with it.
package themes

import (
	"embed"
	"io/fs"
)

//go:embed default
var files embed.FS

// Default returns the default theme: layouts/ (html/template files) and
// static/ (CSS, JavaScript, images) at its root.
func Default() fs.FS {
	sub, err := fs.Sub(files, "default")
	if err != nil {
		panic(err) // "default" is embedded above; this cannot fail
	}
	return sub
}
