package chart_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"
	"unicode/utf8"

	"github.com/folio-sites/folio/generator"
	"github.com/folio-sites/folio/generator/chart"
	"github.com/folio-sites/folio/generator/evidence"
)

func TestNumbersAreWrittenOneWay(t *testing.T) {
	tests := []struct{ got, want string }{
		{chart.PP(5), "+5.0 pp"},
		{chart.PP(-2.5), "−2.5 pp"}, // U+2212, not a hyphen
		{chart.PP(0), "0.0 pp"},
		{chart.PP(-0.04), "0.0 pp"},
		{chart.Mean(4.6), "4.60"},
		{chart.Mean(3.955), "3.96"},
		{chart.Pct(61.54), "61.5%"},
		{chart.Change(0.2), "+0.20"},
		{chart.Change(-0.05), "−0.05"},
		{chart.Change(0), "0.00"},
		{chart.Num(4), "4"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}

func TestGainIsInPercentagePoints(t *testing.T) {
	value := func(v float64) chart.Cell { return chart.Cell{State: chart.Value, Value: v, Text: chart.Pct(v)} }
	small := chart.Cell{State: chart.Suppressed, Text: "fewer than 10 students"}
	comp := chart.Cell{State: chart.Suppressed, Text: "suppressed to protect a small group", Complementary: true}
	coded := chart.Cell{State: chart.Coded, Value: 95, Text: "≥95%"}
	missing := chart.Cell{State: chart.NotReported, Text: "not reported (*)"}
	tests := []struct {
		name          string
		before, after chart.Cell
		state         chart.State
		text          string
	}{
		{"five point gain", value(41.0), value(46.0), chart.Value, "+5.0 pp"},
		{"no float drift", value(60.9), value(63.3), chart.Value, "+2.4 pp"},
		{"loss", value(52.5), value(50.0), chart.Value, "−2.5 pp"},
		{"no change", value(70), value(70), chart.Value, "0.0 pp"},
		// 40 → 50 is +10 pp, though +25% relative: never confuse the two.
		{"points not percent", value(40), value(50), chart.Value, "+10.0 pp"},
		{"suppressed before", small, value(50), chart.Suppressed, "fewer than 10 students"},
		{"suppressed after", value(50), comp, chart.Suppressed, "suppressed to protect a small group"},
		{"coded", value(90), coded, chart.NotComputed, "not computed (coded value)"},
		{"missing at source", missing, value(50), chart.NotComputed, "not computed"},
	}
	in := &chart.Input{}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := in.Gain(tt.before, tt.after)
			if g.State != tt.state || g.Text != tt.text {
				t.Errorf("gain = %v %q, want %v %q", g.State, g.Text, tt.state, tt.text)
			}
			if g.State != chart.Value && g.Value != 0 {
				t.Errorf("a gain that is not a number holds the number %v", g.Value)
			}
			if want := tt.before.Complementary || tt.after.Complementary; g.Complementary != want {
				t.Errorf("gain's Complementary = %v, want %v: a gain hidden to protect a group says so", g.Complementary, want)
			}
		})
	}
}

