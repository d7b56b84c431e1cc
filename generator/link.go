package generator

import (
	"net/url"
	"strings"
)

// BasePath returns the path part of a base URL with a trailing slash
// ("https://example.org/portfolio" → "/portfolio/"), or "" without one.
func BasePath(baseURL string) string {
	if baseURL == "" {
		return ""
	}
	u, err := url.Parse(baseURL)
	if err != nil {
		return ""
	}
	p := u.Path
	if !strings.HasSuffix(p, "/") {
		p += "/"
	}
	return p
}

// Link writes a link from the page at pageURL to target, a path of the
// site ("/schools/lincoln/"): under the base path when the site has one
// (basePath from BasePath), else relative to the page, with index.html
// for a folder, so that the site works opened from disk. A target that is
// not a site path (another site's address, "#top", "agenda.pdf") is
// returned as it is.
func Link(basePath, pageURL, target string) string {
	if !strings.HasPrefix(target, "/") || strings.HasPrefix(target, "//") {
		return target // external or already relative
	}
	if basePath != "" {
		return basePath + strings.TrimPrefix(target, "/")
	}
	dir := pageURL[:strings.LastIndex(pageURL, "/")+1] // "/404.html" lives in "/"
	depth := strings.Count(dir, "/") - 1
	rel := strings.Repeat("../", depth) + strings.TrimPrefix(target, "/")
	if rel == "" || strings.HasSuffix(rel, "/") {
		rel += "index.html"
	}
	if first, _, _ := strings.Cut(rel, "/"); strings.Contains(first, ":") {
		// "http:evil.zip", a file at the top of content/, would be read
		// as an address of its own.
		rel = "./" + rel
	}
	return rel
}
