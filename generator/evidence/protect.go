package evidence

import (
	"cmp"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"

	"github.com/folio-sites/folio/generator"
)

// maxInferredMembers is the largest family inferred from the counts at
// one place, where a set of a few groups may add up by chance. A larger
// one, up to maxVerifiedMembers, is inferred where a reader can see it
// add up: at a place where every member's count is shown (see
// verifiedFamilies); it is then a family wherever it adds up.
const (
	maxInferredMembers = 4
	maxVerifiedMembers = 8
)

// placeKey is a place of achievement results: a school (or the
// district), year and subject.
type placeKey struct {
	school  string
	year    generator.SchoolYear
	subject string
}

// protectAchievement suppresses small groups, codes extreme percentages,
// infers families and applies complementary suppression to a's results,
// which hold the values as read. It warns about each inferred family.
func protectAchievement(a *Achievement, ds *generator.Diagnostics) {
	s := newSuppressor(a.MinN, a.Low, a.High, len(a.Results))
	atSource := map[int32]bool{}
	for i := range a.Results {
		r := &a.Results[i]
		c := &s.cells[i]
		raw := r.Proficient
		c.hide = func() {
			r.Tested = hidden(Complementary)
			r.Proficient = suppressed(Complementary)
		}
		if r.Tested.Hidden() { // suppressed at the source
			r.Proficient = Measure{}
			c.withheld = true
			atSource[int32(i)] = true
			continue
		}
		c.n, c.nKnown = r.Tested.n, true
		if raw.kind == Reported {
			c.k, c.kKnown = float64(c.n)*raw.value/100, true
		}
		if c.n < a.MinN || c.n == 0 {
			c.withheld = true
			r.Tested = hidden(SmallGroup)
			r.Proficient = suppressed(SmallGroup)
			continue
		}
		c.countPub = true
		r.Proficient = topBottomCode(raw, c.n, a.Low, a.High)
		switch r.Proficient.kind {
		case Reported:
			c.valuePub = true
			c.shown = shownCount(r.Proficient.value, c.n)
			c.atSource = shownCountWithin(r.Proficient.value, c.n, max(roundingTolerance(r.Proficient.value), r.Proficient.Rounding()))
		case Coded:
			c.coded, c.wasCoded = true, true
			var x span
			c.face, x = codedRange(r.Proficient, c.n)
			c.codedLo, c.codedHi = x.lo, x.hi
		}
	}

	type sliceKey struct {
		year              generator.SchoolYear
		subject, subgroup string
	}
	places := map[placeKey]map[string]int32{}
	var placeOrder []placeKey
	district := map[sliceKey]int32{}
	schools := map[sliceKey][]int32{}
	var sliceOrder []sliceKey
	for i, r := range a.Results {
		pk := placeKey{r.School, r.Year, r.Subject}
		if places[pk] == nil {
			places[pk] = map[string]int32{}
			placeOrder = append(placeOrder, pk)
		}
		places[pk][r.Subgroup] = int32(i)
		sk := sliceKey{r.Year, r.Subject, r.Subgroup}
		if r.School == generator.DistrictID {
			district[sk] = int32(i)
			continue
		}
		if _, seen := schools[sk]; !seen {
			sliceOrder = append(sliceOrder, sk)
		}
		schools[sk] = append(schools[sk], int32(i))
	}

	declared := map[string]bool{}
	for _, f := range a.Families {
		declared[strings.Join(slices.Sorted(slices.Values(f.Members)), " ")] = true
	}
	order := map[string]int{}
	for i, g := range a.Subgroups {
		order[g.ID] = i
	}
	verified := verifiedFamilies(a, s.cells, places, placeOrder, order, declared)
	// A group in a declared family is within all students by that
	// family's identity already (the others are never fewer than none).
	inFamily := map[string]bool{}
	for _, f := range a.Families {
		for _, m := range f.Members {
			inFamily[m] = true
		}
	}
	for _, pk := range placeOrder {
		cell := places[pk]
		total := int32(-1)
		if i, ok := cell[allStudents]; ok {
			total = i
		} else if pk.school == generator.DistrictID {
			if total = addedUpTotal(a.Families, s, cell); total >= 0 {
				district[sliceKey{pk.year, pk.subject, allStudents}] = total
			}
		}
		addedUp := int(total) >= len(a.Results)
		for _, f := range a.Families {
			var members []int32
			for _, m := range f.Members {
				if i, ok := cell[m]; ok {
					members = append(members, i)
				}
			}
			s.addIdentity(total, members, len(members) < len(f.Members), false)
			if !addedUp {
				warnFamilySum(a, s.cells, f, total, members, ds)
			}
		}
		if total >= 0 {
			for _, g := range slices.Sorted(maps.Keys(cell)) {
				if g != allStudents && !inFamily[g] {
					s.within = append(s.within, [2]int32{total, cell[g]})
				}
			}
		}
		if total < 0 || !s.cells[total].nKnown || addedUp {
			continue
		}
		eligible := func(i int32) bool { return s.cells[i].nKnown && s.cells[i].n > 0 }
		sets := inferFamilies(s.cells, cell, s.cells[total].n, order, eligible, 2, maxInferredMembers)
		for _, set := range verified {
			if addsUp(s.cells, cell, set, s.cells[total].n) {
				sets = append(sets, set)
			}
		}
		for _, set := range sets {
			key := strings.Join(slices.Sorted(slices.Values(set)), " ")
			if declared[key] {
				continue
			}
			members := make([]int32, len(set))
			for j, m := range set {
				members[j] = cell[m]
			}
			s.addIdentity(total, members, false, true)
			a.Inferred = append(a.Inferred, generator.InferredFamily{
				Pos: a.Results[total].Pos, School: pk.school, Year: pk.year, Subject: pk.subject, Members: set,
			})
		}
	}
	// A reader takes the district's row of a group for its schools' sum
	// where the district's all-students count is its schools' and every
	// school has a row for the group, as the audit does: those identities
	// join the combined check (combine.go), whether or not the group's
	// own numbers add up.
	type yearSubject struct {
		year    generator.SchoolYear
		subject string
	}
	schoolsIn := map[yearSubject]int{}
	allSum := map[yearSubject]int{}
	allUnknown := map[yearSubject]bool{} // a school without a known all-students count
	for _, pk := range placeOrder {
		ys := yearSubject{pk.year, pk.subject}
		if pk.school == generator.DistrictID {
			continue
		}
		schoolsIn[ys]++
		if i, ok := places[pk][allStudents]; ok && s.cells[i].nKnown {
			allSum[ys] += s.cells[i].n
		} else {
			allUnknown[ys] = true
		}
	}
	readAsSum := func(sk sliceKey) bool {
		ys := yearSubject{sk.year, sk.subject}
		d, ok := district[sliceKey{sk.year, sk.subject, allStudents}]
		return ok && s.cells[d].nKnown && !allUnknown[ys] && allSum[ys] == s.cells[d].n && len(schools[sk]) == schoolsIn[ys]
	}
	for _, sk := range sliceOrder {
		if d, ok := district[sk]; ok {
			n := len(s.ids)
			s.addIdentity(d, schools[sk], true, false)
			if len(s.ids) > n {
				s.ids[n].asRead = readAsSum(sk)
			}
		}
	}
	// Where the file has no district row for some groups of a family, a
	// reader still has them: the district's all students less the
	// family's other groups. Those are their schools' sums, so the
	// district's all students is its other groups and the missing groups'
	// rows at every school.
	for _, pk := range placeOrder {
		d, ok := places[pk][allStudents]
		if pk.school != generator.DistrictID || !ok {
			continue
		}
		for _, f := range a.Families {
			var members []int32
			asRead, missing := true, false
			for _, g := range f.Members {
				if i, ok := places[pk][g]; ok {
					members = append(members, i)
					continue
				}
				sk := sliceKey{pk.year, pk.subject, g}
				missing = true
				members = append(members, schools[sk]...)
				asRead = asRead && readAsSum(sk)
			}
			if !missing {
				continue
			}
			n := len(s.ids)
			s.addIdentity(d, members, true, false)
			if len(s.ids) > n {
				s.ids[n].asRead = asRead
			}
		}
	}
	// Mostly the same students are tested in every subject: a group's
	// count, where the file gives one in every subject, is one number to
	// a reader (as trust respondents are across facets).
	type tested struct {
		school, subgroup string
		year             generator.SchoolYear
	}
	implied := impliedCounts(a.Families, s, places, placeOrder)
	linked := sameCounts(len(a.Results), func(i int) tested {
		r := &a.Results[i]
		return tested{r.School, r.Subgroup, r.Year}
	}, func(i int32) (int, bool) {
		if n, ok := implied[i]; ok {
			return n, true
		}
		return s.cells[i].n, s.cells[i].nKnown
	})
	linkCounts(s, linked)
	s.run()
	for i, p := range s.protectedRows(len(a.Results)) {
		a.Results[i].protects = p
	}
	a.SameTested = sameForTheAudit(linked, atSource)
	presence := map[string]int{}
	for _, pk := range placeOrder {
		for g := range places[pk] {
			presence[g]++
		}
	}
	warnInferred(a.Inferred, presence, ds)
}

