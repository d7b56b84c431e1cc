// Package lp finds how far linear equalities over bounded variables let
// a variable range: its least and greatest value over
// {x : A·x = b, lo ≤ x ≤ hi}, two linear programs solved by the simplex
// method. The privacy code asks it what a reader who adds and subtracts
// published identities, knowing what each label says of a number ("fewer
// than 10" is 0 to 9), can work out: every bound such a reader can reach
// is a combination of the equalities and the variables' own bounds, and
// linear programming finds the tightest (its duality theorem).
//
// It works in float64 on the small systems it is given (coefficients ±1,
// whole right-hand sides of at most a few million), with a tolerance of
// 1e-7, and uses Bland's rule, so it never cycles. It knows nothing of
// schools or students; package evidence and package audit each state
// their own identities to it.
package lp

import (
	"math"
	"slices"
)

// Term is one coefficient of an equality: Coef × variable Var.
type Term struct {
	Var  int
	Coef float64
}

// System is a set of linear equalities over variables with bounds. Its
// zero value has no variables; make one with New.
type System struct {
	lo, hi []float64
	eqs    []equality
}

type equality struct {
	terms []Term
	rhs   float64
}

// eps is the tolerance below which a number is taken for zero.
const eps = 1e-7

// New returns a system of n variables, each between 0 and +Inf until
// Bound says otherwise.
func New(n int) *System {
	s := &System{lo: make([]float64, n), hi: make([]float64, n)}
	for i := range s.hi {
		s.hi[i] = math.Inf(1)
	}
	return s
}

// Vars returns the number of variables.
func (s *System) Vars() int { return len(s.lo) }

// Bound sets variable v's bounds; lo must be finite, hi may be +Inf.
func (s *System) Bound(v int, lo, hi float64) {
	s.lo[v], s.hi[v] = lo, hi
}

// Equal adds the equality Σ terms = rhs.
func (s *System) Equal(terms []Term, rhs float64) {
	s.eqs = append(s.eqs, equality{append([]Term(nil), terms...), rhs})
}

// MaxSize is the largest Size a caller should solve: a tableau of 32 MB.
// Callers that must agree on which systems are solved (a check and what
// it checks) both skip a larger one.
const MaxSize = 4_000_000

// Size is the number of cells of the simplex tableau the system needs,
// by which a caller can decide whether a system is small enough to solve.
func (s *System) Size() int {
	rows, cols := len(s.eqs), len(s.lo)+len(s.eqs)
	for _, h := range s.hi {
		if !math.IsInf(h, 1) {
			rows++
			cols++
		}
	}
	return rows * (cols + 1)
}

// Fixed returns, of the variables in want, those that take one whole
// number only, over every x with whole or fractional values that
// satisfies the system, with that number: the least value rounded up and
// the greatest rounded down meet. It returns false when no x satisfies
// the system (the numbers do not add up), and then nothing is fixed.
//
// Each solution the simplex method passes through shows a value every
// variable can take; a variable seen at two values that hold two whole
// numbers between them is not fixed (the set of solutions is convex), so
// most variables need no program of their own.
func (s *System) Fixed(want []int) (map[int]float64, bool) {
	if len(s.eqs) <= 1 {
		lo, hi, ok := s.oneEquality()
		if !ok {
			return nil, false
		}
		fixed := map[int]float64{}
		for _, v := range want {
			if l, h := math.Ceil(lo[v]-eps), math.Floor(hi[v]+eps); l == h {
				fixed[v] = l
			}
		}
		return fixed, true
	}
	t, ok := s.tableau()
	if !ok {
		return nil, false
	}
	seenLo := make([]float64, len(s.lo))
	seenHi := make([]float64, len(s.lo))
	for v := range seenLo {
		seenLo[v], seenHi[v] = math.Inf(1), math.Inf(-1)
	}
	see := func() {
		for v := range s.lo {
			x := s.lo[v] + t.value(v)
			seenLo[v], seenHi[v] = min(seenLo[v], x), max(seenHi[v], x)
		}
	}
	varies := func(v int) bool {
		return math.Ceil(seenLo[v]-eps) < math.Floor(seenHi[v]+eps)
	}
	see()
	fixed := map[int]float64{}
	for _, v := range want {
		if varies(v) {
			continue
		}
		hi := math.Inf(1)
		if t.optimize(v, 1) {
			hi = s.lo[v] + t.value(v)
		}
		see()
		if varies(v) {
			continue
		}
		t.optimize(v, -1) // a minimum always exists: every variable is at least its lo
		lo := s.lo[v] + t.value(v)
		see()
		if l, h := math.Ceil(lo-eps), math.Floor(hi+eps); l == h {
			fixed[v] = l
		}
	}
	return fixed, true
}

