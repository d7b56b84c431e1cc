package content

import (
	"bytes"
	"fmt"
	"html"
	"strconv"
	"strings"
	"unicode"

	"github.com/folio-sites/folio/generator"
	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// chartNode stands where a ```chart block was written.
type chartNode struct {
	ast.BaseBlock
	index int
}

var kindChart = ast.NewNodeKind("FolioChart")

func (n *chartNode) Kind() ast.NodeKind { return kindChart }

func (n *chartNode) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Index": strconv.Itoa(n.index)}, nil)
}

// tableBox holds a markdown table in a box that scrolls sideways on a
// narrow screen, so that the table's words stay whole ("superinten-dent"
// was split on phones to make the table fit); label names the box for
// screen readers and keyboard users, who may focus it to scroll: the
// table's column headings.
type tableBox struct {
	ast.BaseBlock
	label string
}

var kindTableBox = ast.NewNodeKind("FolioTableBox")

func (n *tableBox) Kind() ast.NodeKind { return kindTableBox }

func (n *tableBox) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Label": n.label}, nil)
}

// boxTable puts table t in a tableBox named by its column headings
// ("Structure, Who takes part, How often").
func boxTable(t *extast.Table, source []byte) {
	var names []string
	if head, ok := t.FirstChild().(*extast.TableHeader); ok {
		for c := head.FirstChild(); c != nil; c = c.NextSibling() {
			var b strings.Builder
			plainText(&b, c, source)
			if name := strings.Join(strings.Fields(b.String()), " "); name != "" {
				names = append(names, name)
			}
		}
	}
	box := &tableBox{label: strings.Join(names, ", ")}
	t.Parent().ReplaceChild(t.Parent(), t, box)
	box.AppendChild(box, t)
}

// folioTransformer moves body headings under the page's <h1> — the
// highest heading of the body becomes <h2>, and no level is skipped (a
// "####" after a "##" becomes <h3>), as screen readers and the W3C checker
// expect — makes heading ids unique, points links and images at where
// their files are published (siteLink), and takes out chart blocks.
type folioTransformer struct{}

func (folioTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	st, _ := pc.Get(pageStateKey).(*pageState)
	if st == nil {
		return
	}
	source := reader.Source()
	var charts []*ast.FencedCodeBlock
	var tables []*extast.Table
	seen := map[string]bool{}
	top := 6
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := n.(*ast.Heading); ok && entering {
			top = min(top, h.Level)
		}
		return ast.WalkContinue, nil
	})
	shift, prev := 2-top, 1
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			n.Level = max(2, min(n.Level+shift, prev+1, 6))
			prev = n.Level
			st.keepSafeAttributes(n, source)
			if v, ok := n.AttributeString("id"); ok {
				if id, ok := v.([]byte); ok {
					// An explicit {#id} may repeat one already used.
					if seen[string(id)] {
						id = st.ids.unique(string(id))
						n.SetAttributeString("id", id)
					}
					seen[string(id)] = true
				}
			}
		case *ast.Link:
			n.Destination = st.link(n, n.Destination, source)
		case *ast.Image:
			n.Destination = st.link(n, n.Destination, source)
		case *ast.FencedCodeBlock:
			if n.Info != nil && string(n.Language(source)) == "chart" {
				charts = append(charts, n)
			}
			return ast.WalkSkipChildren, nil
		case *extast.Table:
			tables = append(tables, n)
		}
		return ast.WalkContinue, nil
	})
	for _, t := range tables {
		boxTable(t, source)
	}
	for _, fence := range charts {
		var src bytes.Buffer
		for i := range fence.Lines().Len() {
			seg := fence.Lines().At(i)
			src.Write(seg.Value(source))
		}
		line := st.firstLine + st.lines.line(fence.Info.Segment.Start)
		node := &chartNode{index: len(st.charts)}
		st.charts = append(st.charts, generator.ChartBlock{
			Pos:    generator.Pos{File: st.file, Line: line},
			Source: src.String(),
		})
		fence.Parent().ReplaceChild(fence.Parent(), fence, node)
	}
}

