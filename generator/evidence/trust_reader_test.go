package evidence_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/folio-sites/folio/generator/audit"
	"github.com/folio-sites/folio/generator/evidence"
)

// TestTrustWholeNumberReader is a reader with a calculator who owes
// nothing to suppression or to the audit: for random surveys built from
// each respondent's answer, it takes the published numbers of a slice,
// states what they say as whole-number constraints (each row's
// respondents, favorable answers and sum of ratings; the district's the
// sum of its schools'; favorable answers from the cutoff to the top and
// the others from the bottom to one below it), and searches every whole
// number a protected value could be. Where trust.yaml names the cutoff it
// reads from there; where not, from each answer above the bottom whose
// reading the numbers allow. Nothing withheld may come out as one number:
// a small group's count, share or sum of ratings, a coded share, or a
// small group all favorable or none.
// FOLIO_TRUST_READER=N reads N surveys instead of the default, and
// FOLIO_TRUST_READER_SEED=S draws other surveys.
func TestTrustWholeNumberReader(t *testing.T) {
	surveys := 300
	if testing.Short() {
		surveys = 50
	}
	if n, err := strconv.Atoi(os.Getenv("FOLIO_TRUST_READER")); err == nil {
		surveys = n
	}
	seed := uint64(20261128)
	if s, err := strconv.ParseUint(os.Getenv("FOLIO_TRUST_READER_SEED"), 10, 64); err == nil {
		seed = s
	}
	rng := rand.New(rand.NewPCG(seed, 1))
	readings, undecided := 0, 0
	for i := range surveys {
		s := randomSurvey(rng)
		ev, ds := load(t, map[string]string{"trust.yaml": s.yaml, "trust.csv": s.csv})
		for _, d := range ds {
			if strings.Contains(d, "error") {
				t.Fatalf("survey %d does not load: %s\n%s", i, d, s.csv)
			}
		}
		pub := audit.Read(ev).Trust
		cutoffs := []float64{2, 3, 4, 5, 6}
		if s.declared {
			cutoffs = []float64{float64(s.from)}
		}
		for _, cut := range cutoffs {
			readings++
			leaks, decided := readSurvey(pub, int(cut), s.truth)
			if !decided {
				undecided++
			}
			for _, leak := range leaks {
				t.Errorf("survey %d, counting %v and above favorable: %s\n%s%s", i, cut, leak, s.yaml, s.csv)
			}
		}
	}
	t.Logf("%d surveys, %d readings; %d stopped after %d steps and count as no leak", surveys, readings, undecided, readerNodes)
	if undecided*20 > readings {
		t.Errorf("%d of %d readings stopped undecided: the reader proves too little", undecided, readings)
	}
}

// survey is a random trust.yaml and trust.csv of one slice.
type survey struct {
	yaml, csv string
	declared  bool
	from      int
	// truth is each row's respondents, favorable answers and sum of
	// ratings, by "school facet": a reader's derivation counts where it
	// is true (one who equates counts across facets that differ derives
	// numbers that are not).
	truth map[string][3]int
}

