package site

import (
	"strings"

	"github.com/folio-sites/folio/generator/chart"
	"github.com/folio-sites/folio/generator/internal/parallel"

	"github.com/folio-sites/folio/generator"
)

// pages lists every page of the site in a stable order.
func (s *Site) pages() []*Page {
	c := s.Content
	home := Link{Title: "Home", URL: "/"}
	district := Link{Title: "District", URL: "/district/"}
	schools := Link{Title: "Schools", URL: "/schools/"}
	standards := Link{Title: "Standards", URL: "/standards/"}

	homeArts, districtArts, schoolArts := splitArtifacts(c.Artifacts)
	out := []*Page{
		{Kind: KindHome, URL: "/", Title: s.Title, Description: c.Home.Summary, Artifacts: homeArts, Sections: s.sections("home", s.rollupSections)},
		{Kind: KindDistrict, URL: district.URL, Title: "District portfolio", Description: "How the central office leads the district's improvement: its narratives and its own evidence.", Crumbs: []Link{home}, Artifacts: districtArts,
			Sections: s.sections("district", func() []Section { return s.evidenceSections(generator.DistrictID, districtName) })},
	}
	out = append(out, narrativePages(c.District, []Link{home, district})...)

	out = append(out, &Page{Kind: KindSchools, URL: schools.URL, Title: "Schools", Description: "Every school's improvement portfolio.", Crumbs: []Link{home}})
	// Each school's charts are independent of the others': draw them on
	// every core.
	sections := parallel.Map(len(c.Schools), func(i int) []Section {
		sc := c.Schools[i]
		return s.sections("school "+sc.ID, func() []Section {
			defer generator.Guard("content/schools/" + sc.ID + "/_index.md")
			return s.evidenceSections(sc.ID, sc.Name)
		})
	})
	for i, sc := range c.Schools {
		link := Link{Title: sc.Name, URL: SchoolURL(sc.ID)}
		out = append(out, &Page{Kind: KindSchool, URL: link.URL, Title: sc.Name, Description: sc.Summary, Crumbs: []Link{home, schools}, School: sc, Artifacts: schoolArts[sc.ID],
			Sections: sections[i]})
		for _, p := range narrativePages(sc.Narratives, []Link{home, schools, link}) {
			p.School = sc
			out = append(out, p)
		}
	}

	if len(s.Standards) > 0 {
		out = append(out, &Page{Kind: KindStandards, URL: standards.URL, Title: "Standards", Description: "The standards our narratives cite, and where.", Crumbs: []Link{home}})
		for _, e := range s.Standards {
			crumbs := []Link{home, standards}
			if e.Parent != nil {
				crumbs = append(crumbs, Link{Title: e.Parent.Cite, URL: e.Parent.URL})
			}
			out = append(out, &Page{Kind: KindStandard, URL: e.URL, Title: e.Cite + ": " + e.Text, Description: e.Catalog.Name + " " + e.Code, Crumbs: crumbs, Standard: e})
		}
	}
	if fw := s.Evidence.Framework; fw != nil {
		out = append(out, &Page{Kind: KindFramework, URL: "/framework/", Title: fw.Name, Description: "The practices of the " + fw.Name + " and how each is known to be installed.", Crumbs: []Link{home}})
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
	board := &Page{Kind: KindBoard, URL: "/board/", Title: "Board packet",
		Description: "The district summary and every school's evidence in one printable packet.",
		Crumbs:      []Link{{Title: "Home", URL: "/"}}}
	summary := map[string]bool{"installation": true, "trust-trend": true, "achievement-gains": true,
		"installation-heatmap": true, "trust-schools": true, "achievement-schools": true}
	pick := func(p *Page) []*chart.Chart {
		var out []*chart.Chart
		for _, c := range p.Charts() {
			if summary[c.Kind] {
				out = append(out, c)
			}
		}
		return out
	}
	for _, p := range s.Pages {
		switch p.Kind {
		case KindHome:
			board.Sections = append(board.Sections, Section{ID: "district-overview", Title: "District overview", Intro: s.Content.Home.Summary, Charts: pick(p)})
		case KindDistrict:
			if cs := pick(p); len(cs) > 0 {
				board.Sections = append(board.Sections, Section{ID: "central-office", Title: "Central office", Intro: p.Description, Charts: cs})
			}
		case KindSchool:
			board.Sections = append(board.Sections, Section{ID: "school-" + p.School.ID, Title: p.School.Name, Intro: p.School.Summary, Charts: pick(p), School: p.School})
		}
	}
	return board
}
