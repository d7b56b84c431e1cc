package content

import (
	"bytes"
	"html/template"
	"slices"

	"github.com/folio-sites/folio/generator"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Markdown renders narrative bodies to HTML. It is safe for concurrent use:
// everything that belongs to one page lives in that page's parser context.
type Markdown struct {
	md goldmark.Markdown
	// basePath is the site's base path, for the links of a body (see
	// siteLink); "" writes them relative to the page.
	basePath string
}

// NewMarkdown returns a renderer for the site's markdown settings.
func NewMarkdown(cfg generator.MarkdownConfig) *Markdown {
	ropts := []renderer.Option{
		// Ahead of the defaults (lower runs last, so it wins): accessible
		// task checkboxes and chart placeholders.
		renderer.WithNodeRenderers(util.Prioritized(folioRenderer{}, 100)),
	}
	if cfg.UnsafeHTML {
		ropts = append(ropts, html.WithUnsafe())
	} else {
		ropts = append(ropts, renderer.WithNodeRenderers(util.Prioritized(escapedHTMLRenderer{}, 100)))
	}
	return &Markdown{md: goldmark.New(
		goldmark.WithExtensions(gfm, extension.Footnote, extension.DefinitionList, extension.Typographer),
		goldmark.WithParserOptions(
			parser.WithAutoHeadingID(),
			parser.WithAttribute(),
			parser.WithASTTransformers(util.Prioritized(folioTransformer{}, 100)),
		),
		goldmark.WithRendererOptions(ropts...),
	)}
}

// Under returns a renderer like m whose bodies' links point under the
// site's base path (see siteLink): generator.BasePath of its base URL.
func (m *Markdown) Under(basePath string) *Markdown {
	return &Markdown{md: m.md, basePath: basePath}
}

// pageState is what the transformer learns about one page while parsing.
type pageState struct {
	file string
	// pageURL and dir are where the body is shown, and the folder its
	// file is in (see bodyPage); basePath the site's (see siteLink).
	pageURL, dir, basePath string
	firstLine              int
	lines                  lineIndex
	charts                 []generator.ChartBlock
	links                  []generator.LocalLink
	ids                    *headingIDs
	ds                     *generator.Diagnostics
}

var pageStateKey = parser.NewContextKey()

// Render converts body (markdown without front matter) to HTML. file and
// firstLine (the file line of the body's first line) position what it
// reports in ds: a body over [MaxMarkdownSize] or nested deeper than
// [MaxNesting] is an error and renders nothing; heading attributes other
// than an id and classes are dropped with a warning. summary is the first
// paragraph as plain text, shortened to about 200 characters; charts are
// the chart blocks in order, each replaced in html by <!--folio:chart:N-->.
// A firstLine below 1 is taken as 1.
func (m *Markdown) Render(body []byte, file string, firstLine int, ds *generator.Diagnostics) (html template.HTML, summary string, charts []generator.ChartBlock) {
	r := m.read(body, file, firstLine, ds, true)
	return r.html, r.summary, r.charts
}

// readBody is what reading a body gives: Render's results, and the links
// into the site it holds.
type readBody struct {
	html    template.HTML
	summary string
	charts  []generator.ChartBlock
	links   []generator.LocalLink
}

// read is Render, also returning the body's links; without withHTML it
// checks the body and makes no HTML (the preview makes it when a page
// asks, with HTML).
func (m *Markdown) read(body []byte, file string, firstLine int, ds *generator.Diagnostics, withHTML bool) readBody {
	doc, st := m.parse(body, file, firstLine, ds)
	if doc == nil {
		return readBody{}
	}
	r := readBody{summary: summarize(doc, body), charts: st.charts, links: st.links}
	if withHTML {
		html, err := m.html(body, doc)
		if err != nil {
			ds.Errorf(generator.Pos{File: file, Line: max(firstLine, 1)}, "", "cannot render markdown: %v", err)
			return readBody{}
		}
		r.html = html
	}
	return r
}

// HTML is the html of Render, for a body whose problems read has
// reported.
func (m *Markdown) HTML(body []byte, file string, firstLine int) (template.HTML, error) {
	var ds generator.Diagnostics
	doc, _ := m.parse(body, file, firstLine, &ds)
	if doc == nil {
		return "", nil
	}
	return m.html(body, doc)
}

// parse parses body, reporting its problems in ds; nil when it is too
// large, too deeply nested, or holds links that would take too long to
// parse.
func (m *Markdown) parse(body []byte, file string, firstLine int, ds *generator.Diagnostics) (ast.Node, *pageState) {
	if firstLine < 1 {
		firstLine = 1
	}
	if !checkSize(file, int64(len(body)), ds) || !checkNesting(body, file, firstLine, ds) || !checkFootnotes(body, file, firstLine, ds) || !checkBrackets(body, file, firstLine, ds) || !checkLinkScan(body, file, firstLine, ds) {
		return nil, nil
	}
	st := &pageState{file: file, firstLine: firstLine, lines: lineIndex{src: body}, ids: newHeadingIDs(), ds: ds, basePath: m.basePath}
	st.pageURL, st.dir = bodyPage(file)
	ctx := parser.NewContext(parser.WithIDs(st.ids))
	ctx.Set(pageStateKey, st)
	return m.md.Parser().Parse(text.NewReader(body), parser.WithContext(ctx)), st
}

func (m *Markdown) html(body []byte, doc ast.Node) (template.HTML, error) {
	var buf bytes.Buffer
	// HTML is about as long as its markdown, a little more: grown once
	// rather than by doubling (72 MB of copies in a 1,000-school build).
	buf.Grow(len(body) + len(body)/4 + 512)
	if err := m.md.Renderer().Render(directWriter{&buf}, body, doc); err != nil {
		return "", err
	}
	return template.HTML(buf.String()), nil
}

// directWriter gives goldmark's renderer the buffer itself as the
// buffered writer it asks for (util.BufWriter), with nothing to flush:
// given a plain writer, it writes through a 4 KB bufio.Writer made for
// each narrative, and copies everything once more.
type directWriter struct{ *bytes.Buffer }

// Buffered is 0: every byte is in the buffer already.
func (directWriter) Buffered() int { return 0 }

// Flush has nothing to do.
func (directWriter) Flush() error { return nil }

// lineIndex turns byte offsets of a source into line numbers, in
// logarithmic time once the line starts are known (computed on first use).
type lineIndex struct {
	src    []byte
	starts []int
}

// line is the 0-based line of offset.
func (li *lineIndex) line(offset int) int {
	if li.starts == nil {
		li.starts = []int{0}
		for i, c := range li.src {
			if c == '\n' {
				li.starts = append(li.starts, i+1)
			}
		}
	}
	n, _ := slices.BinarySearch(li.starts, offset+1)
	return n - 1
}

// A directWriter is what goldmark looks for to write without a buffer of
// its own.
var _ util.BufWriter = directWriter{}
