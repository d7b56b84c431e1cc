package evidence

import (
	"cmp"
	"slices"
	"strings"

	"github.com/folio-sites/folio/generator"
)

// Suppression happens here, in the loader, so that no suppressed number
// ever leaves this package: later stages, templates and charts cannot show
// what they never receive.

func suppressed(reason generator.SuppressReason) generator.Measure {
	return generator.Measure{Kind: generator.Suppressed, Reason: reason}
}

func hidden(reason generator.SuppressReason) generator.Count {
	return generator.Count{Hidden: true, Reason: reason}
}

// suppressTrust hides a result with fewer respondents than the minimum:
// its counts (the number invited too, which with a response rate would
// give the respondents back) and both measures.
func suppressTrust(r *generator.TrustResult, minRespondents int, invitedGiven bool) {
	if r.Respondents.N >= minRespondents {
		return
	}
	r.Respondents = hidden(generator.SmallGroup)
	if invitedGiven {
		r.Invited = hidden(generator.SmallGroup)
	}
	r.Mean = suppressed(generator.SmallGroup)
	r.FavorablePct = suppressed(generator.SmallGroup)
}

// suppressSmall hides an achievement result with fewer tested students than
// minN, or none; otherwise it top and bottom codes its percentage.
func suppressSmall(r *generator.AchievementResult, minN int, low, high float64) {
	if r.Tested.N < minN || r.Tested.N == 0 {
		r.Tested = hidden(generator.SmallGroup)
		r.Proficient = suppressed(generator.SmallGroup)
		return
	}
	r.Proficient = topBottomCode(r.Proficient, low, high)
}

// topBottomCode replaces a percentage at or below low by "≤low%" and one at
// or above high by "≥high%", so that the result of (nearly) every student
// of a group cannot be inferred. A bound reported by the source that is
// narrower than the thresholds ("<2%" with low 5) is widened the same way.
func topBottomCode(m generator.Measure, low, high float64) generator.Measure {
	lowCoded := generator.Measure{Kind: generator.Coded, Value: low, Text: "≤" + formatNumber(low) + "%"}
	highCoded := generator.Measure{Kind: generator.Coded, Value: high, Text: "≥" + formatNumber(high) + "%"}
	switch m.Kind {
	case generator.Reported:
		if m.Value <= low {
			return lowCoded
		}
		if m.Value >= high {
			return highCoded
		}
	case generator.Coded:
		below := strings.HasPrefix(m.Text, "<") || strings.HasPrefix(m.Text, "≤")
		if below && m.Value < low {
			return lowCoded
		}
		if !below && m.Value > high {
			return highCoded
		}
	}
	return m
}

// suppressComplementary hides, in every family of subgroups for one school,
// year and subject, a second member when exactly one is hidden: otherwise
// the hidden one could be recovered by subtracting the others from all
// students. The second is the member with the fewest tested students (ties
// go to the earlier in the family's list).
//
// A member counts as hidden when folio suppressed it, the source did not
// report its percentage, or the file has no row for it while all students
// and the other members are shown, which would give its size by
// subtraction, and that size is under minN (see derivedSmall): a state that suppressed a group by its own rule
// meant it to stay hidden. The rule applies whether or not the file has an
// "all" row, since the total may be published elsewhere (the state's own
// report card). The schools of the district are treated as one more
// family whenever the file has the district's row (suppressAcrossSchools).
// Hiding a member may leave another family with one hidden member, so the
// rules are applied until nothing changes.
func suppressComplementary(results []generator.AchievementResult, families []generator.Family, minN int) {
	type cellKey struct {
		school  string
		year    generator.SchoolYear
		subject string
	}
	cells := map[cellKey]map[string]int{}
	var order []cellKey
	for i, r := range results {
		k := cellKey{r.School, r.Year, r.Subject}
		if cells[k] == nil {
			cells[k] = map[string]int{}
			order = append(order, k)
		}
		cells[k][r.Subgroup] = i
	}
	isHidden := func(r generator.AchievementResult) bool {
		return r.Tested.Hidden || r.Proficient.Kind == generator.Suppressed || r.Proficient.Kind == generator.NotReported
	}
	for changed := true; changed; {
		changed = suppressAcrossSchools(results, isHidden)
		for _, k := range order {
			for _, f := range families {
				hiddenCount := 0
				var shown []int
				for _, m := range f.Members {
					i, ok := cells[k][m]
					if !ok {
						if derivedSmall(results, cells[k], f, m, minN) {
							hiddenCount++
						}
						continue
					}
					if isHidden(results[i]) {
						hiddenCount++
					} else {
						shown = append(shown, i)
					}
				}
				if hiddenCount != 1 || len(shown) == 0 {
					continue
				}
				// shown is in family order; a stable minimum keeps the
				// earlier on a tie.
				i := slices.MinFunc(shown, func(a, b int) int {
					return cmp.Compare(results[a].Tested.N, results[b].Tested.N)
				})
				results[i].Tested = hidden(generator.Complementary)
				results[i].Proficient = suppressed(generator.Complementary)
				changed = true
			}
		}
	}
}

// derivedSmall reports whether family member m, which has no row, could be
// worked out as a small group: all students and every other member are
// shown, and all students minus the others leaves fewer than minN (but
// some) students.
func derivedSmall(results []generator.AchievementResult, cell map[string]int, f generator.Family, m string, minN int) bool {
	all, ok := cell["all"]
	if !ok || results[all].Tested.Hidden {
		return false
	}
	n := results[all].Tested.N
	for _, other := range f.Members {
		if other == m {
			continue
		}
		i, ok := cell[other]
		if !ok || results[i].Tested.Hidden {
			return false
		}
		n -= results[i].Tested.N
	}
	return n > 0 && n < minN
}

// suppressAcrossSchools applies complementary suppression to the schools of
// the district: where the file has a district row for a year, subject and
// subgroup, and exactly one school's row for it is hidden, the district
// total minus the other schools would give that school's hidden group
// back, so the school row with the next fewest students is hidden too. It
// reports whether it hid anything.
func suppressAcrossSchools(results []generator.AchievementResult, isHidden func(generator.AchievementResult) bool) bool {
	type key struct {
		year              generator.SchoolYear
		subject, subgroup string
	}
	district := map[key]int{}
	schools := map[key][]int{}
	var order []key
	for i, r := range results {
		k := key{r.Year, r.Subject, r.Subgroup}
		if r.School == generator.DistrictID {
			district[k] = i
			continue
		}
		if _, seen := schools[k]; !seen {
			order = append(order, k)
		}
		schools[k] = append(schools[k], i)
	}
	changed := false
	for _, k := range order {
		d, ok := district[k]
		if !ok || isHidden(results[d]) {
			continue
		}
		hiddenCount := 0
		var shown []int
		for _, i := range schools[k] {
			if isHidden(results[i]) {
				hiddenCount++
			} else {
				shown = append(shown, i)
			}
		}
		if hiddenCount != 1 || len(shown) == 0 {
			continue
		}
		i := slices.MinFunc(shown, func(a, b int) int {
			return cmp.Or(cmp.Compare(results[a].Tested.N, results[b].Tested.N), cmp.Compare(results[a].School, results[b].School))
		})
		results[i].Tested = hidden(generator.Complementary)
		results[i].Proficient = suppressed(generator.Complementary)
		changed = true
	}
	return changed
}
