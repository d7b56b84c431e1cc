package serve_test

import (
	"bytes"
	"context"
	"io/fs"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/folio-sites/folio/generator/build"
	"github.com/folio-sites/folio/generator/serve"
	"github.com/folio-sites/folio/generator/sitefs"
)

const (
	narrative     = "content/schools/example-elementary/getting-started.md"
	narrativePage = "/schools/example-elementary/getting-started/"
)

func narrativeText(title, body string) string {
	return "---\ntitle: " + title + "\ndate: 2025-09-15\nstandards: [ISSL 1a]\n---\n\n" + body + "\n"
}

func TestBrokenSaveKeepsLastGoodBuildAndShowsProblems(t *testing.T) {
	h := start(t, newSite(t))
	st := h.listen()
	h.write(narrative, "---\ntitle: Where we are starting\n\nThe front matter is never closed.\n")

	ev := st.expect(serve.EventError)
	want := narrative + ":1: front matter opened with '---' is never closed"
	if len(ev.msg.Problems) != 1 || !strings.HasPrefix(ev.msg.Problems[0], want) || ev.msg.Errors != 1 {
		t.Fatalf("error event %s; want a problem starting %q", ev.data, want)
	}
	if ev.msg.Build != st.hello.msg.Build {
		t.Errorf("error event names build %q, want the last good one %q", ev.msg.Build, st.hello.msg.Build)
	}
	code, body, _ := h.get(narrativePage)
	if code != http.StatusOK || !strings.Contains(body, "Where we are starting") || !strings.Contains(body, "Write the first narrative") {
		t.Errorf("broken site: GET %s = %d, want the last good page", narrativePage, code)
	}
	if s := h.status(); len(s.Problems) != 1 || s.Errors != 1 {
		t.Errorf("status = %+v", s)
	}
	// A page opened now learns about the problems from its hello.
	if late := h.listen(); len(late.hello.msg.Problems) != 1 {
		t.Errorf("hello while broken = %s", late.hello.data)
	}
	if !strings.Contains(h.log.String(), want) || !strings.Contains(h.log.String(), "still serving the last good build") {
		t.Errorf("terminal does not list the problem:\n%s", h.log.String())
	}

	h.write(narrative, narrativeText("Where we are starting", "Fixed."))
	ok := st.expect(serve.EventOK)
	if ok.msg.Build == st.hello.msg.Build || len(ok.msg.Problems) != 0 {
		t.Errorf("ok event %s", ok.data)
	}
	if s := h.status(); len(s.Problems) != 0 || s.Errors != 0 || s.Build != ok.msg.Build {
		t.Errorf("status after the fix = %+v", s)
	}
	if _, body, _ := h.get(narrativePage); !strings.Contains(body, "Fixed.") {
		t.Error("the fix is not served")
	}
}

func TestSiteBrokenAtStartShowsProblemsUntilFixed(t *testing.T) {
	dir := newSite(t)
	profile := filepath.Join(dir, "content/schools/example-elementary/_index.md")
	good, _ := os.ReadFile(profile)
	os.WriteFile(profile, []byte("---\n\"<b>bold</b>\": 1\n---\n"), 0o644)
	h := start(t, dir)
	code, body, _ := h.get("/")
	if code != http.StatusServiceUnavailable || !strings.Contains(body, "_index.md:1: missing required field &#39;name&#39;") ||
		!strings.Contains(body, "warning: unknown front matter key &#39;&lt;b&gt;bold&lt;/b&gt;&#39;") || strings.Contains(body, "<b>bold") {
		t.Errorf("GET / on a broken site = %d:\n%s", code, body)
	}
	st := h.listen()
	if st.hello.msg.Errors != 1 || st.hello.msg.Warnings != 1 || !strings.Contains(st.hello.msg.Problems[1], "'<b>bold</b>'") {
		t.Errorf("hello = %s", st.hello.data)
	}
	os.WriteFile(profile, good, 0o644)
	st.expect(serve.EventOK)
	if code, _, _ := h.get("/"); code != http.StatusOK {
		t.Errorf("after the fix GET / = %d", code)
	}
}

