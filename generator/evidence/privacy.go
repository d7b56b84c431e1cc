package evidence

import (
	"cmp"
	"math"
	"slices"
	"strings"
)

// Suppression happens here, in the loader, so that no suppressed number
// ever leaves this package: later stages, templates and charts cannot show
// what they never receive.
//
// The rule: no published number may be combined with others, by adding
// and subtracting along an identity, to give the count or the percentage
// of a group under the minimum, or the exact value behind a coded
// percentage. The identities are, within a school (or the district), year
// and subject, all students = the members of each family (declared or
// inferred), and across places, the district = its schools.
//
// In every identity where some terms are not published (suppressed as
// small, missing from the file, suppressed at the source, or coded), the
// unpublished members must number at least two with students, their
// combined count must reach the minimum, their combined percentage (which
// subtraction gives) must not lie beyond the coding thresholds, and the
// uncertainty they leave must cover the range of each coded value; if
// not, the published member with the fewest students is hidden too, and
// so on until the identity holds or every member is hidden. Hiding a
// value can break another identity it belongs to, so the identities it
// belongs to are checked again: a work list, each identity's sums kept
// up to date as members are hidden, so the cost is near-linear in rows.

// topBottomCode replaces a percentage of n at or below low by "≤low%" and
// one at or above high by "≥high%", so that the result of (nearly) every
// student of a group cannot be inferred. A bound reported by the source
// that is narrower than the thresholds ("<2%" with low 5) is widened the
// same way. For a small n, a range that holds a single whole count ("≥95%"
// of 10 can only be 10 of 10) is widened until it holds two: "≥90%".
func topBottomCode(m Measure, n int, low, high float64) Measure {
	if n > 0 {
		if float64(n)*low/100 < 1 {
			low = math.Ceil(100 / float64(n))
		}
		if float64(n)*high/100 > float64(n-1) {
			high = math.Floor(100 * float64(n-1) / float64(n))
		}
	}
	lowCoded := coded(low, "≤"+formatNumber(low)+"%")
	highCoded := coded(high, "≥"+formatNumber(high)+"%")
	lowCoded.whole, highCoded.whole = m.whole, m.whole // coded from a value written so
	switch m.kind {
	case Reported:
		// As pages show it, to one decimal: 5.04 is shown as "5.0%",
		// which is at the threshold, and is coded as "5.0" written in
		// the file is.
		shown := math.Round(m.value*10) / 10
		if shown <= low {
			return lowCoded
		}
		if shown >= high {
			return highCoded
		}
	case Coded:
		strict := strings.HasPrefix(m.text, "<") || strings.HasPrefix(m.text, ">")
		if codedBelow(m) && (m.value < low || strict && m.value <= low) {
			return lowCoded
		}
		if !codedBelow(m) && (m.value > high || strict && m.value >= high) {
			return highCoded
		}
	}
	return m
}

// codedBelow reports whether a coded measure is an upper bound ("<5%").
func codedBelow(m Measure) bool {
	return strings.HasPrefix(m.text, "<") || strings.HasPrefix(m.text, "≤")
}

// codedRange returns the whole counts a coded percentage of n allows,
// read at face value ("≥95%" of 200 is 190 to 200) and at the precision
// of the value it was coded from: one decimal, or whole numbers where it
// was written so (Measure.Rounding) (face, atPrecision). A value is coded on
// the percentage as the source rounded it: 6 of 119 (5.04%), read as
// "5.0", is coded "≤5%", which at face value is at most 5 students, and
// at one decimal anything that would read 5.0 or less, at most 6. A
// careful reader may take it either way, and either must give nothing
// away: suppression checks both (see pinnedCells). The second always
// holds the value; the first may not, and then a reader who adds up
// finds numbers that do not agree.
func codedRange(m Measure, n int) (face, atPrecision span) {
	within := func(tol float64) span {
		if codedBelow(m) {
			return span{0, math.Floor(float64(n)*(m.value+tol)/100 + 1e-9)}
		}
		return span{math.Ceil(float64(n)*(m.value-tol)/100 - 1e-9), float64(n)}
	}
	return within(0), within(max(roundingTolerance(m.value), m.Rounding()))
}

// wholeCounts is how many whole numbers lie in [lo, hi].
func wholeCounts(lo, hi float64) float64 {
	return math.Floor(hi+1e-6) - math.Ceil(lo-1e-6) + 1
}

