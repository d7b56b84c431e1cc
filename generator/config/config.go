// Package config reads a site's folio.yaml into a generator.Config.
package config

import (
	"errors"
	"fmt"
	"io/fs"
	"net"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/folio-sites/folio/generator"
	"github.com/folio-sites/folio/generator/yamldoc"
)

// File is the name of the configuration file at the root of a site folder.
const File = "folio.yaml"

type file struct {
	Title    string       `yaml:"title"`
	BaseURL  yamldoc.Text `yaml:"base_url"`
	Theme    string       `yaml:"theme"`
	Language yamldoc.Text `yaml:"language"`
	Markdown struct {
		UnsafeHTML bool `yaml:"unsafe_html"`
	} `yaml:"markdown"`
	Board struct {
		Since time.Time `yaml:"since"`
	} `yaml:"board"`
	Dates  yamldoc.Text `yaml:"dates"`
	Levels []struct {
		Pos   generator.Pos
		ID    string `yaml:"id"`
		Label string `yaml:"label"`
	} `yaml:"levels"`
	PublishAsIs []yamldoc.Text `yaml:"publish_as_is"`
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
		BaseURL:  strings.TrimSpace(f.BaseURL.Value),
		Theme:    strings.TrimSpace(f.Theme),
		Language: strings.TrimSpace(f.Language.Value),
		Markdown: generator.MarkdownConfig{UnsafeHTML: f.Markdown.UnsafeHTML},
		Board:    generator.BoardConfig{Since: f.Board.Since},
	}
	if cfg.Theme == "" {
		cfg.Theme = generator.DefaultTheme
	}
	switch {
	case cfg.Language == "":
		cfg.Language = "en"
	case !languageTag.MatchString(cfg.Language):
		// It is every page's lang, which screen readers speak by, and
		// names the site's message file, i18n/<language>.yaml.
		ds.Errorf(f.Language.Pos, "write a language tag such as en, es or en-US", "language: '%s' is not a language tag", cfg.Language)
		cfg.Language = "en"
	}
	if cfg.BaseURL != "" {
		if msg := CheckBaseURL(cfg.BaseURL); msg != "" {
			ds.Errorf(f.BaseURL.Pos, "write it like https://district.github.io/portfolio/", "base_url: %s", msg)
		}
	}
	cfg.PublishAsIs = publishAsIs(f.PublishAsIs, ds)
	cfg.Dates = dates(f.Dates, ds)
	cfg.Levels = levels(f, ds)
	return cfg
}

// languageTag is the shape of a BCP 47 language tag: a language of two or
// three letters, then subtags of letters and digits ("en", "es-419",
// "zh-Hant-TW").
var languageTag = regexp.MustCompile(`^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$`)

// publishAsIs reads publish_as_is:, the spreadsheets under content/ the
// site publishes as they are, as paths from the site folder
// ("content/schools/a/budget.xlsx"; a path written from content/, as
// installation.csv's evidence column writes them, is accepted too).
func publishAsIs(list []yamldoc.Text, ds *generator.Diagnostics) []string {
	var out []string
	for _, t := range list {
		p := strings.TrimPrefix(strings.TrimSpace(t.Value), "./")
		if p == "" || strings.HasPrefix(p, "/") || strings.Contains(p, "..") || strings.Contains(p, "\\") {
			ds.Errorf(t.Pos, "write the file's path from the site folder, e.g. content/schools/lincoln-middle/budget.xlsx",
				"publish_as_is: '%s' is not a path to a file under content/", t.Value)
			continue
		}
		if !strings.HasPrefix(p, "content/") {
			p = "content/" + p
		}
		out = append(out, p)
	}
	return out
}

// dates reads dates:, reporting a value it does not know at its line.
func dates(v yamldoc.Text, ds *generator.Diagnostics) generator.DateOrder {
	switch d := generator.DateOrder(strings.TrimSpace(v.Value)); d {
	case generator.ISODates, generator.MonthFirst, generator.DayFirst:
		return d
	}
	ds.Errorf(v.Pos, "write dates: us for 3/14/2025 (month first), or dates: day-first for 14/3/2025; leave it out for 2025-03-14 only",
		"dates: '%s' is not a date order", strings.TrimSpace(v.Value))
	return generator.ISODates
}

// levels reads levels:, the school levels a site declares besides
// elementary, middle and high. An id is a lowercase slug (it names a
// section of the school list); a built-in id takes the new label.
func levels(f file, ds *generator.Diagnostics) []generator.Label {
	var out []generator.Label
	seen := map[string]bool{}
	for _, l := range f.Levels {
		id, label := strings.TrimSpace(l.ID), strings.TrimSpace(l.Label)
		switch {
		case !slug.MatchString(id):
			hint := "write a lowercase id such as k-8, and the words readers see in label"
			if s := generator.Slugify(id); s != "" {
				hint = fmt.Sprintf("write id: %s, and the words readers see in label", s)
			}
			ds.Errorf(l.Pos, hint, "levels: id '%s' is not a lowercase slug", id)
			continue
		case seen[id]:
			ds.Errorf(l.Pos, "remove one of the two", "levels: '%s' is declared twice", id)
			continue
		case label == "":
			label = id
		}
		seen[id] = true
		out = append(out, generator.Label{ID: id, Label: label})
	}
	return out
}

