package content_test

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/folio-sites/folio/generator"
)

func TestSchoolLevel(t *testing.T) {
	site := []generator.Label{{ID: "k-8", Label: "K-8 schools"}}
	tests := []struct {
		level string
		id    string
		want  string // the diagnostic, "" for none
	}{
		{"middle", "middle", ""},
		{"High", "high", ""},
		{"k-8", "k-8", ""},
		{"", "", ""},
		{"Middle School", "", "content/schools/oak/_index.md:3:8: level 'Middle School' is not a school level — did you mean 'middle'? (a level is elementary, middle, high or k-8, or one declared under levels: in folio.yaml)"},
		{"elemntary", "", "content/schools/oak/_index.md:3:8: level 'elemntary' is not a school level — did you mean 'elementary'? (a level is elementary, middle, high or k-8, or one declared under levels: in folio.yaml)"},
		{"K-8 schools", "", "content/schools/oak/_index.md:3:8: level 'K-8 schools' is not a school level — did you mean 'k-8'? (a level is elementary, middle, high or k-8, or one declared under levels: in folio.yaml)"},
		{"academy", "", "content/schools/oak/_index.md:3:8: level 'academy' is not a school level — a level is elementary, middle, high or k-8, or one declared under levels: in folio.yaml"},
	}
	for _, tt := range tests {
		t.Run(tt.level, func(t *testing.T) {
			fsys := fstest.MapFS{"content/schools/oak/_index.md": file("---\nname: Oak\nlevel: " + tt.level + "\n---\n")}
			c, got := load(t, fsys, generator.Config{Levels: site})
			var want []string
			if tt.want != "" {
				want = []string{tt.want}
			}
			if !slices.Equal(got, want) {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), tt.want)
			}
			if len(c.Schools) != 1 || c.Schools[0].Level != tt.id {
				t.Errorf("level read as %+v, want %q", c.Schools, tt.id)
			}
		})
	}
}

func TestFrontMatterMistakesAtTheirFileLines(t *testing.T) {
	fsys := fstest.MapFS{
		"content/schools/oak/_index.md": file("---\nname: Oak\nlevel: middle\n---\n"),
		"content/schools/oak/walks.md":  file("---\ntitle: Walks\nstandards: ISSL 1a, ISSL 1b\n---\n"),
		"content/schools/oak/plan.md":   file("---\ntitle: Plan\nstandards:\n  - ISSL 1a\n\t- ISSL 1b\n---\n"),
	}
	_, got := load(t, fsys, generator.Config{})
	want := []string{
		"content/schools/oak/plan.md:5:1: line 5 starts with a tab; YAML indents with spaces — replace the tab with spaces (most editors can show tabs, or convert them)",
		"content/schools/oak/walks.md:3:12: standards: 'ISSL 1a, ISSL 1b' is one piece of text, not a list — write a list: [ISSL 1a, ISSL 1b]",
	}
	if !slices.Equal(got, want) {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
