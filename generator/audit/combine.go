package audit

import (
	"math/big"
	"slices"

	"github.com/folio-sites/folio/generator/internal/lp"
)

// Applying the identities one at a time (solve) is what subtraction by
// hand does along one identity. A reader can also add and subtract
// several at once: the district's rows for two groups less the other
// schools', and two schools' all-students rows less their shown groups,
// may leave one hidden group alone. fixedCounts finds every count such a
// combination gives, by Gauss–Jordan elimination over the rationals: the
// counts a reader does not know, as unknowns; every equation, as a linear
// relation between them with the known counts moved to the other side.
// A count is fixed when the reduced rows hold it alone; the row's other
// side is then its value.

// linear is Σ coef × count of variable = rhs, over unknown counts.
type linear struct {
	coef map[int]*big.Rat
	rhs  *big.Rat
}

// fixedCounts returns the variables whose count (qN) the equations, added
// and subtracted together, fix, with the count they give. known reports
// the variables whose count a reader knows, and what it is.
//
// Where the equations contradict each other (a combination of them reads
// 0 = 3), the numbers do not add up as the identities say, and a reader
// can tell: what the equations joined to that one give is no
// derivation, and is left out.
func (s *solver) fixedCounts(known func(v int) (float64, bool)) map[int]*big.Rat {
	basis := map[int]*linear{} // pivot variable → its row, fully reduced
	var pivots []int
	// joined groups the unknowns of each equation, so that a
	// contradiction marks all it is joined to.
	joined := joins{}
	contradicted := map[int]bool{}
	for _, e := range s.eqs {
		if e.within {
			continue // a bound, not an identity (its other term is no one's)
		}
		l := &linear{coef: map[int]*big.Rat{}, rhs: new(big.Rat)}
		term := func(v int, sign int64) {
			if n, ok := known(v); ok {
				l.rhs.Sub(l.rhs, new(big.Rat).Mul(big.NewRat(sign, 1), new(big.Rat).SetFloat64(n)))
				return
			}
			c, ok := l.coef[v]
			if !ok {
				c = new(big.Rat)
				l.coef[v] = c
			}
			c.Add(c, big.NewRat(sign, 1))
			if c.Sign() == 0 {
				delete(l.coef, v)
			}
		}
		term(e.total, 1)
		for _, m := range e.members {
			term(m, -1)
		}
		vars := sortedVars(l.coef)
		for _, v := range vars[min(1, len(vars)):] {
			joined.join(v, vars[0])
		}
		// Take out the pivots chosen so far (their rows hold no other).
		for _, p := range vars {
			if b, ok := basis[p]; ok {
				l.addScaled(new(big.Rat).Neg(l.coef[p]), b)
			}
		}
		if len(l.coef) == 0 {
			if l.rhs.Sign() != 0 && len(vars) > 0 {
				contradicted[vars[0]] = true
			}
			continue // nothing new, or numbers that do not add up
		}
		p := sortedVars(l.coef)[0]
		l.scale(new(big.Rat).Inv(l.coef[p]))
		for _, q := range pivots {
			if c, ok := basis[q].coef[p]; ok {
				basis[q].addScaled(new(big.Rat).Neg(c), l)
			}
		}
		basis[p] = l
		pivots = append(pivots, p)
	}
	bad := map[int]bool{}
	for v := range contradicted {
		bad[joined.root(v)] = true
	}
	fixed := map[int]*big.Rat{}
	for _, p := range pivots {
		if l := basis[p]; len(l.coef) == 1 && !bad[joined.root(p)] {
			fixed[p] = l.rhs
		}
	}
	return fixed
}

// joins is a union–find over variables: each maps to another of its
// group, a group's root to itself; a variable not in it is alone.
type joins map[int]int

// root returns the root of v's group, adding v alone if it is new.
func (j joins) root(v int) int {
	p, ok := j[v]
	if !ok || p == v {
		j[v] = v
		return v
	}
	r := j.root(p)
	j[v] = r
	return r
}

// join puts v's group and w's together.
func (j joins) join(v, w int) { j[j.root(v)] = j.root(w) }

