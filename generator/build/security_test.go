package build_test

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/folio-sites/folio/generator/build"
)

// TestContentSecurityPolicy: a site published at a base URL carries a
// policy that lets scripts load only from the theme's own script files, at
// exactly the URLs (fingerprinted, integrity-checked) the page loads them
// from; a site without a base URL, opened from disk, carries none.
func TestContentSecurityPolicy(t *testing.T) {
	dir := writeSite(t, readArchive(t, "testdata/evidence.txtar"))
	metaRE := regexp.MustCompile(`<meta http-equiv="?Content-Security-Policy"? content="([^"]*)">`)
	srcRE := regexp.MustCompile(`<script src="?([^" >]*)"?`)

	_, out := buildSite(t, dir, build.Options{BaseURL: pagesBase, Minify: true, Fingerprint: true})
	pages := 0
	for name, data := range readTree(t, out) {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		page := string(data)
		m := metaRE.FindStringSubmatch(page)
		if m == nil {
			t.Errorf("%s: no Content-Security-Policy meta element", name)
			continue
		}
		pages++
		if i, j := strings.Index(page, "Content-Security-Policy"), strings.Index(page, "<script"); j >= 0 && j < i {
			t.Errorf("%s: a script comes before the policy", name)
		}
		directives := strings.Split(m[1], "; ")
		if len(directives) != 3 || directives[1] != "object-src 'none'" || directives[2] != "base-uri 'self'" {
			t.Errorf("%s: policy %q", name, m[1])
			continue
		}
		allowed := strings.Fields(strings.TrimPrefix(directives[0], "script-src "))
		for _, a := range allowed {
			if !strings.HasPrefix(a, pagesBase+"js/") || !strings.HasSuffix(a, ".js") {
				t.Errorf("%s: script-src allows %s, not one of the theme's script files", name, a)
			}
		}
		for _, s := range srcRE.FindAllStringSubmatch(page, -1) {
			// Scripts are linked by path under the base URL's host.
			if !slices.Contains(allowed, "https://example.github.io"+s[1]) {
				t.Errorf("%s: the page loads %s, which its policy does not allow (%v)", name, s[1], allowed)
			}
		}
	}
	if pages == 0 {
		t.Fatal("no pages")
	}

	_, out = buildSite(t, dir, build.Options{Dest: filepath.Join(t.TempDir(), "local")})
	home, err := os.ReadFile(filepath.Join(out, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(home), "Content-Security-Policy") {
		t.Error("a build without a base URL carries a policy")
	}
}

// The indicator table keeps what the author wrote in installation.csv as
// text: a note or an evidence address holding markup stays escaped.
func TestIndicatorTableKeepsAuthorTextInert(t *testing.T) {
	a := readArchive(t, "testdata/evidence.txtar")
	for i, f := range a.Files {
		if f.Name == "data/installation.csv" {
			a.Files[i].Data = []byte(strings.Replace(string(f.Data), "https://example.org/b.pdf,Agendas filed weekly",
				`"https://example.org/x.pdf?a=1&b=""><script>","<img src=x onerror=alert(1)> & 'more'"`, 1))
		}
	}
	dir := writeSite(t, a)
	_, out := buildSite(t, dir, build.Options{})
	page := string(readTree(t, out)["schools/oak/index.html"])
	i := strings.Index(page, `<details class="indicators">`)
	if i < 0 {
		t.Fatal("no indicator table on the school page")
	}
	table := page[i:]
	table = table[:strings.Index(table, "</details>")]
	for _, bad := range []string{"<img", "<script"} {
		if strings.Contains(table, bad) {
			t.Errorf("the indicator table holds %q:\n%s", bad, table)
		}
	}
	for _, want := range []string{"&lt;img src=x onerror=alert(1)&gt; &amp; &#39;more&#39;", `<a href="https://example.org/x.pdf?a=1&amp;b=`} {
		if !strings.Contains(table, want) {
			t.Errorf("the indicator table lacks %q:\n%s", want, table)
		}
	}
}
