// Package audit checks, after suppression and independently of it, that
// no value folio is about to publish can be combined with the others to
// give away what suppression withheld. It is a second pair of eyes: it
// shares no code with package evidence's suppression, reads only the
// values that will be published (and the identities between them), and
// reasons as a careful reader with a calculator would. Read takes those
// values from the evidence through their accessors into Published, the
// audit's own account of what a reader sees; a test can fill one from a
// built site instead.
//
// Every value is an interval of whole numbers: a group's count N, its
// proficient students (or favorable answers) K, and for trust the sum of
// the ratings S (mean × respondents, the mean read at the precision the
// file gives it: "3.1" is 3.05 to 3.15). A published count is exact; a
// published percentage gives K within its rounding; a coded one ("≥95%")
// a range, read at face value and, in a second pass, at the precision of
// the other percentages (see reading); a suppressed one what its label
// says ("fewer than 10": N from
// 0 to 9; "suppressed to protect a small group": at least the minimum).
// The identities — all students = the members of each family (declared
// or inferred) at one place, year and subject; the district = its schools
// (achievement, wherever the district has a row; trust, for the slices
// where the district's respondents are its schools' sum) — are applied
// as sums and differences of the bounds, again and again until nothing
// narrows. A member with no row is an unknown of its own.
//
// A leak is then: the count of a group suppressed as small (or at the
// source) known exactly and above 0; its percentage (or mean) known to
// within half a point; a coded percentage known to within half a point;
// or a withheld trust mean in a total whose ratings are all at one end
// of the scale (see atScaleEnds). Applying one identity at a time is
// what subtraction by hand does; a reader can also add and subtract
// several at once, so the audit then solves all of them together as a
// linear system over the rationals (combine.go): a withheld count that
// system fixes is a leak too.
package audit

import (
	"cmp"
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/folio-sites/folio/generator"
	"github.com/folio-sites/folio/generator/evidence"
	"github.com/folio-sites/folio/generator/internal/lp"
	"github.com/folio-sites/folio/generator/internal/parallel"
)

// Leak is a withheld value that can be worked out from published ones.
type Leak struct {
	Pos generator.Pos
	// What names the cell: "lincoln-middle 2024-25 math black".
	What string
	// Derived says what can be worked out: "count 4", "percentage 0.0–0.0".
	Derived string
	// at is the solver's variable of the cell.
	at int
}

func (l Leak) String() string { return l.Pos.String() + ": " + l.What + ": " + l.Derived }

// Check audits the evidence as it will be published and returns every
// leak found, in file order.
func Check(ev *evidence.Data) []Leak { return Read(ev).Leaks() }

// Leaks returns every leak found in what is published, in file order.
func (p *Published) Leaks() []Leak {
	// The two files are audited apart from each other, under each reading
	// of the percentages, each on a core.
	var found [4][]Leak
	parallel.ForEach(len(found), func(i int) {
		r := reading(i % 2)
		switch {
		case i < 2 && p.Achievement != nil:
			found[i] = checkAchievement(p.Achievement, r)
		case i >= 2 && p.Trust != nil:
			found[i] = checkTrust(p.Trust, r)
		}
	})
	var leaks []Leak
	seen := map[Leak]bool{}
	for _, ls := range found {
		for _, l := range ls {
			if !seen[l] {
				seen[l] = true
				leaks = append(leaks, l)
			}
		}
	}
	slices.SortStableFunc(leaks, func(a, b Leak) int {
		if a.Pos.File != b.Pos.File {
			return strings.Compare(a.Pos.File, b.Pos.File)
		}
		return a.Pos.Line - b.Pos.Line
	})
	return leaks
}

// reading is how a reader takes a percentage. folio codes the value as
// the source rounded it, so "≤5%" may stand for 6 of 119 (5.04%, read as
// 5.0): at face value it is at most 5 students, at the precision it was
// written with (one decimal) anything that would read 5.0 or less. And
// pages show every percentage to one decimal, so a "44" in the file
// (43.67%) is shown as 44.0%: as shown, within 0.05; at the precision it
// was written with, within 0.5 (Value.Rounding). A reader may take them
// either way, and neither may give anything away: a reader at face value
// works out numbers that are mostly right.
type reading int

const (
	atPrecision reading = iota
	atFaceValue
)

// span is a closed interval of whole numbers; hi may be +Inf.
type span struct{ lo, hi float64 }

func exact(v float64) span { return span{v, v} }

var unknown = span{0, math.Inf(1)}

// quantities of a cell: count, value as a count, sum of ratings, and
// the count less the value (students not proficient, answers not
// favorable), which adds up along every identity as the first two do.
const (
	qN = iota
	qK
	qS
	qM
	nq
)

// variable is one cell (or one gap: a member with no row).
type variable struct {
	q   [nq]span
	ids []int
	// coupled says the reader bounds K by S and S by K at the solver's
	// cutoff here (trust only; see agreeing).
	coupled bool
}

// equation is total = Σ members over the quantities in use (or over
// counts alone).
type equation struct {
	total      int
	members    []int
	countsOnly bool
	// within marks total ≥ the first member, as total = member + a term
	// no reader knows: a subgroup within its place's all students.
	// Narrowing uses it; it is no identity whose members are judged
	// together, and the linear programs take it only where it joins two
	// unknowns (boundedShares): all of them would join every group of a
	// place.
	within bool
	// same marks a count equal to another's (one group's in two facets
	// or subjects): counts only, and taken by the programs over counts
	// (boundedCounts), where honesty's district less openness's pins a
	// school whose count differs between them.
	same bool
}

// solver narrows the variables along the equations until nothing changes.
type solver struct {
	// reading says how percentages are read; at face value, an equation whose
	// numbers do not add up narrows nothing (the reading at the published
	// precision, which always adds up, shows what it gives away).
	reading reading
	vars    []variable
	eqs     []equation
	// quantities in use: qN, qK and qM, and qS for trust.
	used []int
	// scale bounds each rating, for S (trust only).
	scaleMin, scaleMax float64
	trust              bool
	// cutoff is the answer from which the reader counts answers
	// favorable (trust only, on the scale as the solver reads it): K
	// answers from it to the top and the others below it bound S, and
	// S bounds K (see favorable).
	cutoff float64
	// contradictions counts the narrowings refused as the numbers did
	// not add up (see tighten).
	contradictions int
}

