package e2e_test

import (
	"bytes"
	"context"
	"fmt"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
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
	// Shown counts the chart data tables painted; ShownOf names the
	// charts of (some of) them.
	Shown   int      `json:"shown"`
	ShownOf []string `json:"shownOf"`
	Closed  int      `json:"closed"`
	// CSV counts the printed addresses of the charts' CSV files, which
	// stand in for their tables on paper; NoCSV names charts without one;
	// CSVText is the first.
	CSV     int      `json:"csv"`
	NoCSV   []string `json:"noCSV"`
	CSVText string   `json:"csvText"`
	// Nav lists the navigation shown; Controls the table toggles, download
	// links and other on-screen controls shown.
	Nav      []string `json:"nav"`
	Controls []string `json:"controls"`
	Canvases int      `json:"canvases"`
	SVGs     int      `json:"svgs"`
	// Cut names the charts whose drawing is wider than its figure.
	Cut []string `json:"cut"`
	// NoSummary names the charts shown without their summary.
	NoSummary []string `json:"noSummary"`
}

const printStateJS = `(() => {
  // offsetHeight alone is not enough: in a closed details, Chromium lays
  // out the content when asked but does not paint it (content-visibility).
  const shown = el => !!el && el.offsetHeight > 0 && el.checkVisibility({visibilityProperty: true});
  const chartOf = el => el.closest('figure').querySelector('.chart-canvas').id;
  const figs = Array.from(document.querySelectorAll('figure.chart'));
  const tables = Array.from(document.querySelectorAll('figure.chart details.chart-data table'));
  const csv = figs.map(f => f.querySelector('.chart-csv')).filter(shown);
  const controls = Array.from(document.querySelectorAll('summary, a[download], button, .screen-only a, .skip-link'))
    .filter(shown).map(el => el.tagName.toLowerCase() + ' "' + el.textContent.trim().slice(0, 40) + '"');
  return {
    tables: tables.length,
    shown: tables.filter(shown).length,
    shownOf: tables.filter(shown).slice(0, 5).map(chartOf),
    closed: document.querySelectorAll('details.chart-data:not([open])').length,
    csv: csv.length,
    noCSV: figs.filter(f => !shown(f.querySelector('.chart-csv'))).slice(0, 5).map(f => f.querySelector('.chart-canvas').id),
    csvText: csv.length ? csv[0].textContent.trim() : '',
    nav: Array.from(document.querySelectorAll('.site-header, .site-nav, .crumbs, .skip-link')).filter(shown).map(el => el.className),
    controls: controls.slice(0, 8),
    canvases: document.querySelectorAll('.chart-canvas').length,
    svgs: document.querySelectorAll('.chart-canvas svg').length,
    cut: figs.filter(f => { const svg = f.querySelector('.chart-canvas svg'); return svg && svg.getBoundingClientRect().right > f.getBoundingClientRect().right + 1; })
      .slice(0, 5).map(f => f.querySelector('.chart-canvas').id),
    noSummary: figs.filter(f => shown(f) && !shown(f.querySelector('.chart-summary')))
      .slice(0, 5).map(f => f.querySelector('.chart-canvas').id),
  };
})()`

