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
			dest := filepath.Join(t.TempDir(), "public")
			_, err := build.Build(build.Options{Source: "../..", Dest: dest, BaseURL: baseURL, Minify: true, Fingerprint: true})
			if err != nil {
				t.Fatal(err)
			}
			problems, err := linkcheck.Check(dest, linkcheck.Options{BaseURL: baseURL})
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range problems {
				t.Error(p)
			}
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
			dest := filepath.Join(t.TempDir(), "public")
			if _, err := build.Build(build.Options{Source: src, Dest: dest, BaseURL: baseURL, Minify: true}); err != nil {
				t.Fatal(err)
			}
			problems, err := linkcheck.Check(dest, linkcheck.Options{BaseURL: baseURL})
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range problems {
				t.Error(p)
			}
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
