package build_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/folio-sites/folio/generator/build"
)

// chartLayoutBefore is the "chart" of the default theme's
// partials/chart.html as it was before the figure was written in Go
// (render's ChartFigure), with what the figure gained since (the line
// above a chart that scrolls sideways). The test takes the file's other layouts from
// the theme as it is, with "sections" calling this one again.
const chartLayoutBefore = `{{define "chart" -}}
{{$c := .chart -}}
{{$cols := $c.Columns -}}
<figure class="chart chart-{{$c.Kind}}{{if gt $cols 6}} chart-wide{{end}}{{if gt $cols 10}} chart-landscape{{end}}" aria-labelledby="{{$c.ID}}-title">
  <figcaption>
    <p class="chart-title" id="{{$c.ID}}-title">{{text $c.Title}}</p>
    <p class="chart-summary">{{text $c.Summary}}</p>
    {{- with $c.Note}}
    <p class="chart-note">{{text .}}</p>
    {{- end}}
  </figcaption>
  {{- if eq $c.Kind "installation-heatmap"}}
  {{/* scrolls sideways */ -}}
  <p class="chart-scroll-hint" aria-hidden="true">{{.data.T "figure.scrolls.hint"}}</p>
  <div class="chart-scroll" tabindex="0" role="region" aria-label="{{$c.Title}} (scrolls sideways)">
    <div class="chart-canvas" id="{{$c.ID}}" aria-hidden="true" style="height:{{$c.Height}}px"><p class="chart-not-drawn">{{.data.T "figure.not-drawn"}}</p></div>
  </div>
  {{- else}}
  <div class="chart-canvas" id="{{$c.ID}}" aria-hidden="true" style="height:{{$c.Height}}px"><p class="chart-not-drawn">{{.data.T "figure.not-drawn"}}</p></div>
  {{- end}}
  {{chartOption $c}}
  {{.data.ChartData $c}}
</figure>
{{- end}}
`

// The default theme writes each chart's figure in Go (ChartFigure): every
// file of the sample district, published under a sub-path (not minified:
// minifying compacts a site's own layouts, not the theme's),
// with a school whose name holds what HTML escapes, is byte for byte what
// the layout it replaced writes, given as the site's override of
// partials/chart.html.
func TestChartFigureIsTheLayoutItReplaced(t *testing.T) {
	root := filepath.Join("..", "..")
	site := func(override bool) string {
		dir := copySample(t)
		cfg, err := os.ReadFile(filepath.Join(dir, "folio.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		cfg = bytes.Replace(cfg, []byte(`base_url: ""`), []byte(`base_url: "https://district.example/portfolio/"`), 1)
		os.WriteFile(filepath.Join(dir, "folio.yaml"), cfg, 0o644)
		school := filepath.Join(dir, "content", "schools", "lincoln-middle", "_index.md")
		src, err := os.ReadFile(school)
		if err != nil {
			t.Fatal(err)
		}
		src = bytes.Replace(src, []byte("name: Lincoln Middle School"), []byte(`name: "Lincoln <Middle> & Tom's +1 \"School\""`), 1)
		os.WriteFile(school, src, 0o644)
		if override {
			now, err := os.ReadFile(filepath.Join(root, "themes", "default", "layouts", "partials", "chart.html"))
			i := bytes.Index(now, []byte(`{{define "sections"`))
			call := []byte(`{{$.ChartFigure .}}`)
			if err != nil || i < 0 || bytes.Count(now, call) != 1 {
				t.Fatalf("the theme's sections: %v", err)
			}
			rest := bytes.Replace(now[i:], call, []byte(`{{template "chart" (dict "data" $ "chart" .)}}`), 1)
			os.MkdirAll(filepath.Join(dir, "layouts", "partials"), 0o755)
			os.WriteFile(filepath.Join(dir, "layouts", "partials", "chart.html"), append([]byte(chartLayoutBefore+"\n"), rest...), 0o644)
		}
		return dir
	}
	files := func(dir string) map[string][]byte {
		res, err := build.Generate(os.DirFS(dir), build.Options{Source: dir, Fingerprint: true})
		if err != nil {
			t.Fatal(err)
		}
		out := map[string][]byte{}
		for _, f := range res.Files {
			out[f.Path] = f.Data
		}
		return out
	}
	got, want := files(site(false)), files(site(true))
	// The scrolling box's name comes from the catalog, which a site may
	// reword like any other sentence.
	reworded := site(false)
	os.MkdirAll(filepath.Join(reworded, "i18n"), 0o755)
	os.WriteFile(filepath.Join(reworded, "i18n", "en.yaml"), []byte("figure.scrolls: \"{title}: swipe sideways to see every school\"\n"), 0o644)
	home := string(files(reworded)["index.html"])
	if !strings.Contains(home, `<div class="chart-scroll" tabindex="0" role="region" aria-label="Practice installation across schools: swipe sideways to see every school">`) {
		t.Errorf("the heatmap's scrolling box does not take the site's wording of figure.scrolls:\n%s", home[max(0, strings.Index(home, "chart-scroll")-20):][:min(400, len(home))])
	}
	figures := 0
	for p, w := range want {
		if g, ok := got[p]; !ok || !bytes.Equal(g, w) {
			t.Errorf("%s differs from what the layout writes:\n%s", p, firstDifference(string(g), string(w)))
		}
		figures += bytes.Count(w, []byte("<figure class=\"chart"))
	}
	if len(got) != len(want) {
		t.Errorf("%d files, the layout's build %d", len(got), len(want))
	}
	if all := bytes.Join(valuesOf(want), nil); figures < 20 || !bytes.Contains(all, []byte("chart-installation-heatmap")) ||
		!bytes.Contains(all, []byte("chart-note")) || !bytes.Contains(all, []byte("Lincoln &lt;Middle&gt; &amp; Tom&#39;s &#43;1")) {
		t.Errorf("the comparison misses a case: %d figures, a heatmap, a note, the escaped name", figures)
	}
}

func valuesOf(m map[string][]byte) [][]byte {
	var out [][]byte
	for _, v := range m {
		out = append(out, v)
	}
	return out
}
