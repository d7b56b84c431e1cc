package content

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

// linkifyPair renders markdown with goldmark's extension.GFM and with
// gfm, folio's, each beside the other extensions folio uses.
func linkifyPair() (stock, quick goldmark.Markdown) {
	others := []goldmark.Extender{extension.Footnote, extension.DefinitionList, extension.Typographer}
	return goldmark.New(goldmark.WithExtensions(append([]goldmark.Extender{extension.GFM}, others...)...)),
		goldmark.New(goldmark.WithExtensions(append([]goldmark.Extender{gfm}, others...)...))
}

func sameHTML(t *testing.T, stock, quick goldmark.Markdown, src []byte) {
	t.Helper()
	var want, got bytes.Buffer
	if err := stock.Convert(src, &want); err != nil {
		t.Fatal(err)
	}
	if err := quick.Convert(src, &got); err != nil {
		t.Fatal(err)
	}
	if want.String() != got.String() {
		t.Fatalf("markdown %q\nGFM:   %q\nfolio: %q", src, want.String(), got.String())
	}
}

var linkifySeeds = []string{
	"See http://example.org/plan, or https://example.org/a_(b).",
	"Write to principal@example.org or (office@district.k12.us).",
	"www.example.org/x and *www.example.org* and _https://a.b_ and ~ftp://f.example/x~",
	"me@example no dot, a.b@c.d., x@y.z-",
	strings.Repeat("a", 64) + "@example.org " + strings.Repeat("b", 65) + "@example.org",
	"tab\twww.example.org\nline head http://x.y\n\n@home and @ and a@b.c",
	"[a link www.example.org](http://x) and ![img http://y](z.png)",
	"HTTP://UPPER.CASE and Www.example.org and h f w",
	"naïve café www.exämple.org user@exämple.org",
	"| a | b |\n|---|---|\n| http://x.y | me@x.y |\n\n- [ ] task www.a.b\n- [x] done",
	"`http://in.code` and <http://angle.example> and <me@angle.example>",
	"trailing http://x.y?! and http://x.y); and http://x.y&amp; and ftp://",
}

// TestQuickLinkifyAsGFM renders the seeds, the sample district's
// narratives and the scaffold's with both and compares the HTML.
func TestQuickLinkifyAsGFM(t *testing.T) {
	stock, quick := linkifyPair()
	for _, s := range linkifySeeds {
		sameHTML(t, stock, quick, []byte(s))
	}
	files := 0
	for _, root := range []string{"../../content", "../scaffold"} {
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
				return err
			}
			src, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			files++
			sameHTML(t, stock, quick, src)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if files < 10 {
		t.Fatalf("compared %d markdown files: the sample district should have more", files)
	}
}

// FuzzQuickLinkify holds folio's linkify to goldmark's: the same HTML for
// any markdown.
func FuzzQuickLinkify(f *testing.F) {
	for _, s := range linkifySeeds {
		f.Add(s)
	}
	stock, quick := linkifyPair()
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 4096 {
			return
		}
		sameHTML(t, stock, quick, []byte(s))
	})
}
