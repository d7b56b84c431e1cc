package e2e_test

import (
	"context"
	"testing"
	"time"

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

// printState is what a reader of the board packet would see.
type printState struct {
	Tables int `json:"tables"`
	// Shown counts the chart data tables painted; Hidden names the charts
	// of (some of) the others, Clipped those whose table is cut off.
	Shown   int      `json:"shown"`
	Hidden  []string `json:"hidden"`
	Clipped []string `json:"clipped"`
	Closed  int      `json:"closed"`
	// Nav lists the navigation shown; Controls the table toggles and
	// download links shown.
	Nav      []string `json:"nav"`
	Controls int      `json:"controls"`
	Canvases int      `json:"canvases"`
	SVGs     int      `json:"svgs"`
}

const printStateJS = `(() => {
  // offsetHeight alone is not enough: in a closed details, Chromium lays
  // out the content when asked but does not paint it (content-visibility).
  const shown = el => el.offsetHeight > 0 && el.checkVisibility({visibilityProperty: true});
  const chartOf = el => el.closest('figure').querySelector('.chart-canvas').id;
  const tables = Array.from(document.querySelectorAll('figure.chart details.chart-data table'));
  const clipped = tables.filter(t => shown(t) && t.offsetWidth > t.parentElement.clientWidth + 1);
  return {
    tables: tables.length,
    shown: tables.filter(shown).length,
    hidden: tables.filter(t => !shown(t)).slice(0, 5).map(chartOf),
    clipped: clipped.slice(0, 5).map(t => chartOf(t) + ' (' + t.offsetWidth + ' px in ' + t.parentElement.clientWidth + ')'),
    closed: document.querySelectorAll('details.chart-data:not([open])').length,
    nav: Array.from(document.querySelectorAll('.site-header, .site-nav, .crumbs, .skip-link')).filter(shown).map(el => el.className),
    controls: Array.from(document.querySelectorAll('details.chart-data > summary, details.chart-data a[download]')).filter(shown).length,
    canvases: document.querySelectorAll('.chart-canvas').length,
    svgs: document.querySelectorAll('.chart-canvas svg').length,
  };
})()`

// TestPrint checks the board packet as printed: every chart's data table
// is shown whole, and the navigation and the on-screen controls are gone.
// It checks both ways the tables open: by CSS alone, as when a PDF is
// printed headless and no script runs, and by the theme's beforeprint
// handler, as in a browser's print dialog.
func TestPrint(t *testing.T) {
	t.Parallel()
	s := sampleDistrict(t)
	ctx := newTab(t, time.Minute)
	url := s.PageURL(boardPage)
	// A4 or Letter less the theme's 1.5 cm margins leaves about 180 mm,
	// 680 CSS pixels: what a printed table has to fit in.
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(680, 960)); err != nil {
		t.Fatal(err)
	}
	if !visit(t, ctx, url) {
		return
	}

	// On screen, the tables start closed and the navigation is there:
	// otherwise the checks below would prove nothing.
	screen := eval[printState](t, ctx, printStateJS)
	if screen.Tables == 0 || screen.Closed != screen.Tables || screen.Shown != 0 {
		t.Fatalf("%s on screen: %d chart tables, %d closed, %d shown; expected all closed", url, screen.Tables, screen.Closed, screen.Shown)
	}
	if len(screen.Nav) != 4 {
		t.Fatalf("%s on screen: navigation shown: %v; expected the header, its nav, the skip link and the breadcrumbs", url, screen.Nav)
	}

	check := func(t *testing.T, how string) {
		t.Helper()
		p := eval[printState](t, ctx, printStateJS)
		if p.Shown != p.Tables {
			t.Errorf("%s printed %s: %d of %d chart data tables are not shown, e.g. those of %v", url, how, p.Tables-p.Shown, p.Tables, p.Hidden)
		}
		if len(p.Clipped) > 0 {
			t.Errorf("%s printed %s: chart data tables cut off at the page's edge: %v", url, how, p.Clipped)
		}
		if len(p.Nav) > 0 {
			t.Errorf("%s printed %s: navigation still shown: %v", url, how, p.Nav)
		}
		if p.Controls > 0 {
			t.Errorf("%s printed %s: %d table toggles or download links shown, which paper cannot use", url, how, p.Controls)
		}
		if p.SVGs != p.Canvases {
			t.Errorf("%s printed %s: %d of %d charts have an SVG drawing", url, how, p.SVGs, p.Canvases)
		}
	}
	t.Run("css", func(t *testing.T) {
		if err := chromedp.Do(ctx, emulateMedia("print")); err != nil {
			t.Fatal(err)
		}
		check(t, "with CSS alone")
		if err := chromedp.Do(ctx, emulateMedia("")); err != nil {
			t.Fatal(err)
		}
		if again := eval[printState](t, ctx, printStateJS); again.Shown != 0 || len(again.Nav) != 4 {
			t.Errorf("%s back on screen: %d chart tables shown, navigation %v", url, again.Shown, again.Nav)
		}
	})
	t.Run("beforeprint", func(t *testing.T) {
		if err := chromedp.Do(ctx, emulateMedia("print")); err != nil {
			t.Fatal(err)
		}
		eval[bool](t, ctx, `window.dispatchEvent(new Event('beforeprint'))`)
		check(t, "after beforeprint")
		eval[bool](t, ctx, `window.dispatchEvent(new Event('afterprint'))`)
		if err := chromedp.Do(ctx, emulateMedia("")); err != nil {
			t.Fatal(err)
		}
		if again := eval[printState](t, ctx, printStateJS); again.Closed != again.Tables {
			t.Errorf("%s after printing: %d of %d chart tables left open", url, again.Tables-again.Closed, again.Tables)
		}
	})
}
