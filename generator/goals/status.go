package goals

import (
	"slices"
	"strconv"
	"time"

	"github.com/folio-sites/folio/generator"
	"github.com/folio-sites/folio/generator/evidence"
)

// Status is where a goal stands.
type Status int

// The statuses, from the least to the most known. CannotReport is the zero
// value: a goal is not judged until a published value says where it is.
const (
	CannotReport Status = iota
	NotOnTrack
	OnTrack
	Met
)

// Slug is the status as an id: "met", "on-track", "not-on-track",
// "cannot-report". Pages use it for classes and message ids.
func (s Status) Slug() string {
	return [...]string{"cannot-report", "not-on-track", "on-track", "met"}[s]
}

// Reason says why a value is not reported.
type Reason int

// The reasons, besides Reported.
const (
	// Reported: the value is a published number.
	Reported Reason = iota
	// Missing: the data has no row for the measure in that year (for
	// installation: no indicator observed).
	Missing
	// Suppressed: folio withheld it to protect a small group.
	Suppressed
	// Coded: published as a range ("≤5%", "≥95%"), not a number.
	Coded
	// AtSource: the source did not report it ("*", "N/A").
	AtSource
)

// Value is the measure of a goal in one school year.
type Value struct {
	Year generator.SchoolYear
	// Value is set when Why is Reported.
	Value float64
	Why   Reason
	// Text is the coded value as published, when Why is Coded.
	Text string
	// Facet names the facet not reported, for a trust measure of every
	// facet.
	Facet string
	// Complementary is set when a Suppressed value was hidden to protect
	// another, smaller group rather than for its own size.
	Complementary bool
	// Shown is how pages write a trust mean the file gave with fewer than
	// two decimals ("3.1", not 3.10: see evidence.Measure.MeanDecimals);
	// "" for every other value, written in its unit's usual way.
	Shown string
}

// OK reports whether the value is a published number.
func (v Value) OK() bool { return v.Why == Reported }

// Progress is a goal with its values and status.
type Progress struct {
	Goal Goal
	// Values are the measure's values in each year of the data after the
	// baseline year, up to the latest.
	Values []Value
	// AtBaseline is the measure's value in the baseline year, which the
	// data may give beside the baseline the goal states (a chart shows
	// both); its Year is 0 when the data has no such year.
	AtBaseline Value
	// Latest is the value of the latest year of the data; its Year is 0
	// when the data has no year at all for the measure.
	Latest Value
	Status Status
	// Expected is the value the goal expected in the latest year (the
	// interim target of that year, or the line between the nearest
	// targets), when the status is on track or not on track and the
	// target year has not come; FromInterim says it is an interim target.
	Expected    float64
	FromInterim bool
	// HasExpected says Expected is set.
	HasExpected bool
}

// Evaluate returns where g stands in ev. With a non-zero asOf, it uses
// only what was known on that date: installation observations on or
// before it, survey and assessment years up to its school year.
func Evaluate(g Goal, ev *evidence.Data, asOf time.Time) Progress {
	years, at := Series(g.School, g.Measure, ev, asOf)
	p := Progress{Goal: g}
	if len(years) == 0 {
		p.Latest = Value{Why: Missing}
		return p
	}
	for _, y := range years {
		switch {
		case y > g.Baseline.Year:
			p.Values = append(p.Values, at(y))
		case y == g.Baseline.Year:
			p.AtBaseline = at(y)
		}
	}
	p.Latest = at(years[len(years)-1])
	if !p.Latest.OK() {
		return p
	}
	m := g.Measure
	latest := m.Round(p.Latest.Value)
	switch {
	case reaches(latest, m.Round(g.Target.Value), g):
		p.Status = Met
		return p
	case p.Latest.Year >= g.Target.Year:
		p.Status = NotOnTrack
		return p
	}
	p.Expected, p.FromInterim = expected(g, p.Latest.Year)
	p.Expected = m.Round(p.Expected)
	p.HasExpected = true
	if reaches(latest, p.Expected, g) {
		p.Status = OnTrack
	} else {
		p.Status = NotOnTrack
	}
	return p
}

// In is the measure's value in year y, from the baseline year on: false
// when the data has none.
func (p Progress) In(y generator.SchoolYear) (Value, bool) {
	if y == p.Goal.Baseline.Year {
		return p.AtBaseline, p.AtBaseline.Year != 0
	}
	i := slices.IndexFunc(p.Values, func(v Value) bool { return v.Year == y })
	if i < 0 {
		return Value{}, false
	}
	return p.Values[i], true
}

// reaches reports whether v is at or beyond t in the goal's direction.
func reaches(v, t float64, g Goal) bool {
	if g.Target.Value < g.Baseline.Value {
		return v <= t
	}
	return v >= t
}

// Expected is the value g expects in year y: the interim target of y, or
// the straight line between the nearest baseline, interim target or
// target before and after y (the baseline before it, the target after).
func Expected(g Goal, y generator.SchoolYear) float64 {
	v, _ := expected(g, y)
	return v
}

// expected is Expected, and whether the value is an interim target.
func expected(g Goal, y generator.SchoolYear) (float64, bool) {
	points := append(append([]Point{g.Baseline}, g.Interim...), g.Target)
	if y <= g.Baseline.Year {
		return g.Baseline.Value, false
	}
	for i := 1; i < len(points); i++ {
		a, b := points[i-1], points[i]
		if y == b.Year {
			return b.Value, i < len(points)-1
		}
		if y < b.Year {
			return a.Value + (b.Value-a.Value)*float64(y-a.Year)/float64(b.Year-a.Year), false
		}
	}
	return g.Target.Value, false
}

