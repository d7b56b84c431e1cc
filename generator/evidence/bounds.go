package evidence

import (
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/folio-sites/folio/generator/internal/parallel"
)

// The local rule (privacy.go) looks at one identity at a time. A reader
// can also combine them: "fewer than 10" in one family and "at least 10"
// in another may together leave one number. So once every identity holds,
// the suppressor narrows what a reader knows of every cell along all the
// identities together, and where a withheld value still comes out as one
// number, hides one more member beside it and starts again.

// maxRounds bounds the rounds of widening; the build's audit catches what
// might be left.
const maxRounds = 32

// span is a range of whole numbers; hi may be +Inf.
type span struct{ lo, hi float64 }

// narrow sets x to x ∩ [lo, hi] (rounded inward to whole numbers) and
// reports whether it changed. An empty result, from data that does not
// add up, keeps x.
func (x *span) narrow(lo, hi float64) bool {
	lo, hi = math.Ceil(lo-1e-6), math.Floor(hi+1e-6)
	if max(lo, x.lo) > min(hi, x.hi) {
		return false
	}
	changed := false
	if lo > x.lo {
		x.lo, changed = lo, true
	}
	if hi < x.hi {
		x.hi, changed = hi, true
	}
	return changed
}

// shownCount is what a reader knows of the students (or answers) behind a
// percentage v of n as published: v is rounded to its last decimal (at
// most 0.05), and the count is whole.
func shownCount(v float64, n int) span { return shownCountWithin(v, n, roundingTolerance(v)) }

// shownCountWithin is shownCount for a percentage within tol of the value
// it stands for.
func shownCountWithin(v float64, n int, tol float64) span {
	lo, hi := float64(n)*(v-tol)/100, float64(n)*(v+tol)/100
	if l, h := math.Ceil(lo-1e-6), math.Floor(hi+1e-6); l <= h {
		return span{l, h}
	}
	return span{math.Floor(lo), math.Ceil(hi)}
}

// roundingTolerance is how far a published percentage v may be from the
// value it stands for: half a unit of its last decimal, and at most 0.05
// (a number written "80" may have been 80.0 in the file).
func roundingTolerance(v float64) float64 {
	str := strconv.FormatFloat(v, 'f', -1, 64)
	tol := 0.5
	if i := strings.IndexByte(str, '.'); i >= 0 {
		tol = 0.5 * math.Pow(10, -float64(len(str)-i-1))
	}
	return min(tol, 0.05)
}

// readerView returns what a reader knows of a cell's count and value from
// its own labels, taking them at face value (as the pages show them) or
// at the precision each was written with (see codedRange and
// Measure.Rounding).
func (s *suppressor) readerView(c *cell, faceValue bool) (n, k span) {
	lo, hi := c.nRange(s.minN)
	n = span{lo, hi}
	switch {
	case c.valuePub && faceValue:
		k = c.shown
	case c.valuePub:
		k = c.atSource
	case c.coded && c.countPub && faceValue:
		k = c.face
	case c.coded && c.countPub:
		k = span{c.codedLo, c.codedHi}
	default:
		k = span{0, n.hi}
	}
	return n, k
}

// view is what a reader knows of a cell (or of the members of an
// identity a reader sees no row for): its count, its proficient (or
// favorable) count, and the count of the others, not proficient (or not
// favorable), which add and subtract along the identities as the first
// two do: the district's 3 students of a group not proficient bound each
// school's, whatever their counts.
type view struct{ q [3]span }

// unbounded is the view of a term a reader knows nothing of.
var unbounded = view{[3]span{{0, math.Inf(1)}, {0, math.Inf(1)}, {0, math.Inf(1)}}}

// eq is identity id as pinnedCells narrows along it: total = Σ members,
// over counts only where countsOnly; id is −1 for a group within all
// students (suppressor.within). A member a reader sees no row for
// is a view of its own, after the cells; asRead says a reader takes the
// identity to hold without it (identity.asRead).
type eq struct {
	id         int32
	total      int32
	members    []int32
	countsOnly bool
	asRead     bool
}

