package yamldoc

import (
	"bytes"
	"time"
	"unicode/utf8"

	"go.yaml.in/yaml/v4"
)

// parseSimple parses the YAML that nearly every front matter is — lines of
// "key: value" whose values are plain words, numbers, dates, quoted text
// without escapes, or one-line lists of plain words — into the node tree
// the YAML library makes of it, node for node (kinds, styles, tags,
// values, lines and columns; a test holds the two equal, and a fuzzer
// looks for a difference). Anything else it declines (false), and the
// library parses it: a comment, an empty value, an indented or block
// list, an escape, a word YAML reads as true, false or null, a number
// that is not plain digits.
//
// The library's parser costs about 50 µs for a narrative's five lines,
// most of the CPU of loading 5,000 narratives' front matter; this costs
// about one.
func parseSimple(src []byte) (*yaml.Node, bool) {
	if len(src) == 0 || bytes.IndexByte(src, '\r') >= 0 || bytes.IndexByte(src, '\t') >= 0 {
		return nil, false
	}
	m := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: 1, Column: 1}
	lines := bytes.Split(src, []byte("\n"))
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		if len(line) == 0 {
			continue
		}
		if len(m.Content) == 0 && i != 0 {
			return nil, false // the mapping would start below line 1
		}
		k, rest, col, ok := simpleKey(line, i+1)
		if !ok {
			return nil, false
		}
		var v *yaml.Node
		if len(rest) == 0 {
			v, i, ok = blockList(lines, i+1)
		} else {
			v, ok = simpleValue(rest, i+1, col)
		}
		if !ok {
			return nil, false
		}
		m.Content = append(m.Content, k, v)
	}
	if len(m.Content) == 0 {
		return nil, false
	}
	return &yaml.Node{Kind: yaml.DocumentNode, Line: 1, Column: 1, Content: []*yaml.Node{m}}, true
}

// simpleKey parses the "key:" that starts line n, returning the key, what
// follows it (without the spaces before it; empty when nothing does) and
// that value's offset in the line.
func simpleKey(line []byte, n int) (key *yaml.Node, rest []byte, col int, ok bool) {
	colon := bytes.IndexByte(line, ':')
	if colon < 1 || colon+1 < len(line) && line[colon+1] != ' ' {
		return nil, nil, 0, false
	}
	name := line[:colon]
	for j, c := range name {
		if !(c >= 'a' && c <= 'z' || c == '_' || j > 0 && c >= '0' && c <= '9') {
			return nil, nil, 0, false
		}
	}
	if reserved(name) { // "on:" is a boolean key to YAML 1.1
		return nil, nil, 0, false
	}
	key = &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: string(name), Line: n, Column: 1}
	col = colon + 1
	for col < len(line) && line[col] == ' ' {
		col++
	}
	if col == len(line) && col > colon+1 {
		return nil, nil, 0, false // only spaces after the colon
	}
	return key, line[col:], col, true
}

// simpleValue parses the value rest found at offset col of line n: quoted
// text, a one-line list, or a plain scalar.
func simpleValue(rest []byte, n, col int) (*yaml.Node, bool) {
	if rest[len(rest)-1] == ' ' {
		return nil, false
	}
	switch rest[0] {
	case '"', '\'':
		return quoted(rest, n, col)
	case '[':
		return simpleList(rest, n, col)
	}
	tag, ok := plainTag(rest, false)
	if !ok {
		return nil, false
	}
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: string(rest), Line: n, Column: col + 1}, true
}

// quoted parses text in quotes, without escapes, at offset col of line n.
func quoted(s []byte, n, col int) (*yaml.Node, bool) {
	q := s[0]
	if len(s) < 2 || s[len(s)-1] != q || bytes.IndexByte(s[1:len(s)-1], q) >= 0 ||
		q == '"' && bytes.IndexByte(s, '\\') >= 0 || !printable(s) {
		return nil, false
	}
	style := yaml.DoubleQuotedStyle
	if q == '\'' {
		style = yaml.SingleQuotedStyle
	}
	return &yaml.Node{Kind: yaml.ScalarNode, Style: style, Tag: "!!str", Value: string(s[1 : len(s)-1]), Line: n, Column: col + 1}, true
}

