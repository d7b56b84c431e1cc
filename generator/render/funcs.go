package render

import (
	"fmt"
	"html"
	"html/template"
	"net/url"
	"path"
	"strconv"
	"strings"

	"github.com/folio-sites/folio/generator/chart"
	"time"

	"github.com/folio-sites/folio/generator/site"
)

// funcs are the functions templates can call. URL functions return
// site-absolute paths; pass them through .Href to link from a page.
var funcs = template.FuncMap{
	"narrativeURL": site.NarrativeURL,
	"schoolURL":    site.SchoolURL,
	"artifactURL":  site.ArtifactURL,
	"date":         formatDate,
	"isoDate":      func(t time.Time) string { return t.Format("2006-01-02") },
	"size":         formatSize,
	"join":         strings.Join,
	"plural":       plural,
	"stageLabel":   stageLabel,
	"dict":         dict,
	"text":         text,
	"base":         path.Base,
	"chartOption":  chartOption,
}

// chartTable writes a chart's data table: caption, a header row, and one
// row per table row whose first cell heads the row. It is written in Go
// rather than as a template loop because a district's charts hold
// hundreds of thousands of cells, and calling a template function per
// cell was a fifth of a large build's time. A theme may still lay the
// table out itself from .Table.
func chartTable(c *chart.Chart) template.HTML {
	var b strings.Builder
	writeChartTable(&b, c)
	return template.HTML(b.String())
}

// writeChartTable writes chartTable into b.
func writeChartTable(b *strings.Builder, c *chart.Chart) {
	t := c.Table()
	// Grown once: a 1,000-school heatmap's table is 2.8 MB, which doubling
	// copies several times over.
	size := 64 + len(t.Caption)
	for _, col := range t.Columns {
		size += len(`<th scope="col"></th>`) + len(col)
	}
	for _, row := range t.Rows {
		size += len("<tr></tr>\n") + len(`<th scope="row"></th>`)
		for _, cell := range row {
			size += len("<td></td>") + len(cell)
		}
	}
	b.Grow(size)
	b.WriteString("<table>\n<caption>")
	b.WriteString(html.EscapeString(t.Caption))
	b.WriteString("</caption>\n<thead><tr>")
	for _, col := range t.Columns {
		b.WriteString(`<th scope="col">`)
		b.WriteString(html.EscapeString(col))
		b.WriteString("</th>")
	}
	b.WriteString("</tr></thead>\n<tbody>\n")
	for _, row := range t.Rows {
		b.WriteString("<tr>")
		for i, cell := range row {
			if i == 0 {
				b.WriteString(`<th scope="row">`)
				b.WriteString(html.EscapeString(cell))
				b.WriteString("</th>")
			} else {
				b.WriteString("<td>")
				b.WriteString(html.EscapeString(cell))
				b.WriteString("</td>")
			}
		}
		b.WriteString("</tr>\n")
	}
	b.WriteString("</tbody>\n</table>")
}

// linkName is the file name a link ends with, as it was written: an
// evidence file's URL escapes its name (see site.ArtifactURL).
func linkName(u string) string {
	name := path.Base(u)
	if n, err := url.PathUnescape(name); err == nil {
		return n
	}
	return name
}

// chartOption writes a chart's ECharts option as a JSON data block, the
// element folio-charts.js draws from (it sits right after the chart's
// canvas, inside its figure). Markdown cannot produce a <script> element
// (raw HTML is shown as text unless unsafe_html), so an author cannot
// hand the loader an option of their own. The JSON can hold no "<", so it
// cannot end the element early: chart.Chart.Option escapes it, and so
// does jsonEscaper again here, for any option made some other way (in
// valid JSON these characters occur only inside strings, where the \u
// escape means the same).
func chartOption(c *chart.Chart) template.HTML {
	var b strings.Builder
	writeChartOption(&b, c)
	return template.HTML(b.String())
}

// writeChartOption writes chartOption into b.
func writeChartOption(b *strings.Builder, c *chart.Chart) {
	o := c.Option()
	b.Grow(len(o) + 64)
	b.WriteString(`<script type="application/json" class="chart-option">`)
	jsonEscaper.WriteString(b, o)
	b.WriteString(`</script>`)
}

var jsonEscaper = strings.NewReplacer("<", `\u003c`, ">", `\u003e`, "&", `\u0026`)

// text escapes s for HTML text the way readers expect to find it in the
// source: html/template's own escaper also writes "+" as "&#43;", which
// makes "+5.0 pp" unsearchable in the page source and in tests.
func text(s string) template.HTML {
	return template.HTML(html.EscapeString(s))
}

// dict builds a map from key/value pairs, to pass several values to a
// partial: {{template "x" (dict "data" . "items" .List)}}.
func dict(pairs ...any) (map[string]any, error) {
	if len(pairs)%2 != 0 {
		return nil, fmt.Errorf("dict needs key/value pairs, got %d values", len(pairs))
	}
	m := make(map[string]any, len(pairs)/2)
	for i := 0; i < len(pairs); i += 2 {
		k, ok := pairs[i].(string)
		if !ok {
			return nil, fmt.Errorf("dict key %v is not a string", pairs[i])
		}
		m[k] = pairs[i+1]
	}
	return m, nil
}

func formatDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("January 2, 2006")
}

// formatSize writes a file size as a reader expects: 850 bytes, 12 KB, 3.4 MB.
func formatSize(n int64) string {
	switch {
	case n < 1000:
		return fmt.Sprintf("%d bytes", n)
	case n < 1000*1000:
		return fmt.Sprintf("%d KB", (n+500)/1000)
	default:
		return fmt.Sprintf("%.1f MB", float64(n)/1e6)
	}
}

// plural writes "1 narrative" or "3 narratives".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

func stageLabel(stage string) string {
	if stage == "" {
		return ""
	}
	return strings.ToUpper(stage[:1]) + stage[1:]
}

// IndicatorTable writes an installation section's table of indicators,
// folded in a <details>: each indicator's current status, when it was
// observed, its count, its evidence and note. Like chartTable it is
// written in Go rather than as a layout loop: a school's 45 rows of 7
// template actions each were a third of its page's rendering. Values are
// escaped exactly as html/template escapes them (escape.go); a theme may
// still write the table itself from the section's .Indicators. The
// table has no white space between its tags, as the compacted layout
// wrote it; with layouts as written (the preview, --minify=false) the
// loop wrote newlines and indentation there, which browsers ignore.
func (d *PageData) IndicatorTable(rows []site.IndicatorRow) template.HTML {
	t := func(id string, args ...any) string { return escapeText(d.T(id, args...)) }
	var b strings.Builder
	size := 1024
	for _, r := range rows {
		size += 200 + len(r.ID) + len(r.Text) + len(r.Status) + len(r.Date) + len(r.Value) + 2*len(r.Evidence) + len(r.Note)
	}
	b.Grow(size)
	b.WriteString(`<details class="indicators"><summary>`)
	b.WriteString(t("figure.indicators", "n", len(rows)))
	b.WriteString(`</summary><div class="table-scroll"><table><caption>`)
	b.WriteString(t("figure.indicators.caption"))
	b.WriteString(`</caption><thead><tr>`)
	for _, col := range []string{"indicator", "status", "observed", "count", "evidence", "note"} {
		b.WriteString(`<th scope="col">`)
		b.WriteString(t("figure.indicators.col." + col))
		b.WriteString(`</th>`)
	}
	b.WriteString(`</tr></thead><tbody>`)
	for _, r := range rows {
		b.WriteString(`<tr><th scope="row"><span class="code">`)
		b.WriteString(escapeText(r.ID))
		b.WriteString(`</span> `)
		b.WriteString(escapeText(r.Text))
		b.WriteString(`</th>`)
		for _, cell := range []string{r.Status, r.Date, r.Value} {
			b.WriteString(`<td>`)
			b.WriteString(escapeText(cell))
			b.WriteString(`</td>`)
		}
		b.WriteString(`<td>`)
		if r.Evidence != "" {
			b.WriteString(`<a href="`)
			b.WriteString(escapeURLAttr(d.Href(r.Evidence)))
			b.WriteString(`">`)
			b.WriteString(escapeText(linkName(r.Evidence)))
			b.WriteString(`</a>`)
		}
		b.WriteString(`</td><td>`)
		b.WriteString(escapeText(r.Note))
		b.WriteString(`</td></tr>`)
	}
	b.WriteString(`</tbody></table></div></details>`)
	return template.HTML(b.String())
}

