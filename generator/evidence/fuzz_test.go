package evidence_test

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/folio-sites/folio/generator"
	"github.com/folio-sites/folio/generator/audit"
	"github.com/folio-sites/folio/generator/evidence"
)

// bytesReader hands out the fuzzer's bytes one at a time, 0 once they run
// out, so that every input is a district.
type bytesReader struct {
	b []byte
	i int
}

func (r *bytesReader) next(n int) int {
	if r.i >= len(r.b) || n <= 0 {
		return 0
	}
	r.i++
	return int(r.b[r.i-1]) % n
}

// split divides total into parts whose sizes the bytes choose.
func (r *bytesReader) split(total, parts int) []int {
	out := make([]int, parts)
	left := total
	for i := range parts - 1 {
		out[i] = r.next(left + 1)
		left -= out[i]
	}
	out[parts-1] = left
	return out
}

// cappedSplit divides total into parts each at most caps[i] (total ≤ Σ caps).
func (r *bytesReader) cappedSplit(total int, caps []int) []int {
	out := make([]int, len(caps))
	left := total
	for i := range caps {
		rest := 0
		for _, c := range caps[i+1:] {
			rest += c
		}
		lo, hi := max(0, left-rest), min(caps[i], left)
		out[i] = lo + r.next(hi-lo+1)
		left -= out[i]
	}
	return out
}

// district writes the data files of a random but consistent district:
// schools whose subgroups split all students two ways (two families of
// subgroups over the same students, declared or not), proficient counts
// that add up, a district row that is the sum of its schools, some rows
// missing and some counts suppressed at the source, percentages to one
// decimal, in whole numbers, or both.
func district(prog []byte) (yaml, csv string) {
	r := &bytesReader{b: prog}
	schools := 1 + r.next(4)
	famA := 2 + r.next(2) // g0..
	famB := 2 + r.next(3) // then famB more
	declare := r.next(2) == 0
	withDistrict := r.next(3) != 0
	groups := famA + famB
	var y strings.Builder
	y.WriteString("min_n: 10\nsubjects: [{id: math}]\nsubgroups:\n  - {id: all}\n")
	for g := range groups {
		fmt.Fprintf(&y, "  - {id: g%d}\n", g)
	}
	if declare {
		y.WriteString("families:\n  a: [")
		for g := range famA {
			if g > 0 {
				y.WriteString(", ")
			}
			fmt.Fprintf(&y, "g%d", g)
		}
		y.WriteString("]\n  b: [")
		for g := range famB {
			if g > 0 {
				y.WriteString(", ")
			}
			fmt.Fprintf(&y, "g%d", famA+g)
		}
		y.WriteString("]\n")
	}
	// Rows are written once the last byte has said how percentages are
	// written: to one decimal, as whole numbers (as some state files give
	// them), or both, row by row.
	type row struct {
		prefix string
		n, k   int
		counts bool // false: suppressed at the source
	}
	var rows []row
	sumN := make([]int, groups+1)
	sumK := make([]int, groups+1)
	for s := range schools {
		school := []string{"lincoln-middle", "jefferson-middle", "oak-elementary", "a", "b"}[s]
		all := r.next(120)
		allK := r.next(all + 1)
		ns := append([]int{all}, append(r.split(all, famA), r.split(all, famB)...)...)
		ks := append([]int{allK}, append(r.cappedSplit(allK, ns[1:1+famA]), r.cappedSplit(allK, ns[1+famA:])...)...)
		for g := range ns {
			sumN[g] += ns[g]
			sumK[g] += ks[g]
			id := "all"
			if g > 0 {
				id = fmt.Sprintf("g%d", g-1)
			}
			switch r.next(8) {
			case 0:
				if g > 0 {
					continue // a row missing from the file
				}
			case 1:
				rows = append(rows, row{prefix: school + ",2024-25,math," + id})
				continue
			}
			rows = append(rows, row{school + ",2024-25,math," + id, ns[g], ks[g], true})
		}
	}
	if withDistrict {
		for g := range sumN {
			id := "all"
			if g > 0 {
				id = fmt.Sprintf("g%d", g-1)
			}
			rows = append(rows, row{"district,2024-25,math," + id, sumN[g], sumK[g], true})
		}
	}
	written := r.next(3) // 0: one decimal; 1: whole and one decimal, row by row; 2: whole
	var c strings.Builder
	c.WriteString("school,year,subject,subgroup,tested,proficient_pct\n")
	for i, w := range rows {
		format := "%.1f"
		if written == 2 || written == 1 && i%2 == 0 {
			format = "%.0f"
		}
		switch {
		case !w.counts:
			fmt.Fprintf(&c, "%s,*,*\n", w.prefix)
		case w.n == 0:
			fmt.Fprintf(&c, "%s,0,0\n", w.prefix)
		default:
			fmt.Fprintf(&c, "%s,%d,"+format+"\n", w.prefix, w.n, 100*float64(w.k)/float64(w.n))
		}
	}
	return y.String(), c.String()
}

