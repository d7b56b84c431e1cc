package render

import (
	"bytes"
	"fmt"
	"html"
	"html/template"
	"strings"
	"sync"

	"github.com/folio-sites/folio/generator"
	"github.com/folio-sites/folio/generator/chart"
	"github.com/folio-sites/folio/generator/internal/parallel"
	"github.com/folio-sites/folio/generator/site"
)

// Assets says under which name, and with which Subresource Integrity
// digest, each static file of the theme is published. The publishing stage
// decides (it may give files content-hashed names); render only asks.
type Assets interface {
	// Lookup returns the site-absolute path the static file at p
	// ("/css/folio.css") is published under, and its integrity value ("" for
	// none).
	Lookup(p string) (path, integrity string)
}

// SameNames are the Assets of a build that publishes static files under
// their own names, without digests.
type SameNames struct{}

// Lookup implements Assets.
func (SameNames) Lookup(p string) (string, string) { return p, "" }

// PageData is what a layout receives as dot.
type PageData struct {
	Site *site.Site
	Page *site.Page
	// basePath is the path of the base URL ("/district-portfolio/"), or ""
	// when links are relative.
	basePath string
	// tmpl is the page's template set, for drawing inline charts.
	tmpl *template.Template
	// assets maps static files to their published (fingerprinted) names.
	assets Assets
}

// ChartTable is the data table of chart c as HTML (see chartTable). The
// board packet shows a school's charts again and makes their tables again:
// keeping every table of a render for it cost more memory than the few
// milliseconds it saved.
func (d *PageData) ChartTable(c *chart.Chart) template.HTML {
	return chartTable(c)
}

// T writes message id of the site's catalog (themes/default/i18n/en.yaml,
// overridden by the site's i18n/en.yaml) with its placeholders filled from
// name, value pairs: {{.T "figure.indicators" "n" 12}}.
func (d *PageData) T(id string, args ...any) string {
	return d.Site.Messages.Text(id, args...)
}

// Asset links a static file of the theme by its own path
// ("/css/folio.css"), whatever name it was published under.
func (d *PageData) Asset(p string) string {
	published, _ := d.assets.Lookup(p)
	return d.Href(published)
}

// Integrity is the Subresource Integrity digest of a static file, or ""
// when there is none. Digests are only written when the site has a base
// URL: browsers refuse integrity-checked files opened from disk
// (file://), which a site without a base URL must support.
func (d *PageData) Integrity(p string) string {
	if d.basePath == "" {
		return ""
	}
	_, integrity := d.assets.Lookup(p)
	return integrity
}

// IntegrityAttr is the whole integrity attribute of a static file's tag,
// space first (` integrity="sha384-…"`), or nothing when Integrity is "". A layout writes
// it whole because html/template writes a "+" in an attribute value as
// "&#43;": browsers decode it, but a tool that reads the attribute as it
// stands (a checker, a crawler) finds a digest that matches no file.
func (d *PageData) IntegrityAttr(p string) template.HTMLAttr {
	integrity := d.Integrity(p)
	if integrity == "" {
		return ""
	}
	return template.HTMLAttr(` integrity="` + html.EscapeString(integrity) + `"`)
}

// SecurityPolicy is the Content-Security-Policy meta element of a page of
// a site published at an absolute base URL, or nothing without one (a
// build opened from disk, or the preview, which injects its own script).
// Scripts may come only from the theme's static files listed in scripts
// ("/js/folio-charts.js"), at their published URLs: no inline script, no
// eval, no script from anywhere else (other project sites share a GitHub
// Pages origin, so 'self' would be too wide). Plugins are off and <base>
// cannot point elsewhere. A theme that adds a script lists it here.
func (d *PageData) SecurityPolicy(scripts ...string) template.HTML {
	if d.AbsURL("/") == "" {
		return ""
	}
	src := "'none'"
	if len(scripts) > 0 {
		urls := make([]string, len(scripts))
		for i, p := range scripts {
			published, _ := d.assets.Lookup(p)
			// A source expression may not hold ";" or ",".
			urls[i] = sourceExpression.Replace(d.AbsURL(published))
		}
		src = strings.Join(urls, " ")
	}
	policy := "script-src " + src + "; object-src 'none'; base-uri 'self'"
	// Quotes of 'none' and 'self' stay as they are inside the double-quoted
	// attribute, so the policy reads the same to a tool that does not
	// decode &#39;.
	return template.HTML(`<meta http-equiv="Content-Security-Policy" content="` + attrValue.Replace(policy) + `">`)
}

// sourceExpression escapes what a CSP source expression may not hold.
var sourceExpression = strings.NewReplacer(";", "%3B", ",", "%2C")

// attrValue escapes what could end or break a double-quoted attribute
// value, and nothing else.
var attrValue = strings.NewReplacer(`&`, "&amp;", `"`, "&#34;", `<`, "&lt;", `>`, "&gt;")

