package e2e_test

// The one browser the tests share, and the tabs each test opens in it.

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestMain stops the shared browser and server after the tests. Both
// start on first use, so running one test pays only for what it needs.
func TestMain(m *testing.M) {
	code := m.Run()
	stopBrowser()
	stopSite()
	os.Exit(code)
}

var (
	browserOnce   sync.Once
	browserCtx    context.Context
	browserCancel context.CancelFunc
	browserErr    error
)

// browser returns the context of the one Chromium that every test shares,
// starting it on first use. Each test opens its own tabs with newTab.
func browser(t *testing.T) context.Context {
	t.Helper()
	path := chromiumPath()
	if path == "" {
		missing(t, "Chromium", "apt-get install -y chromium, or set FOLIO_CHROMIUM to a Chromium or Chrome binary")
	}
	browserOnce.Do(func() {
		opts := append(chromedp.DefaultExecAllocatorOptions[:],
			chromedp.ExecPath(path),
			chromedp.NoSandbox, // CI runs as root, where Chromium's sandbox cannot start
			chromedp.DisableGPU,
			chromedp.Flag("disable-component-update", true),
			chromedp.Flag("disable-sync", true),
			chromedp.WindowSize(1280, 800),
			// The Pages build is served at its own address (see
			// pagesServer), with a certificate made for the test.
			chromedp.Flag("host-resolver-rules", hostRules()),
			chromedp.Flag("ignore-certificate-errors", true),
		)
		allocCtx, allocCancel := chromedp.NewExecAllocator(context.Background(), opts...)
		ctx, cancel := chromedp.NewContext(allocCtx)
		browserCtx = ctx
		browserCancel = func() { cancel(); allocCancel() }
		browserErr = chromedp.Do(ctx) // starts the browser, with no timeout
	})
	if browserErr != nil {
		t.Fatalf("starting Chromium (%s): %v", path, browserErr)
	}
	return browserCtx
}

// stopBrowser closes the shared browser.
func stopBrowser() {
	if browserCancel != nil {
		browserCancel()
	}
}

// testTimeout bounds each browser test (or each of its parallel parts):
// none may need more than a minute, even on a machine busy with another
// `go test ./...` (issue 12). FOLIO_E2E_TIMEOUT (a Go duration, "3m")
// raises the bound on a machine far busier than that, such as a shared
// workstation; CI keeps the minute.
var testTimeout = func() time.Duration {
	if d, err := time.ParseDuration(os.Getenv("FOLIO_E2E_TIMEOUT")); err == nil && d > 0 {
		return d
	}
	return time.Minute
}()

// newTab opens a tab in the shared browser, closed when t ends. Its
// context ends after timeout, so a hung page fails the test instead of
// the whole run.
func newTab(t *testing.T, timeout time.Duration, opts ...chromedp.ContextOption) context.Context {
	t.Helper()
	ctx, cancel := chromedp.NewContext(browser(t), opts...)
	t.Cleanup(cancel)
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("opening a tab: %v", err)
	}
	tctx, tcancel := context.WithTimeout(ctx, timeout)
	t.Cleanup(tcancel)
	return tctx
}

// eval runs a JavaScript expression in the page and decodes its result.
func eval[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("evaluating %.80s: %v", expr, err)
	}
	return v
}

// artifactsDir returns the folder for screenshots: FOLIO_ARTIFACTS, or a
// folder under the system's temporary folder that outlives the test.
func artifactsDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("FOLIO_ARTIFACTS")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "folio-e2e-artifacts")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// visit loads url in the tab and reports whether it answered 200 OK;
// when it did not, t fails.
func visit(t *testing.T, ctx context.Context, url string) bool {
	t.Helper()
	resp, err := chromedp.Run(ctx, chromedp.NavigateResponse(url))
	if err != nil {
		t.Errorf("%s: %v", url, err)
		return false
	}
	// Files opened from disk have no HTTP status.
	if resp.Status != http.StatusOK && !(strings.HasPrefix(url, "file:") && resp.Status == 0) {
		t.Errorf("%s: HTTP %d", url, resp.Status)
		return false
	}
	return true
}
