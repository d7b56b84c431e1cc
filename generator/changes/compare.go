package changes

import (
	"cmp"
	"slices"
	"time"

	"github.com/folio-sites/folio/generator"
	"github.com/folio-sites/folio/generator/evidence"
	"github.com/folio-sites/folio/generator/goals"
)

// indicators lists the indicators of school whose latest status differs
// from their status on since, in the order of obs (school, indicator,
// date).
func indicators(obs []generator.Observation, school string, since time.Time) []Indicator {
	type state struct {
		then    string
		now     generator.Observation
		hasThen bool
	}
	byID := map[string]*state{}
	var order []string
	for _, o := range obs {
		if o.School != school {
			continue
		}
		s := byID[o.Indicator]
		if s == nil {
			s = &state{}
			byID[o.Indicator] = s
			order = append(order, o.Indicator)
		}
		if !o.Date.After(since) {
			s.then, s.hasThen = o.Status, true
		}
		if s.now.Date.IsZero() || !o.Date.Before(s.now.Date) {
			s.now = o
		}
	}
	var out []Indicator
	for _, id := range order {
		s := byID[id]
		if s.hasThen && s.then == s.now.Status {
			continue
		}
		out = append(out, Indicator{ID: id, From: s.then, To: s.now.Status, Date: s.now.Date, Evidence: s.now.Evidence, Pos: s.now.Pos})
	}
	return out
}

// sortByDate orders narratives oldest first, then by title.
func sortByDate(ns []*generator.Narrative) {
	slices.SortStableFunc(ns, func(a, b *generator.Narrative) int {
		return cmp.Or(a.Date.Compare(b.Date), cmp.Compare(a.Title, b.Title))
	})
}

// assessment lists the achievement years of school after year, each with
// the gain in every subject for all students.
func assessment(ev *evidence.Data, school string, year generator.SchoolYear) []Year {
	a := ev.Achievement
	if a == nil {
		return nil
	}
	var years []generator.SchoolYear
	has := map[string]map[generator.SchoolYear]bool{}
	for _, r := range a.Results {
		if r.School == school {
			years = append(years, r.Year)
			mark(has, r.Subject, r.Year)
		}
	}
	var measures []measure
	for _, s := range a.Subjects {
		measures = append(measures, measure{s.ID, goals.Measure{Evidence: goals.Achievement, Subject: s.ID, Subgroup: "all"}, has[s.ID]})
	}
	return newer(ev, school, years, year, measures)
}

// survey lists the trust years of school after year, each with the gain
// of every respondent group's mean over the facets.
func survey(ev *evidence.Data, school string, year generator.SchoolYear) []Year {
	t := ev.Trust
	if t == nil {
		return nil
	}
	var years []generator.SchoolYear
	has := map[string]map[generator.SchoolYear]bool{}
	for _, r := range t.Results {
		if r.School == school {
			years = append(years, r.Year)
			mark(has, r.Group, r.Year)
		}
	}
	var measures []measure
	for _, g := range t.Groups {
		measures = append(measures, measure{g.ID, goals.Measure{Evidence: goals.Trust, Group: g.ID, Facet: goals.AllFacets}, has[g.ID]})
	}
	return newer(ev, school, years, year, measures)
}

// measure is one line of a year's gains: what it is of, the measure, and
// the years in which the place has a row for it.
type measure struct {
	of  string
	m   goals.Measure
	has map[generator.SchoolYear]bool
}

func mark(has map[string]map[generator.SchoolYear]bool, of string, y generator.SchoolYear) {
	if has[of] == nil {
		has[of] = map[generator.SchoolYear]bool{}
	}
	has[of][y] = true
}

// newer returns the years after year among years (the place's years of
// one kind of evidence), with the gain of each measure that has a row in
// the year.
func newer(ev *evidence.Data, school string, years []generator.SchoolYear, year generator.SchoolYear, measures []measure) []Year {
	slices.Sort(years)
	years = slices.Compact(years)
	var out []Year
	for i, y := range years {
		if y <= year {
			continue
		}
		ny := Year{Year: y}
		if i > 0 {
			ny.Prev = years[i-1]
		}
		for _, m := range measures {
			if !m.has[y] {
				continue // the subject or group was not measured that year
			}
			_, at := goals.Series(school, m.m, ev, time.Time{})
			now := at(y)
			g := Gain{Of: m.of, Now: now}
			if ny.Prev != 0 {
				g.Before = at(ny.Prev)
				if now.OK() && g.Before.OK() {
					g.Diff, g.HasDiff = m.m.Round(now.Value)-m.m.Round(g.Before.Value), true
				}
			}
			ny.Gains = append(ny.Gains, g)
		}
		out = append(out, ny)
	}
	return out
}
