package content_test

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/folio-sites/folio/generator"
	"github.com/folio-sites/folio/generator/content"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// markdownSeeds are what authors have tried, or could: issue 11's hostile
// heading, raw HTML, script links in every spelling goldmark knows, and
// the shapes that once took minutes.
var markdownSeeds = []string{
	hostileHeading,
	"## Intro {#intro .wide}\n\n## Intro\n\n## Intro {#intro}\n",
	"## T {data-x=\"1\" style=\"color:red\" onmouseover=alert(1) class=\"chart\"}\n",
	"Setext {style=\"x\"}\n===\n",
	"<script>alert(1)</script>\n\n<style>body{display:none}</style>\n",
	"Inline <img src=x onerror=alert(1)> and <a href=\"javascript:alert(1)\">x</a>.\n",
	"<div style=\"position:fixed\" data-chart-option=\"{}\">x</div>\n",
	"[a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) [c](javascript&colon;alert(1)) [d](java\tscript:alert(1))\n",
	"[e](vbscript:msgbox(1)) [f](data:text/html,<script>alert(1)</script>) ![g](data:image/png;base64,AAAA)\n",
	"<javascript:alert(1)> https://example.org/?q=<script>\n",
	"[ref]\n\n[ref]: javascript:alert(1) \"title\"\n",
	"![x](\"onerror=\"alert(1))\n",
	"| a | b |\n|:--|--:|\n| <b onclick=x>1</b> | 2 |\n",
	"- [x] done\n- [ ] open <input onfocus=alert(1) autofocus>\n",
	"Text[^1].\n\n[^1]: Note with <script>x</script>.\n",
	"```chart\nkind: trust\ngroup: teachers\n```\n\n```html\n<script>alert(1)</script>\n```\n",
	"Term\n: Definition <iframe src=//evil>\n",
	strings.Repeat(">", 150) + " deep\n",
	strings.Repeat("- ", 150) + "deep\n",
	strings.Repeat("## Intro\n\n", 50),
	"*a **b [c](d) `e` <f>*\n",
}

// FuzzMarkdown renders whatever an author could write, with raw HTML off
// as on every site by default, and checks that nothing in the output can
// run script, restyle the page or reach the page's scripts: no script,
// style or other active element, no event handler, no style attribute
// (but the table alignment goldmark writes), no data-* attribute, no
// javascript:, vbscript: or non-image data: URL.
func FuzzMarkdown(f *testing.F) {
	for _, s := range markdownSeeds {
		f.Add(s)
	}
	md := content.NewMarkdown(generator.MarkdownConfig{})
	unsafe := content.NewMarkdown(generator.MarkdownConfig{UnsafeHTML: true})
	f.Fuzz(func(t *testing.T, body string) {
		var ds generator.Diagnostics
		out, _, _ := md.Render([]byte(body), "content/district/a.md", 1, &ds)
		for _, p := range activeMarkup(t, string(out)) {
			t.Errorf("%s\nin the output of %q:\n%s", p, body, out)
		}
		for _, d := range ds {
			if d.Pos.File != "content/district/a.md" || d.Pos.Line < 1 || d.Pos.Line > strings.Count(body, "\n")+1 {
				t.Errorf("diagnostic outside the file: %s", d)
			}
		}
		unsafe.Render([]byte(body), "content/district/a.md", 1, new(generator.Diagnostics)) // must not panic either
	})
}

var (
	activeElements = map[string]bool{"script": true, "style": true, "iframe": true, "object": true, "embed": true,
		"base": true, "meta": true, "link": true, "form": true, "svg": true, "math": true, "frame": true, "template": true}
	urlAttributes  = map[string]bool{"href": true, "src": true, "action": true, "formaction": true, "xlink:href": true, "poster": true, "srcset": true}
	tableAlignment = regexp.MustCompile(`^text-align:(left|right|center)$`)
	dataImage      = regexp.MustCompile(`^data:image/(png|gif|jpeg|webp);`)
)

// activeMarkup lists what in a rendered body could act on the page.
func activeMarkup(t *testing.T, body string) []string {
	nodes, err := html.ParseFragment(strings.NewReader(body), &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div})
	if err != nil {
		// x/net/html builds no tree of more than 512 open elements (its
		// guard against quadratic parsing), which a thousand emphasis
		// marks in a row make; a browser builds it. What could act on the
		// page is in the tags themselves: read those instead.
		if !strings.Contains(err.Error(), "open stack of elements exceeds") {
			t.Fatalf("output does not parse: %v", err)
		}
		return activeTags(body)
	}
	var problems []string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			if n.Namespace != "" {
				problems = append(problems, "element <"+n.Data+"> in "+n.Namespace)
			}
			problems = append(problems, activeElement(n.Data, n.Attr)...)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for _, n := range nodes {
		walk(n)
	}
	return problems
}

// activeTags is activeMarkup read from the tags of body, without building
// its tree.
func activeTags(body string) []string {
	var problems []string
	z := html.NewTokenizer(strings.NewReader(body))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return problems
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			problems = append(problems, activeElement(tok.Data, tok.Attr)...)
		}
	}
}

