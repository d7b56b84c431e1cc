package site

import (
	"slices"

	"github.com/folio-sites/folio/generator"
	"github.com/folio-sites/folio/generator/chart"
)

// ReplaceNarrative puts n in place of the narrative read from the same
// file, for a rebuild after an edit of that file alone, and returns the
// pages whose output may have changed. When only the body changed — the
// common case while an author types — that is the narrative's own page.
// When what other pages show of it changed (title, date, weight, summary,
// citations), listed is true and the pages are also its neighbours', its
// school (or the district) page, the home and 404 pages for a district
// narrative, and the standards and framework pages citing it before or
// after; the feed and sitemap change then too. ok is false when the edit
// needs a full rebuild: the file is new, or the narrative is now a draft
// or unusable (n is nil).
func (s *Site) ReplaceNarrative(n *generator.Narrative, ds *generator.Diagnostics) (pages []*Page, listed, ok bool) {
	if n == nil {
		return nil, false, false
	}
	list := &s.Content.District
	if n.School != "" {
		sc := s.School(n.School)
		if sc == nil {
			return nil, false, false
		}
		list = &sc.Narratives
	}
	i := slices.IndexFunc(*list, func(o *generator.Narrative) bool { return o.Source == n.Source })
	if i < 0 {
		return nil, false, false
	}
	old := (*list)[i]
	(*list)[i] = n
	if sameListing(old, n) {
		return s.replaceBody(old, n, ds), false, true
	}
	generator.SortNarratives(*list)

	affected := map[*Page]bool{}
	for _, e := range s.Standards {
		if j := slices.Index(e.CitedBy, old); j >= 0 {
			e.CitedBy = slices.Delete(e.CitedBy, j, j+1)
			affected[s.page(e.URL)] = true
		}
	}
	for id, ns := range s.Practices {
		s.Practices[id] = slices.DeleteFunc(ns, func(o *generator.Narrative) bool { return o == old })
	}
	s.resolveStandards(n, s.citeIndex(), ds)
	s.resolvePractices(n, ds)
	// Lists of citing narratives keep the order a full build gives them.
	order := map[*generator.Narrative]int{}
	for i, o := range allNarratives(s.Content) {
		order[o] = i
	}
	byOrder := func(a, b *generator.Narrative) int { return order[a] - order[b] }
	for _, e := range s.Standards {
		if slices.Contains(e.CitedBy, n) {
			affected[s.page(e.URL)] = true
		}
		slices.SortFunc(e.CitedBy, byOrder)
	}
	for _, ns := range s.Practices {
		slices.SortFunc(ns, byOrder)
	}
	// A standard's page counts the citations of its criteria.
	for _, e := range s.Standards {
		if e.Parent != nil && affected[s.page(e.URL)] {
			affected[s.page(e.Parent.URL)] = true
		}
	}

	// The narrative pages of the school keep their places in s.Pages; the
	// new order (weight, date, title may have changed) is laid over them.
	var block []*Page
	for _, p := range s.Pages {
		if p.Kind == KindNarrative && p.Narrative.School == n.School {
			block = append(block, p)
		}
	}
	if len(block) != len(*list) {
		return nil, false, false
	}
	inline := map[*generator.Narrative][]*chart.Chart{}
	for _, p := range block {
		inline[p.Narrative] = p.Inline
	}
	fresh := narrativePages(*list, block[0].Crumbs)
	for j, p := range block {
		school := p.School
		*p = *fresh[j]
		p.School = school
		p.Inline = inline[p.Narrative]
		if p.Narrative == n {
			s.drawInline(p, ds)
		}
		affected[p] = true
	}
	// Pages that list the narrative: the home page, the 404 page and the
	// district page list district narratives; a school page its own; the
	// standards index counts citations; the framework page lists the
	// narratives on each practice.
	cites := len(old.Standards) > 0 || len(n.Standards) > 0
	practices := len(old.Practices) > 0 || len(n.Practices) > 0
	for _, p := range s.Pages {
		switch p.Kind {
		case KindHome, KindNotFound, KindDistrict:
			affected[p] = n.School == ""
		case KindStandards:
			affected[p] = cites
		case KindFramework:
			affected[p] = practices
		case KindSchool:
			affected[p] = affected[p] || p.School.ID == n.School
		}
	}
	var out []*Page
	for _, p := range s.Pages {
		if affected[p] {
			out = append(out, p)
		}
	}
	return out, true, true
}

// sameListing reports whether other pages show a and b alike: same title,
// date, weight, summary, draft flag and citations.
func sameListing(a, b *generator.Narrative) bool {
	ids := func(rs []generator.Ref) []string {
		out := make([]string, len(rs))
		for i, r := range rs {
			out[i] = r.ID
		}
		return out
	}
	return a.Title == b.Title && a.Date.Equal(b.Date) && a.Weight == b.Weight && a.Summary == b.Summary &&
		a.Draft == b.Draft && slices.Equal(ids(a.Standards), ids(b.Standards)) && slices.Equal(ids(a.Practices), ids(b.Practices))
}

// replaceBody swaps n in for old where only its own page shows the
// difference, and returns that page.
func (s *Site) replaceBody(old, n *generator.Narrative, ds *generator.Diagnostics) []*Page {
	for _, e := range s.Standards {
		if j := slices.Index(e.CitedBy, old); j >= 0 {
			e.CitedBy[j] = n
		}
	}
	for _, ns := range s.Practices {
		if j := slices.Index(ns, old); j >= 0 {
			ns[j] = n
		}
	}
	// References are checked again for the diagnostics' positions (the
	// lines may have moved), not for their targets, which are the same.
	var check generator.Diagnostics
	s.resolveStandards(n, s.citeIndex(), &check)
	s.resolvePractices(n, &check)
	*ds = append(*ds, check...)
	p := s.page(NarrativeURL(n))
	if p == nil {
		return nil
	}
	p.Narrative = n
	s.drawInline(p, ds)
	return []*Page{p}
}

// drawInline draws the charts of the ```chart blocks of p's narrative.
func (s *Site) drawInline(p *Page, ds *generator.Diagnostics) {
	p.Inline = nil
	if len(p.Narrative.Charts) > 0 {
		p.Inline = s.inlineCharts(p.Narrative, ds)
	}
	for _, c := range p.Inline {
		if c != nil {
			c.Home = p.URL
		}
	}
}

// page returns the page at url, or nil.
func (s *Site) page(url string) *Page {
	if s.byURL == nil {
		s.byURL = make(map[string]*Page, len(s.Pages))
		for _, p := range s.Pages {
			s.byURL[p.URL] = p
		}
	}
	return s.byURL[url]
}