// revealsCoded reports whether knowing that a coded percentage of n is
// lo to hi (in whole counts) gives it away: a single count, or counts
// less than half a percentage point apart — a reader then knows it about
// as well as a published percentage (at 235 students, 224 or 225 is
// 95.3–95.7%, not "≥95%"). This is the audit's rule for coded values.
func revealsCoded(lo, hi float64, n int) bool {
	span := wholeCounts(lo, hi) - 1 // from the lowest whole count to the highest
	return span < 1 || n > 0 && 100*span/float64(n) < 0.5
}

// cell is one result as suppression sees it: its true count and value,
// and what of them is published.
type cell struct {
	n      int
	nKnown bool // false when the count was suppressed at the source
	// k is the value as a count: students proficient, favorable answers.
	k      float64
	kKnown bool
	// countPub and valuePub say whether the count, and the exact value,
	// are published; coded says the value is shown as a range (in the
	// units of k): codedLo to codedHi read at the precision percentages
	// are published with, which holds k, and face read at face value
	// (see codedRange).
	countPub, valuePub, coded bool
	codedLo, codedHi          float64
	face                      span
	// shown is what a reader knows of k from the published percentage as
	// the pages show it; atSource what it says at the precision it was
	// written with (wider for a whole number, see Measure.Rounding).
	shown, atSource span
	// wasCoded stays set when a coded value is hidden: the exact value
	// behind the code stays protected.
	wasCoded bool
	// withheld is set for a count withheld as small or at the source:
	// the values the rule protects.
	withheld bool
	// hide suppresses the result as complementary.
	hide func()
	// addedUp marks a total a reader works out, with no row of its own
	// to hide (see addedUpTotal).
	addedUp bool
	// member and total are the identities the cell is a member, or the
	// total, of.
	member, total []int32
}

// kRange is what a reader knows of k from the cell alone.
func (c *cell) kRange() (lo, hi float64) {
	switch {
	case c.valuePub:
		return c.k, c.k
	case c.coded && c.countPub:
		return c.codedLo, c.codedHi
	case c.nKnown:
		return 0, float64(c.n)
	}
	return 0, math.Inf(1)
}

// nRange is what a reader knows of the count from the cell's label:
// exact when shown, under the minimum when "fewer than", at least the
// minimum when hidden to protect another, anything at the source.
func (c *cell) nRange(minN int) (lo, hi float64) {
	switch {
	case c.countPub:
		return float64(c.n), float64(c.n)
	case c.withheld && c.nKnown:
		return 0, float64(minN - 1)
	case c.nKnown:
		return float64(minN), math.Inf(1)
	}
	return 0, math.Inf(1)
}

// identity is total = Σ members. The sums of its members' published and
// unpublished parts are kept up to date as members are hidden.
type identity struct {
	total   int32 // -1: the file has no row for the total
	members []int32
	// nextValue and nextCount index members (sorted by count) at the
	// smallest that may still be hidden.
	nextValue, nextCount int
	// residual is the count of members the file has no row for (or no
	// count): the total's count less its members' known ones.
	residual int
	// gap says a reader sees members with no row; countsOnly that only
	// the counts add up (an inferred family).
	gap, countsOnly bool
	// asRead says a reader takes the identity to hold as it is written:
	// a family with a row for every member, or the district's row of a
	// group where it reads as its schools' sum (see protectAchievement).
	// The combined check (combine.go) uses those.
	asRead bool
	// acrossFacets marks a count equal to another's (a school's trust
	// respondents in two facets): counts only, and its values (the
	// facets' shares) have nothing to do with each other.
	acrossFacets bool

	pubCountN, pubValueN int
	pubValueK            float64
	uc, ucPos, ucN       int
	uv, uvPos, uvN       int
	uvK                  float64
	uvKUnknown           int
	// uvLo and uvHi add up the unpublished members' kRange.
	uvLo, uvHi float64
	uvHiInf    int
	// uvWMax is the widest finite kRange among them.
	uvWMax float64
	// ucLo, ucHi add up the unpublished members' nRange.
	ucLo, ucHi, ucLoInf float64
	ucHiInf             int
	// coded and protected list the members shown coded and those whose
	// count is withheld, sorted by count.
	coded, protected []int32
	queued           bool
}

// suppressor applies complementary suppression to a set of cells and the
// identities between them.
type suppressor struct {
	cells []cell
	ids   []identity
	// within pairs each subgroup's cell with its place's all-students
	// cell: a group has no more students, and no more proficient ones,
	// than all students, whether or not it is in a family. Narrowing
	// (pinnedCells) uses them; they are no identity of the local rule.
	within [][2]int32
	// withinOf pairs each cell with those within pairs it with, made
	// when first asked for (see withinCandidate).
	withinOf map[int32][]int32
	// partners are, for each cell whose count is one with others' (see
	// linkCounts), those others: a count hidden is hidden in all of them
	// at once, so that the identities of each see it hidden when they
	// choose what else to hide.
	partners map[int32][]int32
	// protects records, for a cell hidden beside others, one withheld or
	// coded cell it was hidden to protect (the steward's review shows it,
	// Withheld.Protects); because is the cell the next hideCell protects,
	// or -1.
	protects  map[int32]int32
	because   int32
	minN      int
	low, high float64
}