// ChartFigure writes a chart's whole figure in the default theme: its
// title, summary and note, the box the chart is drawn in (a box that
// scrolls sideways for a kind too wide for a phone, Chart.Scrolls) with the words shown
// where no script draws it, the chart's option, and ChartData. Written in
// Go with html/template's escaping, byte for byte what the layout it
// replaced wrote (a test holds the two equal), because that layout's
// twenty actions, run for each of 10,000 figures at 1,000 schools, were a
// quarter of a school page's rendering. A theme that overrides
// partials/chart.html lays the figure out itself, from .Title, .Summary,
// .Note, .ID, .Height, chartOption and ChartData. The box the chart is
// drawn in is hidden from screen readers: they read the figure's title,
// its summary and its data table, which say all the drawing does (they
// heard the summary twice, read and then as the drawing's label).
func (d *PageData) ChartFigure(c *chart.Chart) template.HTML {
	id := escapeText(c.ID)
	notDrawn := escapeText(d.T("figure.not-drawn"))
	var b strings.Builder
	b.Grow(4*len(id) + 2*len(c.Title) + 2*len(c.Summary) + len(c.Note) + len(notDrawn) + 512)
	b.WriteString(`<figure class="chart chart-`)
	b.WriteString(escapeText(c.Kind))
	if cols := c.Columns(); cols > 10 {
		b.WriteString(" chart-wide chart-landscape")
	} else if cols > 6 {
		b.WriteString(" chart-wide")
	}
	b.WriteString(`" aria-labelledby="`)
	b.WriteString(id)
	b.WriteString("-title\">\n  <figcaption>\n    <p class=\"chart-title\" id=\"")
	b.WriteString(id)
	b.WriteString(`-title">`)
	b.WriteString(string(text(c.Title)))
	b.WriteString("</p>\n    <p class=\"chart-summary\">")
	b.WriteString(string(text(c.Summary)))
	b.WriteString("</p>")
	if c.Note != "" {
		b.WriteString("\n    <p class=\"chart-note\">")
		b.WriteString(string(text(c.Note)))
		b.WriteString("</p>")
	}
	b.WriteString("\n  </figcaption>")
	canvas := func() {
		b.WriteString(`<div class="chart-canvas" id="`)
		b.WriteString(id)
		b.WriteString(`" aria-hidden="true" style="height:`)
		b.WriteString(strconv.Itoa(c.Height))
		b.WriteString(`px"><p class="chart-not-drawn">`)
		b.WriteString(notDrawn)
		b.WriteString("</p></div>")
	}
	if c.Scrolls() {
		// Too many columns for a phone: the drawing keeps a readable
		// width and scrolls sideways inside its own box, which the
		// keyboard can scroll. Where it does (a phone), a line above it
		// says so to the eye; the box's name says it to a screen reader.
		b.WriteString("\n  <p class=\"chart-scroll-hint\" aria-hidden=\"true\">")
		b.WriteString(escapeText(d.T("figure.scrolls.hint")))
		b.WriteString("</p>")
		b.WriteString("\n  <div class=\"chart-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"")
		b.WriteString(escapeText(d.T("figure.scrolls", "title", c.Title)))
		b.WriteString("\">\n    ")
		canvas()
		b.WriteString("\n  </div>")
	} else {
		b.WriteString("\n  ")
		canvas()
	}
	b.WriteString("\n  ")
	writeChartOption(&b, c)
	b.WriteString("\n  ")
	d.writeChartData(&b, c)
	b.WriteString("\n</figure>")
	return template.HTML(b.String())
}

// ChartData writes the end of a chart's figure in the default theme: its
// data table folded in a <details> with the link to its CSV download, and
// the line printed in place of the table, which says where the data is.
// Written in Go for the reason IndicatorTable is (it was two fifths of the
// figure's rendering time, over 10,000 figures at 1,000 schools), with
// html/template's escaping; a theme may still write it from .ChartTable,
// .ChartCSV and .T.
func (d *PageData) ChartData(c *chart.Chart) template.HTML {
	var b strings.Builder
	d.writeChartData(&b, c)
	return template.HTML(b.String())
}

// writeChartData writes ChartData into b.
func (d *PageData) writeChartData(b *strings.Builder, c *chart.Chart) {
	dataTable := escapeText(d.T("figure.data-table"))
	title := escapeText(c.Title)
	csv := d.ChartCSV(c)
	printed := d.AbsURL(c.CSVPath())
	if printed == "" {
		printed = csv
	}
	b.Grow(2*len(title) + 3*len(csv) + 512)
	b.WriteString("<details class=\"chart-data\">\n    <summary>")
	b.WriteString(dataTable)
	b.WriteString(`<span class="visually-hidden">: `)
	b.WriteString(title)
	b.WriteString("</span></summary>\n    <div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"")
	b.WriteString(dataTable)
	b.WriteString(": ")
	b.WriteString(title)
	b.WriteString("\">\n      ")
	writeChartTable(b, c)
	b.WriteString("\n    </div>\n    <p><a href=\"")
	b.WriteString(escapeURLAttr(csv))
	b.WriteString("\" download>")
	b.WriteString(escapeText(d.T("figure.download")))
	b.WriteString("</a></p>\n  </details>\n  <p class=\"chart-csv\">")
	const at = "\ue000" // where the address goes, a character no message holds
	line := escapeText(d.T("figure.data-table.print", "url", at))
	b.WriteString(strings.Replace(line, at, breakableAddress(printed), 1))
	b.WriteString("</p>")
}

// breakableAddress is address escaped as text, where a printed line may
// break after a slash or before an underscore (past its scheme's "//"):
// on paper it broke mid-word ("principals_t / rust.csv"). The <wbr> tags
// go into the escaped text, whose entities hold neither character.
func breakableAddress(address string) string {
	scheme, rest := "", address
	if i := strings.Index(address, "://"); i >= 0 {
		scheme, rest = address[:i+3], address[i+3:]
	}
	return escapeText(scheme) + addressBreaks.Replace(escapeText(rest))
}

// addressBreaks puts breakableAddress's <wbr> tags in; made once, as a
// Replacer builds its tables on first use.
var addressBreaks = strings.NewReplacer("/", "/<wbr>", "_", "<wbr>_")