// impliedCounts returns the counts the source withheld that the file's
// other counts fix: at a place whose all students and every member of a
// declared family have a row, a member withheld at the source is all
// students less the others (all known). Suppression then knows it where
// the file does not write it: the district's Black students "*" in math
// are 42 less 8 and 13, 21, not reading's 19, and a reader who takes the
// two to be one number works out what is not so (see sameCounts).
func impliedCounts(families []generator.Family, s *suppressor, places map[placeKey]map[string]int32, placeOrder []placeKey) map[int32]int {
	implied := map[int32]int{}
	for _, pk := range placeOrder {
		cell := places[pk]
		total, ok := cell[allStudents]
		if !ok || !s.cells[total].nKnown {
			continue
		}
		for _, f := range families {
			rest, unknown, complete := s.cells[total].n, int32(-1), true
			for _, m := range f.Members {
				i, ok := cell[m]
				switch {
				case !ok:
					complete = false
				case s.cells[i].nKnown:
					rest -= s.cells[i].n
				case unknown >= 0:
					complete = false // two unknown: neither is fixed
				default:
					unknown = i
				}
			}
			if complete && unknown >= 0 && rest >= 0 {
				implied[unknown] = rest
			}
		}
	}
	return implied
}

// addedUpTotal adds a cell for the district's all students at a place
// where the file has no row for it, but a declared family has a row with
// a count for every member: a reader adds those up. The cell stands as
// published whether or not its members are (a reader who knows more than
// the page says: suppression only hides more for it), and it is only ever
// a total, never a member, so it is never chosen to be hidden. It returns
// the cell's index, or -1 where no family has every member's count and
// percentage in the file (the family's identity then takes its total as
// known, as for any row the file lacks: see suppressor.addIdentity).
func addedUpTotal(families []generator.Family, s *suppressor, place map[string]int32) int32 {
	for _, f := range families {
		c := cell{nKnown: true, kKnown: true, countPub: true, valuePub: true, addedUp: true, hide: func() {}}
		complete := true
		for _, g := range f.Members {
			i, ok := place[g]
			if !ok || !s.cells[i].nKnown || !s.cells[i].kKnown {
				complete = false
				break
			}
			c.n += s.cells[i].n
			c.k += s.cells[i].k
		}
		if !complete {
			continue
		}
		// Proficient counts read from percentages are near-whole: the
		// sum a reader knows is a whole number of students, as every
		// other cell's span is.
		c.k = math.Round(c.k)
		c.shown, c.atSource = span{c.k, c.k}, span{c.k, c.k}
		s.cells = append(s.cells, c)
		return int32(len(s.cells) - 1)
	}
	return -1
}

