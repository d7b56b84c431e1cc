package content

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"unicode/utf8"

	"github.com/adrg/frontmatter"
	"github.com/folio-sites/folio/generator"
	"github.com/folio-sites/folio/generator/yamldoc"
	"sync"
)

// syntax is the language a front matter block is written in.
type syntax int

const (
	noFrontMatter syntax = iota
	yamlSyntax
	tomlSyntax
	jsonSyntax
)

// page is a markdown file split into its front matter and body.
type page struct {
	file   string
	syntax syntax
	// open is the opening delimiter as written ("---", "+++", "{"…) and
	// openLine its file line; openLine is 1 when there is no front matter.
	open     string
	openLine int
	// meta is the text handed to the decoder and metaLine the file line of
	// its first line.
	meta     []byte
	metaLine int
	// body is the markdown after the front matter; bodyLine is the file
	// line of its first line.
	body     []byte
	bodyLine int
	// fieldsUnopened is the first line of a file without front matter
	// when it reads like a field ("title: Rounds"): the opening --- was
	// left out, which the message about a missing field then says.
	fieldsUnopened string
}

// fieldLike is a line that reads like a front matter field.
var fieldLike = regexp.MustCompile(`^[a-z_][a-z0-9_-]*\s*[:=]\s*\S`)

// delimiters are the front matter openings folio accepts, with how each is
// closed. They are adrg/frontmatter's defaults, made strict: its decoders
// are replaced by one that only captures the text, which is decoded here
// with positions.
var delimiters = []struct {
	start, end string
	syntax     syntax
}{
	{"---", "---", yamlSyntax},
	{"---yaml", "---", yamlSyntax},
	{"+++", "+++", tomlSyntax},
	{"---toml", "---", tomlSyntax},
	{";;;", ";;;", jsonSyntax},
	{"---json", "---", jsonSyntax},
	{"{", "}", jsonSyntax},
}

// splitPage separates front matter from body. A leading byte order mark is
// dropped and CRLF line endings become LF, and so does a lone CR, which
// CommonMark, YAML and editors all take for a line ending too (so line
// numbers are the ones an editor shows, and the ones YAML reports). It
// reports text that is not UTF-8 and an unclosed block, and returns false:
// such a page cannot be used.
func splitPage(file string, src []byte, ds *generator.Diagnostics) (page, bool) {
	return splitPageReading(file, src, ds, true)
}

// splitPageReading is splitPage; bounded false gives adrg/frontmatter the
// whole page, for a test to hold the bounded read to it.
func splitPageReading(file string, src []byte, ds *generator.Diagnostics, bounded bool) (page, bool) {
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	if !utf8.Valid(src) {
		ds.Errorf(firstInvalidUTF8(file, src), "save the file as UTF-8 (in Notepad: File, Save As, Encoding UTF-8); text pasted from Word or saved as \"ANSI\" is often the cause",
			"text is not UTF-8: readers would see � in place of some letters or quotes")
		return page{file: file, openLine: 1}, false
	}
	if bytes.IndexByte(src, '\r') >= 0 { // ReplaceAll copies even when nothing matches
		src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
		src = bytes.ReplaceAll(src, []byte("\r"), []byte("\n"))
	}
	p := page{file: file, openLine: 1, body: src, bodyLine: 1}

	// adrg/frontmatter skips blank lines before the opening delimiter;
	// find that line to know which syntax opened and where.
	line, text := firstText(src)
	if line == 0 {
		return p, true
	}
	var formats []*frontmatter.Format
	var end string // the closing delimiter of the format that opened
	var captured []byte
	capture := func(data []byte, _ any) error {
		captured = bytes.Clone(data)
		return nil
	}
	for _, d := range delimiters {
		f := frontmatter.NewFormat(d.start, d.end, capture)
		if d.start == "{" {
			// The braces are part of the JSON, and a blank line (or the end of
			// the file) must follow the closing one.
			f.UnmarshalDelims, f.RequiresNewLine = true, true
		}
		formats = append(formats, f)
		if d.start == text {
			p.syntax, p.open, end = d.syntax, d.start, d.end
		}
	}
	if p.syntax == noFrontMatter {
		if fieldLike.MatchString(text) {
			p.fieldsUnopened = text
			p.openLine = line
		}
		return p, true
	}
	p.openLine = line

	// adrg/frontmatter copies all it is given, body included: give it the
	// page up to where its block closes, which it finds the same in that
	// part as in the whole page, and take the body from the page itself.
	// Where no close is seen, it gets the whole page and reports it.
	head := src
	if bounded {
		head = src[:frontMatterEnd(src, line, end, p.open == "{")]
	}
	rest, err := parseFrontMatter(head, formats)
	if err != nil && len(head) < len(src) {
		head = src
		rest, err = parseFrontMatter(head, formats)
	}
	if err != nil {
		// With an in-memory reader and a decoder that cannot fail, the only
		// error left is ErrNotFound: the block was opened but not closed.
		ds.Errorf(generator.Pos{File: file, Line: line}, closeHint(p.open),
			"front matter opened with '%s' is never closed", p.open)
		return p, false
	}
	p.meta, p.metaLine = captured, line+1
	if p.open == "{" {
		p.metaLine = line
	}
	// rest is the same bytes as the end of head, in adrg/frontmatter's
	// copy: the body is the page from there on.
	p.body = src[len(head)-len(rest):]
	p.bodyLine = 1 + bytes.Count(src[:len(head)-len(rest)], []byte("\n"))
	return p, true
}

