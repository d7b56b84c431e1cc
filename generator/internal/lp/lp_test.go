package lp

import (
	"math"
	"math/rand/v2"
	"testing"
)

// The example the privacy rules were missing: no one identity narrows a
// or b (c and d are "at least 10", without end), but the two added
// together leave a + b = 18, and each is "fewer than 10": both are 9.
func TestFixedThroughACombination(t *testing.T) {
	const a, b, c, d = 0, 1, 2, 3
	// system is a − d + c = 5 and b + d − c = sum − 5: a + b = sum.
	system := func(sum float64) *System {
		s := New(4)
		s.Bound(a, 0, 9)
		s.Bound(b, 0, 9)
		s.Bound(c, 10, math.Inf(1))
		s.Bound(d, 10, math.Inf(1))
		s.Equal([]Term{{a, 1}, {c, 1}, {d, -1}}, 5)
		s.Equal([]Term{{b, 1}, {c, -1}, {d, 1}}, sum-5)
		return s
	}
	fixed, ok := system(18).Fixed([]int{a, b, c, d})
	if !ok || len(fixed) != 2 || fixed[a] != 9 || fixed[b] != 9 {
		t.Fatalf("Fixed = %v, %v; want a = b = 9 and c, d free", fixed, ok)
	}
	// With 19 instead of 18, a + b would need one of them to be 10: the
	// numbers do not add up, and the system has no solution.
	if fixed, ok := system(19).Fixed([]int{a, b}); ok {
		t.Errorf("a + b = 19 with both at most 9: Fixed = %v, true; want no solution", fixed)
	}
	// With 17, neither is fixed (8 and 9, or 9 and 8).
	if fixed, ok := system(17).Fixed([]int{a, b}); !ok || len(fixed) != 0 {
		t.Errorf("a + b = 17: Fixed = %v, %v; want nothing fixed", fixed, ok)
	}
}

// Fixed and Ranges agree, on thousands of small random systems, with the
// range of each variable found without the simplex method: by visiting
// every vertex of the set of solutions (each variable at a bound or free,
// the free ones solved for), where a linear function takes its least and
// greatest value (trueRanges).
func TestFixedAgreesWithEveryVertex(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	coefs := []float64{-1, 0, 1, 1, -1, 2}
	checked, fixedSeen := 0, 0
	for range 4000 {
		n, m := 2+r.IntN(4), 1+r.IntN(3)
		s := New(n)
		x0 := make([]float64, n)
		for v := range n {
			lo := float64(r.IntN(4))
			hi := math.Inf(1)
			if r.IntN(10) < 7 {
				hi = lo + float64(r.IntN(6))
			}
			s.Bound(v, lo, hi)
			x0[v] = lo + float64(r.IntN(4))
			if x0[v] > hi {
				x0[v] = hi
			}
		}
		for range m {
			var terms []Term
			rhs := 0.0
			for v := range n {
				if c := coefs[r.IntN(len(coefs))]; c != 0 {
					terms = append(terms, Term{v, c})
					rhs += c * x0[v]
				}
			}
			if r.IntN(8) == 0 {
				rhs += float64(r.IntN(5) - 2) // perhaps no solution
			}
			s.Equal(terms, rhs)
		}
		solvable, fixed := agreesWithVertices(t, s)
		if solvable {
			checked++
		}
		fixedSeen += fixed
	}
	if checked < 2000 || fixedSeen < 1000 {
		t.Errorf("only %d solvable systems and %d fixed variables: the cases do not test much", checked, fixedSeen)
	}
}

// FuzzFixed: a system made from the fuzzer's bytes (two to five
// variables, one to three equalities with coefficients −2 to 2, bounds
// and right-hand sides of small whole numbers, solvable or not) gets from
// Fixed and Ranges what visiting its every vertex gives.
func FuzzFixed(f *testing.F) {
	f.Add([]byte{4, 2, 0, 9, 0, 9, 10, 255, 10, 255, 3, 2, 5, 1, 2, 1, 0, 4, 13})
	f.Add([]byte{3, 1, 1, 1, 1, 1, 1, 1, 2})
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, b []byte) {
		next := func() int {
			if len(b) == 0 {
				return 0
			}
			v := int(b[0])
			b = b[1:]
			return v
		}
		n, m := 2+next()%4, 1+next()%3
		s := New(n)
		for v := range n {
			lo, w := float64(next()%12), next()
			hi := math.Inf(1)
			if w < 200 {
				hi = lo + float64(w%12)
			}
			s.Bound(v, lo, hi)
		}
		for range m {
			var terms []Term
			for v := range n {
				if c := float64(next()%5 - 2); c != 0 {
					terms = append(terms, Term{v, c})
				}
			}
			s.Equal(terms, float64(next()%40-10))
		}
		agreesWithVertices(t, s)
	})
}

