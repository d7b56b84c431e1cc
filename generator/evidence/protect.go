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
	s := &suppressor{minN: a.MinN, low: a.Low, high: a.High, cells: make([]cell, len(a.Results)), ids: make([]identity, 0, len(a.Results))}
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
		}
		for _, f := range a.Families {
			var members []int32
			for _, m := range f.Members {
				if i, ok := cell[m]; ok {
					members = append(members, i)
				}
			}
			s.addIdentity(total, members, len(members) < len(f.Members), false)
			warnFamilySum(a, s.cells, f, total, members, ds)
		}
		if total >= 0 {
			for _, g := range slices.Sorted(maps.Keys(cell)) {
				if g != allStudents && !inFamily[g] {
					s.within = append(s.within, [2]int32{total, cell[g]})
				}
			}
		}
		if total < 0 || !s.cells[total].nKnown {
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
	s.run()
	presence := map[string]int{}
	for _, pk := range placeOrder {
		for g := range places[pk] {
			presence[g]++
		}
	}
	warnInferred(a.Inferred, presence, ds)
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
func protectTrust(tr *Trust) {
	s := &suppressor{minN: tr.MinRespondents, low: tr.Low, high: tr.High, cells: make([]cell, len(tr.Results))}
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
			c.withheld = true
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
				c.shown = shownCount(fav.value, c.n)
				c.atSource = shownCountWithin(fav.value, c.n, max(roundingTolerance(fav.value), fav.Rounding()))
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
			if s.cells[i].nKnown {
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
	s.run()
	sums := map[generator.TrustSlice]bool{}
	for _, k := range tr.DistrictSums {
		sums[k] = true
	}
	for _, k := range order {
		if d, ok := district[k]; ok && sums[k] {
			hideMeansThatNarrowShares(tr, d, schools[k])
		}
	}
	for _, k := range order {
		if d, ok := district[k]; ok {
			hideMeanAtScaleEnd(tr, d, schools[k], sums[k])
		}
	}
}

// hideMeansThatNarrowShares withholds, in a slice whose district count is
// its schools', the means that together say more of a coded favorable
// share than its code (see ratingsNarrowShare), or leave its ratings all
// at one end of the scale. A reader adds and subtracts the ratings
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
func hideMeansThatNarrowShares(tr *Trust, d int32, members []int32) {
	dn, ok := tr.Results[d].Respondents.N()
	if !ok {
		return
	}
	type view struct {
		i      int32
		n      int
		lo, hi float64
	}
	own := func(i int32) (view, bool) {
		r := tr.Results[i]
		n, shown := r.Respondents.N()
		if !shown {
			return view{}, false
		}
		v := view{i: i, n: n, lo: tr.ScaleMin * float64(n), hi: tr.ScaleMax * float64(n)}
		if r.Mean.kind == Reported {
			v.lo, v.hi = ratings(tr, r.Mean, n)
		}
		return v, true
	}
	narrows := func(v view) bool { return ratingsTellShare(tr, v.n, v.lo, v.hi, tr.Results[v.i].FavorablePct) }
	withhold := func(i int32) { tr.Results[i].Mean = suppressed(Complementary) }
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
	for range len(members) + 2 {
		dv, _ := own(d)
		var views []view
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
		if narrows(dv) {
			if tr.Results[d].Mean.kind == Reported {
				withhold(d)
			} else if i := largest(-1); i >= 0 {
				withhold(i)
			} else {
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
			if !narrows(v) {
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
		if !changed {
			return
		}
	}
}

// hideMeanAtScaleEnd withholds the district's mean of a slice when, with
// a school's mean in it withheld, the ratings of the schools whose means
// are withheld can only all be at one end of the scale: their respondents
// all answered the same, and each such school's mean would be known.
//   - The district's own mean may leave room for nothing else (its 19
//     teachers at 6.0 on a scale of 1 to 6 all answered 6), whether or not
//     its schools' counts add up to its own.
//   - Where they add up (sums), the district less the schools published
//     may (30 teachers at 4.80 less school c's 12 at 3.00: the other 18
//     gave 108 points, 6 each).
//
// Each mean is read as the audit reads it, as pages show it.
func hideMeanAtScaleEnd(tr *Trust, d int32, members []int32, sums bool) {
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
	if atScaleEnd(tr, n, lo, hi) || sums && atScaleEnd(tr, n-pubN, lo-pubHi, hi-pubLo) {
		r.Mean = suppressed(Complementary)
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
// beside it may: fav is coded, and the ratings are all at one end of the
// scale or narrow it (see atScaleEnd, ratingsNarrowShare).
func ratingsTellShare(tr *Trust, n int, lo, hi float64, fav Measure) bool {
	return fav.kind == Coded && (atScaleEnd(tr, n, lo, hi) || ratingsNarrowShare(tr, n, lo, hi, fav))
}

// ratingsNarrowShare reports whether n respondents (one or more) whose
// ratings add up to between lo and hi say more of their coded favorable
// share fav than the code does: a mean beside a coded share may tell no
// more of it, so that what the identities give a reader of the share
// (which suppression judges) is all there is to know. folio does not
// know which answers a survey counts as favorable, so it takes the reader
// to know, and the count that tells the most: with each rating no higher
// than the scale's top, a share "≥95%" has at least (sum − n × bottom) ÷
// (top − bottom) favorable answers (if every answer above the bottom
// counts), and a share "≤5%" at most as many (if only the top counts).
// "5.80" of 5 on 1 to 6 is a sum of at least 29: 24 ÷ 5, so 5 of 5, 100%,
// behind "≥80%". Both readings of the code are kept whole (see
// codedRange); ratings that contradict the code narrow it too, and
// withholding them costs nothing true.
func ratingsNarrowShare(tr *Trust, n int, lo, hi float64, fav Measure) bool {
	scale := tr.ScaleMax - tr.ScaleMin
	if n < 1 || scale <= 0 {
		return false
	}
	face, x := codedRange(fav, n)
	if codedBelow(fav) {
		most := math.Floor((hi-tr.ScaleMin*float64(n))/scale + 1e-9)
		return most < max(face.hi, x.hi)
	}
	least := math.Ceil((lo-tr.ScaleMin*float64(n))/scale - 1e-9)
	return least > min(face.lo, x.lo)
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
	// what names the row; it is called only for a row withheld.
	add := func(pos generator.Pos, what func() string, c Count, m Measure) {
		why := ""
		switch {
		case c.Hidden() && c.reason == SmallGroup:
			why = "small group"
		case c.Hidden() && c.reason == Complementary:
			why = "complementary"
		case c.Hidden() && c.reason == AtSource, m.kind == NotReported && m.text != "":
			why = "at source"
		case m.kind == Coded:
			why = "coded"
		default:
			return
		}
		out = append(out, generator.Withheld{Pos: generator.Pos{File: pos.File, Line: pos.Line}, What: what(), Why: why})
	}
	if a := ev.Achievement; a != nil {
		for _, r := range a.Results {
			add(r.Pos, r.name, r.Tested, r.Proficient)
		}
	}
	if tr := ev.Trust; tr != nil {
		for _, r := range tr.Results {
			m := r.Mean
			if m.kind == Reported {
				m = r.FavorablePct
			}
			add(r.Pos, r.name, r.Respondents, m)
		}
	}
	slices.SortStableFunc(out, func(a, b generator.Withheld) int {
		return cmp.Or(cmp.Compare(a.Pos.File, b.Pos.File), cmp.Compare(a.Pos.Line, b.Pos.Line))
	})
	return out
}
