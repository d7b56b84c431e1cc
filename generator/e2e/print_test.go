package e2e_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// emulateMedia makes CSS see the given media type ("" for the screen
// again). Unlike printing, it fires no beforeprint event, so what it shows
// comes from CSS alone.
func emulateMedia(media string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: media})
		return err
	})
}

// disableScript turns JavaScript off in the tab, as a reader may have.
func disableScript() chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		return err
	})
}

// Letter paper less the theme's margins, in CSS pixels (96 per inch):
// portrait pages have 1.5 cm margins, landscape ones 1.2 cm (see @page in
// folio.css).
const (
	letterPortraitWidth  = 703 // 8.5 × 96 − 2 × 1.5 / 2.54 × 96
	letterLandscapeWidth = 966 // 11 × 96 − 2 × 1.2 / 2.54 × 96
)

// printState is what a reader of the board packet would see.
type printState struct {
	Tables int `json:"tables"`
	// Shown counts the chart data tables painted; Hidden names the charts
	// of (some of) the others.
	Shown  int      `json:"shown"`
	Hidden []string `json:"hidden"`
	Closed int      `json:"closed"`
	// Nav lists the navigation shown; Controls the table toggles, download
	// links and other on-screen controls shown.
	Nav      []string `json:"nav"`
	Controls []string `json:"controls"`
	Canvases int      `json:"canvases"`
	SVGs     int      `json:"svgs"`
	// NoSummary names the charts shown without their summary.
	NoSummary []string `json:"noSummary"`
}

const printStateJS = `(() => {
  // offsetHeight alone is not enough: in a closed details, Chromium lays
  // out the content when asked but does not paint it (content-visibility).
  const shown = el => el.offsetHeight > 0 && el.checkVisibility({visibilityProperty: true});
  const chartOf = el => el.closest('figure').querySelector('.chart-canvas').id;
  const tables = Array.from(document.querySelectorAll('figure.chart details.chart-data table'));
  const controls = Array.from(document.querySelectorAll('summary, a[download], button, .screen-only a, .skip-link'))
    .filter(shown).map(el => el.tagName.toLowerCase() + ' "' + el.textContent.trim().slice(0, 40) + '"');
  return {
    tables: tables.length,
    shown: tables.filter(shown).length,
    hidden: tables.filter(t => !shown(t)).slice(0, 5).map(chartOf),
    closed: document.querySelectorAll('details.chart-data:not([open])').length,
    nav: Array.from(document.querySelectorAll('.site-header, .site-nav, .crumbs, .skip-link')).filter(shown).map(el => el.className),
    controls: controls.slice(0, 8),
    canvases: document.querySelectorAll('.chart-canvas').length,
    svgs: document.querySelectorAll('.chart-canvas svg').length,
    noSummary: Array.from(document.querySelectorAll('figure.chart')).filter(f => shown(f) && !shown(f.querySelector('.chart-summary')))
      .slice(0, 5).map(f => f.querySelector('.chart-canvas').id),
  };
})()`