// TestStatusCountsWarningsOfAGoodBuild: a site with warnings only is
// served, with no panel (no problems), and its status and events count
// the warnings the terminal prints.
func TestStatusCountsWarningsOfAGoodBuild(t *testing.T) {
	dir := newSite(t)
	profile := filepath.Join(dir, "content/schools/example-elementary/_index.md")
	good, _ := os.ReadFile(profile)
	warned := strings.Replace(string(good), "---\n", "---\nmotto: Onward\n", 1)
	os.WriteFile(profile, []byte(warned), 0o644)
	h := start(t, dir)
	if code, _, _ := h.get("/"); code != http.StatusOK {
		t.Fatalf("GET / on a site with a warning = %d", code)
	}
	if s := h.status(); s.Errors != 0 || s.Warnings != 1 || len(s.Problems) != 0 {
		t.Errorf("status = %+v, want no errors, 1 warning, no problems", s)
	}
	if !strings.Contains(h.log.String(), "unknown front matter key 'motto'") {
		t.Errorf("the terminal does not print the warning:\n%s", h.log.String())
	}
	st := h.listen()
	os.WriteFile(profile, good, 0o644)
	if ev := st.expect(serve.EventReload); ev.msg.Warnings != 0 || ev.msg.Errors != 0 {
		t.Errorf("after the warning is gone: %s", ev.data)
	}
	os.WriteFile(profile, []byte(warned), 0o644)
	if ev := st.expect(serve.EventReload); ev.msg.Warnings != 1 || len(ev.msg.Problems) != 0 {
		t.Errorf("with the warning back: %s", ev.data)
	}
}

func TestStylesheetChangeSwapsCSSWithoutReload(t *testing.T) {
	h := start(t, newSite(t))
	st := h.listen()
	h.write("static/css/folio.css", "body { color: rebeccapurple }\n")
	st.expect(serve.EventCSS)
	code, body, hdr := h.get("/css/folio.css")
	if code != http.StatusOK || body != "body { color: rebeccapurple }\n" || hdr.Get("Content-Type") != "text/css; charset=utf-8" {
		t.Errorf("GET /css/folio.css = %d %q %q", code, hdr.Get("Content-Type"), body)
	}
	h.write("static/css/folio.css", "body { color: teal }\n")
	st.expect(serve.EventCSS)
	h.write(narrative, narrativeText("Where we are starting", "Back to pages."))
	st.expect(serve.EventReload)
}

