package e2e_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// pageProblems collects, from a tab's events, what a reader's browser
// would report as wrong with the page it shows: console errors, uncaught
// exceptions, requests that failed or answered 400 or more.
type pageProblems struct {
	mu       sync.Mutex
	requests map[network.RequestID]string
	list     []string
}

// listen is a chromedp listener: it runs in the tab's event loop, in the
// order events arrive, so everything a page did before a command's reply
// is recorded when the command returns.
func (p *pageProblems) listen(ev any) {
	p.mu.Lock()
	defer p.mu.Unlock()
	switch ev := ev.(type) {
	case *network.EventRequestWillBeSent:
		if p.requests == nil {
			p.requests = map[network.RequestID]string{}
		}
		p.requests[ev.RequestID] = ev.Request.URL
	case *network.EventLoadingFailed:
		if ev.Canceled {
			return // the page navigated away; nothing failed
		}
		p.add("request failed: %s: %s", p.requests[ev.RequestID], ev.ErrorText)
	case *network.EventResponseReceived:
		if ev.Response.Status >= 400 {
			p.add("HTTP %d: %s", ev.Response.Status, ev.Response.URL)
		}
	case *runtime.EventConsoleAPICalled:
		if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeAssert {
			var args []string
			for _, a := range ev.Args {
				var str string
				switch {
				case a.Type == runtime.RemoteObjectTypeString && json.Unmarshal(a.Value, &str) == nil:
					args = append(args, str)
				case a.Value != nil:
					args = append(args, string(a.Value))
				default:
					args = append(args, a.Description)
				}
			}
			p.add("console.%s: %s", ev.Type, strings.Join(args, " "))
		}
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		text := d.Text
		if d.Exception != nil && d.Exception.Description != "" {
			text += " " + d.Exception.Description
		}
		p.add("uncaught exception at %s:%d:%d: %s", d.URL, d.LineNumber+1, d.ColumnNumber+1, text)
	case *log.EventEntryAdded:
		if ev.Entry.Level == log.EntryLevelError {
			p.add("browser log (%s): %s %s", ev.Entry.Source, ev.Entry.Text, ev.Entry.URL)
		}
	}
}

func (p *pageProblems) add(format string, args ...any) {
	p.list = append(p.list, fmt.Sprintf(format, args...))
}

// take returns the problems recorded so far and forgets them.
func (p *pageProblems) take() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	l := p.list
	p.list = nil
	return l
}

// pageShards is how many tabs TestEveryPage spreads the site over, so that
// no tab needs more than testTimeout even on a busy machine.
const pageShards = 12

// TestEveryPage visits every page of the sample as the Pages workflow
// builds and serves it, on a phone (375 px), and fails for any console
// error, uncaught exception or failed request (a 404, a script blocked by
// its integrity digest or by the Content-Security-Policy); for any page
// that scrolls sideways or any chart narrower than the text column; and
// for any chart that is not drawn, as SVG, by ECharts, with a data table
// holding every number it draws: the table is the chart's text
// alternative, so a number drawn but missing from it is hidden from
// readers who cannot see the chart.
func TestEveryPage(t *testing.T) {
	t.Parallel()
	s := sampleDistrict(t)
	if len(s.Pages) < 100 {
		t.Fatalf("the sample site has %d pages; expected over 100", len(s.Pages))
	}
	var visited, charts atomic.Int64
	t.Cleanup(func() {
		if t.Failed() {
			return
		}
		if charts.Load() < 100 {
			t.Errorf("checked %d charts; the sample site has over 100", charts.Load())
		}
		t.Logf("%d pages visited, %d charts checked", visited.Load(), charts.Load())
	})
	for shard := range pageShards {
		t.Run(fmt.Sprintf("shard-%d", shard), func(t *testing.T) {
			t.Parallel()
			var problems pageProblems
			ctx := newTab(t, testTimeout, chromedp.WithListener(problems.listen))
			emulate(t, ctx, phone.Width, phone.Height, phone.Mobile)
			for i := shard; i < len(s.Pages); i += pageShards {
				page := s.Pages[i]
				url := s.PageURL(page)
				ok := visit(t, ctx, url)
				if ok {
					n := checkCharts(t, ctx, url, strings.Count(s.ReadPage(t, page), `class="chart-option"`))
					charts.Add(int64(n))
					checkNoSideScroll(t, ctx, url, phone.Width)
					if narrow := eval[[]string](t, ctx, narrowChartsJS); len(narrow) > 0 {
						t.Errorf("%s at %d px: charts narrower than the text column: %s", url, phone.Width, strings.Join(narrow, ", "))
					}
				}
				// The evaluations above were round trips to the page: every
				// event sent before them has been recorded.
				for _, p := range problems.take() {
					t.Errorf("%s: %s", url, p)
				}
				visited.Add(1)
			}
		})
	}
}

// checkCharts checks every chart of the page open in ctx, of which the HTML
// holds want, and returns how many it checked.
func checkCharts(t *testing.T, ctx context.Context, url string, want int) int {
	t.Helper()
	if want == 0 {
		eval[bool](t, ctx, "true")
		return 0
	}
	charts := eval[[]drawnChart](t, ctx, chartsJS)
	if len(charts) != want {
		t.Errorf("%s: %d chart containers in the browser, %d in the HTML", url, len(charts), want)
	}
	for _, c := range charts {
		for _, p := range checkChart(c) {
			t.Errorf("%s#%s: %s", url, c.ID, p)
		}
	}
	return len(charts)
}

