package build_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/folio-sites/folio/generator/build"
	"github.com/folio-sites/folio/generator/linkcheck"
)

// TestSampleSiteHasNoBrokenLinks builds the repository's own sample
// district both ways it is published — without a base URL (opened from
// disk) and under a GitHub Pages sub-path — minified and fingerprinted as
// `folio build` does, and follows every internal link, anchor and asset.
func TestSampleSiteHasNoBrokenLinks(t *testing.T) {
	for _, baseURL := range []string{"", "https://example.github.io/district-portfolio/"} {
		t.Run("base="+baseURL, func(t *testing.T) {
			dest := buildAndFollowLinks(t, build.Options{Source: "../..", BaseURL: baseURL, Minify: true, Fingerprint: true})
			for _, f := range []string{".nojekyll", "404.html", "sitemap.xml", "robots.txt", "feed.xml", "board/index.html"} {
				if _, err := os.Stat(filepath.Join(dest, f)); err != nil {
					t.Errorf("missing %s", f)
				}
			}
		})
	}
}

// TestLinksToOddlyNamedFiles: evidence files whose names hold ?, #, %
// and spaces, listed on their school's page and linked from a narrative's
// text as they sit beside it, are reached by every link, with and without
// a base URL.
func TestLinksToOddlyNamedFiles(t *testing.T) {
	files := map[string]string{
		"content/_index.md":                    "---\ntitle: District\n---\nSee [Oak](schools/oak/_index.md).\n",
		"content/schools/oak/_index.md":        "---\nname: Oak\n---\nOur [plan](plan%3Fv2%233.pdf) and [walks](walks.md).\n",
		"content/schools/oak/walks.md":         "---\ntitle: Walks\n---\nThe [agenda](agenda%20final.pdf), the [plan](plan%3Fv2%233.pdf), [100%](100%25.pdf), [home](/) and [Oak](_index.md#main).\n",
		"content/schools/oak/plan?v2#3.pdf":    "%PDF-1.4",
		"content/schools/oak/agenda final.pdf": "%PDF-1.4",
		"content/schools/oak/100%.pdf":         "%PDF-1.4",
	}
	src := t.TempDir()
	for name, data := range files {
		p := filepath.Join(src, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, baseURL := range []string{"", "https://example.github.io/district-portfolio/"} {
		t.Run("base="+baseURL, func(t *testing.T) {
			dest := buildAndFollowLinks(t, build.Options{Source: src, BaseURL: baseURL, Minify: true})
			page, err := os.ReadFile(filepath.Join(dest, "schools", "oak", "index.html"))
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(page), "plan%3Fv2%233.pdf") {
				t.Errorf("the school's page does not link plan?v2#3.pdf escaped:\n%s", page)
			}
		})
	}
}

// buildAndFollowLinks builds the site of opts into a new folder, follows
// every internal link, anchor and asset of the output as a browser would,
// reports each broken one, and returns the folder.
func buildAndFollowLinks(t *testing.T, opts build.Options) string {
	t.Helper()
	opts.Dest = filepath.Join(t.TempDir(), "public")
	if _, err := build.Build(opts); err != nil {
		t.Fatal(err)
	}
	problems, err := linkcheck.Check(opts.Dest, linkcheck.Options{BaseURL: opts.BaseURL})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Error(p)
	}
	return opts.Dest
}
