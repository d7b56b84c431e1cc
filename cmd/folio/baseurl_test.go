package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A bad --base-url is a usage error (exit 2) that says what is wrong.
func TestBuildRefusesABadBaseURLFlag(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	if code, _, errs := runCLI("new", "site", dir); code != exitOK {
		t.Fatalf("new site: %s", errs)
	}
	for url, want := range map[string]string{
		"https://user:pass@district.github.io/portfolio/": "holds a user name or password",
		"https://district.github.io:99999/portfolio/":     "has port '99999'; a port is a number from 1 to 65535",
		`https://district.github.io/"onmouseover="x/`:     "contains a quote",
		"https://district.github.io/my portfolio/":        "contains a space",
		"https://district.github.io/portfolio/?a=1":       "has a query",
		"https://district.github.io/portfolio/#top":       "has a fragment",
		"/portfolio/": "has no host",
	} {
		code, out, errs := runCLI("build", "--source", dir, "--base-url", url)
		if code != exitUsage || !strings.HasPrefix(errs, "folio build: --base-url: ") || !strings.Contains(errs, want) {
			t.Errorf("--base-url %s: exit %d, stderr %q; want exit 2 with %q", url, code, errs, want)
		}
		if out != "" {
			t.Errorf("--base-url %s: built anyway: %s", url, out)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "public", "index.html")); err == nil {
		t.Error("a build with a bad base URL wrote public/")
	}
}

// In folio.yaml, the same mistakes are errors at base_url's line.
func TestBuildRefusesABadBaseURLInFolioYAML(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	if code, _, errs := runCLI("new", "site", dir); code != exitOK {
		t.Fatalf("new site: %s", errs)
	}
	cfg := "title: Prairie River\nbase_url: https://user:pass@district.github.io:99999/portfolio/\n"
	if err := os.WriteFile(filepath.Join(dir, "folio.yaml"), []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errs := runCLI("build", "--source", dir)
	want := "folio.yaml:2:11: base_url: 'https://user:pass@district.github.io:99999/portfolio/' holds a user name or password, which would be published in every page; remove the part before @ — write it like https://district.github.io/portfolio/\n"
	if code != exitSite || !strings.HasPrefix(errs, want) {
		t.Errorf("exit %d, stderr:\n%s\nwant exit 1 with\n%s", code, errs, want)
	}
}
