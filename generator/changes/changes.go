// Package changes finds what changed in a portfolio since a date — the
// last board meeting — from the data's own dates, with no history of the
// files needed.
//
// For each school and the district, since the date D:
//
//   - indicators whose current status differs from their status on D (the
//     latest observation on or before D), with the observation date and
//     evidence of the current status; an indicator first observed after D
//     is new (From is "");
//   - narratives dated after D;
//   - survey and assessment school years newer than D's school year (a
//     school year starts on July 1), each with the gain from the year
//     before it in the data: per subject for all students, and per
//     respondent group for the mean of every facet (reported only when
//     every facet is);
//   - goals whose status on D (see goals.Evaluate) differs from their
//     status now.
//
// Gains are computed only from published numbers: where either value was
// suppressed, coded or not reported, the gain is not computed and the
// goals.Value of that year says why.
package changes

import (
	"time"

	"github.com/folio-sites/folio/generator"
	"github.com/folio-sites/folio/generator/evidence"
	"github.com/folio-sites/folio/generator/goals"
)

// Changes is everything that changed since a date, by place.
type Changes struct {
	// Since is the date compared with; Year is its school year.
	Since time.Time
	Year  generator.SchoolYear
	// Places are the schools in the order of the content, then the
	// district (generator.DistrictID).
	Places []Place
}

// Place is what changed at one school or at the district.
type Place struct {
	// School is a school id or generator.DistrictID.
	School     string
	Indicators []Indicator
	// Narratives are the place's narratives dated after the date, oldest
	// first.
	Narratives []*generator.Narrative
	// Assessment and Survey are the newer achievement and trust years.
	Assessment []Year
	Survey     []Year
	Goals      []Goal
}

// None reports whether nothing changed at the place.
func (p Place) None() bool {
	return len(p.Indicators) == 0 && len(p.Narratives) == 0 && len(p.Assessment) == 0 && len(p.Survey) == 0 && len(p.Goals) == 0
}

// Indicator is an indicator whose status changed.
type Indicator struct {
	ID string
	// From is the status on the date, "" when the indicator was first
	// observed after it; To is the current status.
	From, To string
	// Date, Evidence and Pos are the current observation's.
	Date     time.Time
	Evidence string
	Pos      generator.Pos
}

// New reports whether the indicator was first observed after the date.
func (i Indicator) New() bool { return i.From == "" }

// Year is a survey or assessment year newer than the date's school year.
type Year struct {
	Year generator.SchoolYear
	// Prev is the year before it in the data, 0 when there is none.
	Prev  generator.SchoolYear
	Gains []Gain
}

// Gain is the change of one measure from the year before.
type Gain struct {
	// Of is a subject id (assessment) or a respondent group id (survey).
	Of string
	// Now and Before are the values in the year and the year before;
	// Before.Year is 0 when there is no year before.
	Now, Before goals.Value
	// Diff is Now − Before, set only when both are published (OK).
	Diff    float64
	HasDiff bool
}

// Goal is a goal whose status changed.
type Goal struct {
	From, To goals.Progress
}

// Compute returns what changed since the date since in c and ev, with the
// goals gs.
func Compute(since time.Time, c *generator.Content, ev *evidence.Data, gs []goals.Goal) *Changes {
	out := &Changes{Since: since, Year: generator.YearOf(since)}
	if ev == nil {
		ev = &evidence.Data{}
	}
	var ids []string
	for _, s := range c.Schools {
		ids = append(ids, s.ID)
	}
	ids = append(ids, generator.DistrictID)
	views := split(ev)
	for _, id := range ids {
		p := Place{School: id}
		v := views[id]
		if v == nil {
			v = &evidence.Data{Framework: ev.Framework}
		}
		p.Indicators = indicators(v.Installation, id, since)
		narratives := c.District
		for _, s := range c.Schools {
			if s.ID == id {
				narratives = s.Narratives
			}
		}
		for _, n := range narratives {
			if n.Date.After(since) {
				p.Narratives = append(p.Narratives, n)
			}
		}
		sortByDate(p.Narratives)
		p.Assessment = assessment(v, id, out.Year)
		p.Survey = survey(v, id, out.Year)
		for _, g := range gs {
			if g.School != id {
				continue
			}
			then, now := goals.Evaluate(g, ev, since), goals.Evaluate(g, ev, time.Time{})
			if then.Status != now.Status {
				p.Goals = append(p.Goals, Goal{From: then, To: now})
			}
		}
		out.Places = append(out.Places, p)
	}
	return out
}

// Place returns the changes at school, or nil.
func (c *Changes) Place(school string) *Place {
	if c == nil {
		return nil
	}
	for i := range c.Places {
		if c.Places[i].School == school {
			return &c.Places[i]
		}
	}
	return nil
}

// None reports whether nothing changed anywhere.
func (c *Changes) None() bool {
	for _, p := range c.Places {
		if !p.None() {
			return false
		}
	}
	return true
}

// split returns each place's own rows with the shared definitions, so that
// a district of a thousand schools is scanned once, not once per school.
func split(ev *evidence.Data) map[string]*evidence.Data {
	out := map[string]*evidence.Data{}
	view := func(school string) *evidence.Data {
		v := out[school]
		if v == nil {
			v = &evidence.Data{Framework: ev.Framework}
			if ev.Trust != nil {
				t := *ev.Trust
				t.Results = nil
				v.Trust = &t
			}
			if ev.Achievement != nil {
				a := *ev.Achievement
				a.Results = nil
				v.Achievement = &a
			}
			out[school] = v
		}
		return v
	}
	for _, o := range ev.Installation {
		v := view(o.School)
		v.Installation = append(v.Installation, o)
	}
	if ev.Trust != nil {
		for _, r := range ev.Trust.Results {
			v := view(r.School)
			v.Trust.Results = append(v.Trust.Results, r)
		}
	}
	if ev.Achievement != nil {
		for _, r := range ev.Achievement.Results {
			v := view(r.School)
			v.Achievement.Results = append(v.Achievement.Results, r)
		}
	}
	return out
}