// newSuppressor returns a suppressor of n cells (set by the caller) with
// the rule's minimum and coding thresholds.
func newSuppressor(minN int, low, high float64, n int) *suppressor {
	return &suppressor{minN: minN, low: low, high: high, cells: make([]cell, n), ids: make([]identity, 0, n),
		protects: map[int32]int32{}, because: -1}
}

// addIdentity records total = Σ members; total is -1 when the file has no
// row for it (it may be published elsewhere, such as the state's report
// card, so it is taken as known).
func (s *suppressor) addIdentity(total int32, members []int32, gap, countsOnly bool) {
	if len(members) == 0 {
		return
	}
	id := int32(len(s.ids))
	ms := slices.Clone(members)
	slices.SortStableFunc(ms, func(a, b int32) int {
		return cmp.Compare(s.countOrMax(a), s.countOrMax(b))
	})
	in := identity{total: total, members: ms, gap: gap, countsOnly: countsOnly}
	known, unknown := 0, false
	for _, m := range ms {
		c := &s.cells[m]
		c.member = append(c.member, id)
		if c.nKnown {
			known += c.n
		} else {
			unknown = true
		}
		if c.coded && c.countPub {
			in.coded = append(in.coded, m)
		}
		if c.withheld {
			in.protected = append(in.protected, m)
		}
	}
	if total >= 0 {
		t := &s.cells[total]
		t.total = append(t.total, id)
		if t.nKnown && t.n > known {
			in.residual = t.n - known
		}
	}
	// A member without a row is a term no reader knows, unless the
	// others may leave it none, which a reader could then work out.
	in.asRead = !gap || in.residual == 0 || unknown
	s.ids = append(s.ids, in)
	for _, m := range ms {
		s.account(id, m, 1)
	}
}

func (s *suppressor) countOrMax(i int32) int {
	if !s.cells[i].nKnown {
		return math.MaxInt
	}
	return s.cells[i].n
}

// account adds (sign 1) or removes (sign -1) member m's part in the sums
// of identity id.
func (s *suppressor) account(id int32, m int32, sign int) {
	in, c := &s.ids[id], &s.cells[m]
	pos := 0
	if c.nKnown && c.n > 0 {
		pos = 1
	}
	n := 0
	if c.nKnown {
		n = c.n
	}
	if c.countPub {
		in.pubCountN += sign * n
	} else {
		in.uc += sign
		in.ucPos += sign * pos
		in.ucN += sign * n
		lo, hi := c.nRange(s.minN)
		in.ucLo += float64(sign) * lo
		if math.IsInf(hi, 1) {
			in.ucHiInf += sign
			in.ucLoInf += float64(sign) * lo
		} else {
			in.ucHi += float64(sign) * hi
		}
	}
	if c.valuePub {
		in.pubValueN += sign * n
		in.pubValueK += float64(sign) * c.k
		return
	}
	in.uv += sign
	in.uvPos += sign * pos
	in.uvN += sign * n
	if c.kKnown {
		in.uvK += float64(sign) * c.k
	} else {
		in.uvKUnknown += sign
	}
	lo, hi := c.kRange()
	in.uvLo += float64(sign) * lo
	if !math.IsInf(hi, 1) {
		in.uvHi += float64(sign) * hi
		if sign > 0 {
			in.uvWMax = max(in.uvWMax, hi-lo)
		}
	} else {
		in.uvHiInf += sign
	}
}

// What a failing identity needs hidden next.
const (
	holds = iota
	hideValue
	hideCount
)

