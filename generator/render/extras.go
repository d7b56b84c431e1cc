package render

import (
	"bytes"
	"cmp"
	"encoding/xml"
	"slices"
	"strings"
	"time"

	"github.com/folio-sites/folio/generator"
	"github.com/folio-sites/folio/generator/site"
)

// FeedSize is how many of the newest narratives the Atom feed lists.
const FeedSize = 20

// Extras returns the files a published site needs besides its pages:
// .nojekyll (GitHub Pages must not run Jekyll, which hides folders
// starting with "_"), robots.txt, sitemap.xml and the Atom feed. URLs are
// absolute when the site has a base URL; without one they are relative to
// the site root, which is all a site opened from disk can offer.
func Extras(s *site.Site) []generator.File {
	return []generator.File{
		{Path: ExtraPaths[0], Data: []byte{}},
		{Path: ExtraPaths[1], Data: robots(s)},
		{Path: ExtraPaths[2], Data: sitemap(s)},
		{Path: ExtraPaths[3], Data: feed(s)},
	}
}

// ExtraPaths are the paths of the files Extras makes, in its order.
var ExtraPaths = []string{".nojekyll", "robots.txt", "sitemap.xml", "feed.xml"}

// Extra returns the one file of Extras at path, and false when path is
// not one of ExtraPaths.
func Extra(s *site.Site, path string) (generator.File, bool) {
	var data []byte
	switch path {
	case ".nojekyll":
		data = []byte{}
	case "robots.txt":
		data = robots(s)
	case "sitemap.xml":
		data = sitemap(s)
	case "feed.xml":
		data = feed(s)
	default:
		return generator.File{}, false
	}
	return generator.File{Path: path, Data: data}, true
}

// link makes a URL for a sitemap or feed.
func link(s *site.Site, p string) string {
	if abs := AbsURL(s.Config.BaseURL, p); abs != "" {
		return abs
	}
	if base := generator.BasePath(s.Config.BaseURL); base != "" {
		return base + strings.TrimPrefix(p, "/")
	}
	if rel := strings.TrimPrefix(p, "/"); rel != "" {
		return rel
	}
	return "./"
}

func robots(s *site.Site) []byte {
	var b strings.Builder
	b.WriteString("User-agent: *\nAllow: /\n")
	if abs := AbsURL(s.Config.BaseURL, "/sitemap.xml"); abs != "" {
		b.WriteString("Sitemap: " + abs + "\n")
	}
	return []byte(b.String())
}

func sitemap(s *site.Site) []byte {
	type url struct {
		Loc     string `xml:"loc"`
		LastMod string `xml:"lastmod,omitempty"`
	}
	type urlset struct {
		XMLName xml.Name `xml:"urlset"`
		NS      string   `xml:"xmlns,attr"`
		URLs    []url    `xml:"url"`
	}
	set := urlset{NS: "http://www.sitemaps.org/schemas/sitemap/0.9"}
	for _, p := range s.Pages {
		if p.Kind == site.KindNotFound {
			continue
		}
		u := url{Loc: link(s, p.URL)}
		if p.Narrative != nil && !p.Narrative.Date.IsZero() {
			u.LastMod = p.Narrative.Date.Format("2006-01-02")
		}
		set.URLs = append(set.URLs, u)
	}
	return marshalXML(set)
}

func feed(s *site.Site) []byte {
	type atomLink struct {
		Href string `xml:"href,attr"`
		Rel  string `xml:"rel,attr,omitempty"`
	}
	type entry struct {
		Title   string   `xml:"title"`
		ID      string   `xml:"id"`
		Link    atomLink `xml:"link"`
		Updated string   `xml:"updated"`
		Author  string   `xml:"author>name"`
		Summary string   `xml:"summary,omitempty"`
	}
	type atom struct {
		XMLName xml.Name   `xml:"feed"`
		NS      string     `xml:"xmlns,attr"`
		Title   string     `xml:"title"`
		ID      string     `xml:"id"`
		Links   []atomLink `xml:"link"`
		Updated string     `xml:"updated"`
		Author  string     `xml:"author>name"`
		Entries []entry    `xml:"entry"`
	}
	var ns []*site.Page
	for _, p := range s.Pages {
		if p.Narrative != nil && !p.Narrative.Date.IsZero() {
			ns = append(ns, p)
		}
	}
	// Newest first; the same date orders by title, then URL, so the feed
	// is the same on every build.
	slices.SortStableFunc(ns, func(a, b *site.Page) int {
		return cmp.Or(b.Narrative.Date.Compare(a.Narrative.Date), cmp.Compare(a.Title, b.Title), cmp.Compare(a.URL, b.URL))
	})
	if len(ns) > FeedSize {
		ns = ns[:FeedSize]
	}
	f := atom{NS: "http://www.w3.org/2005/Atom", Title: s.Title, ID: feedID(s, "/"),
		Links:  []atomLink{{Href: link(s, "/feed.xml"), Rel: "self"}, {Href: link(s, "/")}},
		Author: cmp.Or(s.Content.Home.District, s.Title), Updated: stamp(time.Unix(0, 0).UTC())}
	if len(ns) > 0 {
		f.Updated = stamp(ns[0].Narrative.Date)
	}
	for _, p := range ns {
		author := "District"
		if p.School != nil {
			author = p.School.Name
		}
		f.Entries = append(f.Entries, entry{Title: p.Title, ID: feedID(s, p.URL), Link: atomLink{Href: link(s, p.URL)},
			Updated: stamp(p.Narrative.Date), Author: author, Summary: p.Narrative.Summary})
	}
	return marshalXML(f)
}

// feedID is an entry's permanent id: its absolute URL, or, when the site
// has no base URL, a URN built from the site's title and the path, so two
// districts' feeds do not share ids.
func feedID(s *site.Site, p string) string {
	if abs := AbsURL(s.Config.BaseURL, p); abs != "" {
		return abs
	}
	return "urn:folio:" + generator.Slugify(s.Title) + ":" + strings.Trim(p, "/")
}

func stamp(t time.Time) string { return t.UTC().Format(time.RFC3339) }

func marshalXML(v any) []byte {
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		panic(err) // our own types only
	}
	buf.WriteByte('\n')
	return buf.Bytes()
}