// randomSurvey draws up to four schools' respondents, each answer from 1
// to 6 around a mode of the school's (so that means near the ends, and
// shares near 0% and 100%, are common), counts as favorable those from a
// cutoff up, and writes each row's mean and share as survey tools do
// (two decimals or one; one decimal or whole), the district's as the sums
// of its schools'. The same respondents answer one facet or two, each
// with answers of its own; a row may be suppressed at the source or
// missing, and a facet may have no district row.
func randomSurvey(rng *rand.Rand) survey {
	s := survey{from: 2 + rng.IntN(5), declared: rng.IntN(3) != 0, truth: map[string][3]int{}}
	// In one survey in three, some skip a statement: a facet's count is
	// fewer than the survey's.
	skips := rng.IntN(3) == 0
	var csv strings.Builder
	csv.WriteString(trustHeader)
	meanFormat := []string{"%.2f", "%.1f"}[rng.IntN(2)]
	shareFormat := []string{"%.1f", "%.0f"}[rng.IntN(2)]
	schools := known.Schools[:1+rng.IntN(len(known.Schools))]
	type school struct{ n, invited, mode int }
	people := make([]school, len(schools))
	for i := range people {
		n := []int{rng.IntN(5), 5 + rng.IntN(20), rng.IntN(60)}[rng.IntN(3)]
		people[i] = school{n, n + []int{0, 0, 1, 3, 6}[rng.IntN(5)], 1 + rng.IntN(6)}
	}
	row := func(school, facet string, n, invited, k, sum int) {
		s.truth[school+" "+facet] = [3]int{n, k, sum}
		if n == 0 {
			fmt.Fprintf(&csv, "%s,2024-25,teachers,%s,,0,3,\n", school, facet)
			return
		}
		fmt.Fprintf(&csv, "%s,2024-25,teachers,%s,"+meanFormat+",%d,%d,"+shareFormat+"\n",
			school, facet, float64(sum)/float64(n), n, invited, 100*float64(k)/float64(n))
	}
	for _, facet := range []string{"honesty", "openness"}[:1+rng.IntN(2)] {
		var dn, dinv, dk, ds int
		for i, name := range schools {
			p := people[i]
			if skips {
				p.n = max(0, p.n-rng.IntN(3))
			}
			k, sum := 0, 0
			for range p.n {
				a := min(6, max(1, p.mode+[]int{0, 0, 0, -1, 1, -2, 2, 5, -5}[rng.IntN(9)]))
				sum += a
				if a >= s.from {
					k++
				}
			}
			dn, dinv, dk, ds = dn+p.n, dinv+p.invited, dk+k, ds+sum
			switch rng.IntN(10) {
			case 0:
				s.truth[name+" "+facet] = [3]int{p.n, k, sum}
				fmt.Fprintf(&csv, "%s,2024-25,teachers,%s,*,*,*,*\n", name, facet)
			case 1:
				// a row missing from the file
			default:
				row(name, facet, p.n, p.invited, k, sum)
			}
		}
		if rng.IntN(5) != 0 {
			row("district", facet, dn, dinv, dk, ds)
		}
	}
	s.csv = csv.String()
	s.yaml = trustYAML
	if s.declared {
		s.yaml = strings.Replace(trustYAML, "facets:", fmt.Sprintf("favorable_from: %d\nfacets:", s.from), 1)
	}
	return s
}

