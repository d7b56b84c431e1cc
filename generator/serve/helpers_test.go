package serve_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/folio-sites/folio/generator/scaffold"
	"github.com/folio-sites/folio/generator/serve"
)

// wait bounds every wait for an event or a page: generous, for a loaded
// CI machine. Nothing waits for a fixed time.
const wait = 10 * time.Second

// syncBuffer is a bytes.Buffer safe for the server's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// newSite writes a starter site into a fresh temporary folder and returns
// its path. When the test ends, it checks that nothing was written beside
// the site or into its public/ folder.
func newSite(tb testing.TB) string {
	tb.Helper()
	parent := tb.TempDir()
	dir := filepath.Join(parent, "site")
	if _, err := scaffold.NewSite(dir, scaffold.SiteOptions{FolioVersion: "v0.1.0"}); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { assertNothingWritten(tb, dir) })
	return dir
}

func assertNothingWritten(tb testing.TB, dir string) {
	tb.Helper()
	if entries, err := os.ReadDir(filepath.Join(dir, "public")); err != nil || len(entries) > 0 {
		tb.Errorf("public/ was touched: %v, %d entries", err, len(entries))
	}
	entries, _ := os.ReadDir(filepath.Dir(dir))
	if len(entries) != 1 || entries[0].Name() != "site" {
		tb.Errorf("the site's parent folder holds %v, want only site/", entries)
	}
	top, _ := os.ReadDir(dir)
	var names []string
	for _, e := range top {
		names = append(names, e.Name())
	}
	for _, n := range names {
		if !slices.Contains([]string{"content", "data", "folio.yaml", "public", "static", "layouts", ".github", ".gitignore", "README.md"}, n) {
			tb.Errorf("unexpected %s in the site folder (all: %v)", n, names)
		}
	}
}

// harness runs a Server on a site folder behind httptest.
type harness struct {
	tb       testing.TB
	dir      string
	srv      *serve.Server
	ts       *httptest.Server
	log      *syncBuffer
	rebuilds atomic.Int32 // rebuilds after the first build
	updates  chan serve.Update
}

func start(tb testing.TB, dir string) *harness { return startWith(tb, dir, serve.Options{}) }

// startWith is start with options besides the source, logger and hook.
func startWith(tb testing.TB, dir string, opts serve.Options) *harness {
	tb.Helper()
	h := &harness{tb: tb, dir: dir, log: &syncBuffer{}, updates: make(chan serve.Update, 1000)}
	first := true
	opts.Source, opts.Logger = dir, h.log
	s, err := serve.New(serve.Options{Source: dir, FS: opts.FS, Drafts: opts.Drafts, Logger: h.log, OnRebuild: func(u serve.Update) {
		if first { // New's own build, on this goroutine
			first = false
			return
		}
		h.rebuilds.Add(1)
		select {
		case h.updates <- u:
		default: // nobody reads them (benchmark)
		}
	}})
	if err != nil {
		tb.Fatal(err)
	}
	h.srv = s
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Watch(ctx) }()
	h.ts = httptest.NewServer(s.Handler())
	tb.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				tb.Errorf("Watch: %v", err)
			}
		case <-time.After(wait):
			tb.Error("Watch did not return after its context was cancelled")
		}
		s.Close()
		h.ts.Close()
	})
	return h
}

// write writes a file of the site, making its folder.
func (h *harness) write(rel, text string) {
	h.tb.Helper()
	p := filepath.Join(h.dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		h.tb.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		h.tb.Fatal(err)
	}
}

func (h *harness) get(path string) (int, string, http.Header) {
	h.tb.Helper()
	return get(h.tb, h.ts.Client(), h.ts.URL+path)
}

func get(tb testing.TB, c *http.Client, url string) (int, string, http.Header) {
	tb.Helper()
	resp, err := c.Get(url)
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		tb.Fatal(err)
	}
	return resp.StatusCode, string(body), resp.Header
}

// waitPage polls path until it answers 200 with want in it (or, with want
// "", until it answers 404).
func (h *harness) waitPage(path, want string) string {
	h.tb.Helper()
	deadline := time.Now().Add(wait)
	for {
		code, body, _ := h.get(path)
		if (want == "" && code == http.StatusNotFound) || (want != "" && code == http.StatusOK && strings.Contains(body, want)) {
			return body
		}
		if time.Now().After(deadline) {
			h.tb.Fatalf("GET %s: %d after %s; want %q in it", path, code, wait, want)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func (h *harness) status() serve.Message {
	h.tb.Helper()
	_, body, _ := h.get(serve.StatusPath)
	var m serve.Message
	if err := json.Unmarshal([]byte(body), &m); err != nil {
		h.tb.Fatalf("status %q: %v", body, err)
	}
	return m
}

type sseEvent struct {
	name string
	data string
	msg  serve.Message
}

// stream is one open /_folio/events connection.
type stream struct {
	tb     testing.TB
	events chan sseEvent
	hello  sseEvent
}

// listen opens an event stream on base (a server URL) and returns once its
// hello arrived, so that the stream is subscribed to what follows.
func listen(tb testing.TB, c *http.Client, base string) *stream {
	tb.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, base+serve.EventsPath, nil)
	resp, err := c.Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { cancel(); resp.Body.Close() })
	if ct := resp.Header.Get("Content-Type"); resp.StatusCode != http.StatusOK || ct != "text/event-stream" {
		tb.Fatalf("events: %d %s", resp.StatusCode, ct)
	}
	st := &stream{tb: tb, events: make(chan sseEvent, 100)}
	go func() {
		defer close(st.events)
		sc := bufio.NewScanner(resp.Body)
		var ev sseEvent
		for sc.Scan() {
			line := sc.Text()
			switch {
			case line == "" && ev.name != "":
				_ = json.Unmarshal([]byte(ev.data), &ev.msg)
				st.events <- ev
				ev = sseEvent{}
			case strings.HasPrefix(line, "event: "):
				ev.name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				ev.data = strings.TrimPrefix(line, "data: ")
			}
		}
	}()
	st.hello = st.next()
	if st.hello.name != serve.EventHello {
		tb.Fatalf("first event %q, want hello", st.hello.name)
	}
	return st
}

func (h *harness) listen() *stream { return listen(h.tb, h.ts.Client(), h.ts.URL) }

func (st *stream) next() sseEvent {
	st.tb.Helper()
	select {
	case ev, ok := <-st.events:
		if !ok {
			st.tb.Fatal("event stream ended")
		}
		return ev
	case <-time.After(wait):
		st.tb.Fatalf("no event within %s", wait)
	}
	return sseEvent{}
}

// expect waits for the next event and checks its name.
func (st *stream) expect(name string) sseEvent {
	st.tb.Helper()
	ev := st.next()
	if ev.name != name {
		st.tb.Fatalf("event %q (%s), want %q", ev.name, ev.data, name)
	}
	return ev
}

// copyTree copies the folder src to dst.
func copyTree(tb testing.TB, src, dst string) {
	tb.Helper()
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
	if err != nil {
		tb.Fatal(err)
	}
}
