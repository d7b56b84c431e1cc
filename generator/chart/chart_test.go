package chart_test

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/folio-sites/folio/generator"
	"github.com/folio-sites/folio/generator/chart"
)

func reported(v float64) generator.Measure {
	return generator.Measure{Kind: generator.Reported, Value: v}
}

func TestGainIsInPercentagePoints(t *testing.T) {
	sup := generator.Measure{Kind: generator.Suppressed, Reason: generator.SmallGroup}
	comp := generator.Measure{Kind: generator.Suppressed, Reason: generator.Complementary}
	coded := generator.Measure{Kind: generator.Coded, Value: 95, Text: "≥95%"}
	tests := []struct {
		name          string
		before, after generator.Measure
		kind          generator.MeasureKind
		text          string
	}{
		{"five point gain", reported(41.0), reported(46.0), generator.Reported, "+5.0 pp"},
		{"no float drift", reported(60.9), reported(63.3), generator.Reported, "+2.4 pp"},
		{"loss", reported(52.5), reported(50.2), generator.Reported, "-2.3 pp"},
		{"no change", reported(70), reported(70), generator.Reported, "0.0 pp"},
		// 40 → 50 is +10 pp, though +25% relative: never confuse the two.
		{"points not percent", reported(40), reported(50), generator.Reported, "+10.0 pp"},
		{"suppressed before", sup, reported(50), generator.Suppressed, ""},
		{"suppressed after", reported(50), comp, generator.Suppressed, ""},
		{"coded", reported(90), coded, generator.NotReported, ""},
		{"missing at source", generator.Measure{Kind: generator.NotReported, Text: "*"}, reported(50), generator.NotReported, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := chart.Gain(tt.before, tt.after)
			if g.Kind != tt.kind {
				t.Fatalf("kind = %v, want %v", g.Kind, tt.kind)
			}
			if g.Kind == generator.Reported {
				if got := chart.PP(g.Value); got != tt.text {
					t.Errorf("gain = %s, want %s", got, tt.text)
				}
			} else if g.Value != 0 {
				t.Errorf("a gain that is not reported holds the number %v", g.Value)
			}
			if tt.after.Reason == generator.Complementary && g.Reason != generator.Complementary {
				t.Errorf("reason = %v, want Complementary", g.Reason)
			}
		})
	}
}

func sampleFramework() *generator.Framework {
	target := 4.0
	return &generator.Framework{
		Name:        "Leadership Network",
		StatusScale: generator.DefaultStatusScale,
		Components: []generator.Component{
			{ID: "partnership", Title: "Partnership", Practices: []generator.Practice{
				{ID: "p-1", Text: "Meets", Indicators: []generator.Indicator{{ID: "p-1a", Text: "Meetings", Target: &target}, {ID: "p-1b", Text: "Agendas"}}},
				{ID: "p-2", Text: "Walks", Indicators: []generator.Indicator{{ID: "p-2a", Text: "Walks"}, {ID: "p-2b", Text: "Notes"}}},
			}},
		},
	}
}

func day(s string) time.Time {
	t, _ := time.Parse("2006-01-02", s)
	return t
}

func sampleObservations() []generator.Observation {
	return []generator.Observation{
		{School: "oak", Indicator: "p-1a", Date: day("2024-05-01"), Status: "partial"},
		{School: "oak", Indicator: "p-1a", Date: day("2025-05-01"), Status: "in-place"},
		{School: "oak", Indicator: "p-1b", Date: day("2024-05-01"), Status: "sustained"},
		{School: "oak", Indicator: "p-1b", Date: day("2025-05-01"), Status: "partial"},
		{School: "oak", Indicator: "p-2a", Date: day("2025-05-01"), Status: "not-applicable"},
		{School: "oak", Indicator: "p-2b", Date: day("2025-05-01"), Status: "sustained"},
		{School: "pine", Indicator: "p-1a", Date: day("2025-05-01"), Status: "not-yet"},
	}
}

func decodeOption(t *testing.T, c *chart.Chart) map[string]any {
	t.Helper()
	var opt map[string]any
	if err := json.Unmarshal([]byte(c.Option), &opt); err != nil {
		t.Fatalf("option of %s is not JSON: %v", c.ID, err)
	}
	if _, ok := opt["series"].([]any); !ok {
		t.Fatalf("option of %s has no series: %s", c.ID, c.Option)
	}
	return opt
}

