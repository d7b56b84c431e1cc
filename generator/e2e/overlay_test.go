package e2e_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/folio-sites/folio/generator/scaffold"
	"github.com/folio-sites/folio/generator/serve"
)

// TestErrorOverlayIsReadableOverAnyPage breaks a site while its page is
// open under the preview, on a page whose own stylesheet fades, blurs,
// hides and recolours everything, and checks that the problems panel is
// opaque and its text visible.
func TestErrorOverlayIsReadableOverAnyPage(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	if _, err := scaffold.NewSite(dir, scaffold.SiteOptions{FolioVersion: "v0.1.0"}); err != nil {
		t.Fatal(err)
	}
	listening := make(chan string, 1)
	rebuilt := make(chan serve.Update, 4)
	s, err := serve.New(serve.Options{Source: dir, Port: 0,
		OnListen:  func(url string) { listening <- url },
		OnRebuild: func(u serve.Update) { rebuilt <- u }})
	if err != nil {
		t.Fatal(err)
	}
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx) }()
	t.Cleanup(func() { stop(); <-done })
	var url string
	select {
	case url = <-listening:
	case err := <-done:
		t.Fatalf("serve: %v", err)
	case <-time.After(30 * time.Second):
		t.Fatal("the preview did not start")
	}

	tab := newTab(t, 2*time.Minute)
	if !visit(t, tab, url+"/schools/example-elementary/") {
		return
	}
	eval[bool](t, tab, `(() => {
		const s = document.createElement("style");
		s.textContent = "* { opacity: .15 !important; color: transparent !important; background: transparent !important; filter: blur(3px) !important; }" +
			" body { transform: translateX(40px); opacity: .1 !important; } li, h2, button { display: none !important; }" +
			" div { position: static !important; z-index: 0 !important; }";
		document.head.appendChild(s);
		return true;
	})()`)
	narrative := filepath.Join(dir, "content", "schools", "example-elementary", "getting-started.md")
	if err := os.WriteFile(narrative, []byte("---\ntitle: Broken\nstandards: [ISSL 9z]\n---\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	select {
	case <-rebuilt:
	case <-time.After(30 * time.Second):
		t.Fatal("no rebuild after the narrative broke")
	}
	type panel struct {
		Found                              bool
		Opacity, Background, Filter, Color string
		Items                              int
		ItemColor, ItemDisplay, ItemText   string
		Width, Height, InnerW, InnerH      float64
	}
	var got panel
	for start := time.Now(); time.Since(start) < 20*time.Second; time.Sleep(100 * time.Millisecond) {
		got = eval[panel](t, tab, `(() => {
			const host = document.getElementById("folio-serve-problems");
			if (!host || !host.shadowRoot) return {Found: false};
			const cs = getComputedStyle(host), li = host.shadowRoot.querySelector("li");
			const r = host.getBoundingClientRect();
			return {Found: true, Opacity: cs.opacity, Background: cs.backgroundColor, Filter: cs.filter, Color: cs.color,
				Items: host.shadowRoot.querySelectorAll("li").length,
				ItemColor: li ? getComputedStyle(li).color : "", ItemDisplay: li ? getComputedStyle(li).display : "",
				ItemText: li ? li.textContent : "", Width: r.width, Height: r.height, InnerW: innerWidth, InnerH: innerHeight};
		})()`)
		if got.Found {
			break
		}
	}
	if !got.Found {
		t.Fatal("no problems panel appeared after the site broke")
	}
	if got.Opacity != "1" || got.Background != "rgb(24, 24, 27)" || got.Filter != "none" {
		t.Errorf("the panel is not opaque: opacity %s, background %s, filter %s", got.Opacity, got.Background, got.Filter)
	}
	if got.Width < got.InnerW-20 || got.Height < got.InnerH {
		t.Errorf("the panel covers %.0f×%.0f px of a %.0f×%.0f window", got.Width, got.Height, got.InnerW, got.InnerH)
	}
	if got.Items != 1 || got.ItemColor != "rgb(244, 244, 245)" || got.ItemDisplay == "none" {
		t.Errorf("the problem is not readable: %d items, colour %s, display %s", got.Items, got.ItemColor, got.ItemDisplay)
	}
	if want := "content/schools/example-elementary/getting-started.md:3:13: unknown standard 'ISSL 9z'"; len(got.ItemText) < len(want) || got.ItemText[:len(want)] != want {
		t.Errorf("the panel lists %q", got.ItemText)
	}
}