// check says whether identity id meets the rule, and if not, whether a
// published value or a published count must be hidden next.
func (s *suppressor) check(id int32) int {
	in := &s.ids[id]
	phantom := 0
	if in.residual > 0 {
		phantom = 1
	}
	uc, ucPos, ucN := in.uc+phantom, in.ucPos+phantom, in.ucN+in.residual
	uv, uvPos, uvN := in.uv+phantom, in.uvPos+phantom, in.uvN+in.residual
	uvLo, uvHi := in.uvLo, in.uvHi+float64(in.residual)
	if in.uvHiInf > 0 {
		uvHi = math.Inf(1)
	}
	countPub, valuePub := true, true
	var t *cell
	if in.total >= 0 {
		t = &s.cells[in.total]
		countPub, valuePub = t.countPub, t.valuePub
		if t.nKnown {
			ucN, uvN = t.n-in.pubCountN, t.n-in.pubValueN
		}
	}
	// A lone gap in the file (a member with no row) that is large and
	// whose value, worked out, would need no coding is no leak: it is
	// what the row would have shown.
	if in.uc == 0 && in.uv == 0 && in.residual >= s.minN && countPub && valuePub && t != nil && t.kKnown {
		if p := 100 * (t.k - in.pubValueK) / float64(in.residual); p > s.low && p < s.high {
			return holds
		}
	}
	if countPub {
		if uc > 0 && (ucPos < 2 || ucN < s.minN) {
			return hideCount
		}
		// Each unpublished count is the unpublished total less the
		// others, as a reader bounds them ("fewer than 10": 0 to 9;
		// "to protect a small group": 10 or more): none may come out as
		// one number above 0, or it could undo another identity.
		if uc > 0 && pinnedAny(float64(ucN), in.ucLo, in.ucHi, in.ucHiInf+phantom, in.ucLoInf, float64(s.minN-1), in.ucLo > 0) {
			return hideCount
		}
	} else if uc == 0 {
		return hideCount
	}
	if in.acrossFacets {
		return holds
	}
	if !valuePub {
		if uv == 0 {
			return hideValue
		}
		// A coded total is the published members plus the rest: that
		// sum must not give it away (revealsCoded).
		if t.coded && t.countPub {
			lo, hi := in.pubValueK+uvLo, in.pubValueK+uvHi
			if revealsCoded(max(lo, t.codedLo), min(hi, t.codedHi), t.n) || revealsCoded(max(lo, t.face.lo), min(hi, t.face.hi), t.n) {
				return hideValue
			}
		}
		return holds
	}
	if uv == 0 {
		return holds
	}
	if uvPos < 2 || uvN < s.minN {
		return hideValue
	}
	// Subtraction gives the unpublished members' combined value: coded,
	// it would be shown as a range.
	k, kKnown := in.uvK, in.uvKUnknown == 0 && phantom == 0
	if t != nil && t.kKnown {
		k, kKnown = t.k-in.pubValueK, true
	}
	if kKnown && uvN > 0 {
		if p := 100 * k / float64(uvN); p <= s.low || p >= s.high {
			return hideValue
		}
	}
	// Likewise each unpublished value, bounded by its own count: none
	// may come out as one number.
	if t != nil && t.kKnown && pinnedAny(k, uvLo, in.uvHi+float64(in.residual), in.uvHiInf, 0, in.uvWMax, true) {
		return hideValue
	}
	// Each coded member is the unpublished value less the other
	// unpublished members: that must not give it away (revealsCoded).
	if t != nil && t.kKnown {
		for _, m := range in.coded {
			c := &s.cells[m]
			if !c.coded || !c.countPub {
				continue
			}
			lo, hi := k-(uvHi-c.codedHi), k-(uvLo-c.codedLo)
			if revealsCoded(max(lo, c.codedLo), min(hi, c.codedHi), c.n) || revealsCoded(max(lo, c.face.lo), min(hi, c.face.hi), c.n) {
				return hideValue
			}
		}
	}
	return holds
}

// pinnedAny reports whether sum = Σ members, each within its own range,
// leaves some member a single whole number: the members' ranges add up to
// [lo, hi] plus inf unbounded ones, the widest finite range is wMax, and
// atLow says that some member's lowest value is worth hiding (a count of
// 0 is not). A member is left one number when the sum is within 1 of the
// lowest total or (all bounded) the highest, or when the other members'
// ranges together are narrower than 1 (loInf is the part of lo from the
// unbounded members).
func pinnedAny(sum, lo, hi float64, inf int, loInf, wMax float64, atLow bool) bool {
	if sum-lo < 1 && atLow {
		return true
	}
	switch inf {
	case 0:
		return hi-sum < 1 || hi-lo-wMax < 1
	case 1:
		return hi-(lo-loInf) < 1
	}
	return false
}

