package yamldoc_test

import (
	"strings"
	"testing"
	"time"

	"github.com/folio-sites/folio/generator"
	"github.com/folio-sites/folio/generator/yamldoc"
)

type profile struct {
	Name       string          `yaml:"name"`
	Enrollment int             `yaml:"enrollment"`
	Standards  []generator.Ref `yaml:"standards"`
	Date       time.Time       `yaml:"date"`
	Draft      bool            `yaml:"draft"`
	Items      []item          `yaml:"items"`
}

type item struct {
	Pos    generator.Pos
	ID     string   `yaml:"id"`
	Target *float64 `yaml:"target"`
}

func decode(t *testing.T, src string, firstLine int) (profile, generator.Diagnostics, bool) {
	t.Helper()
	var p profile
	var ds generator.Diagnostics
	ok := yamldoc.Decode([]byte(src), &p, yamldoc.Options{File: "f.md", FirstLine: firstLine, UnknownKeys: generator.Warning, Noun: "front matter"}, &ds)
	return p, ds, ok
}

func TestDecodeValuesAndPositions(t *testing.T) {
	src := "name: Lincoln\nenrollment: 420\nstandards:\n  - ISSL 1a\n  - ITS 2b\ndate: 2025-10-01\ndraft: yes\nitems:\n  - id: a\n    target: 4\n  - {id: b}\n"
	p, ds, ok := decode(t, src, 2)
	if !ok || len(ds) != 0 {
		t.Fatalf("ok=%v diagnostics=%v", ok, ds)
	}
	if p.Name != "Lincoln" || p.Enrollment != 420 || !p.Draft || p.Date.Format("2006-01-02") != "2025-10-01" {
		t.Errorf("decoded %+v", p)
	}
	if got := p.Standards[1]; got.ID != "ITS 2b" || got.Pos.String() != "f.md:6:5" {
		t.Errorf("ref = %+v (%s), want ITS 2b at f.md:6:5", got, got.Pos)
	}
	if p.Items[0].Target == nil || *p.Items[0].Target != 4 || p.Items[1].Target != nil {
		t.Errorf("targets decoded wrong: %+v", p.Items)
	}
	if p.Items[1].Pos.Line != 12 {
		t.Errorf("second item at line %d, want 12", p.Items[1].Pos.Line)
	}
}

