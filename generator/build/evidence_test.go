package build_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/folio-sites/folio/generator/build"
)

// TestSuppressedValuesNeverReachTheSite builds a site with small groups and
// searches every output file — pages, chart options, tables, CSV
// downloads — for their numbers.
func TestSuppressedValuesNeverReachTheSite(t *testing.T) {
	dir := writeSite(t, readArchive(t, "testdata/evidence.txtar"))
	res, out := buildSite(t, dir, build.Options{})
	if res.Charts == 0 {
		t.Fatal("no charts built")
	}
	files := readTree(t, out)
	for name, data := range files {
		if strings.HasPrefix(name, "js/vendor/") {
			continue
		}
		text := string(data)
		for _, secret := range []string{"87.3", "12.9", "66.6", "4.44", "3.93", "794", "37.2", "16.5", "42.1", "11.4", "0.37"} {
			if strings.Contains(text, secret) {
				t.Errorf("%s contains the suppressed value %s", name, secret)
			}
		}
		for _, pattern := range []string{`>37<`, `,37\b`, `\b37,`, `"37"`} {
			if regexp.MustCompile(pattern).MatchString(text) {
				t.Errorf("%s contains the suppressed invitation count 37", name)
			}
		}
	}
	oak := string(files["schools/oak/index.html"])
	for _, want := range []string{"fewer than 10 students", "suppressed to protect a small group", "fewer than 5 respondents"} {
		if !strings.Contains(oak, want) {
			t.Errorf("oak page does not say %q", want)
		}
	}
	// The derived numbers say what they could not compute, in words.
	for page, wants := range map[string][]string{
		"goals/index.html": {
			"The 2024-25 value cannot be reported: fewer than 10 students were tested.",
			"baseline 12.0% in 2022-23 → not shown in 2023-24 (fewer than 10 students were tested) → 55.0% in 2024-25 → target 60.0% by 2026-27",
		},
		"schools/oak/index.html": {
			"<td>not computed (fewer than 10 students)</td>",
			"<td>not computed (suppressed to protect a small group)</td>",
			"Black or African American: the gap held at 9.1 pp from 2023-24 to 2024-25.",
		},
		"changes/index.html": {
			"Mathematics, all students proficient: 55.1% in 2024-25, +5.0 pp from 50.1% in 2023-24",
			"Mathematics, all students proficient: not shown for 2024-25 (fewer than 10 students)",
			"the change from 2023-24 is not computed (",
		},
	} {
		for _, want := range wants {
			if !strings.Contains(string(files[page]), want) {
				t.Errorf("%s does not say %q", page, want)
			}
		}
	}
}

func TestGainsArePercentagePointsOnThePage(t *testing.T) {
	dir := writeSite(t, readArchive(t, "testdata/evidence.txtar"))
	_, out := buildSite(t, dir, build.Options{})
	files := readTree(t, out)
	story := string(files["schools/oak/story/index.html"])
	if !strings.Contains(story, "<td>+5.0 pp</td>") {
		t.Error("the inline gains chart's table lacks +5.0 pp for Black students")
	}
	csvName := "schools/oak/story/chart_inline1_achievement_oak_math_gains.csv"
	if !strings.Contains(string(files[csvName]), "black,Black or African American,2023-24 to 2024-25,+5.0 pp,41.0%,46.0%") {
		t.Errorf("%s = %q", csvName, files[csvName])
	}
}

// chartAttr matches a chart's option: the JSON data block right after its
// canvas, which is what folio-charts.js reads.
var chartAttr = regexp.MustCompile(`</div>\s*<script type="?application/json"? class="?chart-option"?>([^<]*)</script>`)

// TestEveryChartOnEveryPageHasAValidOption checks what the browser will
// parse: each chart's option block decodes to JSON with series.
func TestEveryChartOnEveryPageHasAValidOption(t *testing.T) {
	dir := writeSite(t, readArchive(t, "testdata/evidence.txtar"))
	res, out := buildSite(t, dir, build.Options{})
	n := 0
	for name, data := range readTree(t, out) {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		page := string(data)
		for _, m := range chartAttr.FindAllStringSubmatch(page, -1) {
			n++
			var opt map[string]any
			if err := json.Unmarshal([]byte(m[1]), &opt); err != nil {
				t.Errorf("%s: chart option is not JSON: %v", name, err)
				continue
			}
			if _, ok := opt["series"]; !ok {
				t.Errorf("%s: chart option has no series", name)
			}
		}
		if chartAttr.MatchString(page) && !strings.Contains(page, "echarts.min.js") {
			t.Errorf("%s has charts but does not load ECharts", name)
		}
	}
	if n != res.Charts {
		t.Errorf("found %d chart containers, the build reports %d charts", n, res.Charts)
	}
}