// AbsURL is the absolute URL of a site path under the base URL, or ""
// when the site has none (canonical links and feeds need absolute URLs).
func (d *PageData) AbsURL(p string) string {
	return AbsURL(d.Site.Config.BaseURL, p)
}

// AbsURL joins a base URL and a site-absolute path; "" without a base URL
// or when the base URL is only a path.
func AbsURL(baseURL, p string) string {
	if !strings.HasPrefix(baseURL, "http://") && !strings.HasPrefix(baseURL, "https://") {
		return ""
	}
	if !strings.HasSuffix(baseURL, "/") {
		baseURL += "/"
	}
	return baseURL + strings.TrimPrefix(p, "/")
}

// ChartCSV is the link to a chart's CSV download, written beside the page
// that owns the chart.
func (d *PageData) ChartCSV(c *chart.Chart) string {
	return d.Href(c.CSVPath())
}

// NarrativeBody is the narrative's HTML with each ```chart block's
// placeholder replaced by its chart (or by nothing, where the block had an
// error, which the build reports).
func (d *PageData) NarrativeBody() (template.HTML, error) {
	html, err := d.Page.Narrative.Body()
	if err != nil {
		return "", err
	}
	body := string(html)
	for i, c := range d.Page.Inline {
		var buf bytes.Buffer
		if c != nil {
			if err := d.tmpl.ExecuteTemplate(&buf, "chart", map[string]any{"data": d, "chart": c}); err != nil {
				return "", err
			}
		}
		body = strings.Replace(body, fmt.Sprintf("<!--folio:chart:%d-->", i), buf.String(), 1)
	}
	return template.HTML(body), nil
}

// Href turns a site-absolute path into a link from this page. With a base
// URL, it is the path under the base URL; without one, it is relative
// ("../../standards/issl-1a/index.html") so the folder works on any host
// and opened from disk, where folders do not open their index.html.
func (d *PageData) Href(target string) string {
	return generator.Link(d.basePath, d.Page.URL, target)
}

// IsCurrent reports whether target is this page or one of its ancestors,
// for marking the navigation.
func (d *PageData) IsCurrent(target string) bool {
	if target == "/" {
		return d.Page.URL == "/"
	}
	return strings.HasPrefix(d.Page.URL, target)
}

// Pages renders every page of s, linking static files through assets, on
// every core, and returns the files in page order. A template execution
// error is reported against the layout, and the page is left out.
func Pages(s *site.Site, ts *Templates, assets Assets, ds *generator.Diagnostics) []generator.File {
	per := make([][]generator.File, len(s.Pages))
	var mu sync.Mutex
	Stream(s, ts, assets, ds, func(i int, f generator.File) error {
		f = f.Kept()
		mu.Lock()
		per[i] = append(per[i], f)
		mu.Unlock()
		return nil
	})
	var out []generator.File
	for _, fs := range per {
		out = append(out, fs...)
	}
	return out
}

// Stream renders every page of s on every core and hands each file — the
// page and the CSV downloads of the charts it owns — to sink as soon as it
// is ready, with the index of its page, so a build can write pages instead
// of holding the whole site in memory; then it releases the page's chart
// sections (site.Page.ReleaseSections). sink is called from many goroutines.
// A page comes in a buffer that its File's Release gives back for the
// next page: a sink that writes the page calls it once written, one that
// keeps the page does not. It returns the first error of sink; template
// errors go to ds.
func Stream(s *site.Site, ts *Templates, assets Assets, ds *generator.Diagnostics, sink func(page int, f generator.File) error) error {
	var mu sync.Mutex
	var firstErr error
	order := renderOrder(s.Pages)
	parallel.ForEach(len(order), func(n int) {
		i := order[n]
		p := s.Pages[i]
		buf, d := page(s, p, ts, assets)
		if d != nil {
			mu.Lock()
			*ds = append(*ds, *d)
			mu.Unlock()
			return
		}
		// The page goes out in its buffer, not a copy: the writer gives
		// the buffer back (Release) once the page is on disk.
		err := sink(i, generator.File{Path: site.OutputPath(p.URL), Data: buf.Bytes(), Release: func() { putPageBuffer(buf) }})
		for _, c := range p.Charts() {
			if err == nil && c.Home == p.URL {
				err = sink(i, generator.File{Path: strings.TrimPrefix(c.CSVPath(), "/"), Data: c.CSV()})
			}
		}
		// Its files are out: a school's charts can go (they are drawn
		// again if asked for), so that a thousand schools' are not all
		// held until the end.
		p.ReleaseSections()
		if err != nil {
			mu.Lock()
			if firstErr == nil {
				firstErr = err
			}
			mu.Unlock()
		}
	})
	return firstErr
}

