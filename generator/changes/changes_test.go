package changes_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/folio-sites/folio/generator"
	"github.com/folio-sites/folio/generator/changes"
	"github.com/folio-sites/folio/generator/evidence"
	"github.com/folio-sites/folio/generator/goals"
)

var data = map[string]string{
	"data/framework.yaml": `name: Network
components:
  - id: partnership
    title: Partnership
    practices:
      - id: partnership-1
        text: Pairs
        indicators:
          - {id: p-1a, text: A}
          - {id: p-1b, text: B}
          - {id: p-1c, text: C}
`,
	// p-1a changed after the date; p-1b was observed again with the same
	// status; p-1c was first observed after it.
	"data/installation.csv": `school,indicator,date,status,value,evidence,note
oak,p-1a,2024-05-01,partial,,,
oak,p-1a,2025-05-01,in-place,,https://example.org/a.pdf,
oak,p-1b,2024-05-01,partial,,,
oak,p-1b,2025-05-01,partial,,,
oak,p-1c,2025-03-01,not-yet,,,
`,
	"data/achievement.yaml": `min_n: 10
subjects: [{id: math, label: Mathematics}, {id: reading, label: Reading}]
subgroups: [{id: all, label: All students}, {id: black, label: Black}]
`,
	// Reading's 2024-25 all students are too few to publish: its gain is
	// not computed.
	"data/achievement.csv": `school,year,subject,subgroup,tested,proficient_pct
oak,2023-24,math,all,100,50.0
oak,2023-24,reading,all,100,60.0
oak,2024-25,math,all,100,52.5
oak,2024-25,reading,all,8,61.0
`,
	"data/trust.yaml": `scale: {min: 1, max: 6}
facets: [{id: honesty, label: Honesty}, {id: openness, label: Openness}]
groups: [{id: teachers, label: Teachers}]
`,
	"data/trust.csv": `school,year,group,facet,mean,respondents
oak,2023-24,teachers,honesty,4.00,20
oak,2023-24,teachers,openness,4.20,20
oak,2024-25,teachers,honesty,4.30,20
oak,2024-25,teachers,openness,4.30,20
`,
	"data/goals.yaml": `goals:
  - id: installed
    school: oak
    title: Install the partnership
    measure: {evidence: installation}
    baseline: {year: 2023-24, value: 0}
    target: {year: 2025-26, value: 60}
  - id: math
    school: oak
    title: Math for all
    measure: {evidence: achievement, subject: math, subgroup: all}
    baseline: {year: 2023-24, value: 50}
    target: {year: 2026-27, value: 56}
`,
}

func load(t *testing.T) (*generator.Content, *evidence.Data) {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, src := range data {
		fsys[name] = &fstest.MapFile{Data: []byte(src)}
	}
	known := evidence.Known{Schools: []string{"oak"}}
	var ds generator.Diagnostics
	ev := evidence.Load(fsys, known, &ds)
	ev.Goals = goals.Load(fsys, known, ev, &ds)
	if len(ds) > 0 {
		t.Fatalf("the data has problems: %v", ds)
	}
	day := func(s string) time.Time { d, _ := time.Parse("2006-01-02", s); return d }
	c := &generator.Content{
		Schools: []*generator.School{{ID: "oak", Name: "Oak", Narratives: []*generator.Narrative{
			{Slug: "before", Title: "Before", Date: day("2024-06-01")},
			{Slug: "on-the-day", Title: "On the day", Date: day("2024-06-17")},
			{Slug: "after", Title: "After", Date: day("2024-10-01")},
		}}},
		District: []*generator.Narrative{{Slug: "plan", Title: "Plan", Date: day("2025-01-10")}},
	}
	return c, ev
}