// candidate returns the member of id with the fewest students whose value
// (or, for a count, whose count) is still published, or -1.
func (s *suppressor) candidate(id int32, need int) int32 {
	in := &s.ids[id]
	next := &in.nextValue
	if need == hideCount {
		next = &in.nextCount
	}
	for ; *next < len(in.members); *next++ {
		c := &s.cells[in.members[*next]]
		if c.valuePub || (need == hideCount && c.countPub) {
			return in.members[*next]
		}
	}
	if need == hideValue {
		// Only coded values are left shown: hide the smallest, whose
		// value then becomes wholly unknown.
		for _, m := range in.coded {
			if c := &s.cells[m]; c.coded && c.countPub {
				return m
			}
		}
	}
	return -1
}

// totalToHide returns the total of identity id where its members have
// nothing left to hide and a reader takes the identity to hold as
// written (asRead): then the total, published, is what gives a member
// away (the district's 18 students of a group whose two schools each
// show "fewer than 10": 9 and 9). It returns -1 where a reader does not
// take it so, or there is no shown total to hide (see shownTotal).
func (s *suppressor) totalToHide(id int32) int32 {
	if !s.ids[id].asRead {
		return -1
	}
	return s.shownTotal(id)
}

// shownTotal returns the total of identity id while anything of it is
// published, or -1 where it is not, has no row, or is only added up (it
// has no row to hide).
func (s *suppressor) shownTotal(id int32) int32 {
	t := s.ids[id].total
	if t < 0 || s.cells[t].addedUp || !s.cells[t].countPub && !s.cells[t].valuePub {
		return -1
	}
	return t
}

// hideCell suppresses cell m as complementary and queues every identity it
// is part of.
func (s *suppressor) hideCell(m int32, queue *[]int32) {
	if s.cells[m].addedUp {
		panic("evidence: suppression chose a total that is only added up, which has no row to hide")
	}
	if _, ok := s.protects[m]; !ok && s.because >= 0 && s.because != m {
		s.protects[m] = s.because
	}
	c := &s.cells[m]
	for _, id := range c.member {
		s.account(id, m, -1)
	}
	c.countPub, c.valuePub, c.coded = false, false, false
	for _, id := range c.member {
		s.account(id, m, 1)
	}
	c.hide()
	for _, ids := range [][]int32{c.member, c.total} {
		for _, id := range ids {
			if !s.ids[id].queued {
				s.ids[id].queued = true
				*queue = append(*queue, id)
			}
		}
	}
	for _, p := range s.partners[m] {
		if s.cells[p].countPub {
			s.hideCell(p, queue)
		}
	}
}

// run applies the rule until every identity holds (or has nothing left to
// hide), then widens where identities combined still give a value away.
func (s *suppressor) run() {
	queue := make([]int32, len(s.ids))
	for i := range s.ids {
		queue[i] = int32(i)
		s.ids[i].queued = true
	}
	s.drain(queue)
	s.widen()
}

// drain checks the identities of the work list, and those of every cell it
// hides, until the list is empty.
func (s *suppressor) drain(queue []int32) {
	for i := range queue {
		s.ids[queue[i]].queued = true
	}
	for len(queue) > 0 {
		id := queue[0]
		queue = queue[1:]
		s.ids[id].queued = false
		for {
			need := s.check(id)
			if need == holds {
				break
			}
			m := s.candidate(id, need)
			if m < 0 {
				m = s.totalToHide(id)
			}
			if m < 0 {
				break
			}
			s.because = s.protectedIn(id)
			s.hideCell(m, &queue)
		}
	}
}

// protectedIn returns a cell that identity id protects, for the steward's
// review: its smallest withheld member, its total if withheld, a value
// it codes, or else what a cell of it hidden before protects; -1 if none.
func (s *suppressor) protectedIn(id int32) int32 {
	in := &s.ids[id]
	if len(in.protected) > 0 {
		return in.protected[0]
	}
	if t := in.total; t >= 0 && s.cells[t].withheld {
		return t
	}
	for _, m := range in.coded {
		if s.cells[m].wasCoded {
			return m
		}
	}
	if t := in.total; t >= 0 && s.cells[t].wasCoded {
		return t
	}
	for _, m := range append([]int32{in.total}, in.members...) {
		if p, ok := s.protects[m]; ok {
			return p
		}
	}
	return -1
}

// protectedRows returns, for each of the first n cells (a file's rows)
// hidden beside another row, the index plus one (0: none) of the row it
// protects: withheld (small, or at the source) or coded when it was
// hidden. (protectedIn gives a cell hidden beside one itself hidden
// beside others what that one protects, so there is no chain to follow.)
func (s *suppressor) protectedRows(n int) []int32 {
	out := make([]int32, n)
	for m, p := range s.protects {
		if c := &s.cells[p]; int(m) < n && int(p) < n && p != m && (c.withheld || c.wasCoded) {
			out[m] = p + 1
		}
	}
	return out
}