func TestInstallationUsesLatestStatusAndLeavesOutNotApplicable(t *testing.T) {
	c := chart.InstallationByComponent(sampleFramework(), sampleObservations(), "oak", "Oak School")
	// Latest: p-1a in-place, p-1b partial, p-2a not applicable, p-2b sustained.
	if want := "Oak School: 2 of 3 indicators installed or sustained."; c.Summary != want {
		t.Errorf("summary = %q, want %q", c.Summary, want)
	}
	want := []string{"Partnership", "0", "1", "1", "1", "1", "0"}
	if got := c.Table.Rows[0]; strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("table row = %v, want %v (columns %v)", got, want, c.Table.Columns)
	}
	opt := decodeOption(t, c)
	series := opt["series"].([]any)
	if len(series) != 6 {
		t.Fatalf("%d series, want one per status plus n/a and not observed", len(series))
	}
	// The numbers drawn are the numbers in the table.
	for i, s := range series {
		v := s.(map[string]any)["data"].([]any)[0].(map[string]any)["value"]
		if got := want[i+1]; v.(float64) != float64(atoi(got)) {
			t.Errorf("series %d draws %v, table says %s", i, v, got)
		}
	}
}

func atoi(s string) int {
	n := 0
	for _, r := range s {
		n = n*10 + int(r-'0')
	}
	return n
}

func TestInstallationTrendIsChronological(t *testing.T) {
	obs := sampleObservations()
	obs[0], obs[len(obs)-2] = obs[len(obs)-2], obs[0] // order in the file must not matter
	c := chart.InstallationTrend(sampleFramework(), obs, "oak", "Oak")
	if len(c.Table.Rows) != 2 || c.Table.Rows[0][0] != "2024-05-01" || c.Table.Rows[1][0] != "2025-05-01" {
		t.Fatalf("rows = %v", c.Table.Rows)
	}
	// 2024-05-01: p-1a partial, p-1b sustained → 1 of 2; 2025: 2 of 3.
	if c.Table.Rows[0][3] != "50.0%" || c.Table.Rows[1][3] != "66.7%" {
		t.Errorf("shares = %v, %v", c.Table.Rows[0], c.Table.Rows[1])
	}
}

func TestPracticeStatusIsItsLeastInstalledIndicator(t *testing.T) {
	fw := sampleFramework()
	status := chart.Statuses(sampleObservations(), "oak", time.Time{})
	if got := chart.PracticeStatus(fw.Components[0].Practices[0], status, fw.StatusScale); got != "partial" {
		t.Errorf("p-1 = %q, want partial", got)
	}
	if got := chart.PracticeStatus(fw.Components[0].Practices[1], status, fw.StatusScale); got != "sustained" {
		t.Errorf("p-2 = %q, want sustained (not applicable is left out)", got)
	}
}

func TestChartsAreDeterministicAndIDsAreIdentifiers(t *testing.T) {
	ident := regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)
	places := []chart.Place{{ID: "oak", Name: "Oak"}, {ID: "pine-ridge", Name: "Pine"}}
	build := func() []*chart.Chart {
		fw, obs := sampleFramework(), sampleObservations()
		return []*chart.Chart{
			chart.InstallationByComponent(fw, obs, "pine-ridge", "Pine"),
			chart.InstallationTrend(fw, obs, "oak", "Oak"),
			chart.InstallationHeatmap(fw, obs, places),
		}
	}
	one, two := build(), build()
	for i := range one {
		if !ident.MatchString(one[i].ID) {
			t.Errorf("id %q is not an identifier", one[i].ID)
		}
		if one[i].Option != two[i].Option || one[i].ID != two[i].ID {
			t.Errorf("chart %s differs between two runs", one[i].ID)
		}
		decodeOption(t, one[i])
	}
}