// TestPrint checks the board packet as printed: every chart shows with its
// summary and its whole data table, and the navigation and every
// on-screen control are gone. It checks both ways the tables open: by CSS
// alone, and by the theme's beforeprint handler, as in a browser's print
// dialog.
func TestPrint(t *testing.T) {
	t.Parallel()
	s := sampleDistrict(t)
	url := s.PageURL(boardPage)
	// open loads the packet in a tab of its own, so each way of printing
	// has the whole minute, and checks the screen first: tables closed,
	// navigation there; otherwise the checks would prove nothing.
	open := func(t *testing.T) context.Context {
		ctx := newTab(t, testTimeout)
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(letterPortraitWidth, 960)); err != nil {
			t.Fatal(err)
		}
		if !visit(t, ctx, url) {
			t.FailNow()
		}
		screen := eval[printState](t, ctx, printStateJS)
		if screen.Tables == 0 || screen.Closed != screen.Tables || screen.Shown != 0 {
			t.Fatalf("%s on screen: %d chart tables, %d closed, %d shown; expected all closed", url, screen.Tables, screen.Closed, screen.Shown)
		}
		if len(screen.Nav) != 4 || len(screen.Controls) == 0 {
			t.Fatalf("%s on screen: navigation shown: %v, controls %v; expected the header, its nav, the skip link, the breadcrumbs and table toggles", url, screen.Nav, screen.Controls)
		}
		return ctx
	}
	check := func(t *testing.T, ctx context.Context, how string) {
		t.Helper()
		p := eval[printState](t, ctx, printStateJS)
		if p.Shown != p.Tables {
			t.Errorf("%s printed %s: %d of %d chart data tables are not shown, e.g. those of %v", url, how, p.Tables-p.Shown, p.Tables, p.Hidden)
		}
		if len(p.Nav) > 0 {
			t.Errorf("%s printed %s: navigation still shown: %v", url, how, p.Nav)
		}
		if len(p.Controls) > 0 {
			t.Errorf("%s printed %s: controls that paper cannot use are shown: %v", url, how, p.Controls)
		}
		if p.SVGs != p.Canvases {
			t.Errorf("%s printed %s: %d of %d charts have an SVG drawing", url, how, p.SVGs, p.Canvases)
		}
		if len(p.NoSummary) > 0 {
			t.Errorf("%s printed %s: charts without their summary: %v", url, how, p.NoSummary)
		}
	}
	t.Run("css", func(t *testing.T) {
		t.Parallel()
		ctx := open(t)
		if err := chromedp.Do(ctx, emulateMedia("print")); err != nil {
			t.Fatal(err)
		}
		check(t, ctx, "with CSS alone")
		if err := chromedp.Do(ctx, emulateMedia("")); err != nil {
			t.Fatal(err)
		}
		if again := eval[printState](t, ctx, printStateJS); again.Shown != 0 || len(again.Nav) != 4 {
			t.Errorf("%s back on screen: %d chart tables shown, navigation %v", url, again.Shown, again.Nav)
		}
	})
	t.Run("beforeprint", func(t *testing.T) {
		t.Parallel()
		ctx := open(t)
		if err := chromedp.Do(ctx, emulateMedia("print")); err != nil {
			t.Fatal(err)
		}
		eval[bool](t, ctx, `window.dispatchEvent(new Event('beforeprint'))`)
		check(t, ctx, "after beforeprint")
		eval[bool](t, ctx, `window.dispatchEvent(new Event('afterprint'))`)
		if err := chromedp.Do(ctx, emulateMedia("")); err != nil {
			t.Fatal(err)
		}
		if again := eval[printState](t, ctx, printStateJS); again.Closed != again.Tables {
			t.Errorf("%s after printing: %d of %d chart tables left open", url, again.Tables-again.Closed, again.Tables)
		}
	})
}

// TestWithoutJavaScript loads the pages with charts with JavaScript off:
// no chart can be drawn, so each chart's data table must be shown in its
// place, and no empty drawing box may remain.
func TestWithoutJavaScript(t *testing.T) {
	t.Parallel()
	s := sampleDistrict(t)
	ctx := newTab(t, testTimeout)
	if err := chromedp.Do(ctx, disableScript()); err != nil {
		t.Fatal(err)
	}
	for _, p := range readerPages {
		url := s.PageURL(p.Path)
		if !visit(t, ctx, url) {
			continue
		}
		got := eval[struct {
			Charts int      `json:"charts"`
			Tables int      `json:"tables"`
			Empty  []string `json:"empty"`
			Script bool     `json:"script"`
		}](t, ctx, `(() => {
  const shown = el => el.offsetHeight > 0 && el.checkVisibility({visibilityProperty: true});
  const figs = Array.from(document.querySelectorAll('figure.chart'));
  return {
    charts: figs.length,
    tables: figs.filter(f => shown(f.querySelector('details.chart-data table'))).length,
    empty: figs.filter(f => shown(f.querySelector('.chart-canvas'))).slice(0, 5).map(f => f.querySelector('.chart-canvas').id),
    script: !!document.querySelector('[data-chart-drawn]'),
  };
})()`)
		if got.Script {
			t.Fatalf("%s: a chart was drawn; JavaScript was meant to be off", url)
		}
		if got.Tables != got.Charts {
			t.Errorf("%s without JavaScript: %d of %d chart data tables shown", url, got.Tables, got.Charts)
		}
		if len(got.Empty) > 0 {
			t.Errorf("%s without JavaScript: empty chart boxes shown: %v", url, got.Empty)
		}
		if p.Path != frameworkPage && got.Charts == 0 {
			t.Errorf("%s: no chart; the page was expected to have some", url)
		}
		t.Logf("%s without JavaScript: %s", url, fmt.Sprintf("%d charts, %d tables shown", got.Charts, got.Tables))
	}
}