// warnFamilySum warns where a declared family's counts, all in the file,
// do not add up to all students': a row missing or mistyped, or a family
// that is not one. Suppression and the audit then take that identity to
// tell a reader nothing there.
func warnFamilySum(a *Achievement, cells []cell, f generator.Family, total int32, members []int32, ds *generator.Diagnostics) {
	if total < 0 || len(members) < len(f.Members) || !cells[total].nKnown {
		return
	}
	sum := 0
	for _, m := range members {
		if !cells[m].nKnown {
			return
		}
		sum += cells[m].n
	}
	if t := cells[total].n; sum != t {
		r := a.Results[total]
		ds.Warnf(r.Pos, "check the rows of "+joinAnd(f.Members)+" and of all students; a family lists groups that together make up all students (data/achievement.yaml)",
			"%s %s %s: the %s groups add up to %d tested, but all students is %d", r.School, r.Year, r.Subject, f.Name, sum, t)
	}
}

// verifiedFamilies returns the sets of more than maxInferredMembers (up
// to maxVerifiedMembers) subgroups, not declared, that add up to all
// students at places where every member's count is at least the
// minimum, so shown: a reader sees them add up there, takes them for a
// family, and applies it where a member is hidden. A set counts when it
// adds up at half the places where it is shown at least, as a family
// does; one that adds up at one place of twenty by chance is no family
// to a reader. Each is in the order achievement.yaml declares subgroups;
// the sets are sorted.
func verifiedFamilies(a *Achievement, cells []cell, places map[placeKey]map[string]int32, placeOrder []placeKey, order map[string]int, declared map[string]bool) [][]string {
	shown := func(i int32) bool { return cells[i].nKnown && cells[i].n >= max(a.MinN, 1) }
	// hits counts the places where each set adds up, all shown: the
	// search finds every such set at every place.
	hits := map[string]int{}
	var out [][]string
	for _, pk := range placeOrder {
		place := places[pk]
		total, ok := place[allStudents]
		if !ok || !shown(total) {
			continue
		}
		for _, set := range inferFamilies(cells, place, cells[total].n, order, shown, maxInferredMembers+1, maxVerifiedMembers) {
			key := strings.Join(slices.Sorted(slices.Values(set)), " ")
			if declared[key] {
				continue
			}
			if hits[key] == 0 {
				out = append(out, set)
			}
			hits[key]++
		}
	}
	// A set is shown at more places than it adds up at: stop counting
	// them once they are more than twice its hits (most sets are chance
	// sums at one place, shown at nearly every place).
	out = slices.DeleteFunc(out, func(set []string) bool {
		h := hits[strings.Join(slices.Sorted(slices.Values(set)), " ")]
		shownAt := 0
		for _, pk := range placeOrder {
			place := places[pk]
			total, ok := place[allStudents]
			if !ok || !shown(total) || slices.ContainsFunc(set, func(m string) bool { i, ok := place[m]; return !ok || !shown(i) }) {
				continue
			}
			if shownAt++; shownAt > 2*h {
				return true
			}
		}
		return false
	})
	slices.SortFunc(out, func(a, b []string) int { return cmp.Compare(strings.Join(a, " "), strings.Join(b, " ")) })
	return out
}

// addsUp reports whether every member of set has a known count at place,
// and they add up to all.
func addsUp(cells []cell, place map[string]int32, set []string, all int) bool {
	sum := 0
	for _, m := range set {
		i, ok := place[m]
		if !ok || !cells[i].nKnown {
			return false
		}
		sum += cells[i].n
	}
	return sum == all
}

// maxInferNodes bounds the search for the sets of one place: a place with
// many small groups has many sets to try, and the largest are tried last.
const maxInferNodes = 1 << 14

// inferFamilies returns the sets of minSize to maxSize subgroups at one
// place whose counts, each eligible, add up exactly to all students'
// count, each in the order achievement.yaml declares subgroups.
func inferFamilies(cells []cell, place map[string]int32, all int, order map[string]int, eligible func(int32) bool, minSize, maxSize int) [][]string {
	type member struct {
		id string
		n  int
	}
	var ms []member
	for id, i := range place {
		if id == allStudents || !eligible(i) || cells[i].n == 0 {
			continue
		}
		ms = append(ms, member{id, cells[i].n})
	}
	slices.SortFunc(ms, func(a, b member) int { return cmp.Or(cmp.Compare(a.n, b.n), cmp.Compare(order[a.id], order[b.id])) })
	// rest[i] is what the members from i on add up to: a walk that
	// cannot reach all students with them stops.
	rest := make([]int, len(ms)+1)
	for i := len(ms) - 1; i >= 0; i-- {
		rest[i] = rest[i+1] + ms[i].n
	}
	var out [][]string
	var pick []string
	nodes := 0
	var walk func(from, left int)
	walk = func(from, left int) {
		nodes++
		if left > rest[from] || left > 0 && len(pick)+len(ms)-from < minSize {
			return
		}
		if left == 0 && len(pick) >= minSize {
			set := slices.Clone(pick)
			slices.SortFunc(set, func(a, b string) int { return cmp.Compare(order[a], order[b]) })
			out = append(out, set)
			return
		}
		if len(pick) == maxSize || len(out) >= 64 || nodes > maxInferNodes {
			return
		}
		for i := from; i < len(ms) && ms[i].n <= left; i++ {
			pick = append(pick, ms[i].id)
			walk(i+1, left-ms[i].n)
			pick = pick[:len(pick)-1]
		}
	}
	walk(0, all)
	slices.SortFunc(out, func(a, b []string) int { return cmp.Compare(strings.Join(a, " "), strings.Join(b, " ")) })
	return out
}

// warnInferred warns once for each set of subgroups found to add up to all
// students, at its first all-students row, with the line to declare it.
// A set is treated as a family wherever it adds up, but the warning is
// given only for sets that add up at half the places where its members
// have rows at least (and at two, unless they have rows at one only): at a small school, three
// groups may add up to all students by chance, and a warning asking to
// declare a family that is no family would be noise.
func warnInferred(inferred []generator.InferredFamily, presence map[string]int, ds *generator.Diagnostics) {
	type seen struct {
		first generator.Pos
		n     int
	}
	sets := map[string]*seen{}
	var order []string
	var members = map[string][]string{}
	for _, f := range inferred {
		key := strings.Join(f.Members, ", ")
		if sets[key] == nil {
			sets[key] = &seen{first: f.Pos}
			order = append(order, key)
			members[key] = f.Members
		}
		sets[key].n++
	}
	for _, key := range order {
		m := members[key]
		eligible := math.MaxInt
		for _, g := range m {
			eligible = min(eligible, presence[g])
		}
		if n := sets[key].n; 2*n < eligible || n < 2 && eligible > 1 {
			continue
		}
		places := fmt.Sprintf("at %d of %d school years and subjects", sets[key].n, eligible)
		ds.Warnf(generator.Pos{File: sets[key].first.File, Line: sets[key].first.Line},
			fmt.Sprintf("declare it under families: in %s/%s, e.g. %s: [%s]", Dir, AchievementFile, strings.Join(m, "-"), key),
			"%s add up to all students (%s); folio treats them as a family", joinAnd(m), places)
	}
}