func TestHostileLabelsStayInertText(t *testing.T) {
	evil := `</script><script>alert(1)</script>"'&`
	fw := sampleFramework()
	fw.Components[0].Title = evil
	tr := &generator.Trust{ScaleMin: 1, ScaleMax: 6, MinRespondents: 5,
		Facets: []generator.Label{{ID: "f", Label: evil}}, Groups: []generator.Label{{ID: "g", Label: evil}},
		Results: []generator.TrustResult{{School: "oak", Year: 2025, Group: "g", Facet: "f", Mean: reported(4.2), Respondents: generator.Count{N: 20}}}}
	for _, c := range []*chart.Chart{
		chart.InstallationByComponent(fw, sampleObservations(), "oak", evil),
		chart.TrustFacets(tr, "oak", evil, tr.Groups[0]),
		chart.TrustTrend(tr, "oak", evil, nil),
	} {
		if strings.ContainsAny(c.Option, "<>&'") {
			t.Errorf("%s option holds raw markup: %s", c.ID, c.Option)
		}
		if !strings.Contains(c.Option, `\u003c/script\u003e`) {
			t.Errorf("%s option lost the label instead of escaping it", c.ID)
		}
		decodeOption(t, c)
	}
}

func TestSuppressedAchievementIsMarkedNotDropped(t *testing.T) {
	sup := generator.Measure{Kind: generator.Suppressed, Reason: generator.SmallGroup}
	a := &generator.Achievement{MinN: 10, Low: 5, High: 95,
		Subjects:  []generator.Label{{ID: "math", Label: "Mathematics"}},
		Subgroups: []generator.Label{{ID: "all", Label: "All students"}, {ID: "black", Label: "Black"}},
		Results: []generator.AchievementResult{
			{School: "oak", Year: 2024, Subject: "math", Subgroup: "all", Tested: generator.Count{N: 100}, Proficient: reported(41)},
			{School: "oak", Year: 2025, Subject: "math", Subgroup: "all", Tested: generator.Count{N: 100}, Proficient: reported(46)},
			{School: "oak", Year: 2024, Subject: "math", Subgroup: "black", Tested: generator.Count{Hidden: true, Reason: generator.SmallGroup}, Proficient: sup},
			{School: "oak", Year: 2025, Subject: "math", Subgroup: "black", Tested: generator.Count{N: 12}, Proficient: reported(50)},
		}}
	sub := a.Subjects[0]
	lines := chart.AchievementBySubgroup(a, "oak", "Oak", sub)
	if !strings.Contains(lines.Option, `"Suppressed (small group)"`) || !strings.Contains(lines.Option, "Suppressed: Black") {
		t.Errorf("suppressed point not marked: %s", lines.Option)
	}
	var row []string
	for _, r := range lines.Table.Rows {
		if r[0] == "Black" && r[1] == "2023-24" {
			row = r
		}
	}
	if strings.Join(row, "|") != "Black|2023-24|fewer than 10 students|fewer than 10 students" {
		t.Errorf("suppressed row = %v", row)
	}
	gains := chart.AchievementGains(a, "oak", "Oak", sub)
	if gains.Table.Rows[0][3] != "+5.0 pp" || gains.Table.Rows[1][3] != "fewer than 10 students" {
		t.Errorf("gain rows = %v", gains.Table.Rows)
	}
	if !strings.Contains(gains.Option, `"+5.0 pp"`) || !strings.Contains(gains.Summary, "All students +5.0 pp") {
		t.Errorf("gain label or summary missing: %s / %s", gains.Option, gains.Summary)
	}
}

func TestCSVIsTheTable(t *testing.T) {
	c := chart.InstallationTrend(sampleFramework(), sampleObservations(), "oak", "Oak, \"the\" school")
	want := "Date,Installed or sustained,Indicators observed,Share\n2024-05-01,1,2,50.0%\n2025-05-01,2,3,66.7%\n"
	if got := string(c.CSV()); got != want {
		t.Errorf("CSV =\n%s\nwant\n%s", got, want)
	}
}

func TestTextColorContrasts(t *testing.T) {
	for bg, want := range map[string]string{"#0072b2": "#fff", "#e69f00": "#000", "#009e73": "#000", "#d55e00": "#000", "#000": "#fff", "#fff": "#000"} {
		if got := chart.TextColor(bg); got != want {
			t.Errorf("TextColor(%s) = %s, want %s", bg, got, want)
		}
	}
}

