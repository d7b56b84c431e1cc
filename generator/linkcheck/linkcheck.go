// Package linkcheck finds broken internal links, anchors and assets in a
// built site folder, the way a reader's browser would follow them: from
// disk (file://) when the site has no base URL, or from a web server under
// the base URL's path.
package linkcheck

import (
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/net/html"
)

// Problem is one broken reference.
type Problem struct {
	// Page is the slash path of the page holding the reference.
	Page string
	// Ref is the reference as written; "" for a page no link reaches.
	Ref    string
	Reason string
}

// String formats the problem as "page: ref: reason", or "page: reason"
// for a page no link reaches.
func (p Problem) String() string {
	if p.Ref == "" {
		return p.Page + ": " + p.Reason
	}
	return fmt.Sprintf("%s: %s: %s", p.Page, p.Ref, p.Reason)
}

// Options say how the site is served.
type Options struct {
	// BaseURL is the site's base URL, or "" for a site opened from disk,
	// where a link must name a file: a folder does not open its
	// index.html from file://.
	BaseURL string
}

type page struct {
	ids  map[string]bool
	refs []string
	// links are the hrefs of its <a> elements: what a reader follows.
	links []string
}

// Check reads every HTML file under dir and reports every internal link
// (a, link, script, img, source) that does not resolve to a file, every
// #fragment that names no id in its target page, and every page that a
// reader cannot reach from the home page (index.html) by following links
// (<a>; not a canonical <link>, which no reader clicks): the site's
// 404.html excepted. External links are not followed.
func Check(dir string, opts Options) ([]Problem, error) {
	pages, files, err := read(dir)
	if err != nil {
		return nil, err
	}
	var base *url.URL
	if opts.BaseURL != "" {
		if base, err = url.Parse(opts.BaseURL); err != nil {
			return nil, err
		}
		if !strings.HasSuffix(base.Path, "/") {
			base.Path += "/"
		}
	}
	var problems []Problem
	names := make([]string, 0, len(pages))
	for n := range pages {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, name := range names {
		for _, ref := range pages[name].refs {
			target, frag, reason := resolve(name, ref, base, files)
			if reason == "" && frag != "" && strings.HasSuffix(target, ".html") {
				if pg := pages[target]; pg != nil && !pg.ids[frag] {
					reason = "no element with id '" + frag + "' in " + target
				}
			}
			if reason != "" {
				problems = append(problems, Problem{Page: name, Ref: ref, Reason: reason})
			}
		}
	}
	reached := reachable(pages, files, base)
	for _, name := range names {
		if !reached[name] && name != "404.html" {
			problems = append(problems, Problem{Page: name, Reason: "no link leads here from the home page"})
		}
	}
	return problems, nil
}

// reachable is every page a reader reaches from index.html by following
// <a> links.
func reachable(pages map[string]*page, files map[string]bool, base *url.URL) map[string]bool {
	reached := map[string]bool{}
	queue := []string{"index.html"}
	for len(queue) > 0 {
		name := queue[0]
		queue = queue[1:]
		pg := pages[name]
		if reached[name] || pg == nil {
			continue
		}
		reached[name] = true
		for _, ref := range pg.links {
			if target, _, reason := resolve(name, ref, base, files); reason == "" && pages[target] != nil {
				queue = append(queue, target)
			}
		}
	}
	return reached
}

// read parses every HTML file under dir, and lists every file, by slash
// path.
func read(dir string) (pages map[string]*page, files map[string]bool, err error) {
	pages, files = map[string]*page{}, map[string]bool{}
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		files[rel] = true
		if strings.HasSuffix(rel, ".html") {
			pg, err := parse(p)
			if err != nil {
				return fmt.Errorf("%s: %w", rel, err)
			}
			pages[rel] = pg
		}
		return nil
	})
	return pages, files, err
}

// resolve maps ref, found on page, to a file of the site. It returns
// reason "" when the reference is fine or external.
func resolve(pageName, ref string, base *url.URL, files map[string]bool) (target, frag, reason string) {
	u, err := url.Parse(ref)
	if err != nil {
		return "", "", "not a URL"
	}
	if u.Scheme == "mailto" || u.Scheme == "tel" || u.Scheme == "data" {
		return "", "", ""
	}
	frag = u.Fragment
	var p string
	switch {
	case u.Scheme != "" || u.Host != "":
		if base == nil || u.Host != base.Host || !strings.HasPrefix(u.Path, base.Path) {
			return "", "", "" // external
		}
		p = strings.TrimPrefix(u.Path, base.Path)
	case strings.HasPrefix(u.Path, "/"):
		if base == nil {
			return "", "", "a root-relative link breaks when the site is opened from disk or under a sub-path"
		}
		if !strings.HasPrefix(u.Path, base.Path) {
			return "", "", "outside the base path " + base.Path
		}
		p = strings.TrimPrefix(u.Path, base.Path)
	case u.Path == "":
		p = pageName
	default:
		p = path.Join(path.Dir(pageName), u.Path)
		if strings.HasSuffix(u.Path, "/") {
			p += "/"
		}
		if strings.HasPrefix(p, "../") || p == ".." {
			return "", "", "points above the site root"
		}
	}
	if p == "" || strings.HasSuffix(p, "/") || files[p+"/index.html"] && !files[p] {
		if base == nil && u.Path != "" {
			return "", "", "links to a folder, which does not open its index.html from disk"
		}
		p = strings.TrimSuffix(p, "/")
		if p != "" {
			p += "/"
		}
		p += "index.html"
	}
	if !files[p] {
		return "", "", "no such file " + p
	}
	return p, frag, ""
}

func parse(file string) (*page, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	doc, err := html.Parse(f)
	if err != nil {
		return nil, err
	}
	pg := &page{ids: map[string]bool{}}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			for _, a := range n.Attr {
				switch {
				case a.Key == "id" || (a.Key == "name" && n.Data == "a"):
					pg.ids[a.Val] = true
				case a.Key == "href" && (n.Data == "a" || n.Data == "link" || n.Data == "area"):
					pg.refs = append(pg.refs, a.Val)
					if n.Data == "a" {
						pg.links = append(pg.links, a.Val)
					}
				case a.Key == "src" && (n.Data == "script" || n.Data == "img" || n.Data == "source" || n.Data == "iframe"):
					pg.refs = append(pg.refs, a.Val)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return pg, nil
}
