package evidence

import (
	"math"
	"math/bits"
	"slices"

	"github.com/folio-sites/folio/generator/internal/lp"
)

// Narrowing along the identities (bounds.go) applies one identity at a
// time. A reader can also add and subtract several at once: at two
// schools whose small groups are hidden in pairs, the district's rows
// for two groups less the other schools' give the two schools' hidden
// groups together, and each school's all-students row less its shown
// groups gives its hidden ones together; where the hidden cells form no
// closed loop across schools and groups, the sums and differences leave
// one of them alone. determinedCells finds every withheld count that
// such a combination fixes, whatever the combination: the cells whose
// count lies in the span of the identities over the unpublished counts
// (Gaussian elimination). It looks only at which counts are published,
// not at their values, so it finds what any set of numbers in those
// places would give away.

// modulus is the prime 2⁶¹−1: elimination is done modulo it, where
// numbers never grow. A combination that fixes a count over the rationals
// fixes it modulo the prime too unless the prime divides one of a few
// determinants of small whole numbers, which for a prime this large does
// not happen in practice; the build's independent audit, which works
// over the rationals, would stop the build if it ever did.
const modulus = 1<<61 - 1

func addMod(a, b uint64) uint64 {
	s := a + b
	if s >= modulus {
		s -= modulus
	}
	return s
}

func mulMod(a, b uint64) uint64 {
	hi, lo := bits.Mul64(a, b)
	// a·b = hi·2⁶⁴ + lo, and 2⁶¹ ≡ 1.
	r := (lo & modulus) + (lo >> 61) + (hi << 3)
	for r >= modulus {
		r -= modulus
	}
	return r
}

// invMod is a⁻¹ modulo the prime (a ≠ 0), by Fermat's little theorem.
func invMod(a uint64) uint64 {
	result, base, e := uint64(1), a, uint64(modulus-2)
	for e > 0 {
		if e&1 == 1 {
			result = mulMod(result, base)
		}
		base = mulMod(base, base)
		e >>= 1
	}
	return result
}

// term is one coefficient of a sparse row: coef × the count of cell.
type term struct {
	cell int32
	coef uint64
}

// row is a sparse linear combination of unpublished counts, sorted by
// cell.
type row []term

// addScaled returns r + f·o, dropping the terms that cancel.
func (r row) addScaled(f uint64, o row) row {
	out := make(row, 0, len(r)+len(o))
	i, j := 0, 0
	for i < len(r) || j < len(o) {
		switch {
		case j == len(o) || i < len(r) && r[i].cell < o[j].cell:
			out = append(out, r[i])
			i++
		case i == len(r) || o[j].cell < r[i].cell:
			out = append(out, term{o[j].cell, mulMod(f, o[j].coef)})
			j++
		default:
			if c := addMod(r[i].coef, mulMod(f, o[j].coef)); c != 0 {
				out = append(out, term{r[i].cell, c})
			}
			i++
			j++
		}
	}
	return out
}

// determinedCells returns the withheld cells (small groups, and counts
// suppressed at the source) whose count the identities a reader takes to
// hold (identity.asRead), added and subtracted together, fix, in index
// order. known marks the cells whose
// count a reader knows all the same, from narrowing (pinnedCells).
func (s *suppressor) determinedCells(known []bool) []int32 {
	unpublished := func(i int32) bool { return !s.cells[i].countPub && !known[i] }
	var rows []row
	for id := range s.ids {
		in := &s.ids[id]
		if in.total < 0 || !in.asRead {
			continue // a term no reader knows: it fixes nothing but that term
		}
		// total − Σ members, over the unpublished counts only.
		var r row
		if unpublished(in.total) {
			r = append(r, term{in.total, 1})
		}
		for _, m := range in.members {
			if unpublished(m) {
				r = append(r, term{m, modulus - 1})
			}
		}
		if len(r) == 0 {
			continue
		}
		slices.SortFunc(r, func(a, b term) int { return int(a.cell - b.cell) })
		r = r.merged()
		rows = append(rows, r)
	}
	basis := reduce(rows)
	var out []int32
	for _, r := range basis {
		if len(r) == 1 && s.cells[r[0].cell].withheld {
			out = append(out, r[0].cell)
		}
	}
	slices.Sort(out)
	return out
}

// merged adds up the terms of a sorted row that name one cell twice.
func (r row) merged() row {
	out := r[:0]
	for _, t := range r {
		if n := len(out); n > 0 && out[n-1].cell == t.cell {
			out[n-1].coef = addMod(out[n-1].coef, t.coef)
			if out[n-1].coef == 0 {
				out = out[:n-1]
			}
			continue
		}
		out = append(out, t)
	}
	return out
}

