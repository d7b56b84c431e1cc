package content

import (
	"bytes"
	"html"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/util"
)

// summaryLen is roughly how many characters a summary keeps.
const summaryLen = 200

// summarize returns the first paragraph of doc as plain text, whitespace
// collapsed, cut at a word boundary with "…" when longer than summaryLen.
func summarize(doc ast.Node, source []byte) string {
	var first ast.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering && n.Kind() == ast.KindParagraph {
			first = n
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	if first == nil {
		return ""
	}
	var b strings.Builder
	plainText(&b, first, source)
	return truncate(strings.Join(strings.Fields(b.String()), " "), summaryLen)
}

// plainText writes the text of n's inline children, as a reader sees it.
func plainText(b *strings.Builder, n ast.Node, source []byte) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			v := c.Value(source)
			// Without a backslash or an entity there is nothing to
			// unescape (and nothing to copy, as most text has neither).
			if !c.IsRaw() && bytes.ContainsAny(v, `\&`) {
				v = util.UnescapePunctuations(v)
				v = []byte(html.UnescapeString(string(v)))
			}
			b.Write(v)
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			// Typographer quotes and dashes arrive as entities (&ldquo;).
			b.WriteString(html.UnescapeString(string(c.Value)))
		case *ast.AutoLink:
			b.Write(c.Label(source))
		case *ast.RawHTML, *extast.FootnoteLink:
			// Neither is text a reader would see in a listing.
		default:
			plainText(b, c, source)
		}
	}
}

// truncate shortens s to at most n characters plus "…", at a word boundary
// when there is one.
func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	cut := s[:runeOffset(s, n)]
	if i := strings.LastIndexByte(cut, ' '); i > 0 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;:-–—") + "…"
}

// runeOffset returns the byte offset of the n-th rune of s.
func runeOffset(s string, n int) int {
	for i := range s {
		if n == 0 {
			return i
		}
		n--
	}
	return len(s)
}
