package site_test

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/folio-sites/folio/generator"
	"github.com/folio-sites/folio/generator/chart"
	"github.com/folio-sites/folio/generator/evidence"
	"github.com/folio-sites/folio/generator/site"
)

func evidenceFixture(t *testing.T) *evidence.Data {
	t.Helper()
	fsys := fstest.MapFS{
		"data/trust.yaml": {Data: []byte("scale: {min: 1, max: 6}\n" +
			"facets: [{id: benevolence, label: Benevolence}, {id: honesty, label: Honesty}]\n" +
			"groups: [{id: teachers, label: Teachers}]\n")},
		"data/trust.csv": {Data: []byte("school,year,group,facet,mean,respondents\n" +
			"oak,2023-24,teachers,benevolence,4.1,30\n" +
			"oak,2024-25,teachers,benevolence,4.5,31\n")},
	}
	var ds generator.Diagnostics
	ev := evidence.Load(fsys, evidence.Known{Schools: []string{"oak"}}, &ds)
	if len(ds) > 0 {
		t.Fatal(ds)
	}
	return ev
}

func narrativeWithBlocks(blocks ...string) *generator.Content {
	n := &generator.Narrative{Source: "content/schools/oak/a.md", Slug: "a", School: "oak", Title: "A"}
	for i, b := range blocks {
		n.Charts = append(n.Charts, block(n.Source, 10*(i+1), b))
	}
	return &generator.Content{Schools: []*generator.School{{ID: "oak", Name: "Oak", Narratives: []*generator.Narrative{n}}}}
}

// block is a ```chart block at line as the content stage decodes it: one
// "name: value" parameter per line.
func block(file string, line int, src string) generator.ChartBlock {
	b := generator.ChartBlock{Pos: generator.Pos{File: file, Line: line}, Source: src}
	for i, l := range strings.Split(strings.TrimSuffix(src, "\n"), "\n") {
		name, value, _ := strings.Cut(l, ":")
		b.Params = append(b.Params, generator.Param{Name: name, Value: strings.TrimSpace(value), Pos: generator.Pos{File: file, Line: line + 1 + i, Col: 1}})
	}
	return b
}

func TestChartBlocks(t *testing.T) {
	tests := []struct {
		name  string
		block string
		want  string // diagnostic, or the chart id when valid
	}{
		{"facet trend for the narrative's school", "kind: trust\nfacet: benevolence\n", "chart_inline1_trust_oak_benevolence_trend"},
		{"group facets", "kind: trust\ngroup: teachers\n", "chart_inline1_trust_oak_teachers_facets"},
		{"unknown kind", "kind: trsut\n", "content/schools/oak/a.md:11:1: unknown chart kind 'trsut' — did you mean 'trust'?"},
		{"no kind", "facet: honesty\n", "content/schools/oak/a.md:10: chart block has no kind — known kinds are achievement, achievement-gains, achievement-schools, goal, installation, installation-heatmap, installation-trend, trust, trust-schools, trust-trend"},
		{"unknown parameter", "kind: trust\nfacett: honesty\n", "content/schools/oak/a.md:12:1: unknown chart key 'facett' — did you mean 'facet'?"},
		{"parameter of another kind", "kind: trust\nsubject: math\n", "content/schools/oak/a.md:12:1: chart parameter 'subject' does not apply to kind 'trust' — chart kind 'trust' takes: school, group, facet"},
		{"unknown facet", "kind: trust\nfacet: benevolance\n", "content/schools/oak/a.md:12:1: chart: unknown facet 'benevolance' — did you mean 'benevolence'?"},
		{"unknown school", "kind: trust-trend\nschool: oak-elementary\n", "content/schools/oak/a.md:12:1: chart: unknown school 'oak-elementary' — school ids are the folder names under content/schools/, or district"},
		{"missing data", "kind: achievement\n", "content/schools/oak/a.md:11:1: chart kind 'achievement' needs data/achievement.yaml and data/achievement.csv — add data/achievement.yaml and data/achievement.csv or remove the chart"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var ds generator.Diagnostics
			s := site.Assemble(generator.Config{}, narrativeWithBlocks(tt.block), evidenceFixture(t), nil, &ds)
			var page *site.Page
			for _, p := range s.Pages {
				if p.Narrative != nil {
					page = p
				}
			}
			if strings.HasPrefix(tt.want, "chart_") {
				if len(ds) != 0 {
					t.Fatalf("diagnostics: %v", ds)
				}
				if len(page.Inline) != 1 || page.Inline[0] == nil || page.Inline[0].ID != tt.want {
					t.Fatalf("inline charts = %+v", page.Inline)
				}
				return
			}
			if len(ds) != 1 || !strings.HasPrefix(ds[0].String(), tt.want) {
				t.Fatalf("diagnostics = %v\nwant %s", ds, tt.want)
			}
			if page.Inline[0] != nil {
				t.Error("a block with an error still drew a chart")
			}
		})
	}
}

// A chart block with several mistakes reports each, at its own line.
func TestChartBlockReportsEveryProblem(t *testing.T) {
	var ds generator.Diagnostics
	site.Assemble(generator.Config{}, narrativeWithBlocks("kind: trsut\nschool: oak-elementary\nfacet: benevolance\ncolour: red\n"), evidenceFixture(t), nil, &ds)
	ds.Sort()
	var got []string
	for _, d := range ds {
		got = append(got, d.String())
	}
	want := []string{
		"content/schools/oak/a.md:11:1: unknown chart kind 'trsut' — did you mean 'trust'?",
		"content/schools/oak/a.md:12:1: chart: unknown school 'oak-elementary' — school ids are the folder names under content/schools/, or district",
		"content/schools/oak/a.md:13:1: chart: unknown facet 'benevolance' — did you mean 'benevolence'?",
		"content/schools/oak/a.md:14:1: unknown chart key 'colour' — known keys are " + strings.Join(chart.Keys(), ", "),
	}
	if !slices.Equal(got, want) {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestSchoolPagesCarryTheirEvidence(t *testing.T) {
	var ds generator.Diagnostics
	s := site.Assemble(generator.Config{}, narrativeWithBlocks(), evidenceFixture(t), nil, &ds)
	for _, p := range s.Pages {
		if p.Kind != site.KindSchool {
			continue
		}
		if len(p.Sections()) != 1 || p.Sections()[0].ID != "trust" {
			t.Fatalf("sections = %+v", p.Sections())
		}
		if n := len(p.Charts()); n != 2 {
			t.Errorf("%d charts on the school page, want facets and trend", n)
		}
		return
	}
	t.Fatal("no school page")
}