// addScaled adds f × o to l.
func (l *linear) addScaled(f *big.Rat, o *linear) {
	for v, c := range o.coef {
		x, ok := l.coef[v]
		if !ok {
			x = new(big.Rat)
			l.coef[v] = x
		}
		x.Add(x, new(big.Rat).Mul(f, c))
		if x.Sign() == 0 {
			delete(l.coef, v)
		}
	}
	l.rhs.Add(l.rhs, new(big.Rat).Mul(f, o.rhs))
}

// scale multiplies l by f.
func (l *linear) scale(f *big.Rat) {
	for _, c := range l.coef {
		c.Mul(c, f)
	}
	l.rhs.Mul(l.rhs, f)
}

func sortedVars(m map[int]*big.Rat) []int {
	vs := make([]int, 0, len(m))
	for v := range m {
		vs = append(vs, v)
	}
	slices.Sort(vs)
	return vs
}

// The linear program takes the identities a reader is told hold: the
// declared families and the district's rows as its schools' sums. Not the
// inferred families (groups whose counts happen to add up to all
// students' in the file), which narrowing and elimination use: a program
// over them finds, in a district whose every number is hidden, counts
// that only sums no reader can see would give.

// boundedCounts returns the variables whose count (qN) the equations,
// added and subtracted together, and what a reader knows of every count
// (its bounds after solve: "fewer than 10" is 0 to 9), fix to one whole
// number, with that number: where no one identity narrows two hidden
// groups, but two together leave their sum, 18, and each is at most 9.
// known says which counts a reader knows, and want which to report.
func (s *solver) boundedCounts(known func(v int) (float64, bool), want func(v int) bool) map[int]float64 {
	fixed := map[int]float64{}
	eqs := s.linearEqs()
	for _, e := range s.eqs {
		if e.same {
			eqs = append(eqs, e)
		}
	}
	s.programs(eqs, s.bounds(qN), known, want, func(sys *lp.System, vars, wanted []int) {
		got, ok := sys.Fixed(wanted)
		if !ok {
			return
		}
		for i, n := range got {
			fixed[vars[i]] = n
		}
	})
	return fixed
}

// boundedShares narrows what a reader knows of the proficient (or
// favorable) counts (qK) to their least and greatest value over all the
// equations at once and every bound, where narrowing one equation at a
// time leaves them wider: the withheld groups of two schools whose
// proficient counts, added and subtracted across identities, leave 0.
// none reports the variables a reader knows to have no students (the
// district's rest where its rows are its schools' sums).
//
// A group within all students (its other students a term of their own,
// whose proficient are at most their count) joins the program where
// neither its proficient count nor all students' is known: two schools
// whose all students have 1 proficient between them have at most 1 in
// their groups, which the district's row may then need from a third. Where
// one of the two is known it is a bound on the other, which solve applied.
func (s *solver) boundedShares(none func(v int) bool) {
	known := func(v int) (float64, bool) {
		if none(v) {
			return 0, true
		}
		k := s.vars[v].q[qK]
		return k.lo, k.lo == k.hi
	}
	eqs := s.linearEqs()
	for _, e := range s.eqs {
		_, totalKnown := known(e.total)
		_, groupKnown := known(e.members[0])
		// (Not a bound of counts alone: no more respondents than
		// invited says nothing of favorable answers.)
		if e.within && !e.countsOnly && !totalKnown && !groupKnown {
			eqs = append(eqs, e)
		}
	}
	s.programs(eqs, s.bounds(qK), known, func(int) bool { return true }, func(sys *lp.System, vars, wanted []int) {
		lo, hi, ok := sys.Ranges(wanted)
		if !ok {
			return
		}
		for i, w := range wanted {
			s.tighten(&s.vars[vars[w]].q[qK], lo[i], hi[i])
		}
	})
}

// linearEqs are the equations the linear programs take: not the
// countsOnly ones (see above), nor within, which would join every group
// of a place (boundedShares takes those that join two unknowns).
func (s *solver) linearEqs() []equation {
	var eqs []equation
	for _, e := range s.eqs {
		if !e.countsOnly && !e.within {
			eqs = append(eqs, e)
		}
	}
	return eqs
}

