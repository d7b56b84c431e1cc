package render

import (
	"fmt"
	"html/template"
	"io/fs"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/folio-sites/folio/generator"
	"github.com/folio-sites/folio/generator/site"
)

// Templates holds one parsed template set per page kind.
type Templates struct {
	byKind map[site.Kind]*template.Template
}

var kinds = []site.Kind{
	site.KindHome, site.KindDistrict, site.KindSchools, site.KindSchool,
	site.KindNarrative, site.KindStandards, site.KindStandard, site.KindFramework,
	site.KindBoard, site.KindNotFound, site.KindGoals, site.KindChanges,
}

// Templates parses the theme's layouts. Parse errors are reported at the
// layout file and line.
func (th *Theme) Templates(ds *generator.Diagnostics) *Templates {
	names := make([]string, 0, len(th.layouts))
	for n := range th.layouts {
		if strings.HasSuffix(n, ".html") {
			names = append(names, n)
		}
	}
	slices.Sort(names)

	common := template.New("").Funcs(funcs)
	for _, n := range names {
		if isKindLayout(n) {
			continue
		}
		if !th.parse(common, n, ds) {
			return nil
		}
	}
	ts := &Templates{byKind: map[site.Kind]*template.Template{}}
	for _, k := range kinds {
		name := string(k) + ".html"
		if _, ok := th.layouts[name]; !ok {
			ds.Errorf(generator.Pos{File: "layouts/" + name}, "every theme needs one layout per page kind", "theme '%s' has no layout for %s pages", th.Name, k)
			continue
		}
		t := template.Must(common.Clone())
		if th.parse(t, name, ds) {
			ts.byKind[k] = t
		}
	}
	if ds.HasErrors() {
		return nil
	}
	return ts
}

func isKindLayout(name string) bool {
	return slices.Contains(kinds, site.Kind(strings.TrimSuffix(name, ".html")))
}

// parse adds layout name to t, named by its display path so that errors
// from html/template point at the right file.
func (th *Theme) parse(t *template.Template, name string, ds *generator.Diagnostics) bool {
	f := th.layouts[name]
	src, err := fs.ReadFile(f.fsys, f.path)
	if err != nil {
		ds.Errorf(generator.Pos{File: f.display}, "", "cannot read: %v", err)
		return false
	}
	if _, err := t.New(f.display).Parse(string(src)); err != nil {
		ds.Errorf(templatePos(err, f.display), "", "%s", templateMessage(err))
		return false
	}
	return true
}

// html/template errors read "template: FILE:LINE:COL: message" or
// "template: FILE:LINE: message"; the file is the display path.
var templateErr = regexp.MustCompile(`^(?:html/)?template: ([^:]+):(\d+)(?::(\d+))?: (?:executing "[^"]*" at <[^>]*>: )?(.*)$`)

func templatePos(err error, fallback string) generator.Pos {
	m := templateErr.FindStringSubmatch(err.Error())
	if m == nil {
		return generator.Pos{File: fallback}
	}
	line, _ := strconv.Atoi(m[2])
	col, _ := strconv.Atoi(m[3])
	return generator.Pos{File: m[1], Line: line, Col: col}
}

func templateMessage(err error) string {
	if m := templateErr.FindStringSubmatch(err.Error()); m != nil {
		return "template: " + m[4]
	}
	return fmt.Sprintf("template: %v", err)
}