// joinAnd writes a list as "a, b and c".
func joinAnd(s []string) string {
	if len(s) < 2 {
		return strings.Join(s, "")
	}
	return strings.Join(s[:len(s)-1], ", ") + " and " + s[len(s)-1]
}

// protectTrust suppresses small groups, codes extreme favorable
// percentages and applies complementary suppression across the schools of
// the district, where the district's respondents are the sum of theirs.
// It returns the rows whose means it withholds for what their ratings
// tell of favorable shares, in file order.
func protectTrust(tr *Trust) (byRatings []generator.Pos) {
	tr.cuts = tr.cutoffs()
	tr.InvitedSums = invitedSums(tr)
	withheld := map[int32]bool{}
	atSource := map[int32]bool{}
	s := newSuppressor(tr.MinRespondents, tr.Low, tr.High, len(tr.Results))
	for i := range tr.Results {
		r := &tr.Results[i]
		c := &s.cells[i]
		invited := r.Invited.n > 0
		hide := func(reason SuppressReason) {
			r.Respondents = hidden(reason)
			if invited {
				r.Invited = hidden(reason)
			}
			r.Mean = suppressed(reason)
			r.FavorablePct = suppressed(reason)
		}
		c.hide = func() { hide(Complementary) }
		raw := r.FavorablePct
		if r.Respondents.Hidden() { // suppressed at the source
			r.Mean = Measure{}
			r.FavorablePct = Measure{}
			if invited {
				r.Invited = hidden(AtSource)
			}
			// (Where another facet gives the same people's count, the
			// identities across facets carry it here: sameRespondents.)
			c.withheld = true
			atSource[int32(i)] = true
			continue
		}
		c.n, c.nKnown = r.Respondents.n, true
		if raw.kind == Reported {
			c.k, c.kKnown = float64(c.n)*raw.value/100, true
		}
		if c.n < tr.MinRespondents {
			c.withheld = true
			hide(SmallGroup)
			continue
		}
		c.countPub = true
		r.FavorablePct = topBottomCode(raw, c.n, tr.Low, tr.High)
		fav := r.FavorablePct
		favShown := fav.kind == Reported || (fav.kind == NotReported && fav.text == "")
		switch {
		case r.Mean.kind == Reported && favShown:
			c.valuePub = true
			c.shown = span{0, float64(c.n)}
			c.atSource = c.shown
			if fav.kind == Reported {
				c.shown, c.atSource, _ = favorableReadings(fav, c.n)
				if lo, hi := ratings(tr, r.Mean, c.n); ratingsNarrowShare(tr, c.n, lo, hi, fav) {
					withheld[int32(i)] = true
					// The mean pins the favorable count closer than the
					// share, rounded, does ("2.50" of 1,000 on 1 to 6,
					// counting 4 and up, is at most 500 favorable, beside
					// "50%", 495 to 505): what the share says is what
					// suppression reads along the identities.
					r.Mean = suppressed(Complementary)
				}
			}
		case r.Mean.kind == Reported && fav.kind == NotReported:
			// A share the source withheld ("*"): the mean beside it may
			// not give it back ("5.95" of 20, counting 4 and up: all 20
			// favorable).
			if lo, hi := ratings(tr, r.Mean, c.n); ratingsPinFavorable(tr, c.n, lo, hi) {
				r.Mean = suppressed(Complementary)
				withheld[int32(i)] = true
			}
		case r.Mean.kind == Reported && fav.kind == Coded:
			if lo, hi := ratings(tr, r.Mean, c.n); ratingsTellShare(tr, c.n, lo, hi, fav) {
				// Every respondent gave the same answer at an end of the
				// scale ("6.00" of 20 on 1 to 6): all were favorable, or
				// none, and the coded share would be exact; or the mean
				// leaves too few ratings below the top for the share to
				// be anything but what the code hides ("5.80" of 5: all
				// favorable). The mean is withheld; the share stays coded.
				r.Mean = suppressed(Complementary)
				withheld[int32(i)] = true
			}
			c.coded, c.wasCoded = true, true
			var x span
			c.face, x = codedRange(r.FavorablePct, c.n)
			c.codedLo, c.codedHi = x.lo, x.hi
		}
	}

	district := map[generator.TrustSlice]int32{}
	schools := map[generator.TrustSlice][]int32{}
	var order []generator.TrustSlice
	for i, r := range tr.Results {
		k := generator.TrustSlice{Year: r.Year, Group: r.Group, Facet: r.Facet}
		if r.School == generator.DistrictID {
			district[k] = int32(i)
			continue
		}
		if _, seen := schools[k]; !seen {
			order = append(order, k)
		}
		schools[k] = append(schools[k], int32(i))
	}
	for _, k := range order {
		d, ok := district[k]
		if !ok || !s.cells[d].nKnown {
			continue
		}
		sum, unknown := 0, false
		for _, i := range schools[k] {
			// A count the source withheld is unknown here even where
			// another facet gives it: that facet's may differ
			// (statements some skipped).
			if s.cells[i].nKnown && !atSource[i] {
				sum += s.cells[i].n
			} else {
				unknown = true
			}
		}
		if sum == s.cells[d].n || (unknown && sum < s.cells[d].n) {
			tr.DistrictSums = append(tr.DistrictSums, k)
			s.addIdentity(d, schools[k], false, false)
		}
	}
	linked := sameRespondents(tr, s)
	linkCounts(s, linked)
	s.run()
	for i, p := range s.protectedRows(len(tr.Results)) {
		tr.Results[i].protects = p
	}
	tr.SameRespondents = sameForTheAudit(linked, atSource)
	sums := map[generator.TrustSlice]bool{}
	for _, k := range tr.DistrictSums {
		sums[k] = true
	}
	for _, k := range order {
		if d, ok := district[k]; ok && sums[k] {
			hideMeansThatNarrowShares(tr, d, schools[k], withheld)
		}
	}
	for _, k := range order {
		if d, ok := district[k]; ok {
			hideMeanThatTellsAllOrNone(tr, d, schools[k], sums[k], withheld)
		}
	}
	protectInvited(tr)
	for i, r := range tr.Results {
		if withheld[int32(i)] {
			byRatings = append(byRatings, r.Pos)
		}
	}
	return byRatings
}