// blockList parses the lines from index i on that are items of a block
// list ("  - ISSL 1a"), all indented alike; it returns the list and the
// index of its last line. No item is not a list: the value was empty.
func blockList(lines [][]byte, i int) (*yaml.Node, int, bool) {
	var seq *yaml.Node
	indent := -1
	for ; i < len(lines); i++ {
		line := lines[i]
		ind := 0
		for ind < len(line) && line[ind] == ' ' {
			ind++
		}
		if ind == len(line) || line[ind] != '-' {
			break
		}
		if indent >= 0 && ind != indent || len(line) < ind+3 || line[ind+1] != ' ' || line[ind+2] == ' ' {
			return nil, i, false
		}
		if seq == nil {
			indent = ind
			seq = &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Line: i + 1, Column: ind + 1}
		}
		item, ok := simpleValue(line[ind+2:], i+1, ind+2)
		if !ok || item.Kind != yaml.ScalarNode {
			return nil, i, false
		}
		seq.Content = append(seq.Content, item)
	}
	return seq, i - 1, seq != nil
}

// simpleList parses "[a, b]" at offset col of line n: plain words
// separated by a comma and one space.
func simpleList(s []byte, n, col int) (*yaml.Node, bool) {
	if s[len(s)-1] != ']' {
		return nil, false
	}
	seq := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle, Tag: "!!seq", Line: n, Column: col + 1}
	inner := s[1 : len(s)-1]
	if len(inner) == 0 {
		return seq, true
	}
	at := col + 1 // offset of the item in the line
	for item := range bytes.SplitSeq(inner, []byte(", ")) {
		tag, ok := plainTag(item, true)
		if !ok {
			return nil, false
		}
		seq.Content = append(seq.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: string(item), Line: n, Column: at + 1})
		at += utf8.RuneCount(item) + 2 // the library counts columns in characters
	}
	return seq, true
}

// plainTag is the tag YAML gives the plain (unquoted) scalar s, for the
// scalars parseSimple takes: text that starts with a letter and holds
// only letters, digits, spaces, characters beyond ASCII and - _ . / ( )
// and (outside one-line lists) , ' " ? ! ; & +, never two spaces in a
// row; digits without a leading zero (an int), or two such numbers joined
// by a hyphen (text); a YYYY-MM-DD date (a timestamp). Words YAML reads
// as booleans or null are declined, as is anything else.
func plainTag(s []byte, inList bool) (string, bool) {
	if len(s) == 0 || s[len(s)-1] == ' ' {
		return "", false
	}
	if c := s[0]; c >= '0' && c <= '9' {
		if isDate(s) {
			return "!!timestamp", true
		}
		if c == '0' && len(s) > 1 || len(s) > 9 { // octal to YAML 1.1; far from any count
			return "", false
		}
		digits, dash := 0, -1
		for i, c := range s {
			switch {
			case c >= '0' && c <= '9':
				digits++
			case c == '-' && dash < 0 && i > 0 && i < len(s)-1:
				dash = i
			default:
				return "", false
			}
		}
		if dash > 0 {
			return "!!str", true // a range of grades or school years: 6-8, 2023-24
		}
		return "!!int", true
	} else if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
		return "", false
	}
	for i, c := range s {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9',
			c == '-', c == '_', c == '.', c == '/', c == '(', c == ')':
		case c == ' ':
			if s[i-1] == ' ' {
				return "", false
			}
		case (c == ',' || c == '\'' || c == '"' || c == '?' || c == '!' || c == ';' || c == '&' || c == '+') && !inList:
		case c >= 0x80:
		default:
			return "", false
		}
	}
	if !printable(s) {
		return "", false
	}
	if reserved(s) {
		return "", false
	}
	return "!!str", true
}

// isDate reports whether s is a valid YYYY-MM-DD date.
func isDate(s []byte) bool {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return false
	}
	_, err := time.Parse("2006-01-02", string(s))
	return err == nil
}

// reserved reports whether YAML (1.1 or 1.2) may read the word s as
// something other than text: a boolean, null, or a special float.
func reserved(s []byte) bool {
	switch string(bytes.ToLower(s)) {
	case "y", "n", "yes", "no", "on", "off", "true", "false", "null":
		return true
	}
	return false
}

// printable reports whether s is valid UTF-8 of characters a scalar keeps
// as they are: no control character, and none that YAML 1.1 reads as a
// line break (U+0085, U+2028, U+2029) or that is a byte-order mark.
func printable(s []byte) bool {
	for len(s) > 0 {
		r, size := utf8.DecodeRune(s)
		switch {
		case r == utf8.RuneError && size <= 1, r < ' ', r >= 0x7f && r <= 0x9f,
			r == 0x2028, r == 0x2029, r == 0xfeff, r == 0xfffe, r == 0xffff:
			return false
		}
		s = s[size:]
	}
	return true
}
