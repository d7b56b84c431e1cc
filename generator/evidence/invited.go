package evidence

import (
	"math"
	"slices"

	"github.com/folio-sites/folio/generator"
)

// protectInvited withholds the numbers invited (trust.csv's invited
// column) that would bound a hidden count of respondents: no more people
// answer than were invited.
//
//   - A school with a count hidden in any facet of a year and group has
//     its invited hidden in every facet of them: the same people are
//     invited to every facet, and "4 invited", read from another facet,
//     is at most 4 respondents.
//   - The district's invited, less the invited of the schools shown,
//     is what the schools hidden were invited together. It is shown only
//     where that tells a reader nothing of their respondents: where,
//     even if each of them had answered as many as a reader can tell they
//     may have (a small group the minimum less one, one hidden beside it
//     all the respondents the district's count leaves), they would fit
//     within those invited. In every facet shown the schools hidden must
//     be the same, or the difference of two facets' remainders would be
//     one school's invited. Otherwise it is hidden in every facet of the
//     year and group (the respondents and the response rate of the
//     district stay; only "of N invited" goes).
//
// It runs after suppression has hidden every count it hides, on the
// counts as they will be published.
func protectInvited(tr *Trust) {
	type slice struct {
		year  generator.SchoolYear
		group string
	}
	rows := map[slice][]int{}
	var order []slice
	for i, r := range tr.Results {
		k := slice{r.Year, r.Group}
		if rows[k] == nil {
			order = append(order, k)
		}
		rows[k] = append(rows[k], i)
	}
	sums := map[generator.TrustSlice]bool{}
	for _, k := range tr.DistrictSums {
		sums[k] = true
	}
	for _, k := range order {
		hiddenSchools := map[string]bool{}
		for _, i := range rows[k] {
			if r := tr.Results[i]; r.School != generator.DistrictID && r.Respondents.Hidden() {
				hiddenSchools[r.School] = true
			}
		}
		if len(hiddenSchools) == 0 {
			continue
		}
		showDistrict := invitedTellsNothing(tr, rows[k], hiddenSchools, sums)
		for _, i := range rows[k] {
			r := &tr.Results[i]
			withhold := hiddenSchools[r.School] || r.School == generator.DistrictID && !showDistrict
			if withhold && r.Invited.shown {
				r.Invited = hidden(Complementary)
			}
		}
	}
}

// invitedSums finds Trust.InvitedSums, from the numbers in the file:
// it runs before suppression hides any.
func invitedSums(tr *Trust) []generator.TrustSlice {
	district := map[generator.TrustSlice]int{}
	sum := map[generator.TrustSlice]int{}
	whole := map[generator.TrustSlice]bool{}
	var order []generator.TrustSlice
	for _, r := range tr.Results {
		k := sliceOf(r)
		if _, seen := whole[k]; !seen {
			whole[k] = true
			order = append(order, k)
		}
		n, ok := r.Invited.N()
		switch {
		case !ok:
			whole[k] = false
		case r.School == generator.DistrictID:
			district[k] = n
		default:
			sum[k] += n
		}
	}
	var sums []generator.TrustSlice
	for _, k := range order {
		if d, ok := district[k]; ok && whole[k] && sum[k] == d {
			sums = append(sums, k)
		}
	}
	return sums
}

