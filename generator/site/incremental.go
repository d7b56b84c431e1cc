package site

import (
	"slices"
	"strings"

	"github.com/folio-sites/folio/generator"
	"github.com/folio-sites/folio/generator/chart"
)

// ReplaceNarrative puts n in place of the narrative read from the same
// file, for a rebuild after an edit of that file alone, and returns the
// pages whose output may have changed: the narrative's own and its
// neighbours', its school (or the district) page, the home page, the
// standards and framework pages that cite it before or after, and the
// 404 page. It returns false when the edit needs a full rebuild: the file
// is new, or the narrative is now a draft or unusable (n is nil).
func (s *Site) ReplaceNarrative(n *generator.Narrative, ds *generator.Diagnostics) ([]*Page, bool) {
	if n == nil {
		return nil, false
	}
	list := &s.Content.District
	if n.School != "" {
		sc := s.School(n.School)
		if sc == nil {
			return nil, false
		}
		list = &sc.Narratives
	}
	i := slices.IndexFunc(*list, func(o *generator.Narrative) bool { return o.Source == n.Source })
	if i < 0 {
		return nil, false
	}
	old := (*list)[i]
	(*list)[i] = n
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
	byCite := map[string]*StandardEntry{}
	for _, e := range s.Standards {
		byCite[strings.ToLower(e.Cite)] = e
	}
	s.resolveStandards(n, byCite, ds)
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
		return nil, false
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
			p.Inline = nil
			if len(n.Charts) > 0 {
				p.Inline = s.inlineCharts(n, ds)
			}
			for _, c := range p.Inline {
				if c != nil {
					c.Home = p.URL
				}
			}
		}
		affected[p] = true
	}
	for _, p := range s.Pages {
		switch p.Kind {
		case KindHome, KindNotFound, KindStandards, KindFramework:
			affected[p] = true
		case KindDistrict:
			affected[p] = n.School == ""
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
	return out, true
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
