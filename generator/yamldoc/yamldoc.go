// Package yamldoc decodes the YAML that authors write — folio.yaml, front
// matter, data files — into Go structs, reporting every problem at its line:
// syntax errors, unknown keys (with a did-you-mean hint), and values of the
// wrong kind ("enrollment: 'about 400' is not a whole number").
//
// It decodes from the parsed node tree itself rather than through the YAML
// library's reflection, so that a struct can carry the position of each
// element (a field `Pos generator.Pos`) and of each cited id
// ([generator.Ref]), which later stages use to point at the exact line.
package yamldoc

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/folio-sites/folio/generator"
	"go.yaml.in/yaml/v4"
)

// Options says where the YAML came from and how strict to be.
type Options struct {
	// File is the site-relative path used in diagnostics.
	File string
	// FirstLine is the file line of the first line of the YAML (1 for a
	// whole file, 2 for front matter after its opening "---").
	FirstLine int
	// UnknownKeys is the severity of a key that no struct field takes.
	UnknownKeys generator.Severity
	// Noun names what keys are in messages: "front matter" gives "unknown
	// front matter key 'x'". Empty gives "unknown key 'x'".
	Noun string
}

// Decode parses src and stores it in out, a pointer to a struct. It appends
// every problem to ds and reports whether the YAML could be parsed at all;
// on false, out is untouched. An empty document leaves out untouched and is
// not an error.
func Decode(src []byte, out any, o Options, ds *generator.Diagnostics) bool {
	if o.FirstLine == 0 {
		o.FirstLine = 1
	}
	root, err := parse(src)
	if err != nil {
		syntaxError(src, err, o, ds)
		return false
	}
	if root.Kind == 0 {
		return true // empty, blank or comment-only: nothing to decode
	}
	d := decoder{opts: o, ds: ds}
	d.value(root, reflect.ValueOf(out).Elem(), "")
	return true
}

// Fields parses src as a flat mapping — "name: value" lines whose values
// are single values — and returns its lines in order with their positions.
// Syntax errors, a document that is not a mapping, values that are lists or
// mappings and duplicate names are reported to ds; false means nothing
// usable was found. Which names are known is left to the caller. An empty
// document gives no fields and true.
func Fields(src []byte, o Options, ds *generator.Diagnostics) ([]generator.Param, bool) {
	if o.FirstLine == 0 {
		o.FirstLine = 1
	}
	root, err := parse(src)
	if err != nil {
		syntaxError(src, err, o, ds)
		return nil, false
	}
	if root.Kind == 0 || len(root.Content) == 0 {
		return nil, true
	}
	d := decoder{opts: o, ds: ds}
	n := root.Content[0]
	if !d.expect(n, yaml.MappingNode, "", "a set of 'key: value' lines") {
		return nil, false
	}
	var out []generator.Param
	ok := true
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		for val.Kind == yaml.AliasNode {
			val = val.Alias
		}
		if seen[k.Value] {
			d.ds.Errorf(d.pos(k), "remove one of the two", "duplicate key '%s'", k.Value)
			ok = false
			continue
		}
		seen[k.Value] = true
		if val.Kind == yaml.ScalarNode && val.Tag == "!!null" {
			continue
		}
		if !d.expect(val, yaml.ScalarNode, k.Value, "text") {
			ok = false
			continue
		}
		out = append(out, generator.Param{Name: k.Value, Value: val.Value, Pos: d.pos(k)})
	}
	return out, ok
}

// parse parses src into its node tree: by parseSimple when it can, else
// by the YAML library.
func parse(src []byte) (*yaml.Node, error) {
	if root, ok := parseSimple(src); ok {
		return root, nil
	}
	var root yaml.Node
	if err := yaml.Unmarshal(src, &root); err != nil {
		return nil, err
	}
	return &root, nil
}

// Text is a single text value with where it was written, for a setting
// checked after decoding, whose error points at its line (folio.yaml's
// base_url).
type Text struct {
	Value string
	Pos   generator.Pos
}

