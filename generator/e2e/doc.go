// Package e2e proves in a real browser that the site folio builds works for
// its readers. It holds tests only: they build the repository's sample
// district (minified and fingerprinted, as `folio build` does), serve it on
// 127.0.0.1 and drive Debian's Chromium headless with chromedp.
//
// What the tests check:
//
//   - TestPagesLoadCleanly: every page loads with no console error, no
//     uncaught exception and no failed request (network error or HTTP
//     status of 400 or more).
//   - TestChartsMatchTables: every chart container holds a drawn ECharts
//     instance with a non-empty SVG, and its data table holds every number
//     the chart draws (a heatmap: every cell's status).
//   - TestAccessibility: axe-core reports no violation of the WCAG 2.0 and
//     2.1 A and AA rules on a sample of every page kind.
//   - TestKeyboard: Tab reaches every visible link and chart table toggle of
//     a school page, and the focused element always shows a focus ring.
//   - TestLayout: no horizontal scrolling at phone, tablet and desktop
//     widths; full-page screenshots are kept as artifacts.
//   - TestPrint: the board packet printed shows every chart's data table and
//     no navigation.
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
// The tests need Chromium, axe-core, the Nu checker and Java; .ci/run
// installs them. Where each is looked for:
//
//	FOLIO_CHROMIUM   the browser (default: chromium on $PATH)
//	FOLIO_AXE_JS     axe.min.js (default: $HOME/.cache/folio-e2e/node_modules/axe-core/axe.min.js)
//	FOLIO_VNU_JAR    vnu.jar (default: $HOME/.cache/folio-e2e/node_modules/vnu-jar/build/dist/vnu.jar)
//	FOLIO_ARTIFACTS  where screenshots go (default: a folder under the system's temporary folder)
//
// When one is missing, the tests that need it skip with a warning on the
// terminal; when the environment variable CI is set, they fail instead, so
// a CI machine without them cannot pass by skipping.
package e2e
