package message

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/folio-sites/folio/generator"
	"github.com/folio-sites/folio/themes"
	"go.yaml.in/yaml/v4"
)

// Catalog holds the messages of one language. The zero Catalog has none;
// use Default or Load.
type Catalog struct {
	msgs map[string]*message
	// sig identifies the files the catalog was made of, so that a rebuild
	// can tell whether its wording changed (Same).
	sig string
}

// message is one entry, parsed into pieces once.
type message struct {
	pos generator.Pos
	// forms maps "" (a plain message), or "zero", "one", "other", to text.
	forms map[string][]piece
	// names are the placeholders the message uses, sorted.
	names []string
}

// piece is literal text, or a placeholder when arg is set.
type piece struct {
	text string
	arg  bool
}

// Layer is one catalog file to read: a file system and the path of the
// file within it, with how diagnostics name it.
type Layer struct {
	FS      fs.FS
	Path    string
	Display string
}

// Load reads the built-in default catalog for lang (English when the
// default theme has no file for it), then applies each layer that exists
// in order, later layers overriding earlier ones. Problems in a layer are
// reported to ds at their line; the catalog is always usable.
func Load(lang string, layers []Layer, ds *generator.Diagnostics) *Catalog {
	c := Default(lang)
	for _, l := range layers {
		src, err := fs.ReadFile(l.FS, l.Path)
		if errors.Is(err, fs.ErrNotExist) {
			continue // a layer without a file overrides nothing
		}
		if err != nil {
			ds.Errorf(generator.Pos{File: l.Display}, "", "cannot read: %v", err)
			continue
		}
		c.override(src, l.Display, ds)
		sum := sha256.Sum256(src)
		c.sig += l.Display + ":" + hex.EncodeToString(sum[:8]) + ";"
	}
	return c
}

// Same reports whether c and o were made from the same files, byte for
// byte: then every message reads the same.
func (c *Catalog) Same(o *Catalog) bool {
	return c != nil && o != nil && c.sig == o.sig
}

// Default returns the default theme's catalog for lang, or its English
// catalog when it has none for lang.
func Default(lang string) *Catalog {
	fsys := themes.Default()
	p := path.Join("i18n", lang+".yaml")
	src, err := fs.ReadFile(fsys, p)
	if err != nil {
		p = "i18n/en.yaml"
		src, err = fs.ReadFile(fsys, p)
	}
	if err != nil {
		panic("message: the default theme has no " + p) // embedded: cannot happen
	}
	var ds generator.Diagnostics
	c := &Catalog{msgs: parse(src, "themes/default/"+p, &ds), sig: lang + ";"}
	if len(ds) > 0 {
		panic("message: the default catalog is invalid: " + ds[0].String()) // caught by the package tests
	}
	return c
}

// override applies a catalog file over c.
func (c *Catalog) override(src []byte, file string, ds *generator.Diagnostics) {
	msgs := parse(src, file, ds)
	ids := c.IDs()
	// Report in file order, so diagnostics are deterministic.
	overrides := make([]*message, 0, len(msgs))
	byMsg := map[*message]string{}
	for id, m := range msgs {
		overrides = append(overrides, m)
		byMsg[m] = id
	}
	slices.SortFunc(overrides, func(a, b *message) int { return a.pos.Line - b.pos.Line })
	for _, m := range overrides {
		id := byMsg[m]
		base, ok := c.msgs[id]
		if !ok {
			hint := generator.DidYouMean(id, ids)
			if hint == "" {
				hint = "message ids are listed in themes/default/i18n/en.yaml"
			}
			ds.Warnf(m.pos, hint, "unknown message id '%s'", id)
			continue
		}
		bad := false
		for _, n := range m.names {
			if !slices.Contains(base.names, n) {
				hint := "this message can use " + placeholderList(base.names)
				ds.Errorf(m.pos, hint, "message '%s' has no placeholder {%s}", id, n)
				bad = true
			}
		}
		if !bad {
			c.msgs[id] = m
		}
	}
}

func placeholderList(names []string) string {
	if len(names) == 0 {
		return "no placeholders"
	}
	var b []string
	for _, n := range names {
		b = append(b, "{"+n+"}")
	}
	return strings.Join(b, ", ")
}

// parse reads a catalog file; each problem goes to ds at its line.
func parse(src []byte, file string, ds *generator.Diagnostics) map[string]*message {
	out := map[string]*message{}
	var root yaml.Node
	if err := yaml.Unmarshal(src, &root); err != nil {
		ds.Errorf(generator.Pos{File: file}, "check indentation, and quote messages that contain ': '", "invalid YAML: %v", err)
		return out
	}
	if root.Kind == 0 || len(root.Content) == 0 {
		return out
	}
	doc := root.Content[0]
	at := func(n *yaml.Node) generator.Pos { return generator.Pos{File: file, Line: n.Line, Col: n.Column} }
	if doc.Kind != yaml.MappingNode {
		ds.Errorf(at(doc), "write one message per line: id: \"text\"", "a message catalog is a mapping of message ids to messages")
		return out
	}
	for i := 0; i+1 < len(doc.Content); i += 2 {
		k, v := doc.Content[i], doc.Content[i+1]
		id := k.Value
		if _, dup := out[id]; dup {
			ds.Errorf(at(k), "remove one of them", "message '%s' is given twice", id)
			continue
		}
		m := &message{pos: at(k), forms: map[string][]piece{}}
		switch v.Kind {
		case yaml.ScalarNode:
			m.forms[""] = pieces(v.Value)
		case yaml.MappingNode:
			for j := 0; j+1 < len(v.Content); j += 2 {
				fk, fv := v.Content[j], v.Content[j+1]
				switch {
				case fk.Value != "zero" && fk.Value != "one" && fk.Value != "other":
					ds.Errorf(at(fk), "plural forms are zero (optional), one and other", "message '%s': unknown plural form '%s'", id, fk.Value)
				case fv.Kind != yaml.ScalarNode:
					ds.Errorf(at(fv), "write the form's text in quotes", "message '%s': form '%s' is not text", id, fk.Value)
				default:
					m.forms[fk.Value] = pieces(fv.Value)
				}
			}
			if _, ok := m.forms["other"]; !ok {
				ds.Errorf(at(k), "add other: \"…\", used for every number without a form of its own", "message '%s' has plural forms but no 'other'", id)
				continue
			}
		default:
			ds.Errorf(at(v), "write id: \"text\", or id: {one: \"…\", other: \"…\"}", "message '%s' is neither text nor plural forms", id)
			continue
		}
		for _, ps := range m.forms {
			for _, p := range ps {
				if p.arg && !slices.Contains(m.names, p.text) {
					m.names = append(m.names, p.text)
				}
			}
		}
		slices.Sort(m.names)
		out[id] = m
	}
	return out
}