// pinnedCells narrows the reader's view along every identity and returns
// the cells whose withheld count, withheld value or coded value comes out
// as one number, the identities whose unpublished members together
// come out as a group under the minimum, or with none or all proficient,
// and what a reader then knows of every cell's count.
// faceValue takes percentages and codes as pages show them: where the
// published numbers then do not add up, that identity tells the reader
// nothing at face value (it is kept as it was), and the reading at the
// precision they were written with, which always adds up, shows what it
// gives away.
func (s *suppressor) pinnedCells(faceValue bool) (cells, ids []int32, counts []span) {
	views := make([]view, len(s.cells), len(s.cells)+len(s.ids))
	for i := range s.cells {
		n, k := s.readerView(&s.cells[i], faceValue)
		views[i] = view{[3]span{n, k, {0, math.Inf(1)}}}
	}
	eqs := make([]eq, 0, len(s.ids))
	for id, in := range s.ids {
		if in.total < 0 {
			continue
		}
		ms := in.members
		if in.gap {
			ms = append(ms[:len(ms):len(ms)], int32(len(views)))
			views = append(views, unbounded)
		}
		eqs = append(eqs, eq{int32(id), in.total, ms, in.countsOnly, in.asRead})
	}
	// A group within all students: all = group + the others, whom no
	// reader sees. Not an identity of its own (id −1): narrowed along,
	// never judged. Between two cells shown with their counts and values
	// it would only narrow the rounding of two shown percentages (to
	// within a student below 1,000 tested), and is left out.
	shown := func(i int32) bool { c := &s.cells[i]; return c.countPub && c.valuePub }
	for _, w := range s.within {
		if shown(w[0]) && shown(w[1]) {
			continue
		}
		eqs = append(eqs, eq{-1, w[0], []int32{w[1], int32(len(views))}, false, false})
		views = append(views, unbounded)
	}
	of := make([][]int32, len(views))
	for i, e := range eqs {
		of[e.total] = append(of[e.total], int32(i))
		for _, m := range e.members {
			of[m] = append(of[m], int32(i))
		}
	}
	// own applies a view's own relations: count = proficient + the rest.
	own := func(v *view) {
		n, k, m := &v.q[0], &v.q[1], &v.q[2]
		k.narrow(0, n.hi)
		n.narrow(k.lo, math.Inf(1)) // on its own: narrow changes nothing where the numbers contradict each other
		m.narrow(n.lo-k.hi, n.hi-k.lo)
		n.narrow(k.lo+m.lo, k.hi+m.hi)
		k.narrow(n.lo-m.hi, n.hi-m.lo)
	}
	queue := make([]int32, len(eqs))
	queued := make([]bool, len(eqs))
	budget := 0
	for i := range eqs {
		queue[i], queued[i] = int32(i), true
		budget += 64 * (len(eqs[i].members) + 1)
	}
	for i := range views {
		own(&views[i])
	}
	var changed []int32
	for len(queue) > 0 && budget > 0 {
		e := eqs[queue[0]]
		queued[queue[0]] = false
		queue = queue[1:]
		budget -= len(e.members) + 1
		changed = changed[:0]
		for q := range len(view{}.q) {
			if q > 0 && e.countsOnly {
				break
			}
			lo, hi, inf := 0.0, 0.0, 0
			for _, m := range e.members {
				x := views[m].q[q]
				lo += x.lo
				if math.IsInf(x.hi, 1) {
					inf++
				} else {
					hi += x.hi
				}
			}
			t := &views[e.total].q[q]
			sumHi := hi
			if inf > 0 {
				sumHi = math.Inf(1)
			}
			if t.narrow(lo, sumHi) {
				changed = append(changed, e.total)
			}
			for _, m := range e.members {
				x := &views[m].q[q]
				othersHi := math.Inf(1)
				if inf == 0 {
					othersHi = hi - x.hi
				} else if inf == 1 && math.IsInf(x.hi, 1) {
					othersHi = hi
				}
				if x.narrow(t.lo-othersHi, t.hi-(lo-x.lo)) {
					changed = append(changed, m)
				}
			}
		}
		for _, v := range changed {
			own(&views[v])
			for _, id := range of[v] {
				if !queued[id] {
					queued[id] = true
					queue = append(queue, id)
				}
			}
		}
	}
	tightenShares(views, eqs, int32(len(s.cells)))
	var pinned []int32
	counts = make([]span, len(s.cells))
	for i := range s.cells {
		c := &s.cells[i]
		n, k := views[i].q[0], views[i].q[1]
		counts[i] = n
		switch {
		case c.withheld && !c.countPub:
			if n.lo == n.hi && n.lo > 0 {
				pinned = append(pinned, int32(i))
				continue
			}
			if n.hi >= 1 && n.lo < float64(s.minN) && !c.valuePub {
				lo, hi := k.lo/n.hi, 1.0
				if n.lo >= 1 {
					hi = math.Min(1, k.hi/n.lo)
				}
				if k.hi == 0 {
					hi = 0
				}
				// None not proficient: all are, whatever the count (the
				// district's 23 not proficient, all in one school's
				// shown group, leave every other group all proficient).
				if views[i].q[2].hi == 0 {
					lo = 1
				}
				if hi-lo < 0.01 {
					pinned = append(pinned, int32(i))
				}
			}
		case c.coded && c.countPub:
			// Still shown coded: all identities together must not give
			// it away either.
			if revealsCoded(k.lo, k.hi, c.n) {
				pinned = append(pinned, int32(i))
			}
		case c.wasCoded:
			if k.hi-k.lo < 1 {
				pinned = append(pinned, int32(i))
			}
		}
	}
	for _, e := range eqs {
		if e.countsOnly || e.id < 0 {
			continue
		}
		n, k := views[e.total].q[0], views[e.total].q[1]
		hidden := 0
		for _, m := range e.members {
			if int(m) >= len(s.cells) || !s.cells[m].valuePub {
				hidden++
				continue
			}
			x := views[m].q
			n = span{n.lo - x[0].hi, n.hi - x[0].lo}
			k = span{k.lo - x[1].hi, k.hi - x[1].lo}
		}
		if hidden == 0 || math.IsInf(n.hi, 0) {
			continue
		}
		if n.lo == n.hi && n.lo > 0 && n.lo < float64(s.minN) || n.lo > 0 && k.hi <= 0 || n.lo == n.hi && n.lo > 0 && k.lo >= n.hi {
			ids = append(ids, e.id)
		}
	}
	return pinned, ids, counts
}