// respondents names the people of a school who answered a survey in a
// year, in one group: the same in every facet.
type respondents struct {
	school, group string
	year          generator.SchoolYear
}

func respondentsOf(r TrustResult) respondents { return respondents{r.School, r.Group, r.Year} }

// sameRespondents groups the rows of each school, year and group, one
// per facet, whose respondents are one count in the file: the same
// people answer every facet of a survey, and a reader takes the count
// hidden in one facet to be the one shown in another (see sameCounts).
func sameRespondents(tr *Trust, s *suppressor) [][]int32 {
	return sameCounts(len(tr.Results), func(i int) respondents { return respondentsOf(tr.Results[i]) }, func(i int32) (int, bool) {
		return s.cells[i].n, s.cells[i].nKnown
	})
}

// sameCounts groups the rows (0 to n−1) of one key, in file order, whose
// counts are one in the file (a count the source withheld joins those of
// the others where every count known is one): a reader takes the count
// hidden in one to be the one shown in another. Where counts differ
// (statements some skipped, students tested in one subject and not
// another), those alike are grouped apart. count gives a row's count,
// where it is known (see impliedCounts).
func sameCounts[K comparable](n int, key func(i int) K, count func(i int32) (int, bool)) (linked [][]int32) {
	rows := map[K][]int32{}
	var order []K
	for i := range n {
		p := key(i)
		if rows[p] == nil {
			order = append(order, p)
		}
		rows[p] = append(rows[p], int32(i))
	}
	for _, p := range order {
		rs := rows[p]
		first, same := -1, true
		for _, i := range rs {
			if n, ok := count(i); ok {
				same = same && (first < 0 || n == first)
				first = n
			}
		}
		if same {
			if len(rs) > 1 {
				linked = append(linked, rs)
			}
			continue
		}
		// Counts that differ somewhere: those alike are still one number
		// to a reader (honesty's 16 and openness's 16, respect's 13);
		// a count the source withheld joins none of them.
		byCount := map[int][]int32{}
		var counts []int
		for _, i := range rs {
			if n, ok := count(i); ok {
				if byCount[n] == nil {
					counts = append(counts, n)
				}
				byCount[n] = append(byCount[n], i)
			}
		}
		for _, n := range counts {
			if len(byCount[n]) > 1 {
				linked = append(linked, byCount[n])
			}
		}
	}
	return linked
}

// sameForTheAudit are the linked rows the audit equates, the counts a
// reader may take to be one: not those the source withheld, which may
// differ.
func sameForTheAudit(linked [][]int32, atSource map[int32]bool) [][]int32 {
	var same [][]int32
	for _, rs := range linked {
		rs = slices.DeleteFunc(slices.Clone(rs), func(i int32) bool { return atSource[i] })
		if len(rs) > 1 {
			same = append(same, rs)
		}
	}
	return same
}

// linkCounts adds, for each group of linked rows, identities that say
// their counts are one (counts only, their values apart), and makes them
// partners (a count hidden in one is hidden in all: suppressor.partners).
// A count already withheld in one (a small group, or by the source)
// hides the others' now, before any identity is checked. Read only as
// one count along the identities, a count hidden beside a small group in
// one facet could be shown in another, where that facet picked another
// school to hide, or none where it has no district row: honesty's 33
// less Lincoln's 20 leave 13 to Jefferson's small group and Oak, whose
// 10 openness would show. Hidden in all at once, through hideCell, each
// count hidden so is checked along its own facet's identities, which may
// hide more, in turn hidden in all their partners.
func linkCounts(s *suppressor, linked [][]int32) {
	if s.partners == nil {
		s.partners = map[int32][]int32{}
	}
	for _, rs := range linked {
		for _, i := range rs[1:] {
			s.addIdentity(rs[0], []int32{i}, false, true)
			s.ids[len(s.ids)-1].acrossFacets = true
		}
		for _, i := range rs {
			for _, j := range rs {
				if i != j {
					s.partners[i] = append(s.partners[i], j)
				}
			}
		}
	}
	var queue []int32
	for _, rs := range linked {
		if k := slices.IndexFunc(rs, func(i int32) bool { return !s.cells[i].countPub }); k >= 0 {
			s.because = rs[k]
			for _, i := range rs {
				if s.cells[i].countPub {
					s.hideCell(i, &queue)
				}
			}
		}
	}
	s.because = -1
	// (The identities queued are all checked when the suppressor runs.)
}

