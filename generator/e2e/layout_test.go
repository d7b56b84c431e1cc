package e2e_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// widths are the viewports a reader is likely to have.
var widths = []struct {
	Name          string
	Width, Height int64
	Mobile        bool
}{
	{"phone", 375, 812, true},
	{"tablet", 768, 1024, true},
	{"desktop", 1280, 800, false},
}

// overflowJS measures horizontal overflow and names the elements that
// stick out of a viewport vw pixels wide, so a failure says what to fix.
const overflowJS = `((vw) => {
  const culprits = [];
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.width > 0 && r.right > vw + 1) {
      let p = el.parentElement, inside = false;
      for (; p; p = p.parentElement) {
        const cs = getComputedStyle(p);
        if (cs.overflowX !== 'visible' && p.getBoundingClientRect().right <= vw + 1) { inside = true; break; }
      }
      if (!inside) culprits.push({right: Math.round(r.right), what: el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
        (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : '') +
        ' "' + el.textContent.trim().slice(0, 30) + '"'});
    }
  }
  culprits.sort((a, b) => b.right - a.right);
  return {scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth,
    culprits: culprits.slice(0, 6).map(c => c.what + ' reaches ' + c.right + ' px')};
})`

// TestLayout loads the home page, a school, a narrative and the board
// packet at phone, tablet and desktop widths: the page must not scroll
// sideways. Full-page screenshots are saved for a person to look at.
func TestLayout(t *testing.T) {
	t.Parallel()
	s := sampleDistrict(t)
	dir := artifactsDir(t)
	ctx := newTab(t, 2*time.Minute)
	pages := []struct{ Name, Path string }{
		{"home", homePage},
		{"school", schoolPage},
		{"narrative", narrativePage},
		{"board", boardPage},
		{"goals", goalsPage},
		{"changes", changesPage},
	}
	saved := 0
	for _, w := range widths {
		var opts []chromedp.EmulateViewportOption
		if w.Mobile {
			opts = append(opts, chromedp.EmulateMobile)
		}
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(w.Width, w.Height, opts...)); err != nil {
			t.Fatal(err)
		}
		for _, p := range pages {
			url := s.PageURL(p.Path)
			// Navigate after the viewport changes: charts take their size
			// from their container when they are drawn.
			if !visit(t, ctx, url) {
				continue
			}
			m := eval[struct {
				ScrollWidth int      `json:"scrollWidth"`
				InnerWidth  int      `json:"innerWidth"`
				Culprits    []string `json:"culprits"`
			}](t, ctx, fmt.Sprintf("%s(%d)", overflowJS, w.Width))
			// A mobile browser widens its layout viewport to fit content
			// that overflows, so innerWidth alone would hide the overflow.
			if m.ScrollWidth > m.InnerWidth || m.InnerWidth != int(w.Width) {
				t.Errorf("%s at %s width (%d px): scrolls sideways, content is %d px wide; sticking out: %s",
					url, w.Name, w.Width, m.ScrollWidth, strings.Join(m.Culprits, ", "))
			}
			img, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)) // 100: a PNG
			if err != nil {
				t.Errorf("%s: screenshot: %v", url, err)
				continue
			}
			name := filepath.Join(dir, fmt.Sprintf("%s-%s-%d.png", p.Name, w.Name, w.Width))
			if err := os.WriteFile(name, img, 0o644); err != nil {
				t.Fatal(err)
			}
			saved++
		}
	}
	t.Logf("%d screenshots saved in %s", saved, dir)
}
