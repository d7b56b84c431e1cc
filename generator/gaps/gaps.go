// Package gaps sets a school's proficiency beside the district's, and
// follows the gap between each student group and the school's all
// students over the years.
//
// For each subject a school has results in:
//
//   - in the school's latest year of that subject, each group's percent
//     proficient beside the district's (the rows whose school is
//     district) for the same group and year, with the difference school −
//     district in percentage points;
//   - for each group other than all students, in every year, the gap all
//     students − group in percentage points (positive when the group is
//     below all students), and whether it narrowed, widened or held from
//     the first year it could be computed to the last.
//
// A difference or a gap is computed only from two published numbers
// (goals.Value.OK): where either was suppressed, coded or not reported, it
// is not computed, and the values say why. Differences and gaps are taken
// between the values as shown (one decimal), so the page's arithmetic
// adds up.
package gaps

import (
	"math"

	"github.com/folio-sites/folio/generator"
	"github.com/folio-sites/folio/generator/evidence"
	"github.com/folio-sites/folio/generator/goals"
)

// Subject is one subject at one school.
type Subject struct {
	Subject string
	// Year is the school's latest year in the subject; Beside compares it.
	Year generator.SchoolYear
	// Beside has one row per group the school has in Year, in the order of
	// achievement.yaml; empty when the district has no rows.
	Beside []Row
	// Gaps has one entry per group other than all students.
	Gaps []Gap
}

// Row is one group of a school beside the district.
type Row struct {
	Subgroup         string
	School, District goals.Value
	// Diff is School − District in percentage points, when both are
	// published.
	Diff    float64
	HasDiff bool
}

// Gap is the gap between one group and all students over the years.
type Gap struct {
	Subgroup string
	Years    []GapYear
	// First and Last are the first and last years whose gap is computed;
	// Trend compares them. Both are zero when fewer than two are.
	First, Last GapYear
	Trend       Trend
}

// GapYear is the gap in one year.
type GapYear struct {
	Year       generator.SchoolYear
	Group, All goals.Value
	// Gap is All − Group in percentage points, when both are published.
	Gap    float64
	HasGap bool
}

// Trend says how a gap moved.
type Trend int

// The trends; None when fewer than two years have a gap.
const (
	None Trend = iota
	Narrowed
	Widened
	Unchanged
)

// Slug is the trend as an id: "narrowed", "widened", "unchanged", "none".
func (t Trend) Slug() string {
	return [...]string{"none", "narrowed", "widened", "unchanged"}[t]
}

type key struct {
	subject, subgroup string
	year              generator.SchoolYear
}

// Compute returns the subjects of school, in the order of achievement.yaml.
// ev may hold every school's rows or only those of school and the
// district.
func Compute(a *evidence.Achievement, school string) []Subject {
	if a == nil || school == generator.DistrictID {
		return nil
	}
	mine := make(map[key]evidence.AchievementResult, len(a.Results))
	district := make(map[key]evidence.AchievementResult, len(a.Results))
	latest := map[string]generator.SchoolYear{}
	yearsOf := map[string][]generator.SchoolYear{}
	for _, r := range a.Results {
		k := key{r.Subject, r.Subgroup, r.Year}
		switch r.School {
		case school:
			mine[k] = r
			if r.Year > latest[r.Subject] {
				latest[r.Subject] = r.Year
			}
			ys := yearsOf[r.Subject]
			if len(ys) == 0 || ys[len(ys)-1] != r.Year {
				yearsOf[r.Subject] = append(ys, r.Year) // results are sorted by school, year
			}
		case generator.DistrictID:
			district[k] = r
		}
	}
	var out []Subject
	for _, s := range a.Subjects {
		y, ok := latest[s.ID]
		if !ok {
			continue
		}
		sub := Subject{Subject: s.ID, Year: y, Gaps: make([]Gap, 0, len(a.Subgroups))}
		for _, g := range a.Subgroups {
			r, ok := mine[key{s.ID, g.ID, y}]
			if !ok {
				continue
			}
			if d, ok := district[key{s.ID, g.ID, y}]; ok {
				row := Row{Subgroup: g.ID, School: goals.Published(y, r.Proficient), District: goals.Published(y, d.Proficient)}
				if row.School.OK() && row.District.OK() {
					row.Diff, row.HasDiff = round(row.School.Value)-round(row.District.Value), true
				}
				sub.Beside = append(sub.Beside, row)
			}
			if g.ID == "all" {
				continue
			}
			years := yearsOf[s.ID]
			gap := Gap{Subgroup: g.ID, Years: make([]GapYear, 0, len(years))}
			computed := make([]GapYear, 0, len(years))
			for _, yy := range years {
				gr, ok := mine[key{s.ID, g.ID, yy}]
				if !ok {
					continue
				}
				gy := GapYear{Year: yy, Group: goals.Published(yy, gr.Proficient), All: goals.Value{Year: yy, Why: goals.Missing}}
				if all, ok := mine[key{s.ID, "all", yy}]; ok {
					gy.All = goals.Published(yy, all.Proficient)
				}
				if gy.Group.OK() && gy.All.OK() {
					gy.Gap, gy.HasGap = round(gy.All.Value)-round(gy.Group.Value), true
					computed = append(computed, gy)
				}
				gap.Years = append(gap.Years, gy)
			}
			if len(computed) >= 2 {
				gap.First, gap.Last = computed[0], computed[len(computed)-1]
				switch a, b := math.Abs(round(gap.First.Gap)), math.Abs(round(gap.Last.Gap)); {
				case b < a:
					gap.Trend = Narrowed
				case b > a:
					gap.Trend = Widened
				default:
					gap.Trend = Unchanged
				}
			}
			sub.Gaps = append(sub.Gaps, gap)
		}
		out = append(out, sub)
	}
	return out
}

// round rounds to one decimal, as percentages are shown.
func round(v float64) float64 { return math.Round(v*10) / 10 }