// hideMeansThatNarrowShares withholds, in a slice whose district count is
// its schools', the means that together say more of a favorable share
// than the share (see ratingsNarrowShare), or leave the ratings beside a
// coded one all at one end of the scale, or say more of the withheld
// schools' favorable answers together than the shares do (see
// jointRatingsNarrowShares). A reader adds and subtracts the ratings
// behind the means: the district's are its schools', and a school's the
// district's less the others' (each school whose mean is withheld
// counted between its respondents at the bottom and at the top; those
// whose count is withheld too, together, as the district's respondents
// less the schools shown).
//   - The district's 94 teachers at 2.35 less another school's 47 at
//     3.70 leave a school's 47 with 47 points, all at the bottom: none
//     favorable, behind "≤5%". The district's mean goes.
//   - Two schools' 50 at "1.00" and 75 at "1.27" are the district's 125
//     with 145 points: at most 4 favorable, behind its "≤5%" (6). The
//     larger school's mean goes.
//
// It repeats until no mean narrows a share.
// It marks each mean it withholds in withheld.
func hideMeansThatNarrowShares(tr *Trust, d int32, members []int32, withheld map[int32]bool) {
	dn, ok := tr.Results[d].Respondents.N()
	if !ok {
		return
	}
	own := func(i int32) (ratingsView, bool) {
		r := tr.Results[i]
		n, shown := r.Respondents.N()
		if !shown {
			return ratingsView{}, false
		}
		v := ratingsView{i: i, n: n, lo: tr.ScaleMin * float64(n), hi: tr.ScaleMax * float64(n)}
		if r.Mean.kind == Reported {
			v.lo, v.hi = ratings(tr, r.Mean, n)
		}
		return v, true
	}
	tells := func(v ratingsView) bool {
		fav := tr.Results[v.i].FavorablePct
		if fav.kind == NotReported && fav.text != "" { // withheld at the source
			return ratingsPinFavorable(tr, v.n, v.lo, v.hi)
		}
		return ratingsTellShare(tr, v.n, v.lo, v.hi, fav)
	}
	withhold := func(i int32) {
		tr.Results[i].Mean = suppressed(Complementary)
		withheld[i] = true
	}
	// largest is the member shown with its mean with the most
	// respondents, but skip: hiding it leaves the most room.
	largest := func(skip int32) int32 {
		best, bestN := int32(-1), -1
		for _, i := range members {
			r := tr.Results[i]
			if n, shown := r.Respondents.N(); i != skip && shown && r.Mean.kind == Reported && n > bestN {
				best, bestN = i, n
			}
		}
		return best
	}
	// withholdFirst withholds the district's mean, or else the largest
	// school's shown; it reports false when none is left.
	withholdFirst := func() bool {
		if tr.Results[d].Mean.kind == Reported {
			withhold(d)
		} else if i := largest(-1); i >= 0 {
			withhold(i)
		} else {
			return false
		}
		return true
	}
	for range len(members) + 2 {
		dv, _ := own(d)
		var views []ratingsView
		hiddenN := dn // respondents of the schools whose count is withheld
		var sumLo, sumHi float64
		for _, i := range members {
			v, shown := own(i)
			if !shown {
				continue
			}
			views = append(views, v)
			hiddenN -= v.n
			sumLo, sumHi = sumLo+v.lo, sumHi+v.hi
		}
		if hiddenN < 0 {
			return // the counts do not add up as read
		}
		sumLo, sumHi = sumLo+tr.ScaleMin*float64(hiddenN), sumHi+tr.ScaleMax*float64(hiddenN)
		// The district's ratings, by its own mean and as its schools'.
		dv.lo, dv.hi = max(dv.lo, sumLo), min(dv.hi, sumHi)
		changed := false
		if tells(dv) {
			if !withholdFirst() {
				return
			}
			changed = true
		}
		for _, v := range views {
			if changed {
				break
			}
			// The school's ratings, by its own mean and as the
			// district's less the others'.
			v.lo, v.hi = max(v.lo, dv.lo-(sumHi-v.hi)), min(v.hi, dv.hi-(sumLo-v.lo))
			if !tells(v) {
				continue
			}
			switch {
			case tr.Results[d].Mean.kind == Reported:
				withhold(d)
			case tr.Results[v.i].Mean.kind == Reported:
				withhold(v.i)
			default:
				i := largest(v.i)
				if i < 0 {
					return
				}
				withhold(i)
			}
			changed = true
		}
		if !changed && jointRatingsNarrowShares(tr, d, dv.lo, dv.hi, views, hiddenN) {
			if !withholdFirst() {
				return
			}
			changed = true
		}
		if !changed {
			return
		}
	}
}

// ratingsView is what a reader knows of a row of a trust slice: its
// respondents, n, and the sum of their ratings, from lo to hi.
type ratingsView struct {
	i      int32
	n      int
	lo, hi float64
}

// jointRatingsNarrowShares reports whether the ratings of the schools of
// a slice whose means are withheld, taken together, say more of their
// favorable answers together than the shares do: the district's ratings
// (from dLo to dHi) less those of the schools whose means are shown,
// against the schools' own shares added up and the district's less the
// others'. The district's 97 at "5.53" (536 points) less Lincoln's 8 at
// "1.62" (13) leave the other 89 523 points: at most 86 answers of 6, where
// the district's 87 favorable less Lincoln's "≤13%" (0 or 1) leave them
// 86 or 87; and so Lincoln's share is 1 of 8. views are the schools
// whose counts are shown, hiddenN the respondents of the others.
func jointRatingsNarrowShares(tr *Trust, d int32, dLo, dHi float64, views []ratingsView, hiddenN int) bool {
	dn, _ := tr.Results[d].Respondents.N()
	dFace, dPrecise, ok := favorableReadings(tr.Results[d].FavorablePct, dn)
	if !ok {
		return false
	}
	n := hiddenN
	lo, hi := dLo, dHi                                                                  // the withheld schools' ratings
	own := [2]span{{0, float64(hiddenN)}, {0, float64(hiddenN)}}                        // their favorable answers, by their shares
	rest := [2]span{dFace, dPrecise}                                                    // and as the district's less the others'
	joint := [2]float64{tr.ScaleMin * float64(hiddenN), tr.ScaleMax * float64(hiddenN)} // their ratings, by their own bounds
	withheld := 0
	for _, v := range views {
		r := tr.Results[v.i]
		face, precise, shown := favorableReadings(r.FavorablePct, v.n)
		if !shown {
			face, precise = span{0, float64(v.n)}, span{0, float64(v.n)}
		}
		if r.Mean.kind == Reported {
			lo, hi = lo-v.hi, hi-v.lo
			rest[0] = span{rest[0].lo - face.hi, rest[0].hi - face.lo}
			rest[1] = span{rest[1].lo - precise.hi, rest[1].hi - precise.lo}
			continue
		}
		withheld++
		n += v.n
		joint[0], joint[1] = joint[0]+v.lo, joint[1]+v.hi
		own[0] = span{own[0].lo + face.lo, own[0].hi + face.hi}
		own[1] = span{own[1].lo + precise.lo, own[1].hi + precise.hi}
	}
	lo, hi = max(lo, joint[0]), min(hi, joint[1])
	if n < 1 || withheld+hiddenN == 0 || lo > hi {
		return false
	}
	for _, t := range tr.cutoffs() {
		kLo, kHi := favorableCounts(tr, t, n, lo, hi)
		for r := range own {
			x := span{max(own[r].lo, rest[r].lo), min(own[r].hi, rest[r].hi)}
			if x.lo <= x.hi && narrows(x, kLo, kHi) {
				return true
			}
		}
	}
	return false
}