var slug = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// CheckBaseURL returns what is wrong with a base URL, or "" if it is
// usable. A base URL is written into every page (canonical links, the
// sitemap, the feed, the Content-Security-Policy), so it is strict: http
// or https, a host (a DNS name in ASCII, an IPv4 address or a bracketed
// IPv6 address), an optional port from 1 to 65535, and a path of a
// folder; no user name or password, query, fragment, quotes, spaces,
// control characters or backslashes. The message quotes raw with
// [generator.Quote].
func CheckBaseURL(raw string) string {
	q := generator.Quote(raw)
	for _, r := range raw {
		if what := badChar(r); what != "" {
			return q + " contains " + what + ", which a URL cannot hold"
		}
	}
	scheme, rest, ok := strings.Cut(raw, "://")
	if !ok || strings.ContainsAny(scheme, "/?#") {
		if strings.HasPrefix(raw, "/") {
			return q + " has no host; write the whole address the site is published at"
		}
		return q + " does not start with https:// or http://"
	}
	if scheme = strings.ToLower(scheme); scheme != "http" && scheme != "https" {
		return q + " is not an http or https address"
	}
	authority, path := rest, ""
	if i := strings.IndexAny(rest, "/?#"); i >= 0 {
		authority, path = rest[:i], rest[i:]
	}
	if strings.Contains(authority, "@") {
		return q + " holds a user name or password, which would be published in every page; remove the part before @"
	}
	if i := strings.IndexByte(path, '#'); i >= 0 {
		return q + " has a fragment (#…); remove it"
	}
	if i := strings.IndexByte(path, '?'); i >= 0 {
		return q + " has a query (?…); remove it"
	}
	host, port := authority, ""
	if strings.HasPrefix(authority, "[") {
		end := strings.IndexByte(authority, ']')
		if end < 0 {
			return q + " has an IPv6 address without its closing ]"
		}
		host = authority[1:end]
		if ip := net.ParseIP(host); ip == nil || ip.To4() != nil || strings.Contains(host, "%") {
			return q + " has an invalid IPv6 address"
		}
		rest := authority[end+1:]
		if rest != "" {
			if !strings.HasPrefix(rest, ":") {
				return q + " has text after its IPv6 address"
			}
			port = rest[1:]
			if port == "" {
				return q + " has an empty port after ':'"
			}
		}
	} else {
		if h, p, ok := strings.Cut(authority, ":"); ok {
			host, port = h, p
			if port == "" {
				return q + " has an empty port after ':'"
			}
		}
		if msg := checkHost(host); msg != "" {
			return q + " " + msg
		}
	}
	if port != "" {
		n, err := strconv.Atoi(port)
		if err != nil || n < 1 || n > 65535 || port[0] == '+' {
			return q + " has port " + generator.Quote(port) + "; a port is a number from 1 to 65535"
		}
	}
	if msg := checkPath(path); msg != "" {
		return q + " " + msg
	}
	if last := path[strings.LastIndex(path, "/")+1:]; strings.Contains(last, ".") {
		return q + " names a file; give the folder the site is published in, e.g. " + generator.Printable(generator.Cut(strings.TrimSuffix(raw, last), generator.MaxQuoted))
	}
	return ""
}

// badChar describes a character no base URL may hold, or returns "".
func badChar(r rune) string {
	switch {
	case r == ' ' || unicode.IsSpace(r):
		return "a space"
	case r == '"' || r == '\'' || r == '`' || r == '“' || r == '”' || r == '‘' || r == '’':
		return "a quote"
	case r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f) || unicode.Is(unicode.Cf, r):
		return "a control character"
	case r == '\\':
		return "a backslash"
	case r == '<' || r == '>':
		return "'" + string(r) + "'"
	}
	return ""
}

// checkHost says what is wrong with a host name or IPv4 address.
func checkHost(host string) string {
	if host == "" {
		return "has no host"
	}
	if len(host) > 253 {
		return "has a host name longer than 253 characters"
	}
	for _, label := range strings.Split(strings.TrimSuffix(host, "."), ".") {
		if label == "" || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' {
			return "has an invalid host name"
		}
		for _, r := range label {
			if r >= 0x80 {
				return "has a host name that is not ASCII; write it in its xn-- form"
			}
			if !(r == '-' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
				return "has an invalid host name"
			}
		}
	}
	return ""
}

// checkPath says what is wrong with the path of a base URL: only the
// characters RFC 3986 allows in a path (with percent escapes), no "." or
// ".." segments.
func checkPath(path string) string {
	for i := 0; i < len(path); i++ {
		c := path[i]
		switch {
		case c == '%':
			if i+2 >= len(path) || !isHex(path[i+1]) || !isHex(path[i+2]) {
				return "has a '%' that does not start an escape such as %20"
			}
		case c >= 0x80:
			return "has a path that is not ASCII; write it percent-encoded (%C3%A9 for é)"
		case c >= '0' && c <= '9', c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', strings.IndexByte("-._~!$&()*+,;=:@/", c) >= 0:
		default:
			return "has " + generator.Quote(string(c)) + " in its path, which a URL cannot hold unescaped"
		}
	}
	for _, seg := range strings.Split(path, "/") {
		if seg == "." || seg == ".." {
			return "has a '" + seg + "' segment in its path; write the folder's own path"
		}
	}
	return ""
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}
