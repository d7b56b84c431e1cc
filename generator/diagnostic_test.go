package generator_test

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/folio-sites/folio/generator"
)

func TestPrintableEscapesWhatActsOnATerminal(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain text, é, 中文, ≥95%", "plain text, é, 中文, ≥95%"},
		{"\x1b[2K\rfolio: built", `\x1b[2K\rfolio: built`},
		{"a\nb\tc\v\f\a\b", `a\nb\tc\v\f\a\b`},
		{"\x00\x07\x1f\x7f", `\x00\a\x1f\x7f`},
		{"\u009b31m", `\u009b31m`},                     // C1 CSI
		{"line\u2028sep\u2029", `line\u2028sep\u2029`}, // separators some viewers break on
		{"Lincoln\u00a0Elementary\u200b lincoln\u2011elementary\ufeff", `Lincoln\u00a0Elementary\u200b lincoln\u2011elementary\ufeff`}, // look-alikes of a space or hyphen, and nothing
		{"\u202egnp.exe\u2066\u2069\u200e\u200f\u061c", `\u202egnp.exe\u2066\u2069\u200e\u200f\u061c`},                                 // bidi
		{"bad \xff\xfe utf-8", `bad \xff\xfe utf-8`},
		{`C:\sites\folio`, `C:\sites\folio`},
	}
	for _, tt := range tests {
		got := generator.Printable(tt.in)
		if got != tt.want {
			t.Errorf("Printable(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if again := generator.Printable(got); again != got {
			t.Errorf("Printable is not idempotent on %q: %q", got, again)
		}
	}
}

func TestQuoteCutsAtSixtyCharacters(t *testing.T) {
	long := strings.Repeat("é", 100)
	got := generator.Quote(long)
	if want := "'" + strings.Repeat("é", 60) + "…'"; got != want {
		t.Errorf("Quote(100 × é) = %q, want %q", got, want)
	}
	if got := generator.Quote(strings.Repeat("x", 60)); got != "'"+strings.Repeat("x", 60)+"'" {
		t.Errorf("a value of exactly 60 characters was cut: %q", got)
	}
	if got := generator.Quote("\x1b[31mred"); got != `'\x1b[31mred'` {
		t.Errorf("Quote(ESC) = %q", got)
	}
}

// A value an author wrote, quoted as '%s' or %q, is cut and escaped; the
// rest of the message is folio's own words and stays whole.
func TestDiagnosticsQuoteAuthorsValuesSafely(t *testing.T) {
	cell := "\x1b[2K\r\x1b[32mfolio: built 12 pages\x1b[0m" + strings.Repeat("A", 20<<20)
	var ds generator.Diagnostics
	at := generator.Pos{File: "data/installation.csv", Line: 3, Col: 1}
	ds.Errorf(at, "school ids are the folders under content/schools/", "unknown school '%s'", cell)
	ds.Warnf(at, "", "value %q and '%v' and %s", cell, errors.New(cell), "not quoted, folio's own words: "+strings.Repeat("b", 70))
	ds.Errorf(at, "", "%[1]s", cell) // explicit indexes: still bounded by the whole-message limit

	want := `data/installation.csv:3:1: unknown school '\x1b[2K\r\x1b[32mfolio: built 12 pages\x1b[0mAAAAAAAAAAAAAAAAAAAAAAAAA…' — school ids are the folders under content/schools/`
	if got := ds[0].String(); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	second := ds[1].String()
	if !strings.Contains(second, `value "\x1b[2K\r\x1b[32mfolio: built 12 pages\x1b[0mAAAAAAAAAAAAAAAAAAAAAAAAA…"`) {
		t.Errorf("%%q value not cut: %.300s", second)
	}
	if !strings.Contains(second, strings.Repeat("b", 70)) {
		t.Errorf("folio's own words were cut: %.300s", second)
	}
	for i, d := range ds {
		s := d.String()
		if n := utf8.RuneCountInString(s); n > 700 {
			t.Errorf("diagnostic %d is %d characters long", i, n)
		}
		for _, r := range s {
			if r < 0x20 || r == 0x7f {
				t.Errorf("diagnostic %d holds control character %U: %.200q", i, r, s)
				break
			}
		}
	}
}

// In a CI log a line that starts with "::" is a GitHub Actions workflow
// command. A value can never begin a line: every line break is escaped.
func TestDiagnosticIsOneLineWhateverTheValue(t *testing.T) {
	var ds generator.Diagnostics
	for _, v := range []string{"x\n::error file=a::pwned", "x\r::add-mask::y", "x\u2028::stop-commands::t", "x\r\n::set-env name=A::b"} {
		ds.Errorf(generator.Pos{File: "content/a.md", Line: 1}, "", "unknown practice '%s'", v)
	}
	// A diagnostic made by hand, not through Errorf, is printed safely too.
	ds = append(ds, generator.Diagnostic{Pos: generator.Pos{File: "content/\n::error::x.md"}, Message: "m\n::warning::y", Hint: "h\r::error::z"})
	for _, d := range ds {
		s := d.String()
		if strings.ContainsAny(s, "\r\n\u2028\u2029") {
			t.Errorf("diagnostic spans lines: %q", s)
		}
		if strings.HasPrefix(s, "::") {
			t.Errorf("diagnostic starts a workflow command: %q", s)
		}
	}
}