func TestSinceADate(t *testing.T) {
	c, ev := load(t)
	ch := changes.Compute(time.Date(2024, 6, 17, 0, 0, 0, 0, time.UTC), c, ev, ev.Goals)
	if ch.Year != 2024 {
		t.Errorf("2024-06-17 is in school year %s, want 2023-24", ch.Year)
	}
	oak := ch.Place("oak")
	if oak == nil || oak.None() {
		t.Fatalf("no changes at oak: %+v", oak)
	}

	var got []string
	for _, in := range oak.Indicators {
		got = append(got, fmt.Sprintf("%s %q→%q %s %s new=%v", in.ID, in.From, in.To, in.Date.Format("2006-01-02"), in.Evidence, in.New()))
	}
	want := []string{
		`p-1a "partial"→"in-place" 2025-05-01 https://example.org/a.pdf new=false`,
		`p-1c ""→"not-yet" 2025-03-01  new=true`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("indicators:\n%s\nwant (p-1b kept its status):\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	got = nil
	for _, n := range oak.Narratives {
		got = append(got, n.Slug)
	}
	if !slices.Equal(got, []string{"after"}) {
		t.Errorf("narratives dated after the date: %v, want [after]", got)
	}
	if d := ch.Place(generator.DistrictID); d == nil || len(d.Narratives) != 1 || d.Narratives[0].Slug != "plan" {
		t.Errorf("district narratives: %+v", d)
	}

	got = nil
	for _, y := range oak.Assessment {
		for _, g := range y.Gains {
			got = append(got, fmt.Sprintf("%s %s %v %s→%s %v %.1f", y.Year, g.Of, g.Now.OK(), y.Prev, g.Before.Year, g.HasDiff, g.Diff))
		}
	}
	want = []string{
		"2024-25 math true 2023-24→2023-24 true 2.5",
		"2024-25 reading false 2023-24→2023-24 false 0.0",
	}
	if !slices.Equal(got, want) {
		t.Errorf("assessment years:\n%s\nwant (a gain from a suppressed value is not computed):\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(oak.Survey) != 1 || len(oak.Survey[0].Gains) != 1 {
		t.Fatalf("survey years: %+v", oak.Survey)
	}
	if g := oak.Survey[0].Gains[0]; g.Of != "teachers" || !g.HasDiff || fmt.Sprintf("%.2f", g.Diff) != "0.20" {
		t.Errorf("teachers' gain: %+v, want 4.10 → 4.30, +0.20", g)
	}

	got = nil
	for _, g := range oak.Goals {
		got = append(got, g.To.Goal.ID+" "+g.From.Status.Slug()+"→"+g.To.Status.Slug())
	}
	// installed: 0 of 2 in 2023-24 (on track at the baseline), 1 of 3 in
	// 2024-25 against an expected 30 (on track: 33.3); math: 50.0 at the
	// baseline, 52.5 against an expected 52.0 — on track both times.
	if len(got) != 0 {
		t.Errorf("goal status changes: %v, want none", got)
	}
}

func TestGoalStatusChanged(t *testing.T) {
	c, ev := load(t)
	ev.Goals[0].Target.Value = 80 // expects 40 in 2024-25: 33.3 is not on track
	ch := changes.Compute(time.Date(2024, 6, 17, 0, 0, 0, 0, time.UTC), c, ev, ev.Goals)
	oak := ch.Place("oak")
	var got []string
	for _, g := range oak.Goals {
		got = append(got, g.To.Goal.ID+" "+g.From.Status.Slug()+"→"+g.To.Status.Slug())
	}
	if want := []string{"installed on-track→not-on-track"}; !slices.Equal(got, want) {
		t.Errorf("goal status changes: %v, want %v", got, want)
	}
}

func TestNothingChanged(t *testing.T) {
	c, ev := load(t)
	ch := changes.Compute(time.Date(2025, 9, 1, 0, 0, 0, 0, time.UTC), c, ev, ev.Goals)
	for _, p := range ch.Places {
		if !p.None() {
			t.Errorf("%s: changes after the last of the data: %+v", p.School, p)
		}
	}
	if !ch.None() {
		t.Error("None() is false")
	}
}
