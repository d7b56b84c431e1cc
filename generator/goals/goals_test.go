package goals_test

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/folio-sites/folio/generator"
	"github.com/folio-sites/folio/generator/evidence"
	"github.com/folio-sites/folio/generator/goals"
)

// The evidence every test measures goals against. Jefferson's Black
// students: 41.0 → 44.0 → 47.2 (2024-25); its English learners are
// 4 tested in 2024-25 (suppressed); its students with disabilities are
// coded ≤5% in 2024-25; Lincoln has no 2024-25 row for Black students.
var data = map[string]string{
	"data/achievement.yaml": `min_n: 10
subjects: [{id: math, label: Mathematics}, {id: reading, label: Reading}]
subgroups:
  - {id: all, label: All students}
  - {id: black, label: Black}
  - {id: ell, label: English learners}
  - {id: iep, label: Students with disabilities}
`,
	"data/achievement.csv": `school,year,subject,subgroup,tested,proficient_pct
jefferson-middle,2022-23,math,all,200,60.0
jefferson-middle,2022-23,math,black,40,41.0
jefferson-middle,2022-23,math,ell,20,30.0
jefferson-middle,2022-23,math,iep,20,12.0
jefferson-middle,2023-24,math,all,200,61.0
jefferson-middle,2023-24,math,black,40,44.0
jefferson-middle,2023-24,math,ell,20,31.0
jefferson-middle,2023-24,math,iep,20,10.0
jefferson-middle,2024-25,math,all,200,62.0
jefferson-middle,2024-25,math,black,40,47.2
jefferson-middle,2024-25,math,ell,4,50.0
jefferson-middle,2024-25,math,iep,20,5.0
lincoln-middle,2022-23,math,all,100,70.0
lincoln-middle,2022-23,math,black,12,50.0
lincoln-middle,2023-24,math,all,100,71.0
lincoln-middle,2023-24,math,black,12,52.0
lincoln-middle,2024-25,math,all,100,72.0
`,
	"data/trust.yaml": `scale: {min: 1, max: 6}
min_respondents: 5
facets: [{id: honesty, label: Honesty}, {id: openness, label: Openness}]
groups: [{id: teachers, label: Teachers}, {id: parents, label: Parents}]
`,
	"data/trust.csv": `school,year,group,facet,mean,respondents
jefferson-middle,2022-23,teachers,honesty,4.00,20
jefferson-middle,2022-23,teachers,openness,3.80,20
jefferson-middle,2024-25,teachers,honesty,4.40,20
jefferson-middle,2024-25,teachers,openness,4.20,20
jefferson-middle,2022-23,parents,honesty,4.00,20
jefferson-middle,2022-23,parents,openness,4.00,20
jefferson-middle,2024-25,parents,honesty,4.50,20
jefferson-middle,2024-25,parents,openness,4.50,3
`,
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
          - {id: p-1d, text: D}
  - id: coaching
    title: Coaching
    practices:
      - id: coaching-1
        text: Coaches
        indicators:
          - {id: c-1a, text: A}
`,
	"data/installation.csv": `school,indicator,date,status,value,evidence,note
jefferson-middle,p-1a,2023-10-01,partial,,,
jefferson-middle,p-1b,2023-10-01,not-yet,,,
jefferson-middle,p-1c,2023-10-01,not-yet,,,
jefferson-middle,p-1d,2023-10-01,not-applicable,,,
jefferson-middle,p-1a,2025-05-01,in-place,,https://example.org/a.pdf,
jefferson-middle,p-1b,2025-05-01,sustained,,https://example.org/b.pdf,
jefferson-middle,p-1c,2025-05-01,partial,,,
`,
}

var known = evidence.Known{Schools: []string{"jefferson-middle", "lincoln-middle"}}

// load reads the evidence above and goals.yaml, and returns the goals
// with the diagnostics as strings.
func load(t *testing.T, goalsYAML string) ([]goals.Goal, *evidence.Data, []string) {
	t.Helper()
	fsys := fstest.MapFS{"data/goals.yaml": {Data: []byte(goalsYAML)}}
	for name, src := range data {
		fsys[name] = &fstest.MapFile{Data: []byte(src)}
	}
	var ds generator.Diagnostics
	ev := evidence.Load(fsys, known, &ds)
	if len(ds) > 0 {
		t.Fatalf("the evidence has problems: %v", ds)
	}
	gs := goals.Load(fsys, known, ev, &ds)
	ds.Sort()
	var out []string
	for _, d := range ds {
		out = append(out, d.String())
	}
	return gs, ev, out
}

func TestStatus(t *testing.T) {
	tests := []struct {
		name, goal string
		want       goals.Status
		latest     string // the latest value, or why it is not reported
		expected   float64
		interim    bool
	}{
		{"met", `{evidence: achievement, subject: math, subgroup: all}
    baseline: {year: 2022-23, value: 55}
    target: {year: 2026-27, value: 62}`, goals.Met, "62", 0, false},
		{"on track by the interim of its year", `{evidence: achievement, subject: math, subgroup: black}
    baseline: {year: 2022-23, value: 41.0}
    target: {year: 2026-27, value: 55.0}
    interim: [{year: 2024-25, value: 47.0}]`, goals.OnTrack, "47.2", 47, true},
		{"not on track by the interim of its year", `{evidence: achievement, subject: math, subgroup: black}
    baseline: {year: 2022-23, value: 41.0}
    target: {year: 2026-27, value: 55.0}
    interim: [{year: 2024-25, value: 47.3}]`, goals.NotOnTrack, "47.2", 47.3, true},
		{"on track by the line from baseline to target", `{evidence: achievement, subject: math, subgroup: black}
    baseline: {year: 2022-23, value: 41.0}
    target: {year: 2026-27, value: 53.0}`, goals.OnTrack, "47.2", 47, false},
		{"not on track by the line from baseline to target", `{evidence: achievement, subject: math, subgroup: black}
    baseline: {year: 2022-23, value: 41.0}
    target: {year: 2026-27, value: 55.0}`, goals.NotOnTrack, "47.2", 48, false},
		{"the line between interims when none is of its year", `{evidence: achievement, subject: math, subgroup: black}
    baseline: {year: 2022-23, value: 41.0}
    target: {year: 2026-27, value: 60.0}
    interim: [{year: 2023-24, value: 44.0}, {year: 2025-26, value: 50.0}]`, goals.OnTrack, "47.2", 47, false},
		{"not on track when the target year has passed", `{evidence: achievement, subject: math, subgroup: all}
    baseline: {year: 2022-23, value: 60}
    target: {year: 2023-24, value: 70}`, goals.NotOnTrack, "62", 0, false},
		{"a lower target, reached from above", `{evidence: achievement, subject: math, subgroup: all}
    baseline: {year: 2022-23, value: 70}
    target: {year: 2026-27, value: 62}`, goals.Met, "62", 0, false},
		{"coded latest value", `{evidence: achievement, subject: math, subgroup: iep}
    baseline: {year: 2022-23, value: 12}
    target: {year: 2024-25, value: 10}`, goals.CannotReport, "coded ≤5%", 0, false},
		{"suppressed latest value", `{evidence: achievement, subject: math, subgroup: ell}
    baseline: {year: 2022-23, value: 30}
    target: {year: 2026-27, value: 50}`, goals.CannotReport, "suppressed", 0, false},
		{"missing latest value", `{evidence: achievement, subject: math, subgroup: black}
    baseline: {year: 2022-23, value: 50}
    target: {year: 2026-27, value: 60}`, goals.CannotReport, "missing", 0, false},
		{"trust, every facet averaged", `{evidence: trust, group: teachers, facet: all}
    baseline: {year: 2022-23, value: 3.9}
    target: {year: 2026-27, value: 4.5}`, goals.OnTrack, "4.3", 4.2, false},
		{"trust, every facet, one suppressed", `{evidence: trust, group: parents, facet: all}
    baseline: {year: 2022-23, value: 4.0}
    target: {year: 2026-27, value: 4.8}`, goals.CannotReport, "suppressed openness", 0, false},
		{"trust, one facet", `{evidence: trust, group: parents, facet: honesty}
    baseline: {year: 2022-23, value: 4.0}
    target: {year: 2026-27, value: 4.5}`, goals.Met, "4.5", 0, false},
		{"installation of one component", `{evidence: installation, component: partnership}
    baseline: {year: 2023-24, value: 0}
    target: {year: 2026-27, value: 90}`, goals.OnTrack, "66.666667", 30, false},
		{"installation of every component", `{evidence: installation}
    baseline: {year: 2023-24, value: 50}
    target: {year: 2025-26, value: 100}`, goals.NotOnTrack, "66.666667", 75, false},
		{"installation, none observed", `{evidence: installation, component: coaching}
    baseline: {year: 2023-24, value: 0}
    target: {year: 2025-26, value: 100}`, goals.CannotReport, "missing", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			school := "jefferson-middle"
			if strings.Contains(tt.name, "missing latest") {
				school = "lincoln-middle"
			}
			src := "goals:\n  - id: g\n    school: " + school + "\n    title: T\n    measure: " + tt.goal + "\n"
			gs, ev, ds := load(t, src)
			if len(gs) != 1 {
				t.Fatalf("goals.yaml has problems: %v", ds)
			}
			p := goals.Evaluate(gs[0], ev, time.Time{})
			if p.Status != tt.want {
				t.Errorf("status %s, want %s", p.Status.Slug(), tt.want.Slug())
			}
			if got := describe(p.Latest); got != tt.latest {
				t.Errorf("latest %s, want %s", got, tt.latest)
			}
			if p.Expected != tt.expected || p.FromInterim != tt.interim {
				t.Errorf("expected %v (interim %v), want %v (interim %v)", p.Expected, p.FromInterim, tt.expected, tt.interim)
			}
		})
	}
}

// describe writes a value or why it is not reported, for comparing.
func describe(v goals.Value) string {
	switch v.Why {
	case goals.Reported:
		return strconv.FormatFloat(math.Round(v.Value*1e6)/1e6, 'f', -1, 64)
	case goals.Coded:
		return "coded " + v.Text
	case goals.Suppressed:
		return strings.TrimSpace("suppressed " + v.Facet)
	case goals.Missing:
		return strings.TrimSpace("missing " + v.Facet)
	}
	return "at source"
}

func TestValuesFromBaselineToLatest(t *testing.T) {
	gs, ev, ds := load(t, `goals:
  - id: g
    school: jefferson-middle
    title: T
    measure: {evidence: achievement, subject: math, subgroup: ell}
    baseline: {year: 2022-23, value: 30}
    target: {year: 2026-27, value: 50}
`)
	if len(ds) > 0 {
		t.Fatal(ds)
	}
	p := goals.Evaluate(gs[0], ev, time.Time{})
	var got []string
	for _, v := range p.Values {
		got = append(got, v.Year.String()+" "+describe(v))
	}
	if want := []string{"2023-24 31", "2024-25 suppressed"}; !slices.Equal(got, want) {
		t.Errorf("values %q, want %q", got, want)
	}
	// The data's own value in the baseline year, beside the baseline the
	// goal states.
	if v, ok := p.In(gs[0].Baseline.Year); !ok || v.Year != gs[0].Baseline.Year || describe(v) != "30" {
		t.Errorf("in the baseline year: %v %q, want the data's value", ok, describe(v))
	}
	if _, ok := p.In(gs[0].Baseline.Year - 1); ok {
		t.Error("a value before the baseline year")
	}
}

func TestEvaluateAsOfADate(t *testing.T) {
	gs, ev, ds := load(t, `goals:
  - id: g
    school: jefferson-middle
    title: T
    measure: {evidence: installation, component: partnership}
    baseline: {year: 2023-24, value: 0}
    target: {year: 2026-27, value: 90}
`)
	if len(ds) > 0 {
		t.Fatal(ds)
	}
	// On 2024-09-01 only the observations of 2023-10-01 were known: none
	// of the three indicators installed, as at the baseline.
	then := goals.Evaluate(gs[0], ev, time.Date(2024, 9, 1, 0, 0, 0, 0, time.UTC))
	if then.Latest.Year != 2024 || describe(then.Latest) != "0" || then.Status != goals.OnTrack {
		t.Errorf("on 2024-09-01: latest %s %s, status %s; want 2023-24 0, on track", then.Latest.Year, describe(then.Latest), then.Status.Slug())
	}
	now := goals.Evaluate(gs[0], ev, time.Time{})
	if now.Latest.Year != 2025 || describe(now.Latest) != "66.666667" {
		t.Errorf("now: latest %s %s; want 2024-25 66.7", now.Latest.Year, describe(now.Latest))
	}
}

func TestValidation(t *testing.T) {
	const ok = `    title: T
    measure: {evidence: achievement, subject: math, subgroup: all}
    baseline: {year: 2022-23, value: 41}
    target: {year: 2026-27, value: 55}
`
	tests := []struct {
		name, yaml string
		want       []string
	}{
		{"unknown school", "goals:\n  - id: a\n    school: jeferson-middle\n" + ok,
			[]string{"data/goals.yaml:3:13: unknown school 'jeferson-middle' — did you mean 'jefferson-middle'?"}},
		{"unknown subject", "goals:\n  - id: a\n    school: district\n    title: T\n    measure: {evidence: achievement, subject: maths, subgroup: all}\n    baseline: {year: 2022-23, value: 41}\n    target: {year: 2026-27, value: 55}\n",
			[]string{"data/goals.yaml:5:47: unknown subject 'maths' — did you mean 'math'?"}},
		{"unknown subgroup", "goals:\n  - id: a\n    school: district\n    title: T\n    measure: {evidence: achievement, subject: math, subgroup: blak}\n    baseline: {year: 2022-23, value: 41}\n    target: {year: 2026-27, value: 55}\n",
			[]string{"data/goals.yaml:5:63: unknown subgroup 'blak' — did you mean 'black'?"}},
		{"unknown group", "goals:\n  - id: a\n    school: district\n    title: T\n    measure: {evidence: trust, group: teacher, facet: all}\n    baseline: {year: 2022-23, value: 4}\n    target: {year: 2026-27, value: 5}\n",
			[]string{"data/goals.yaml:5:39: unknown group 'teacher' — did you mean 'teachers'?"}},
		{"unknown facet", "goals:\n  - id: a\n    school: district\n    title: T\n    measure: {evidence: trust, group: teachers, facet: honsty}\n    baseline: {year: 2022-23, value: 4}\n    target: {year: 2026-27, value: 5}\n",
			[]string{"data/goals.yaml:5:56: unknown facet 'honsty' — did you mean 'honesty'?"}},
		{"unknown component", "goals:\n  - id: a\n    school: district\n    title: T\n    measure: {evidence: installation, component: partnershp}\n    baseline: {year: 2022-23, value: 10}\n    target: {year: 2026-27, value: 50}\n",
			[]string{"data/goals.yaml:5:50: unknown component 'partnershp' — did you mean 'partnership'?"}},
		{"unknown evidence", "goals:\n  - id: a\n    school: district\n    title: T\n    measure: {evidence: attendence}\n    baseline: {year: 2022-23, value: 10}\n    target: {year: 2026-27, value: 50}\n",
			[]string{"data/goals.yaml:5:25: unknown evidence 'attendence' — a measure's evidence is achievement, trust or installation"}},
		{"a key of another measure", "goals:\n  - id: a\n    school: district\n    title: T\n    measure: {evidence: achievement, subject: math, subgroup: all, facet: all}\n    baseline: {year: 2022-23, value: 10}\n    target: {year: 2026-27, value: 50}\n",
			[]string{"data/goals.yaml:5:75: facet does not apply to achievement — a measure of achievement takes subject and subgroup"}},
		{"baseline year with no data", "goals:\n  - id: a\n    school: jefferson-middle\n    title: T\n    measure: {evidence: achievement, subject: math, subgroup: all}\n    baseline: {year: 2021-22, value: 41}\n    target: {year: 2026-27, value: 55}\n",
			[]string{"data/goals.yaml:6:15: warning: baseline year 2021-22 has no data for this measure in data/achievement.csv — check the year, and the measure's school and subject and subgroup"}},
		// A baseline is the measure's value in its year: where the data
		// withholds that value, the baseline would publish it.
		{"baseline in a year whose value is suppressed", "goals:\n  - id: a\n    school: jefferson-middle\n    title: T\n    measure: {evidence: achievement, subject: math, subgroup: ell}\n    baseline: {year: 2024-25, value: 50}\n    target: {year: 2026-27, value: 55}\n",
			[]string{"data/goals.yaml:6:15: the baseline would publish a value that is withheld: math, ell at jefferson-middle in 2024-25 is suppressed: fewer than 10 students were tested — take as baseline a year whose value is published, or measure a larger group; the baseline is shown with the goal on every page that shows it"}},
		{"baseline in a year whose value is coded", "goals:\n  - id: a\n    school: jefferson-middle\n    title: T\n    measure: {evidence: achievement, subject: math, subgroup: iep}\n    baseline: {year: 2024-25, value: 4.6}\n    target: {year: 2026-27, value: 20}\n",
			[]string{"data/goals.yaml:6:15: the baseline would publish a value that is coded as ≤5%: math, iep at jefferson-middle in 2024-25 — take as baseline a year whose value is published, or measure a larger group; the baseline is shown with the goal on every page that shows it"}},
		{"baseline in a year whose trust facet is suppressed", "goals:\n  - id: a\n    school: jefferson-middle\n    title: T\n    measure: {evidence: trust, group: parents, facet: openness}\n    baseline: {year: 2024-25, value: 4.5}\n    target: {year: 2026-27, value: 5}\n",
			[]string{"data/goals.yaml:6:15: the baseline would publish a value that is withheld: parents, openness at jefferson-middle in 2024-25 is suppressed: fewer than 5 responded — take as baseline a year whose value is published, or measure a larger group; the baseline is shown with the goal on every page that shows it"}},
		{"target year before the baseline", "goals:\n  - id: a\n    school: jefferson-middle\n    title: T\n    measure: {evidence: achievement, subject: math, subgroup: all}\n    baseline: {year: 2022-23, value: 41}\n    target: {year: 2021-22, value: 55}\n",
			[]string{"data/goals.yaml:7:13: target year 2021-22 is before the baseline year 2022-23 — a target comes after the baseline it is measured from"}},
		{"interim outside", "goals:\n  - id: a\n    school: jefferson-middle\n" + ok + "    interim: [{year: 2027-28, value: 50}]\n",
			[]string{"data/goals.yaml:8:15: interim year 2027-28 is not between the baseline year 2022-23 and the target year 2026-27 — interim targets fall between the baseline and the target"}},
		{"percent outside 0-100", "goals:\n  - id: a\n    school: jefferson-middle\n    title: T\n    measure: {evidence: achievement, subject: math, subgroup: all}\n    baseline: {year: 2022-23, value: 41}\n    target: {year: 2026-27, value: 140}\n",
			[]string{"data/goals.yaml:7:13: target value 140 is outside 0–100 (percent proficient) — write a value the measure can take"}},
		{"mean outside the trust scale", "goals:\n  - id: a\n    school: jefferson-middle\n    title: T\n    measure: {evidence: trust, group: teachers, facet: honesty}\n    baseline: {year: 2022-23, value: 0.5}\n    target: {year: 2026-27, value: 5}\n",
			[]string{"data/goals.yaml:6:15: baseline value 0.5 is outside the trust scale 1–6 — write a value the measure can take"}},
		{"duplicate ids", "goals:\n  - id: a\n    school: jefferson-middle\n" + ok + "  - id: a\n    school: jefferson-middle\n" + ok,
			[]string{"data/goals.yaml:8:9: duplicate goal id 'a' — the first is at data/goals.yaml:2:9; goal ids must be unique"}},
		{"a target value that is no number is one error", "goals:\n  - id: a\n    school: jefferson-middle\n    title: T\n    measure: {evidence: achievement, subject: math, subgroup: all}\n    baseline: {year: 2022-23, value: 41}\n    target: {year: 2026-27, value: four}\n",
			[]string{"data/goals.yaml:7:36: value: 'four' is not a number — write a number such as 4 or 2.5"}},
		{"duplicate ids that name the same files", "goals:\n  - id: math-black\n    school: jefferson-middle\n" + ok + "  - id: Math_Black\n    school: jefferson-middle\n" + ok,
			[]string{"data/goals.yaml:8:9: goal id 'Math_Black' names the same files as 'math-black' — ids are written in the site's file names in lowercase, with _ for any other character; the first is at data/goals.yaml:2:9 — rename one"}},
		{"missing fields", "goals:\n  - school: jefferson-middle\n    measure: {evidence: achievement, subject: math}\n",
			[]string{
				"data/goals.yaml:2:5: goal has no baseline — add baseline: with its school year and value, written {year: YYYY-YY, value: N}",
				"data/goals.yaml:2:5: goal has no id — add id: with a short name such as jefferson-math-black",
				"data/goals.yaml:2:5: goal has no target — add target: with its school year and value, written {year: YYYY-YY, value: N}",
				"data/goals.yaml:2:5: goal has no title — add title: with the goal as the board adopted it",
				"data/goals.yaml:3:14: measure has no subgroup — a measure of achievement takes subject and subgroup",
			}},
		{"not a school year", "goals:\n  - id: a\n    school: jefferson-middle\n    title: T\n    measure: {evidence: achievement, subject: math, subgroup: all}\n    baseline: {year: 2022/23, value: 41}\n    target: {year: 2026-27, value: 55}\n",
			[]string{"data/goals.yaml:6:22: baseline year '2022/23' is not a school year — write a school year like 2022-23"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			gs, _, ds := load(t, tt.yaml)
			if !slices.Equal(ds, tt.want) {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(ds, "\n"), strings.Join(tt.want, "\n"))
			}
			loaded := 0
			if !slices.ContainsFunc(tt.want, func(s string) bool { return !strings.Contains(s, ": warning: ") }) {
				loaded = 1 // a goal with warnings only is kept
			}
			if strings.HasPrefix(tt.name, "duplicate") {
				loaded = 1 // the first of the two
			}
			if len(gs) != loaded {
				t.Errorf("%d goals loaded, want %d: a goal with errors is left out", len(gs), loaded)
			}
		})
	}
}

func TestNoFileNoGoals(t *testing.T) {
	var ds generator.Diagnostics
	if gs := goals.Load(fstest.MapFS{}, known, nil, &ds); gs != nil || len(ds) > 0 {
		t.Errorf("no goals.yaml: %v, %v", gs, ds)
	}
}

// A baseline year without data is no news where the data file has errors:
// its rows may be the ones that did not load, and its errors say so.
func TestNoDataWarningFollowsNoBrokenFile(t *testing.T) {
	const goal = "goals:\n  - id: a\n    school: jefferson-middle\n    title: T\n    measure: {evidence: achievement, subject: math, subgroup: all}\n    baseline: {year: 2021-22, value: 41}\n    target: {year: 2026-27, value: 55}\n"
	fsys := fstest.MapFS{"data/goals.yaml": {Data: []byte(goal)}}
	for name, src := range data {
		fsys[name] = &fstest.MapFile{Data: []byte(src)}
	}
	for _, broken := range []bool{false, true} {
		var ds generator.Diagnostics
		ev := evidence.Load(fsys, known, &ds)
		if broken {
			ds.Errorf(generator.Pos{File: "data/achievement.csv", Line: 9}, "", "a row that did not load")
		}
		goals.Load(fsys, known, ev, &ds)
		warned := slices.ContainsFunc(ds, func(d generator.Diagnostic) bool { return strings.Contains(d.Message, "has no data") })
		if warned == broken {
			t.Errorf("with achievement.csv broken %v: warned %v that the baseline year has no data: %v", broken, warned, ds)
		}
	}
}