// reduce returns the reduced row echelon form of rows: each row of the
// result has a pivot cell with coefficient 1 that no other row holds. A
// cell is fixed by the rows exactly when a row of the result holds it
// alone.
func reduce(rows []row) []row {
	var basis []row
	pivotOf := map[int32]int{} // cell → the basis row pivoting on it
	for _, r := range rows {
		// Take out the pivots already chosen, earliest row first: a row
		// holds no pivot of the rows before it, so taking one out brings
		// back none taken out already.
		for {
			at, first := -1, len(basis)
			for i, t := range r {
				if p, ok := pivotOf[t.cell]; ok && p < first {
					at, first = i, p
				}
			}
			if at < 0 {
				break
			}
			r = r.addScaled(modulus-r[at].coef, basis[first])
		}
		if len(r) == 0 {
			continue
		}
		inv := invMod(r[0].coef)
		for i := range r {
			r[i].coef = mulMod(r[i].coef, inv)
		}
		pivotOf[r[0].cell] = len(basis)
		basis = append(basis, r)
	}
	// Back substitution, latest first: a row then holds no later pivot.
	for i := len(basis) - 1; i >= 0; i-- {
		r := basis[i]
		for {
			at := -1
			for j, t := range r {
				if p, ok := pivotOf[t.cell]; ok && p != i {
					at = j
					break
				}
			}
			if at < 0 {
				break
			}
			r = r.addScaled(modulus-r[at].coef, basis[pivotOf[r[at].cell]])
		}
		basis[i] = r
	}
	return basis
}

// boundedCells returns the withheld cells whose count the identities,
// added and subtracted together, and what a reader knows of every count
// (counts: after narrowing, "fewer than 10" is 0 to 9), fix to one whole
// number above 0, in index order: where no identity narrows two hidden
// groups, but several together leave their sum, 18, and each is at most
// 9. For each group of unknown counts joined by the identities, it finds
// the least and greatest value of each such count by linear programming
// (package lp). Groups whose numbers do not add up tell a reader nothing.
//
// A group whose program is larger than lp.MaxSize is left to narrowing
// and determinedCells (the README says so): in a district with two small
// groups hidden at every school, joined by the district's rows, the
// proficient counts of more than about 250 schools (0.2 s at 200), the
// counts of more than about 450. The audit states at least as many
// unknowns for the same group (a term for each row a school lacks, and
// one for the district's schools the site does not list) and skips by
// the same measure, so it does not solve a group this side skipped.
func (s *suppressor) boundedCells(counts []span) []int32 {
	known := func(i int32) bool {
		return int(i) < len(s.cells) && (s.cells[i].countPub || counts[i].lo == counts[i].hi)
	}
	value := func(i int32) float64 {
		if c := &s.cells[i]; c.countPub {
			return float64(c.n)
		}
		return counts[i].lo
	}
	// An identity with members a reader sees no row for has one more
	// unknown, their count, from len(s.cells) on; asRead drops it where
	// a reader takes the identity to hold without it (identity.asRead).
	// Where that reading is visibly false (a group's program has no
	// solution), the group is solved with every such unknown (relaxed).
	var asRead, relaxed [][]int32
	next := int32(len(s.cells))
	for _, in := range s.ids {
		if in.total < 0 || in.countsOnly && !in.acrossFacets {
			continue // a term no reader knows, or an inferred family (see the audit's boundedCounts)
		}
		terms := append([]int32{in.total}, in.members...)
		if !in.gap {
			asRead, relaxed = append(asRead, terms), append(relaxed, terms)
			continue
		}
		withGap := append(terms[:len(terms):len(terms)], next)
		next++
		relaxed = append(relaxed, withGap)
		if in.asRead {
			asRead = append(asRead, terms)
		} else {
			asRead = append(asRead, withGap)
		}
	}
	bound := func(i int32) span {
		if int(i) < len(s.cells) {
			return counts[i]
		}
		return span{0, math.Inf(1)}
	}
	var out []int32
	for _, g := range joinedGroups(next, relaxed, func(i int32) bool { return !known(i) }) {
		var want []int
		for i, v := range g.vars {
			if int(v) < len(s.cells) && s.cells[v].withheld {
				want = append(want, i)
			}
		}
		if len(want) == 0 {
			continue
		}
		sys := g.program(relaxed, bound, value)
		if sys.Size() > lp.MaxSize {
			continue
		}
		fixed, ok := g.program(asRead, bound, value).Fixed(want)
		if !ok {
			fixed, ok = sys.Fixed(want)
		}
		if !ok {
			continue
		}
		for i, n := range fixed {
			if n > 0 {
				out = append(out, g.vars[i])
			}
		}
	}
	slices.Sort(out)
	return out
}