// agreesWithVertices checks Fixed and Ranges on every variable of s
// against trueRanges, and returns whether s has a solution and how many
// of its variables are fixed.
func agreesWithVertices(t *testing.T, s *System) (solvable bool, fixed int) {
	t.Helper()
	all := make([]int, len(s.lo))
	for v := range all {
		all[v] = v
	}
	got, ok := s.Fixed(all)
	lo, hi, feasible := trueRanges(s)
	if ok != feasible {
		t.Fatalf("system %+v: Fixed says solvable %v, the vertices %v", s, ok, feasible)
	}
	if !ok {
		return false, 0
	}
	rlo, rhi, rok := s.Ranges(all)
	for v := range all {
		if !rok || math.Abs(rlo[v]-lo[v]) > 1e-6 || math.IsInf(rhi[v], 1) != math.IsInf(hi[v], 1) || math.Abs(rhi[v]-hi[v]) > 1e-6 && !math.IsInf(hi[v], 1) {
			t.Fatalf("system %+v, variable %d: Ranges gives %v–%v (%v); its vertices range %v–%v", s, v, rlo[v], rhi[v], rok, lo[v], hi[v])
		}
		want, isFixed := 0.0, false
		if !math.IsInf(hi[v], 1) {
			l, h := math.Ceil(lo[v]-eps), math.Floor(hi[v]+eps)
			want, isFixed = l, l == h
		}
		if g, gotFixed := got[v]; gotFixed != isFixed || isFixed && g != want {
			t.Fatalf("system %+v, variable %d: Fixed gives %v (%v); its vertices range %v–%v", s, v, g, gotFixed, lo[v], hi[v])
		}
		if isFixed {
			fixed++
		}
	}
	return true, fixed
}

// trueRanges returns each variable's least and greatest value over s's
// solutions (+Inf where it has no bound), from their vertices, and
// whether there is any. An infinite bound is visited capped, at 1,000 and
// at 2,000: every vertex of the true set is one of a capped set's, and
// every point of a capped set lies in the true set, so a greatest value
// that does not move with the cap is the true one, and one that moves
// has no bound.
func trueRanges(s *System) (lo, hi []float64, ok bool) {
	lo, hi, ok = vertexRanges(s, 1000)
	_, hi2, _ := vertexRanges(s, 2000)
	for v := range hi {
		if hi2[v] > hi[v]+1e-6 {
			hi[v] = math.Inf(1)
		}
	}
	return lo, hi, ok
}

// vertexRanges returns each variable's least and greatest value over the
// vertices of s's solutions with infinite bounds capped at limit, and
// whether there is any.
func vertexRanges(s *System, limit float64) (lo, hi []float64, ok bool) {
	n := len(s.lo)
	bound := func(v int, upper bool) float64 {
		if !upper {
			return s.lo[v]
		}
		return math.Min(s.hi[v], limit)
	}
	lo, hi = make([]float64, n), make([]float64, n)
	for v := range n {
		lo[v], hi[v] = math.Inf(1), math.Inf(-1)
	}
	choice := make([]int, n) // 0 at lo, 1 at hi, 2 free
	var visit func(v int)
	visit = func(v int) {
		if v < n {
			for c := range 3 {
				choice[v] = c
				visit(v + 1)
			}
			return
		}
		x, unique := solveFree(s, choice, bound)
		if !unique {
			return
		}
		for v := range n {
			if x[v] < s.lo[v]-1e-9 || x[v] > math.Min(s.hi[v], limit)+1e-9 {
				return
			}
		}
		ok = true
		for v := range n {
			lo[v], hi[v] = math.Min(lo[v], x[v]), math.Max(hi[v], x[v])
		}
	}
	visit(0)
	return lo, hi, ok
}

