package content

import (
	"bytes"

	"github.com/folio-sites/folio/generator"
	"github.com/yuin/goldmark/util"
)

// maxLinkScan bounds the characters goldmark may read looking for where
// inline links' destinations end. At each "](" it reads on to the end of
// the destination, which is the end of the line when the link is never
// closed: a line of thousands of "[a](" (or "[a](<") is read again from
// each of them, and 100 KB of them took 4 s, 5 MB would take hours. At
// about 2.5 ns a character, the bound is about a quarter of a second; a
// page of ordinary links reads a few hundred characters for each.
const maxLinkScan = 100_000_000

// checkLinkScan reports a body whose links would make goldmark read more
// than maxLinkScan characters, at the line that makes it read the most.
// It counts, in time linear in the body, what goldmark's link parser
// reads from each "](" that follows a "[" (on its line or an earlier
// one): a destination in <angle brackets> up to its ">", another up to a
// space or the ")" that closes it, or the end of the line (see
// linkScanOfLine).
func checkLinkScan(body []byte, file string, firstLine int, ds *generator.Diagnostics) bool {
	total, worst, worstLine, worstLinks := 0, 0, 0, 0
	opened := false // a "[" before this line: links may open on one line and go on on the next
	line := firstLine
	for start := 0; start <= len(body); line++ {
		end := bytes.IndexByte(body[start:], '\n')
		if end < 0 {
			end = len(body)
		} else {
			end += start
		}
		n, links := linkScanOfLine(body[start:end], opened)
		opened = opened || bytes.IndexByte(body[start:end], '[') >= 0
		if n > 0 {
			total += n
			if n > worst {
				worst, worstLine, worstLinks = n, line, links
			}
		}
		start = end + 1
	}
	if total <= maxLinkScan {
		return true
	}
	ds.Errorf(generator.Pos{File: file, Line: worstLine},
		"close each link with ')' right after its address, and put a space between links",
		"this line starts %s links whose end is far away or missing: reading them would take minutes", generator.Thousands(worstLinks))
	return false
}

// linkScanOfLine is how many characters goldmark reads looking for the
// ends of the destinations of the line's "](" that follow a "[" (on the
// line, or before it when opened), and how many such "](" there are. A
// test holds it to a direct count.
//
// It reads the line once forwards (which characters a backslash escapes,
// the balance of parentheses) and once backwards, keeping what each
// destination start needs: the next ">", the next space, and the next
// place where the parentheses opened from there are closed by one more
// ")" (a stack of balances, as for the next smaller element).
func linkScanOfLine(text []byte, opened bool) (scan, links int) {
	first := 0
	if !opened {
		first = bytes.IndexByte(text, '[')
	}
	if first < 0 || bytes.Index(text[first:], []byte("](")) < 0 {
		return 0, 0
	}
	n := len(text)
	escaped := make([]bool, n) // text[i] is escaped by the backslash before it
	delta := func(i int) int {
		switch {
		case escaped[i]:
		case text[i] == '(':
			return 1
		case text[i] == ')':
			return -1
		}
		return 0
	}
	bal := 0 // ( minus ) in text[:i], for i = n at the end of this loop
	for i := range n {
		if !escaped[i] && text[i] == '\\' && i+1 < n && util.IsPunct(text[i+1]) {
			escaped[i+1] = true
		}
		bal += delta(i)
	}
	opens := func(p int) bool { // a "](" at p, after a "["
		return p >= first && text[p] == ']' && text[p+1] == '(' && !escaped[p]
	}
	if n >= 2 && opens(n-2) {
		links++ // a destination that starts at the end of the line: nothing to read
	}
	type mark struct{ at, bal int }
	stack := []mark{{n, bal}} // positions k after i, with bal of text[:k], balances rising to the top
	// at: the destination start nearest at or after i that is not a blank,
	// with what it needs.
	type start struct{ at, gt, space, drop int }
	at := start{n, n, n, n + 1}
	nextGT, nextSpace := n, n
	for i := n - 1; i >= 0; i-- {
		c := text[i]
		bi := bal - delta(i) // of text[:i]
		if c == '>' && !escaped[i] {
			nextGT = i
		}
		if util.IsSpace(c) {
			nextSpace = i
		}
		for stack[len(stack)-1].bal >= bi {
			stack = stack[:len(stack)-1]
			if len(stack) == 0 {
				break
			}
		}
		drop := n + 1
		if len(stack) > 0 {
			drop = stack[len(stack)-1].at
		}
		stack = append(stack, mark{i, bi})
		if c != ' ' && c != '\t' {
			at = start{i, nextGT, nextSpace, drop}
		}
		bal = bi
		if i < 2 || !opens(i-2) {
			continue
		}
		links++
		if at.at < n && text[at.at] == '<' {
			scan += at.gt - at.at
		} else {
			scan += min(at.space, at.drop-1, n) - at.at
		}
	}
	return scan, links
}