func TestDecodeProblems(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
		parsed    bool
	}{
		{"unknown key with suggestion", "name: x\nstandrads: [ISSL 1a]\n",
			[]string{"f.md:2:1: warning: unknown front matter key 'standrads' — did you mean 'standards'?"}, true},
		{"unknown key without suggestion", "zzzzzzzz: 1\n",
			[]string{"f.md:1:1: warning: unknown front matter key 'zzzzzzzz' — known keys are name, enrollment, standards, date, draft, items"}, true},
		{"not a whole number", "enrollment: about 400\n",
			[]string{"f.md:1:13: enrollment: 'about 400' is not a whole number — write digits only, e.g. 420"}, true},
		{"bad date", "date: last fall\n",
			[]string{"f.md:1:7: date: 'last fall' is not a date — write dates as YYYY-MM-DD, e.g. 2025-10-01"}, true},
		{"a date written out", "date: September 15, 2025\n",
			[]string{"f.md:1:7: date: 'September 15, 2025' is not a date — did you mean 2025-09-15? write dates as YYYY-MM-DD"}, true},
		{"a date written out, day first", "date: 3 Oct 2025\n",
			[]string{"f.md:1:7: date: '3 Oct 2025' is not a date — did you mean 2025-10-03? write dates as YYYY-MM-DD"}, true},
		{"a date month first", "date: 10/20/2025\n",
			[]string{"f.md:1:7: date: '10/20/2025' is not a date — did you mean 2025-10-20? write dates as YYYY-MM-DD"}, true},
		{"a date day first", "date: 20.10.2025\n",
			[]string{"f.md:1:7: date: '20.10.2025' is not a date — did you mean 2025-10-20? write dates as YYYY-MM-DD"}, true},
		{"a date either way", "date: 3/4/2025\n",
			[]string{"f.md:1:7: date: '3/4/2025' is not a date — did you mean 2025-03-04 or 2025-04-03? write dates as YYYY-MM-DD"}, true},
		{"a decimal comma in a flow mapping", "items: [{id: a, target: 38,8}]\n",
			[]string{"f.md:1:25: target: '38,8' is written with a decimal comma, which YAML reads as 38 and a key 8 — write 38.8 with a decimal point"}, true},
		{"a key of digits that is no decimal comma", "items: [{id: a, target: 38, 8: x}]\n",
			[]string{"f.md:1:29: warning: unknown front matter key '8' — did you mean 'id'?"}, true},
		{"list where text expected", "name: [a, b]\n",
			[]string{"f.md:1:7: name: expected text, found a list"}, true},
		{"many problems at once", "enrollment: x\ndraft: maybe\n",
			[]string{"f.md:1:13: enrollment: 'x' is not a whole number — write digits only, e.g. 420",
				"f.md:2:8: draft: 'maybe' is not true or false — write true or false"}, true},
		{"duplicate key", "name: a\nname: b\n",
			[]string{"f.md:2:1: duplicate key 'name' — remove one of the two"}, true},
		{"empty document", "", nil, true},
		{"comment only", "# nothing yet\n", nil, true},
		{"syntax error", "name: a\n  bad: : x\n", nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, ds, ok := decode(t, tt.src, 1)
			if ok != tt.parsed {
				t.Fatalf("parsed = %v, want %v (%v)", ok, tt.parsed, ds)
			}
			if !tt.parsed {
				if len(ds) != 1 || !strings.HasPrefix(ds[0].String(), "f.md:2") || !strings.Contains(ds[0].Message, "invalid YAML") {
					t.Errorf("syntax error reported as %v", ds)
				}
				return
			}
			var got []string
			for _, d := range ds {
				got = append(got, d.String())
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// One mistake, one message, in words an author can act on.
func TestAuthorMistakes(t *testing.T) {
	tests := []struct {
		name      string
		src       string
		firstLine int
		want      string
	}{
		{"tab in a whole file", "name: Lincoln\nitems:\n  - id: a\n    target: 4\n\t- id: b\n", 1,
			"f.md:5:1: line 5 starts with a tab; YAML indents with spaces — replace the tab with spaces (most editors can show tabs, or convert them)"},
		{"tab in front matter", "name: Lincoln\nitems:\n\t- id: a\n", 2,
			"f.md:4:1: line 4 starts with a tab; YAML indents with spaces — replace the tab with spaces (most editors can show tabs, or convert them)"},
		{"a list written as text", "name: Lincoln\nstandards: ISSL 1a, ISSL 1b\n", 2,
			"f.md:3:12: standards: 'ISSL 1a, ISSL 1b' is one piece of text, not a list — write a list: [ISSL 1a, ISSL 1b]"},
		{"a number written in words", "items:\n  - id: a\n    target: four\n", 1,
			"f.md:3:13: target: 'four' is not a number — write a number such as 4 or 2.5"},
		{"a second ': ' in a value", "name: Goal: walk every classroom\n", 2,
			`f.md:2: the text of 'name' holds ': ', which YAML reads as the start of another field — put the text in double quotes: name: "Goal: walk every classroom"`},
		{"a quote never closed", "name: \"Learning walks\nstandards: [ISSL 1a]\n", 2,
			`f.md:2: the text of 'name' opens with " and never closes — end the text with " on the same line, or take out the " that opens it`},
		{"a single quote never closed, with one inside", "name: 'It''s ours\n", 2,
			"f.md:2: the text of 'name' opens with ' and never closes — end the text with ' on the same line, or take out the ' that opens it"},
		{"a quote never closed after text in quotes over two lines", "name: \"two\n  lines\"\nenrollment: 'oops\n", 1,
			"f.md:3: the text of 'enrollment' opens with ' and never closes — end the text with ' on the same line, or take out the ' that opens it"},
		{"a quote never closed after a block of text", "description: |\n  note: \"x\nenrollment: 'oops\n", 1,
			"f.md:3: the text of 'enrollment' opens with ' and never closes — end the text with ' on the same line, or take out the ' that opens it"},
		{"a second ': ' before a comment", "name: Goal: walk # draft\n", 1,
			`f.md:1: the text of 'name' holds ': ', which YAML reads as the start of another field — put the text in double quotes: name: "Goal: walk"`},
		{"a list item's quote never closed", "name: Lincoln\nstandards:\n  - \"ISSL 1a\n", 1,
			`f.md:3: the text of 'list item' opens with " and never closes — end the text with " on the same line, or take out the " that opens it`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, ds, _ := decode(t, tt.src, tt.firstLine)
			if len(ds) != 1 || ds[0].String() != tt.want {
				t.Errorf("diagnostics %v\nwant %s", ds, tt.want)
			}
			if len(p.Items) > 0 && p.Items[0].Target != nil {
				t.Errorf("a target that is not a number was set to %v", *p.Items[0].Target)
			}
			if len(p.Standards) > 0 {
				t.Errorf("standards read as %v", p.Standards)
			}
		})
	}
	// A tab inside a value is no mistake; a syntax error with no tab
	// keeps YAML's own message.
	if _, ds, _ := decode(t, "name: \"a\tb\"\n", 1); len(ds) != 0 {
		t.Errorf("a tab inside a value: %v", ds)
	}
	if _, ds, _ := decode(t, "name: [a\n", 1); len(ds) != 1 || !strings.HasPrefix(ds[0].Message, "invalid YAML: ") {
		t.Errorf("a syntax error without a tab: %v", ds)
	}
	// Quotes that close, and text in quotes over two lines, are no
	// mistake.
	for _, src := range []string{"name: \"a \\\" b\"\n", "name: 'it''s'\n", "name: \"two\n  lines\"\n"} {
		if _, ds, _ := decode(t, src, 1); len(ds) != 0 {
			t.Errorf("%q: %v", src, ds)
		}
	}
}