// readSurvey states what the published rows of a survey say, for a
// reader who counts favorable from cut on a scale of 1 to 6, and returns
// what it derives of values withheld; nothing if the numbers cannot all
// hold from that cutoff (the reader then learns only that the survey
// counts from elsewhere). A school's respondents are the same in every
// facet where no two counts shown differ.
func readSurvey(tr *audit.Trust, cut int, truth map[string][3]int) (leaks []string, decided bool) {
	r := &wholeReader{}
	type cols struct{ n, k, s int }
	vars := make([]cols, len(tr.Rows))
	for i, row := range tr.Rows {
		c := cols{r.add(0, big), r.add(0, big), r.add(0, big)}
		vars[i] = c
		n := row.Respondents
		r.boundCount(c.n, n, tr.MinRespondents)
		// k ≤ n; n + (cut−1)·k ≤ s ≤ (cut−1)·n + (7−cut)·k.
		r.le([]int{c.k, c.n}, []int{1, -1}, 0)
		r.le([]int{c.n, c.k, c.s}, []int{1, cut - 1, -1}, 0)
		r.le([]int{c.s, c.n, c.k}, []int{1, -(cut - 1), -(7 - cut)}, 0)
		if n.Hidden {
			continue
		}
		r.boundShare(c.k, n.N, row.Favorable)
		if m := row.Mean; m.Kind == evidence.Reported {
			tol := math.Max(0.005, m.Rounding)
			r.bound(c.s, int(math.Ceil(float64(n.N)*(m.Number-tol)-1e-9)), int(math.Floor(float64(n.N)*(m.Number+tol)+1e-9)))
		}
	}
	for _, slice := range tr.DistrictSums {
		var district int
		var schools []int
		for i, row := range tr.Rows {
			switch {
			case row.Year != slice.Year || row.Group != slice.Group || row.Facet != slice.Facet:
			case row.School == "district":
				district = i
			default:
				schools = append(schools, i)
			}
		}
		for q := range 3 {
			at := func(c cols) int { return [3]int{c.n, c.k, c.s}[q] }
			ids, coefs := []int{at(vars[district])}, []int{1}
			for _, i := range schools {
				ids, coefs = append(ids, at(vars[i])), append(coefs, -1)
			}
			r.eq(ids, coefs, 0)
		}
	}
	for i, a := range tr.Rows {
		for j := i + 1; j < len(tr.Rows); j++ {
			b := tr.Rows[j]
			if a.School != b.School || a.Year != b.Year || a.Group != b.Group || a.Facet == b.Facet {
				continue
			}
			differ := false
			for _, c := range tr.Rows {
				for _, d := range tr.Rows {
					differ = differ || c.School == a.School && d.School == a.School && c.Year == a.Year && d.Year == a.Year && c.Group == a.Group && d.Group == a.Group &&
						!c.Respondents.Hidden && !d.Respondents.Hidden && c.Respondents.N != d.Respondents.N
				}
			}
			// (A reader who equates counts that differ in truth, some
			// having skipped a statement, derives numbers that are not
			// true, or true by chance: this one guesses right.)
			if !differ && truth[a.School+" "+a.Facet][0] == truth[b.School+" "+b.Facet][0] {
				r.eq([]int{vars[i].n, vars[j].n}, []int{1, -1}, 0)
			}
		}
	}
	// No more answer than were invited, and the same people are invited
	// to every facet (where the invited shown differ, each facet's are
	// its own); the district's invited are the schools' where the file's
	// are.
	given := func(c audit.Count) bool {
		return !c.Hidden && c.N > 0 || c.Hidden && c.Reason != evidence.NotSuppressed
	}
	shownInvited, differ := map[string]int{}, map[string]bool{}
	for _, row := range tr.Rows {
		if c := row.Invited; given(c) && !c.Hidden {
			if n, seen := shownInvited[row.School]; seen && n != c.N {
				differ[row.School] = true
			}
			shownInvited[row.School] = c.N
		}
	}
	invited := map[string]int{}
	invitedOf := func(row audit.TrustRow) int {
		key := row.School
		if differ[key] {
			key += " " + row.Facet
		}
		v, ok := invited[key]
		if !ok {
			v = r.add(0, big)
			if n, shown := shownInvited[row.School]; shown && !differ[row.School] {
				r.bound(v, n, n)
			} else if !row.Invited.Hidden {
				r.bound(v, row.Invited.N, row.Invited.N)
			}
			invited[key] = v
		}
		return v
	}
	for i, row := range tr.Rows {
		if given(row.Invited) {
			r.le([]int{vars[i].n, invitedOf(row)}, []int{1, -1}, 0)
		}
	}
	for _, slice := range tr.InvitedSums {
		var ids, coefs []int
		for _, row := range tr.Rows {
			if row.Year != slice.Year || row.Group != slice.Group || row.Facet != slice.Facet {
				continue
			}
			coef := -1
			if row.School == "district" {
				coef = 1
			}
			ids, coefs = append(ids, invitedOf(row)), append(coefs, coef)
		}
		r.eq(ids, coefs, 0)
	}
	if !r.feasible(r.vars) {
		return nil, true
	}
	for i, row := range tr.Rows {
		c := vars[i]
		name := row.School + " " + row.Facet
		switch n := row.Respondents; {
		case n.Hidden && (n.Reason == evidence.SmallGroup || n.Reason == evidence.AtSource):
			nlo, nhi := r.rangeOf(c.n)
			if nlo == nhi && nlo > 0 && nlo < tr.MinRespondents && truth[name][0] == nlo {
				leaks = append(leaks, fmt.Sprintf("%s: count %d", name, nlo))
			}
			if nlo < 1 || nlo >= tr.MinRespondents {
				continue // none, or no small group (see the audit's judge)
			}
			if klo, khi := r.rangeOf(c.k); khi == 0 && truth[name][1] == 0 {
				leaks = append(leaks, name+": none favorable")
			} else if nlo == nhi && klo == khi && truth[name][1] == klo {
				leaks = append(leaks, fmt.Sprintf("%s: %d of %d favorable", name, klo, nlo))
			}
			if r.never(c.k, c.n) && truth[name][1] == truth[name][0] {
				leaks = append(leaks, name+": all favorable")
			}
			if slo, shi := r.rangeOf(c.s); nlo == nhi && slo == shi && truth[name][2] == slo {
				leaks = append(leaks, fmt.Sprintf("%s: ratings %d of %d", name, slo, nlo))
			}
		case !n.Hidden && row.Favorable.Kind == evidence.Coded:
			if klo, khi := r.rangeOf(c.k); klo == khi && truth[name][1] == klo {
				leaks = append(leaks, fmt.Sprintf("%s: coded %s is %d of %d", name, row.Favorable.Text, klo, n.N))
			}
		}
	}
	return leaks, !r.gaveUp
}