// link rewrites the destination dest of the link or image n (see
// siteLink), and keeps where a link into the site leads, for the check
// that it leads somewhere (see checkLinks): from the destination as the
// renderer writes it, its backslash escapes and character references
// decoded (learning\_walk.pdf, caf&eacute;.jpg).
func (st *pageState) link(n ast.Node, dest []byte, source []byte) []byte {
	rewritten, local := siteLink(string(dest), st.dir, st.pageURL, st.basePath)
	if decoded := util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(dest))); !bytes.Equal(decoded, dest) {
		_, local = siteLink(string(decoded), st.dir, st.pageURL, st.basePath)
	}
	if local != "" {
		st.links = append(st.links, generator.LocalLink{
			Pos:     generator.Pos{File: st.file, Line: st.firstLine + st.lines.line(inlineStart(n, dest, source))},
			Written: string(dest),
			Target:  local,
		})
	}
	return []byte(rewritten)
}

// inlineStart is the offset in the source of the link or image n whose
// destination is dest: of its first words, or else of the first line of
// its paragraph that holds the destination, or else of that paragraph.
func inlineStart(n ast.Node, dest, source []byte) int {
	at := -1
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			at = t.Segment.Start
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	if at >= 0 {
		return at
	}
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Type() != ast.TypeBlock || p.Lines().Len() == 0 {
			continue
		}
		lines := p.Lines()
		for i := range lines.Len() {
			if seg := lines.At(i); bytes.Contains(seg.Value(source), dest) {
				return seg.Start
			}
		}
		return lines.At(0).Start
	}
	return 0
}

// keptAttributes are the heading attributes an author may write
// ("## Results {#results .wide}"). goldmark's own filter also lets style,
// every data-* attribute and more through, whatever html.WithUnsafe says:
// style can cover the page, and data-* reach the page's scripts.
var keptAttributes = map[string]bool{"id": true, "class": true}

// keepSafeAttributes drops every attribute of h but its id and class,
// warning about each at the heading's line.
func (st *pageState) keepSafeAttributes(h *ast.Heading, source []byte) {
	attrs := h.Attributes()
	if len(attrs) == 0 {
		return
	}
	h.RemoveAttributes()
	for _, a := range attrs {
		name := string(a.Name)
		if id, ok := a.Value.([]byte); ok && name == "id" && reservedID(string(id)) {
			// The author's {#main}: the theme's own; numbered.
			a.Value = st.ids.unique(string(id))
			st.ds.Warnf(st.headingPos(h), "choose another {#id}; the page gives this one to its own "+reservedWhat(string(id)),
				"heading id '%s' is written '%s'", id, a.Value)
		}
		if keptAttributes[name] {
			h.SetAttribute(a.Name, a.Value)
			continue
		}
		st.ds.Warnf(st.headingPos(h), "write only {#id} and {.class} after a heading",
			"heading attribute '%s' is ignored: only an id and classes are kept", name)
	}
}

// headingPos is the file line of heading h.
func (st *pageState) headingPos(h *ast.Heading) generator.Pos {
	line := st.firstLine
	if h.Lines().Len() > 0 {
		line += st.lines.line(h.Lines().At(0).Start)
	}
	return generator.Pos{File: st.file, Line: line}
}

// reservedWhat names what the theme gives a reserved id to.
func reservedWhat(id string) string {
	if id == "main" {
		return "main content, which its skip link leads to"
	}
	return "sections"
}

// folioRenderer renders chart placeholders and task-list checkboxes.
type folioRenderer struct{}

func (folioRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindChart, renderChart)
	reg.Register(kindTableBox, renderTableBox)
	reg.Register(extast.KindTaskCheckBox, renderTaskCheckBox)
}

func renderChart(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		fmt.Fprintf(w, "<!--folio:chart:%d-->\n", n.(*chartNode).index)
	}
	return ast.WalkSkipChildren, nil
}

// renderTableBox opens and closes a table's box: a region, which a
// keyboard can focus to scroll it (axe rule 'scrollable-region-focusable').
func renderTableBox(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		_, _ = w.WriteString("</div>\n")
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString(`<div class="table-scroll" tabindex="0" role="region"`)
	if label := n.(*tableBox).label; label != "" {
		_, _ = w.WriteString(` aria-label="`)
		_, _ = w.Write(util.EscapeHTML([]byte(label)))
		_ = w.WriteByte('"')
	}
	_, _ = w.WriteString(">\n")
	return ast.WalkContinue, nil
}