// pieces splits text at its {placeholders}.
func pieces(s string) []piece {
	var out []piece
	lit := 0
	for i := 0; i < len(s); i++ {
		if s[i] != '{' {
			continue
		}
		j := i + 1
		for j < len(s) && isNameByte(s[j]) {
			j++
		}
		if j == i+1 || j >= len(s) || s[j] != '}' {
			continue
		}
		if lit < i {
			out = append(out, piece{text: s[lit:i]})
		}
		out = append(out, piece{text: s[i+1 : j], arg: true})
		lit = j + 1
		i = j
	}
	if lit < len(s) {
		out = append(out, piece{text: s[lit:]})
	}
	return out
}

func isNameByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b == '_' || b == '.'
}

// IDs returns every message id, sorted.
func (c *Catalog) IDs() []string {
	ids := make([]string, 0, len(c.msgs))
	for id := range c.msgs {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

// Has reports whether the catalog has a message id.
func (c *Catalog) Has(id string) bool {
	_, ok := c.msgs[id]
	return ok
}

// Placeholders returns the placeholders a message may use, sorted.
func (c *Catalog) Placeholders(id string) []string {
	if m, ok := c.msgs[id]; ok {
		return slices.Clone(m.names)
	}
	return nil
}

// Text writes message id with its placeholders filled from args, given as
// name, value pairs: Text("chart.trust.title", "group", "Teachers").
// Values are written with fmt.Sprint. The argument named n (a whole
// number) chooses a plural message's form. An id the catalog lacks is
// written as "[id]" and a placeholder without an argument as "{name}", so
// that a mistake shows on the page instead of vanishing.
func (c *Catalog) Text(id string, args ...any) string {
	m, ok := c.msgs[id]
	if !ok {
		return "[" + id + "]"
	}
	ps, ok := m.forms[""]
	if !ok {
		ps = m.forms[form(m, args)]
	}
	if len(ps) == 1 && !ps[0].arg {
		return ps[0].text // no argument: nothing to build
	}
	// Grown once to about its length: charts keep their texts through a
	// build, and a builder grown by doubling keeps up to twice the room.
	size := 0
	for _, p := range ps {
		if p.arg {
			size += 8 // a number, a short name
		} else {
			size += len(p.text)
		}
	}
	var b strings.Builder
	b.Grow(size)
	for _, p := range ps {
		if !p.arg {
			b.WriteString(p.text)
			continue
		}
		if v, ok := lookup(args, p.text); ok {
			writeArg(&b, v)
		} else {
			b.WriteString("{" + p.text + "}")
		}
	}
	return b.String()
}

// writeArg writes v as fmt.Fprint would: strings and ints, most of a
// build's arguments (a chart's messages are made for ten thousand charts),
// without fmt's reflection.
func writeArg(b *strings.Builder, v any) {
	switch v := v.(type) {
	case string:
		b.WriteString(v)
	case int:
		var digits [20]byte
		b.Write(strconv.AppendInt(digits[:0], int64(v), 10))
	default:
		fmt.Fprint(b, v)
	}
}

// form chooses the plural form of m for the argument n.
func form(m *message, args []any) string {
	v, _ := lookup(args, "n")
	var n int64 = -1
	switch x := v.(type) {
	case int:
		n = int64(x)
	case int64:
		n = x
	case string:
		n, _ = strconv.ParseInt(x, 10, 64)
	}
	switch {
	case n == 0 && m.forms["zero"] != nil:
		return "zero"
	case n == 1 && m.forms["one"] != nil:
		return "one"
	}
	return "other"
}

func lookup(args []any, name string) (any, bool) {
	for i := 0; i+1 < len(args); i += 2 {
		if k, ok := args[i].(string); ok && k == name {
			return args[i+1], true
		}
	}
	return nil, false
}

// ForSite loads the catalog a site's pages are written with: the default
// theme's messages in lang, then the site's theme's i18n/<lang>.yaml (for
// a theme in themes/<name>/), then the site's own i18n/<lang>.yaml.
func ForSite(site fs.FS, theme, lang string, ds *generator.Diagnostics) *Catalog {
	if lang == "" {
		lang = "en"
	}
	file := path.Join("i18n", lang+".yaml")
	var layers []Layer
	if theme != "" && theme != generator.DefaultTheme {
		p := path.Join("themes", theme, file)
		layers = append(layers, Layer{FS: site, Path: p, Display: p})
	}
	layers = append(layers, Layer{FS: site, Path: file, Display: file})
	return Load(lang, layers, ds)
}
