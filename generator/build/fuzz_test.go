package build_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"golang.org/x/net/html"

	"github.com/folio-sites/folio/generator/build"
)

// fuzzSite is a small site with a school, a narrative whose front matter
// and body are fuzzed, and one fuzzed cell written as the school's name,
// a subgroup's label and an installation note.
func fuzzSite(frontMatter, body, cell string) fstest.MapFS {
	quoted, _ := json.Marshal(cell) // a YAML double-quoted scalar
	var note bytes.Buffer
	w := csv.NewWriter(&note)
	w.Write([]string{"oak", "partnership-1a", "2025-05-01", "partial", "", "", cell})
	w.Flush()
	file := func(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }
	return fstest.MapFS{
		"folio.yaml":                    file("title: Fuzz\nbase_url: https://example.github.io/fuzz/\n"),
		"content/_index.md":             file("---\ntitle: Home\n---\nWelcome.\n"),
		"content/schools/oak/_index.md": file("---\nname: " + string(quoted) + "\nlevel: elementary\n---\n"),
		"content/schools/oak/story.md":  file("---\ntitle: Story\n" + frontMatter + "\n---\n" + body),
		"data/framework.yaml": file(`name: Network
components:
  - id: partnership
    title: Partnership
    practices:
      - id: partnership-1
        text: Meets weekly
        indicators:
          - {id: partnership-1a, text: Meetings per month, target: 4}
`),
		"data/installation.csv": file("school,indicator,date,status,value,evidence,note\n" + note.String()),
		"data/trust.yaml":       file("scale: {min: 1, max: 6}\nfacets:\n  - {id: benevolence, label: " + string(quoted) + "}\ngroups:\n  - {id: teachers, label: Teachers}\n  - {id: principals, label: Principals}\n"),
		// oak has principals' rows only: a trust chart of teachers finds none.
		"data/trust.csv":        file("school,year,group,facet,mean,respondents\noak,2023-24,principals,benevolence,4.1,12\noak,2024-25,principals,benevolence,4.5,12\n"),
		"data/achievement.yaml": file("min_n: 10\nsubjects:\n  - {id: math, label: Mathematics}\nsubgroups:\n  - {id: all, label: All students}\n  - {id: black, label: " + string(quoted) + "}\n"),
		"data/achievement.csv": file(`school,year,subject,subgroup,tested,proficient_pct
oak,2023-24,math,all,800,50.1
oak,2024-25,math,all,800,55.1
oak,2023-24,math,black,100,41.0
oak,2024-25,math,black,100,46.0
`),
	}
}

// FuzzBuild builds a whole site from fuzzed author input. Whatever the
// input, the build does not crash, it either succeeds or reports
// problems each at a file of the site, and no page holds a script, an
// event handler attribute, a javascript: URL or an embedding element
// that the author wrote.
func FuzzBuild(f *testing.F) {
	chart := "\n```chart\nkind: achievement\nsubject: math\n```\n"
	for _, seed := range []struct{ fm, body, cell string }{
		{"", "Plain text.\n" + chart, "Oak Elementary"},
		// The heading of issue 11 that drew an author's chart, whose
		// tooltip ran script on the first mouse movement.
		{"", `## Our results {data-chart-option="{\"series\":[{\"type\":\"bar\",\"data\":[1]}],\"xAxis\":{\"type\":\"category\",\"data\":[\"a\"]},\"yAxis\":{},\"tooltip\":{\"formatter\":\"<img src=x onerror=alert(document.domain)>\"}}" style="height:400vh;margin-top:-200vh;opacity:0;z-index:99999"}` + "\n", "x"},
		{"", "## Title {onclick=alert(1) #id .class}\n\n# Another {onmouseover=\"alert(1)\"}\n", "x"},
		{"", "<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n<iframe src=javascript:alert(1)></iframe>\n", "<img src=x onerror=alert(1)>"},
		{"", "[click](javascript:alert(1)) [also](JaVaScRiPt&colon;alert(1)) [tab](java\tscript:alert(1)) <javascript:alert(1)>\n\n![x](javascript:alert(1))\n\n[ref]\n\n[ref]: javascript:alert(1)\n", "javascript:alert(1)"},
		{"summary: \"</script><script>alert(1)</script>\"", "Body\n", "</script><script>alert(1)</script>"},
		{"summary: \"\\\"><svg onload=alert(1)>\"\nweight: 1", "Body\n", "\"><svg/onload=alert(1)>"},
		{"standards: [\"<svg onload=alert(1)>\"]\npractices: [\"\\\"><img src=x onerror=alert(1)>\"]", "Body\n", "x"},
		// A trust chart of a facet over time, and the trust chart of
		// issue 11 that panicked: group teachers, where oak has only
		// principals' rows.
		{"", "```chart\nkind: trust\nfacet: benevolence\n```\n" + chart, "x"},
		{"", "```chart\nkind: trust\ngroup: teachers\n```\n", "x"},
		{"", "```chart\nkind: achievement\nsubject: \"<img src=x onerror=alert(1)>\"\n```\n", "x"},
		{"title: [1, 2]", strings.Repeat("> ", 300) + "deep\n", "\x1b[2K\r\x1b[32mfolio: built"},
		{"date: 2025-13-45\ndraft: maybe", "- a\n  - b\n    - c\n" + strings.Repeat("#", 7) + " x\n", "'; alert(1); '"},
		{"---", "{{ .Site }} {{/* */}}\n", "{{ template \"base\" }}"},
	} {
		f.Add(seed.fm, seed.body, seed.cell)
	}
	f.Fuzz(func(t *testing.T, frontMatter, body, cell string) {
		fsys := fuzzSite(frontMatter, body, cell)
		watchdog := time.AfterFunc(30*time.Second, func() {
			panic(fmt.Sprintf("HANG fm=%q body=%.3000q cell=%q", frontMatter, body, cell))
		})
		defer watchdog.Stop()
		res, err := build.Generate(fsys, build.Options{Minify: true, Fingerprint: true})
		if err != nil && !build.IsSiteError(err) {
			t.Fatalf("build failed without a diagnostic: %v", err)
		}
		if res == nil {
			t.Fatal("no result")
		}
		if err != nil && !res.Diagnostics.HasErrors() {
			t.Fatalf("build failed but reported no error: %v", err)
		}
		for _, d := range res.Diagnostics {
			if strings.Contains(d.Message, "folio crashed") {
				t.Fatalf("a stage crashed: %s", d)
			}
			if d.Pos.File == "" {
				t.Fatalf("problem without a file: %s", d)
			}
			if _, err := fs.Stat(fsys, d.Pos.File); err != nil {
				t.Fatalf("problem at a file that is not in the site: %s", d)
			}
		}
		if err != nil {
			t.Logf("%d problems, first: %s", len(res.Diagnostics), res.Diagnostics[0])
			return
		}
		t.Logf("built %d files", len(res.Files))
		for _, file := range res.Files {
			if strings.HasSuffix(file.Path, ".html") {
				if problem := authorActiveContent(file.Data); problem != "" {
					t.Fatalf("%s: %s", file.Path, problem)
				}
			}
		}
	})
}

