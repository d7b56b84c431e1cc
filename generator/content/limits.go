package content

import (
	"bytes"
	"fmt"

	"github.com/folio-sites/folio/generator"
)

// Limits on what a markdown file may ask of the renderer. goldmark's work
// grows faster than the input on deep nesting (200 KB of ">" took 48 s, a
// 4 MB nested list 22 s and 337 MB) and on links left open (see
// maxLinkScan), so these are checked before it parses.
const (
	// MaxMarkdownSize is the largest markdown file folio renders, in bytes.
	MaxMarkdownSize = 5_000_000
	// MaxNesting is how deep lists and block quotes may nest.
	MaxNesting = 100
	// MaxFootnotes is how many footnote references and definitions
	// ("[^") a markdown file may hold: goldmark's footnotes take time
	// with the square of their number (10,000 took 0.7 s, 300,000 would
	// take ten minutes).
	MaxFootnotes = 10_000
	// MaxBracketNesting is how deep square brackets may nest in one
	// paragraph: goldmark's work at each bracket grows with the depth
	// (400 KB of "[" closed by as many "]" took 4 s, 2.5 MB nested 1,000
	// deep 6.6 s; 10 deep, 1.2 s).
	MaxBracketNesting = 32
)

// checkBrackets reports the first "[" that nests deeper than
// MaxBracketNesting in its paragraph (up to the next blank line), in time
// linear in body. Escaped brackets and fenced code blocks do not count;
// brackets in code spans do, which only errs towards refusing.
func checkBrackets(body []byte, file string, firstLine int, ds *generator.Diagnostics) bool {
	var fence []byte
	depth, line := 0, firstLine
	for start := 0; start < len(body); line++ {
		end := bytes.IndexByte(body[start:], '\n')
		if end < 0 {
			end = len(body)
		} else {
			end += start
		}
		text := body[start:end]
		start = end + 1
		inCode := fence != nil
		fence = nextFence(fence, bytes.TrimLeft(text, " \t>"))
		if inCode || fence != nil {
			continue
		}
		if len(bytes.TrimSpace(text)) == 0 {
			depth = 0
			continue
		}
		for i := 0; i < len(text); i++ {
			switch text[i] {
			case '\\':
				i++
			case '[':
				if depth++; depth > MaxBracketNesting {
					ds.Errorf(generator.Pos{File: file, Line: line, Col: i + 1},
						fmt.Sprintf("square brackets may nest at most %d deep in a paragraph; close them, or write \\[ for a bracket that opens nothing", MaxBracketNesting),
						"brackets nested more than %d deep", MaxBracketNesting)
					return false
				}
			case ']':
				depth = max(0, depth-1)
			}
		}
	}
	return true
}

// checkFootnotes reports the line where body's footnote marks ("[^",
// counted wherever they stand, in code too) go past MaxFootnotes.
func checkFootnotes(body []byte, file string, firstLine int, ds *generator.Diagnostics) bool {
	if bytes.Count(body, []byte("[^")) <= MaxFootnotes {
		return true
	}
	n, line := 0, firstLine
	for i := 0; i+1 < len(body); i++ {
		switch {
		case body[i] == '\n':
			line++
		case body[i] == '[' && body[i+1] == '^':
			if n++; n > MaxFootnotes {
				ds.Errorf(generator.Pos{File: file, Line: line},
					"a narrative holds at most 10,000 footnote references and definitions; move long notes into an evidence file",
					"more than %d footnote marks ([^)", MaxFootnotes)
				return false
			}
		}
	}
	return true
}

// checkSize reports a markdown file larger than MaxMarkdownSize.
func checkSize(file string, size int64, ds *generator.Diagnostics) bool {
	if size <= MaxMarkdownSize {
		return true
	}
	ds.Errorf(generator.Pos{File: file}, "split it into several narratives, or move long data into data/ or an evidence file",
		"markdown file is larger than the limit of %d MB (%s bytes)", MaxMarkdownSize/1_000_000, generator.Thousands(int(size)))
	return false
}