func (s *solver) add(v span, k span, sum span) int {
	s.vars = append(s.vars, variable{q: [nq]span{whole(v), whole(k), whole(sum), unknown}})
	return len(s.vars) - 1
}

func (s *solver) gap() int {
	return s.add(unknown, unknown, unknown)
}

func (s *solver) equate(total int, members []int, countsOnly bool) {
	if len(members) == 0 {
		return
	}
	e := len(s.eqs)
	s.eqs = append(s.eqs, equation{total: total, members: members, countsOnly: countsOnly})
	s.vars[total].ids = append(s.vars[total].ids, e)
	for _, m := range members {
		s.vars[m].ids = append(s.vars[m].ids, e)
	}
}

// whole rounds x inward to whole numbers, or outward if no whole number
// lies inside (a percentage of a fictional count).
func whole(x span) span {
	lo, hi := math.Ceil(x.lo-1e-6), math.Floor(x.hi+1e-6)
	if lo > hi {
		return span{math.Floor(x.lo), math.Ceil(x.hi)}
	}
	return span{lo, hi}
}

// tighten sets x to x ∩ [lo, hi], rounded to whole numbers, and reports
// whether it narrowed.
func (s *solver) tighten(x *span, lo, hi float64) bool {
	lo, hi = math.Ceil(lo-1e-6), math.Floor(hi+1e-6)
	if max(lo, x.lo) > min(hi, x.hi) {
		// The numbers do not add up here: at face value, where rounding
		// shows, or because the data does not (a family whose counts are
		// not all students'). The identity then tells a reader nothing.
		s.contradictions++
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

// own applies a cell's own relations: 0 ≤ K ≤ N, M = N − K, scale
// bounds of S.
func (s *solver) own(v *variable) bool {
	n, k, m := &v.q[qN], &v.q[qK], &v.q[qM]
	changed := s.tighten(k, 0, n.hi)
	changed = s.tighten(n, math.Max(k.lo, 0), math.Inf(1)) || changed
	changed = s.tighten(m, n.lo-k.hi, n.hi-k.lo) || changed
	changed = s.tighten(n, k.lo+m.lo, k.hi+m.hi) || changed
	changed = s.tighten(k, n.lo-m.hi, n.hi-m.lo) || changed
	if s.trust {
		sum := &v.q[qS]
		changed = s.tighten(sum, s.scaleMin*n.lo, s.scaleMax*n.hi) || changed
		if s.scaleMin > 0 {
			changed = s.tighten(n, sum.lo/s.scaleMax, sum.hi/s.scaleMin) || changed
		} else if s.scaleMax > 0 {
			changed = s.tighten(n, sum.lo/s.scaleMax, math.Inf(1)) || changed
		}
	}
	if s.trust && v.coupled {
		n, k, sum := &v.q[qN], &v.q[qK], &v.q[qS]
		klo, khi := s.favorable(*n, *sum)
		changed = s.tighten(k, klo, khi) || changed
		// K answers of at least the cutoff and N − K of at least the
		// bottom; K of at most the top and N − K of one below the cutoff.
		t := s.cutoff
		changed = s.tighten(sum, n.lo*s.scaleMin+k.lo*(t-s.scaleMin), times(n.hi, t-1)+k.hi*(s.scaleMax-t+1)) || changed
	}
	return changed
}

// favorable is what a sum of ratings sum of n respondents says of their
// favorable answers, counted from the solver's cutoff up: each favorable
// answer is the cutoff to the top, each other the bottom to one below the
// cutoff. "5.75" of 100 on 1 to 6 is at most 575 points: at most 95
// answers of 6, at least 92 of 4 or more.
func (s *solver) favorable(n, sum span) (lo, hi float64) {
	t := s.cutoff
	return (sum.lo - times(n.hi, t-1)) / (s.scaleMax - t + 1), (sum.hi - times(n.lo, s.scaleMin)) / (t - s.scaleMin)
}

// solveCoupled solves the trust equations with favorable answers and
// ratings bounding each other where the rows agree with the cutoff (see
// couple). Where that leads to numbers that do not add up, where the
// equations alone did not, the reader learns that the survey does not
// count favorable from the cutoff, and nothing else from it: the
// equations are solved without it.
// start is every variable as stated, before any narrowing.
func (s *solver) solveCoupled(index map[generator.TrustSlice]map[string]int, start []variable) {
	for _, rows := range index {
		s.couple(rows)
	}
	s.solve()
	if s.contradictions == 0 {
		return
	}
	coupled := s.contradictions
	coupledVars := s.vars
	s.vars, s.contradictions = slices.Clone(start), 0
	s.solve()
	if s.contradictions >= coupled {
		s.vars = coupledVars
	}
}

// feasibleAtCutoff drops the leaks in slices whose published numbers a
// reader who counts favorable from the solver's cutoff finds cannot all
// hold at once (see feasible): interval bounds, narrowed one relation at
// a time, need not see that, and "derive" numbers from a cutoff the
// survey does not use. start is every variable as its labels give it.
func (s *solver) feasibleAtCutoff(leaks []Leak, index map[generator.TrustSlice]map[string]int, start []variable) []Leak {
	if len(leaks) == 0 {
		return leaks
	}
	slice := map[int][]int{}
	for _, rows := range index {
		var members []int
		for _, i := range rows {
			members = append(members, i)
		}
		slices.Sort(members)
		for _, i := range members {
			slice[i] = members
		}
	}
	verdict := map[int]bool{} // by a slice's first row
	kept := leaks[:0]
	for _, l := range leaks {
		rows := slice[l.at]
		if len(rows) == 0 || !s.vars[l.at].coupled {
			kept = append(kept, l)
			continue
		}
		ok, seen := verdict[rows[0]]
		if !seen {
			ok = s.feasible(rows, start)
			verdict[rows[0]] = ok
		}
		if ok {
			kept = append(kept, l)
		}
	}
	return kept
}

// feasible reports whether some numbers, whole or not, satisfy at once
// everything a reader who counts favorable from the solver's cutoff knows
// of the rows of a slice: each row's count, favorable count and sum of
// ratings within its labels (start), no more favorable answers than
// respondents, ratings that its favorable answers allow (each from the
// cutoff to the top, each other from the bottom to one below), and the
// district's numbers its schools' sums. A system too large to solve
// counts as feasible.
func (s *solver) feasible(rows []int, start []variable) bool {
	local := make(map[int]int, len(rows))
	for j, i := range rows {
		local[i] = j
	}
	const perRow = 6 // N, K, S and three slacks
	sys := lp.New(perRow * len(rows))
	t := s.cutoff
	for j, i := range rows {
		n, k, sum := 6*j, 6*j+1, 6*j+2
		q := start[i].q
		sys.Bound(n, q[qN].lo, q[qN].hi)
		sys.Bound(k, q[qK].lo, q[qK].hi)
		sys.Bound(sum, q[qS].lo, q[qS].hi)
		sys.Equal([]lp.Term{{Var: n, Coef: 1}, {Var: k, Coef: -1}, {Var: 6*j + 3, Coef: -1}}, 0)
		sys.Equal([]lp.Term{{Var: sum, Coef: 1}, {Var: n, Coef: -s.scaleMin}, {Var: k, Coef: -(t - s.scaleMin)}, {Var: 6*j + 4, Coef: -1}}, 0)
		sys.Equal([]lp.Term{{Var: n, Coef: t - 1}, {Var: k, Coef: s.scaleMax - t + 1}, {Var: sum, Coef: -1}, {Var: 6*j + 5, Coef: -1}}, 0)
	}
	for _, e := range s.eqs {
		j, ok := local[e.total]
		if !ok || e.countsOnly {
			continue // (a count across facets is no equation of the slice's)
		}
		for q := range 3 { // N, K, S: the columns of each row
			terms := []lp.Term{{Var: 6*j + q, Coef: 1}}
			for _, m := range e.members {
				terms = append(terms, lp.Term{Var: 6*local[m] + q, Coef: -1})
			}
			sys.Equal(terms, 0)
		}
	}
	if sys.Size() > lp.MaxSize {
		return true
	}
	_, ok := sys.Fixed(nil)
	return ok
}

// couple lets the reader bound favorable answers by ratings, and ratings
// by favorable answers, in a slice whose rows all agree with the cutoff:
// in each, the favorable answers its share allows and those its mean
// allows have a count in common. Where some row does not ("1.00" of 8,
// every answer at the bottom, beside 12% favorable), the survey counts
// favorable from elsewhere, or over other answers (those who answered
// the item, not the survey), and a reader who adds and subtracts along
// that cutoff would derive numbers that are not true.
func (s *solver) couple(rows map[string]int) {
	for _, i := range rows {
		v := s.vars[i]
		lo, hi := s.favorable(v.q[qN], v.q[qS])
		if math.Ceil(math.Max(lo, v.q[qK].lo)-1e-6) > math.Floor(math.Min(hi, v.q[qK].hi)+1e-6) {
			return
		}
	}
	for _, i := range rows {
		s.vars[i].coupled = true
	}
}

// times is x × c, and 0 where c is 0 (x may be +Inf).
func times(x, c float64) float64 {
	if c == 0 {
		return 0
	}
	return x * c
}

// apply narrows the variables of equation e; it returns those changed.
func (s *solver) apply(e equation, changed []int) []int {
	for _, q := range s.used {
		if e.countsOnly && q != qN {
			break
		}
		lo, hi, inf := 0.0, 0.0, 0
		for _, m := range e.members {
			x := s.vars[m].q[q]
			lo += x.lo
			if math.IsInf(x.hi, 1) {
				inf++
			} else {
				hi += x.hi
			}
		}
		sumHi := hi
		if inf > 0 {
			sumHi = math.Inf(1)
		}
		t := &s.vars[e.total].q[q]
		if s.tighten(t, lo, sumHi) {
			changed = append(changed, e.total)
		}
		for _, m := range e.members {
			x := &s.vars[m].q[q]
			othersLo := lo - x.lo
			othersHi := math.Inf(1)
			if math.IsInf(x.hi, 1) && inf == 1 || inf == 0 {
				othersHi = hi
				if !math.IsInf(x.hi, 1) {
					othersHi -= x.hi
				}
			}
			if s.tighten(x, t.lo-othersHi, t.hi-othersLo) {
				changed = append(changed, m)
			}
		}
	}
	return changed
}

// solve applies every equation, then those of each variable that
// narrowed, until nothing changes or a work budget proportional to the
// size of the equations is spent.
func (s *solver) solve() {
	for i := range s.vars {
		s.own(&s.vars[i])
	}
	queued := make([]bool, len(s.eqs))
	queue := make([]int, len(s.eqs))
	budget := 0
	for i := range s.eqs {
		queue[i], queued[i] = i, true
		budget += 64 * (len(s.eqs[i].members) + 1)
	}
	var changed []int
	for len(queue) > 0 && budget > 0 {
		e := queue[0]
		queue = queue[1:]
		queued[e] = false
		budget -= len(s.eqs[e].members) + 1
		changed = s.apply(s.eqs[e], changed[:0])
		for _, v := range changed {
			s.own(&s.vars[v])
			for _, id := range s.vars[v].ids {
				if !queued[id] {
					queued[id] = true
					queue = append(queue, id)
				}
			}
		}
	}
}

// rating writes an answer of the scale as the survey numbers it: 6, 4.5.
func rating(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// tolerance is the rounding of a published number: half a unit of its
// last decimal, but at most maxTol (a number written "80" may have been
// 80.0 in the file).
func tolerance(v, maxTol float64) float64 {
	s := strconv.FormatFloat(v, 'f', -1, 64)
	t := 0.5
	if i := strings.IndexByte(s, '.'); i >= 0 {
		t = 0.5 * math.Pow(10, -float64(len(s)-i-1))
	}
	return math.Min(t, maxTol)
}

// count returns what a reader knows of a count from its label.
func count(c Count, min int) span {
	if !c.Hidden {
		return exact(float64(c.N))
	}
	switch c.Reason {
	case evidence.SmallGroup:
		return span{0, float64(min - 1)}
	case evidence.Complementary:
		return span{float64(min), math.Inf(1)}
	}
	return unknown
}

// share returns what a reader knows of the students (or answers) behind a
// percentage of a group of n, read as r says.
func share(m Value, n span, r reading) span {
	switch m.Kind {
	case evidence.Reported:
		// As shown (to one decimal), or at the precision it was written
		// with (Value.Rounding).
		tol := tolerance(m.Number, 0.05)
		if r == atPrecision {
			tol = math.Max(tol, m.Rounding)
		}
		return span{n.lo * (m.Number - tol) / 100, n.hi * (m.Number + tol) / 100}
	case evidence.Coded:
		// Read at face value, or at the precision of the value it was
		// coded from (see reading).
		tol := math.Max(tolerance(m.Number, 0.05), m.Rounding)
		if r == atFaceValue {
			tol = 0
		}
		if strings.HasPrefix(m.Text, "<") || strings.HasPrefix(m.Text, "≤") {
			return span{0, n.hi * (m.Number + tol) / 100}
		}
		return span{n.lo * (m.Number - tol) / 100, n.hi}
	}
	return span{0, n.hi}
}

// withheldCount reports whether a count is one the rule protects: a small
// group, or one the source suppressed.
func withheldCount(c Count) bool {
	return c.Hidden && (c.Reason == evidence.SmallGroup || c.Reason == evidence.AtSource)
}

// judge returns what can be derived about a protected cell, or "".
// width is the narrowest range of a percentage (or mean) that is no leak.
// A mean is read from the bottom of its scale, shift (see checkTrust),
// and reported as written.
func judge(v variable, c Count, pct Value, min int, q int, scale, shift float64, unit string) string {
	n, k := v.q[qN], v.q[q]
	if withheldCount(c) {
		if n.lo == n.hi && n.lo > 0 && n.lo < float64(min) {
			return fmt.Sprintf("count %.0f", n.lo)
		}
		// A group known to be at least the minimum (one the source
		// suppressed by its own rule) is no small group.
		if n.hi >= 1 && n.lo < float64(min) {
			lo := k.lo / n.hi
			hi := scale
			if n.lo >= 1 {
				hi = math.Min(scale, k.hi/n.lo)
			}
			if k.hi == 0 {
				hi = 0
			}
			// None left over (not proficient, not favorable): all are.
			if q == qK && v.q[qM].hi == 0 {
				lo = scale
			}
			if q == qK {
				lo, hi = 100*lo, math.Min(100, 100*hi)
			}
			if hi-lo < width(q) {
				return fmt.Sprintf("%s %s–%s", unit, trim(lo+shift), trim(hi+shift))
			}
		}
		return ""
	}
	if pct.Kind == evidence.Coded && !c.Hidden && n.lo == n.hi && n.lo > 0 {
		lo, hi := 100*k.lo/n.lo, 100*k.hi/n.lo
		if hi-lo < 0.5 {
			return fmt.Sprintf("coded %s is %s–%s%%", pct.Text, trim(lo), trim(hi))
		}
	}
	return ""
}

func width(q int) float64 {
	if q == qS {
		return 0.1
	}
	return 0.5
}

func trim(v float64) string { return strconv.FormatFloat(math.Round(v*10)/10+0, 'f', 1, 64) }

// remainder is what equation e leaves for its withheld members taken
// together: the total less every other member, quantity by quantity, and
// those members.
func (s *solver) remainder(e equation, withheld func(v int) bool) (rest [nq]span, hidden []int) {
	rest = s.vars[e.total].q
	for _, m := range e.members {
		if withheld(m) {
			hidden = append(hidden, m)
			continue
		}
		for q, x := range s.vars[m].q {
			rest[q] = span{rest[q].lo - x.hi, rest[q].hi - x.lo}
		}
	}
	return rest, hidden
}

// combined checks, for each equation, the members a reader cannot see
// one by one (withheld says which): taken together they are the total less
// the others, a group of its own, whose count must not be known and under
// the minimum, and whose share must not be known to be none or all.
func (s *solver) combined(withheld func(v int) bool, rows, min int, name func(v int) string, pos func(v int) generator.Pos) []Leak {
	var leaks []Leak
	for _, e := range s.eqs {
		if e.countsOnly || e.within {
			continue
		}
		rest, hidden := s.remainder(e, withheld)
		n, k := rest[qN], rest[qK]
		if s.trust && s.vars[e.total].coupled {
			lo, hi := s.favorable(n, rest[qS])
			s.tighten(&k, lo, hi)
		}
		// One withheld row alone is judged on its own; a gap (a member
		// with no row) is judged here.
		if len(hidden) == 0 || len(hidden) == 1 && hidden[0] < rows || math.IsInf(n.hi, 0) {
			continue
		}
		var names []string
		for _, m := range hidden {
			names = append(names, name(m))
		}
		derived, what := "", "proficient"
		if s.trust {
			what = "favorable"
		}
		switch {
		case n.lo == n.hi && n.lo > 0 && n.lo < float64(min):
			derived = fmt.Sprintf("combined count %.0f", n.lo)
		case n.lo > 0 && k.hi <= 0:
			derived = "none of them " + what + " (0%)"
		case n.lo == n.hi && n.lo > 0 && k.lo >= n.hi:
			derived = "all of them " + what + " (100%)"
		}
		if derived != "" {
			at := e.total
			for _, m := range hidden {
				if m < rows {
					at = m
					break
				}
			}
			leaks = append(leaks, Leak{Pos: pos(at), What: strings.Join(names, " + "), Derived: derived, at: at})
		}
	}
	return leaks
}

// checkAchievement audits achievement results.
func checkAchievement(a *Achievement, rd reading) []Leak {
	s := &solver{used: []int{qN, qK, qM}, reading: rd}
	// A variable for each row, and some for groups without one: the
	// solver of a 1,000-school district holds 60,000.
	s.vars = make([]variable, 0, len(a.Rows)+len(a.Rows)/4)
	type place struct {
		school  string
		year    generator.SchoolYear
		subject string
	}
	type slice struct {
		year              generator.SchoolYear
		subject, subgroup string
	}
	rows := map[place]map[string]int{}
	var places []place
	district := map[slice]int{}
	schools := map[slice][]int{}
	var slices_ []slice
	for i, r := range a.Rows {
		n := count(r.Tested, a.MinN)
		if v := s.add(n, share(r.Proficient, n, rd), span{}); v != i {
			panic("audit: variables out of step with rows")
		}
		p := place{r.School, r.Year, r.Subject}
		if rows[p] == nil {
			rows[p] = map[string]int{}
			places = append(places, p)
		}
		rows[p][r.Subgroup] = i
		sl := slice{r.Year, r.Subject, r.Subgroup}
		if r.School == generator.DistrictID {
			district[sl] = i
			continue
		}
		if _, ok := schools[sl]; !ok {
			slices_ = append(slices_, sl)
		}
		schools[sl] = append(schools[sl], i)
	}
	// A group the file gives the district no row for is still a number
	// a reader can work out (all students less the family's other
	// groups, or a family's groups added up for all students), and it is
	// its schools' sum as any district row is: one unknown, the same in
	// every family and in that sum (unlisted).
	unlisted := map[slice]int{}
	unlistedAt := map[int]int{} // the row each is reported at
	unlistedName := map[int]string{}
	rowOrGap := func(p place, g string) int {
		if i, ok := rows[p][g]; ok {
			return i
		}
		if p.school != generator.DistrictID {
			return s.gap()
		}
		sl := slice{p.year, p.subject, g}
		if _, ok := unlisted[sl]; !ok {
			unlisted[sl] = s.gap()
			district[sl] = unlisted[sl]
			unlistedName[unlisted[sl]] = generator.DistrictID + " " + p.year.String() + " " + p.subject + " " + g + " (no row)"
			for _, i := range rows[p] { // reported at the place's first row
				if at, ok := unlistedAt[unlisted[sl]]; !ok || i < at {
					unlistedAt[unlisted[sl]] = i
				}
			}
		}
		return unlisted[sl]
	}
	family := func(p place, members []string, countsOnly bool) {
		if _, ok := rows[p]["all"]; !ok && p.school != generator.DistrictID {
			return
		}
		all := rowOrGap(p, "all")
		var vs []int
		for _, m := range members {
			vs = append(vs, rowOrGap(p, m))
		}
		s.equate(all, vs, countsOnly)
	}
	for _, p := range places {
		for _, f := range a.Families {
			family(p, f.Members, false)
		}
	}
	for _, f := range a.Inferred {
		family(place{f.School, f.Year, f.Subject}, f.Members, true)
	}
	// A group has no more students, and no more proficient ones, than all
	// students at its place: by its family's identity, or else by this.
	shown := func(r AchievementRow) bool { return !r.Tested.Hidden && r.Proficient.Kind == evidence.Reported }
	inFamily := map[string]bool{}
	for _, f := range a.Families {
		for _, m := range f.Members {
			inFamily[m] = true
		}
	}
	for _, p := range places {
		all, ok := rows[p]["all"]
		if !ok {
			continue
		}
		for _, g := range slices.Sorted(maps.Keys(rows[p])) {
			// Between two rows shown with their counts and values, as
			// suppression does, it is left out: it would only narrow the
			// rounding of two shown percentages.
			if g != "all" && !inFamily[g] && !(shown(a.Rows[all]) && shown(a.Rows[rows[p][g]])) {
				s.equate(all, []int{rows[p][g], s.gap()}, false)
				s.eqs[len(s.eqs)-1].within = true
			}
		}
	}
	// The district's row of a group is its schools' rows and those of
	// schools the site does not list: an unknown of its own (rest).
	rest := map[slice]int{}
	for _, sl := range slices_ {
		if d, ok := district[sl]; ok {
			rest[sl] = s.gap()
			s.equate(d, append(slices.Clone(schools[sl]), rest[sl]), false)
		}
	}
	// A group's tested count is one number in every subject where the
	// file's are (Achievement.SameTested).
	linkSame(s, a.SameTested, func(i int32) Count { return a.Rows[i].Tested })
	labels := s.labels()
	s.solve()
	name := func(v int) string {
		if v >= len(a.Rows) {
			return cmp.Or(unlistedName[v], "a group with no row")
		}
		r := a.Rows[v]
		return r.School + " " + r.Year.String() + " " + r.Subject + " " + r.Subgroup
	}
	withheld := func(v int) bool {
		if v >= len(a.Rows) {
			return true
		}
		r := a.Rows[v]
		return r.Tested.Hidden || r.Proficient.Kind != evidence.Reported
	}
	pos := func(v int) generator.Pos {
		if at, ok := unlistedAt[v]; ok {
			v = at
		}
		return a.Rows[v].Pos
	}
	leaks := s.combined(withheld, len(a.Rows), a.MinN, name, pos)
	reported := map[int]bool{}
	for i, r := range a.Rows {
		if d := judge(s.vars[i], r.Tested, r.Proficient, a.MinN, qK, 1, 0, "percentage"); d != "" {
			leaks = append(leaks, Leak{Pos: r.Pos, What: name(i), Derived: d, at: i})
			reported[i] = true
		}
	}
	// Where the district's all-students count is its schools' (the rest
	// has none), no group has students at schools the site does not
	// list: the district's rows are its schools' sums — unless a group
	// whose rows are all shown says otherwise, and the numbers do not add
	// up as the identities say. A school with rows that has none for a
	// group has that group's students in the rest too: only a group with
	// a row at every school says so.
	placesOf := map[slice]int{}
	for _, p := range places {
		if p.school != generator.DistrictID {
			placesOf[slice{p.year, p.subject, ""}]++
		}
	}
	noRest := map[slice]bool{}
	for sl, g := range rest {
		if n := s.vars[g].q[qN]; sl.subgroup == "all" && n.lo == 0 && n.hi == 0 {
			noRest[slice{sl.year, sl.subject, ""}] = true
		}
	}
	for sl, g := range rest {
		ys := slice{sl.year, sl.subject, ""}
		if n := s.vars[g].q[qN]; n.lo > 0 && len(schools[sl]) == placesOf[ys] {
			delete(noRest, ys)
		}
	}
	zeroRest := map[int]bool{} // the rest variables known to be 0
	for sl, g := range rest {
		ys := slice{sl.year, sl.subject, ""}
		zeroRest[g] = noRest[ys] && len(schools[sl]) == placesOf[ys]
	}
	known := func(v int) (float64, bool) {
		if zeroRest[v] {
			return 0, true
		}
		if n := s.vars[v].q[qN]; n.lo == n.hi {
			return n.lo, true
		}
		return 0, false
	}
	fixed := s.fixedCounts(known)
	for i, r := range a.Rows {
		n, ok := fixed[i]
		if !ok || reported[i] || !withheldCount(r.Tested) || !n.IsInt() {
			continue
		}
		// A count that its own label rules out comes from numbers that do
		// not add up as the identities say: it gives nothing away.
		v, _ := n.Float64()
		if own := count(r.Tested, a.MinN); v > 0 && v >= own.lo && v <= own.hi && v < float64(a.MinN) {
			leaks = append(leaks, Leak{Pos: r.Pos, What: name(i), Derived: fmt.Sprintf("count %.0f, adding and subtracting several identities", v), at: i})
			reported[i] = true
		}
	}
	bounded := s.boundedCounts(known, func(v int) bool { return v < len(a.Rows) && withheldCount(a.Rows[v].Tested) && !reported[v] })
	for i, r := range a.Rows {
		if n, ok := bounded[i]; ok && n > 0 && n < float64(a.MinN) {
			leaks = append(leaks, Leak{Pos: r.Pos, What: name(i), Derived: fmt.Sprintf("count %.0f, adding and subtracting several identities, with what the labels say of the hidden counts", n), at: i})
			reported[i] = true
		}
	}
	s.boundedShares(func(v int) bool { return zeroRest[v] })
	for i, r := range a.Rows {
		if reported[i] {
			continue
		}
		if d := judge(s.vars[i], r.Tested, r.Proficient, a.MinN, qK, 1, 0, "percentage"); d != "" {
			leaks = append(leaks, Leak{Pos: r.Pos, What: name(i), Derived: d + ", adding and subtracting several identities", at: i})
		}
	}
	return s.credible(leaks, labels)
}

// checkTrust audits trust results for a reader who counts answers
// favorable from the answer the survey names, or, where it does not,
// for one reader per answer above the bottom: a survey's documents may
// say what trust.yaml does not. Where no favorable share is published,
// what a reader learns of favorable answers from ratings alone is that a
// withheld group answered all above some answer, or all below: no one at
// the bottom, or no one at the top, the readers from the answer above
// the bottom and from the top learn it first, and only they are asked.
func checkTrust(tr *Trust, rd reading) []Leak {
	base, index, shift := trustSolver(tr, rd)
	var cutoffs []float64
	switch shares := slices.ContainsFunc(tr.Rows, func(r TrustRow) bool {
		return r.Favorable.Kind == evidence.Reported || r.Favorable.Kind == evidence.Coded
	}); {
	case tr.FavorableFrom != nil:
		cutoffs = []float64{*tr.FavorableFrom}
	case shares && tr.ScaleMax-tr.ScaleMin <= maxCutoffs:
		for t := tr.ScaleMin + 1; t <= tr.ScaleMax; t++ {
			cutoffs = append(cutoffs, t)
		}
	case tr.ScaleMax-tr.ScaleMin >= 2:
		// (And on a scale of more than maxCutoffs answers, as
		// suppression judges it.)
		cutoffs = []float64{tr.ScaleMin + 1, tr.ScaleMin + math.Floor(tr.ScaleMax-tr.ScaleMin)}
	default:
		// One answer above the bottom, or none (a scale narrower than
		// one answer to the next): the reader counts from the top.
		cutoffs = []float64{tr.ScaleMax}
	}
	if len(cutoffs) == 1 {
		return checkTrustFrom(tr, base.from(cutoffs[0]-shift), index, shift)
	}
	// A leak whatever the cutoff is said once; one only some readers
	// find names their cutoffs.
	var leaks []Leak
	found := map[Leak][]string{}
	for _, t := range cutoffs {
		for _, l := range checkTrustFrom(tr, base.from(t-shift), index, shift) {
			if found[l] == nil {
				leaks = append(leaks, l)
			}
			found[l] = append(found[l], rating(t))
		}
	}
	for i, l := range leaks {
		if ts := found[l]; len(ts) < len(cutoffs) {
			leaks[i].Derived += " (to a reader who counts " + orList(ts) + " and above favorable)"
		}
	}
	return leaks
}

// maxCutoffs is the longest scale (in answers above its bottom) whose
// every answer is taken as a cutoff where trust.yaml names none, as
// suppression does; beyond, the first and the last.
const maxCutoffs = 1000

// orList joins items as a sentence does: "2", "2 or 3", "2, 3 or 4".
func orList(items []string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " or " + items[len(items)-1]
}

// from is a copy of s, its variables as they stand, for a reader who
// counts favorable from cutoff (on the scale as s reads it).
func (s *solver) from(cutoff float64) *solver {
	c := *s
	c.vars = slices.Clone(s.vars)
	c.cutoff = cutoff
	return &c
}

// trustSolver states trust results for the solver, read as rd says, with
// no cutoff yet: each row a variable, each slice whose district is the
// sum of its schools an equation. It returns the rows of each slice by
// school, and the shift of the scale (see below).
func trustSolver(tr *Trust, rd reading) (*solver, map[generator.TrustSlice]map[string]int, float64) {
	// The solver's bounds take ratings to be whole numbers of at least 0:
	// a sum of n of them is a whole number from 0 to n times the top. On a
	// scale that goes below zero (−2 to 2), or starts between two whole
	// numbers (0.5 to 4.5), ratings are counted from its bottom instead: a
	// rating r is r − ScaleMin, a mean m is m − ScaleMin. Every identity
	// holds as before (a district's sum less its schools' is the same
	// shifted by the same count), and what is derived is shifted back
	// when reported. Other scales (1 to 5) are read as they are.
	shift := 0.0
	if tr.ScaleMin < 0 || tr.ScaleMin != math.Trunc(tr.ScaleMin) {
		shift = tr.ScaleMin
	}
	s := &solver{used: []int{qN, qK, qS, qM}, trust: true, scaleMin: tr.ScaleMin - shift, scaleMax: tr.ScaleMax - shift, reading: rd}
	s.vars = make([]variable, 0, len(tr.Rows))
	index := map[generator.TrustSlice]map[string]int{}
	for i, r := range tr.Rows {
		n := count(r.Respondents, tr.MinRespondents)
		sum := span{s.scaleMin * n.lo, s.scaleMax * n.hi}
		if r.Mean.Kind == evidence.Reported {
			// At the precision pages show it with, which is the file's,
			// in both readings (Value.Rounding): "3.1" is anything from
			// 3.05 to 3.15. Read as exact to two decimals,
			// a survey's one-decimal means do not add up, and numbers
			// that do not add up "give away" counts that are false;
			// suppression, which reasons on counts and percentages,
			// cannot protect them, and every such build would stop.
			tol := math.Max(tolerance(r.Mean.Number, 0.005), r.Mean.Rounding)
			// (At the bottom, less its rounding, the lower bound is
			// below zero: a bound all the same; own raises it to 0.)
			sum = span{n.lo * (r.Mean.Number - shift - tol), n.hi * (r.Mean.Number - shift + tol)}
		}
		s.add(n, share(r.Favorable, n, rd), sum)
		k := generator.TrustSlice{Year: r.Year, Group: r.Group, Facet: r.Facet}
		if index[k] == nil {
			index[k] = map[string]int{}
		}
		index[k][r.School] = i
	}
	for _, k := range tr.DistrictSums {
		d, ok := index[k][generator.DistrictID]
		if !ok {
			continue
		}
		var members []int
		for school, i := range index[k] {
			if school != generator.DistrictID {
				members = append(members, i)
			}
		}
		slices.Sort(members)
		s.equate(d, members, false)
	}
	linkFacets(s, tr)
	linkInvited(s, tr, index)
	return s, index, shift
}

// linkInvited states what the numbers invited tell a reader: no more of
// a school answered, in any facet, than were invited, and, where the
// district's invited are its schools' sum (Trust.InvitedSums), that
// identity. The same people are invited to every facet: a school's
// invited is one unknown across the facets of a year and group where
// those shown are one number (where they differ, each row's is its
// own).
func linkInvited(s *solver, tr *Trust, index map[generator.TrustSlice]map[string]int) {
	type people struct {
		school, group string
		year          generator.SchoolYear
	}
	// (Pages show no invited of 0: a row with none is no bound.)
	given := func(c Count) bool { return !c.Hidden && c.N > 0 || c.Hidden && c.Reason != evidence.NotSuppressed }
	rows := map[people][]int{}
	var order []people
	for i, r := range tr.Rows {
		if !given(r.Invited) {
			continue
		}
		p := people{r.School, r.Group, r.Year}
		if rows[p] == nil {
			order = append(order, p)
		}
		rows[p] = append(rows[p], i)
	}
	invited := make(map[int]int, len(tr.Rows)) // row → its invited's variable
	for _, p := range order {
		shown, same := -1, true
		for _, i := range rows[p] {
			if c := tr.Rows[i].Invited; !c.Hidden {
				same = same && (shown < 0 || c.N == shown)
				shown = c.N
			}
		}
		one := -1
		for _, i := range rows[p] {
			v := one
			if v < 0 || !same {
				n := unknown
				if c := tr.Rows[i].Invited; !c.Hidden {
					n = exact(float64(c.N))
				} else if same && shown >= 0 {
					n = exact(float64(shown))
				}
				v = s.add(n, unknown, unknown)
				if same {
					one = v
				}
			}
			invited[i] = v
			if x := s.vars[v].q[qN]; x.lo == x.hi && !tr.Rows[i].Respondents.Hidden {
				continue // both shown: the bound tells nothing
			}
			// invited = respondents + those who did not answer.
			s.equate(v, []int{i, s.gap()}, true)
			s.eqs[len(s.eqs)-1].within = true
		}
	}
	for _, k := range tr.InvitedSums {
		d, ok := index[k][generator.DistrictID]
		total, given := invited[d]
		if !ok || !given {
			continue
		}
		var members []int
		for _, i := range slices.Sorted(maps.Values(index[k])) {
			if v, ok := invited[i]; ok && tr.Rows[i].School != generator.DistrictID {
				members = append(members, v)
			}
		}
		s.equate(total, members, true)
	}
}

// linkFacets equates a school's respondents across the facets of a year
// and group, counts only, where they are the same people (see
// Trust.SameRespondents) and every count shown among them is the same:
// a reader takes a count hidden in one facet to be the one shown in
// another, and two hidden alike.
func linkFacets(s *solver, tr *Trust) {
	linkSame(s, tr.SameRespondents, func(i int32) Count { return tr.Rows[i].Respondents })
}

// linkSame equates the counts of each group of rows, counts only, where
// every count shown among them is the same.
func linkSame(s *solver, groups [][]int32, count func(i int32) Count) {
	for _, rs := range groups {
		shown, same := -1, true
		for _, i := range rs {
			if c := count(i); !c.Hidden {
				same = same && (shown < 0 || c.N == shown)
				shown = c.N
			}
		}
		if !same {
			continue
		}
		for _, i := range rs[1:] {
			s.equate(int(rs[0]), []int{int(i)}, true)
			s.eqs[len(s.eqs)-1].same = true
		}
	}
}

// checkTrustFrom audits trust results with s, stated by trustSolver for
// a reader who counts favorable from a cutoff (solver.from).
func checkTrustFrom(tr *Trust, s *solver, index map[generator.TrustSlice]map[string]int, shift float64) []Leak {
	labels := s.labels()
	start := slices.Clone(s.vars)
	s.solveCoupled(index, start)
	name := func(v int) string {
		r := tr.Rows[v]
		return r.School + " " + r.Year.String() + " " + r.Group + " " + r.Facet
	}
	leaks := s.combined(func(v int) bool {
		r := tr.Rows[v]
		return r.Respondents.Hidden || r.Mean.Kind != evidence.Reported || (r.Favorable.Kind != evidence.Reported && r.Favorable.Kind != evidence.NotReported)
	}, len(tr.Rows), tr.MinRespondents, name, func(v int) generator.Pos { return tr.Rows[v].Pos })
	ends := s.atScaleEnds(tr, index)
	reported := map[int]bool{}
	for i, r := range tr.Rows {
		// A share the source withheld beside a count shown: its ratings
		// must not give it back ("5.95" of 20, from 4 up: all 20).
		if k := s.vars[i].q[qK]; !r.Respondents.Hidden && r.Favorable.Kind == evidence.NotReported && r.Favorable.Text != "" && k.lo == k.hi {
			leaks = append(leaks, Leak{Pos: r.Pos, What: name(i), Derived: fmt.Sprintf("favorable suppressed at the source is %d of %d", int(k.lo), r.Respondents.N), at: i})
			reported[i] = true
			continue
		}
		d := judge(s.vars[i], r.Respondents, r.Favorable, tr.MinRespondents, qK, 1, 0, "favorable")
		if _, atEnd := ends[i]; d == "" && !atEnd { // at an end, said below: every respondent answered it
			d = judge(s.vars[i], r.Respondents, Value{Kind: evidence.Suppressed}, tr.MinRespondents, qS, s.scaleMax, shift, "mean")
		}
		if d != "" {
			leaks = append(leaks, Leak{Pos: r.Pos, What: name(i), Derived: d, at: i})
			reported[i] = true
		}
	}
	bounded := s.boundedCounts(func(v int) (float64, bool) {
		n := s.vars[v].q[qN]
		return n.lo, n.lo == n.hi
	}, func(v int) bool { return withheldCount(tr.Rows[v].Respondents) && !reported[v] })
	for i, r := range tr.Rows {
		if n, ok := bounded[i]; ok && n > 0 && n < float64(tr.MinRespondents) {
			leaks = append(leaks, Leak{Pos: r.Pos, What: name(i),
				Derived: fmt.Sprintf("count %.0f, adding and subtracting several identities, with what the labels say of the hidden counts", n), at: i})
			reported[i] = true
		}
	}
	s.boundedShares(func(int) bool { return false })
	for i, r := range tr.Rows {
		if reported[i] {
			continue
		}
		if d := judge(s.vars[i], r.Respondents, r.Favorable, tr.MinRespondents, qK, 1, 0, "favorable"); d != "" {
			leaks = append(leaks, Leak{Pos: r.Pos, What: name(i), Derived: d + ", adding and subtracting several identities", at: i})
		}
	}
	for i, r := range tr.Rows {
		if v, ok := ends[i]; ok {
			leaks = append(leaks, Leak{Pos: r.Pos, What: name(i),
				Derived: "mean " + trim(v) + " (every respondent answered " + rating(v) + ")", at: i})
			reported[i] = true
		}
	}
	leaks = s.feasibleAtCutoff(leaks, index, start)
	return s.credible(leaks, labels)
}

// atScaleEnds finds the withheld means given away by ratings that can
// only all be at one end of the scale: when the district's 19 teachers
// rated honesty 6.0 on a scale of 1 to 6, every one of them answered 6,
// and so did each school's, whatever their number (whether or not the
// schools' counts add up to the district's); and where they add up, when
// the district less the schools published leaves the others' ratings at
// one end (30 teachers at 4.80 less 12 at 3.00: the other 18 gave 108
// points, 6 each). Interval bounds cannot say this: they bound a sum of
// ratings and its count apart.
// It returns the rows whose ratings are all at an end, with that end.
func (s *solver) atScaleEnds(tr *Trust, index map[generator.TrustSlice]map[string]int) map[int]float64 {
	atEnd := func(n, sum span) (float64, bool) {
		switch {
		case n.hi < 1:
		case sum.lo >= s.scaleMax*n.hi:
			return tr.ScaleMax, true
		case n.lo >= 1 && sum.hi <= s.scaleMin*n.lo:
			return tr.ScaleMin, true
		}
		return 0, false
	}
	// Every variable of checkTrust's solver is a row of the file.
	withheld := func(i int) bool {
		return tr.Rows[i].Mean.Kind != evidence.Reported && s.vars[i].q[qN].hi >= 1
	}
	found := map[int]float64{}
	for _, schools := range index {
		d, ok := schools[generator.DistrictID]
		if !ok {
			continue
		}
		if v, ok := atEnd(s.vars[d].q[qN], s.vars[d].q[qS]); ok {
			for school, i := range schools {
				if school != generator.DistrictID && withheld(i) {
					found[i] = v
				}
			}
		}
	}
	for _, e := range s.eqs {
		if e.countsOnly {
			continue // one school's respondents in two facets: their ratings differ
		}
		rest, hidden := s.remainder(e, withheld)
		if v, ok := atEnd(rest[qN], rest[qS]); ok {
			for _, m := range hidden {
				found[m] = v
			}
		}
	}
	return found
}
