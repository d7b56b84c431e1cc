package build_test

import (
	"os"
	"path/filepath"
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
