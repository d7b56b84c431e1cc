// Package config reads a site's folio.yaml into a generator.Config.
package config

import (
	"errors"
	"io/fs"
	"net/url"
	"strings"

	"github.com/folio-sites/folio/generator"
	"github.com/folio-sites/folio/generator/yamldoc"
)

// File is the name of the configuration file at the root of a site folder.
const File = "folio.yaml"

type file struct {
	Title    string `yaml:"title"`
	BaseURL  string `yaml:"base_url"`
	Theme    string `yaml:"theme"`
	Language string `yaml:"language"`
	Markdown struct {
		UnsafeHTML bool `yaml:"unsafe_html"`
	} `yaml:"markdown"`
}

// Load reads folio.yaml from the root of fsys. A missing file is not an
// error: the site builds with defaults. Unknown keys are errors, since a
// misspelt setting silently ignored is worse than a stopped build.
func Load(fsys fs.FS, ds *generator.Diagnostics) generator.Config {
	var f file
	src, err := fs.ReadFile(fsys, File)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		ds.Errorf(generator.Pos{File: File}, "", "cannot read: %v", err)
	default:
		yamldoc.Decode(src, &f, yamldoc.Options{File: File, UnknownKeys: generator.Error}, ds)
	}
	cfg := generator.Config{
		Title:    strings.TrimSpace(f.Title),
		BaseURL:  strings.TrimSpace(f.BaseURL),
		Theme:    strings.TrimSpace(f.Theme),
		Language: strings.TrimSpace(f.Language),
		Markdown: generator.MarkdownConfig{UnsafeHTML: f.Markdown.UnsafeHTML},
	}
	if cfg.Theme == "" {
		cfg.Theme = generator.DefaultTheme
	}
	if cfg.Language == "" {
		cfg.Language = "en"
	}
	if cfg.BaseURL != "" {
		if msg := CheckBaseURL(cfg.BaseURL); msg != "" {
			ds.Errorf(generator.Pos{File: File, Line: 1}, "write it like https://district.github.io/portfolio/", "base_url: %s", msg)
		}
	}
	return cfg
}

// CheckBaseURL returns what is wrong with a base URL, or "" if it is usable:
// absolute http(s) with a host, or a path starting with "/".
func CheckBaseURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "'" + raw + "' is not a URL"
	}
	if last := u.Path[strings.LastIndex(u.Path, "/")+1:]; strings.Contains(last, ".") {
		return "'" + raw + "' names a file; give the folder the site is published in, e.g. " + strings.TrimSuffix(raw, last)
	}
	if u.Scheme == "" && u.Host == "" && strings.HasPrefix(u.Path, "/") && u.RawQuery == "" && u.Fragment == "" {
		return ""
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "'" + raw + "' is not an http(s) URL or a path starting with /"
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return "'" + raw + "' must not have a query or fragment"
	}
	return ""
}
