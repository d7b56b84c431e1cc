package build_test

import (
	"crypto/sha512"
	"encoding/base64"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"github.com/folio-sites/folio/generator"
	"github.com/folio-sites/folio/generator/optimize"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/folio-sites/folio/generator/build"
)

const pagesBase = "https://example.github.io/district-portfolio/"

func TestSitemapRobotsAndFeedUseTheBaseURL(t *testing.T) {
	dir := writeSite(t, readArchive(t, "testdata/site.txtar"))
	_, out := buildSite(t, dir, build.Options{BaseURL: pagesBase})
	files := readTree(t, out)

	var sm struct {
		URLs []struct {
			Loc     string `xml:"loc"`
			LastMod string `xml:"lastmod"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal(files["sitemap.xml"], &sm); err != nil {
		t.Fatal(err)
	}
	locs := map[string]string{}
	for _, u := range sm.URLs {
		locs[u.Loc] = u.LastMod
	}
	if len(sm.URLs) != 15 {
		t.Errorf("sitemap lists %d URLs, want every page but the 404 (15)", len(sm.URLs))
	}
	if got, ok := locs[pagesBase+"schools/oak-elementary/walks/"]; !ok || got != "2025-10-01" {
		t.Errorf("sitemap entry for walks: %q present=%v", got, ok)
	}
	if _, ok := locs[pagesBase+"404.html"]; ok {
		t.Error("sitemap lists the 404 page")
	}
	if got := string(files["robots.txt"]); got != "User-agent: *\nAllow: /\nSitemap: "+pagesBase+"sitemap.xml\n" {
		t.Errorf("robots.txt = %q", got)
	}

	var feed struct {
		Updated string `xml:"updated"`
		Entries []struct {
			Title   string `xml:"title"`
			ID      string `xml:"id"`
			Updated string `xml:"updated"`
			Link    struct {
				Href string `xml:"href,attr"`
			} `xml:"link"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal(files["feed.xml"], &feed); err != nil {
		t.Fatal(err)
	}
	var titles []string
	for _, e := range feed.Entries {
		titles = append(titles, e.Title)
	}
	// Newest first; the draft is not in the feed.
	if strings.Join(titles, "|") != "Learning walks|Teams that learn|Leaders of Processes" {
		t.Errorf("feed entries = %v", titles)
	}
	if feed.Updated != "2025-10-01T00:00:00Z" || feed.Entries[0].Link.Href != pagesBase+"schools/oak-elementary/walks/" {
		t.Errorf("feed updated %s, first link %s", feed.Updated, feed.Entries[0].Link.Href)
	}
	if _, ok := files[".nojekyll"]; !ok {
		t.Error("no .nojekyll")
	}
}

func TestNotFoundPageHelpsALostReader(t *testing.T) {
	dir := writeSite(t, readArchive(t, "testdata/site.txtar"))
	_, out := buildSite(t, dir, build.Options{BaseURL: pagesBase})
	page := string(readTree(t, out)["404.html"])
	for _, want := range []string{
		"<h1>Page not found</h1>",
		`href="/district-portfolio/schools/oak-elementary/"`, // school list, absolute under the base path
		`href="/district-portfolio/css/folio.css"`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("404.html lacks %s", want)
		}
	}
}

func TestCanonicalAndSharingMetadata(t *testing.T) {
	dir := writeSite(t, readArchive(t, "testdata/site.txtar"))
	_, out := buildSite(t, dir, build.Options{BaseURL: pagesBase})
	page := string(readTree(t, out)["schools/oak-elementary/walks/index.html"])
	for _, want := range []string{
		`<html lang="en">`,
		`<link rel="canonical" href="` + pagesBase + `schools/oak-elementary/walks/">`,
		`<meta property="og:url" content="` + pagesBase + `schools/oak-elementary/walks/">`,
		`<meta property="og:title" content="Learning walks">`,
		`<meta property="og:type" content="article">`,
		`<meta name="description" content="We walk classrooms weekly.">`,
		`<link rel="icon" href="/district-portfolio/favicon.svg" type="image/svg+xml">`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %s", want)
		}
	}
}

var assetRef = regexp.MustCompile(`(?:href|src)="([^"]+\.(?:css|js))"(?: integrity="([^"]+)")?`)

