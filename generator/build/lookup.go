package build

import (
	"io/fs"
	"strings"

	"github.com/folio-sites/folio/generator"
	"github.com/folio-sites/folio/generator/chart"
	"github.com/folio-sites/folio/generator/render"
	"github.com/folio-sites/folio/generator/site"
)

// output is how to make one file of the site when it is asked for.
type output struct {
	page  *site.Page
	chart *chart.Chart
	extra bool
	file  generator.File // a static file or evidence file, as it is published
}

// Lookup returns the file the build would write at path (slash-separated,
// relative to the output folder), made when it is first asked for: a page
// is rendered then, and kept for the next request. Files copied from the
// site or the theme keep their Source, to be read when sent. ok is false
// when the build writes no such file; err is a template that failed, as a
// *generator.DiagnosticsError, or a panic recovered into one. The model
// must have loaded without errors.
func (m *Model) Lookup(path string) (f generator.File, ok bool, err error) {
	if !m.ok {
		return generator.File{}, false, nil
	}
	m.once.Do(m.buildIndex)
	out, ok := m.index[path]
	if !ok {
		if out, ok, err = m.undrawnChart(path); err != nil {
			return generator.File{}, true, err
		}
	}
	if !ok {
		return generator.File{}, false, nil
	}
	switch {
	case out.page != nil:
		if data, ok := m.pages.Load(path); ok {
			return generator.File{Path: path, Data: data.([]byte)}, true, nil
		}
		data, err := m.renderPage(out.page)
		if err != nil {
			return generator.File{}, true, err
		}
		m.pages.Store(path, data)
		return generator.File{Path: path, Data: data}, true, nil
	case out.chart != nil:
		return generator.File{Path: path, Data: out.chart.CSV()}, true, nil
	case out.extra:
		f, _ := render.Extra(m.Site, path)
		if m.theme.minifier != nil {
			if _, err := m.theme.minifier.File(&f); err != nil {
				return generator.File{}, true, err
			}
		}
		return f, true, nil
	}
	return out.file, true, nil
}

// renderPage renders one page (from minified layouts, when asked).
func (m *Model) renderPage(p *site.Page) (data []byte, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = generator.Diagnostics{crashIn("render", render.Source(p), r).Diagnostic()}.Err()
		}
	}()
	return render.Page(m.Site, p, m.theme.templates, m.theme.assets)
}

// buildIndex maps every output path to how to make it.
func (m *Model) buildIndex() {
	s := m.Site
	idx := make(map[string]output, 2*len(s.Pages)+len(s.Content.Artifacts)+len(m.theme.static)+len(render.ExtraPaths))
	for _, f := range m.theme.static {
		idx[f.Path] = output{file: f}
	}
	if contentFS, err := fs.Sub(m.fsys, "content"); err == nil {
		for _, a := range s.Content.Artifacts {
			idx[a.Path] = output{file: generator.File{Path: a.Path, Source: a.Path, SourceFS: contentFS}}
		}
	}
	for _, p := range render.ExtraPaths {
		idx[p] = output{extra: true}
	}
	for _, p := range s.Pages {
		idx[site.OutputPath(p.URL)] = output{page: p}
		if !p.SectionsDrawn() {
			continue // its charts' CSVs are found when asked for: undrawnChart
		}
		for _, c := range p.Charts() {
			if c.Home == p.URL {
				idx[strings.TrimPrefix(c.CSVPath(), "/")] = output{chart: c}
			}
		}
	}
	m.index = idx
}

// undrawnChart finds the CSV at p among the charts of the page of its
// folder, whose charts were not drawn when the index was made (a school's
// are drawn when asked for: see site.Page.Sections): they are drawn now,
// if they still are not.
func (m *Model) undrawnChart(p string) (out output, ok bool, err error) {
	if !strings.HasSuffix(p, ".csv") {
		return output{}, false, nil
	}
	page, found := m.index[site.OutputPath(folderURL(p))]
	if !found || page.page == nil || page.page.URL != folderURL(p) {
		return output{}, false, nil
	}
	defer func() {
		if r := recover(); r != nil {
			out, ok, err = output{}, false, generator.Diagnostics{crashIn("render", render.Source(page.page), r).Diagnostic()}.Err()
		}
	}()
	for _, c := range page.page.Charts() {
		if c.Home == page.page.URL && strings.TrimPrefix(c.CSVPath(), "/") == p {
			return output{chart: c}, true, nil
		}
	}
	return output{}, false, nil
}