// wholeReader holds whole-number variables with bounds and linear
// constraints over them, and searches them by bounds propagation and
// splitting.
type wholeReader struct {
	vars []span2
	cons []constraint
	// nodes counts the search's splits; past readerNodes the search
	// stops and takes the value as possible, so that a reading that
	// cannot be decided in time reports no leak, and gaveUp says so.
	nodes  int
	gaveUp bool
}

// readerNodes bounds one survey's search. Some two-facet surveys take
// splitting exponentially long; the test counts the surveys it gave up
// on instead of hanging.
const readerNodes = 200_000

// maxPasses bounds one propagation.
const maxPasses = 200

type span2 struct{ lo, hi int }

// big is the readers' bound of a count no label bounds.
const big = 1 << 20

// constraint is Σ coef·var ≤ rhs, or = rhs.
type constraint struct {
	ids, coefs []int
	rhs        int
	equal      bool
}

func (r *wholeReader) add(lo, hi int) int {
	r.vars = append(r.vars, span2{lo, hi})
	return len(r.vars) - 1
}

func (r *wholeReader) bound(v, lo, hi int) {
	r.vars[v].lo, r.vars[v].hi = max(r.vars[v].lo, lo), min(r.vars[v].hi, hi)
}

// boundCount bounds v, a count, by what its label says: the number
// shown, under minN ("fewer than"), or at least minN ("to protect a small
// group"); nothing for one withheld at the source.
func (r *wholeReader) boundCount(v int, n audit.Count, minN int) {
	switch {
	case !n.Hidden:
		r.bound(v, n.N, n.N)
	case n.Reason == evidence.SmallGroup:
		r.bound(v, 0, minN-1)
	case n.Reason == evidence.Complementary:
		r.bound(v, minN, big)
	}
}

// boundShare bounds v, how many of n answered favorably (or are
// proficient), by the percentage f as shown: to within its rounding, or
// for a coded one from its bound to 0 or to n; nothing for one not shown.
func (r *wholeReader) boundShare(v, n int, f audit.Value) {
	if f.Kind != evidence.Reported && f.Kind != evidence.Coded {
		return
	}
	tol := math.Max(0.05, f.Rounding)
	lo, hi := float64(n)*(f.Number-tol)/100, float64(n)*(f.Number+tol)/100
	if f.Kind == evidence.Coded && (strings.HasPrefix(f.Text, "≤") || strings.HasPrefix(f.Text, "<")) {
		lo = 0
	} else if f.Kind == evidence.Coded {
		hi = float64(n)
	}
	r.bound(v, int(math.Ceil(lo-1e-9)), int(math.Floor(hi+1e-9)))
}

func (r *wholeReader) le(ids, coefs []int, rhs int) {
	r.cons = append(r.cons, constraint{ids, coefs, rhs, false})
}

func (r *wholeReader) eq(ids, coefs []int, rhs int) {
	r.cons = append(r.cons, constraint{ids, coefs, rhs, true})
}

