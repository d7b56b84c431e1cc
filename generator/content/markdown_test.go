package content_test

import (
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/folio-sites/folio/generator"
	"github.com/folio-sites/folio/generator/content"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

func render(t *testing.T, cfg generator.MarkdownConfig, body string) (string, string, []generator.ChartBlock) {
	t.Helper()
	var ds generator.Diagnostics
	html, summary, charts := content.NewMarkdown(cfg).Render([]byte(body), "content/district/a.md", 1, &ds)
	if len(ds) > 0 {
		t.Fatal(ds)
	}
	return string(html), summary, charts
}

// TestAuthorsIDOfThePage: an author's {#main} would be on the page twice,
// and the skip link could lead to it: it is numbered, with a warning.
func TestAuthorsIDOfThePage(t *testing.T) {
	var ds generator.Diagnostics
	html, _, _ := content.NewMarkdown(generator.MarkdownConfig{}).Render([]byte("Intro.\n\n## Results {#main .wide}\n"), "content/district/a.md", 5, &ds)
	if want := `<h2 id="main-1" class="wide">Results</h2>`; !strings.Contains(string(html), want) {
		t.Errorf("want %s in:\n%s", want, html)
	}
	if len(ds) != 1 || ds[0].String() != "content/district/a.md:7: warning: heading id 'main' is written 'main-1' — choose another {#id}; the page gives this one to its own main content, which its skip link leads to" {
		t.Errorf("diagnostics = %v", ds)
	}
}

func TestRenderGolden(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("testdata", "rich.md"))
	if err != nil {
		t.Fatal(err)
	}
	var ds generator.Diagnostics
	html, summary, charts := content.NewMarkdown(generator.MarkdownConfig{}).Render(src, "content/district/rich.md", 7, &ds)
	if len(ds) > 0 {
		t.Fatal(ds)
	}
	golden := filepath.Join("testdata", "rich.golden.html")
	if *update {
		if err := os.WriteFile(golden, []byte(html), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if string(html) != string(want) {
		t.Errorf("rendered HTML differs from %s (run go test -update after checking the change):\n%s", golden, html)
	}
	if want := "Our “family nights” grew from 3 to 12 events – see the district plan and the note below. It’s working & we’re proud…"; summary != want {
		t.Errorf("summary = %q, want %q", summary, want)
	}
	// The fence is on line 19 of rich.md, whose body starts on line 7 of
	// the (imagined) page.
	if len(charts) != 1 || charts[0].Pos != (generator.Pos{File: "content/district/rich.md", Line: 25}) ||
		charts[0].Source != "type: bar\ndata: family-nights.csv\n" {
		t.Errorf("charts = %+v", charts)
	}
}

func TestRawHTML(t *testing.T) {
	body := "Before.\n\n<script>alert(1)</script>\n\nInline <script>alert(2)</script> and <b onclick=\"x()\">bold</b>.\n"
	t.Run("shown as text by default", func(t *testing.T) {
		html, _, _ := render(t, generator.MarkdownConfig{}, body)
		for _, bad := range []string{"<script", "</script>", "<b "} {
			if strings.Contains(strings.ToLower(html), bad) {
				t.Errorf("output contains the tag %q:\n%s", bad, html)
			}
		}
		for _, want := range []string{
			`<p class="raw-html">&lt;script&gt;alert(1)&lt;/script&gt;</p>`,
			`Inline &lt;script&gt;alert(2)&lt;/script&gt; and &lt;b onclick=&#34;x()&#34;&gt;bold&lt;/b&gt;.`,
		} {
			if !strings.Contains(html, want) {
				t.Errorf("raw HTML not shown as text; want %s in:\n%s", want, html)
			}
		}
		if !strings.Contains(html, "<p>Before.</p>") {
			t.Errorf("markdown around the HTML lost:\n%s", html)
		}
	})
	t.Run("kept with UnsafeHTML", func(t *testing.T) {
		html, _, _ := render(t, generator.MarkdownConfig{UnsafeHTML: true}, body)
		if !strings.Contains(html, "<script>alert(1)</script>") || !strings.Contains(html, `<b onclick="x()">`) {
			t.Errorf("raw HTML not passed through:\n%s", html)
		}
	})
	t.Run("javascript links", func(t *testing.T) {
		html, _, _ := render(t, generator.MarkdownConfig{}, "[x](javascript:alert(1))\n")
		if strings.Contains(html, "javascript:") {
			t.Errorf("javascript: link kept:\n%s", html)
		}
	})
}

func TestTaskListAccessible(t *testing.T) {
	html, _, _ := render(t, generator.MarkdownConfig{}, "- [x] Done thing\n- [ ] Open thing\n")
	inputs := regexp.MustCompile(`<input[^>]*>`).FindAllString(html, -1)
	if len(inputs) != 2 {
		t.Fatalf("found %d checkboxes in:\n%s", len(inputs), html)
	}
	for _, in := range inputs {
		if !strings.Contains(in, `aria-label="`) || !strings.Contains(in, "disabled") {
			t.Errorf("checkbox without a label: %s", in)
		}
	}
	if !strings.Contains(inputs[0], `checked aria-label="Done"`) || strings.Contains(inputs[1], "checked") ||
		!strings.Contains(inputs[1], `aria-label="Not done"`) {
		t.Errorf("checkboxes = %q", inputs)
	}
}

func TestCharts(t *testing.T) {
	body := "Intro.\n\n```chart\ntype: bar\ndata: a.csv\n```\n\nBetween.\n\n> ```chart\n> type: line\n> ```\n\n```yaml\nnot: a chart\n```\n\n~~~chart\ntype: radar\n~~~\n"
	var ds generator.Diagnostics
	html, summary, charts := content.NewMarkdown(generator.MarkdownConfig{}).Render([]byte(body), "content/schools/x/a.md", 10, &ds)
	if len(ds) > 0 {
		t.Fatal(ds)
	}
	want := []generator.ChartBlock{
		{Pos: generator.Pos{File: "content/schools/x/a.md", Line: 12}, Source: "type: bar\ndata: a.csv\n"},
		{Pos: generator.Pos{File: "content/schools/x/a.md", Line: 19}, Source: "type: line\n"},
		{Pos: generator.Pos{File: "content/schools/x/a.md", Line: 27}, Source: "type: radar\n"},
	}
	if len(charts) != len(want) {
		t.Fatalf("charts = %+v, want %+v", charts, want)
	}
	for i := range want {
		if charts[i].Pos != want[i].Pos || charts[i].Source != want[i].Source {
			t.Errorf("chart %d = %+v, want %+v", i, charts[i], want[i])
		}
	}
	for _, s := range []string{"<p>Intro.</p>\n<!--folio:chart:0-->\n<p>Between.</p>", "<blockquote>\n<!--folio:chart:1-->\n</blockquote>", "\n<!--folio:chart:2-->\n"} {
		if !strings.Contains(string(html), s) {
			t.Errorf("output lacks %q:\n%s", s, html)
		}
	}
	if strings.Contains(string(html), "type: bar") || strings.Contains(string(html), "<p><!--folio") {
		t.Errorf("chart rendered as code or wrapped in <p>:\n%s", html)
	}
	if !strings.Contains(string(html), `<code class="language-yaml">not: a chart`) {
		t.Errorf("other code blocks must stay code:\n%s", html)
	}
	if summary != "Intro." {
		t.Errorf("summary = %q", summary)
	}
}

func TestHeadings(t *testing.T) {
	tests := []struct{ name, md, want string }{
		// The body's highest heading becomes <h2>, under the page's <h1>,
		// and no level is skipped.
		{"from h1", "# One\n\n## Two\n\n##### Five\n\n###### Six\n\nSetext\n======\n",
			`<h2 id="one">One</h2>|<h3 id="two">Two</h3>|<h4 id="five">Five</h4>|<h5 id="six">Six</h5>|<h2 id="setext">Setext</h2>`},
		{"from h2", "Intro.\n\n## Two\n\n### Three\n\n## Again\n", `<h2 id="two">Two</h2>|<h3 id="three">Three</h3>|<h2 id="again">Again</h2>`},
		{"from h3", "### Deep\n\n#### Deeper\n", `<h2 id="deep">Deep</h2>|<h3 id="deeper">Deeper</h3>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			html, _, _ := render(t, generator.MarkdownConfig{}, tt.md)
			for _, want := range strings.Split(tt.want, "|") {
				if !strings.Contains(html, want) {
					t.Errorf("missing %s in:\n%s", want, html)
				}
			}
			if strings.Contains(html, "<h1") {
				t.Errorf("body renders an <h1>:\n%s", html)
			}
		})
	}
}

func TestHeadingIDs(t *testing.T) {
	tests := []struct {
		name, body string
		ids        []string
	}{
		{"repeated text", "# Goals\n\n# Goals\n\n# Goals\n", []string{"goals", "goals-1", "goals-2"}},
		{"explicit then auto", "# Intro {#intro}\n\n# Intro\n", []string{"intro", "intro-1"}},
		{"auto then explicit duplicate", "# Intro\n\n# Other {#intro}\n", []string{"intro", "intro-1"}},
		{"explicit duplicates", "# A {#x}\n\n# B {#x}\n", []string{"x", "x-1"}},
		{"accents and punctuation", "# Participación   familiar!\n\n# 2024–25: Results & next steps\n", []string{"participación-familiar", "202425-results-next-steps"}},
		{"nothing usable", "# !!!\n", []string{"section"}},
		// The page's own ids: its main content (the skip link's target)
		// and its sections' headings.
		{"the page's own ids", "# Main\n\n## Standards heading\n\n## Deep heading\n", []string{"main-1", "standards-heading-1", "deep-heading"}},
	}
	idRE := regexp.MustCompile(`<h\d id="([^"]*)"`)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for range 2 { // the same page gives the same ids every time
				html, _, _ := render(t, generator.MarkdownConfig{}, tt.body)
				var ids []string
				for _, m := range idRE.FindAllStringSubmatch(html, -1) {
					ids = append(ids, m[1])
				}
				if strings.Join(ids, " ") != strings.Join(tt.ids, " ") {
					t.Errorf("ids = %q, want %q\n%s", ids, tt.ids, html)
				}
			}
		})
	}
}