// checkNesting reports the first line of body where lists and block quotes
// nest deeper than MaxNesting, at the column that goes past it. It runs in
// time linear in the body, before goldmark sees it.
//
// The depth it counts is at least goldmark's, so nothing deeper gets
// through: every ">" and list marker at the start of a line counts one
// level, and so do every two columns of indentation in front of them (an
// item opened on an earlier line continues only where the line is
// indented past its marker). Lines inside fenced code blocks are skipped.
func checkNesting(body []byte, file string, firstLine int, ds *generator.Diagnostics) bool {
	var fence []byte // the fence of the open code block ("```", "~~~~"), or nil
	line := firstLine
	for start := 0; start < len(body); line++ {
		end := start
		for end < len(body) && body[end] != '\n' {
			end++
		}
		text := body[start:end]
		start = end + 1

		depth, indent, i := 0, 0, 0
		for i < len(text) {
			if text[i] == ' ' {
				indent++
				i++
				continue
			}
			if text[i] == '\t' {
				indent += 4
				i++
				continue
			}
			n := markerLen(text[i:])
			if n == 0 {
				break
			}
			col := i + 1
			depth++
			i += n
			if i < len(text) && text[i] == ' ' {
				i++ // the space after a marker is part of it
			}
			if fence == nil && depth+indent/2 > MaxNesting {
				ds.Errorf(generator.Pos{File: file, Line: line, Col: col},
					fmt.Sprintf("lists and block quotes may nest at most %d levels deep; flatten the structure", MaxNesting),
					"markdown nested more than %d levels deep", MaxNesting)
				return false
			}
		}
		fence = nextFence(fence, text[i:])
	}
	return true
}

// markerLen is the length of the block quote or list marker that s starts
// with, or 0: ">", "-", "+", "*" or up to nine digits and "." or ")",
// followed by white space or the end of the line (a ">" needs nothing
// after it).
func markerLen(s []byte) int {
	n := 0
	switch {
	case s[0] == '>':
		return 1
	case s[0] == '-' || s[0] == '+' || s[0] == '*':
		n = 1
	default:
		for n < len(s) && n < 9 && s[n] >= '0' && s[n] <= '9' {
			n++
		}
		if n == 0 || n == len(s) || (s[n] != '.' && s[n] != ')') {
			return 0
		}
		n++
	}
	if n < len(s) && s[n] != ' ' && s[n] != '\t' {
		return 0
	}
	return n
}

// nextFence follows fenced code blocks: given the fence of the open block
// (nil when none) and a line's text after its container markers, it
// returns the fence open after the line.
func nextFence(open, rest []byte) []byte {
	run := 0
	if len(rest) > 0 && (rest[0] == '`' || rest[0] == '~') {
		for run < len(rest) && rest[run] == rest[0] {
			run++
		}
	}
	if open == nil {
		if run >= 3 {
			return rest[:run]
		}
		return nil
	}
	if run >= len(open) && rest[0] == open[0] && len(bytes.TrimSpace(rest[run:])) == 0 {
		return nil
	}
	return open
}

// checkTOMLNesting reports the first place where TOML front matter nests
// arrays and inline tables deeper than MaxNesting, before the TOML
// library reads it: its memory grows with the square of the depth (80 KB
// of "{a=" took 5 GB). It runs in time linear in src, skipping strings
// and comments, so a bracket inside a title does not count.
func checkTOMLNesting(src []byte, file string, firstLine int, ds *generator.Diagnostics) bool {
	depth, line, lineStart := 0, firstLine, 0
	for i := 0; i < len(src); i++ {
		switch c := src[i]; c {
		case '\n':
			line, lineStart = line+1, i+1
		case '#':
			for i+1 < len(src) && src[i+1] != '\n' {
				i++
			}
		case '"', '\'':
			quote := []byte{c}
			if bytes.HasPrefix(src[i:], []byte{c, c, c}) {
				quote = []byte{c, c, c}
			}
			j := i + len(quote)
			for j < len(src) && !bytes.HasPrefix(src[j:], quote) {
				if c == '"' && src[j] == '\\' {
					j++ // an escaped character, a quote among them
				}
				if j < len(src) && src[j] == '\n' {
					line, lineStart = line+1, j+1
				}
				j++
			}
			i = j + len(quote) - 1
		case '[', '{':
			depth++
			if depth > MaxNesting {
				ds.Errorf(generator.Pos{File: file, Line: line, Col: i - lineStart + 1},
					fmt.Sprintf("front matter holds a few fields; arrays and tables in it may nest at most %d levels deep", MaxNesting),
					"TOML front matter nested more than %d levels deep", MaxNesting)
				return false
			}
		case ']', '}':
			depth = max(0, depth-1)
		}
	}
	return true
}
