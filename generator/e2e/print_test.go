package e2e_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
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
	ctx := newTab(t, testTimeout)
	url := s.PageURL(boardPage)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(letterPortraitWidth, 960)); err != nil {
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
	if len(screen.Nav) != 4 || len(screen.Controls) == 0 {
		t.Fatalf("%s on screen: navigation shown: %v, controls %v; expected the header, its nav, the skip link, the breadcrumbs and table toggles", url, screen.Nav, screen.Controls)
	}

	check := func(t *testing.T, how string) {
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

// paperJS lists, in the sections printed on the given paper ("portrait" or
// "landscape", by each section's named page), the table words split over
// two lines ("Part iall y in pla ce") and the tables wider than the page.
const paperJS = `((which) => {
  const onPaper = el => {
    const section = el.closest('section');
    const wide = !!section && getComputedStyle(section).page === 'wide';
    return (which === 'landscape') === wide && el.checkVisibility({visibilityProperty: true});
  };
  const broken = [];
  for (const cell of document.querySelectorAll('table th, table td')) {
    if (!onPaper(cell)) continue;
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      // A word may break after its hyphen ("2023-" / "24") or a slash,
      // never inside a run of letters.
      for (const m of n.data.matchAll(/[^\s\-\u2010-\u2014\/]+[\-\u2010-\u2014\/]?/g)) {
        const r = document.createRange();
        r.setStart(n, m.index);
        r.setEnd(n, m.index + m[0].length);
        const lines = new Set(Array.from(r.getClientRects()).filter(x => x.width > 0).map(x => Math.round(x.top)));
        if (lines.size > 1) broken.push('"' + m[0] + '" in "' + cell.textContent.trim().slice(0, 40) + '"');
      }
    }
  }
  const main = document.querySelector('main').getBoundingClientRect();
  const wide = Array.from(document.querySelectorAll('table')).filter(onPaper)
    .filter(t => t.getBoundingClientRect().right > main.right + 1)
    .map(t => (t.caption ? t.caption.textContent.trim().slice(0, 50) : 'a table') + ' (' + Math.round(t.getBoundingClientRect().width) + ' px)');
  return {broken: broken.slice(0, 10), wide: wide.slice(0, 5)};
})`

// TestPrintedTablesKeepWords lays the board packet out as on Letter
// paper, portrait and then landscape, and fails for any table word split
// over two lines and any table wider than the page.
func TestPrintedTablesKeepWords(t *testing.T) {
	t.Parallel()
	s := sampleDistrict(t)
	ctx := newTab(t, testTimeout)
	url := s.PageURL(boardPage)
	for _, paper := range []struct {
		Name  string
		Width int64
	}{{"portrait", letterPortraitWidth}, {"landscape", letterLandscapeWidth}} {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(paper.Width, 1000)); err != nil {
			t.Fatal(err)
		}
		if !visit(t, ctx, url) {
			return
		}
		if err := chromedp.Do(ctx, emulateMedia("print")); err != nil {
			t.Fatal(err)
		}
		got := eval[struct {
			Broken []string `json:"broken"`
			Wide   []string `json:"wide"`
		}](t, ctx, paperJS+`('`+paper.Name+`')`)
		if len(got.Broken) > 0 {
			t.Errorf("%s on %s Letter: table words split over two lines: %s", url, paper.Name, strings.Join(got.Broken, "; "))
		}
		if len(got.Wide) > 0 {
			t.Errorf("%s on %s Letter: tables wider than the page: %s", url, paper.Name, strings.Join(got.Wide, "; "))
		}
	}
}

// maxBoardPages is the board packet's page budget on Letter paper: two
// pages per school and four for the district (cover, contents, district
// overview, central office).
func maxBoardPages(schools int) int { return 2*schools + 4 }

// pdfPage matches a page object of a PDF (and not the /Pages tree).
var pdfPage = regexp.MustCompile(`/Type\s*/Page[^s]`)

// TestBoardPacketPDF prints the board packet as Chromium prints it to PDF
// on Letter paper, with the page's own margins, and checks its length:
// a board reads it on paper. The PDF is kept with the screenshots.
func TestBoardPacketPDF(t *testing.T) {
	t.Parallel()
	s := sampleDistrict(t)
	ctx := newTab(t, testTimeout)
	url := s.PageURL(boardPage)
	if !visit(t, ctx, url) {
		return
	}
	pdf, err := chromedp.Run(ctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperLetter), chromedp.PDFPreferCSSPageSize()))
	if err != nil {
		t.Fatalf("%s: printing to PDF: %v", url, err)
	}
	name := filepath.Join(artifactsDir(t), "board-packet.pdf")
	if err := os.WriteFile(name, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	pages := len(pdfPage.FindAll(pdf, -1))
	schools := strings.Count(s.ReadPage(t, boardPage), `class="board-section board-school"`)
	if schools != 7 {
		t.Fatalf("%s: %d school sections; the sample has 7 schools", url, schools)
	}
	if pages == 0 || !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Fatalf("%s: no page in the PDF (%d bytes)", url, len(pdf))
	}
	if max := maxBoardPages(schools); pages > max {
		t.Errorf("%s printed on Letter: %d pages; at most %d for %d schools (2 each, plus 4 for the district)", url, pages, max, schools)
	}
	t.Logf("%s printed on Letter: %d pages (budget %d), saved as %s", url, pages, maxBoardPages(schools), name)
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