// bounds returns quantity q's bounds as solve left them.
func (s *solver) bounds(q int) func(v int) span {
	return func(v int) span { return s.vars[v].q[q] }
}

// programs states the linear program of each group of unknowns that eqs
// join, with bounds, and gives it to solve with the variables its columns
// stand for and the columns want selects; a group with none, or larger
// than lp.MaxSize (left to solve and fixedCounts; suppression skips by
// the same measure), is skipped.
func (s *solver) programs(eqs []equation, bound func(v int) span, known func(v int) (float64, bool), want func(v int) bool, solve func(sys *lp.System, vars, wanted []int)) {
	joined := joins{}
	unknownVar := func(v int) bool { _, ok := known(v); return !ok }
	for _, e := range eqs {
		first := -1
		for _, v := range append([]int{e.total}, e.members...) {
			if !unknownVar(v) {
				continue
			}
			if first < 0 {
				first = joined.root(v)
				continue
			}
			joined.join(v, first)
		}
	}
	type group struct {
		vars []int
		eqs  []int
	}
	groups := map[int]*group{}
	var order []int
	at := func(v int) *group {
		r := joined.root(v)
		g, ok := groups[r]
		if !ok {
			g = &group{}
			groups[r] = g
			order = append(order, r)
		}
		return g
	}
	for v := range s.vars {
		if _, seen := joined[v]; seen {
			g := at(v)
			g.vars = append(g.vars, v)
		}
	}
	for i, e := range eqs {
		for _, v := range append([]int{e.total}, e.members...) {
			if unknownVar(v) {
				g := at(v)
				g.eqs = append(g.eqs, i)
				break
			}
		}
	}
	for _, r := range order {
		g := groups[r]
		local := make(map[int]int, len(g.vars))
		var wanted []int
		for i, v := range g.vars {
			local[v] = i
			if want(v) {
				wanted = append(wanted, i)
			}
		}
		if len(wanted) == 0 {
			continue
		}
		sys := lp.New(len(g.vars))
		for i, v := range g.vars {
			x := bound(v)
			sys.Bound(i, x.lo, x.hi)
		}
		for _, ei := range g.eqs {
			e := eqs[ei]
			terms := make([]lp.Term, 0, len(e.members)+1)
			rhs := 0.0
			add := func(v int, coef float64) {
				if n, ok := known(v); ok {
					rhs -= coef * n
				} else {
					terms = append(terms, lp.Term{Var: local[v], Coef: coef})
				}
			}
			add(e.total, 1)
			for _, m := range e.members {
				add(m, -1)
			}
			sys.Equal(terms, rhs)
		}
		if sys.Size() > lp.MaxSize {
			continue
		}
		solve(sys, g.vars, wanted)
	}
}

// credible drops the leaks at cells whose counts, as their labels give
// them (labels: before any narrowing), cannot satisfy the identities
// they are joined by: where the numbers visibly do not add up ("fewer
// than 10" at the district, "10 or more" at its one school), a reader can
// tell, and narrowing one identity at a time "derives" numbers that are
// false. Only the groups holding a leak are solved.
func (s *solver) credible(leaks []Leak, labels []span) []Leak {
	if len(leaks) == 0 {
		return leaks
	}
	at := map[int]bool{}
	for _, l := range leaks {
		at[l.at] = true
	}
	known := func(v int) (float64, bool) {
		n := labels[v]
		return n.lo, n.lo == n.hi
	}
	untrue := map[int]bool{}
	s.programs(s.eqs, func(v int) span { return labels[v] }, known, func(v int) bool { return at[v] }, func(sys *lp.System, vars, _ []int) {
		if _, ok := sys.Fixed(nil); !ok {
			for _, v := range vars {
				untrue[v] = true
			}
		}
	})
	kept := leaks[:0]
	for _, l := range leaks {
		if !untrue[l.at] {
			kept = append(kept, l)
		}
	}
	return kept
}

// labels returns every variable's count as its label gives it, before
// any narrowing.
func (s *solver) labels() []span {
	out := make([]span, len(s.vars))
	for i, v := range s.vars {
		out[i] = v.q[qN]
	}
	return out
}