func TestPagesGetScriptAndCleanURLs(t *testing.T) {
	dir := newSite(t)
	os.WriteFile(filepath.Join(dir, "content/schools/example-elementary/tally.csv"), []byte("walk,count\n1,3\n"), 0o644)
	// A spreadsheet is published only when folio.yaml says so.
	yaml, _ := os.ReadFile(filepath.Join(dir, "folio.yaml"))
	os.WriteFile(filepath.Join(dir, "folio.yaml"), append(yaml, "\npublish_as_is:\n  - content/schools/example-elementary/tally.csv # counts of walks, no students\n"...), 0o644)
	h := start(t, dir)

	code, home, hdr := h.get("/")
	if code != http.StatusOK || hdr.Get("Content-Type") != "text/html; charset=utf-8" {
		t.Fatalf("GET / = %d %s", code, hdr.Get("Content-Type"))
	}
	i := strings.Index(home, "<script data-folio-serve>")
	if i < 0 || !strings.Contains(home[i:], serve.EventsPath) || !strings.HasSuffix(strings.TrimSpace(home), "</script>\n</body>\n</html>") {
		t.Errorf("home page does not end with the reload script before </body>:\n%s", home[max(0, len(home)-300):])
	}
	if _, css, _ := h.get("/css/folio.css"); strings.Contains(css, "folio-serve") {
		t.Error("the script was injected into a stylesheet")
	}

	tests := []struct {
		path, location, contentType string
		code                        int
	}{
		{"/schools/example-elementary/", "", "text/html; charset=utf-8", 200},
		{"/schools/example-elementary/index.html", "", "text/html; charset=utf-8", 200},
		{"/schools/example-elementary", "/schools/example-elementary/", "", 302},
		{"/schools/example-elementary?x=1", "/schools/example-elementary/?x=1", "", 302},
		{"/schools/example-elementary/tally.csv", "", "text/csv; charset=utf-8", 200},
		{"/css/folio.css", "", "text/css; charset=utf-8", 200},
		{"/js/folio-charts.js", "", "text/javascript; charset=utf-8", 200},
		{"/schools/nowhere/", "", "text/html; charset=utf-8", 404},
		{"/css/", "", "text/html; charset=utf-8", 404},
	}
	noRedirect := *h.ts.Client()
	noRedirect.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	for _, tt := range tests {
		code, _, hdr := get(t, &noRedirect, h.ts.URL+tt.path)
		if code != tt.code || hdr.Get("Location") != tt.location || (tt.contentType != "" && hdr.Get("Content-Type") != tt.contentType) {
			t.Errorf("GET %s = %d %q %q; want %d %q %q", tt.path, code, hdr.Get("Location"), hdr.Get("Content-Type"), tt.code, tt.location, tt.contentType)
		}
	}

	// The 404 page links home and shows the path as text.
	code, body, _ := h.get("/<b>missing</b>")
	if code != 404 || !strings.Contains(body, `href="/"`) || !strings.Contains(body, "&lt;b&gt;missing") || strings.Contains(body, "<b>missing") {
		t.Errorf("404 page:\n%s", body)
	}
	resp, err := h.ts.Client().Post(h.ts.URL+"/", "text/plain", nil)
	if err != nil || resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST / = %v %v", resp.Status, err)
	}
	resp.Body.Close()

	// Every relative link of the pages resolves on the server.
	href := regexp.MustCompile(`(?:href|src)="([^"#:]+)"`)
	links := 0
	for _, page := range []string{"/", narrativePage, "/schools/example-elementary/"} {
		_, body, _ := h.get(page)
		for _, m := range href.FindAllStringSubmatch(body, -1) {
			target := mustParse(t, h.ts.URL+page).ResolveReference(mustParse(t, m[1]))
			if code, _, _ := get(t, h.ts.Client(), target.String()); code != http.StatusOK {
				t.Errorf("%s links to %s: %d", page, m[1], code)
			}
			links++
		}
	}
	if links < 10 {
		t.Errorf("only %d relative links checked", links)
	}
}

func TestRunTakesNextPortAndShutsDown(t *testing.T) {
	taken, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer taken.Close()
	port := taken.Addr().(*net.TCPAddr).Port
	log := &syncBuffer{}
	urls := make(chan string, 1)
	s, err := serve.New(serve.Options{Source: newSite(t), Port: port, Logger: log, OnListen: func(u string) { urls <- u }})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx) }()
	var site string
	select {
	case site = <-urls:
	case err := <-done:
		t.Fatalf("Run: %v", err)
	case <-time.After(wait):
		t.Fatal("Run did not listen")
	}
	m := regexp.MustCompile(`port (\d+) is in use; serving on (\d+) instead`).FindStringSubmatch(log.String())
	if m == nil || m[1] != strconv.Itoa(port) || !strings.HasSuffix(site, ":"+m[2]+"/") || m[2] == m[1] {
		t.Fatalf("url %s, log:\n%s", site, log.String())
	}
	if code, body, _ := get(t, http.DefaultClient, site); code != 200 || !strings.Contains(body, "<script data-folio-serve>") {
		t.Errorf("GET %s = %d", site, code)
	}

	// Ctrl-C with a page connected: the stream ends and Run returns.
	st := listen(t, http.DefaultClient, strings.TrimSuffix(site, "/"))
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Run: %v", err)
		}
	case <-time.After(wait):
		t.Fatal("Run did not return after cancel")
	}
	select {
	case _, open := <-st.events:
		if open {
			t.Error("unexpected event at shutdown")
		}
	case <-time.After(wait):
		t.Error("the event stream was not closed")
	}
}