// tightenShares narrows the proficient (or favorable) counts of views to
// their least and greatest value over all the equations at once and every
// bound, where narrowing one equation at a time leaves them wider: two
// schools' withheld groups whose proficient counts, added and subtracted
// across identities, leave 0. Like boundedCells, it solves a linear
// program for each group of unknowns the equations join (inferred
// families left out). Views from cells on are the members a reader sees
// no row for, none where the identity is read as written (as in
// determinedCells) unless that reading is visibly false (the group's
// program has no solution: see boundedCells). A group within all
// students (its other students a view of their own) joins a program only
// where neither proficient count is known: where one is, it bounds the
// other, which narrowing (pinnedCells) applied, and joining every group
// of every place cost more than all the rest of loading; the audit's
// boundedShares takes the same ones.
func tightenShares(views []view, eqs []eq, cells int32) {
	unknown := func(i int32) bool { k := views[i].q[1]; return k.lo != k.hi }
	var asRead, relaxed [][]int32
	for _, e := range eqs {
		if e.countsOnly || !unknown(e.total) && !slices.ContainsFunc(e.members, unknown) {
			continue // nothing to narrow
		}
		if e.id < 0 && !(unknown(e.total) && unknown(e.members[0])) {
			continue // a bound on the one unknown, which narrowing applied
		}
		ts := append([]int32{e.total}, e.members...)
		relaxed = append(relaxed, ts)
		if e.asRead && ts[len(ts)-1] >= cells {
			ts = ts[:len(ts)-1]
		}
		asRead = append(asRead, ts)
	}
	share := func(i int32) span { return views[i].q[1] }
	value := func(i int32) float64 { return share(i).lo }
	for _, g := range joinedGroups(int32(len(views)), relaxed, unknown) {
		all := make([]int, len(g.vars))
		for i := range all {
			all[i] = i
		}
		sys := g.program(relaxed, share, value)
		if sys.Size() > lp.MaxSize {
			continue // see boundedCells
		}
		lo, hi, ok := g.program(asRead, share, value).Ranges(all)
		if !ok {
			lo, hi, ok = sys.Ranges(all)
		}
		if !ok {
			continue
		}
		for i, v := range g.vars {
			views[v].q[1].narrow(lo[i], hi[i])
		}
	}
}

// joined is one group of unknowns that equations join, with the
// equations that hold them.
type joined struct {
	vars []int32
	eqs  []int
}

// joinedGroups splits the unknowns among size terms into the groups the
// equations join (each equation is its terms, the total first), in the
// order they first appear.
func joinedGroups(size int32, eqs [][]int32, unknown func(int32) bool) []*joined {
	parent := make([]int32, size)
	for i := range parent {
		parent[i] = int32(i)
	}
	root := func(i int32) int32 {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	for _, e := range eqs {
		first := int32(-1)
		for _, v := range e {
			if !unknown(v) {
				continue
			}
			if first < 0 {
				first = root(v)
			} else {
				parent[root(v)] = first
			}
		}
	}
	groups := map[int32]*joined{}
	var order []*joined
	seen := make([]bool, size)
	for i, e := range eqs {
		counted := false
		for _, v := range e {
			if !unknown(v) {
				continue
			}
			g := groups[root(v)]
			if g == nil {
				g = &joined{}
				groups[root(v)] = g
				order = append(order, g)
			}
			if !counted {
				g.eqs = append(g.eqs, i)
				counted = true
			}
			if !seen[v] {
				seen[v] = true
				g.vars = append(g.vars, v)
			}
		}
	}
	return order
}

// program states g's linear program: each unknown between its bounds,
// and each of its equations, total − Σ members = 0, with the terms a
// reader knows (value) moved to the right-hand side.
func (g *joined) program(eqs [][]int32, bounds func(int32) span, value func(int32) float64) *lp.System {
	local := make(map[int32]int, len(g.vars))
	sys := lp.New(len(g.vars))
	for i, v := range g.vars {
		local[v] = i
		b := bounds(v)
		sys.Bound(i, b.lo, b.hi)
	}
	for _, ei := range g.eqs {
		var terms []lp.Term
		rhs := 0.0
		for j, v := range eqs[ei] {
			coef := -1.0
			if j == 0 {
				coef = 1
			}
			if i, ok := local[v]; ok {
				terms = append(terms, lp.Term{Var: i, Coef: coef})
			} else {
				rhs -= coef * value(v)
			}
		}
		sys.Equal(terms, rhs)
	}
	return sys
}