// renderTaskCheckBox labels the checkbox, which goldmark leaves without an
// accessible name (axe rule 'label').
func renderTaskCheckBox(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	if n.(*extast.TaskCheckBox).IsChecked {
		_, _ = w.WriteString(`<input type="checkbox" disabled checked aria-label="Done"> `)
	} else {
		_, _ = w.WriteString(`<input type="checkbox" disabled aria-label="Not done"> `)
	}
	return ast.WalkContinue, nil
}

// headingIDs derives ids from heading text, keeping letters and digits of
// any script ("Participación" → "participación"; goldmark's own generator
// drops non-ASCII letters), and numbers repeats: intro, intro-1, intro-2.
type headingIDs struct {
	used map[string]bool
	// next is the number to try first for each id that repeated, so that
	// n identical headings take linear time, not quadratic.
	next map[string]int
}

func newHeadingIDs() *headingIDs {
	return &headingIDs{used: map[string]bool{}, next: map[string]int{}}
}

// Generate implements parser.IDs.
func (h *headingIDs) Generate(value []byte, kind ast.NodeKind) []byte {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(string(value)) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		case unicode.IsSpace(r) || r == '-' || r == '_':
			dash = true
		}
	}
	id := b.String()
	if id == "" {
		id = "section"
		if kind != ast.KindHeading {
			id = "id"
		}
	}
	return h.unique(id)
}

// Put implements parser.IDs: an id written by the author is taken.
func (h *headingIDs) Put(value []byte) { h.used[string(value)] = true }

// reservedIDs are the ids the default theme gives elements around a
// page's text, on the pages that show one: the main content ("main", the
// skip link's target), the home page's letter, and the sections of a
// narrative, a school's or the district's page. A heading of the text
// that would take one is numbered instead ("main-1"), so that no id is on
// a page twice.
var reservedIDs = map[string]bool{
	"main": true, "letter": true, "letter-heading": true, "district-heading": true, "schools-heading": true,
	"standards-heading": true, "practices-heading": true, "artifacts-heading": true, "narratives-heading": true,
	"goals-heading": true, "since-heading": true, "beside-heading": true, "compare-heading": true,
	"evidence-installation": true, "evidence-trust": true, "evidence-achievement": true,
}

func reservedID(id string) bool { return reservedIDs[id] }

func (h *headingIDs) unique(id string) []byte {
	out := id
	if h.used[out] || reservedID(out) {
		i := max(h.next[id], 1)
		for ; h.used[out] || reservedID(out); i++ {
			out = id + "-" + strconv.Itoa(i)
		}
		h.next[id] = i
	}
	h.used[out] = true
	return []byte(out)
}

// escapedHTMLRenderer shows raw HTML in a narrative as text, escaped, when
// the site does not allow it (markdown.unsafe_html: false): an author who
// types <br> or <script> sees exactly what they wrote instead of losing it
// silently, and nothing of it reaches the page as markup.
type escapedHTMLRenderer struct{}

func (escapedHTMLRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindRawHTML, renderEscapedInline)
	reg.Register(ast.KindHTMLBlock, renderEscapedBlock)
}

func renderEscapedInline(w util.BufWriter, source []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		segs := n.(*ast.RawHTML).Segments
		for i := 0; i < segs.Len(); i++ {
			seg := segs.At(i)
			_, _ = w.WriteString(html.EscapeString(string(seg.Value(source))))
		}
	}
	return ast.WalkSkipChildren, nil
}

func renderEscapedBlock(w util.BufWriter, source []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	b := n.(*ast.HTMLBlock)
	var text strings.Builder
	lines := b.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		text.Write(seg.Value(source))
	}
	if b.HasClosure() {
		text.Write(b.ClosureLine.Value(source))
	}
	_, _ = w.WriteString(`<p class="raw-html">`)
	_, _ = w.WriteString(html.EscapeString(strings.TrimRight(text.String(), "\n")))
	_, _ = w.WriteString("</p>\n")
	return ast.WalkSkipChildren, nil
}