func mustParse(t *testing.T, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// TestOnlyLocalHostNamesAreAnswered: bound to 127.0.0.1, the server
// refuses a request naming another host (DNS rebinding).
func TestOnlyLocalHostNamesAreAnswered(t *testing.T) {
	dir := newSite(t)
	h := start(t, dir)
	for host, want := range map[string]int{"127.0.0.1:1313": 200, "localhost": 200, "[::1]:80": 200, "evil.example:1313": 403} {
		req, _ := http.NewRequest("GET", h.ts.URL+"/", nil)
		req.Host = host
		resp, err := h.ts.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("Host %s: status %d, want %d", host, resp.StatusCode, want)
		}
	}
}

// crashFS panics when a file holding "PANIC" is opened, as a bug in a
// stage would while processing that file.
type crashFS struct{ fs.FS }

func (c crashFS) Open(name string) (fs.File, error) {
	if data, err := fs.ReadFile(c.FS, name); err == nil && bytes.Contains(data, []byte("PANIC")) {
		panic("a bug in folio while reading " + name)
	}
	return c.FS.Open(name)
}

func TestPanicIsShownAndTheNextSaveRebuilds(t *testing.T) {
	dir := newSite(t)
	h := startWith(t, dir, serve.Options{FS: crashFS{os.DirFS(dir)}})
	st := h.listen()
	h.write(narrative, narrativeText("Where we are starting", "PANIC"))
	ev := st.expect(serve.EventError)
	want := narrative + ": folio crashed in its "
	if len(ev.msg.Problems) != 1 || !strings.HasPrefix(ev.msg.Problems[0], want) ||
		!strings.Contains(ev.msg.Problems[0], "while processing this file: a bug in folio while reading "+narrative) || !strings.Contains(ev.msg.Problems[0], "please report it at") {
		t.Fatalf("error event %s; want %q", ev.data, want)
	}
	if code, body, _ := h.get(narrativePage); code != http.StatusOK || !strings.Contains(body, "Where we are starting") {
		t.Errorf("after a crash: GET %s = %d, want the last good page", narrativePage, code)
	}
	h.write(narrative, narrativeText("Where we are starting", "Saved again."))
	st.expect(serve.EventOK)
	if _, body, _ := h.get(narrativePage); !strings.Contains(body, "Saved again.") {
		t.Error("the save after a crash is not served")
	}
}

// TestPreviewHasNoSecurityPolicy: a site whose folio.yaml names its Pages
// address gets a Content-Security-Policy when built, which would block
// the preview's injected reload script; the preview serves it from the
// root, without a policy, and the script runs.
func TestPreviewHasNoSecurityPolicy(t *testing.T) {
	dir := newSite(t)
	cfg := filepath.Join(dir, "folio.yaml")
	data, err := os.ReadFile(cfg)
	if err != nil {
		t.Fatal(err)
	}
	data = []byte(strings.Replace(string(data), `base_url: ""`, `base_url: "https://district.github.io/portfolio/"`, 1))
	if err := os.WriteFile(cfg, data, 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := build.Generate(sitefs.Dir(dir), build.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range res.Files {
		if f.Path == "index.html" && !strings.Contains(string(f.Data), "Content-Security-Policy") {
			t.Fatal("the built home page has no policy: the test would prove nothing")
		}
	}
	h := start(t, dir)
	_, home, _ := h.get("/")
	if strings.Contains(home, "Content-Security-Policy") || !strings.Contains(home, "<script data-folio-serve>") {
		t.Errorf("preview page has a policy, or no reload script:\n%s", home[:min(len(home), 600)])
	}
}