// frontMatterEnd is how much of src adrg/frontmatter must read to close a
// block opened on line open (1-based) by a line that is end once trimmed:
// through the first such line after the opening one, and, where a blank
// line must follow the close (needsBlank), through the line after it,
// which must be blank or missing. It is len(src) where no line closes the
// block. The library's own search stops at or before that line, and
// decides each line on the bytes up to it, so reading no further finds
// the same close.
func frontMatterEnd(src []byte, open int, end string, needsBlank bool) int {
	n, offset, closed := 0, 0, false
	for line := range bytes.Lines(src) {
		n++
		offset += len(line)
		t := string(bytes.TrimSpace(line))
		switch {
		case closed && t == "":
			return offset
		case closed:
			closed = t == end // the line after a close is checked as a close itself
		case n > open && t == end:
			if !needsBlank {
				return offset
			}
			closed = true
		}
	}
	return len(src)
}

// firstText returns the 1-based number and trimmed text of the first line
// that is not blank, or 0 when there is none.
func firstText(src []byte) (int, string) {
	n := 0
	for line := range bytes.Lines(src) {
		n++
		if t := bytes.TrimSpace(line); len(t) > 0 {
			return n, string(t)
		}
	}
	return 0, ""
}

func closeHint(open string) string {
	switch open {
	case "{":
		return "add a line with only } after the last field, followed by an empty line"
	case "+++", ";;;":
		return fmt.Sprintf("add a line with only %s after the last field", open)
	}
	return "add a line with only --- after the last field"
}

// decode stores the front matter in out, a pointer to a struct with yaml
// tags, reporting problems at their file lines. It returns false when the
// block could not be parsed at all.
func (p page) decode(out any, ds *generator.Diagnostics) bool {
	opts := yamldoc.Options{File: p.file, FirstLine: p.metaLine, UnknownKeys: generator.Warning, Noun: "front matter"}
	switch p.syntax {
	case yamlSyntax:
		return decodeYAML(p.meta, out, opts, ds)
	case jsonSyntax:
		// JSON is YAML, but a YAML parser forgives what JSON does not (and
		// the other way round): check it as JSON first for honest messages.
		var v any
		if err := json.Unmarshal(p.meta, &v); err != nil {
			ds.Errorf(p.jsonErrorPos(err), "check for a missing comma, quote or brace near this line", "invalid JSON: %s", jsonMessage(err))
			return false
		}
		return yamldoc.Decode(p.meta, out, opts, ds)
	case tomlSyntax:
		y, ok := tomlToYAML(p.meta, p.file, p.metaLine, ds)
		if !ok {
			return false
		}
		return decodeYAML(y, out, opts, ds)
	}
	return true
}

// decodeYAML is yamldoc.Decode, except that a block holding nothing but
// blank lines and comments is an empty front matter, not an error (yamldoc
// reports "expected a set of 'key: value' lines" for it).
func decodeYAML(src []byte, out any, opts yamldoc.Options, ds *generator.Diagnostics) bool {
	for line := range bytes.Lines(src) {
		if t := bytes.TrimSpace(line); len(t) > 0 && t[0] != '#' {
			return yamldoc.Decode(src, out, opts, ds)
		}
	}
	return true
}

func (p page) jsonErrorPos(err error) generator.Pos {
	pos := generator.Pos{File: p.file, Line: p.metaLine}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		off := min(int(se.Offset), len(p.meta))
		// Offset is just past the offending byte; a missing comma is noticed
		// at the next key, so point at that byte's line.
		if off > 0 {
			off--
		}
		pos.Line += bytes.Count(p.meta[:off], []byte("\n"))
	}
	return pos
}

func jsonMessage(err error) string {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return se.Error()
	}
	return err.Error()
}

// requireHint tells how to add a missing field in the page's own syntax.
func (p page) requireHint(field string) string {
	if p.fieldsUnopened != "" {
		return fmt.Sprintf("the file has no front matter: put a line with only --- above '%s', and another after the last field",
			generator.Printable(generator.Cut(p.fieldsUnopened, generator.MaxQuoted)))
	}
	switch p.syntax {
	case tomlSyntax:
		return fmt.Sprintf("add %s = \"...\" to the front matter at the top of the file", field)
	case jsonSyntax:
		return fmt.Sprintf("add \"%s\": \"...\" to the front matter at the top of the file", field)
	}
	return fmt.Sprintf("add %s: ... to the front matter at the top of the file", field)
}

// parseFrontMatter is frontmatter.MustParse on src, through a reader from
// frontMatterReaders: adrg/frontmatter reads through the *bufio.Reader it
// is given as it is, where it would make a 4 KB one for each page.
func parseFrontMatter(src []byte, formats []*frontmatter.Format) ([]byte, error) {
	r := frontMatterReaders.Get().(*bufio.Reader)
	r.Reset(bytes.NewReader(src))
	defer func() {
		r.Reset(nil) // holds no page between uses
		frontMatterReaders.Put(r)
	}()
	return frontmatter.MustParse(r, nil, formats...)
}

var frontMatterReaders = sync.Pool{New: func() any { return bufio.NewReader(nil) }}

// firstInvalidUTF8 is the position of the first byte of src that is not
// UTF-8: its line, and its column in characters, as an editor counts
// them (lines end in LF, CRLF or a lone CR).
func firstInvalidUTF8(file string, src []byte) generator.Pos {
	pos := generator.Pos{File: file, Line: 1, Col: 1}
	for len(src) > 0 {
		r, size := utf8.DecodeRune(src)
		if r == utf8.RuneError && size <= 1 {
			return pos
		}
		pos.Col++
		if r == '\n' || r == '\r' && (len(src) == 1 || src[1] != '\n') {
			pos.Line, pos.Col = pos.Line+1, 1
		}
		src = src[size:]
	}
	return pos
}
