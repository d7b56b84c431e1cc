package content

import (
	"encoding/json"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	"github.com/folio-sites/folio/generator"
)

// tomlToYAML decodes TOML front matter and writes it out again as YAML for
// yamldoc, keeping each top-level key on the line it had in the TOML (its
// value on that same line, in JSON flow style), so that yamldoc's messages
// point at the right file line. Columns are only approximate.
func tomlToYAML(src []byte, file string, firstLine int, ds *generator.Diagnostics) ([]byte, bool) {
	if !checkTOMLNesting(src, file, firstLine, ds) {
		return nil, false
	}
	var m map[string]any
	if _, err := toml.Decode(string(src), &m); err != nil {
		line, msg := tomlError(err)
		ds.Errorf(generator.Pos{File: file, Line: firstLine + max(line, 1) - 1},
			`write each field as key = value, with text in "double quotes"`, "invalid TOML: %s", msg)
		return nil, false
	}
	lines := strings.Split(string(src), "\n")
	type entry struct {
		key       string
		line, col int
	}
	var entries []entry
	for k := range m {
		line, col := tomlKeyLine(lines, k)
		entries = append(entries, entry{k, line, col})
	}
	slices.SortFunc(entries, func(a, b entry) int {
		if a.line != b.line {
			return a.line - b.line
		}
		return strings.Compare(a.key, b.key)
	})

	var out []string
	for _, e := range entries {
		for len(out) < e.line {
			out = append(out, "")
		}
		value, err := json.Marshal(plainTOML(m[e.key]))
		if err != nil { // cannot happen: TOML values are JSON-encodable
			value = []byte(`""`)
		}
		key := e.key
		if !bareKeyRE.MatchString(key) {
			key = strconv.Quote(key)
		}
		// Pad so that the value starts in the column it had in the TOML.
		pad := max(1, e.col-utf8.RuneCountInString(key)-2)
		out = append(out, key+":"+strings.Repeat(" ", pad)+string(value))
	}
	return []byte(strings.Join(out, "\n") + "\n"), true
}

var (
	bareKeyRE   = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)
	tomlLineRE  = regexp.MustCompile(`^Near line (\d+) \(last key parsed '[^']*'\): `)
	tableLineRE = regexp.MustCompile(`^\s*\[`)
)

// tomlKeyLine finds the 0-based line where a top-level key is written and
// the 1-based column of its value, or 0, 0 when it cannot be found.
func tomlKeyLine(lines []string, key string) (int, int) {
	q := regexp.QuoteMeta(key)
	assign := regexp.MustCompile(`^\s*(?:` + q + `|"` + q + `"|'` + q + `')\s*=\s*`)
	table := regexp.MustCompile(`^\s*\[\[?\s*(?:` + q + `|"` + q + `"|'` + q + `')\s*[\].]`)
	inTables := false
	for i, l := range lines {
		if tableLineRE.MatchString(l) {
			inTables = true
			if table.MatchString(l) {
				return i, 1
			}
			continue
		}
		// Top-level keys come before the first [table]; later ones are
		// inside a table.
		if !inTables {
			if loc := assign.FindStringIndex(l); loc != nil {
				return i, utf8.RuneCountInString(l[:loc[1]]) + 1
			}
		}
	}
	return 0, 0
}

// plainTOML replaces dates, which JSON would write with a time zone, by the
// forms yamldoc reads: 2025-10-01 for a date, RFC 3339 for a date and time.
func plainTOML(v any) any {
	switch v := v.(type) {
	case time.Time:
		if v.Hour() == 0 && v.Minute() == 0 && v.Second() == 0 && v.Nanosecond() == 0 {
			return v.Format("2006-01-02")
		}
		return v.Format(time.RFC3339)
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = plainTOML(x)
		}
		return out
	case []map[string]any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = plainTOML(x)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, x := range v {
			out[k] = plainTOML(x)
		}
		return out
	}
	return v
}

// tomlError splits BurntSushi/toml's "Near line N (last key parsed 'k'):
// message" into the block line and the message.
func tomlError(err error) (int, string) {
	msg := err.Error()
	m := tomlLineRE.FindStringSubmatch(msg)
	if m == nil {
		return 1, msg
	}
	line, _ := strconv.Atoi(m[1])
	return line, strings.TrimSuffix(strings.TrimPrefix(msg, m[0]), ".")
}