// activeElement lists what in one element, its name or its attributes,
// could act on the page.
func activeElement(name string, attrs []html.Attribute) []string {
	var problems []string
	if activeElements[name] {
		problems = append(problems, "element <"+name+">")
	}
	for _, a := range attrs {
		key := strings.ToLower(a.Key)
		switch {
		case strings.HasPrefix(key, "on"):
			problems = append(problems, "event attribute "+key)
		case strings.HasPrefix(key, "data-"):
			problems = append(problems, "attribute "+key)
		case key == "style" && !((name == "td" || name == "th") && tableAlignment.MatchString(a.Val)):
			problems = append(problems, "style attribute "+a.Val)
		case urlAttributes[key] && dangerousURL(a.Val):
			problems = append(problems, key+" URL "+a.Val)
		}
	}
	return problems
}

// dangerousURL reports whether a browser would run the URL as script or
// open it as a document of its own: it drops tabs and newlines anywhere
// and spaces and control characters around, and ignores case.
func dangerousURL(v string) bool {
	v = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, v)
	v = strings.ToLower(strings.TrimFunc(v, func(r rune) bool { return r <= ' ' }))
	switch {
	case strings.HasPrefix(v, "javascript:"), strings.HasPrefix(v, "vbscript:"):
		return true
	case strings.HasPrefix(v, "data:"):
		return !dataImage.MatchString(v)
	}
	return false
}

// frontMatterSeeds cover every opening folio accepts, and the ways each
// goes wrong.
var frontMatterSeeds = []string{
	"---\ntitle: Rounds\ndate: 2025-10-01\nstandards: [ISSL 1a]\npractices: [p-1]\ndraft: false\nweight: 3\n---\nBody.\n",
	"\ufeff---\r\ntitle: Rounds\r\n---\r\nBody.\r\n",
	"---\ntitle: Open\n",
	"---\ntitle: [unclosed\n---\n",
	"---\ntitle: a\n\tweight: 2\n---\n",
	"---\nstandrads: [x]\ntitle: t\nweight: many\ndate: yesterday\n---\n",
	"+++\ntitle = \"Rounds\"\nweight = 3\ndate = 2025-10-01\n+++\nBody.\n",
	"+++\ntitle = \n+++\n",
	"{\n\"title\": \"Rounds\",\n\"weight\": 3\n}\n\nBody.\n",
	"{\n\"title\": \"Rounds\"\n\"weight\": 3\n}\n\n",
	";;;\n{\"title\": \"x\"}\n;;;\n",
	"---json\n{\"title\": 1}\n---\n",
	"---toml\ntitle = 'x'\n---\n",
	"---\n---\n",
	"---\n# only a comment\n---\nBody\n",
	"---\ntitle: &a x\nsummary: *a\n---\n",
	"---\ntitle: !!binary aGVsbG8=\n---\n",
	"---\n? [a, b]\n: c\n---\n",
	"\n\n\n---\ntitle: late\n---\n",
}

// FuzzFrontMatter loads a narrative made of anything and checks that
// loading never panics and that every problem is reported inside the file,
// at a line of it.
func FuzzFrontMatter(f *testing.F) {
	for _, s := range frontMatterSeeds {
		f.Add(s)
	}
	const path = "content/schools/x/a.md"
	f.Fuzz(func(t *testing.T, src string) {
		fsys := fstest.MapFS{
			"content/schools/x/_index.md": {Data: []byte("---\nname: X\n---\n")},
			path:                          {Data: []byte(src)},
		}
		var ds generator.Diagnostics
		content.Load(fsys, generator.Config{}, &ds)
		// Lines end as CommonMark and YAML end them, and as editors show
		// them: LF, CRLF or a lone CR.
		oneEnding := bytes.ReplaceAll([]byte(src), []byte("\r\n"), []byte("\n"))
		lines := bytes.Count(oneEnding, []byte("\n")) + bytes.Count(oneEnding, []byte("\r")) + 1
		for _, d := range ds {
			if d.Pos.File != path {
				t.Errorf("diagnostic about another file: %s", d)
			}
			if d.Pos.Line < 1 || d.Pos.Line > lines {
				t.Errorf("diagnostic at line %d of a %d-line file: %s\nsource: %q", d.Pos.Line, lines, d, src)
			}
		}
	})
}

// The fallback that reads tags, for output too deep for x/net/html's tree,
// sees what the tree would: an active element or attribute below 600
// nested elements is found, and plain deep emphasis is not a problem.
func TestActiveMarkupBelowDeepNesting(t *testing.T) {
	deep := strings.Repeat("<em>", 600)
	for _, tt := range []struct {
		body string
		want bool
	}{
		{deep + "text", false},
		{deep + "<script>alert(1)</script>", true},
		{deep + `<a href="javascript:alert(1)">x</a>`, true},
		{deep + `<img src="x" onerror="alert(1)">`, true},
		{deep + `<p style="position:fixed">x</p>`, true},
	} {
		if got := len(activeMarkup(t, tt.body)) > 0; got != tt.want {
			t.Errorf("%.60q…: active %v, want %v", tt.body[len(deep):], got, tt.want)
		}
	}
}
