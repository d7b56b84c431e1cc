package content_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/folio-sites/folio/generator"
	"github.com/folio-sites/folio/generator/content"
)

// hostileHeading is the heading of issue 11 that, with goldmark's
// attribute syntax, turned into a chart whose tooltip ran script and a
// style that covered the page.
const hostileHeading = `## Our results {data-chart-option="{\"series\":[],\"tooltip\":{\"formatter\":\"<img src=x onerror=alert(document.domain)>\"}}" style="height:400vh;margin-top:-200vh;opacity:0;z-index:99999" onclick="alert(1)" tabindex="1" #results .wide}` + "\n\nText.\n"

func TestHeadingAttributesLimitedToIDAndClass(t *testing.T) {
	for _, unsafe := range []bool{false, true} {
		t.Run(fmt.Sprintf("unsafe_html=%v", unsafe), func(t *testing.T) {
			var ds generator.Diagnostics
			html, _, _ := content.NewMarkdown(generator.MarkdownConfig{UnsafeHTML: unsafe}).Render([]byte(hostileHeading), "content/_index.md", 3, &ds)
			if want := `<h2 id="results" class="wide">Our results</h2>`; !strings.Contains(string(html), want) {
				t.Errorf("want %s in:\n%s", want, html)
			}
			for _, bad := range []string{"data-", "style", "onclick", "tabindex", "onerror"} {
				if strings.Contains(string(html), bad) {
					t.Errorf("output holds %q:\n%s", bad, html)
				}
			}
			var got []string
			for _, d := range ds {
				got = append(got, d.String())
			}
			want := []string{
				"content/_index.md:3: warning: heading attribute 'data-chart-option' is ignored: only an id and classes are kept — write only {#id} and {.class} after a heading",
				"content/_index.md:3: warning: heading attribute 'style' is ignored: only an id and classes are kept — write only {#id} and {.class} after a heading",
				"content/_index.md:3: warning: heading attribute 'onclick' is ignored: only an id and classes are kept — write only {#id} and {.class} after a heading",
				"content/_index.md:3: warning: heading attribute 'tabindex' is ignored: only an id and classes are kept — write only {#id} and {.class} after a heading",
			}
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		})
	}
}

func TestHeadingIDsUniqueInLinearTime(t *testing.T) {
	body := "## Intro {#intro-2}\n\n" + strings.Repeat("## Intro\n\n", 5) + "## Custom {#intro}\n"
	var ds generator.Diagnostics
	html, _, _ := content.NewMarkdown(generator.MarkdownConfig{}).Render([]byte(body), "a.md", 1, &ds)
	for _, want := range []string{`id="intro-2"`, `id="intro"`, `id="intro-1"`, `id="intro-3"`, `id="intro-4"`, `id="intro-5"`, `id="intro-6"`} {
		if strings.Count(string(html), want) != 1 {
			t.Errorf("want one %s in:\n%s", want, html)
		}
	}
}

func TestMarkdownLimits(t *testing.T) {
	tests := []struct {
		name string
		body string
		want string
	}{
		{"block quotes", "Intro.\n\n" + strings.Repeat(">", 200_000) + " deep\n",
			"a.md:12:101: markdown nested more than 100 levels deep — lists and block quotes may nest at most 100 levels deep; flatten the structure"},
		{"quotes with spaces", strings.Repeat("> ", 101) + "deep\n",
			"a.md:10:201: markdown nested more than 100 levels deep — lists and block quotes may nest at most 100 levels deep; flatten the structure"},
		{"nested list", nestedList(150),
			"a.md:110:201: markdown nested more than 100 levels deep — lists and block quotes may nest at most 100 levels deep; flatten the structure"},
		{"ordered list on one line", strings.Repeat("1. ", 101) + "x\n",
			"a.md:10:301: markdown nested more than 100 levels deep — lists and block quotes may nest at most 100 levels deep; flatten the structure"},
		// 5,000 references and 5,001 definitions: the 10,001st mark,
		// on the last line, is one too many.
		{"footnotes", strings.Repeat("x[^1] ", 5000) + "\n\n" + strings.Repeat("[^1]: note\n", 5001),
			"a.md:5012: more than 10000 footnote marks ([^) — a narrative holds at most 10,000 footnote references and definitions; move long notes into an evidence file"},
		{"brackets", "[a](b) text\n" + strings.Repeat("[", 200_000) + strings.Repeat("]", 200_000) + "\n",
			"a.md:11:33: brackets nested more than 32 deep — square brackets may nest at most 32 deep in a paragraph; close them, or write \\[ for a bracket that opens nothing"},
		{"brackets over several lines", strings.Repeat("[\n", 40),
			"a.md:42:1: brackets nested more than 32 deep — square brackets may nest at most 32 deep in a paragraph; close them, or write \\[ for a bracket that opens nothing"},
		{"too large", strings.Repeat("word ", 1_000_001),
			"a.md: markdown file is larger than the limit of 5 MB (5,000,005 bytes) — split it into several narratives, or move long data into data/ or an evidence file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var ds generator.Diagnostics
			html, _, _ := content.NewMarkdown(generator.MarkdownConfig{}).Render([]byte(tt.body), "a.md", 10, &ds)
			if len(ds) != 1 || ds[0].String() != tt.want {
				t.Errorf("diagnostics = %v\nwant %s", ds, tt.want)
			}
			if html != "" {
				t.Errorf("rendered %d bytes of a refused body", len(html))
			}
		})
	}
}

