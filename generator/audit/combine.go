package audit

import (
	"math/big"
	"slices"
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
	// parent joins the unknowns of each equation (union–find), so that
	// a contradiction marks all it is joined to.
	parent := map[int]int{}
	var root func(v int) int
	root = func(v int) int {
		p, ok := parent[v]
		if !ok || p == v {
			parent[v] = v
			return v
		}
		r := root(p)
		parent[v] = r
		return r
	}
	contradicted := map[int]bool{}
	for _, e := range s.eqs {
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
			parent[root(v)] = root(vars[0])
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
		bad[root(v)] = true
	}
	fixed := map[int]*big.Rat{}
	for _, p := range pivots {
		if l := basis[p]; len(l.coef) == 1 && !bad[root(p)] {
			fixed[p] = l.rhs
		}
	}
	return fixed
}

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
