package content

import (
	"path"
	"strings"

	"github.com/folio-sites/folio/generator"
)

// An author links the files beside a page as they sit in the folder —
// [the agenda](agenda.pdf), [our first narrative](getting-started.md),
// ![a learning walk](walk.jpg), [the district](/) — as a markdown preview
// on GitHub shows them. A narrative's page is one folder below its file
// (content/schools/lincoln/walks.md is /schools/lincoln/walks/), the site
// may live under a sub-path (/portfolio/), and a relative build is opened
// from disk: such links are rewritten when the body is parsed, to where
// the file is published from the page the body is shown on (under the
// base path, or relative with index.html for a folder), and a link to a
// markdown file to its page. Another site's address, a link within the
// page (#results) and one with a scheme (mailto:) are left as written.

// bodyPage returns the page a markdown file's body is shown on and the
// site folder the file sits in: content/_index.md is "/" in "/",
// content/schools/x/_index.md is "/schools/x/" in "/schools/x/", and
// content/schools/x/walks.md is "/schools/x/walks/" in "/schools/x/".
func bodyPage(file string) (pageURL, dir string) {
	rel := strings.TrimPrefix(file, contentDir+"/")
	dir = path.Dir("/" + rel)
	if dir != "/" {
		dir += "/"
	}
	name := path.Base(rel)
	if strings.HasPrefix(name, "_index.") {
		return dir, dir
	}
	return dir + strings.TrimSuffix(name, path.Ext(name)) + "/", dir
}

// siteLink rewrites the destination of a link or image written in the
// body of a file in dir, shown on pageURL, for a site under basePath
// (generator.BasePath; "" for a relative build). See above. local is the
// site path the link leads to (see generator.LocalLink), "" for a link
// to another site or within the page.
func siteLink(dest, dir, pageURL, basePath string) (link, local string) {
	if dest == "" || dest[0] == '#' || dest[0] == '?' || strings.HasPrefix(dest, "//") {
		return dest, ""
	}
	if i := strings.IndexAny(dest, ":/?#"); i >= 0 && dest[i] == ':' {
		return dest, "" // a scheme: another site, mailto:, or one the renderer empties
	}
	target, suffix := dest, ""
	if i := strings.IndexAny(dest, "?#"); i >= 0 {
		target, suffix = dest[:i], dest[i:]
	}
	folder := strings.HasSuffix(target, "/")
	if !strings.HasPrefix(target, "/") {
		target = dir + target
	}
	target = path.Clean(target) // "/schools/x/../y.md" is "/schools/y.md"; never above "/"
	if ext := path.Ext(target); ext == ".md" || ext == ".markdown" {
		if name := path.Base(target); strings.HasPrefix(name, "_index.") {
			target = path.Dir(target)
		} else {
			target = strings.TrimSuffix(target, ext)
		}
		folder = true
	}
	if folder && !strings.HasSuffix(target, "/") {
		target += "/"
	}
	return generator.Link(basePath, pageURL, target) + suffix, target
}