// posType and refType are decoded from the node's position, not its value.
var (
	posType  = reflect.TypeFor[generator.Pos]()
	refType  = reflect.TypeFor[generator.Ref]()
	textType = reflect.TypeFor[Text]()
	timeType = reflect.TypeFor[time.Time]()
)

type decoder struct {
	opts Options
	ds   *generator.Diagnostics
}

func (d *decoder) pos(n *yaml.Node) generator.Pos {
	return generator.Pos{File: d.opts.File, Line: n.Line + d.opts.FirstLine - 1, Col: n.Column}
}

// value decodes n into v. key names the field for messages ("" at the top).
func (d *decoder) value(n *yaml.Node, v reflect.Value, key string) {
	for n.Kind == yaml.DocumentNode || n.Kind == yaml.AliasNode {
		if n.Kind == yaml.DocumentNode {
			if len(n.Content) == 0 {
				return
			}
			n = n.Content[0]
		} else {
			n = n.Alias
		}
	}
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return
	}
	t := v.Type()
	switch {
	case t == refType:
		if d.expect(n, yaml.ScalarNode, key, "a single id") {
			v.Set(reflect.ValueOf(generator.Ref{ID: strings.TrimSpace(n.Value), Pos: d.pos(n)}))
		}
		return
	case t == textType:
		if d.expect(n, yaml.ScalarNode, key, "text") {
			v.Set(reflect.ValueOf(Text{Value: n.Value, Pos: d.pos(n)}))
		}
		return
	case t == timeType:
		if d.expect(n, yaml.ScalarNode, key, "a date") {
			if tm, ok := ParseDate(n.Value); ok {
				v.Set(reflect.ValueOf(tm))
			} else {
				d.ds.Errorf(d.pos(n), dateHint(n.Value), "%s: '%s' is not a date", key, n.Value)
			}
		}
		return
	}
	switch t.Kind() {
	case reflect.String:
		if d.expect(n, yaml.ScalarNode, key, "text") {
			v.SetString(n.Value)
		}
	case reflect.Int:
		if d.expect(n, yaml.ScalarNode, key, "a whole number") {
			i, err := strconv.Atoi(strings.ReplaceAll(n.Value, "_", ""))
			if err != nil {
				d.ds.Errorf(d.pos(n), "write digits only, e.g. 420", "%s: '%s' is not a whole number", key, n.Value)
				return
			}
			v.SetInt(int64(i))
		}
	case reflect.Float64:
		if d.expect(n, yaml.ScalarNode, key, "a number") {
			f, err := strconv.ParseFloat(n.Value, 64)
			if err != nil {
				d.ds.Errorf(d.pos(n), "write a number such as 4 or 2.5", "%s: '%s' is not a number", key, n.Value)
				return
			}
			v.SetFloat(f)
		}
	case reflect.Bool:
		if d.expect(n, yaml.ScalarNode, key, "true or false") {
			switch strings.ToLower(n.Value) {
			case "true", "yes", "on":
				v.SetBool(true)
			case "false", "no", "off":
				v.SetBool(false)
			default:
				d.ds.Errorf(d.pos(n), "write true or false", "%s: '%s' is not true or false", key, n.Value)
			}
		}
	case reflect.Pointer:
		// A value that does not decode leaves the field unset: target:
		// four is one error, not also a target of 0 that later checks
		// would report again.
		before := d.errors()
		elem := reflect.New(t.Elem())
		d.value(n, elem.Elem(), key)
		if d.errors() == before {
			v.Set(elem)
		}
	case reflect.Slice:
		d.slice(n, v, key)
	case reflect.Struct:
		d.structure(n, v, key)
	default:
		// Free-form values (map[string]any, any) are decoded as the YAML
		// library sees them.
		if err := n.Decode(v.Addr().Interface()); err != nil {
			d.ds.Errorf(d.pos(n), "", "%s: %s", key, err)
		}
	}
}

