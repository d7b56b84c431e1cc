package site

import (
	"slices"
	"strings"

	"github.com/folio-sites/folio/generator/chart"
	"github.com/folio-sites/folio/generator/internal/parallel"

	"github.com/folio-sites/folio/generator"
)

// pages lists every page of the site in a stable order.
func (s *Site) pages() []*Page {
	c := s.Content
	t := s.Messages.Text
	home := Link{Title: t("nav.home"), URL: "/"}
	district := Link{Title: t("nav.district"), URL: "/district/"}
	schools := Link{Title: t("nav.schools"), URL: "/schools/"}
	standards := Link{Title: t("nav.standards"), URL: "/standards/"}

	homeArts, districtArts, schoolArts := splitArtifacts(c.Artifacts)
	s.facts = make(map[string]placeFacts, len(c.Schools)+2)
	districtBoard := s.placeBoard(generator.DistrictID)
	s.facts[generator.DistrictID] = placeFacts{asOf: districtBoard.AsOf}
	homeBoard := s.homeBoard()
	// The comparisons of every school (the home page's, or the pages of a
	// large district's), the district's charts and each school's charts and
	// board are independent of each other: made on every core, the
	// comparisons (the longest to draw) first.
	compared := s.comparedEvidence()
	parts := parallel.Map(len(compared)+len(c.Schools)+2, func(i int) placeParts {
		if i < len(compared) {
			url := compareURL(compared[i])
			return placeParts{sections: s.sections("compare "+url, url, func() []Section { return s.compareSections(compared[i]) })}
		}
		switch i -= len(compared); i {
		case 0:
			if len(compared) > 0 {
				return placeParts{} // its comparisons have pages of their own
			}
			return placeParts{sections: s.sections("home", "/", s.rollupSections)}
		case 1:
			return placeParts{sections: s.sections("district", district.URL, func() []Section { return s.evidenceSections(generator.DistrictID) })}
		}
		sc := c.Schools[i-2]
		secs := s.sections("school "+sc.ID, SchoolURL(sc.ID), func() []Section {
			defer generator.Guard("content/schools/" + sc.ID + "/_index.md")
			return s.evidenceSections(sc.ID)
		})
		if len(c.Schools) <= BoardSchools {
			secs.get() // the board packet shows them: drawn now, on every core
		}
		return placeParts{sections: secs, board: s.placeBoard(sc.ID)}
	})
	compare := s.comparePages(compared, parts[:len(compared)], home)
	parts = parts[len(compared):]
	homePage := &Page{Kind: KindHome, URL: "/", Title: s.Title, Description: c.Home.Summary, Artifacts: homeArts, sections: parts[0].sections, Board: homeBoard}
	for _, p := range compare {
		homePage.Compare = append(homePage.Compare, Link{Title: p.Title, URL: p.URL})
	}
	out := []*Page{homePage}
	out = append(out, compare...)
	out = append(out, []*Page{
		{Kind: KindDistrict, URL: district.URL, Title: t("page.district.title"), Description: t("page.district.description"), Crumbs: []Link{home}, Artifacts: districtArts,
			sections: parts[1].sections, Board: districtBoard},
	}...)
	out = append(out, narrativePages(c.District, []Link{home, district})...)

	out = append(out, &Page{Kind: KindSchools, URL: schools.URL, Title: t("page.schools.title"), Description: t("page.schools.description"), Crumbs: []Link{home}})
	schoolParts := parts[2:]
	for i, sc := range c.Schools {
		b := schoolParts[i].board
		s.facts[sc.ID] = placeFacts{asOf: b.AsOf, beside: b.Beside}
	}
	for i, sc := range c.Schools {
		link := Link{Title: sc.Name, URL: SchoolURL(sc.ID)}
		out = append(out, &Page{Kind: KindSchool, URL: link.URL, Title: sc.Name, Description: sc.Summary, Crumbs: []Link{home, schools}, School: sc, Artifacts: schoolArts[sc.ID],
			sections: schoolParts[i].sections, Board: schoolParts[i].board})
		for _, p := range narrativePages(sc.Narratives, []Link{home, schools, link}) {
			p.School = sc
			out = append(out, p)
		}
	}

	if len(s.Standards) > 0 {
		out = append(out, &Page{Kind: KindStandards, URL: standards.URL, Title: t("page.standards.title"), Description: t("page.standards.description"), Crumbs: []Link{home}})
		for _, e := range s.Standards {
			crumbs := []Link{home, standards}
			if e.Parent != nil {
				crumbs = append(crumbs, Link{Title: e.Parent.Cite, URL: e.Parent.URL})
			}
			out = append(out, &Page{Kind: KindStandard, URL: e.URL, Title: e.Cite + ": " + e.Text, Description: e.Catalog.Name + " " + e.Code, Crumbs: crumbs, Standard: e})
		}
	}
	if len(s.board.progress) > 0 {
		out = append(out, &Page{Kind: KindGoals, URL: "/goals/", Title: s.Messages.Text("page.goals.title"), Description: s.Messages.Text("page.goals.description"), Crumbs: []Link{home}, Board: s.siteBoard()})
		goalsPage := out[len(out)-1]
		goalsPage.Board.Since = nil // /changes/ has them
	}
	if ch := s.board.changes; ch != nil {
		date := longDate(ch.Since)
		out = append(out, &Page{Kind: KindChanges, URL: "/changes/", Title: s.Messages.Text("page.changes.title", "date", date), Description: s.Messages.Text("page.changes.description", "date", date), Crumbs: []Link{home}, Board: s.siteBoard()})
		out[len(out)-1].Board.Goals = nil // /goals/ has them
	}
	if fw := s.Evidence.Framework; fw != nil {
		out = append(out, &Page{Kind: KindFramework, URL: "/framework/", Title: fw.Name, Description: t("page.framework.description", "framework", fw.Name), Crumbs: []Link{home}})
	}
	return out
}

