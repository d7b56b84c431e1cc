package e2e_test

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/folio-sites/folio/generator/build"
)

// hostileOption is a chart option carrying every kind of HTML and link
// ECharts would act on. folio writes none of it; the loader must make sure
// none of it acts, whoever wrote it (a site with unsafe_html can write a
// chart's data block by hand).
const hostileOption = `{
 "title": {"text": "Results", "link": "javascript:window.pwned='title link'", "target": "self", "triggerEvent": true},
 "tooltip": {"show": true, "trigger": "axis", "alwaysShowContent": true,
   "formatter": "\u003cimg src=x onerror=\"window.pwned='tooltip formatter'\"\u003e{b}",
   "extraCssText": "position:fixed;top:0;left:0;width:100vw;height:100vh"},
 "toolbox": {"show": true, "feature": {"dataView": {"show": true, "readOnly": true,
   "title": "\u003cimg src=x onerror=\"window.pwned='data view title'\"\u003e",
   "lang": ["\u003cimg src=x onerror=\"window.pwned='data view'\"\u003e", "x", "y"]}}},
 "legend": {"show": true},
 "xAxis": {"type": "category", "data": ["\u003cimg src=x onerror=\"window.pwned='category'\"\u003e", "second"]},
 "yAxis": {"type": "value"},
 "series": [{"type": "bar", "name": "\u003cimg src=x onerror=\"window.pwned='series name'\"\u003e", "data": [3, 4],
   "tooltip": {"formatter": "\u003cimg src=x onerror=\"window.pwned='series tooltip'\"\u003e"}}]
}`

// TestChartLoaderRunsNoAuthorScript: the issue 11 attack — a heading
// whose data-chart-option has an HTML tooltip formatter — and a chart
// option full of HTML, on one page. Moving the mouse across both must run
// nothing, and the author's heading must not become a chart.
func TestChartLoaderRunsNoAuthorScript(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for src, dst := range map[string]string{
		"../../themes/default/static/js/vendor/echarts/echarts.min.js": "echarts.min.js",
		"../../themes/default/static/js/folio-charts.js":               "folio-charts.js",
	} {
		data, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, dst), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	page := `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Hostile</title>
<script src="echarts.min.js" defer></script><script src="folio-charts.js" defer></script></head>
<body style="margin:0">
<h2 id="our-results" data-chart-option='{"series":[{"type":"bar","data":[1]}],"xAxis":{"type":"category","data":["a"]},"yAxis":{},"tooltip":{"show":true,"alwaysShowContent":true,"formatter":"<img src=x onerror=\"window.pwned=&apos;heading&apos;\">"}}' style="height:300px;width:600px;margin:0">Our results</h2>
<figure class="chart" style="margin:0"><div class="chart-canvas" id="hostile" style="height:300px;width:600px"></div><script type="application/json" class="chart-option">` + hostileOption + `</script></figure>
</body></html>`
	if err := os.WriteFile(filepath.Join(dir, "index.html"), []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
	t.Cleanup(srv.Close)

	ctx := newTab(t, time.Minute)
	if !visit(t, ctx, srv.URL+"/") {
		return
	}
	if !eval[bool](t, ctx, `new Promise(r => { let n = 0; const f = () => document.getElementById('hostile').hasAttribute('data-chart-drawn') ? r(true) : ++n > 100 ? r(false) : setTimeout(f, 50); f(); })`) {
		t.Error("the chart was not drawn")
	}
	// Move the mouse across both, then click everything (the title link,
	// the toolbox).
	for y := 5.0; y < 600; y += 20 {
		for x := 5.0; x < 600; x += 40 {
			if _, err := chromedp.Run(ctx, chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, x, y)); err != nil {
				t.Fatal(err)
			}
		}
	}
	eval[bool](t, ctx, `(() => { document.querySelectorAll('#hostile svg *').forEach(el => el.dispatchEvent(new MouseEvent('click', {bubbles: true}))); return true; })()`)
	time.Sleep(300 * time.Millisecond) // let an image's onerror run, if one was made

	type state struct {
		Pwned          string `json:"pwned"`
		Images         int    `json:"images"`
		HeadingDrawn   bool   `json:"headingDrawn"`
		TooltipAsText  bool   `json:"tooltipAsText"`
		TooltipVisible bool   `json:"tooltipVisible"`
	}
	s := eval[state](t, ctx, `({
  pwned: String(window.pwned || ''),
  images: document.querySelectorAll('img').length,
  headingDrawn: !!document.querySelector('#our-results svg, #our-results canvas') || document.getElementById('our-results').hasAttribute('data-chart-drawn'),
  tooltipAsText: document.body.innerText.includes("<img src=x onerror=\"window.pwned='category'\">"),
  tooltipVisible: Array.from(document.querySelectorAll('#hostile div')).some(d => d.innerText.includes('second')),
})`)
	if s.Pwned != "" {
		t.Errorf("script ran: window.pwned = %q", s.Pwned)
	}
	if s.Images != 0 {
		t.Errorf("%d <img> elements were made from chart options", s.Images)
	}
	if s.HeadingDrawn {
		t.Error("the author's heading with data-chart-option was drawn as a chart")
	}
	if !s.TooltipVisible || !s.TooltipAsText {
		t.Errorf("the tooltip did not show the names as text (visible %v, as text %v): the test did not hover", s.TooltipVisible, s.TooltipAsText)
	}
}

// TestPublishedSiteWorksUnderItsPolicy builds the sample district as the
// Pages workflow does — base URL, minified, fingerprinted, with integrity
// attributes — and checks that its Content-Security-Policy blocks nothing
// the pages need: every chart draws, and the browser reports nothing.
func TestPublishedSiteWorksUnderItsPolicy(t *testing.T) {
	t.Parallel()
	dest := filepath.Join(t.TempDir(), "public")
	srv := httptest.NewServer(http.FileServer(http.Dir(dest)))
	t.Cleanup(srv.Close)
	if _, err := build.Build(build.Options{Source: sampleSite, Dest: dest, BaseURL: srv.URL + "/", Minify: true, Fingerprint: true}); err != nil {
		t.Fatal(err)
	}
	var problems pageProblems
	ctx := newTab(t, time.Minute, chromedp.WithListener(problems.listen))
	for _, page := range []string{homePage, schoolPage, narrativePage} {
		html, err := os.ReadFile(filepath.Join(dest, filepath.FromSlash(page), "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(html), `http-equiv="Content-Security-Policy"`) || !strings.Contains(string(html), "integrity=") {
			t.Fatalf("%s has no policy or no integrity attributes", page)
		}
		if !visit(t, ctx, srv.URL+page) {
			continue
		}
		counts := eval[[]int](t, ctx, `new Promise(r => { let n = 0; const f = () => {
  const all = document.querySelectorAll('.chart-canvas').length, drawn = document.querySelectorAll('.chart-canvas[data-chart-drawn]').length;
  if ((all > 0 && drawn === all) || ++n > 100) r([all, drawn]); else setTimeout(f, 50); }; f(); })`)
		if counts[0] == 0 || counts[0] != counts[1] {
			t.Errorf("%s: %d of %d charts drawn under the policy", page, counts[1], counts[0])
		}
		for _, p := range problems.take() {
			t.Errorf("%s: %s", page, p)
		}
	}
}