// hideMeanThatTellsAllOrNone withholds the district's mean of a slice
// when, with a school's mean in it withheld, the ratings of the schools
// whose means are withheld can only be all favorable, or none (see
// ratingsTellAllOrNone): each such school's share would be known, 100% or
// 0%, and where the ratings are all at an end of the scale, its mean too.
//   - The district's own mean may leave room for nothing else (its 19
//     teachers at 6.0 on a scale of 1 to 6 all answered 6), whether or not
//     its schools' counts add up to its own.
//   - Where they add up (sums), the district less the schools published
//     may (30 teachers at 4.80 less school c's 12 at 3.00: the other 18
//     gave 108 points, 6 each).
//
// Each mean is read as the audit reads it, as pages show it. It marks the
// mean in byRatings when it withholds it.
func hideMeanThatTellsAllOrNone(tr *Trust, d int32, members []int32, sums bool, byRatings map[int32]bool) {
	r := &tr.Results[d]
	n, ok := r.Respondents.N()
	if r.Mean.kind != Reported || !ok || n < 1 {
		return
	}
	withheld := false
	var pubN int
	var pubLo, pubHi float64 // the published schools' ratings in all
	for _, i := range members {
		m := tr.Results[i]
		mn, shown := m.Respondents.N()
		if m.Mean.kind != Reported || !shown {
			withheld = true
			continue
		}
		lo, hi := ratings(tr, m.Mean, mn)
		pubN, pubLo, pubHi = pubN+mn, pubLo+lo, pubHi+hi
	}
	if !withheld {
		return
	}
	lo, hi := ratings(tr, r.Mean, n)
	if ratingsTellAllOrNone(tr, n, lo, hi) || sums && ratingsTellAllOrNone(tr, n-pubN, lo-pubHi, hi-pubLo) {
		r.Mean = suppressed(Complementary)
		byRatings[d] = true
	}
}

// atScaleEnd reports whether n respondents (one or more) whose ratings add
// up to between lo and hi all gave the same answer at an end of tr's
// scale: the sum leaves room for nothing else.
func atScaleEnd(tr *Trust, n int, lo, hi float64) bool {
	return n >= 1 && (lo >= tr.ScaleMax*float64(n) || hi <= tr.ScaleMin*float64(n))
}

// ratingsTellShare reports whether n respondents whose ratings add up to
// between lo and hi tell more of the favorable share fav than a mean
// beside it may: fav is coded and the ratings are all at one end of the
// scale, or they narrow what fav says (see ratingsNarrowShare).
func ratingsTellShare(tr *Trust, n int, lo, hi float64, fav Measure) bool {
	return fav.kind == Coded && atScaleEnd(tr, n, lo, hi) || ratingsNarrowShare(tr, n, lo, hi, fav)
}

// ratingsNarrowShare reports whether n respondents (one or more) whose
// ratings add up to between lo and hi say more of their favorable count
// than the share fav beside them does, coded or shown, in either reading
// of it (see favorableReadings), to a reader who knows which answers are
// favorable (see Trust.cutoffs and favorableCounts). A mean may tell no
// more of a share than the share does: then the favorable counts that
// add up along the district's identities are what the share says, which
// suppression judges, and nothing more. "5.80" of 5 on 1 to 6 is a sum of
// at least 29, at least 5 answers of 4 or more: 100%, behind "≥80%".
// "5.75" of 100 is at most 575 points, at most 95 answers of 6: behind
// "≥95%", exactly 95% to a reader who counts only 6 favorable. Ratings
// that leave no count the share allows contradict it, or the cutoff, and
// a mean that no whole sum of n ratings rounds to ("4.12" of 5)
// contradicts itself: they give nothing true away.
func ratingsNarrowShare(tr *Trust, n int, lo, hi float64, fav Measure) bool {
	face, precise, ok := favorableReadings(fav, n)
	return ok && anyCutoff(tr, n, lo, hi, func(kLo, kHi float64) bool {
		return narrows(face, kLo, kHi) || narrows(precise, kLo, kHi)
	})
}

// ratingsTellAllOrNone reports whether n respondents (one or more) whose
// ratings add up to between lo and hi are all favorable, or none, to a
// reader who knows which answers are (see Trust.cutoffs): 18 ratings
// adding up to 106 on 1 to 6 leave room for one answer of 4, none below,
// so all 18 answered 4 or more. Ratings all at an end of the scale (see
// atScaleEnd) are all favorable, or none, from any cutoff.
func ratingsTellAllOrNone(tr *Trust, n int, lo, hi float64) bool {
	return anyCutoff(tr, n, lo, hi, func(kLo, kHi float64) bool { return kLo >= float64(n) || kHi <= 0 })
}

// ratingsPinFavorable reports whether n respondents (one or more) whose
// ratings add up to between lo and hi leave their favorable answers one
// number, to a reader who knows which answers are (see Trust.cutoffs).
func ratingsPinFavorable(tr *Trust, n int, lo, hi float64) bool {
	return anyCutoff(tr, n, lo, hi, func(kLo, kHi float64) bool { return kLo >= kHi })
}

// anyCutoff reports whether, for some cutoff a reader may count favorable
// from (see Trust.cutoffs), the fewest and the most favorable answers
// among n respondents (one or more) whose ratings add up to between lo
// and hi (see favorableCounts) tell what tells says. Ratings that no
// whole sum fits (lo above hi) tell nothing.
func anyCutoff(tr *Trust, n int, lo, hi float64, tells func(kLo, kHi float64) bool) bool {
	if n < 1 || lo > hi {
		return false
	}
	for _, t := range tr.cutoffs() {
		if tells(favorableCounts(tr, t, n, lo, hi)) {
			return true
		}
	}
	return false
}