func TestExtensions(t *testing.T) {
	tests := []struct{ name, body, want string }{
		{"table", "| a | b |\n|---|---|\n| 1 | 2 |\n", "<table>\n<thead>\n<tr>\n<th>a</th>"},
		{"strikethrough", "~~gone~~\n", "<p><del>gone</del></p>"},
		{"footnote", "Claim.[^n]\n\n[^n]: Source.\n", `<a href="#fn:1" class="footnote-ref" role="doc-noteref">1</a>`},
		{"footnote list", "Claim.[^n]\n\n[^n]: Source.\n", `<li id="fn:1">`},
		{"autolink", "See https://example.org now.\n", `<a href="https://example.org">https://example.org</a>`},
		{"definition list", "Term\n: Meaning.\n", "<dl>\n<dt>Term</dt>\n<dd>Meaning.</dd>\n</dl>"},
		{"typographer", "\"Quoted\" -- and...\n", "&ldquo;Quoted&rdquo; &ndash; and&hellip;"},
		{"attributes", "## Title {.lead}\n", `<h2 class="lead" id="title">Title</h2>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			html, _, _ := render(t, generator.MarkdownConfig{}, tt.body)
			if !strings.Contains(html, tt.want) {
				t.Errorf("output lacks %q:\n%s", tt.want, html)
			}
		})
	}
}

func TestSummary(t *testing.T) {
	long := strings.Repeat("word ", 60) // 300 characters
	tests := []struct{ name, body, want string }{
		{"first paragraph only", "# Heading\n\nFirst   paragraph\nwraps here.\n\nSecond paragraph.\n", "First paragraph wraps here."},
		{"inline markup removed", "A **bold** [link](https://x.org), `code`, ![alt text](i.png) and <span>raw</span>.\n", "A bold link, code, alt text and raw."},
		{"entities and escapes", "Fish &amp; chips \\*not emphasis\\* &#169;\n", "Fish & chips *not emphasis* ©"},
		{"footnote marker dropped", "Claim.[^1]\n\n[^1]: Source.\n", "Claim."},
		{"no paragraph", "# Only a heading\n", ""},
		{"cut at a word", long, strings.TrimSpace(strings.Repeat("word ", 40)) + "…"},
		{"short enough", "Exactly short.\n", "Exactly short."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, summary, _ := render(t, generator.MarkdownConfig{}, tt.body)
			if summary != tt.want {
				t.Errorf("summary = %q, want %q", summary, tt.want)
			}
		})
	}
}

func TestRenderConcurrently(t *testing.T) {
	md := content.NewMarkdown(generator.MarkdownConfig{})
	src, err := os.ReadFile(filepath.Join("testdata", "rich.md"))
	if err != nil {
		t.Fatal(err)
	}
	want, _, _ := md.Render(src, "a.md", 1, new(generator.Diagnostics))
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			var ds generator.Diagnostics
			got, _, charts := md.Render(src, "a.md", 1, &ds)
			if len(ds) > 0 || got != want || len(charts) != 1 {
				t.Errorf("render %d differs (%v, %d charts)", i, ds, len(charts))
			}
		})
	}
	wg.Wait()
}