// TestMarkdownNestingAllowed: what real narratives do is not refused,
// even where it looks deep.
func TestMarkdownNestingAllowed(t *testing.T) {
	for name, body := range map[string]string{
		"100 quotes":       strings.Repeat(">", 100) + " deep\n",
		"list of 60":       nestedList(60),
		"code in a fence":  "```\n" + strings.Repeat("> ", 300) + "\n" + strings.Repeat(" ", 500) + "- x\n```\n",
		"fence in a quote": "> ```\n> " + strings.Repeat("- ", 300) + "\n> ```\n",
		"long rule":        strings.Repeat("*", 5000) + "\n",
		"brackets":         strings.Repeat("[a ", 32) + strings.Repeat("]", 32) + "\n\n" + strings.Repeat("[", 32) + "\n\n" + strings.Repeat("[", 32) + "\n" + strings.Repeat(`\[`, 100) + "\n```\n" + strings.Repeat("[", 100) + "\n```\n",
		"10,000 footnotes": strings.Repeat("x[^1] ", 5000) + "\n\n" + strings.Repeat("[^1]: note\n", 5000),
		"emphasis":         "*" + strings.Repeat("a ", 300) + "*\n",
	} {
		t.Run(name, func(t *testing.T) {
			var ds generator.Diagnostics
			content.NewMarkdown(generator.MarkdownConfig{}).Render([]byte(body), "a.md", 1, &ds)
			if len(ds) > 0 {
				t.Errorf("refused: %v", ds)
			}
		})
	}
}

// nestedList is a list nested n levels, one level per line.
func nestedList(n int) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(strings.Repeat("  ", i) + "- item\n")
	}
	return b.String()
}

func BenchmarkPathologicalMarkdown(b *testing.B) {
	md := content.NewMarkdown(generator.MarkdownConfig{})
	var deepest strings.Builder // as deep as allowed, 5 MB
	for deepest.Len() < content.MaxMarkdownSize-300 {
		deepest.WriteString(strings.Repeat(">", content.MaxNesting) + " x\n")
	}
	for _, bm := range []struct {
		name string
		body string
	}{
		{"30000-identical-headings", strings.Repeat("## Intro\n\n", 30_000)},
		{"200KB-nested-quotes", strings.Repeat(">", 200_000) + " x\n"},
		{"4MB-nested-list", nestedListBytes(4_000_000)},
		{"5MB-quotes-100-deep", deepest.String()},
	} {
		b.Run(bm.name, func(b *testing.B) {
			src := []byte(bm.body)
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				md.Render(src, "a.md", 1, new(generator.Diagnostics))
			}
		})
	}
}

// nestedListBytes is a list nesting one level deeper on each line, about
// size bytes long.
func nestedListBytes(size int) string {
	var b strings.Builder
	for i := 0; b.Len() < size; i++ {
		b.WriteString(strings.Repeat("  ", i) + "- item\n")
	}
	return b.String()
}

// TestLoadRefusesLargeMarkdown: a file over the limit is reported at its
// path and left out, without being parsed.
func TestLoadRefusesLargeMarkdown(t *testing.T) {
	fsys := smallSite()
	fsys["content/district/huge.md"] = file("---\ntitle: Huge\n---\n" + strings.Repeat("word ", 1_000_000))
	c, got := load(t, fsys, generator.Config{})
	want := "content/district/huge.md: markdown file is larger than the limit of 5 MB (5,000,020 bytes) — split it into several narratives, or move long data into data/ or an evidence file"
	if len(got) != 1 || got[0] != want {
		t.Errorf("diagnostics = %q\nwant %q", got, want)
	}
	for _, n := range c.District {
		if n.Slug == "huge" {
			t.Error("the refused narrative was loaded")
		}
	}
}