// favorableCounts is the fewest and the most favorable answers among n
// ratings adding up to between lo and hi on tr's scale, where answers
// from t up are favorable: each favorable answer is t to the top, each
// other the bottom to t − 1.
func favorableCounts(tr *Trust, t float64, n int, lo, hi float64) (kLo, kHi float64) {
	fn := float64(n)
	kLo = math.Ceil((lo-fn*(t-1))/(tr.ScaleMax-t+1) - 1e-9)
	kHi = math.Floor((hi-fn*tr.ScaleMin)/(t-tr.ScaleMin) + 1e-9)
	return max(kLo, 0), min(kHi, fn)
}

// narrows reports whether counts from lo to hi leave fewer of the whole
// counts of h than h does, and at least one: counts that leave none
// contradict h, and tell nothing true.
func narrows(h span, lo, hi float64) bool {
	l, u := max(lo, h.lo), min(hi, h.hi)
	return l <= u && (l > h.lo || u < h.hi)
}

// favorableReadings is what a reader knows of the favorable count behind
// a share fav of n, read as pages show it (face) and at the precision it
// was written with (precise): for a coded share see codedRange, for a
// shown one shownCount. It reports false for a share not published.
func favorableReadings(fav Measure, n int) (face, precise span, ok bool) {
	switch fav.kind {
	case Coded:
		face, precise = codedRange(fav, n)
		return face, precise, true
	case Reported:
		return shownCount(fav.value, n), shownCountWithin(fav.value, n, max(roundingTolerance(fav.value), fav.Rounding())), true
	}
	return span{}, span{}, false
}

// maxCutoffs bounds the answers a reader is taken to count favorable from
// where trust.yaml does not say: on a longer scale, the first and the
// last, which tell the most of a share near none and near all.
const maxCutoffs = 1000

// cutoffs are the answers a reader may count favorable from: the one
// favorable_from names, or, where trust.yaml does not say, every answer of
// the scale above its bottom.
func (tr *Trust) cutoffs() []float64 {
	if tr.cuts != nil {
		return tr.cuts
	}
	if tr.FavorableFrom != nil {
		return []float64{*tr.FavorableFrom}
	}
	if tr.ScaleMax-tr.ScaleMin > maxCutoffs {
		return []float64{tr.ScaleMin + 1, tr.ScaleMin + math.Floor(tr.ScaleMax-tr.ScaleMin)}
	}
	var out []float64
	for t := tr.ScaleMin + 1; t <= tr.ScaleMax; t++ {
		out = append(out, t)
	}
	if len(out) == 0 { // a scale narrower than one answer to the next
		out = append(out, tr.ScaleMax)
	}
	return out
}

// ratings is what a reader knows of the sum of the ratings behind a mean
// of n respondents, as pages show it, in whole numbers, on tr's scale: no
// less than n times its bottom, no more than n times its top ("1.0" of 59
// on 1 to 6 is 59 to 61, not 57).
func ratings(tr *Trust, m Measure, n int) (lo, hi float64) {
	p := math.Pow(10, float64(m.MeanDecimals()))
	shown, tol := math.Round(m.value*p)/p, 0.5/p
	lo, hi = math.Ceil(float64(n)*(shown-tol)-1e-6), math.Floor(float64(n)*(shown+tol)+1e-6)
	return max(lo, tr.ScaleMin*float64(n)), min(hi, tr.ScaleMax*float64(n))
}

// withheld lists the values of the evidence that are not published, and
// why, in file order.
func withheld(ev *Data) []generator.Withheld {
	var out []generator.Withheld
	// what names the row; it is called only for a row withheld. beside
	// is the index plus one of the row it protects, for one hidden as
	// complementary, and row names a row and says why it is withheld.
	add := func(pos generator.Pos, what func() string, why string, beside int32, row func(i int32) (generator.Pos, string, string)) {
		if why == "" {
			return
		}
		w := generator.Withheld{Pos: generator.Pos{File: pos.File, Line: pos.Line}, What: what(), Why: why}
		if why == "complementary" && beside > 0 {
			at, name, itsWhy := row(beside - 1)
			if itsWhy == "complementary" || itsWhy == "" {
				itsWhy = "coded" // a coded value, later hidden outright or withheld in part (see protectedRows)
			}
			w.ProtectsPos, w.Protects = generator.Pos{File: at.File, Line: at.Line}, name+" ("+itsWhy+")"
		}
		out = append(out, w)
	}
	if a := ev.Achievement; a != nil {
		row := func(i int32) (generator.Pos, string, string) {
			r := a.Results[i]
			return r.Pos, r.name(), withheldWhy(r.Tested, r.Proficient)
		}
		for _, r := range a.Results {
			add(r.Pos, r.name, withheldWhy(r.Tested, r.Proficient), r.protects, row)
		}
	}
	if tr := ev.Trust; tr != nil {
		row := func(i int32) (generator.Pos, string, string) {
			r := tr.Results[i]
			return r.Pos, r.name(), withheldWhy(r.Respondents, r.shownMeasure())
		}
		for _, r := range tr.Results {
			add(r.Pos, r.name, withheldWhy(r.Respondents, r.shownMeasure()), r.protects, row)
		}
	}
	slices.SortStableFunc(out, func(a, b generator.Withheld) int {
		return cmp.Or(cmp.Compare(a.Pos.File, b.Pos.File), cmp.Compare(a.Pos.Line, b.Pos.Line))
	})
	return out
}

// withheldWhy says why a row with count c and value m is withheld, as
// the steward's review words it, or "" if it is not.
func withheldWhy(c Count, m Measure) string {
	switch {
	case c.Hidden() && c.reason == SmallGroup:
		return "small group"
	case c.Hidden() && c.reason == Complementary:
		return "complementary"
	case c.Hidden() && c.reason == AtSource, m.kind == NotReported && m.text != "":
		return "at source"
	case m.kind == Coded:
		return "coded"
	}
	return ""
}

// shownMeasure is the value of a trust row the review judges: its mean,
// or its favorable share where the mean is shown.
func (r TrustResult) shownMeasure() Measure {
	if r.Mean.kind == Reported {
		return r.FavorablePct
	}
	return r.Mean
}