// TestBlockedScriptIsCaught proves that TestEveryPage would see the fault
// issue 12 found: a chart script whose bytes no longer match its integrity
// digest. The home page is loaded with one byte added to the chart loader
// on its way to the browser; the page must report the block and leave its
// charts undrawn.
func TestBlockedScriptIsCaught(t *testing.T) {
	t.Parallel()
	s := sampleDistrict(t)
	var problems pageProblems
	var tabCtx context.Context
	listen := func(ev any) {
		if ev, ok := ev.(*fetch.EventRequestPaused); ok {
			go func() {
				_ = chromedp.Do(tabCtx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
					_, err := cdp.Call(ctx, tg, fetch.FulfillRequest, fetch.FulfillRequestParams{RequestID: ev.RequestID, ResponseCode: 200,
						ResponseHeaders: []*fetch.HeaderEntry{{Name: "Content-Type", Value: "text/javascript"}},
						Body:            tamperedLoader(t, s, ev.Request.URL)})
					return err
				}))
			}()
			return
		}
		problems.listen(ev)
	}
	tabCtx = newTab(t, testTimeout, chromedp.WithListener(listen))
	err := chromedp.Do(tabCtx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, fetch.Enable, fetch.EnableParams{Patterns: []*fetch.RequestPattern{{URLPattern: "*/js/folio-charts.*"}}})
		return err
	}))
	if err != nil {
		t.Fatal(err)
	}
	url := s.PageURL(homePage)
	if !visit(t, tabCtx, url) {
		return
	}
	drawn := eval[int](t, tabCtx, `document.querySelectorAll('[data-chart-drawn]').length`)
	got := strings.Join(problems.take(), "\n")
	if !strings.Contains(got, "integrity") && !strings.Contains(got, "digest") {
		t.Errorf("%s with a tampered chart script: no problem about its integrity was recorded; got:\n%s", url, got)
	}
	if drawn != 0 {
		t.Errorf("%s with a tampered chart script: %d charts drawn; the browser should have blocked the script", url, drawn)
	}
}

// tamperedLoader returns the published chart loader that rawURL names,
// with a newline added.
func tamperedLoader(t *testing.T, s *site, rawURL string) []byte {
	i := strings.Index(rawURL, "/js/")
	if i < 0 {
		t.Errorf("intercepted %s, not a script", rawURL)
		return nil
	}
	data, err := os.ReadFile(filepath.Join(s.Dir, filepath.FromSlash(rawURL[i+1:])))
	if err != nil {
		t.Error(err)
	}
	return append(data, '\n')
}

// TestRelativeBuildFromDisk opens the sample built without a base URL
// (`folio build`'s default) straight from disk, as the README promises it
// works: every chart draws and nothing fails to load.
func TestRelativeBuildFromDisk(t *testing.T) {
	t.Parallel()
	s := relativeDistrict(t)
	for _, p := range readerPages {
		t.Run(p.Name, func(t *testing.T) {
			t.Parallel()
			var problems pageProblems
			ctx := newTab(t, testTimeout, chromedp.WithListener(problems.listen))
			url := s.PageURL(p.Path)
			if !visit(t, ctx, url) {
				return
			}
			checkCharts(t, ctx, url, strings.Count(s.ReadPage(t, p.Path), `class="chart-option"`))
			for _, problem := range problems.take() {
				t.Errorf("%s: %s", url, problem)
			}
		})
	}
}

// TestLargeDistrictComparePages loads, as a phone does, the pages of a
// district of more than site.BoardSchools schools built as the Pages
// workflow builds it: the home page, which links the comparisons of
// every school instead of drawing them, each page of comparisons, and the
// board packet. Every chart is drawn with a data table holding its
// numbers, nothing fails to load, nothing scrolls sideways, and the home
// page loads no chart script at all.
func TestLargeDistrictComparePages(t *testing.T) {
	t.Parallel()
	s := largeDistrict(t)
	var problems pageProblems
	ctx := newTab(t, testTimeout, chromedp.WithListener(problems.listen))
	emulate(t, ctx, phone.Width, phone.Height, phone.Mobile)
	pages := []string{"index.html", "compare/installation/index.html", "compare/trust/index.html", "compare/achievement/index.html", "board/index.html"}
	charts := 0
	for _, page := range pages {
		url := s.PageURL(page)
		html := s.ReadPage(t, page)
		if page == "index.html" {
			if strings.Contains(html, `<script src="/region/js/vendor/echarts/`) || strings.Count(html, `href="/region/compare/`) != 3 {
				t.Errorf("%s: the home page loads a chart script, or does not link the 3 pages of comparisons", url)
			}
		}
		if !visit(t, ctx, url) {
			continue
		}
		n := checkCharts(t, ctx, url, strings.Count(html, `class="chart-option"`))
		if page != "index.html" && page != "board/index.html" && n == 0 {
			t.Errorf("%s: no chart", url)
		}
		charts += n
		checkNoSideScroll(t, ctx, url, phone.Width)
		for _, p := range problems.take() {
			t.Errorf("%s: %s", url, p)
		}
	}
	t.Logf("%d pages, %d charts checked", len(pages), charts)
}