// TestPrint checks the board packet as printed: every chart shows its
// drawing, whole, with its summary, and in place of its data table the
// address of its CSV file (the table would double the packet's length);
// the navigation and every on-screen control are gone. It checks both
// ways a browser prints: by CSS alone, and with the theme's beforeprint
// handler, as in a browser's print dialog.
func TestPrint(t *testing.T) {
	t.Parallel()
	s := sampleDistrict(t)
	url := s.PageURL(boardPage)
	// open loads the packet in a tab of its own, so each way of printing
	// has the whole minute, and checks the screen first: tables closed,
	// no CSV address, navigation there; otherwise the checks would prove
	// nothing.
	open := func(t *testing.T) context.Context {
		ctx := newTab(t, testTimeout)
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(letterPortraitWidth, 960)); err != nil {
			t.Fatal(err)
		}
		if !visit(t, ctx, url) {
			t.FailNow()
		}
		screen := eval[printState](t, ctx, printStateJS)
		if screen.Tables == 0 || screen.Closed != screen.Tables || screen.Shown != 0 || screen.CSV != 0 {
			t.Fatalf("%s on screen: %d chart tables, %d closed, %d shown, %d CSV addresses; expected all closed and no address", url, screen.Tables, screen.Closed, screen.Shown, screen.CSV)
		}
		if len(screen.Nav) != 4 || len(screen.Controls) == 0 {
			t.Fatalf("%s on screen: navigation shown: %v, controls %v; expected the header, its nav, the skip link, the breadcrumbs and table toggles", url, screen.Nav, screen.Controls)
		}
		return ctx
	}
	check := func(t *testing.T, ctx context.Context, how string) {
		t.Helper()
		p := eval[printState](t, ctx, printStateJS)
		if p.Shown != 0 {
			t.Errorf("%s printed %s: %d chart data tables printed beside their drawing, e.g. those of %v; a drawn chart prints the address of its CSV instead", url, how, p.Shown, p.ShownOf)
		}
		if p.CSV != p.Tables {
			t.Errorf("%s printed %s: %d of %d charts print the address of their CSV; not %v", url, how, p.CSV, p.Tables, p.NoCSV)
		}
		if want := "Data table: https://example.github.io/district/"; !strings.HasPrefix(p.CSVText, want) || !strings.HasSuffix(p.CSVText, ".csv") {
			t.Errorf("%s printed %s: a chart's data is said as %q; want %q…csv", url, how, p.CSVText, want)
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
		if len(p.Cut) > 0 {
			t.Errorf("%s printed %s: drawings wider than the paper, cut off: %v", url, how, p.Cut)
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
		if again := eval[printState](t, ctx, printStateJS); again.Shown != 0 || again.CSV != 0 || len(again.Nav) != 4 {
			t.Errorf("%s back on screen: %d chart tables and %d CSV addresses shown, navigation %v", url, again.Shown, again.CSV, again.Nav)
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

// paperJS lists, in the sections printed on the given paper ("portrait" or
// "landscape", by each section's named page), the table words split over
// two lines ("Part iall y in pla ce") and the tables wider than the page.
const paperJS = `((which) => {
  const onPaper = el => {
    const section = el.closest('section');
    const wide = !!section && getComputedStyle(section).page === 'wide';
    return (which === 'landscape') === wide && el.checkVisibility({visibilityProperty: true});
  };
  const {cells, broken} = (` + splitWordsJS + `)(onPaper);
  const main = document.querySelector('main').getBoundingClientRect();
  const wide = Array.from(document.querySelectorAll('table')).filter(onPaper)
    .filter(t => t.getBoundingClientRect().right > main.right + 1)
    .map(t => (t.caption ? t.caption.textContent.trim().slice(0, 50) : 'a table') + ' (' + Math.round(t.getBoundingClientRect().width) + ' px)');
  return {cells: cells, broken: broken, wide: wide.slice(0, 5)};
})`

// splitWordsJS is a function of a filter of table cells: how many cells
// pass it, and the words in them split over two lines ("Part iall y in
// pla ce"), at most ten.
const splitWordsJS = `(keep) => {
  const broken = [];
  let cells = 0;
  for (const cell of document.querySelectorAll('table th, table td')) {
    if (!keep(cell)) continue;
    cells++;
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
  return {cells: cells, broken: broken.slice(0, 10)};
}`

// TestPrintedTablesKeepWords lays the board packet out as on Letter
// paper, portrait and then landscape, with JavaScript off, so every
// chart prints its data table in place of its drawing, and fails for any
// table word split over two lines and any table wider than the page.
func TestPrintedTablesKeepWords(t *testing.T) {
	t.Parallel()
	s := sampleDistrict(t)
	url := s.PageURL(boardPage)
	for _, paper := range []struct {
		Name  string
		Width int64
	}{{"portrait", letterPortraitWidth}, {"landscape", letterLandscapeWidth}} {
		t.Run(paper.Name, func(t *testing.T) {
			t.Parallel()
			ctx := newTab(t, testTimeout)
			if err := chromedp.Do(ctx, disableScript()); err != nil {
				t.Fatal(err)
			}
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
				Cells  int      `json:"cells"`
				Broken []string `json:"broken"`
				Wide   []string `json:"wide"`
			}](t, ctx, paperJS+`('`+paper.Name+`')`)
			if got.Cells == 0 {
				t.Fatalf("%s on %s Letter without JavaScript: no table cell printed; the charts' tables were expected", url, paper.Name)
			}
			if len(got.Broken) > 0 {
				t.Errorf("%s on %s Letter: table words split over two lines: %s", url, paper.Name, strings.Join(got.Broken, "; "))
			}
			if len(got.Wide) > 0 {
				t.Errorf("%s on %s Letter: tables wider than the page: %s", url, paper.Name, strings.Join(got.Wide, "; "))
			}
			t.Logf("%s on %s Letter: %d table cells, every word whole", url, paper.Name, got.Cells)
		})
	}
}

// maxBoardPages is the board packet's page budget on Letter paper: two
// pages per school and four for the district (issue 12).
func maxBoardPages(schools int) int { return 2*schools + 4 }

// TestBoardPacketPDF prints the board packet as Chromium prints it to PDF
// on Letter paper, with the page's own margins, and reads the PDF back
// with poppler's pdfinfo and pdftotext: it fits the page budget, starts
// with a cover and contents, each school starts a page, and every chart
// says where its data is. The PDF is kept with the screenshots.
func TestBoardPacketPDF(t *testing.T) {
	t.Parallel()
	pdfinfo, err1 := exec.LookPath("pdfinfo")
	pdftotext, err2 := exec.LookPath("pdftotext")
	if err1 != nil || err2 != nil {
		missing(t, "pdfinfo and pdftotext", "apt-get install -y poppler-utils")
	}
	s := sampleDistrict(t)
	ctx := newTab(t, testTimeout)
	url := s.PageURL(boardPage)
	if !visit(t, ctx, url) {
		return
	}
	// Untagged: Chromium 154 and later tag a PDF for screen readers by
	// default, which for the packet's 46 drawings tripled the time to
	// print (8 s to 26 s), past half the minute on a busy machine; the
	// pages are laid out the same.
	untagged := func(p *page.PrintToPDFParams) { p.GenerateTaggedPDF = new(bool) }
	pdf, err := chromedp.Run(ctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperLetter), chromedp.PDFPreferCSSPageSize(), untagged))
	if err != nil {
		t.Fatalf("%s: printing to PDF: %v", url, err)
	}
	name := filepath.Join(artifactsDir(t), "board-packet.pdf")
	if err := os.WriteFile(name, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	info, err := exec.Command(pdfinfo, name).Output()
	if err != nil {
		t.Fatalf("pdfinfo %s: %v", name, err)
	}
	m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)$`).FindSubmatch(info)
	if m == nil {
		t.Fatalf("pdfinfo %s: no page count in\n%s", name, info)
	}
	pages, _ := strconv.Atoi(string(m[1]))
	if !bytes.Contains(info, []byte("612 x 792 pts (letter)")) {
		t.Errorf("%s: not printed on Letter paper:\n%s", name, info)
	}
	out, err := exec.Command(pdftotext, name, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", name, err)
	}
	text := strings.Split(string(out), "\f") // a form feed ends each page
	page := s.ReadPage(t, boardPage)
	schools := regexp.MustCompile(`<section class="board-section board-school" id="[^"]+" aria-labelledby="[^"]+"><h2 id="[^"]+">([^<]+)</h2>`).FindAllStringSubmatch(page, -1)
	if len(schools) != 7 {
		t.Fatalf("%s: %d school sections; the sample has 7 schools", url, len(schools))
	}
	if max := maxBoardPages(len(schools)); pages > max {
		t.Errorf("%s printed on Letter: %d pages; at most %d for %d schools (2 each, plus 4 for the district)", url, pages, max, len(schools))
	}
	if cover := strings.Join(strings.Fields(text[0]), " "); !strings.Contains(cover, "board packet") || !strings.Contains(cover, "Data as of") || !strings.Contains(cover, "Contents") {
		t.Errorf("%s: page 1 is not a cover with the title, \"Data as of\" and the contents:\n%s", name, cover)
	}
	for _, sc := range schools {
		school := html.UnescapeString(sc[1])
		starts := false
		for _, p := range text {
			starts = starts || strings.HasPrefix(strings.TrimSpace(p), school)
		}
		if !starts {
			t.Errorf("%s: no page starts with %s; each school starts on a new page", name, school)
		}
	}
	// ECharts cuts a label too long for its room with "...": the gains
	// across schools printed "Cedar Ridge Elem..." three panels to a row.
	if n := strings.Count(string(out), "..."); n > 0 {
		t.Errorf("%s: %d words printed cut short (\"...\"); names on a chart's axes wrap to a second line", name, n)
	}
	charts := strings.Count(page, `<figure class="chart `)
	if got := strings.Count(strings.Join(strings.Fields(string(out)), " "), "Data table: https://example.github.io/district/"); got != charts {
		t.Errorf("%s: %d of the packet's %d charts print the address of their data", name, got, charts)
	}
	t.Logf("%s printed on Letter: %d pages (budget %d), saved as %s", url, pages, maxBoardPages(len(schools)), name)
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
