package e2e_test

// A site written by an attacker, built by folio and read in a browser.

import (
	"cmp"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/folio-sites/folio/generator/build"
)

// inj is markup that must stay text wherever an author writes it: an
// image whose error handler opens a dialog, marked with a class the test
// looks for, so that it is found even where a Content-Security-Policy
// would stop its handler.
func inj(where string) string {
	return `<img src=x class=folio-injected onerror="alert('` + where + `')">`
}

// yq quotes s as a YAML double-quoted scalar.
func yq(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

// csvq quotes s as a CSV field.
func csvq(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// breakout closes the element or attribute a value might be written into
// and opens a script.
func breakout(where string) string {
	return `"'></title></script></textarea><script>alert('` + where + `')</script>` + inj(where+" markup")
}

// hostileSite is every payload of issue 11's "Why" that a site can hold
// and folio must publish as text: the heading whose data-chart-option and
// style attributes drew an author's chart with an HTML tooltip over the
// whole page; raw HTML; javascript: and data: links in every markdown
// form; </script> in titles, names and labels; hostile CSV cells and YAML
// labels (a school's name, a subgroup's, a facet's, a group's, an
// installation note) on every chart kind that shows them; and the hostile
// strings of package build's evidence test site. (The payloads folio must
// refuse — links under content/, base URLs with credentials, javascript:
// evidence, nesting past the limit — are tested where they are refused.)
func hostileSite() map[string]string {
	heading := `## Our results {data-chart-option="{\"series\":[{\"type\":\"bar\",\"data\":[1]}],\"xAxis\":{\"type\":\"category\",\"data\":[\"a\"]},\"yAxis\":{},\"tooltip\":{\"show\":true,\"alwaysShowContent\":true,\"formatter\":\"<img src=x onerror=alert(document.domain)>\"}}" style="height:400vh;margin-top:-200vh;opacity:0;z-index:99999"}`
	body := func(where string) string {
		return heading + `

Some text ` + inj(where+" inline html") + `.

<script>alert('` + where + ` raw script')</script>

<iframe src="javascript:alert('` + where + ` iframe')"></iframe>

<div onmouseover="alert('` + where + ` raw block')" class="folio-injected" style="position:fixed;inset:0">cover</div>

[a link](javascript:alert('` + where + ` link')), [an entity link](javascript&colon;alert('` + where + ` entity')),
[a tab link](java	script:alert('` + where + ` tab')), <javascript:alert('` + where + ` autolink')>,
[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgnZGF0YScpPC9zY3JpcHQ+),
![an image](javascript:alert('` + where + ` image')), [a reference][r] and a footnote[^1].

[r]: javascript:alert('` + where + ` reference')

[^1]: ` + inj(where+" footnote") + `

| cell | code |
|---|---|
| ` + inj(where+" table") + ` | ` + "`</script><script>alert('" + where + " code')</script>`" + ` |

### Heading {onclick="alert('` + where + ` heading onclick')" #h3 .x style="position:fixed" data-x=1}

`
	}
	chart := func(params string) string { return "```chart\n" + params + "\n```\n\n" }
	label := func(where string) string { return yq("Label " + breakout(where)) }
	return map[string]string{
		"folio.yaml": "title: " + yq("Hostile "+breakout("site title")) + "\n",
		"content/_index.md": "---\ntitle: " + yq("Home "+breakout("home title")) +
			"\ndistrict: " + yq("District "+breakout("district")) +
			"\nsummary: " + yq("Summary "+breakout("summary")) + "\n---\n" +
			body("home"),
		"content/district/plan.md": "---\ntitle: " + yq("Plan "+breakout("district narrative")) + "\n---\n" +
			body("district narrative") + chart("kind: installation") +
			chart("kind: installation-heatmap") + chart("kind: trust-schools") + chart("kind: achievement-schools\nsubject: math"),
		// The school's name of package build's evidence site, and more.
		"content/schools/oak/_index.md": "---\nname: " + yq(`Oak </script><script>alert(1)</script> "School" `+inj("school name")) +
			"\nlevel: elementary\nprincipal: " + yq("Principal "+breakout("principal")) +
			"\nsummary: " + yq("Summary "+breakout("school summary")) + "\n---\n" + body("school profile"),
		"content/schools/oak/story.md": "---\ntitle: " + yq("Story "+breakout("narrative title")) +
			"\ndate: 2025-10-01\nstandards: [ISSL 1a]\npractices: [partnership-1]\n---\n" +
			body("narrative") +
			chart("kind: installation") + chart("kind: installation-trend") +
			chart("kind: trust\nfacet: benevolence") + chart("kind: trust\ngroup: teachers") + chart("kind: trust-trend\nfacet: benevolence") +
			chart("kind: achievement\nsubject: math") + chart("kind: achievement-gains\nsubject: math"),
		"content/schools/pine/_index.md": "---\nname: Pine School\nlevel: middle\n---\n",
		"data/standards.yaml": "catalogs:\n  - id: ISSL\n    name: " + label("catalog") + "\n    version: \"2008\"\n    standards:\n" +
			"      - code: \"1\"\n        title: " + label("standard") + "\n        criteria:\n          - {code: 1a, text: " + label("criterion") + "}\n",
		"data/framework.yaml": "name: " + label("framework") + "\ncomponents:\n  - id: partnership\n    title: " + label("component") +
			"\n    practices:\n      - id: partnership-1\n        text: " + label("practice") +
			"\n        indicators:\n          - {id: partnership-1a, text: " + label("indicator") + ", target: 4, unit: " + label("unit") + "}\n          - {id: partnership-1b, text: Agendas kept}\n",
		"data/installation.csv": "school,indicator,date,status,value,evidence,note\n" +
			"oak,partnership-1a,2024-05-01,,2,," + csvq("Note "+breakout("installation note")) + "\n" +
			"oak,partnership-1a,2025-05-01,,4," + csvq(`https://example.org/a.pdf"onmouseover="alert('evidence link')`) + "," + csvq(inj("note 2")) + "\n" +
			"oak,partnership-1b,2025-05-01,sustained,,https://example.org/b.pdf,Agendas filed weekly\n" +
			"pine,partnership-1a,2025-05-01,partial,,," + csvq(inj("pine note")) + "\n" +
			"district,partnership-1a,2025-05-01,partial,,," + csvq(inj("district note")) + "\n",
		// The facet label of package build's evidence site, and more.
		"data/trust.yaml": "scale: {min: 1, max: 6, labels: [" + label("scale low") + ", b, c, d, e, " + label("scale high") + "]}\nmin_respondents: 5\nfacets:\n" +
			"  - {id: benevolence, label: \"Benevolence </script><b>x</b> " + strings.ReplaceAll(inj("facet"), `"`, `\"`) + "\", description: " + label("facet description") + "}\n" +
			"groups:\n  - {id: teachers, label: " + label("group") + "}\n  - {id: parents, label: Parents}\n",
		"data/trust.csv": "school,year,group,facet,mean,respondents,invited\n" +
			"oak,2023-24,teachers,benevolence,4.44,30,37\noak,2024-25,teachers,benevolence,4.81,22,25\n" +
			"oak,2023-24,parents,benevolence,4.1,40,90\noak,2024-25,parents,benevolence,4.3,44,90\n" +
			"pine,2024-25,teachers,benevolence,4.2,20,25\n",
		"data/achievement.yaml": "min_n: 10\nsubjects:\n  - {id: math, label: " + label("subject") + "}\n" +
			"subgroups:\n  - {id: all, label: All students}\n  - {id: black, label: " + yq(inj("subgroup")) + "}\n  - {id: ell, label: " + label("subgroup 2") + "}\n",
		"data/achievement.csv": "school,year,subject,subgroup,tested,proficient_pct\n" +
			"oak,2023-24,math,all,800,50.1\noak,2024-25,math,all,800,55.1\noak,2023-24,math,black,100,41.0\noak,2024-25,math,black,100,46.0\n" +
			"oak,2023-24,math,ell,60,30.0\noak,2024-25,math,ell,60,35.5\n" +
			"pine,2023-24,math,all,300,61.0\npine,2024-25,math,all,300,62.5\n",
	}
}

// hostileCheck lists, in the page, what an author's markup became: an
// element or attribute that runs script, embeds a document, or was marked
// as injected; an author's style or data-* attribute on a heading; a
// javascript:, vbscript: or data: link. Folio's own scripts are the
// theme's files under js/ and its JSON data blocks.
const hostileCheck = `(() => {
  const out = [];
  const show = el => el.outerHTML.slice(0, 160);
  const urlAttrs = ['href', 'src', 'action', 'formaction', 'xlink:href', 'poster', 'data', 'srcdoc'];
  for (const el of document.querySelectorAll('*')) {
    const tag = el.tagName.toLowerCase();
    for (const a of el.attributes) {
      const name = a.name.toLowerCase();
      if (name.startsWith('on')) out.push('event handler attribute: ' + show(el));
      if (urlAttrs.includes(name) && /^(javascript|vbscript|data):/i.test(a.value.replace(/[\t\n\r]/g, '').trim())) out.push('active URL: ' + show(el));
      if (/^h[1-6]$/.test(tag) && (name === 'style' || name.startsWith('data-'))) out.push('author attribute on a heading: ' + show(el));
    }
    if (tag === 'script') {
      const src = el.getAttribute('src');
      const own = (src && /(^|\/)js\/[^:]*\.js$/.test(src) && !el.textContent.trim()) || el.type === 'application/json';
      if (!own) out.push('script: ' + show(el));
    }
    if (['iframe', 'frame', 'object', 'embed', 'base', 'form', 'applet', 'portal'].includes(tag)) out.push('embedding element: ' + show(el));
    if (tag === 'meta' && /refresh/i.test(el.getAttribute('http-equiv') || '')) out.push('meta refresh: ' + show(el));
    if (el.classList.contains('folio-injected') || (tag === 'img' && el.getAttribute('src') === 'x')) out.push('injected element: ' + show(el));
    if (/^h[1-6]$/.test(tag) && el.querySelector('svg, canvas')) out.push('a heading drawn as a chart: ' + show(el));
  }
  if (window.pwned) out.push('window.pwned = ' + window.pwned);
  return out;
})()`

// chartCount waits until every chart of the page is drawn (or failed)
// and returns how many there are and how many were drawn.
const chartCount = `new Promise(r => { let n = 0; const f = () => {
  const all = document.querySelectorAll('.chart-canvas').length, done = document.querySelectorAll('.chart-canvas[data-chart-drawn], .chart-canvas[data-chart-error]').length;
  if (done === all || ++n > 100) r([all, document.querySelectorAll('.chart-canvas[data-chart-drawn]').length]); else setTimeout(f, 50); }; f(); })`

// chartBox scrolls chart i into view and returns its box in the viewport.
const chartBox = `(i => { const el = document.querySelectorAll('.chart-canvas')[i]; el.scrollIntoView({block: 'center'});
  const b = el.getBoundingClientRect(); return [b.left, b.top, b.width, b.height]; })`

// chartSweep dispatches mouse movements every 20 pixels over chart i.
const chartSweep = `(i => { const el = document.querySelectorAll('.chart-canvas')[i]; const b = el.getBoundingClientRect();
  for (let y = b.top + 2; y < b.bottom; y += 20) for (let x = b.left + 2; x < b.right; x += 20) {
    const target = document.elementFromPoint(x, y) || el;
    target.dispatchEvent(new MouseEvent('mousemove', {bubbles: true, clientX: x, clientY: y, view: window}));
  }
  return true; })`

// TestHostileSiteRunsNoScript builds a site carrying every payload of
// issue 11 as folio build does, loads each page in Chromium, moves the
// mouse over it, and fails for any JavaScript dialog and any element or
// attribute the author's text became. Built without a base URL (no
// Content-Security-Policy to stop a handler), the mouse also sweeps
// across every chart, so that every tooltip is drawn; built under a base
// URL, as published, the pages are checked with their policy on. Each
// page is a test of its own, in a tab of its own, with the minute every
// browser test has (issue 12): the whole site took four minutes in one tab
// on a busy machine.
func TestHostileSiteRunsNoScript(t *testing.T) {
	t.Parallel()
	src := t.TempDir()
	for name, data := range hostileSite() {
		p := filepath.Join(src, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, published := range []bool{false, true} {
		name := map[bool]string{false: "served without a base URL", true: "published under a base URL"}[published]
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			dest := filepath.Join(t.TempDir(), "public")
			srv := httptest.NewServer(http.FileServer(http.Dir(dest)))
			t.Cleanup(srv.Close) // after the pages' tests, which run in parallel
			opts := build.Options{Source: src, Dest: dest, Minify: true, Fingerprint: true}
			if published {
				opts.BaseURL = srv.URL + "/"
			}
			res, err := build.Build(opts)
			if err != nil {
				t.Fatalf("the hostile site does not build: %v", err)
			}
			if res.Charts < 10 {
				t.Fatalf("the hostile site has %d charts; every kind should be there", res.Charts)
			}
			var pages []string
			filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
				if err == nil && strings.HasSuffix(p, ".html") {
					rel, _ := filepath.Rel(dest, p)
					pages = append(pages, "/"+strings.TrimSuffix(filepath.ToSlash(rel), "index.html"))
				}
				return err
			})
			slices.Sort(pages)
			if len(pages) < 10 {
				t.Fatalf("the hostile site has %d pages; it has more", len(pages))
			}
			for _, p := range pages {
				name := cmp.Or(strings.Trim(p, "/"), "home")
				charts := 0
				if !published {
					html, err := os.ReadFile(filepath.Join(dest, filepath.FromSlash(strings.TrimPrefix(p, "/")), map[bool]string{true: "index.html"}[strings.HasSuffix(p, "/")]))
					if err != nil {
						t.Fatal(err)
					}
					charts = strings.Count(string(html), "chart-canvas")
				}
				if charts == 0 {
					t.Run(name, func(t *testing.T) {
						t.Parallel()
						checkHostilePage(t, srv.URL, p, 0, -1)
					})
					continue
				}
				// Sweeping a chart takes seconds: the page's charts are
				// swept a few to a tab, each tab checking the page too.
				for first := 0; first < charts; first += chartsPerTab {
					last := min(first+chartsPerTab, charts) - 1
					t.Run(fmt.Sprintf("%s/charts-%d-%d", name, first, last), func(t *testing.T) {
						t.Parallel()
						checkHostilePage(t, srv.URL, p, first, last)
					})
				}
			}
		})
	}
}