// widen hides, for each pinned cell, the published member with the
// fewest students of an identity it belongs to, then lets the local rule
// run again; it repeats until nothing is pinned (or maxRounds). A cell is
// pinned when either reading of the percentages pins it: a reader who
// takes "≤5%" at face value works out numbers that are mostly right.
func (s *suppressor) widen() {
	for range maxRounds {
		// The two readings are independent and only read s: on two
		// cores at once (achievement's, the longest, is often the last
		// file left loading, with a core to spare).
		type reading struct {
			pinned, ids []int32
			counts      []span
		}
		var r [2]reading
		parallel.ForEach(2, func(i int) {
			r[i].pinned, r[i].ids, r[i].counts = s.pinnedCells(i == 1)
		})
		pinned, ids, counts := r[0].pinned, r[0].ids, r[0].counts
		facePinned, faceIDs, faceCounts := r[1].pinned, r[1].ids, r[1].counts
		known := make([]bool, len(counts))
		for i := range known {
			known[i] = counts[i].lo == counts[i].hi || faceCounts[i].lo == faceCounts[i].hi
		}
		pinned, ids = union(union(pinned, facePinned), s.determinedCells(known)), union(ids, faceIDs)
		pinned = union(union(pinned, s.boundedCells(counts)), s.boundedCells(faceCounts))
		if len(pinned)+len(ids) == 0 {
			return
		}
		var queue []int32
		for _, id := range ids {
			if cand := s.widenAt(id); cand >= 0 {
				s.because = s.protectedIn(id)
				s.hideCell(cand, &queue)
			}
		}
		for _, m := range pinned {
			cand := s.widenNear(m)
			if cand < 0 {
				cand = s.withinCandidate(m)
			}
			if cand >= 0 {
				s.because = m
				s.hideCell(cand, &queue)
			}
		}
		if len(queue) == 0 {
			return
		}
		s.drain(queue)
	}
}