// authorActiveContent returns what in page could run script or embed
// another document and is not folio's own: folio writes only <script
// src="…/js/….js"> elements without content (and JSON data blocks).
func authorActiveContent(page []byte) string {
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		return "does not parse: " + err.Error()
	}
	var problem string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if problem != "" {
			return
		}
		if n.Type == html.ElementNode {
			if p := activeElement(n); p != "" {
				problem = p
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return problem
}

func activeElement(n *html.Node) string {
	attr := map[string]string{}
	for _, a := range n.Attr {
		key := strings.ToLower(a.Key)
		if a.Namespace != "" {
			key = a.Namespace + ":" + key
		}
		attr[key] = a.Val
		if strings.HasPrefix(key, "on") {
			return "event handler attribute " + key + "=" + a.Val
		}
		switch key {
		case "href", "src", "action", "formaction", "xlink:href", "poster", "cite", "background", "data", "srcdoc":
			if scheme := urlScheme(a.Val); scheme == "javascript" || scheme == "vbscript" || (scheme == "data" && key != "src") {
				return "URL " + key + "=" + a.Val
			}
		}
	}
	switch n.Data {
	case "script":
		src, hasSrc := attr["src"]
		switch {
		case hasSrc && n.FirstChild == nil && strings.HasSuffix(src, ".js") && strings.Contains(src, "js/") && !strings.Contains(src, ":"):
		case attr["type"] == "application/json" || attr["type"] == "application/ld+json":
			if n.FirstChild == nil || !json.Valid([]byte(n.FirstChild.Data)) {
				return "JSON script that is not JSON"
			}
		default:
			return "script element " + renderNode(n)
		}
	case "iframe", "frame", "object", "embed", "base", "form", "applet", "portal":
		return "element " + renderNode(n)
	case "meta":
		if strings.EqualFold(attr["http-equiv"], "refresh") {
			return "meta refresh " + attr["content"]
		}
	}
	return ""
}

// urlScheme is the scheme a browser reads from an attribute's value: it
// drops tabs and newlines anywhere and control characters and spaces at
// the ends.
func urlScheme(v string) string {
	v = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, v)
	v = strings.TrimFunc(v, func(r rune) bool { return r <= ' ' })
	scheme, _, ok := strings.Cut(v, ":")
	if !ok || strings.ContainsAny(scheme, "/?#") {
		return ""
	}
	return strings.ToLower(scheme)
}

func renderNode(n *html.Node) string {
	var b bytes.Buffer
	html.Render(&b, n)
	if b.Len() > 200 {
		return b.String()[:200] + "…"
	}
	return b.String()
}

// The fuzzer's check finds what it looks for.
func TestAuthorActiveContent(t *testing.T) {
	page := func(body string) []byte {
		return []byte(`<!DOCTYPE html><html><head><script src="../js/folio-charts.1b3be5d561.js" defer></script></head><body>` + body + `</body></html>`)
	}
	for body, want := range map[string]string{
		`<p>fine <a href="https://example.org/">link</a></p>`:                  "",
		`<script type="application/json">{"a":"\u003c/script\u003e"}</script>`: "",
		`<script>alert(1)</script>`:                                            "script element",
		`<script src="https://evil.example/js/x.js"></script>`:                 "script element",
		`<img src=x onerror=alert(1)>`:                                         "event handler attribute onerror",
		`<h2 OnMouseOver="alert(1)">x</h2>`:                                    "event handler attribute onmouseover",
		`<a href=" java&#09;script:alert(1)">x</a>`:                            "URL href",
		`<a href="JAVASCRIPT:alert(1)">x</a>`:                                  "URL href",
		`<svg><a xlink:href="javascript:alert(1)">x</a></svg>`:                 "URL xlink:href",
		`<iframe src="https://example.org/"></iframe>`:                         "element <iframe",
		`<meta http-equiv="refresh" content="0;url=javascript:alert(1)">`:      "meta refresh",
		`<script type="application/json">alert(1)</script>`:                    "JSON script that is not JSON",
	} {
		got := authorActiveContent(page(body))
		if (want == "") != (got == "") || !strings.HasPrefix(got, want) {
			t.Errorf("%s: got %q, want %q", body, got, want)
		}
	}
}