// placeParts are what pages draws of one place on every core: its chart
// sections, and its board (a school's).
type placeParts struct {
	sections *sectionSet
	board    *Board
}

// comparedEvidence are the kinds of evidence that have a page comparing
// every school (see comparePages): none for a district of at most
// BoardSchools schools, whose home page shows the comparisons itself.
func (s *Site) comparedEvidence() []string {
	if len(s.Content.Schools) <= BoardSchools {
		return nil
	}
	return chart.AcrossEvidence(s.charts)
}

// compareURL is the address of the page comparing every school on one
// kind of evidence.
func compareURL(evidence string) string { return "/compare/" + evidence + "/" }

// comparePages are the pages that compare every school, one per kind of
// evidence (/compare/installation/, /compare/trust/,
// /compare/achievement/), for a district of more than BoardSchools
// schools, from their drawn parts, under home in their breadcrumbs. At
// 1,000 schools the comparisons made a 5.2 MB home page (a heatmap of
// 45,000 cells, two tables of 1,000 rows), which a phone loads slowly and
// draws more slowly still; the home page links them instead
// (Page.Compare).
func (s *Site) comparePages(evidence []string, parts []placeParts, home Link) []*Page {
	var out []*Page
	for i, ev := range evidence {
		secs := parts[i].sections.get()
		if len(secs) == 0 || len(secs[0].Charts) == 0 {
			continue // its data draws no comparison (one year of results has no gains)
		}
		out = append(out, &Page{Kind: KindCompare, URL: compareURL(ev), Title: secs[0].Title, Description: secs[0].Intro, Crumbs: []Link{home}, sections: parts[i].sections})
	}
	return out
}

func narrativePages(ns []*generator.Narrative, crumbs []Link) []*Page {
	pages := make([]*Page, len(ns))
	for i, n := range ns {
		pages[i] = &Page{Kind: KindNarrative, URL: NarrativeURL(n), Title: n.Title, Description: n.Summary, Crumbs: crumbs, Narrative: n}
	}
	for i, p := range pages {
		if i > 0 {
			p.Prev = &Link{Title: pages[i-1].Title, URL: pages[i-1].URL}
		}
		if i+1 < len(pages) {
			p.Next = &Link{Title: pages[i+1].Title, URL: pages[i+1].URL}
		}
	}
	return pages
}

