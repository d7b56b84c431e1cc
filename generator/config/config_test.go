package config_test

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/folio-sites/folio/generator"
	"github.com/folio-sites/folio/generator/config"
)

func TestCheckBaseURL(t *testing.T) {
	tests := []struct {
		url  string
		want string // "" when the URL is accepted
	}{
		{"https://example.github.io/portfolio/", ""},
		{"https://example.github.io/portfolio", ""},
		{"https://example.github.io", ""},
		{"http://localhost:8080/", ""},
		{"http://127.0.0.1:1/a/b/", ""},
		{"https://[2001:db8::1]:65535/p/", ""},
		{"https://xn--cole-bpa.example/~district/a%20b/", ""},
		{"https://example.org/a-b_c.d/e/", ""},
		{"https://example.github.io/" + strings.Repeat("p", 100) + "/", ""},

		{"portfolio", "'portfolio' does not start with https:// or http://"},
		{"example.github.io/portfolio", "'example.github.io/portfolio' does not start with https:// or http://"},
		{"/portfolio/", "'/portfolio/' has no host; write the whole address the site is published at"},
		{"ftp://x.io/", "'ftp://x.io/' is not an http or https address"},
		{"javascript://x.io/%0Aalert(1)", "'javascript://x.io/%0Aalert(1)' is not an http or https address"},
		{"https://x.io/p?q=1", "'https://x.io/p?q=1' has a query (?…); remove it"},
		{"https://x.io/p/?", "'https://x.io/p/?' has a query (?…); remove it"},
		{"https://x.io/p#f", "'https://x.io/p#f' has a fragment (#…); remove it"},
		{"https://x.io/p/index.html", "'https://x.io/p/index.html' names a file; give the folder the site is published in, e.g. https://x.io/p/"},
		{"https://user:pass@x.io/", "'https://user:pass@x.io/' holds a user name or password, which would be published in every page; remove the part before @"},
		{"https://token@x.io/", "'https://token@x.io/' holds a user name or password, which would be published in every page; remove the part before @"},
		{"https://x.io:99999/", "'https://x.io:99999/' has port '99999'; a port is a number from 1 to 65535"},
		{"https://x.io:0/", "'https://x.io:0/' has port '0'; a port is a number from 1 to 65535"},
		{"https://x.io:-1/", "'https://x.io:-1/' has port '-1'; a port is a number from 1 to 65535"},
		{"https://x.io:http/", "'https://x.io:http/' has port 'http'; a port is a number from 1 to 65535"},
		{"https://x.io:/", "'https://x.io:/' has an empty port after ':'"},
		{"https:///p/", "'https:///p/' has no host"},
		{"https://-x.io/", "'https://-x.io/' has an invalid host name"},
		{"https://x_y.io/", "'https://x_y.io/' has an invalid host name"},
		{"https://école.example/", "'https://école.example/' has a host name that is not ASCII; write it in its xn-- form"},
		{"https://[::1/", "'https://[::1/' has an IPv6 address without its closing ]"},
		{"https://[1.2.3.4]/", "'https://[1.2.3.4]/' has an invalid IPv6 address"},
		{`https://x.io/"><script>alert(1)</script>/`, `'https://x.io/"><script>alert(1)</script>/' contains a quote, which a URL cannot hold`},
		{"https://x.io/it's/", "'https://x.io/it's/' contains a quote, which a URL cannot hold"},
		{"https://x.io/my portfolio/", "'https://x.io/my portfolio/' contains a space, which a URL cannot hold"},
		{"https://x.io/a\tb/", `'https://x.io/a\tb/' contains a space, which a URL cannot hold`},
		{"https://x.io/\x1b[31m/", `'https://x.io/\x1b[31m/' contains a control character, which a URL cannot hold`},
		{"https://x.io/a\\b/", `'https://x.io/a\b/' contains a backslash, which a URL cannot hold`},
		{"https://x.io/<b>/", "'https://x.io/<b>/' contains '<', which a URL cannot hold"},
		{"https://x.io/a{b}/", "'https://x.io/a{b}/' has '{' in its path, which a URL cannot hold unescaped"},
		{"https://x.io/é/", "'https://x.io/é/' has a path that is not ASCII; write it percent-encoded (%C3%A9 for é)"},
		{"https://x.io/100%/", "'https://x.io/100%/' has a '%' that does not start an escape such as %20"},
		{"https://x.io/a/../b/", "'https://x.io/a/../b/' has a '..' segment in its path; write the folder's own path"},
		{"https://x.io/" + strings.Repeat("p", 100) + "?q", "'https://x.io/" + strings.Repeat("p", 47) + "…' has a query (?…); remove it"},
	}
	for _, tt := range tests {
		if got := config.CheckBaseURL(tt.url); got != tt.want {
			t.Errorf("CheckBaseURL(%q)\n got  %q\n want %q", tt.url, got, tt.want)
		}
	}
}