// Series returns the years of the data for a measure at school, sorted,
// and the value of the measure in one of those years. With a non-zero
// asOf it sees only what was known on that date, as Evaluate does. Only
// published numbers become values.
func Series(school string, m Measure, ev *evidence.Data, asOf time.Time) ([]generator.SchoolYear, func(generator.SchoolYear) Value) {
	if ev == nil {
		return nil, nil
	}
	cutoff := generator.SchoolYear(1 << 30)
	if !asOf.IsZero() {
		cutoff = generator.YearOf(asOf)
	}
	switch m.Evidence {
	case Achievement:
		if ev.Achievement == nil {
			return nil, nil
		}
		rows := map[generator.SchoolYear]evidence.AchievementResult{}
		var years []generator.SchoolYear
		for _, r := range ev.Achievement.Results {
			if r.Year > cutoff {
				continue
			}
			years = append(years, r.Year)
			if r.School == school && r.Subject == m.Subject && r.Subgroup == m.Subgroup {
				rows[r.Year] = r
			}
		}
		return distinct(years), func(y generator.SchoolYear) Value {
			r, ok := rows[y]
			if !ok {
				return Value{Year: y, Why: Missing}
			}
			return Published(y, r.Proficient)
		}
	case Trust:
		if ev.Trust == nil {
			return nil, nil
		}
		rows := map[generator.SchoolYear]map[string]evidence.TrustResult{}
		var years []generator.SchoolYear
		for _, r := range ev.Trust.Results {
			if r.Year > cutoff {
				continue
			}
			years = append(years, r.Year)
			if r.School == school && r.Group == m.Group && (m.Facet == AllFacets || r.Facet == m.Facet) {
				if rows[r.Year] == nil {
					rows[r.Year] = map[string]evidence.TrustResult{}
				}
				rows[r.Year][r.Facet] = r
			}
		}
		facets := []string{m.Facet}
		if m.Facet == AllFacets {
			facets = nil
			for _, f := range ev.Trust.Facets {
				facets = append(facets, f.ID)
			}
		}
		return distinct(years), func(y generator.SchoolYear) Value {
			sum := 0.0
			var v Value
			for _, f := range facets {
				r, ok := rows[y][f]
				v = Value{Year: y, Why: Missing}
				if ok {
					v = Published(y, r.Mean)
				}
				if !v.OK() {
					if m.Facet == AllFacets {
						v.Facet = f
					}
					return v
				}
				if d := r.Mean.MeanDecimals(); d < 2 {
					v.Shown = strconv.FormatFloat(v.Value, 'f', d, 64)
				}
				sum += v.Value
			}
			if len(facets) == 1 {
				return v // one facet's mean, as the file gives it
			}
			return Value{Year: y, Value: sum / float64(len(facets))}
		}
	case Installation:
		if ev.Framework == nil {
			return nil, nil
		}
		counted := map[string]bool{}
		for _, comp := range ev.Framework.Components {
			if m.Component != "" && comp.ID != m.Component {
				continue
			}
			for _, pr := range comp.Practices {
				for _, in := range pr.Indicators {
					counted[in.ID] = true
				}
			}
		}
		installed := generator.Installed(ev.Framework.StatusScale)
		var obs []generator.Observation
		var years []generator.SchoolYear
		for _, o := range ev.Installation {
			if o.School != school || !counted[o.Indicator] || (!asOf.IsZero() && o.Date.After(asOf)) {
				continue
			}
			obs = append(obs, o)
			years = append(years, generator.YearOf(o.Date))
		}
		return distinct(years), func(y generator.SchoolYear) Value {
			n, of := 0, 0
			for _, st := range latestStatuses(obs, generator.EndOf(y)) {
				if st == generator.NotApplicable {
					continue
				}
				of++
				if slices.Contains(installed, st) {
					n++
				}
			}
			if of == 0 {
				return Value{Year: y, Why: Missing}
			}
			return Value{Year: y, Value: 100 * float64(n) / float64(of)}
		}
	}
	return nil, nil
}

// Published is a measure of the evidence as a Value: its number only
// when it was published as one, else why not.
func Published(y generator.SchoolYear, m evidence.Measure) Value {
	if v, ok := m.Value(); ok {
		return Value{Year: y, Value: v}
	}
	switch m.Kind() {
	case evidence.Coded:
		return Value{Year: y, Why: Coded, Text: m.Text()}
	case evidence.Suppressed:
		return Value{Year: y, Why: Suppressed, Complementary: m.Reason() == evidence.Complementary}
	}
	return Value{Year: y, Why: AtSource}
}

func distinct(years []generator.SchoolYear) []generator.SchoolYear {
	slices.Sort(years)
	return slices.Compact(years)
}

// latestStatuses returns each indicator's latest status among obs on or
// before t.
func latestStatuses(obs []generator.Observation, t time.Time) map[string]string {
	out := map[string]string{}
	when := map[string]time.Time{}
	for _, o := range obs {
		if o.Date.After(t) {
			continue
		}
		if w, ok := when[o.Indicator]; !ok || !o.Date.Before(w) {
			when[o.Indicator], out[o.Indicator] = o.Date, o.Status
		}
	}
	return out
}

// atBaseline is the value of g's measure in its baseline year, Missing
// when the data has no row for it.
func atBaseline(g Goal, ev *evidence.Data) Value {
	years, at := Series(g.School, g.Measure, ev, time.Time{})
	if !slices.Contains(years, g.Baseline.Year) {
		return Value{Year: g.Baseline.Year, Why: Missing}
	}
	return at(g.Baseline.Year)
}