// propagate narrows d along every constraint until nothing changes; it
// reports false when some variable is left no value.
//
// Bounds that narrow each other by one at a time (k ≤ n ≤ … ≤ k + 1) take
// as many passes as the numbers are wide: it stops after maxPasses,
// with bounds that hold, if not the narrowest; each pass counts toward
// the search's budget (see readerNodes).
func (r *wholeReader) propagate(d []span2) bool {
	for changed, pass := true, 0; changed && pass < maxPasses; pass++ {
		r.nodes++
		changed = false
		for _, c := range r.cons {
			least, most := 0, 0
			for j, v := range c.ids {
				a := c.coefs[j]
				least += min(a*d[v].lo, a*d[v].hi)
				most += max(a*d[v].lo, a*d[v].hi)
			}
			if least > c.rhs || c.equal && most < c.rhs {
				return false
			}
			for j, v := range c.ids {
				a := c.coefs[j]
				rest := least - min(a*d[v].lo, a*d[v].hi)
				// a·x ≤ rhs − rest
				lo, hi := d[v].lo, d[v].hi
				if a > 0 {
					hi = min(hi, floorDiv(c.rhs-rest, a))
				} else {
					lo = max(lo, ceilDiv(c.rhs-rest, a))
				}
				if c.equal {
					restMost := most - max(a*d[v].lo, a*d[v].hi)
					// a·x ≥ rhs − restMost
					if a > 0 {
						lo = max(lo, ceilDiv(c.rhs-restMost, a))
					} else {
						hi = min(hi, floorDiv(c.rhs-restMost, a))
					}
				}
				if lo > hi {
					return false
				}
				if lo != d[v].lo || hi != d[v].hi {
					d[v] = span2{lo, hi}
					changed = true
				}
			}
		}
	}
	return true
}

func floorDiv(a, b int) int { return int(math.Floor(float64(a) / float64(b))) }
func ceilDiv(a, b int) int  { return int(math.Ceil(float64(a) / float64(b))) }

// feasible reports whether some whole numbers within d satisfy every
// constraint.
func (r *wholeReader) feasible(d []span2) bool {
	if r.nodes++; r.nodes > readerNodes {
		r.gaveUp = true
		return true
	}
	d = append([]span2(nil), d...)
	if !r.propagate(d) {
		return false
	}
	split, width := narrowest(d)
	if split < 0 {
		return true
	}
	mid := d[split].lo + width/2
	low := append([]span2(nil), d...)
	low[split].hi = mid
	if r.feasible(low) {
		return true
	}
	d[split].lo = mid + 1
	return r.feasible(d)
}

// narrowest is the variable of d with the fewest values above one, and
// how many more than one it has; −1 where every variable has one value.
func narrowest(d []span2) (split, width int) {
	split, width = -1, math.MaxInt
	for i, v := range d {
		if w := v.hi - v.lo; w > 0 && w < width {
			split, width = i, w
		}
	}
	return split, width
}

// rangeOf is the least and the greatest whole value v takes.
func (r *wholeReader) rangeOf(v int) (int, int) {
	d := append([]span2(nil), r.vars...)
	r.propagate(d)
	least := r.search(d, v, d[v].lo, d[v].hi, true)
	return least, r.search(d, v, least, d[v].hi, false)
}

// search finds, by halving, the least (or greatest) value of v from lo
// to hi that some solution takes.
func (r *wholeReader) search(d []span2, v, lo, hi int, least bool) int {
	for lo < hi {
		t := append([]span2(nil), d...)
		if least {
			m := lo + (hi-lo)/2
			t[v].hi = m
			if r.feasible(t) {
				hi = m
			} else {
				lo = m + 1
			}
		} else {
			m := lo + (hi-lo+1)/2
			t[v].lo = m
			if r.feasible(t) {
				lo = m
			} else {
				hi = m - 1
			}
		}
	}
	return lo
}

// never reports whether no solution has k below n: all favorable.
func (r *wholeReader) never(k, n int) bool {
	saved := r.cons
	r.cons = append(r.cons[:len(r.cons):len(r.cons)], constraint{[]int{k, n}, []int{1, -1}, -1, false})
	defer func() { r.cons = saved }()
	return !r.feasible(r.vars)
}
