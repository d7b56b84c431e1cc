// Package e2e proves in a real browser that the site folio builds works for
// its readers. It holds tests only. They build the repository's sample
// district exactly as .github/workflows/pages.yml does — base URL
// https://example.github.io/district/ (a sub-path), minified, fingerprinted,
// with integrity attributes and a Content-Security-Policy — serve it over
// HTTPS at that very address (Chromium's host resolver points the name at
// a local test server) and drive Debian's Chromium headless with chromedp.
// One browser is shared; each test opens its own tabs, and each test or
// parallel part of one is bounded by a minute.
//
// What the tests check:
//
//   - TestEveryPage: every page, at 375 px, loads with no console error, no
//     uncaught exception and no failed or blocked request (HTTP status of
//     400 or more, integrity, policy); does not scroll sideways; and every
//     chart is drawn by ECharts as a non-empty SVG at least as wide as the
//     text column, with a data table holding every number it draws.
//   - TestBlockedScriptIsCaught: a chart script altered on its way to the
//     browser is reported, so the fault of issue 12 cannot pass unseen.
//   - TestRelativeBuildFromDisk: the build without a base URL works opened
//     from disk (file://).
//   - TestAccessibility: axe-core reports no violation of the WCAG 2.0 and
//     2.1 A and AA rules on home, a school, a narrative, the board packet
//     and the framework at 375 and 1280 px, and on the other page kinds at
//     1280 px.
//   - TestKeyboard: Tab reaches every visible link and chart table toggle of
//     a school page, and the focused element always shows a focus ring.
//   - TestLayout: no horizontal scrolling at phone, tablet and desktop
//     widths; full-page screenshots (the board packet's first screen) are
//     kept as artifacts.
//   - TestHomePage: the district's comparisons start within 1,200 px on a
//     desktop and the board packet is linked near the top; every school
//     page links its part of the packet.
//   - TestPrint: the board packet printed shows every chart whole with its
//     summary and, in place of its data table, the address of its CSV, and
//     no navigation or on-screen control.
//   - TestBoardPacketPDF: the board packet printed to PDF on Letter fits 2
//     pages per school plus 4 (18 for the sample), opens with a cover and
//     contents, and starts each school on a page of its own.
//   - TestPrintedTablesKeepWords: printed without JavaScript (every chart's
//     table printed), no table word is split over two lines and no table
//     is wider than its portrait or landscape page.
//   - TestWithoutJavaScript: with script off, every chart's data table is
//     shown and no empty drawing box remains.
//   - TestHTMLValid: every page passes the W3C Nu HTML checker.
//   - TestHostileSiteRunsNoScript: a site carrying every payload of issue
//     11 (heading attributes, raw HTML, javascript: links, </script> in
//     titles, hostile names and labels in CSV and YAML) opens no dialog
//     and holds no injected element, with the mouse moved across every
//     chart.
//
// Broken links, anchors and assets are checked without a browser by
// TestSampleSiteHasNoBrokenLinks in package build, for both ways a site is
// published (opened from disk, and under a base URL's sub-path).
//
// The tests need Chromium, axe-core, the Nu checker, Java and poppler's
// pdfinfo and pdftotext; .ci/run installs them. Where each is looked for:
//
//	FOLIO_CHROMIUM   the browser (default: chromium on $PATH)
//	FOLIO_AXE_JS     axe.min.js (default: $HOME/.cache/folio-e2e/node_modules/axe-core/axe.min.js)
//	FOLIO_VNU_JAR    vnu.jar (default: $HOME/.cache/folio-e2e/node_modules/vnu-jar/build/dist/vnu.jar)
//	FOLIO_ARTIFACTS  where screenshots and the board packet's PDF go (default: a folder under the system's temporary folder)
//	FOLIO_E2E_TIMEOUT  each browser test's bound (default 1m; raise it only on a machine far busier than CI)
//
// When one is missing, the tests that need it skip with a warning on the
// terminal; when the environment variable CI is set, they fail instead, so
// a CI machine without them cannot pass by skipping.
package e2e