func TestLoad(t *testing.T) {
	var ds generator.Diagnostics
	cfg := config.Load(fstest.MapFS{"folio.yaml": {Data: []byte("title: T\nmarkdown:\n  unsafe_htm: true\nbase_url: portfolio\n")}}, &ds)
	if cfg.Title != "T" || cfg.Theme != "default" || cfg.Language != "en" {
		t.Errorf("cfg = %+v", cfg)
	}
	var got []string
	for _, d := range ds {
		got = append(got, d.String())
	}
	want := "folio.yaml:3:3: unknown key 'unsafe_htm' — did you mean 'unsafe_html'?\nfolio.yaml:4:11: base_url: 'portfolio' does not start with https:// or http:// — write it like https://district.github.io/portfolio/"
	if strings.Join(got, "\n") != want {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), want)
	}
	ds = nil
	if cfg := config.Load(fstest.MapFS{}, &ds); len(ds) != 0 || cfg.Theme != "default" {
		t.Errorf("no folio.yaml: %+v %v", cfg, ds)
	}
}

// base_url's error points at its own line, whatever comes before it.
func TestBaseURLErrorIsAtItsLine(t *testing.T) {
	var ds generator.Diagnostics
	src := "# the district's site\ntitle: Prairie River\n\nbase_url: \"https://user:secret@district.github.io/portfolio/\"\n"
	config.Load(fstest.MapFS{"folio.yaml": {Data: []byte(src)}}, &ds)
	want := "folio.yaml:4:11: base_url: 'https://user:secret@district.github.io/portfolio/' holds a user name or password, which would be published in every page; remove the part before @ — write it like https://district.github.io/portfolio/"
	if len(ds) != 1 || ds[0].String() != want {
		t.Errorf("got %v\nwant %s", ds, want)
	}
}

func TestBoardSince(t *testing.T) {
	var ds generator.Diagnostics
	cfg := config.Load(fstest.MapFS{"folio.yaml": {Data: []byte("board:\n  since: 2025-09-01\n")}}, &ds)
	if len(ds) > 0 || cfg.Board.Since.Format("2006-01-02") != "2025-09-01" {
		t.Errorf("board.since: %v, %v", cfg.Board.Since, ds)
	}
	ds = nil
	config.Load(fstest.MapFS{"folio.yaml": {Data: []byte("board:\n  since: last tuesday\n")}}, &ds)
	if len(ds) != 1 || ds[0].String() != "folio.yaml:2:10: since: 'last tuesday' is not a date — write dates as YYYY-MM-DD, e.g. 2025-10-01" {
		t.Errorf("a bad date: %v", ds)
	}
}

func TestDatesAndLevels(t *testing.T) {
	tests := []struct {
		yaml   string
		dates  generator.DateOrder
		levels []generator.Label
		want   []string
	}{
		{"dates: us\n", generator.MonthFirst, nil, nil},
		{"language: es-419\n", generator.ISODates, nil, nil},
		{"language: '\" onload=\"alert(1)'\n", generator.ISODates, nil, []string{
			"folio.yaml:1:11: language: '\" onload=\"alert(1)' is not a language tag — write a language tag such as en, es or en-US"}},
		{"language: ../../secrets\n", generator.ISODates, nil, []string{
			"folio.yaml:1:11: language: '../../secrets' is not a language tag — write a language tag such as en, es or en-US"}},
		{"dates: day-first\n", generator.DayFirst, nil, nil},
		{"title: T\ndates: european\n", generator.ISODates, nil, []string{
			"folio.yaml:2:8: dates: 'european' is not a date order — write dates: us for 3/14/2025 (month first), or dates: day-first for 14/3/2025; leave it out for 2025-03-14 only"}},
		{"levels:\n  - {id: k-8, label: K-8 schools}\n  - {id: high, label: High schools and academies}\n", generator.ISODates,
			[]generator.Label{{ID: "k-8", Label: "K-8 schools"}, {ID: "high", Label: "High schools and academies"}}, nil},
		{"levels:\n  - {id: K-8 School, label: K-8}\n  - {id: k-8}\n  - {id: k-8}\n", generator.ISODates, []generator.Label{{ID: "k-8", Label: "k-8"}}, []string{
			"folio.yaml:2:5: levels: id 'K-8 School' is not a lowercase slug — write id: k-8-school, and the words readers see in label",
			"folio.yaml:4:5: levels: 'k-8' is declared twice — remove one of the two"}},
	}
	for _, tt := range tests {
		var ds generator.Diagnostics
		cfg := config.Load(fstest.MapFS{"folio.yaml": {Data: []byte(tt.yaml)}}, &ds)
		var got []string
		for _, d := range ds {
			got = append(got, d.String())
		}
		if cfg.Dates != tt.dates || !slices.Equal(cfg.Levels, tt.levels) || !slices.Equal(got, tt.want) {
			t.Errorf("%q: dates %q, levels %v, diagnostics\n%s", tt.yaml, cfg.Dates, cfg.Levels, strings.Join(got, "\n"))
		}
	}
}