// TestMissingRowsAreNoDataNeverZero: a year a group has no row for must
// not read as 0%, nor make a gain.
func TestMissingRowsAreNoDataNeverZero(t *testing.T) {
	a := &generator.Achievement{MinN: 10, Low: 5, High: 95,
		Subjects:  []generator.Label{{ID: "math", Label: "Mathematics"}},
		Subgroups: []generator.Label{{ID: "all", Label: "All students"}, {ID: "hispanic", Label: "Hispanic"}},
		Results: []generator.AchievementResult{
			{School: "oak", Year: 2023, Subject: "math", Subgroup: "all", Tested: generator.Count{N: 60}, Proficient: reported(41.3)},
			{School: "oak", Year: 2024, Subject: "math", Subgroup: "all", Tested: generator.Count{N: 61}, Proficient: reported(48.2)},
			{School: "oak", Year: 2024, Subject: "math", Subgroup: "hispanic", Tested: generator.Count{N: 20}, Proficient: reported(33.1)},
		}}
	places := []chart.Place{{ID: "oak", Name: "Oak"}}
	for _, c := range []*chart.Chart{
		chart.AchievementGains(a, "oak", "Oak", a.Subjects[0]),
		chart.AchievementSchools(a, places, a.Subjects[0]),
	} {
		for _, row := range c.Table.Rows {
			joined := strings.Join(row, "|")
			if strings.Contains(joined, "Hispanic") && (strings.Contains(joined, "0.0%") || strings.Contains(joined, "+33.1 pp")) {
				t.Errorf("%s: a missing year became a number: %s", c.ID, joined)
			}
		}
		if strings.Contains(c.Option, "33.1") {
			t.Errorf("%s draws a gain from a missing year: %s", c.ID, c.Option)
		}
	}
	gains := chart.AchievementGains(a, "oak", "Oak", a.Subjects[0])
	if got := strings.Join(gains.Table.Rows[1], "|"); got != "Hispanic|no data|33.1%|not computed" {
		t.Errorf("row = %s", got)
	}
	tr := &generator.Trust{ScaleMin: 1, ScaleMax: 6, MinRespondents: 5,
		Facets: []generator.Label{{ID: "honesty", Label: "Honesty"}}, Groups: []generator.Label{{ID: "t", Label: "Teachers"}},
		Results: []generator.TrustResult{
			{School: "oak", Year: 2024, Group: "t", Facet: "honesty", Mean: reported(4.6), Respondents: generator.Count{N: 20}},
			{School: "oak", Year: 2023, Group: "t", Facet: "other", Mean: reported(4), Respondents: generator.Count{N: 20}},
		}}
	f := chart.TrustFacets(tr, "oak", "Oak", tr.Groups[0])
	if !strings.Contains(f.Summary, "honesty no data → 4.6") {
		t.Errorf("summary = %s", f.Summary)
	}
}

func TestTrustTableShowsFavorableAndResponseRate(t *testing.T) {
	tr := &generator.Trust{ScaleMin: 1, ScaleMax: 6, MinRespondents: 5,
		Facets: []generator.Label{{ID: "b", Label: "Benevolence"}}, Groups: []generator.Label{{ID: "t", Label: "Teachers"}},
		Results: []generator.TrustResult{
			{School: "oak", Year: 2024, Group: "t", Facet: "b", Mean: reported(4.25), FavorablePct: reported(71.5),
				Respondents: generator.Count{N: 22}, Invited: generator.Count{N: 25}},
			{School: "oak", Year: 2025, Group: "t", Facet: "b", Mean: generator.Measure{Kind: generator.Suppressed, Reason: generator.SmallGroup},
				FavorablePct: generator.Measure{Kind: generator.Suppressed, Reason: generator.SmallGroup},
				Respondents:  generator.Count{Hidden: true, Reason: generator.SmallGroup}, Invited: generator.Count{Hidden: true, Reason: generator.SmallGroup}},
		}}
	c := chart.TrustFacets(tr, "oak", "Oak", tr.Groups[0])
	got := []string{strings.Join(c.Table.Rows[0], "|"), strings.Join(c.Table.Rows[1], "|")}
	want := []string{"Benevolence|2023-24|4.25|71.5%|22 of 25 invited (88%)",
		"Benevolence|2024-25|fewer than 5 respondents|fewer than 5 respondents|fewer than 5 respondents"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("rows:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