func TestHostileNamesReachPagesOnlyAsText(t *testing.T) {
	dir := writeSite(t, readArchive(t, "testdata/evidence.txtar"))
	_, out := buildSite(t, dir, build.Options{})
	for name, data := range readTree(t, out) {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		page := string(data)
		if strings.Contains(page, "<script>alert(1)") || strings.Contains(page, "<b>x</b>") {
			t.Errorf("%s: a name from content or data became markup", name)
		}
		// Only our own scripts may appear, and the charts' data blocks.
		for _, m := range regexp.MustCompile(`<script[^>]*>`).FindAllString(page, -1) {
			if !strings.Contains(m, `src=`) && m != `<script type="application/json" class="chart-option">` {
				t.Errorf("%s: unexpected inline script tag %s", name, m)
			}
		}
	}
}

// TestInstallationEvidenceIsLinked: the evidence and note columns of
// installation.csv reach the school page, beside each indicator.
func TestInstallationEvidenceIsLinked(t *testing.T) {
	dir := writeSite(t, readArchive(t, "testdata/evidence.txtar"))
	_, out := buildSite(t, dir, build.Options{})
	page := string(readTree(t, out)["schools/oak/index.html"])
	for _, want := range []string{
		`<a href="https://example.org/b.pdf">b.pdf</a></td><td>Agendas filed weekly</td>`,
		`<td>4 meetings (target 4)</td>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("oak page lacks %s", want)
		}
	}
}

// TestAFailedDataFileIsReportedAtItsCause: a quote left open in the
// sample's achievement.csv takes the file's every row after it, so the
// narrative's chart of Jefferson Middle School's results finds none. The
// author is told of the quote, at its row, and of nothing that follows
// from it (the chart's "has no achievement results" sent them to the
// narrative).
func TestAFailedDataFileIsReportedAtItsCause(t *testing.T) {
	dir := copySample(t)
	csvPath := filepath.Join(dir, "data", "achievement.csv")
	src, err := os.ReadFile(csvPath)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(src), "\n")
	fields := strings.Split(lines[4], ",") // line 5
	fields[3] = `"` + fields[3]
	lines[4] = strings.Join(fields, ",")
	if err := os.WriteFile(csvPath, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := build.Check(os.DirFS(dir), build.Options{})
	if err == nil {
		t.Fatal("a site with a quote left open checked clean")
	}
	var got []string
	for _, d := range res.Diagnostics {
		got = append(got, d.String())
	}
	if len(got) != 1 || !strings.HasPrefix(got[0], "data/achievement.csv:5: a value in quotes on this row never ends") {
		t.Errorf("diagnostics:\n%s\nwant one, at data/achievement.csv:5, that a value in quotes never ends", strings.Join(got, "\n"))
	}

	// A chart's own mistake is no consequence of a bad row in its data:
	// both are reported.
	dir = copySample(t)
	edit := func(name, old, new string) {
		t.Helper()
		p := filepath.Join(dir, name)
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(src), old) {
			t.Fatalf("%s holds no %q", name, old)
		}
		if err := os.WriteFile(p, []byte(strings.Replace(string(src), old, new, 1)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	edit("data/trust.csv", "lincoln-elementary,2022-23,teachers,benevolence,4.52,", "lincoln-elementary,2022-23,teachers,benevolence,high,")
	edit("content/district/relationship-building.md", "kind: trust\nfacet: reliability\n", "kind: trust\nfacet: reliability\ngroup: teachers\n")
	res, err = build.Check(os.DirFS(dir), build.Options{})
	if err == nil {
		t.Fatal("a site with a bad mean and a bad chart checked clean")
	}
	got = got[:0]
	for _, d := range res.Diagnostics {
		got = append(got, d.String())
	}
	joined := strings.Join(got, "\n")
	if len(got) != 2 || !strings.Contains(joined, "data/trust.csv:2:") || !strings.Contains(joined, "relationship-building.md:49: chart: give either facet or group, not both") {
		t.Errorf("diagnostics:\n%s\nwant the mean's at data/trust.csv:2 and the chart's at relationship-building.md:49", joined)
	}
}