// TestSuppressedMarkersSayWhy: the legend of a chart's grey markers gives
// the reason its hidden values have. All students of a school of 100,
// hidden to protect a small group, are not "fewer than 10 students".
func TestSuppressedMarkersSayWhy(t *testing.T) {
	drop := func(files map[string]string, line string) {
		if !strings.Contains(files["achievement.csv"], line+"\n") {
			t.Fatalf("no line %q in the sample", line)
		}
		files["achievement.csv"] = strings.Replace(files["achievement.csv"], line+"\n", "", 1)
	}
	tests := []struct {
		name string
		edit func(map[string]string)
		want string
	}{
		// Oak's 5 Black students in 2022-23 are too few; its 14 English
		// learners are hidden to protect Pine's 6.
		{"both reasons", func(map[string]string) {}, "Suppressed to protect small groups"},
		{"too few only", func(f map[string]string) { drop(f, "district,2024-25,math,ell,20,40.0") }, "Suppressed (fewer than 10 students)"},
		{"to protect only", func(f map[string]string) { drop(f, "oak,2022-23,math,black,5,20.0") }, "Suppressed to protect a small group"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := sampleFiles()
			tt.edit(files)
			for _, kind := range []string{"achievement", "achievement-gains"} {
				c, err := chart.Block(inputFrom(files), kind, chart.Params{Subject: "math"}, "oak")
				if err != nil {
					t.Fatal(err)
				}
				var names []string
				for _, s := range decodeOption(t, c)["series"].([]any) {
					s := s.(map[string]any)
					if s["type"] != "scatter" {
						continue
					}
					names = append(names, s["name"].(string))
					if l, ok := s["label"].(map[string]any); ok && l["formatter"] != "suppressed" {
						t.Errorf("%s: the label beside each marker is %q, want the one word \"suppressed\"", kind, l["formatter"])
					}
				}
				if len(names) == 0 {
					t.Fatalf("%s: no marker of a suppressed value", kind)
				}
				for _, n := range names {
					if n != tt.want {
						t.Errorf("%s: the markers are named %q, want %q", kind, n, tt.want)
					}
				}
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
				{ID: "p-1", Short: "Meetings", Text: "The partnership meets every week", Indicators: []generator.Indicator{{ID: "p-1a", Text: "Meetings", Target: &target}, {ID: "p-1b", Text: "Agendas"}}},
				{ID: "p-2", Text: "Principals and their partners walk classrooms together every month", Indicators: []generator.Indicator{{ID: "p-2a", Text: "Walks"}, {ID: "p-2b", Text: "Notes"}}},
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
		{School: "district", Indicator: "p-1a", Date: day("2025-05-01"), Status: "in-place"},
	}
}

// sampleFiles are the data files of the sample input. Their values reach
// the charts as a build gives them: read and suppressed by evidence.Load.
func sampleFiles() map[string]string {
	return map[string]string{
		"trust.yaml": `scale: {min: 1, max: 6, labels: [Strongly disagree, Disagree, Somewhat disagree, Somewhat agree, Agree, Strongly agree]}
facets: [{id: benevolence, label: Benevolence}, {id: reliability, label: Reliability}]
groups:
  - {id: teachers, label: Teachers}
  - {id: parents, label: Parents}
  - {id: principals, label: Principals}
  - {id: central-office, label: Central office staff}
`,
		"trust.csv": `school,year,group,facet,mean,respondents,invited,favorable_pct
oak,2023-24,teachers,benevolence,4.1,30,,
oak,2023-24,teachers,reliability,4.0,30,,
oak,2024-25,teachers,benevolence,4.2,31,,
oak,2024-25,teachers,reliability,4.2,31,,
oak,2024-25,parents,benevolence,3.0,3,,
district,2024-25,principals,benevolence,3.9,7,,
district,2024-25,central-office,benevolence,4.4,20,,
`,
		// Oak's 14 English learners are hidden to protect Pine's 6: the
		// district's 20 less Oak's would give them away.
		"achievement.yaml": `subjects: [{id: math, label: Mathematics}, {id: reading, label: Reading}]
subgroups: [{id: all, label: All students}, {id: black, label: Black}, {id: ell, label: English learners}]
`,
		"achievement.csv": `school,year,subject,subgroup,tested,proficient_pct
oak,2022-23,math,all,100,40.0
oak,2023-24,math,all,100,45.0
oak,2024-25,math,all,100,42.5
oak,2022-23,math,black,5,20.0
oak,2023-24,math,black,12,30.0
oak,2024-25,math,black,12,35.0
oak,2024-25,math,ell,14,35.7
district,2023-24,math,all,900,50.0
district,2024-25,math,all,910,51.0
district,2024-25,math,ell,20,40.0
pine,2024-25,math,all,50,60.0
`,
	}
}

// inputFrom loads files (named relative to data/) with the sample
// framework and observations.
func inputFrom(files map[string]string) *chart.Input {
	fsys := fstest.MapFS{}
	for name, src := range files {
		fsys["data/"+name] = &fstest.MapFile{Data: []byte(src)}
	}
	var ds generator.Diagnostics
	ev := evidence.Load(fsys, evidence.Known{Schools: []string{"oak", "pine"}}, &ds)
	if ds.HasErrors() {
		panic(fmt.Sprint("sample data: ", ds))
	}
	ev.Framework, ev.Installation = sampleFramework(), sampleObservations()
	return &chart.Input{
		Evidence: ev,
		Schools:  []chart.Place{{ID: "oak", Name: "Oak School"}, {ID: "pine", Name: "Pine School"}},
		District: "Prairie River CSD",
	}
}

func sampleInput() *chart.Input { return inputFrom(sampleFiles()) }

func build(t *testing.T, kind string, p chart.Params, school string) *chart.Chart {
	t.Helper()
	c, err := chart.Block(sampleInput(), kind, p, school)
	if err != nil {
		t.Fatalf("%s: %v", kind, err)
	}
	return c
}

func decodeOption(t *testing.T, c *chart.Chart) map[string]any {
	t.Helper()
	var opt map[string]any
	if err := json.Unmarshal([]byte(c.Option()), &opt); err != nil {
		t.Fatalf("option of %s is not JSON: %v", c.ID, err)
	}
	if _, ok := opt["series"].([]any); !ok {
		t.Fatalf("option of %s has no series: %s", c.ID, c.Option())
	}
	return opt
}

func rows(c *chart.Chart) string {
	var b strings.Builder
	for _, r := range c.Table().Rows {
		b.WriteString(strings.Join(r, "|") + "\n")
	}
	return b.String()
}

// TestGainsForEveryPairOfYears: three years give two gains per group, in
// the chart and the table, losses included.
func TestGainsForEveryPairOfYears(t *testing.T) {
	c := build(t, "achievement-gains", chart.Params{Subject: "math"}, "oak")
	want := "All students|2022-23 to 2023-24|+5.0 pp|40.0%|45.0%\n" +
		"All students|2023-24 to 2024-25|−2.5 pp|45.0%|42.5%\n" +
		"Black|2022-23 to 2023-24|fewer than 10 students|fewer than 10 students|30.0%\n" +
		"Black|2023-24 to 2024-25|+5.0 pp|30.0%|35.0%\n" +
		"English learners|2023-24 to 2024-25|suppressed to protect a small group|no data|suppressed to protect a small group\n"
	if got := rows(c); got != want {
		t.Errorf("table:\n%s\nwant:\n%s", got, want)
	}
	opt := decodeOption(t, c)
	var names []string
	drawn := map[string][]any{}
	for _, s := range opt["series"].([]any) {
		s := s.(map[string]any)
		name := s["name"].(string)
		names = append(names, name)
		for _, d := range s["data"].([]any) {
			if m, ok := d.(map[string]any); ok {
				drawn[name] = append(drawn[name], m["value"])
			}
		}
	}
	if fmt.Sprint(drawn["2022-23 to 2023-24"]) != "[5 - -]" || fmt.Sprint(drawn["2023-24 to 2024-25"]) != "[-2.5 5 -]" {
		t.Errorf("drawn = %v (series %v)", drawn, names)
	}
	if !strings.Contains(c.Option(), `"formatter":"−2.5 pp"`) {
		t.Error("the loss is not labelled −2.5 pp on its bar")
	}
	want = "2023-24 to 2024-25: 1 of 2 student groups gained in mathematics at Oak School; the largest gain was Black (+5.0 pp), the smallest All students (−2.5 pp). " +
		"Earlier, all students changed by +5.0 pp from 2022-23 to 2023-24. " +
		"Not shown because fewer than 10 students were tested: Black (2022-23 to 2023-24). Not shown because they would reveal a smaller group: English learners."
	if c.Summary != want {
		t.Errorf("summary:\n%s\nwant:\n%s", c.Summary, want)
	}
}

func TestAchievementSummarySaysGapsAndWhatIsHidden(t *testing.T) {
	c := build(t, "achievement", chart.Params{Subject: "math"}, "oak")
	want := "In 2024-25, 42.5% of all students at Oak School were proficient in mathematics; this rose from 40.0% in 2022-23 (+2.5 pp). " +
		"Gaps to all students in 2024-25, positive where the group is below them: Black +7.5 pp (n = 12). " +
		"Not shown because fewer than 10 students were tested: Black (2022-23). " +
		"Not shown because they would reveal a smaller group: English learners."
	if c.Summary != want {
		t.Errorf("summary:\n%s\nwant:\n%s", c.Summary, want)
	}
}

// TestNothingIsHiddenAndSeriesDiffer: no legend hides a series, and no two
// series of a chart share a colour and a pattern.
func TestNothingIsHiddenAndSeriesDiffer(t *testing.T) {
	// Nine groups, more than there are colours.
	files := sampleFiles()
	for i := range 9 {
		id := fmt.Sprintf("g%d", i)
		files["achievement.yaml"] += fmt.Sprintf("  - {id: %s, label: Group %s}\n", id, id)
		for y := generator.SchoolYear(2024); y <= 2025; y++ {
			files["achievement.csv"] += fmt.Sprintf("oak,%s,reading,%s,50,%d\n", y, id, 40+i+int(y-2024))
		}
	}
	files["achievement.yaml"] = strings.Replace(files["achievement.yaml"], "subgroups: [{id: all, label: All students}, {id: black, label: Black}, {id: ell, label: English learners}]\n",
		"subgroups:\n  - {id: all, label: All students}\n  - {id: black, label: Black}\n  - {id: ell, label: English learners}\n", 1)
	in := inputFrom(files)
	var all []*chart.Chart
	for _, s := range chart.Across(in) {
		all = append(all, s.Charts...)
	}
	for _, s := range chart.ForPlace(in, "oak") {
		all = append(all, s.Charts...)
	}
	if len(all) < 8 {
		t.Fatalf("only %d charts", len(all))
	}
	for _, c := range all {
		checkSeries(t, c)
	}
}

// checkSeries is shared with the sample test in package build.
func checkSeries(t *testing.T, c *chart.Chart) {
	t.Helper()
	opt := decodeOption(t, c)
	if lg, ok := opt["legend"].(map[string]any); ok {
		if lg["type"] == "scroll" {
			t.Errorf("%s: legend pages instead of wrapping", c.ID)
		}
		if sel, ok := lg["selected"].(map[string]any); ok {
			for name, on := range sel {
				if on == false {
					t.Errorf("%s: series %q hidden by default", c.ID, name)
				}
			}
		}
	}
	seen := map[string]string{}
	for _, s := range opt["series"].([]any) {
		s := s.(map[string]any)
		if s["type"] == "scatter" || s["type"] == "heatmap" {
			continue // the grey suppressed marks; the heatmap's one series
		}
		style, _ := s["itemStyle"].(map[string]any)
		key, _ := json.Marshal([]any{style["color"], style["decal"]})
		if other, dup := seen[string(key)]; dup {
			t.Errorf("%s: %q and %q share colour and pattern %s", c.ID, other, s["name"], key)
		}
		seen[string(key)] = fmt.Sprint(s["name"])
		if s["type"] == "line" && s["symbol"] == nil {
			t.Errorf("%s: line %q has no marker", c.ID, s["name"])
		}
	}
}

func TestInstallationUsesLatestStatusAndLeavesOutNotApplicable(t *testing.T) {
	c := build(t, "installation", chart.Params{}, "oak")
	// Latest: p-1a in-place, p-1b partial, p-2a not applicable, p-2b sustained.
	if want := "Oak School: 2 of 3 indicators are installed or sustained."; c.Summary != want {
		t.Errorf("summary = %q, want %q", c.Summary, want)
	}
	want := []string{"Partnership", "0", "1", "1", "1", "1", "0"}
	if got := c.Table().Rows[0]; strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("table row = %v, want %v (columns %v)", got, want, c.Table().Columns)
	}
	series := decodeOption(t, c)["series"].([]any)
	if len(series) != 6 {
		t.Fatalf("%d series, want one per status plus n/a and not observed", len(series))
	}
	for i, s := range series {
		v := s.(map[string]any)["data"].([]any)[0].(map[string]any)["value"]
		if got := want[i+1]; fmt.Sprint(v) != got {
			t.Errorf("series %d draws %v, table says %s", i, v, got)
		}
	}
}

func TestInstallationTrendIsChronological(t *testing.T) {
	in := sampleInput()
	obs := in.Evidence.Installation
	obs[0], obs[5] = obs[5], obs[0] // order in the file must not matter
	c, err := chart.Block(in, "installation-trend", chart.Params{}, "oak")
	if err != nil {
		t.Fatal(err)
	}
	// 2024-05-01: p-1a partial, p-1b sustained → 1 of 2; 2025: 2 of 3.
	if got := rows(c); got != "2024-05-01|50.0%|1|2\n2025-05-01|66.7%|2|3\n" {
		t.Errorf("rows =\n%s", got)
	}
	want := "Oak School: the share of indicators installed or sustained rose from 50.0% on 2024-05-01 to 66.7% on 2025-05-01 (+16.7 pp), 2 of 3 indicators at the latest observation."
	if c.Summary != want {
		t.Errorf("summary = %q", c.Summary)
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

// TestHeatmapRowsFitTheirNames: a place's name wrapped to three lines
// gets a row tall enough for them, so row labels never overlap.
func TestHeatmapRowsFitTheirNames(t *testing.T) {
	short := build(t, "installation-heatmap", chart.Params{}, "")
	in := sampleInput()
	in.Schools[0].Name = "Oak Grove Consolidated Independent Elementary and Middle School"
	long, err := chart.Block(in, "installation-heatmap", chart.Params{}, "")
	if err != nil {
		t.Fatal(err)
	}
	rows := len(short.Table().Rows)
	if want := short.Height + rows*(14*3+6-34); long.Height != want {
		t.Errorf("heatmap with a three-line name is %d px tall, want %d (%d rows of 48 px instead of 34)", long.Height, want, rows)
	}
	opt := decodeOption(t, long)
	label := opt["yAxis"].(map[string]any)["axisLabel"].(map[string]any)
	if label["lineHeight"] != 14.0 || label["overflow"] != "break" || label["width"] != 150.0 {
		t.Errorf("row labels wrap as %v; the row height assumes 150 px lines 14 px apart", label)
	}
}

// TestNamesNotIDs: the heatmap and its table name practices by their
// short titles, and the district by name; ids are only in the CSV.
func TestNamesNotIDs(t *testing.T) {
	c := build(t, "installation-heatmap", chart.Params{}, "")
	if got := strings.Join(c.Table().Columns, "|"); got != "School|Meetings|Principals and their partners…" {
		t.Errorf("columns = %s", got)
	}
	if got := c.Table().Rows[2][0]; got != "Central office" {
		t.Errorf("the district's installation row is %q, want the central office", got)
	}
	if strings.Contains(c.Option(), `"p-1"`) {
		t.Error("the heatmap shows a practice id")
	}
	csv := string(c.CSV())
	if !strings.HasPrefix(csv, "School id,School,Practice id,Practice,Status\noak,Oak School,p-1,Meetings,Partially in place\n") {
		t.Errorf("CSV =\n%s", csv)
	}
	a := build(t, "achievement-schools", chart.Params{Subject: "math"}, "")
	if !strings.Contains(rows(a), "All students|Prairie River CSD, all schools|+1.0 pp") {
		t.Errorf("district achievement row not named by the district:\n%s", rows(a))
	}
	tr := build(t, "trust-schools", chart.Params{}, "")
	if !strings.Contains(rows(tr), "Prairie River CSD, all schools|Principals|3.9") {
		t.Errorf("district trust rows:\n%s", rows(tr))
	}
	co := build(t, "trust", chart.Params{Group: "central-office"}, "district")
	if !strings.Contains(co.Title, "Central office staff, Central office,") {
		t.Errorf("central-office staff's trust at the district is titled %q", co.Title)
	}
	pr := build(t, "trust", chart.Params{Group: "principals"}, "district")
	if !strings.Contains(pr.Title, "Principals, Prairie River CSD, all schools") {
		t.Errorf("principals' trust at the district is titled %q", pr.Title)
	}
}

func TestTrustShowsItsScaleAndResponseRates(t *testing.T) {
	files := sampleFiles()
	files["trust.csv"] = strings.Replace(files["trust.csv"], "oak,2023-24,teachers,benevolence,4.1,30,,", "oak,2023-24,teachers,benevolence,4.1,30,40,71.5", 1)
	in := inputFrom(files)
	c, err := chart.Block(in, "trust", chart.Params{Group: "teachers"}, "oak")
	if err != nil {
		t.Fatal(err)
	}
	scale := "Scale: 1 Strongly disagree · 2 Disagree · 3 Somewhat disagree · 4 Somewhat agree · 5 Agree · 6 Strongly agree."
	if c.Note != scale || !strings.Contains(c.Table().Caption, scale) {
		t.Errorf("note %q, caption %q", c.Note, c.Table().Caption)
	}
	// The file gives this mean to one decimal: it is shown so, not as 4.10.
	if got := c.Table().Rows[0]; strings.Join(got, "|") != "Benevolence|2023-24|4.1|71.5%|30 of 40 invited (75%)" {
		t.Errorf("row = %v", got)
	}
	want := "Trust rose on all 2 facets among teachers at Oak School from 2023-24 to 2024-25; the largest rise was in reliability (+0.20)."
	if c.Summary != want {
		t.Errorf("summary = %q", c.Summary)
	}
	trend := build(t, "trust-trend", chart.Params{}, "oak")
	if !strings.Contains(trend.Summary, "Not shown because fewer than 5 responded: Parents.") {
		t.Errorf("trend summary = %q", trend.Summary)
	}
}

// TestBlockProblems: a place with some evidence but none for what a block
// asks is an error for every kind, never a panic or an empty chart.
func TestBlockProblems(t *testing.T) {
	tests := []struct {
		kind   string
		p      chart.Params
		school string
		want   string
	}{
		{"trust", chart.Params{Group: "teachers"}, "", "chart: Prairie River CSD, all schools has no trust results for Teachers"},
		{"trust", chart.Params{Group: "teachers"}, "pine", "chart: Pine School has no trust results"},
		{"trust", chart.Params{Facet: "reliability"}, "district", "chart: Prairie River CSD, all schools has no trust results for the facet Reliability"},
		{"trust-trend", chart.Params{Facet: "reliability"}, "district", "chart: Prairie River CSD, all schools has no trust results for the facet Reliability"},
		{"trust", chart.Params{Group: "teachers", Facet: "honesty"}, "oak", "chart: unknown facet 'honesty'"},
		{"trust", chart.Params{Group: "teachers", Facet: "reliability"}, "oak", "chart: give either facet or group, not both"},
		{"achievement", chart.Params{Subject: "reading"}, "oak", "chart: Oak School has no reading results"},
		{"achievement-gains", chart.Params{Subject: "reading"}, "oak", "chart: Oak School has no reading results"},
		{"achievement-gains", chart.Params{}, "pine", "chart: Pine School has no second year of mathematics results: gains need two"},
		{"achievement-schools", chart.Params{Subject: "reading"}, "", "chart: no school has two years of reading results"},
		{"installation", chart.Params{}, "pine-ridge", "chart: unknown school 'pine-ridge'"},
		{"trust-schools", chart.Params{School: "oak"}, "", "chart parameter 'school' does not apply to kind 'trust-schools'"},
		{"heatmap", chart.Params{}, "", "unknown chart kind 'heatmap'"},
	}
	for _, tt := range tests {
		t.Run(tt.kind+"/"+tt.want, func(t *testing.T) {
			in := sampleInput()
			in.Evidence.Installation = in.Evidence.Installation[:6]
			c, err := chart.Block(in, tt.kind, tt.p, tt.school)
			var p *chart.Problem
			var ps chart.BlockProblems
			if errors.As(err, &ps) && len(ps) == 1 {
				p = ps[0].Problem
			} else if !errors.As(err, &p) {
				t.Fatalf("err = %v, chart = %v", err, c)
			}
			if p.Msg != tt.want || p.Hint == "" {
				t.Errorf("problem = %q (%s), want %q", p.Msg, p.Hint, tt.want)
			}
		})
	}
	in := sampleInput()
	in.Evidence.Installation = in.Evidence.Installation[:6]
	if _, err := chart.Block(in, "installation", chart.Params{}, "district"); err == nil || !strings.Contains(err.Error(), "Central office has no installation observations") {
		t.Errorf("installation at a place without observations: %v", err)
	}
}

func TestEveryKindIsRegisteredOnce(t *testing.T) {
	want := "achievement achievement-gains achievement-schools goal installation installation-heatmap installation-trend trust trust-schools trust-trend"
	if got := strings.Join(chart.Names(), " "); got != want {
		t.Errorf("kinds = %s", got)
	}
	var board []string
	for _, k := range chart.Kinds() {
		if k.Board {
			board = append(board, k.Name)
		}
	}
	if got := strings.Join(board, " "); got != "installation installation-heatmap trust-trend trust-schools achievement-gains achievement-schools" {
		t.Errorf("board kinds = %s", got)
	}
}

func TestChartsAreDeterministicAndIDsAreIdentifiers(t *testing.T) {
	ident := regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)
	draw := func() []*chart.Chart {
		var out []*chart.Chart
		for _, s := range chart.ForPlace(sampleInput(), "oak") {
			out = append(out, s.Charts...)
		}
		for _, s := range chart.Across(sampleInput()) {
			out = append(out, s.Charts...)
		}
		return out
	}
	one, two := draw(), draw()
	for i := range one {
		if !ident.MatchString(one[i].ID) {
			t.Errorf("id %q is not an identifier", one[i].ID)
		}
		if one[i].Option() != two[i].Option() || one[i].ID != two[i].ID || one[i].Summary != two[i].Summary {
			t.Errorf("chart %s differs between two runs", one[i].ID)
		}
	}
}

func TestHostileLabelsStayInertText(t *testing.T) {
	evil := `</script><script>alert(1)</script>"'&`
	in := sampleInput()
	in.Evidence.Framework.Components[0].Title = evil
	in.Evidence.Trust.Facets[0].Label = evil
	in.Schools[0].Name = evil
	escaped := 0
	for _, s := range chart.ForPlace(in, "oak") {
		for _, c := range s.Charts {
			if strings.ContainsAny(c.Option(), "<>&'") {
				t.Errorf("%s option holds raw markup: %s", c.ID, c.Option())
			}
			// Where an option names a facet, a component or a school (a
			// series, a category), it holds the name escaped, not left out.
			if strings.Contains(c.Option(), `\u003c/script\u003e`) {
				escaped++
			}
		}
	}
	if escaped == 0 {
		t.Error("no chart's option holds the hostile names, escaped: they were lost instead")
	}
}

func TestCSVIsTheGrid(t *testing.T) {
	c := build(t, "installation-trend", chart.Params{}, "oak")
	want := "Date,Share,Installed or sustained,Indicators observed\n2024-05-01,50.0%,1,2\n2025-05-01,66.7%,2,3\n"
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

// Columns counts the data table's columns without making the table: for
// every chart of every kind a place and the district draw, it is the
// table's width.
func TestColumnsIsTheTablesWidth(t *testing.T) {
	in := inputFrom(sampleFiles())
	var all []*chart.Chart
	for _, s := range chart.Across(in) {
		all = append(all, s.Charts...)
	}
	for _, s := range chart.ForPlace(in, "oak") {
		all = append(all, s.Charts...)
	}
	kinds := map[string]bool{}
	for _, c := range all {
		kinds[c.Kind] = true
		if got, want := c.Columns(), len(c.Table().Columns); got != want {
			t.Errorf("%s: Columns() = %d, the table has %d", c.ID, got, want)
		}
	}
	if len(kinds) < 4 {
		t.Errorf("only kinds %v drawn", kinds)
	}
}

// TestMeansShowTheirPrecision: a trust mean is shown with the decimals
// the file gives it, two at most, in the table, the CSV and the summary;
// what folio computes from means (a change) has two.
func TestMeansShowTheirPrecision(t *testing.T) {
	for _, tc := range []struct{ before, after, shownBefore, shownAfter string }{
		{"4.1", "4.25", "4.1", "4.25"},
		{"4", "4.2", "4", "4.2"},
		{"4.10", "4.253", "4.10", "4.25"},
	} {
		files := sampleFiles()
		files["trust.csv"] = strings.Replace(files["trust.csv"], "oak,2023-24,teachers,benevolence,4.1,", "oak,2023-24,teachers,benevolence,"+tc.before+",", 1)
		files["trust.csv"] = strings.Replace(files["trust.csv"], "oak,2024-25,teachers,benevolence,4.2,", "oak,2024-25,teachers,benevolence,"+tc.after+",", 1)
		c, err := chart.Block(inputFrom(files), "trust", chart.Params{Group: "teachers"}, "oak")
		if err != nil {
			t.Fatal(err)
		}
		rows := c.Table().Rows
		if rows[0][2] != tc.shownBefore || rows[1][2] != tc.shownAfter {
			t.Errorf("%s → %s: table shows %s and %s, want %s and %s", tc.before, tc.after, rows[0][2], rows[1][2], tc.shownBefore, tc.shownAfter)
		}
		if csv := string(c.CSV()); !strings.Contains(csv, ","+tc.shownBefore+",") || !strings.Contains(csv, ","+tc.shownAfter+",") {
			t.Errorf("%s → %s: CSV\n%s", tc.before, tc.after, csv)
		}
		if !regexp.MustCompile(`\([+−]\d\.\d\d\)\.$`).MatchString(c.Summary) {
			t.Errorf("%s → %s: summary %q, want a change to two decimals", tc.before, tc.after, c.Summary)
		}
	}
}

// TestPanelsShareOneScale: the gains across schools, one panel per group,
// are drawn on one scale that holds every gain and zero, so that bars of
// different panels compare by their length.
func TestPanelsShareOneScale(t *testing.T) {
	files := sampleFiles()
	files["achievement.csv"] += "pine,2023-24,math,all,50,50.0\npine,2023-24,math,black,20,30.0\npine,2024-25,math,black,20,45.0\n"
	c, err := chart.Block(inputFrom(files), "achievement-schools", chart.Params{Subject: "math"}, "")
	if err != nil {
		t.Fatal(err)
	}
	opt := decodeOption(t, c)
	axes := opt["xAxis"].([]any)
	if len(axes) < 2 {
		t.Fatalf("%d panels; the test wants two or more", len(axes))
	}
	first := axes[0].(map[string]any)
	lo, okLo := first["min"].(float64)
	hi, okHi := first["max"].(float64)
	if !okLo || !okHi || lo > 0 || hi < 15 {
		t.Fatalf("the first panel's scale is %v to %v, want one that holds zero and Pine's +15.0 pp", first["min"], first["max"])
	}
	for i, a := range axes {
		a := a.(map[string]any)
		if a["min"] != lo || a["max"] != hi {
			t.Errorf("panel %d runs from %v to %v, the first from %v to %v", i, a["min"], a["max"], lo, hi)
		}
	}
}

// TestNegativeValuesLeaveRoomForTheirLabels: a bar's value is written past
// its end, so a negative bar's label ("−2.5 pp") goes left of it. The
// value axis must reach far enough past the most negative value for the
// label to fit inside the drawing, not over the names of the groups
// (about a quarter of the bars' width on a phone and on the board's
// paper), and start and end on its ticks. Without a negative value the
// axis is left to ECharts.
func TestNegativeValuesLeaveRoomForTheirLabels(t *testing.T) {
	const head = "school,year,subject,subgroup,tested,proficient_pct\n"
	tests := []struct {
		name     string
		csv      string
		negative float64 // the most negative gain; 0 for none
	}{
		{"a loss beside gains", "oak,2022-23,math,all,100,40.0\noak,2023-24,math,all,100,45.0\noak,2024-25,math,all,100,42.5\n", -2.5},
		{"a small loss beside large gains", "oak,2023-24,math,all,100,40.0\noak,2024-25,math,all,100,72.0\noak,2023-24,math,black,12,30.0\noak,2024-25,math,black,12,29.6\n", -0.4},
		{"losses only", "oak,2023-24,math,all,100,49.0\noak,2024-25,math,all,100,39.0\noak,2023-24,math,black,12,30.0\noak,2024-25,math,black,12,25.0\n", -10},
		{"gains only", "oak,2023-24,math,all,100,40.0\noak,2024-25,math,all,100,42.9\noak,2023-24,math,black,12,30.0\noak,2024-25,math,black,12,36.1\n", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := sampleFiles()
			files["achievement.csv"] = head + tt.csv
			c, err := chart.Block(inputFrom(files), "achievement-gains", chart.Params{Subject: "math"}, "oak")
			if err != nil {
				t.Fatal(err)
			}
			opt := decodeOption(t, c)
			val := opt["xAxis"].(map[string]any)
			if val["type"] != "value" {
				t.Fatalf("xAxis is %v; the gains are drawn as horizontal bars", val["type"])
			}
			var most float64
			for _, s := range opt["series"].([]any) {
				s := s.(map[string]any)
				if s["type"] != "bar" {
					continue
				}
				for _, d := range s["data"].([]any) {
					if v, ok := d.(map[string]any)["value"].(float64); ok {
						most = min(most, v)
					}
				}
			}
			if most != tt.negative {
				t.Fatalf("the most negative bar is %v, want %v", most, tt.negative)
			}
			lo, hasMin := val["min"].(float64)
			hi, _ := val["max"].(float64)
			step, _ := val["interval"].(float64)
			if tt.negative == 0 {
				if hasMin || val["interval"] != nil {
					t.Errorf("no negative value, yet the axis is set: min %v, interval %v", val["min"], val["interval"])
				}
				return
			}
			if !hasMin || step <= 0 {
				t.Fatalf("axis min %v, interval %v: want both set where a value is negative", val["min"], val["interval"])
			}
			if room := (most - lo) / (hi - lo); room < 0.25 {
				t.Errorf("axis %v to %v: %.0f%% of it left of %v for its label, want a quarter at least", lo, hi, 100*room, most)
			}
			if n := (hi - lo) / step; math.Abs(n-math.Round(n)) > 1e-9 || n > 6 || math.Abs(lo/step-math.Round(lo/step)) > 1e-9 {
				t.Errorf("axis %v to %v by %v: its ends are not on its ticks, or it has more than 6 steps", lo, hi, step)
			}
		})
	}
}

// TestTrustSummaryWithoutHighestAndLowest: one year of one group's
// results is summed up by its highest and lowest facet, and trust across
// schools by a group's highest and lowest school; one facet, or means all
// alike, have neither, and are not named as both.
func TestTrustSummaryWithoutHighestAndLowest(t *testing.T) {
	const head = "school,year,group,facet,mean,respondents,invited,favorable_pct\n"
	tests := []struct {
		name, kind, csv, want string
	}{
		{"facets apart", "trust", "oak,2024-25,teachers,benevolence,4.6,30,,\noak,2024-25,teachers,reliability,4.1,30,,\n",
			"Teachers at Oak School rated benevolence highest (4.6) and reliability lowest (4.1) in 2024-25."},
		{"one facet", "trust", "oak,2024-25,teachers,benevolence,4.6,30,,\n",
			"Teachers at Oak School rated benevolence 4.6 in 2024-25."},
		{"facets alike", "trust", "oak,2024-25,teachers,benevolence,4.6,30,,\noak,2024-25,teachers,reliability,4.6,30,,\n",
			"Teachers at Oak School rated every facet 4.6 in 2024-25."},
		{"schools apart", "trust-schools", "oak,2024-25,teachers,benevolence,4.6,30,,\npine,2024-25,teachers,benevolence,4.1,30,,\n",
			"Teachers rated trust highest at Oak School (4.6) and lowest at Pine School (4.1)."},
		{"schools alike", "trust-schools", "oak,2024-25,teachers,benevolence,4.6,30,,\npine,2024-25,teachers,benevolence,4.6,30,,\n",
			"Teachers rated trust 4.6 at every school where they were surveyed."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := sampleFiles()
			files["trust.csv"] = head + tt.csv
			school := "oak"
			if tt.kind == "trust-schools" {
				school = ""
			}
			p := chart.Params{Group: "teachers"}
			if tt.kind == "trust-schools" {
				p = chart.Params{}
			}
			c, err := chart.Block(inputFrom(files), tt.kind, p, school)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(c.Summary, tt.want) {
				t.Errorf("summary = %q\nwant it to hold %q", c.Summary, tt.want)
			}
		})
	}
}

// TestTrustAverageTakesEveryFacetAsked: the average of a group's facet
// means takes every facet the group was asked about; a year in which one
// of them is not shown is not averaged, so that a trend never compares an
// average of two facets with one of one (4.1 and 4.0 "rose" to 4.6).
func TestTrustAverageTakesEveryFacetAsked(t *testing.T) {
	files := sampleFiles()
	files["trust.csv"] = "school,year,group,facet,mean,respondents,invited,favorable_pct\n" +
		"oak,2022-23,teachers,benevolence,4.1,30,,\n" +
		"oak,2022-23,teachers,reliability,4.0,30,,\n" +
		"oak,2023-24,teachers,benevolence,4.6,30,,\n" +
		"oak,2023-24,teachers,reliability,*,30,,\n" +
		"oak,2024-25,teachers,benevolence,4.3,31,,\n" +
		"oak,2024-25,teachers,reliability,4.2,31,,\n" +
		"pine,2024-25,teachers,benevolence,4.8,20,,\n" +
		// Parents are asked about one facet only: its mean is theirs.
		"oak,2024-25,parents,benevolence,3.9,12,,\n"
	in := inputFrom(files)
	trend, err := chart.Block(in, "trust-trend", chart.Params{}, "oak")
	if err != nil {
		t.Fatal(err)
	}
	got := trend.Table().Rows
	want := map[string]bool{"4.05": true, "not computed (Reliability not shown)": true, "4.25": true, "3.9": true}
	for _, r := range got {
		for _, c := range r {
			delete(want, c)
		}
	}
	if len(want) > 0 {
		t.Errorf("trend table %v lacks %v", got, want)
	}
	if strings.Contains(trend.Summary, "4.6") {
		t.Errorf("summary %q averages one facet beside two", trend.Summary)
	}
	schools, err := chart.Block(in, "trust-schools", chart.Params{}, "")
	if err != nil {
		t.Fatal(err)
	}
	var pine []string
	for _, r := range schools.Table().Rows {
		if strings.HasPrefix(r[0], "Pine") {
			pine = r
		}
	}
	if !slices.Contains(pine, "not computed (Reliability not shown)") || slices.Contains(pine, "4.8") {
		t.Errorf("Pine, asked one of the two facets teachers were asked elsewhere: %v", pine)
	}
}

// TestPhoneBarPanelsStandInOneColumn: on a phone, three panels of bars
// side by side left each bar about 60 px long and the schools' names cut
// to "Cedar Ridge Elem…"; the scales ran together ("10-10"). There the
// panels stand one above another, each naming the schools on up to two
// lines, and the drawing asks for the height they take (which the page,
// reserving the desktop's, does not have). On a desktop, and on the
// board's paper, names wrap rather than lose their end.
func TestPhoneBarPanelsStandInOneColumn(t *testing.T) {
	c, err := chart.Block(inputFrom(sampleFiles()), "achievement-schools", chart.Params{Subject: "math"}, "")
	if err != nil {
		t.Fatal(err)
	}
	opt := decodeOption(t, c)
	phone := opt["media"].([]any)[0].(map[string]any)["option"].(map[string]any)
	grids := phone["grid"].([]any)
	if n := len(opt["grid"].([]any)); len(grids) != n || n < 2 {
		t.Fatalf("%d panels on a desktop and %d on a phone; want the same, two or more", n, len(grids))
	}
	phoneHeight, ok := opt[chart.PhoneHeightKey].(float64)
	if !ok || int(phoneHeight) <= c.Height {
		t.Fatalf("the option asks for %v px on a phone (%s), the page reserves %d: want more for panels one above another", opt[chart.PhoneHeightKey], chart.PhoneHeightKey, c.Height)
	}
	bottom := 0.0
	for i, g := range grids {
		g := g.(map[string]any)
		top, height := g["top"].(float64), g["height"].(float64)
		if g["left"] != grids[0].(map[string]any)["left"] || g["width"] != grids[0].(map[string]any)["width"] {
			t.Errorf("panel %d at left %v, width %v; panel 0 at %v, %v: want one column", i, g["left"], g["width"], grids[0].(map[string]any)["left"], grids[0].(map[string]any)["width"])
		}
		if top < bottom {
			t.Errorf("panel %d starts at %v px, above the end of the one before (%v px)", i, top, bottom)
		}
		bottom = top + height
		names := phone["yAxis"].([]any)[i].(map[string]any)["axisLabel"].(map[string]any)
		if names["show"] != true || names["overflow"] != "break" {
			t.Errorf("panel %d on a phone: names %v; want them shown, wrapped", i, names)
		}
	}
	if bottom > phoneHeight {
		t.Errorf("the last panel ends at %v px, below the %v px asked for", bottom, phoneHeight)
	}
	for i, y := range opt["yAxis"].([]any) {
		if names := y.(map[string]any)["axisLabel"].(map[string]any); names["overflow"] != "break" {
			t.Errorf("panel %d on a desktop: names %v; want them wrapped, not cut", i, names)
		}
	}
	// Two lines: the long names are shortened, the district's to its
	// own few words; the table keeps every name whole.
	axis := opt["yAxis"].([]any)[0].(map[string]any)["data"].([]any)
	for i, name := range axis {
		if n := utf8.RuneCountInString(name.(string)); n > 45 {
			t.Errorf("axis name %d %q: %d characters, more than two lines", i, name, n)
		}
	}
	if last := axis[len(axis)-1]; last != "All schools (district)" {
		t.Errorf("the district's row is named %q on the axis; want \"All schools (district)\"", last)
	}
	if got := c.Table().Rows[len(axis)-1][1]; !strings.HasSuffix(got, ", all schools") {
		t.Errorf("the table names the district's row %q; want its whole name", got)
	}
	key := func(o map[string]any) map[string]any {
		return o["graphic"].([]any)[0].(map[string]any)["style"].(map[string]any)
	}
	if desk, ph := key(opt), key(phone); ph["text"] != desk["text"] || ph["fontSize"].(float64) >= desk["fontSize"].(float64) {
		t.Errorf("the phone's key %v, the desktop's %v: want the same words, smaller", ph, desk)
	}
}

// TestHeatmapKeyFitsAPhone: the key of statuses is one a line from the
// left, with room below the drawing for every line: in a row, centred, it
// ran off a phone's screen in a heatmap wider than it.
func TestHeatmapKeyFitsAPhone(t *testing.T) {
	c := build(t, "installation-heatmap", chart.Params{}, "")
	opt := decodeOption(t, c)
	key := opt["visualMap"].([]any)[0].(map[string]any)
	pieces := len(key["pieces"].([]any))
	if key["orient"] != "vertical" || key["left"] != 8.0 || pieces < 3 {
		t.Errorf("the key is %v", key)
	}
	if bottom := opt["grid"].(map[string]any)["bottom"]; fmt.Sprint(bottom) != fmt.Sprint(12+20*pieces) {
		t.Errorf("the drawing leaves %v px below it for %d statuses, want %d", bottom, pieces, 12+20*pieces)
	}
}