func TestFingerprintedAssetsAreReferencedWithIntegrity(t *testing.T) {
	dir := writeSite(t, readArchive(t, "testdata/evidence.txtar"))
	for _, baseURL := range []string{"", pagesBase} {
		_, out := buildSite(t, dir, build.Options{BaseURL: baseURL, Minify: true, Fingerprint: true, Dest: filepath.Join(t.TempDir(), "public")})
		files := readTree(t, out)
		if _, ok := files["css/folio.css"]; ok {
			t.Error("unfingerprinted css/folio.css was published")
		}
		page := string(files["schools/oak/index.html"])
		refs := assetRef.FindAllStringSubmatch(page, -1)
		if len(refs) != 3 {
			t.Fatalf("base %q: %d CSS/JS references, want stylesheet, ECharts, chart script: %v", baseURL, len(refs), refs)
		}
		for _, m := range refs {
			name := regexp.MustCompile(`\.[0-9a-f]{10}\.(css|js)$`)
			if !name.MatchString(m[1]) {
				t.Errorf("%s is not fingerprinted", m[1])
			}
			// Integrity only where the browser can check it: not from disk.
			if (m[2] != "") != (baseURL != "") {
				t.Errorf("base %q: %s integrity %q", baseURL, m[1], m[2])
			}
			file := strings.TrimPrefix(m[1], "../../")
			file = strings.TrimPrefix(file, "/district-portfolio/")
			data, ok := files[file]
			if !ok {
				t.Errorf("%s refers to %s, which was not written", "schools/oak/index.html", file)
				continue
			}
			// The digest must be of the bytes published, or browsers
			// block the file.
			if m[2] != "" {
				sum := sha512.Sum384(data)
				if want := "sha384-" + base64.StdEncoding.EncodeToString(sum[:]); m[2] != want {
					t.Errorf("base %q: %s has integrity %s, but the file published hashes to %s", baseURL, m[1], m[2], want)
				}
			}
		}
	}
}

func TestMinifiedSiteIsSmallerAndChartsStillParse(t *testing.T) {
	dir := writeSite(t, readArchive(t, "testdata/evidence.txtar"))
	plain, _ := buildSite(t, dir, build.Options{Dest: filepath.Join(t.TempDir(), "a")})
	small, out := buildSite(t, dir, build.Options{Minify: true, Dest: filepath.Join(t.TempDir(), "b")})
	if small.Written.Bytes >= plain.Written.Bytes || small.Minified.Saved() <= 0 {
		t.Errorf("minified %d bytes (saved %d), plain %d", small.Written.Bytes, small.Minified.Saved(), plain.Written.Bytes)
	}
	page, _ := os.ReadFile(filepath.Join(out, "schools", "oak", "index.html"))
	n := 0
	for _, m := range chartAttr.FindAllSubmatch(page, -1) {
		var opt map[string]any
		if err := json.Unmarshal(m[1], &opt); err != nil {
			t.Errorf("chart JSON broken by minifying: %v", err)
		}
		n++
	}
	if n == 0 {
		t.Error("no charts found in the minified page")
	}
}

// Pages are minified by rendering them from minified layouts, not one by
// one. The result must be what minifying each page would give: a page
// rendered from the layouts as written and then minified equals the same
// page rendered from minified layouts and then minified (a second pass
// over already minified HTML changes nothing it means), and the pages of
// the minified build are smaller.
func TestMinifiedLayoutsMakeMinifiedPages(t *testing.T) {
	dir := writeSite(t, readArchive(t, "testdata/evidence.txtar"))
	_, plainOut := buildSite(t, dir, build.Options{BaseURL: pagesBase, Dest: filepath.Join(t.TempDir(), "a")})
	_, smallOut := buildSite(t, dir, build.Options{BaseURL: pagesBase, Minify: true, Dest: filepath.Join(t.TempDir(), "b")})
	plain, small := readTree(t, plainOut), readTree(t, smallOut)
	mn := optimize.NewMinifier()
	minified := func(name string, data []byte) string {
		f := generator.File{Path: name, Data: slices.Clone(data)}
		if _, err := mn.File(&f); err != nil {
			t.Fatal(err)
		}
		return string(f.Data)
	}
	pages := 0
	for name, data := range plain {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		pages++
		got, ok := small[name]
		if !ok {
			t.Errorf("%s: missing from the minified build", name)
			continue
		}
		if len(got) >= len(data) {
			t.Errorf("%s: %d bytes minified, %d as written", name, len(got), len(data))
		}
		if want := minified(name, data); minified(name, got) != want {
			t.Errorf("%s: the page from minified layouts means something else than the page minified:\n%s", name, firstDifference(minified(name, got), want))
		}
	}
	if pages < 10 {
		t.Fatalf("only %d pages compared", pages)
	}
}

// firstDifference shows where two texts first differ.
func firstDifference(got, want string) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	lo := max(0, i-60)
	return fmt.Sprintf("got  …%s…\nwant …%s…", got[lo:min(len(got), i+60)], want[lo:min(len(want), i+60)])
}