// union returns the sorted indexes in a or b, each once.
func union(a, b []int32) []int32 {
	out := append(a, b...)
	slices.Sort(out)
	return slices.Compact(out)
}

// widenNear returns the cell to hide for pinned cell m: in the nearest
// identity that still has something to hide, nearest first along the
// identities m belongs to, then the identities those share a cell with,
// and so on. A cell can be pinned through identities it is not part of
// (a school's "all students" worked out from the district's, then one of
// its groups from that): when its own have nothing left to hide, the ones
// the derivation came through do. -1 when no identity it is connected to
// has anything left.
func (s *suppressor) widenNear(m int32) int32 {
	c := &s.cells[m]
	seen := map[int32]bool{}
	var queue []int32
	add := func(ids []int32) {
		for _, id := range ids {
			if !seen[id] {
				seen[id] = true
				queue = append(queue, id)
			}
		}
	}
	add(c.member)
	add(c.total)
	for len(queue) > 0 {
		id := queue[0]
		queue = queue[1:]
		in := &s.ids[id]
		if in.total >= 0 {
			if cand := s.widenAt(id); cand >= 0 {
				return cand
			}
			add(s.cells[in.total].member)
			add(s.cells[in.total].total)
		}
		for _, x := range in.members {
			add(s.cells[x].member)
			add(s.cells[x].total)
		}
	}
	return -1
}

// withinCandidate returns the cell to hide for pinned cell m when no
// identity has anything left to hide: what gives m away is then a group
// within all students at its place (suppressor.within) that is shown —
// 18 students in g3, so at least 18 in all, who are g0 and g1, each
// under 10: 9 and 9. It returns m itself while anything of it is shown;
// else the shown cell that within pairs with a cell nearest to m along
// the identities and those pairs (the fewest students at that
// distance); -1 when none is shown.
func (s *suppressor) withinCandidate(m int32) int32 {
	partlyShown := func(i int32) bool { c := &s.cells[i]; return !c.addedUp && (c.countPub || c.valuePub) }
	if partlyShown(m) {
		return m
	}
	if s.withinOf == nil {
		s.withinOf = make(map[int32][]int32, 2*len(s.within))
		for _, w := range s.within {
			s.withinOf[w[0]] = append(s.withinOf[w[0]], w[1])
			s.withinOf[w[1]] = append(s.withinOf[w[1]], w[0])
		}
	}
	seen := map[int32]bool{m: true}
	level := []int32{m}
	for len(level) > 0 {
		best := int32(-1)
		for _, x := range level {
			for _, o := range s.withinOf[x] {
				if partlyShown(o) && (best < 0 || s.countOrMax(o) < s.countOrMax(best)) {
					best = o
				}
			}
		}
		if best >= 0 {
			return best
		}
		var next []int32
		visit := func(c int32) {
			if c >= 0 && !seen[c] {
				seen[c] = true
				next = append(next, c)
			}
		}
		for _, x := range level {
			for _, ids := range [][]int32{s.cells[x].member, s.cells[x].total} {
				for _, id := range ids {
					visit(s.ids[id].total)
					for _, y := range s.ids[id].members {
						visit(y)
					}
				}
			}
			for _, o := range s.withinOf[x] {
				visit(o)
			}
		}
		level = next
	}
	return -1
}

// widenAt returns the cell to hide next in identity id: its published
// member with the fewest students, or when every member is hidden, its
// total (the total is then worked out no more).
func (s *suppressor) widenAt(id int32) int32 {
	cand := s.candidate(id, hideCount)
	if cand < 0 {
		cand = s.candidate(id, hideValue)
	}
	if cand < 0 {
		cand = s.shownTotal(id)
	}
	return cand
}