// chartsPerTab is how many charts one tab sweeps: a chart takes one to
// three seconds, several times that on a busy machine.
const chartsPerTab = 4

// checkHostilePage visits a page in a tab of its own, moves the mouse
// over its first screen and across its charts first to last (none when
// last < first), and reports dialogs and injected markup.
func checkHostilePage(t *testing.T, root, p string, first, last int) {
	t.Helper()
	var mu sync.Mutex
	var dialogs []string
	opened := make(chan struct{}, 100)
	ctx := newTab(t, testTimeout, chromedp.WithListener(func(ev any) {
		if d, ok := ev.(*page.EventJavascriptDialogOpening); ok {
			mu.Lock()
			dialogs = append(dialogs, fmt.Sprintf("%s %q", d.Type, d.Message))
			mu.Unlock()
			select {
			case opened <- struct{}{}:
			default:
			}
		}
	}))
	go func() { // a dialog blocks the page until it is closed
		for {
			select {
			case <-opened:
				chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
			case <-ctx.Done():
				return
			}
		}
	}()
	start := time.Now()
	if !visit(t, ctx, root+p) {
		return
	}
	n := eval[[]int](t, ctx, chartCount)
	if n[0] != n[1] {
		t.Errorf("%s: %d of %d charts drawn", p, n[1], n[0])
	}
	if last >= n[0] {
		t.Fatalf("%s: no chart %d; the page has %d", p, last, n[0])
	}
	for i := first; i <= last; i++ {
		// Real mouse movements along a line across the chart, then
		// synthetic ones every 20 pixels over all of it (ECharts reads
		// both the same way; the real ones are slow to send).
		b := eval[[]float64](t, ctx, chartBox+fmt.Sprintf("(%d)", i))
		var moves []chromedp.Action[chromedp.Void]
		for x := b[0] + 5; x < b[0]+b[2]; x += 40 {
			moves = append(moves, chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, x, b[1]+0.6*b[3]))
		}
		if err := chromedp.Do(ctx, moves...); err != nil {
			t.Fatalf("%s: moving the mouse: %v", p, err)
		}
		eval[bool](t, ctx, chartSweep+fmt.Sprintf("(%d)", i))
	}
	// Over the page, where a heading's style could have laid a cover.
	eval[bool](t, ctx, `(window.scrollTo(0, 0), true)`)
	var moves []chromedp.Action[chromedp.Void]
	for y := 10.0; y < 800; y += 100 {
		for x := 10.0; x < 1280; x += 160 {
			moves = append(moves, chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, x, y))
		}
	}
	if err := chromedp.Do(ctx, moves...); err != nil {
		t.Fatalf("%s: moving the mouse: %v", p, err)
	}
	time.Sleep(200 * time.Millisecond) // an image's error handler runs after its load fails
	for _, found := range eval[[]string](t, ctx, hostileCheck) {
		t.Errorf("%s: %s", p, found)
	}
	t.Logf("%s: %d charts (swept: %d to %d) in %s", p, n[0], first, last, time.Since(start).Round(time.Millisecond))
	mu.Lock()
	defer mu.Unlock()
	for _, d := range dialogs {
		t.Errorf("%s: a JavaScript dialog opened: %s", p, d)
	}
}