// FuzzSuppression feeds random districts through suppression and then the
// independent audit: nothing suppression withheld may be derivable.
func FuzzSuppression(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte{3, 0, 1, 0, 1, 100, 40, 4, 30, 9, 5, 60, 20, 7, 7, 7, 7, 7})
	f.Add([]byte{1, 1, 2, 1, 0, 119, 60, 9, 110, 5, 40, 30, 2, 2, 2, 2, 3, 3, 3, 9, 200, 6, 6, 6, 6})
	f.Add([]byte{4, 1, 2, 0, 1, 50, 50, 0, 4, 3, 2, 99, 98, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
	f.Fuzz(func(t *testing.T, prog []byte) {
		y, c := district(prog)
		ev, ds := load(t, map[string]string{"achievement.yaml": y, "achievement.csv": c})
		for _, d := range ds {
			if strings.Contains(d, "error") && !strings.Contains(d, "warning") {
				t.Fatalf("the generated district does not load: %s\n%s\n%s", d, y, c)
			}
		}
		if leaks := audit.Check(ev); len(leaks) > 0 {
			t.Errorf("derivable after suppression:\n%v\n%s\n%s", leaks, y, c)
		}
	})
}

// trustDistrict writes a random but consistent trust.csv: one survey slice
// at up to three schools and, mostly, the district, whose respondents,
// favorable answers and sum of ratings are its schools' sums, with some
// rows missing and some suppressed at the source, favorable percentages
// to one decimal, in whole numbers, or both, and means to two decimals,
// one, or both; on a scale of 1 to 6, or of −3 to 2 (the same ratings less
// 4), whose sums of ratings go below zero; with the sums of ratings that
// the favorable counts allow from a cutoff that trust.yaml names or not.
// It returns trust.yaml too.
func trustDistrict(prog []byte) (yaml, csv string) {
	r := &bytesReader{b: prog}
	schools := 1 + r.next(3)
	withDistrict := r.next(4) != 0
	type row struct {
		school  string
		n, k, s int
		extra   int  // where in the room its favorable count leaves the sum of ratings lies
		source  bool // suppressed at the source
		missing bool // a row missing from the file
	}
	var rows []row
	for i := range schools {
		school := known.Schools[i]
		n := r.next(90)
		k := r.next(n + 1)
		w := row{school: school, n: n, k: k, extra: r.next(5*n + 1)}
		switch r.next(8) {
		case 0:
			w.missing = true
		case 1:
			w.source = true
		}
		rows = append(rows, w)
	}
	// Read last, so that the seeds above keep their meaning: percentages
	// to one decimal, in whole numbers, or both, row by row.
	written := r.next(3) // 0: one decimal; 1: both, row by row; 2: whole
	// And means to two decimals, to one (as some survey tools export
	// them), or both, row by row.
	means := r.next(3) // 0: two decimals; 1: one; 2: both, row by row
	// And the scale: 1 to 6, or −3 to 2.
	yaml, shift := trustYAML, 0
	if r.next(2) == 1 {
		yaml, shift = strings.Replace(trustYAML, "scale: {min: 1, max: 6}", "scale: {min: -3, max: 2}", 1), -4
	}
	// And the answer favorable counts from, 2 to 6 on 1 to 6, said in
	// trust.yaml or not (then 4): each row's sum of ratings is its k
	// answers from there to 6 and its others from 1 to one below.
	cut := r.next(6)
	from := 2 + (cut+2)%5
	if cut != 0 {
		yaml = strings.Replace(yaml, "facets:", fmt.Sprintf("favorable_from: %d\nfacets:", from+shift), 1)
	}
	var sumN, sumK, sumS int
	for i := range rows {
		w := &rows[i]
		least := w.k*from + (w.n - w.k)
		room := w.k*(6-from) + (w.n-w.k)*(from-2)
		w.s = least + w.extra%(room+1)
		sumN, sumK, sumS = sumN+w.n, sumK+w.k, sumS+w.s
	}
	rows = slices.DeleteFunc(rows, func(w row) bool { return w.missing })
	if withDistrict {
		rows = append(rows, row{school: "district", n: sumN, k: sumK, s: sumS})
	}
	var c strings.Builder
	c.WriteString(trustHeader)
	for i, w := range rows {
		format := "%.1f"
		if written == 2 || written == 1 && i%2 == 0 {
			format = "%.0f"
		}
		mean := "%.2f"
		if means == 1 || means == 2 && i%2 == 1 {
			mean = "%.1f"
		}
		switch {
		case w.source:
			fmt.Fprintf(&c, "%s,2024-25,teachers,honesty,*,*,*,*\n", w.school)
		case w.n == 0:
			fmt.Fprintf(&c, "%s,2024-25,teachers,honesty,,0,10,\n", w.school)
		default:
			fmt.Fprintf(&c, "%s,2024-25,teachers,honesty,"+mean+",%d,%d,"+format+"\n", w.school, float64(w.s+shift*w.n)/float64(w.n), w.n, w.n+5, 100*float64(w.k)/float64(w.n))
		}
	}
	return yaml, c.String()
}

// FuzzTrustSuppression feeds random trust surveys through suppression and
// the independent audit: nothing withheld may be derivable, under either
// reading of a coded percentage.
func FuzzTrustSuppression(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte{1, 1, 60, 5, 100, 3, 59, 0, 80, 3}) // 5 of 60, 0 of 59: the district's "≤5%" at face value
	f.Add([]byte{2, 1, 60, 55, 250, 3, 59, 58, 200, 3, 30, 29, 100, 3})
	f.Add([]byte{2, 1, 4, 0, 3, 3, 26, 21, 90, 3, 5, 5, 20, 3})
	f.Add([]byte{2, 1, 4, 0, 3, 3, 26, 21, 90, 3, 5, 5, 20, 3, 0, 1})      // means to one decimal
	f.Add([]byte{2, 1, 1, 0, 0, 3, 0, 0, 0, 1, 48, 48, 50, 3, 0, 2})       // one decimal and two, row by row
	f.Add([]byte{2, 1, 4, 0, 3, 3, 26, 21, 90, 3, 5, 5, 20, 3, 0, 0, 1})   // a scale of −3 to 2
	f.Add([]byte{2, 1, 60, 55, 0, 3, 59, 58, 0, 3, 30, 29, 0, 3, 0, 1, 1}) // at its bottom, to one decimal
	// Two schools suppressed at the source and the district at −2.00 on
	// −3 to 2: the audit read sums below zero as 0 and "derived" 0.0.
	f.Add([]byte("21000000010001001"))
	f.Fuzz(func(t *testing.T, prog []byte) {
		y, c := trustDistrict(prog)
		ev, ds := load(t, map[string]string{"trust.yaml": y, "trust.csv": c})
		for _, d := range ds {
			if strings.Contains(d, "error") {
				t.Fatalf("the generated survey does not load: %s\n%s", d, c)
			}
		}
		if leaks := audit.Check(ev); len(leaks) > 0 {
			t.Errorf("derivable after suppression:\n%v\n%s", leaks, c)
		}
	})
}

