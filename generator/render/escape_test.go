package render

import (
	"html/template"
	"strings"
	"testing"
)

// escapeCases are strings an author or a spreadsheet could put in an
// indicator's text, note or evidence link.
var escapeCases = []string{
	"", "plain", "a+b = c", `"quoted" & 'single'`, "<script>alert(1)</script>", "\x00nul",
	"é ü 日本", "\xff\xfe broken UTF-8", "100%", "%41%zz%4", "a b\tc\nd",
	"https://example.org/a b?q=1&r=<2>#frag", "HTTPS://EXAMPLE.ORG/x", "mailto:a@b.org",
	"javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)", "data:text/html,<b>",
	"vbscript:x", "/schools/x/agenda.pdf", "../x/y.pdf", "x/y:z", "//evil.example/x",
	"(parens)[brackets]{braces}|pipe^caret`tick`", "\u2028\u2029", "a\\b",
}

// escapeText and escapeURLAttr must write exactly what html/template
// writes for {{.}} in text and as an href, or moving a layout loop into Go
// would change pages, or, worse, let a value through that html/template
// would have neutralized.
func TestEscapingIsHTMLTemplates(t *testing.T) {
	tmpl := escapeTemplates()
	for _, s := range escapeCases {
		checkEscapeLikeTemplate(t, tmpl, s)
	}
}

func FuzzEscapingIsHTMLTemplates(f *testing.F) {
	for _, s := range escapeCases {
		f.Add(s)
	}
	tmpl := escapeTemplates()
	f.Fuzz(func(t *testing.T, s string) { checkEscapeLikeTemplate(t, tmpl, s) })
}

// escapeTemplates writes a value as text and as an href.
func escapeTemplates() *template.Template {
	tmpl := template.Must(template.New("text").Parse(`<td>{{.}}</td>`))
	template.Must(tmpl.New("href").Parse(`<a href="{{.}}">`))
	return tmpl
}

func checkEscapeLikeTemplate(t *testing.T, tmpl *template.Template, s string) {
	t.Helper()
	var text, href strings.Builder
	if err := tmpl.ExecuteTemplate(&text, "text", s); err != nil {
		t.Fatal(err)
	}
	if err := tmpl.ExecuteTemplate(&href, "href", s); err != nil {
		t.Fatal(err)
	}
	if got, want := "<td>"+escapeText(s)+"</td>", text.String(); got != want {
		t.Errorf("escapeText(%q) = %q, html/template writes %q", s, got, want)
	}
	if got, want := `<a href="`+escapeURLAttr(s)+`">`, href.String(); got != want {
		t.Errorf("escapeURLAttr(%q) = %q, html/template writes %q", s, got, want)
	}
}