// Ranges returns the least and greatest value of each variable of want
// over the system (greatest +Inf where it has no bound), in want's order.
// It returns false when no x satisfies the system.
func (s *System) Ranges(want []int) (lo, hi []float64, ok bool) {
	if len(s.eqs) <= 1 {
		all, allHi, ok := s.oneEquality()
		if !ok {
			return nil, nil, false
		}
		lo, hi = make([]float64, len(want)), make([]float64, len(want))
		for i, v := range want {
			lo[i], hi[i] = all[v], allHi[v]
		}
		return lo, hi, true
	}
	t, ok := s.tableau()
	if !ok {
		return nil, nil, false
	}
	// A variable seen at one of its own bounds in a solution the method
	// passed through needs no program for that end.
	atLo, atHi := make([]bool, len(s.lo)), make([]bool, len(s.lo))
	see := func() {
		for v := range s.lo {
			y := t.value(v)
			atLo[v] = atLo[v] || y <= eps
			atHi[v] = atHi[v] || s.lo[v]+y >= s.hi[v]-eps
		}
	}
	see()
	lo, hi = make([]float64, len(want)), make([]float64, len(want))
	for i, v := range want {
		hi[i] = s.hi[v]
		if !atHi[v] {
			hi[i] = math.Inf(1)
			if t.optimize(v, 1) {
				hi[i] = s.lo[v] + t.value(v)
			}
			see()
		}
		lo[i] = s.lo[v]
		if !atLo[v] {
			t.optimize(v, -1) // a minimum always exists: every variable is at least its lo
			lo[i] = s.lo[v] + t.value(v)
			see()
		}
	}
	return lo, hi, true
}

// oneEquality returns every variable's range over a system of at most
// one equality, without the simplex method: over one equality Σ c·x = r
// and the variables' own bounds, a variable ranges over r less what the
// others can sum to, divided by its coefficient, within its own bounds
// (interval arithmetic is exact here). Most systems privacy states are
// of this kind: a group within all students, a small group and the rest.
func (s *System) oneEquality() (lo, hi []float64, ok bool) {
	lo, hi = slices.Clone(s.lo), slices.Clone(s.hi)
	for v := range lo {
		if hi[v] < lo[v] {
			return nil, nil, false
		}
	}
	if len(s.eqs) == 0 {
		return lo, hi, true
	}
	e := s.eqs[0]
	coef := map[int]float64{}
	var vars []int
	for _, t := range e.terms {
		if _, seen := coef[t.Var]; !seen {
			vars = append(vars, t.Var)
		}
		coef[t.Var] += t.Coef
	}
	// The least and greatest each term c·x can be, and their sums, with
	// the infinite ends counted apart.
	termLo, termHi := make([]float64, len(vars)), make([]float64, len(vars))
	sumLo, sumHi, infLo, infHi := 0.0, 0.0, 0, 0
	for i, v := range vars {
		c := coef[v]
		a, b := c*s.lo[v], c*s.hi[v]
		if c == 0 {
			a, b = 0, 0
		}
		termLo[i], termHi[i] = min(a, b), max(a, b)
		if math.IsInf(termLo[i], -1) {
			infLo++
		} else {
			sumLo += termLo[i]
		}
		if math.IsInf(termHi[i], 1) {
			infHi++
		} else {
			sumHi += termHi[i]
		}
	}
	if infLo == 0 && e.rhs < sumLo-eps*(1+math.Abs(sumLo)) || infHi == 0 && e.rhs > sumHi+eps*(1+math.Abs(sumHi)) {
		return nil, nil, false
	}
	for i, v := range vars {
		c := coef[v]
		if c == 0 {
			continue
		}
		// What the other terms can sum to.
		othersLo, othersHi := math.Inf(-1), math.Inf(1)
		if infLo == 0 || infLo == 1 && math.IsInf(termLo[i], -1) {
			othersLo = sumLo
			if !math.IsInf(termLo[i], -1) {
				othersLo -= termLo[i]
			}
		}
		if infHi == 0 || infHi == 1 && math.IsInf(termHi[i], 1) {
			othersHi = sumHi
			if !math.IsInf(termHi[i], 1) {
				othersHi -= termHi[i]
			}
		}
		a, b := (e.rhs-othersHi)/c, (e.rhs-othersLo)/c
		lo[v] = max(lo[v], min(a, b))
		hi[v] = min(hi[v], max(a, b))
	}
	return lo, hi, true
}

// tableau is the simplex tableau of a system in the form the method
// needs: y = x − lo ≥ 0; each finite upper bound a row y + slack = hi −
// lo; each equality a row with the right-hand side made non-negative and
// an artificial variable, which phase one drives to zero.
type tableau struct {
	rows  [][]float64 // each: coefficients of every column, then the right-hand side
	basis []int       // the column basic in each row
	obj   []float64   // reduced costs of the objective being maximized
	nv    int         // columns [0, nv) are the variables y
	// columns from art on are artificial, and never enter the basis
	// after phase one.
	art int
}