// FuzzSuppressionCases starts from each case of testdata/privacy, as data
// files a fuzzer may change: loading never panics, no group under the
// minimum is published, and where the data still adds up (families to all
// students, schools to the district), the audit derives nothing.
func FuzzSuppressionCases(f *testing.F) {
	cases, _ := filepath.Glob("testdata/privacy/*.txtar")
	for _, file := range cases {
		files := readTxtar(f, file)
		f.Add(files["data/achievement.yaml"], files["data/achievement.csv"])
	}
	f.Fuzz(func(t *testing.T, y, c string) {
		ev, _ := load(t, map[string]string{"achievement.yaml": y, "achievement.csv": c})
		a := ev.Achievement
		if a == nil {
			return
		}
		for _, r := range a.Results {
			if n, shown := r.Tested.N(); shown && (n < a.MinN || n == 0) {
				t.Errorf("published a group of %d: %+v", n, r)
			}
		}
		if consistent(a) {
			if leaks := audit.Check(ev); len(leaks) > 0 {
				t.Errorf("derivable after suppression: %v", leaks)
			}
		}
	})
}

// consistent reports whether the data can be checked by the audit as it
// stands: a mutated file's families and district rows need not add up, and
// an identity that does not hold lets a reader "derive" wrong numbers, so
// only files without them are held to the audit (the others must still
// load without a panic and publish no small group).
func consistent(a *evidence.Achievement) bool {
	return len(a.Families) == 0 && len(a.Inferred) == 0 && !hasDistrict(a)
}

func hasDistrict(a *evidence.Achievement) bool {
	for _, r := range a.Results {
		if r.School == generator.DistrictID {
			return true
		}
	}
	return false
}

// FuzzTrustCSV feeds trust.csv files through the loader: it never panics,
// and no group under min_respondents is published.
func FuzzTrustCSV(f *testing.F) {
	files := readTxtar(f, "testdata/privacy/trust-schools.txtar")
	f.Add(files["data/trust.csv"])
	f.Add(trustHeader + "lincoln-middle,2023-24,teachers,honesty,4.2,*,25,80\nlincoln-middle,2024,teachers,honesty,4.2,n<5,,≥95%\n")
	f.Add("school;year;group;facet;mean;respondents\nlincoln-middle;2023-24;teachers;honesty;4,2;12\n")
	f.Fuzz(func(t *testing.T, c string) {
		ev, _ := load(t, map[string]string{"trust.yaml": trustYAML, "trust.csv": c})
		if ev.Trust == nil {
			return
		}
		for _, r := range ev.Trust.Results {
			if n, shown := r.Respondents.N(); shown && n < ev.Trust.MinRespondents {
				t.Errorf("published a group of %d: %+v", n, r)
			}
		}
	})
}
