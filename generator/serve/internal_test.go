package serve

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestWatcherRel(t *testing.T) {
	w := &watcher{root: filepath.FromSlash("/site")}
	tests := map[string]string{
		"/site/folio.yaml":                     "folio.yaml",
		"/site/content/schools/a/plan.md":      "content/schools/a/plan.md",
		"/site/themes/x/layouts/base.html":     "themes/x/layouts/base.html",
		"/site/public/index.html":              "",
		"/site/.git/index":                     "",
		"/site/content/.hidden/plan.md":        "",
		"/site/content/schools/a/.plan.md.swp": "",
		"/site/README.md":                      "",
		"/site/folio.yaml/x":                   "",
		"/site":                                "",
		"/elsewhere/content/a.md":              "",
	}
	for p, want := range tests {
		got, ok := w.rel(filepath.FromSlash(p))
		if got != want || ok != (want != "") {
			t.Errorf("rel(%s) = %q, %v; want %q", p, got, ok, want)
		}
	}
}

// runBatcher runs a Batcher and returns its input and output.
func runBatcher(t *testing.T, b Batcher) (chan<- string, <-chan []string) {
	in, out := make(chan string), make(chan []string)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { b.Run(ctx, in, out); close(done) }()
	t.Cleanup(func() { cancel(); <-done })
	return in, out
}

func receive(t *testing.T, out <-chan []string) []string {
	t.Helper()
	select {
	case b := <-out:
		return b
	case <-time.After(10 * time.Second):
		t.Fatal("no batch")
		return nil
	}
}

func TestBatcherMergesABurst(t *testing.T) {
	in, out := runBatcher(t, Batcher{Quiet: 50 * time.Millisecond, MaxWait: time.Minute})
	for _, p := range []string{"b.md", "a.md", "b.md", "c.md"} {
		in <- p
	}
	if got := receive(t, out); !slices.Equal(got, []string{"a.md", "b.md", "c.md"}) {
		t.Errorf("batch = %v", got)
	}
}

func TestBatcherHoldsChangesWhileBusy(t *testing.T) {
	in, out := runBatcher(t, Batcher{Quiet: 10 * time.Millisecond, MaxWait: time.Minute})
	in <- "a.md"
	time.Sleep(50 * time.Millisecond) // the batch is ready, but nobody receives: a rebuild is running
	in <- "b.md"
	if got := receive(t, out); !slices.Equal(got, []string{"a.md", "b.md"}) {
		t.Errorf("batch = %v", got)
	}
}

func TestBatcherMaxWaitBoundsAStream(t *testing.T) {
	in, out := runBatcher(t, Batcher{Quiet: time.Minute, MaxWait: 50 * time.Millisecond})
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		for i := 0; ; i++ {
			select {
			case in <- "a.md":
			case <-stop:
				return
			}
			time.Sleep(5 * time.Millisecond)
		}
	}()
	// Quiet never elapses; MaxWait still delivers, more than once.
	receive(t, out)
	receive(t, out)
}

func TestInject(t *testing.T) {
	tag := []byte("<script>x</script>")
	tests := map[string]string{
		"<p>a</p></body></html>":          "<p>a</p><script>x</script></body></html>",
		"<p>a</p></BODY></html>":          "<p>a</p><script>x</script></BODY></html>",
		"<p></body>in text</p></body>":    "<p></body>in text</p><script>x</script></body>",
		"<p>fragment</p>":                 "<p>fragment</p><script>x</script>",
		"<p>İstanbul Ünité</p></body>":    "<p>İstanbul Ünité</p><script>x</script></body>",
		"":                                "<script>x</script>",
		"</body":                          "</body<script>x</script>",
		"<body>\n</Body>\n</html>\n":      "<body>\n<script>x</script></Body>\n</html>\n",
		"<html><body><p>x</p></body>\r\n": "<html><body><p>x</p><script>x</script></body>\r\n",
	}
	for in, want := range tests {
		page := []byte(in)
		if got := string(inject(page, tag)); got != want {
			t.Errorf("inject(%q) = %q, want %q", in, got, want)
		}
		if string(page) != in {
			t.Errorf("inject modified its input %q", in)
		}
	}
}

func TestReloadScript(t *testing.T) {
	tag := string(scriptTag(`a"b-1`))
	if strings.Count(reloadJS, buildPlaceholder) != 1 || !strings.Contains(tag, `})("a\"b-1");`) {
		t.Errorf("the build id is not put in the script once:\n%s", tag[len(tag)-80:])
	}
	// Problem text reaches the page only through textContent; the script
	// cannot end its own element.
	for _, bad := range []string{"innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "</"} {
		if strings.Contains(reloadJS, bad) {
			t.Errorf("reload.js contains %q", bad)
		}
	}
	for _, want := range []string{EventsPath, `"hello"`, `"reload"`, `"css"`, `"error"`, `"ok"`, "textContent",
		`role", "alertdialog"`, "sessionStorage", `button`, "z-index", "attachShadow", "!important"} {
		if !strings.Contains(reloadJS, want) {
			t.Errorf("reload.js lacks %s", want)
		}
	}
}

func TestMergeKeepsTheStrongerEvent(t *testing.T) {
	ev := func(name, build string) event { return event{name, Message{Build: build}} }
	tests := []struct {
		prev *event
		next event
		want string
	}{
		{nil, ev(EventCSS, "2"), EventCSS},
		{&event{name: EventReload}, ev(EventCSS, "3"), EventReload},
		{&event{name: EventOK}, ev(EventCSS, "3"), EventOK},
		{&event{name: EventOK}, ev(EventReload, "3"), EventOK},
		{&event{name: EventReload}, ev(EventError, "2"), EventError},
		{&event{name: EventError}, ev(EventOK, "3"), EventOK},
		{&event{name: EventCSS}, ev(EventReload, "3"), EventReload},
	}
	for _, tt := range tests {
		got := merge(tt.prev, tt.next)
		if got.name != tt.want || got.msg.Build != tt.next.msg.Build {
			t.Errorf("merge(%v, %v) = %v, want %s with build %s", tt.prev, tt.next, got, tt.want, tt.next.msg.Build)
		}
	}
}

func TestCSSOnly(t *testing.T) {
	tests := []struct {
		changed []string
		want    bool
	}{
		{[]string{"static/css/folio.css"}, true},
		{[]string{"static/css/folio.css", "themes/x/static/print.css"}, true},
		{[]string{"static/css/folio.css", "content/_index.md"}, false},
		{[]string{"static/css"}, false}, // a removed folder
		{nil, false},
	}
	for _, tt := range tests {
		if got := cssOnly(tt.changed); got != tt.want {
			t.Errorf("cssOnly(%v) = %v", tt.changed, got)
		}
	}
}
