package build_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/folio-sites/folio/generator/build"
	"github.com/folio-sites/folio/generator/chart"
	"golang.org/x/tools/txtar"
)

// sampleCharts builds the sample district at the repository root and
// returns every chart once, in page order.
func sampleCharts(t *testing.T) []*chart.Chart {
	t.Helper()
	res, err := build.Generate(os.DirFS("../.."), build.Options{})
	if err != nil {
		t.Fatal(err)
	}
	// A chart is its page's and its id: the board packet shows the
	// schools' as drawn while assembling, the schools' pages draw theirs
	// again once released (see site.Page.Sections).
	seen := map[string]bool{}
	var out []*chart.Chart
	for _, p := range res.Site.Pages {
		for _, c := range p.Charts() {
			if !seen[c.Home+c.ID] {
				seen[c.Home+c.ID] = true
				out = append(out, c)
			}
		}
	}
	if len(out) < 80 {
		t.Fatalf("the sample has only %d charts", len(out))
	}
	return out
}

// TestSampleSummaries compares every chart's title, summary and note with
// testdata/summaries.golden; run with -update after an intended change and
// read the diff as a board member would.
func TestSampleSummaries(t *testing.T) {
	var b strings.Builder
	for _, c := range sampleCharts(t) {
		fmt.Fprintf(&b, "%s%s\n%s\n%s\n", c.Home, c.ID, c.Title, c.Summary)
		if c.Note != "" {
			fmt.Fprintf(&b, "%s\n", c.Note)
		}
		b.WriteString("\n")
	}
	golden := filepath.Join("testdata", "summaries.golden")
	if *update {
		if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create)", err)
	}
	if b.String() != string(want) {
		t.Errorf("summaries differ from %s; run go test ./generator/build -run TestSampleSummaries -update and review the diff", golden)
	}
}

// TestSampleChartsHideNothing: in no chart of the sample is a series
// hidden by default, and no two series share a colour and a pattern.
func TestSampleChartsHideNothing(t *testing.T) {
	for _, c := range sampleCharts(t) {
		var opt struct {
			Legend *struct {
				Type     string          `json:"type"`
				Selected map[string]bool `json:"selected"`
			} `json:"legend"`
			Series []struct {
				Name      string         `json:"name"`
				Type      string         `json:"type"`
				Symbol    string         `json:"symbol"`
				ItemStyle map[string]any `json:"itemStyle"`
			} `json:"series"`
		}
		if err := json.Unmarshal([]byte(c.Option()), &opt); err != nil {
			t.Fatalf("%s: %v", c.ID, err)
		}
		if opt.Legend != nil {
			for name, on := range opt.Legend.Selected {
				if !on {
					t.Errorf("%s: %q is hidden by default", c.ID, name)
				}
			}
			if opt.Legend.Type == "scroll" {
				t.Errorf("%s: the legend pages (1/8) instead of wrapping", c.ID)
			}
		}
		looks := map[string]string{}
		for _, s := range opt.Series {
			if s.Type == "scatter" || s.Type == "heatmap" {
				continue
			}
			key, _ := json.Marshal([]any{s.ItemStyle["color"], s.ItemStyle["decal"]})
			if other, dup := looks[string(key)]; dup {
				t.Errorf("%s: %q and %q look the same: %s", c.ID, other, s.Name, key)
			}
			looks[string(key)] = s.Name
			if s.Type == "line" && s.Symbol == "" {
				t.Errorf("%s: line %q has no marker", c.ID, s.Name)
			}
		}
	}
}

// TestSiteRewordsMessages: a site's i18n/en.yaml changes the built text,
// of charts and of every page the theme lays out.
func TestSiteRewordsMessages(t *testing.T) {
	a := readArchive(t, "testdata/evidence.txtar")
	a.Files = append(a.Files, txtar.File{Name: "i18n/en.yaml",
		Data: []byte(`place.district: "{district}, every school together"
figure.download: "Get the numbers (CSV)"
chart.achievement-gains.title: "{subject} growth at {place}"
nav.home: "Start"
base.skip: "Jump to the page"
home.band.board: "Packet for the board"
home.band.schools: {one: "{n} campus", other: "{n} campuses"}
narratives.title: "Stories"
board.title: "{site}, for the board"
framework.scale: "How installed a practice is"
notfound.home: "Go home"
`)})
	dir := writeSite(t, a)
	_, out := buildSite(t, dir, build.Options{})
	files := readTree(t, out)
	story := string(files["schools/oak/story/index.html"])
	for _, want := range []string{"Get the numbers (CSV)", "Mathematics growth at Oak", ">Start</a>", ">Jump to the page</a>"} {
		if !strings.Contains(story, want) {
			t.Errorf("the story page lacks %q", want)
		}
	}
	if strings.Contains(story, "Download this data (CSV)") {
		t.Error("the default wording is still on the page")
	}
	for page, want := range map[string][]string{
		"index.html":             {"Packet for the board", ">2 campuses</a>"},
		"schools/oak/index.html": {">Stories</h2>"},
		"board/index.html":       {"for the board</h1>"},
		"framework/index.html":   {">How installed a practice is</h2>"},
		"404.html":               {">Go home</a>"},
	} {
		got := string(files[page])
		if got == "" {
			t.Errorf("%s was not built", page)
			continue
		}
		for _, w := range want {
			if !strings.Contains(got, w) {
				t.Errorf("%s lacks %q, reworded in the site's i18n/en.yaml", page, w)
			}
		}
	}
}