// solveFree puts each variable that choice does not leave free at its
// bound and solves the equalities for the free ones by Gauss–Jordan
// elimination; false unless that gives exactly one solution.
func solveFree(s *System, choice []int, bound func(int, bool) float64) ([]float64, bool) {
	n := len(s.lo)
	x := make([]float64, n)
	var free []int
	for v, c := range choice {
		if c == 2 {
			free = append(free, v)
		} else {
			x[v] = bound(v, c == 1)
		}
	}
	a := make([][]float64, len(s.eqs))
	for i, e := range s.eqs {
		a[i] = make([]float64, len(free)+1)
		a[i][len(free)] = e.rhs
		for _, term := range e.terms {
			if choice[term.Var] == 2 {
				for j, f := range free {
					if f == term.Var {
						a[i][j] += term.Coef
					}
				}
			} else {
				a[i][len(free)] -= term.Coef * x[term.Var]
			}
		}
	}
	row := 0
	for j := range free {
		p := -1
		for i := row; i < len(a); i++ {
			if math.Abs(a[i][j]) > 1e-9 {
				p = i
				break
			}
		}
		if p < 0 {
			return nil, false // a free variable the equalities do not fix
		}
		a[row], a[p] = a[p], a[row]
		f := a[row][j]
		for c := range a[row] {
			a[row][c] /= f
		}
		for i := range a {
			if i != row && a[i][j] != 0 {
				g := a[i][j]
				for c := range a[i] {
					a[i][c] -= g * a[row][c]
				}
			}
		}
		row++
	}
	for i := row; i < len(a); i++ {
		if math.Abs(a[i][len(free)]) > 1e-9 {
			return nil, false // the equalities contradict each other here
		}
	}
	for j, v := range free {
		x[v] = a[j][len(free)]
	}
	return x, true
}

// TestLargeSystemsHoldTheirSolution: on tables of 200 schools by 5
// groups, whose rows and columns add up (a school's groups to its total,
// a group's schools to the district's), with each cell known only as
// "fewer than 10" or "at least 10", every range Ranges gives holds the
// numbers the table was made from, and so does every value Fixed gives:
// the float arithmetic of programs this size derives nothing false.
func TestLargeSystemsHoldTheirSolution(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	for trial := range 3 {
		schools, groups := 200, 5
		n := schools * groups
		x := make([]float64, n)
		s := New(n)
		for v := range x {
			x[v] = float64(r.IntN(40))
			if r.IntN(3) == 0 {
				x[v] = float64(r.IntN(10))
			}
			if x[v] < 10 {
				s.Bound(v, 0, 9)
			} else {
				s.Bound(v, 10, math.Inf(1))
			}
		}
		for sc := range schools {
			var terms []Term
			sum := 0.0
			for g := range groups {
				terms = append(terms, Term{sc*groups + g, 1})
				sum += x[sc*groups+g]
			}
			s.Equal(terms, sum)
		}
		for g := range groups {
			var terms []Term
			sum := 0.0
			for sc := range schools {
				terms = append(terms, Term{sc*groups + g, 1})
				sum += x[sc*groups+g]
			}
			s.Equal(terms, sum)
		}
		all := make([]int, n)
		for v := range all {
			all[v] = v
		}
		lo, hi, ok := s.Ranges(all)
		if !ok {
			t.Fatalf("trial %d: no solution, though the table is one", trial)
		}
		narrowed := 0
		for v := range all {
			if x[v] < lo[v]-1e-6 || x[v] > hi[v]+1e-6 {
				t.Fatalf("trial %d: cell %d is %v, outside the range %v–%v", trial, v, x[v], lo[v], hi[v])
			}
			if (x[v] < 10 && (lo[v] > 0 || hi[v] < 9)) || (x[v] >= 10 && (lo[v] > 10 || !math.IsInf(hi[v], 1))) {
				narrowed++
			}
		}
		fixed, ok := s.Fixed(all)
		if !ok {
			t.Fatalf("trial %d: Fixed finds no solution", trial)
		}
		for v, f := range fixed {
			if f != x[v] {
				t.Fatalf("trial %d: Fixed gives cell %d as %v; it is %v", trial, v, f, x[v])
			}
		}
		if narrowed == 0 {
			t.Errorf("trial %d: no range narrower than the cells' own bounds: the case tests little", trial)
		}
	}
}
