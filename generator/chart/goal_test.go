package chart_test

import (
	"strings"
	"testing"

	"github.com/folio-sites/folio/generator"
	"github.com/folio-sites/folio/generator/chart"
)

// TestGoalChart draws a goal whose first year after the baseline is
// suppressed: the table says so, nothing is drawn there, and the path
// runs from the baseline to the target.
func TestGoalChart(t *testing.T) {
	in := sampleInput()
	in.Evidence.Goals = []generator.Goal{{ID: "oak-black", School: "oak", Title: "Black students in math",
		Measure:  generator.GoalMeasure{Evidence: "achievement", Subject: "math", Subgroup: "black"},
		Baseline: generator.GoalPoint{Year: 2022, Value: 25}, Target: generator.GoalPoint{Year: 2026, Value: 45}}}
	c, err := chart.Block(in, "goal", chart.Params{Goal: "oak-black"}, "oak")
	if err != nil {
		t.Fatal(err)
	}
	want := "2021-22||25.0%\n" + // the baseline year: the path starts at the baseline
		"2022-23|fewer than 10 students|30.0%\n" +
		"2023-24|30.0%|35.0%\n" +
		"2024-25|35.0%|40.0%\n" +
		"2025-26||45.0%\n"
	if got := rows(c); got != want {
		t.Errorf("rows:\n%swant\n%s", got, want)
	}
	if c.Summary != "35.0% in 2024-25, below the 40.0% expected on the way from 25.0% in 2021-22; not on track for 45.0% by 2025-26." {
		t.Errorf("summary = %q", c.Summary)
	}
	decodeOption(t, c)
	if strings.Contains(c.Option(), `"selected"`) {
		t.Error("a series is hidden by default")
	}

	// A baseline year the data has: the measured value is drawn there.
	in.Evidence.Goals[0].Baseline.Year = 2024 // 2023-24
	if c, err = chart.Block(in, "goal", chart.Params{Goal: "oak-black"}, "oak"); err != nil {
		t.Fatal(err)
	}
	if got, want := strings.SplitAfter(rows(c), "\n")[0], "2023-24|30.0%|25.0%\n"; got != want {
		t.Errorf("the baseline year's row is %q, want %q", got, want)
	}

	_, err = chart.Block(in, "goal", chart.Params{Goal: "oak-blak"}, "oak")
	if err == nil || err.Error() != "chart: unknown goal 'oak-blak' (did you mean 'oak-black'?)" {
		t.Errorf("unknown goal: %v", err)
	}
}