// invitedTellsNothing reports whether the district's invited, in the
// rows of one year and group, may be shown beside the schools hidden
// (see protectInvited). Where it is shown, what is left of it by the
// schools shown is what the hidden were invited together, and each of
// them answered no more than it was invited in any facet. That tells a
// reader nothing where the most they can tell the hidden may have
// answered between them fits within it: then every count they took to be
// possible still is. That most is, where each hidden school's count is
// one number in every facet and the district's count is its schools'
// sum, the respondents the district's count leaves them (they answered
// exactly that many between them); otherwise the most each could have
// answered in any facet, added up: a small group the minimum less one,
// another what the district's count leaves, a count shown itself. The
// schools hidden must be the same in every facet shown, or the
// difference of two facets' remainders would be one school's invited.
func invitedTellsNothing(tr *Trust, rows []int, hiddenSchools map[string]bool, sums map[generator.TrustSlice]bool) bool {
	type facetRows struct {
		district int
		schools  []int
	}
	byFacet := map[string]*facetRows{}
	var facets []string
	for _, i := range rows {
		r := tr.Results[i]
		f := byFacet[r.Facet]
		if f == nil {
			f = &facetRows{district: -1}
			byFacet[r.Facet] = f
			facets = append(facets, r.Facet)
		}
		if r.School == generator.DistrictID {
			f.district = i
		} else {
			f.schools = append(f.schools, i)
		}
	}
	// invitedLeft is the least the district's invited less the schools
	// shown leaves the hidden, over the facets that show it.
	invitedLeft, shownAnywhere := math.Inf(1), false
	var hiddenHere []string // the schools hidden in the first facet shown
	for _, name := range facets {
		f := byFacet[name]
		if f.district < 0 {
			continue
		}
		invited, ok := tr.Results[f.district].Invited.N()
		if !ok {
			continue
		}
		left := float64(invited)
		var here []string
		for _, i := range f.schools {
			r := tr.Results[i]
			if hiddenSchools[r.School] {
				here = append(here, r.School)
				continue
			}
			// A school shown without its invited counts as invited no
			// more than answered: the least it leaves the hidden.
			if n, ok := r.Invited.N(); ok {
				left -= float64(n)
			} else if n, ok := r.Respondents.N(); ok {
				left -= float64(n)
			}
		}
		if len(here) < len(hiddenSchools) || shownAnywhere && !slices.Equal(hiddenHere, here) {
			return false
		}
		hiddenHere, shownAnywhere = here, true
		invitedLeft = math.Min(invitedLeft, left)
	}
	if !shownAnywhere {
		return true
	}
	// left is, per facet, the respondents the district's count leaves the
	// schools hidden (+Inf where its count is not their sum).
	left := map[string]float64{}
	for _, name := range facets {
		f := byFacet[name]
		left[name] = math.Inf(1)
		if d := f.district; d >= 0 && sums[sliceOf(tr.Results[d])] {
			if n, ok := tr.Results[d].Respondents.N(); ok {
				l := float64(n)
				for _, i := range f.schools {
					if n, ok := tr.Results[i].Respondents.N(); ok {
						l -= float64(n)
					}
				}
				left[name] = l
			}
		}
	}
	answered := math.Inf(1)
	if oneCountEach(tr, rows, hiddenSchools) {
		for _, name := range facets {
			if hidden := hiddenIn(tr, byFacet[name].schools, hiddenSchools); hidden == len(hiddenSchools) {
				answered = math.Min(answered, left[name])
			}
		}
	}
	if math.IsInf(answered, 1) {
		most := map[string]float64{}
		for _, name := range facets {
			for _, i := range byFacet[name].schools {
				r := tr.Results[i]
				if !hiddenSchools[r.School] {
					continue
				}
				m := left[name]
				if n, ok := r.Respondents.N(); ok {
					m = float64(n)
				} else if r.Respondents.Reason() == SmallGroup {
					m = float64(tr.MinRespondents - 1)
				}
				most[r.School] = math.Max(most[r.School], m)
			}
		}
		answered = 0
		for _, m := range most {
			answered += m
		}
	}
	return answered <= invitedLeft
}

// oneCountEach reports whether each hidden school's respondents are one
// number in every facet of rows: it has one row, or its rows are one of
// Trust.SameRespondents.
func oneCountEach(tr *Trust, rows []int, hiddenSchools map[string]bool) bool {
	count := map[string]int{}
	for _, i := range rows {
		if r := tr.Results[i]; hiddenSchools[r.School] {
			count[r.School]++
		}
	}
	same := map[string]bool{}
	for _, rs := range tr.SameRespondents {
		if school := tr.Results[rs[0]].School; hiddenSchools[school] && len(rs) == count[school] && tr.Results[rs[0]].Year == tr.Results[rows[0]].Year && tr.Results[rs[0]].Group == tr.Results[rows[0]].Group {
			same[school] = true
		}
	}
	for school, n := range count {
		if n > 1 && !same[school] {
			return false
		}
	}
	return true
}

// hiddenIn counts the rows of schools hidden among rows.
func hiddenIn(tr *Trust, rows []int, hiddenSchools map[string]bool) int {
	n := 0
	for _, i := range rows {
		if hiddenSchools[tr.Results[i].School] {
			n++
		}
	}
	return n
}

// sliceOf is the trust slice of a row.
func sliceOf(r TrustResult) generator.TrustSlice {
	return generator.TrustSlice{Year: r.Year, Group: r.Group, Facet: r.Facet}
}
