package config_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/folio-sites/folio/generator"
	"github.com/folio-sites/folio/generator/config"
)

func TestCheckBaseURL(t *testing.T) {
	for url, ok := range map[string]bool{
		"https://example.github.io/portfolio/": true,
		"https://example.github.io/portfolio":  true,
		"http://localhost:8080/":               true,
		"/portfolio/":                          true,
		"portfolio":                            false,
		"example.github.io/portfolio":          false,
		"https://x.io/p?q=1":                   false,
		"https://x.io/p#f":                     false,
		"https://x.io/p/index.html":            false,
		"ftp://x.io/":                          false,
	} {
		if msg := config.CheckBaseURL(url); (msg == "") != ok {
			t.Errorf("CheckBaseURL(%q) = %q, want ok=%v", url, msg, ok)
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
	want := "folio.yaml:3:3: unknown key 'unsafe_htm' — did you mean 'unsafe_html'?\nfolio.yaml:1: base_url: 'portfolio' is not an http(s) URL or a path starting with / — write it like https://district.github.io/portfolio/"
	if strings.Join(got, "\n") != want {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), want)
	}
	ds = nil
	if cfg := config.Load(fstest.MapFS{}, &ds); len(ds) != 0 || cfg.Theme != "default" {
		t.Errorf("no folio.yaml: %+v %v", cfg, ds)
	}
}
