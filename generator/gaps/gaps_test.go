package gaps_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/folio-sites/folio/generator"
	"github.com/folio-sites/folio/generator/evidence"
	"github.com/folio-sites/folio/generator/gaps"
)

func load(t *testing.T, csv string) *evidence.Achievement {
	t.Helper()
	fsys := fstest.MapFS{
		"data/achievement.yaml": {Data: []byte(`min_n: 10
top_bottom: {low: 5, high: 95}
subjects: [{id: math, label: Mathematics}]
subgroups:
  - {id: all, label: All students}
  - {id: black, label: Black}
  - {id: ell, label: English learners}
  - {id: iep, label: Students with disabilities}
`)},
		"data/achievement.csv": {Data: []byte("school,year,subject,subgroup,tested,proficient_pct\n" + csv)},
	}
	var ds generator.Diagnostics
	ev := evidence.Load(fsys, evidence.Known{Schools: []string{"oak", "elm"}}, &ds)
	if len(ds) > 0 {
		t.Fatalf("the data has problems: %v", ds)
	}
	return ev.Achievement
}

func TestBesideTheDistrictAndGaps(t *testing.T) {
	a := load(t, `oak,2022-23,math,all,200,60.0
oak,2022-23,math,black,40,37.9
oak,2022-23,math,ell,20,30.0
oak,2022-23,math,iep,20,12.0
oak,2023-24,math,all,200,61.0
oak,2023-24,math,black,40,40.0
oak,2023-24,math,ell,4,50.0
oak,2023-24,math,iep,20,10.0
oak,2024-25,math,all,200,62.0
oak,2024-25,math,black,40,44.7
oak,2024-25,math,ell,20,33.0
oak,2024-25,math,iep,20,4.0
elm,2024-25,math,all,300,50.0
elm,2024-25,math,black,60,40.0
elm,2024-25,math,ell,30,20.0
elm,2024-25,math,iep,30,20.0
district,2024-25,math,all,500,54.8
district,2024-25,math,black,100,41.9
district,2024-25,math,ell,50,25.2
district,2024-25,math,iep,50,13.6
`)
	subs := gaps.Compute(a, "oak")
	if len(subs) != 1 || subs[0].Year != 2025 {
		t.Fatalf("subjects: %+v", subs)
	}
	var got []string
	for _, r := range subs[0].Beside {
		got = append(got, fmt.Sprintf("%s %v %v %v %.1f", r.Subgroup, r.School.OK(), r.District.OK(), r.HasDiff, r.Diff))
	}
	want := []string{
		"all true true true 7.2",
		"black true true true 2.8",
		"ell true true true 7.8",
		"iep false true false 0.0", // oak's 4.0% is published as ≤5%: no difference
	}
	if !slices.Equal(got, want) {
		t.Errorf("beside the district:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	got = nil
	for _, g := range subs[0].Gaps {
		line := g.Subgroup + ":"
		for _, y := range g.Years {
			if y.HasGap {
				line += fmt.Sprintf(" %s %.1f", y.Year, y.Gap)
			} else {
				line += fmt.Sprintf(" %s -", y.Year)
			}
		}
		line += " " + g.Trend.Slug()
		if g.Trend != gaps.None {
			line += fmt.Sprintf(" from %.1f in %s to %.1f in %s", g.First.Gap, g.First.Year, g.Last.Gap, g.Last.Year)
		}
		got = append(got, line)
	}
	want = []string{
		"black: 2022-23 22.1 2023-24 21.0 2024-25 17.3 narrowed from 22.1 in 2022-23 to 17.3 in 2024-25",
		// 2023-24's 4 English learners are suppressed: no gap that year.
		"ell: 2022-23 30.0 2023-24 - 2024-25 29.0 narrowed from 30.0 in 2022-23 to 29.0 in 2024-25",
		"iep: 2022-23 48.0 2023-24 51.0 2024-25 - widened from 48.0 in 2022-23 to 51.0 in 2023-24",
	}
	if !slices.Equal(got, want) {
		t.Errorf("gaps:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestNoDistrictRowsNoComparison(t *testing.T) {
	a := load(t, "oak,2024-25,math,all,200,62.0\noak,2024-25,math,black,40,44.7\n")
	subs := gaps.Compute(a, "oak")
	if len(subs) != 1 || len(subs[0].Beside) != 0 {
		t.Fatalf("without district rows there is nothing beside: %+v", subs)
	}
	if g := subs[0].Gaps[0]; g.Trend != gaps.None || !g.Years[0].HasGap || fmt.Sprintf("%.1f", g.Years[0].Gap) != "17.3" {
		t.Errorf("one year's gap: %+v", g)
	}
}
