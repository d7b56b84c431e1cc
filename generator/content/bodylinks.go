package content

import (
	"maps"
	"net/url"
	"path"
	"strings"

	"github.com/folio-sites/folio/generator"
)

// checkLinks warns about each link or image of a body that leads to a
// school's or the district's folder of the site where nothing is
// published: an evidence file misspelt or never added, a narrative
// renamed, a draft (left out of this build or not: the published site
// leaves it out). On the published site each would be a broken link or a
// missing picture. It looks only under /schools/<id>/ and /district/,
// where every file comes from content/ (but the charts' CSV downloads,
// which it leaves alone); the pages folio makes elsewhere (/board/,
// /standards/…) are not content's to know. leftOut are the pages of the
// drafts this load left out; found the paths of every file found in
// content/, of which one that is not published (a narrative with errors,
// a spreadsheet refused, a symbolic link) has had its own problem
// reported: a link to it is not reported again. A link from a draft to
// a draft is not reported either: they are published together.
func checkLinks(c *generator.Content, leftOut, found map[string]bool, ds *generator.Diagnostics) {
	published := map[string]bool{}
	var order []string // published, in the order met: hints are the same from build to build
	drafts := maps.Clone(leftOut)
	add := func(p string) {
		published[p] = true
		order = append(order, p)
	}
	type body struct {
		links []generator.LocalLink
		draft bool
	}
	bodies := []body{{links: c.Home.Links}}
	narratives := func(ns []*generator.Narrative) {
		for _, n := range ns {
			page, _ := bodyPage(n.Source)
			add(page)
			if n.Draft {
				drafts[page] = true
			}
			bodies = append(bodies, body{n.Links, n.Draft})
		}
	}
	narratives(c.District)
	for _, s := range c.Schools {
		add("/schools/" + s.ID + "/")
		bodies = append(bodies, body{links: s.Links})
		narratives(s.Narratives)
	}
	for _, a := range c.Artifacts {
		add("/" + a.Path)
	}
	hints := linkHints{made: map[[2]string]string{}, published: order}
	for _, b := range bodies {
		for _, l := range b.links {
			t := strings.TrimSuffix(l.Target, "index.html")
			if u, err := url.PathUnescape(t); err == nil {
				t = u // my%20plan.pdf names "my plan.pdf"
			}
			if !strings.HasSuffix(t, "/") && (published[t+"/"] || drafts[t+"/"]) {
				t += "/" // a web server opens the folder's page: /schools/oak
			}
			if !checkedTarget(t) {
				continue
			}
			if drafts[t] {
				if !b.draft {
					ds.Warnf(l.Pos, "it is a draft: the published site leaves it out until its draft: true is removed",
						"link to %s leads nowhere on the published site", generator.Quote(l.Written))
				}
				continue
			}
			if published[t] || found[t] {
				continue
			}
			ds.Warnf(l.Pos, hints.of(t, l.Pos.File, func(p string) bool { return published[p] || drafts[p] }), "link to %s leads nowhere on the published site", generator.Quote(l.Written))
		}
	}
}

// linkHints makes the hints of links that lead nowhere. The closest name
// in a folder is looked for once per folder and name (the same broken
// link is often written in many files), and within a budget of
// comparisons, beyond which hints do without it: a folder of 1,000
// schools and thousands of links to names not in it took seconds.
type linkHints struct {
	made     map[[2]string]string // folder, name → hint
	compared int
	// published are the paths published, and inFolder the names in each
	// folder, as a link names them (see written), made from them when a
	// first hint needs them: most loads have no link to hint about.
	published []string
	inFolder  map[string][]string
}

// maxHintComparisons bounds the names linkHints compares with, in all.
const maxHintComparisons = 200_000

// of is the hint for a link from file to the site path t, where nothing
// is published; page reports whether a path is a narrative's page
// (published or a draft).
func (h *linkHints) of(t, file string, page func(string) bool) string {
	dir, name := written(t)
	// A link written relative to the page rather than to the file, as
	// another generator reads it: ../walks/ from content/schools/x/a.md
	// is content/schools/walks/, and the narrative beside it was meant.
	if here := "/" + strings.TrimPrefix(path.Dir(file), contentDir+"/") + "/"; dir != here && strings.HasSuffix(t, "/") {
		if slug := strings.TrimSuffix(name, "/"); page(here + slug + "/") {
			return "links are read from the file's folder, as GitHub shows them: write '" + slug + ".md' for the narrative beside this one"
		}
	}
	if hint, ok := h.made[[2]string{dir, name}]; ok {
		return hint
	}
	hint := "put the file in content" + dir + ", or correct the link"
	switch {
	case dir == "/schools/":
		hint = "there is no school folder content/schools/" + name + " with an _index.md; correct the link"
	case strings.HasSuffix(t, "/"):
		hint = "no narrative content" + dir + name + " is published; correct the link"
	}
	if h.inFolder == nil {
		h.inFolder = map[string][]string{}
		for _, p := range h.published {
			dir, name := written(p)
			h.inFolder[dir] = append(h.inFolder[dir], name)
		}
	}
	if candidates := h.inFolder[dir]; h.compared+len(candidates) <= maxHintComparisons {
		h.compared += len(candidates)
		if guess := generator.Closest(name, candidates); guess != "" {
			hint = "did you mean '" + guess + "'?"
		}
	}
	h.made[[2]string{dir, name}] = hint
	return hint
}

// written is the folder of the site path p and the name a link in that
// folder gives it: a school's folder "lincoln/", a narrative's page
// "walks.md" (its file), a file its name.
func written(p string) (dir, name string) {
	dir, name = path.Split(strings.TrimSuffix(p, "/"))
	switch {
	case !strings.HasSuffix(p, "/"):
	case dir == "/schools/":
		name += "/"
	default:
		name += ".md"
	}
	return dir, name
}

// checkedTarget reports whether checkLinks checks a link to the site path
// t: one in a school's or the district's folder, but not the folder's own
// page (/schools/ and /district/ list what is in them) nor a chart's CSV
// download.
func checkedTarget(t string) bool {
	if t == "/schools/" || t == "/district/" {
		return false
	}
	if !strings.HasPrefix(t, "/schools/") && !strings.HasPrefix(t, "/district/") {
		return false
	}
	name := path.Base(t)
	return !(strings.HasPrefix(name, "chart_") && strings.HasSuffix(name, ".csv"))
}
