package render

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/folio-sites/folio/generator"
	"github.com/folio-sites/folio/generator/sitefs"
	"github.com/folio-sites/folio/themes"
)

// Theme is the merged view of a site's layout and static files over its
// theme's.
type Theme struct {
	// Name is the theme's name from folio.yaml.
	Name string
	// layouts and static map a path relative to layouts/ or static/ to the
	// layer file that wins.
	layouts map[string]layerFile
	static  map[string]layerFile
}

type layerFile struct {
	fsys fs.FS
	path string // within fsys
	// display is the path shown in diagnostics, relative to the site.
	display string
}

type layer struct {
	fsys    fs.FS
	prefix  string // folder within fsys holding layouts/ and static/
	display string // how that folder is named in diagnostics
}

// LoadTheme finds the files of the named theme under siteFS (the site
// folder), with the site's own layouts/ and static/ taking precedence.
func LoadTheme(siteFS fs.FS, name string) (*Theme, error) {
	layers := []layer{{fsys: siteFS, prefix: ".", display: ""}}
	themeDir := path.Join("themes", name)
	if fi, err := fs.Lstat(siteFS, themeDir); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
		return nil, fmt.Errorf("theme '%s': %s is a symbolic link, which folio does not follow", name, themeDir)
	} else if fi, err := fs.Stat(siteFS, themeDir); err == nil && fi.IsDir() {
		layers = append(layers, layer{fsys: siteFS, prefix: themeDir, display: themeDir + "/"})
	} else if name != generator.DefaultTheme {
		return nil, fmt.Errorf("theme '%s' not found: there is no %s/ folder in the site (remove theme: from folio.yaml to use the built-in default theme)", name, themeDir)
	}
	if name == generator.DefaultTheme {
		layers = append(layers, layer{fsys: themes.Default(), prefix: ".", display: "themes/default/ (built in) "})
	}
	th := &Theme{Name: name, layouts: map[string]layerFile{}, static: map[string]layerFile{}}
	for _, l := range layers {
		if err := l.collect("layouts", th.layouts); err != nil {
			return nil, err
		}
		if err := l.collect("static", th.static); err != nil {
			return nil, err
		}
	}
	if _, ok := th.layouts["base.html"]; !ok {
		return nil, fmt.Errorf("theme '%s' has no layouts/base.html", name)
	}
	// A page kind added after a theme was written: its layout, which
	// defines only "main" from page data any theme has, is the default
	// theme's until the theme writes its own.
	for _, added := range []string{"compare.html"} {
		if _, ok := th.layouts[added]; !ok {
			th.layouts[added] = layerFile{fsys: themes.Default(), path: "layouts/" + added, display: "themes/default/ (built in) layouts/" + added}
		}
	}
	return th, nil
}

// collect adds the files under l's dir that no earlier layer provided.
func (l layer) collect(dir string, into map[string]layerFile) error {
	root := path.Join(l.prefix, dir)
	err := fs.WalkDir(l.fsys, root, func(p string, d fs.DirEntry, err error) error {
		if errors.Is(err, sitefs.ErrSymlink) {
			return nil // never followed; sitefs.Check reports it
		}
		if err != nil {
			return err
		}
		if sitefs.IsLink(d) {
			return nil
		}
		if sitefs.Ignored(d.Name()) && p != root {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		rel := strings.TrimPrefix(p, root+"/")
		if _, taken := into[rel]; !taken {
			into[rel] = layerFile{fsys: l.fsys, path: p, display: l.display + dir + "/" + rel}
		}
		return nil
	})
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}

// StaticFiles returns the theme's static files to copy to the output root
// (static/css/folio.css → css/folio.css), sorted by path.
func (th *Theme) StaticFiles() []generator.File {
	out := make([]generator.File, 0, len(th.static))
	for rel, f := range th.static {
		out = append(out, generator.File{Path: rel, Source: f.path, SourceFS: f.fsys})
	}
	slices.SortFunc(out, func(a, b generator.File) int { return strings.Compare(a.Path, b.Path) })
	return out
}