// renderOrder is the order Stream renders pages in: those that gather the
// whole district (the home page, the board packet, the list of schools,
// the framework) first, then the others as the site lists them. The
// gathering pages take longest (a tenth of a second each for a thousand
// schools): rendered last, as listed, they kept one core waiting for
// them at the end. The order changes nothing in what is written.
func renderOrder(pages []*site.Page) []int {
	order := make([]int, 0, len(pages))
	for pass := range 2 {
		for i, p := range pages {
			switch p.Kind {
			case site.KindHome, site.KindCompare, site.KindBoard, site.KindSchools, site.KindFramework:
				if pass == 0 {
					order = append(order, i)
				}
			default:
				if pass == 1 {
					order = append(order, i)
				}
			}
		}
	}
	return order
}

// Page renders one page of s, as Stream would, for a server that renders
// pages when they are asked for. A template that fails is returned as a
// *generator.DiagnosticsError at the layout's line.
func Page(s *site.Site, p *site.Page, ts *Templates, assets Assets) ([]byte, error) {
	buf, d := page(s, p, ts, assets)
	if d != nil {
		return nil, generator.Diagnostics{*d}.Err()
	}
	if buf.Cap() > keepUncopied {
		// The page keeps the buffer rather than a copy of it, which for
		// a 5 MB home page is 5 MB.
		return buf.Bytes(), nil
	}
	defer putPageBuffer(buf)
	return bytes.Clone(buf.Bytes()), nil
}

// keepUncopied is the size of buffer above which Page hands over the
// buffer itself rather than a copy: the preview keeps the pages it made,
// and a smaller page kept in its buffer would keep up to as much room
// again with it.
const keepUncopied = 1 << 20

// page executes p's layout into a buffer from pageBuffers, for the caller
// to put back (putPageBuffer) once the page is written.
func page(s *site.Site, p *site.Page, ts *Templates, assets Assets) (*bytes.Buffer, *generator.Diagnostic) {
	defer generator.Guard(Source(p))
	// A school's charts are drawn when first asked for: here, before the
	// layout runs, so that a crash while drawing them is a crash at the
	// school, not an error of the template that asked.
	p.Sections()
	if assets == nil {
		assets = SameNames{}
	}
	buf := getPageBuffer()
	t := ts.byKind[p.Kind]
	if err := t.ExecuteTemplate(buf, "base", &PageData{Site: s, Page: p, basePath: generator.BasePath(s.Config.BaseURL), tmpl: t, assets: assets}); err != nil {
		if plain := ts.asWritten[p.Kind]; plain != nil {
			// The compacted layout's lines are not the author's: run the
			// layout as written for the error's position.
			buf.Reset()
			if perr := plain.ExecuteTemplate(buf, "base", &PageData{Site: s, Page: p, basePath: generator.BasePath(s.Config.BaseURL), tmpl: plain, assets: assets}); perr != nil {
				err = perr
			}
		}
		putPageBuffer(buf)
		var ds generator.Diagnostics
		ds.Errorf(templatePos(err, "layouts/"+string(p.Kind)+".html"), "while rendering "+p.URL, "%s", templateMessage(err))
		return nil, &ds[0]
	}
	return buf, nil
}

// pageBuffers hold the buffers pages are rendered into. A page grown in a
// fresh buffer is copied at every doubling (a quarter of a school page's
// rendering time); from a free buffer, it is written once, and a build
// writes it to disk from there (Stream) before the buffer is used again.
// They are kept in a list of their own rather than a sync.Pool, which the
// garbage collector empties: it runs about twenty times while a
// 1,000-school site renders, and every buffer it took was grown again
// (47 MB of copies). The list holds about as many as can be in use at
// once: pages being rendered, and those waiting to be written.
var pageBuffers = make(chan *bytes.Buffer, 64)

// maxPooledBuffer is the largest buffer kept for reuse, which bounds what
// the list holds (16 MiB at most, a few MiB in practice): the few large
// pages (a big district's home page or framework) would otherwise pin
// their size. Putting back a larger one does nothing.
const maxPooledBuffer = 256 << 10

// getPageBuffer takes a free buffer, or makes one.
func getPageBuffer() *bytes.Buffer {
	select {
	case buf := <-pageBuffers:
		return buf
	default:
		return new(bytes.Buffer)
	}
}

// putPageBuffer gives buf back, empty, for another page.
func putPageBuffer(buf *bytes.Buffer) {
	if buf.Cap() > maxPooledBuffer {
		return
	}
	buf.Reset()
	select {
	case pageBuffers <- buf:
	default: // the list is full: let this one go
	}
}

// Source is the file a page is made from, for messages: a narrative's or
// a school's markdown, else its layout.
func Source(p *site.Page) string {
	switch {
	case p.Narrative != nil:
		return p.Narrative.Source
	case p.School != nil && p.Kind == site.KindSchool:
		return p.School.Source
	}
	return "layouts/" + string(p.Kind) + ".html"
}