// splitArtifacts assigns each artifact to the page it sits beside: a
// school's folder (at any depth) to the school, content/district/ to the
// district page, anything else to the home page.
func splitArtifacts(arts []generator.Artifact) (home, district []generator.Artifact, schools map[string][]generator.Artifact) {
	schools = map[string][]generator.Artifact{}
	for _, a := range arts {
		parts := strings.Split(a.Path, "/")
		switch {
		case len(parts) >= 3 && parts[0] == "schools":
			schools[parts[1]] = append(schools[parts[1]], a)
		case len(parts) >= 2 && parts[0] == "district":
			district = append(district, a)
		default:
			home = append(home, a)
		}
	}
	return home, district, schools
}

// boardPage gathers the district summary and every school's summary
// charts into one printable packet for board meetings. It reuses the
// charts of the pages already assembled.
func (s *Site) boardPage() *Page {
	t := s.Messages.Text
	board := &Page{Kind: KindBoard, URL: "/board/", Title: t("page.board.title"),
		Description: t("page.board.description"),
		Crumbs:      []Link{{Title: t("nav.home"), URL: "/"}}, Board: s.siteBoard()}
	// The packet shows the kinds the chart registry marks for it.
	pick := func(p *Page) []*chart.Chart {
		var out []*chart.Chart
		for _, c := range p.Charts() {
			if k := chart.Lookup(c.Kind); k != nil && k.Board {
				out = append(out, c)
			}
		}
		return out
	}
	var secs []Section
	for _, p := range s.Pages {
		switch p.Kind {
		case KindHome:
			sec := Section{ID: "district-overview", Title: t("board.district-overview"), Intro: s.Content.Home.Summary, Charts: pick(p)}
			if n := len(s.Content.Schools); n > BoardSchools {
				// The charts that compare every school (a heatmap's row,
				// a bar, a table row each) grow with the district: at
				// 1,000 schools they made a 5 MB packet that Chromium could
				// not print. They have pages of their own, linked.
				sec.Charts = slices.DeleteFunc(sec.Charts, func(c *chart.Chart) bool {
					k := chart.Lookup(c.Kind)
					return k != nil && k.Across
				})
				if len(sec.Charts) == 0 {
					for _, l := range p.Compare {
						sec.Links = append(sec.Links, Link{Title: t("board.district-overview.across", "n", n, "what", l.Title), URL: l.URL})
					}
				}
			}
			secs = append(secs, sec)
		case KindDistrict:
			if cs := pick(p); len(cs) > 0 {
				secs = append(secs, Section{ID: "central-office", Title: t("board.central-office"), Intro: p.Description, Charts: cs})
			}
		case KindSchool:
			if len(s.Content.Schools) > BoardSchools {
				continue
			}
			secs = append(secs, Section{ID: "school-" + p.School.ID, Title: p.School.Name, Intro: p.School.Summary, Charts: pick(p), School: p.School})
		}
	}
	if n := len(s.Content.Schools); n > BoardSchools {
		sec := Section{ID: "schools", Title: t("board.schools.title"), Intro: t("board.schools.intro", "n", n, "max", BoardSchools)}
		for _, sc := range s.Content.Schools {
			sec.Links = append(sec.Links, Link{Title: sc.Name, URL: SchoolURL(sc.ID), ID: "school-" + sc.ID})
		}
		secs = append(secs, sec)
	}
	board.sections = drawnSections(secs)
	return board
}

// BoardSchools is the most schools whose sections the board packet holds.
// A district (or a region, or a state) with more gets a packet of its
// district sections and a list linking each school's portfolio, which
// prints as that school's packet: a packet of 2 pages per school stops
// being read long before 1,000 schools, and at that size it was a 28 MB
// page that took a core the better part of a second to render.
const BoardSchools = 40
