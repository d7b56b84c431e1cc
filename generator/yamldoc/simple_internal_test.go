package yamldoc

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.yaml.in/yaml/v4"
)

// sameTree reports where a and b differ, "" when they are the same node
// for node in everything a decoder can read.
func sameTree(a, b *yaml.Node, at string) string {
	if a.Kind != b.Kind || a.Style != b.Style || a.Tag != b.Tag || a.Value != b.Value || a.Line != b.Line || a.Column != b.Column ||
		a.Anchor != b.Anchor || (a.Alias == nil) != (b.Alias == nil) || a.HeadComment != b.HeadComment ||
		a.LineComment != b.LineComment || a.FootComment != b.FootComment || len(a.Content) != len(b.Content) {
		return fmt.Sprintf("%s: %+v\nwant %+v", at, *a, *b)
	}
	for i := range a.Content {
		if d := sameTree(a.Content[i], b.Content[i], fmt.Sprintf("%s/%d", at, i)); d != "" {
			return d
		}
	}
	return ""
}

// checkSimple parses src both ways: where parseSimple takes it, its tree
// must be the library's.
func checkSimple(t *testing.T, src string) (taken bool) {
	t.Helper()
	got, ok := parseSimple([]byte(src))
	if !ok {
		return false
	}
	var want yaml.Node
	if err := yaml.Unmarshal([]byte(src), &want); err != nil {
		t.Fatalf("%q: taken by parseSimple, but the library says %v", src, err)
	}
	if d := sameTree(got, &want, "document"); d != "" {
		t.Fatalf("%q: parseSimple differs from the library at %s", src, d)
	}
	return true
}

func TestParseSimpleIsTheLibrarysTree(t *testing.T) {
	for _, tt := range []struct {
		src   string
		taken bool
	}{
		{"title: Data Teams at Lincoln Elementary School 1\ndate: 2023-01-25\nweight: 1\nstandards: [ISSL 1a, ISSL 2b, ITS 1a]\npractices: [partnership-4]\n", true},
		{"title: \"Improvement narrative 1: music leadership\"\ndate: 2024-02-02\nweight: 1\n", true},
		{"name: Lincoln Elementary School 1\nlevel: elementary\ngrades: K-5\nenrollment: 786\nprincipal: Principal 1\nsummary: A school working on feedback, teams and family partnership.\n", true},
		{"title: 'Family nights'\nstandards: []\ndraft: false\n", false}, // false is left to the library
		{"title: Plan\n\nweight: 0\n", true},
		{"title:   Spaced out\n", true},
		{"title: O'Neil's plan (draft)\n", true},
		{"title: A/B testing. 2nd_round\n", true},
		{"enrollment: 0420\n", false},         // octal to YAML 1.1
		{"date: 2024-02-30\n", false},         // not a date
		{"date: 2024-2-3\n", false},           // nor this
		{"weight: 1e3\n", false},              // a float
		{"weight: 1_000\n", false},            // YAML 1.1's digit groups
		{"draft: yes\n", false},               // a boolean to YAML 1.1
		{"title: Null\n", false},              // null
		{"on: x\n", false},                    // a boolean key
		{"title: Plan # first\n", false},      // a comment
		{"# a comment\ntitle: Plan\n", false}, // another
		{"title: Plan\n  more\n", false},      // a continuation line
		{"standards:\n  - ISSL 1a\n  - ISSL 2b\npractices:\n- partnership-1\n", true},
		{"standards:\n  - ISSL 1a\n    - ISSL 2b\n", false}, // indented unlike the first
		{"standards:\n  - - ISSL 1a\n", false},              // a list in a list
		{"standards:\n  -  ISSL 1a\n", false},               // two spaces after the dash
		{"standards:\n  - [a, b]\n", false},                 // a list as an item
		{"grades: 6-8\nyears: 2023-24\n", true},
		{"grades: 6-8-9\n", false},
		{"grades: 6-\n", false},
		{"standards: [a,b]\n", false},           // no space after the comma
		{"standards: [a, 'b']\n", false},        // a quoted item
		{"standards: [ISSL 1a, true]\n", false}, // a boolean item
		{"title: \"a \\\"b\\\"\"\n", false},     // an escape
		{"title: \"a\" b\n", false},             // text after the quote
		{"title: Plan \n", false},               // a trailing space
		{"title: Plan\r\n", false},              // a carriage return
		{"title:\tPlan\n", false},               // a tab
		{"title: Language Cafés and Two-Way Communication\n", true},
		{"practices: [Café, b, y😀, nq]\n", true}, // columns count characters, not bytes
		{"title: Who Gets to Take Algebra? An Equity Inquiry\n", true},
		{"summary: learning to ask what \"good enough\" hides.\n", true},
		{"title: a\u2028b\n", false}, // a line break to YAML 1.1
		{"title: \"a\u0085b\"\n", false},
		{"title: \xff\n", false},   // not UTF-8
		{"title: a: b\n", false},   // a colon in plain text
		{"Title: Plan\n", false},   // keys are lowercase
		{"title:\n", false},        // an empty value
		{"\ntitle: Plan\n", false}, // the mapping starts below line 1
		{"", false},
	} {
		if got := checkSimple(t, tt.src); got != tt.taken {
			t.Errorf("%q: taken %v, want %v", tt.src, got, tt.taken)
		}
	}
}

// Every front matter of the sample district that parseSimple takes is
// the library's tree, and it takes most of them.
func TestParseSimpleOnTheSample(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "content", "*", "*.md"))
	more, _ := filepath.Glob(filepath.Join("..", "..", "content", "schools", "*", "*.md"))
	files = append(files, more...)
	taken := 0
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		fm, _, ok := strings.Cut(strings.TrimPrefix(string(src), "---\n"), "\n---\n")
		if !ok {
			continue
		}
		if checkSimple(t, fm+"\n") {
			taken++
		}
	}
	if len(files) < 10 || taken < len(files)/2 {
		t.Errorf("parseSimple took %d of %d front matters", taken, len(files))
	}
}

// FuzzParseSimple looks for YAML that parseSimple takes but reads
// differently from the library.
func FuzzParseSimple(f *testing.F) {
	for _, s := range []string{
		"title: Data Teams\ndate: 2023-01-25\nweight: 1\nstandards: [ISSL 1a, ISSL 2b]\n",
		"title: \"a: b\"\nx: 'q'\ne: 2023-24\n",
		"grades: K-5\nenrollment: 786\n",
		"a: [x, y z, 2024-01-01, 7]\n",
		"k: [Café, b]\nname: École Jean-Jaurès\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		checkSimple(t, src)
	})
}