func (d *decoder) slice(n *yaml.Node, v reflect.Value, key string) {
	items := n.Content
	if n.Kind == yaml.ScalarNode {
		if v.Type().Elem() == refType && n.Style == 0 && strings.Contains(n.Value, ",") {
			// "standards: ISSL 1a, ISSL 1b" is one id with a comma in it,
			// which no id has: the author meant a list.
			d.ds.Errorf(d.pos(n), fmt.Sprintf("write a list: [%s]", n.Value), "%s: '%s' is one piece of text, not a list", key, n.Value)
			return
		}
		// "standards: ISSL 1a" is read as a list of one, as authors mean.
		items = []*yaml.Node{n}
	} else if !d.expect(n, yaml.SequenceNode, key, "a list") {
		return
	}
	s := reflect.MakeSlice(v.Type(), len(items), len(items))
	for i, item := range items {
		d.value(item, s.Index(i), key)
	}
	v.Set(s)
}

func (d *decoder) structure(n *yaml.Node, v reflect.Value, key string) {
	if !d.expect(n, yaml.MappingNode, key, "a set of 'key: value' lines") {
		return
	}
	t := v.Type()
	fields := map[string]int{}
	var names []string
	for i := range t.NumField() {
		f := t.Field(i)
		if f.Type == posType && f.Name == "Pos" {
			v.Field(i).Set(reflect.ValueOf(d.pos(n)))
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if name == "" || name == "-" || !f.IsExported() {
			continue
		}
		fields[name] = i
		names = append(names, name)
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		name := k.Value
		if seen[name] {
			d.ds.Errorf(d.pos(k), "remove one of the two", "duplicate key '%s'", name)
			continue
		}
		seen[name] = true
		idx, ok := fields[name]
		if !ok && i >= 2 && decimalCommaTail(n, i) {
			// {year: 2022-23, value: 38,8}: YAML reads 38, then a key 8.
			prev := n.Content[i-1]
			d.ds.Errorf(d.pos(prev), "write "+prev.Value+"."+name+" with a decimal point",
				"%s: '%s,%s' is written with a decimal comma, which YAML reads as %s and a key %s", n.Content[i-2].Value, prev.Value, name, prev.Value, name)
			continue
		}
		if !ok {
			noun := "key"
			if d.opts.Noun != "" {
				noun = d.opts.Noun + " key"
			}
			hint := generator.DidYouMean(name, names)
			if hint == "" {
				hint = "known keys are " + strings.Join(names, ", ")
			}
			*d.ds = append(*d.ds, generator.Diagnostic{
				Pos: d.pos(k), Severity: d.opts.UnknownKeys,
				Message: "unknown " + noun + " " + generator.Quote(name), Hint: hint,
			})
			continue
		}
		d.value(val, v.Field(idx), name)
	}
}

// decimalCommaTail reports whether the key at n.Content[i] of a flow
// mapping is the digits after a decimal comma: digits with no value,
// written on the line of the number before it, right after its comma.
func decimalCommaTail(n *yaml.Node, i int) bool {
	k, val, prev := n.Content[i], n.Content[i+1], n.Content[i-1]
	digits := func(s string) bool {
		return s != "" && strings.Trim(s, "0123456789") == ""
	}
	return n.Style&yaml.FlowStyle != 0 && digits(k.Value) && val.Tag == "!!null" && prev.Kind == yaml.ScalarNode &&
		(prev.Tag == "!!int" || prev.Tag == "!!float") && k.Line == prev.Line && k.Column == prev.Column+len(prev.Value)+1
}

// errors counts the errors reported so far.
func (d *decoder) errors() int {
	n := 0
	for _, x := range *d.ds {
		if x.Severity == generator.Error {
			n++
		}
	}
	return n
}

// expect reports an error unless n is of the wanted kind.
func (d *decoder) expect(n *yaml.Node, kind yaml.Kind, key, want string) bool {
	if n.Kind == kind {
		return true
	}
	got := map[yaml.Kind]string{yaml.ScalarNode: "a single value", yaml.SequenceNode: "a list", yaml.MappingNode: "a set of keys"}[n.Kind]
	label := key
	if label == "" {
		label = "document"
	}
	d.ds.Errorf(d.pos(n), "", "%s: expected %s, found %s", label, want, got)
	return false
}

// ParseDate reads the date formats authors and spreadsheets write:
// 2025-10-01, 2025-10-01T09:30:00Z and 2025-10-01 09:30.
func ParseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{"2006-01-02", time.RFC3339, "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02 15:04"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// dateHint is the hint for a date folio does not read: the ISO date of
// one written out in English ("September 15, 2025": "did you mean
// 2025-09-15?"), else how to write one.
func dateHint(s string) string {
	// 10/20/2025, as a spreadsheet or a habit writes it: the date it can
	// be, or both where the day and month could be either.
	if monthFirst, dayFirst, mfOK, dfOK, ok := generator.SlashDate(strings.TrimSpace(s)); ok {
		switch {
		case mfOK && dfOK && !monthFirst.Equal(dayFirst):
			return "did you mean " + monthFirst.Format(time.DateOnly) + " or " + dayFirst.Format(time.DateOnly) + "? write dates as YYYY-MM-DD"
		case mfOK:
			return "did you mean " + monthFirst.Format(time.DateOnly) + "? write dates as YYYY-MM-DD"
		case dfOK:
			return "did you mean " + dayFirst.Format(time.DateOnly) + "? write dates as YYYY-MM-DD"
		}
	}
	s = strings.Join(strings.Fields(strings.ReplaceAll(s, ",", " ")), " ")
	for _, layout := range []string{"January 2 2006", "Jan 2 2006", "2 January 2006", "2 Jan 2006", "Monday January 2 2006", "Mon Jan 2 2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return "did you mean " + t.Format(time.DateOnly) + "? write dates as YYYY-MM-DD"
		}
	}
	return "write dates as YYYY-MM-DD, e.g. 2025-10-01"
}

// syntaxError reports a YAML syntax error. A line that starts with a tab
// is named as the cause: YAML's own message for it ("found character that
// cannot start any token") says nothing about tabs.
func syntaxError(src []byte, err error, o Options, ds *generator.Diagnostics) {
	at := syntaxPos(err, o)
	line := 0
	for l := range bytes.Lines(src) {
		line++
		if len(l) > 0 && l[0] == '\t' {
			n := line + o.FirstLine - 1
			ds.Errorf(generator.Pos{File: o.File, Line: n, Col: 1}, "replace the tab with spaces (most editors can show tabs, or convert them)",
				"line %d starts with a tab; YAML indents with spaces", n)
			return
		}
		if at.Line > 0 && line+o.FirstLine-1 >= at.Line {
			break // a tab after the error is not its cause
		}
	}
	msg := syntaxMessage(err)
	// Two slips YAML words for itself alone: a value with a second ': '
	// in it, and a quote opened and never closed (YAML reads on to the
	// end of the front matter, and stops there).
	if strings.Contains(msg, "mapping values are not allowed") && at.Line >= o.FirstLine {
		if key, value, ok := keyAndValue(lineAt(src, at.Line-o.FirstLine+1)); ok && strings.Index(value, ": ") > 0 && !strings.ContainsAny(value[:1], `:"'[{`) {
			if before, _, found := strings.Cut(value, " #"); found {
				value = strings.TrimSpace(before) // a comment stays a comment
			}
			ds.Errorf(generator.Pos{File: o.File, Line: at.Line}, fmt.Sprintf("put the text in double quotes: %s: %q", key, value),
				"the text of '%s' holds ': ', which YAML reads as the start of another field", key)
			return
		}
	}
	if strings.Contains(msg, "end of stream") || strings.Contains(msg, "could not find end") {
		if line, key, q, ok := openQuoteAtEnd(src); ok {
			n := line + o.FirstLine - 1
			ds.Errorf(generator.Pos{File: o.File, Line: n}, fmt.Sprintf("end the text with %s on the same line, or take out the %s that opens it", q, q),
				"the text of '%s' opens with %s and never closes", key, q)
			return
		}
	}
	ds.Errorf(at, "check indentation, and quote text that contains ': ' or starts with a special character", "invalid YAML: %s", msg)
}

// lineAt is line n (from 1) of src, without its line end; "" past the end.
func lineAt(src []byte, n int) string {
	for l := range bytes.Lines(src) {
		if n--; n == 0 {
			return strings.TrimRight(string(l), "\r\n")
		}
	}
	return ""
}

// keyAndValue splits a line "key: value" (indented, or a list item's
// "- key: value") at its first ': '.
func keyAndValue(line string) (key, value string, ok bool) {
	line = strings.TrimLeft(line, " ")
	line = strings.TrimPrefix(line, "- ")
	key, value, ok = strings.Cut(line, ": ")
	key, value = strings.TrimSpace(key), strings.TrimSpace(value)
	return key, value, ok && key != "" && !strings.ContainsAny(key, " \"'") && value != ""
}

// openQuoteAtEnd finds a quote still open at the end of src: the line of
// a field (or list item) whose text opens with a quote that no later line
// closes, the field's name and the quote. Text in quotes over several
// lines that closes, and the lines of a block of text (key: | or >), are
// no such quote.
func openQuoteAtEnd(src []byte) (line int, key, quote string, ok bool) {
	open := byte(0)   // the quote open since line, or 0
	blockIndent := -1 // the indentation a block of text's lines are deeper than
	n := 0
	for l := range bytes.Lines(src) {
		n++
		text := strings.TrimRight(string(l), "\r\n")
		indent := len(text) - len(strings.TrimLeft(text, " "))
		if open != 0 {
			if closingQuote(text, open) >= 0 {
				open = 0
			}
			continue
		}
		if blockIndent >= 0 {
			if strings.TrimSpace(text) == "" || indent > blockIndent {
				continue
			}
			blockIndent = -1
		}
		k, value, isField := keyAndValue(text)
		if !isField {
			trimmed := strings.TrimLeft(text, " ")
			if !strings.HasPrefix(trimmed, "- ") {
				continue
			}
			k, value = "list item", strings.TrimSpace(strings.TrimPrefix(trimmed, "- "))
		}
		if strings.HasPrefix(value, "|") || strings.HasPrefix(value, ">") {
			blockIndent = indent
			continue
		}
		if value == "" || value[0] != '"' && value[0] != '\'' {
			continue
		}
		if closingQuote(value[1:], value[0]) < 0 {
			open, line, key, quote = value[0], n, k, string(value[0])
		}
	}
	return line, key, quote, open != 0
}

// closingQuote is the index in text of the quote q that closes text in
// quotes, or -1: \" is a quote inside double quotes, ” inside single.
func closingQuote(text string, q byte) int {
	for i := 0; i < len(text); i++ {
		switch {
		case q == '"' && text[i] == '\\':
			i++
		case q == '\'' && text[i] == q && i+1 < len(text) && text[i+1] == q:
			i++
		case text[i] == q:
			return i
		}
	}
	return -1
}

func syntaxPos(err error, o Options) generator.Pos {
	p := generator.Pos{File: o.File, Line: o.FirstLine}
	var le *yaml.LoadError
	if errors.As(err, &le) && le.Mark.Line > 0 {
		p.Line = le.Mark.Line + o.FirstLine - 1
		p.Col = le.Mark.Column
	}
	return p
}

func syntaxMessage(err error) string {
	var le *yaml.LoadError
	if errors.As(err, &le) {
		return le.Message
	}
	return strings.TrimPrefix(err.Error(), "yaml: ")
}
