package content

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// gfm is goldmark's extension.GFM (linkify, tables, strikethrough, task
// lists) with linkify asked only where a link may start. goldmark's
// linkify is asked at every space of every paragraph, and looks for a
// URL and then an e-mail address there each time: a sixth of parsing a
// narrative's markdown, and nearly all of it for words that are neither.
// The HTML is the same (FuzzQuickLinkify holds it to extension.GFM's).
var gfm goldmark.Extender = gfmExtension{}

type gfmExtension struct{}

// Extend adds what extension.GFM adds, in its order.
func (gfmExtension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithInlineParsers(
		util.Prioritized(quickLinkify{extension.NewLinkifyParser()}, 999), // as extension.Linkify
	))
	extension.Table.Extend(m)
	extension.Strikethrough.Extend(m)
	extension.TaskList.Extend(m)
}

// quickLinkify asks goldmark's linkify parser only where it may find a
// link: where the text after the trigger starts like http:, https:,
// ftp: or www. (it starts with h, f or w), or has an @ before its first
// space within the 65 bytes an e-mail address's name may take (see
// util.FindEmailIndex). Elsewhere linkify finds nothing, and returns
// nil without reading further: so does quickLinkify. That holds for
// linkify's default protocols only: quickLinkify passes no parser
// option on to it (other protocols would need other first letters).
type quickLinkify struct{ parser.InlineParser }

// Parse is linkify's Parse where a link may start, else nil.
func (q quickLinkify) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, _ := block.PeekLine()
	if len(line) > 0 {
		switch line[0] {
		case ' ', '*', '_', '~', '(': // the trigger, which linkify skips
			line = line[1:]
		}
	}
	if !mayLink(line) {
		return nil
	}
	return q.InlineParser.Parse(parent, block, pc)
}

// mayLink reports whether s may start a link linkify makes (see
// quickLinkify).
func mayLink(s []byte) bool {
	if len(s) == 0 {
		return false
	}
	switch s[0] {
	case 'h', 'f', 'w':
		return true
	}
	for _, c := range s[:min(len(s), 65)] {
		switch c {
		case '@':
			return true
		case ' ', '\t', '\n', '\r':
			return false
		}
	}
	return false
}