// tableau builds the tableau and runs phase one; false when the system
// has no solution.
func (s *System) tableau() (*tableau, bool) {
	nv := len(s.lo)
	var upper []int
	for v, h := range s.hi {
		if h < s.lo[v] {
			return nil, false
		}
		if !math.IsInf(h, 1) {
			upper = append(upper, v)
		}
	}
	art := nv + len(upper)
	cols := art + len(s.eqs)
	t := &tableau{nv: nv, art: art}
	buf := make([]float64, (len(upper)+len(s.eqs))*(cols+1))
	row := func() []float64 {
		r := buf[: cols+1 : cols+1]
		buf = buf[cols+1:]
		return r
	}
	for i, v := range upper {
		r := row()
		r[v], r[nv+i], r[cols] = 1, 1, s.hi[v]-s.lo[v]
		t.rows = append(t.rows, r)
		t.basis = append(t.basis, nv+i)
	}
	first := len(t.rows)
	for i, e := range s.eqs {
		r := row()
		rhs := e.rhs
		for _, term := range e.terms {
			r[term.Var] += term.Coef
			rhs -= term.Coef * s.lo[term.Var]
		}
		if rhs < 0 {
			for c := range r {
				r[c] = -r[c]
			}
			rhs = -rhs
		}
		r[art+i], r[cols] = 1, rhs
		t.rows = append(t.rows, r)
		t.basis = append(t.basis, art+i)
	}
	// Phase one: maximize −Σ artificials. Its reduced costs are the sum
	// of the equality rows, off the artificial columns.
	t.obj = make([]float64, cols+1)
	for _, r := range t.rows[first:] {
		for c := range art {
			t.obj[c] += r[c]
		}
	}
	t.run(art)
	for i := first; i < len(t.rows); i++ {
		if t.basis[i] >= art && t.rows[i][cols] > eps*(1+math.Abs(t.rows[i][cols])) {
			return nil, false
		}
	}
	// Drive the artificials left in the basis (at zero) out of it, or
	// drop their row, which the others imply.
	for i := 0; i < len(t.rows); i++ {
		if t.basis[i] < art {
			continue
		}
		k := -1
		for c := range art {
			if math.Abs(t.rows[i][c]) > eps {
				k = c
				break
			}
		}
		if k < 0 {
			t.rows = append(t.rows[:i], t.rows[i+1:]...)
			t.basis = append(t.basis[:i], t.basis[i+1:]...)
			i--
			continue
		}
		t.pivot(i, k)
	}
	return t, true
}

// value is y_v at the tableau's current solution.
func (t *tableau) value(v int) float64 {
	for i, b := range t.basis {
		if b == v {
			return max(0, t.rows[i][len(t.rows[i])-1])
		}
	}
	return 0
}

// optimize maximizes dir × y_v from the current solution; it reports
// false when the maximum is unbounded.
func (t *tableau) optimize(v int, dir float64) bool {
	for c := range t.obj {
		t.obj[c] = 0
	}
	t.obj[v] = dir
	for i, b := range t.basis {
		if b == v {
			for c, x := range t.rows[i] {
				t.obj[c] -= dir * x
			}
		}
	}
	return t.run(t.art)
}

// run pivots until no column before limit improves the objective; it
// reports false when one improves it without bound. Bland's rule: the
// first improving column enters, and the row that limits it most (the
// one whose basic column comes first, among equals) leaves.
func (t *tableau) run(limit int) bool {
	rhs := len(t.obj) - 1
	for {
		k := -1
		for c := range limit {
			if t.obj[c] > eps {
				k = c
				break
			}
		}
		if k < 0 {
			return true
		}
		p, best := -1, math.Inf(1)
		for i, r := range t.rows {
			if r[k] <= eps {
				continue
			}
			ratio := r[rhs] / r[k]
			if p < 0 || ratio < best-eps || ratio <= best+eps && t.basis[i] < t.basis[p] {
				p, best = i, ratio
			}
		}
		if p < 0 {
			return false
		}
		t.pivot(p, k)
	}
}

// pivot makes column k basic in row p.
func (t *tableau) pivot(p, k int) {
	r := t.rows[p]
	f := 1 / r[k]
	for c := range r {
		r[c] *= f
	}
	r[k] = 1
	eliminate := func(o []float64) {
		g := o[k]
		if g == 0 {
			return
		}
		for c, x := range r {
			if x != 0 {
				o[c] -= g * x
			}
		}
		o[k] = 0
	}
	for i, o := range t.rows {
		if i != p {
			eliminate(o)
		}
	}
	eliminate(t.obj)
	t.basis[p] = k
}
