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
	// asWritten are the sets parsed from the layouts as written, when
	// byKind was parsed from compacted layouts: a page that fails is run
	// again with them, so that the error names the line the author wrote.
	asWritten map[site.Kind]*template.Template
}

var kinds = []site.Kind{
	site.KindHome, site.KindDistrict, site.KindSchools, site.KindSchool,
	site.KindNarrative, site.KindStandards, site.KindStandard, site.KindFramework,
	site.KindBoard, site.KindNotFound, site.KindGoals, site.KindChanges,
	site.KindCompare,
}

// Compact rewrites a layout's source into an equivalent smaller one (a
// minifier that leaves template actions alone), or fails.
type Compact func(src []byte) ([]byte, error)

// Templates parses the theme's layouts. Parse errors are reported at the
// layout file and line. With compact, pages are rendered from compacted
// layouts: minifying each layout once, here, makes every page as small as
// minifying each page would, at no cost per page. A layout that compact
// fails on, or whose compacted source does not parse, is used as written.
func (th *Theme) Templates(ds *generator.Diagnostics, compact Compact) *Templates {
	names := make([]string, 0, len(th.layouts))
	for n := range th.layouts {
		if strings.HasSuffix(n, ".html") {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	sources := make(map[string][]byte, len(names))
	for _, n := range names {
		f := th.layouts[n]
		src, err := fs.ReadFile(f.fsys, f.path)
		if err != nil {
			ds.Errorf(generator.Pos{File: f.display}, "", "cannot read: %v", err)
			return nil
		}
		sources[n] = src
	}
	for _, k := range kinds {
		name := string(k) + ".html"
		if _, ok := th.layouts[name]; !ok {
			ds.Errorf(generator.Pos{File: "layouts/" + name}, "every theme needs one layout per page kind", "theme '%s' has no layout for %s pages", th.Name, k)
		}
	}
	if ds.HasErrors() {
		return nil
	}
	written, errs := th.parseSets(names, sources)
	if len(errs) > 0 {
		for _, err := range errs {
			ds.Errorf(templatePos(err, ""), "", "%s", templateMessage(err))
		}
		return nil
	}
	if compact == nil {
		return &Templates{byKind: written}
	}
	small := make(map[string][]byte, len(sources))
	for n, src := range sources {
		if out, err := compact(src); err == nil {
			small[n] = out
		} else {
			small[n] = src
		}
	}
	compacted, errs := th.parseSets(names, small)
	if len(errs) > 0 {
		return &Templates{byKind: written}
	}
	return &Templates{byKind: compacted, asWritten: written}
}

// parseSets parses the partials (every layout that is not a page kind's)
// into a common set, then clones it for each page kind's layout. The
// errors, at the layouts' display paths, are the first broken partial's
// (the others cannot be parsed without it) or every broken page layout's.
func (th *Theme) parseSets(names []string, sources map[string][]byte) (map[site.Kind]*template.Template, []error) {
	common := template.New("").Funcs(funcs)
	for _, n := range names {
		if isKindLayout(n) {
			continue
		}
		if _, err := common.New(th.layouts[n].display).Parse(string(sources[n])); err != nil {
			return nil, []error{err}
		}
	}
	sets := make(map[site.Kind]*template.Template, len(kinds))
	var errs []error
	for _, k := range kinds {
		name := string(k) + ".html"
		t := template.Must(common.Clone())
		if _, err := t.New(th.layouts[name].display).Parse(string(sources[name])); err != nil {
			errs = append(errs, err)
			continue
		}
		sets[k] = t
	}
	return sets, errs
}

func isKindLayout(name string) bool {
	return slices.Contains(kinds, site.Kind(strings.TrimSuffix(name, ".html")))
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
