package evidence

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/folio-sites/folio/generator"
)

// TestParseRowsInParallelAsSerial holds parseRows, which parses chunks of
// rows on every core, to the plain loop it replaced: the same rows kept
// and the same diagnostics in the same order (not sorted afterwards),
// over 10,000 rows whose problems and duplicates fall on both sides of
// the chunk boundaries.
func TestParseRowsInParallelAsSerial(t *testing.T) {
	var csv strings.Builder
	csv.WriteString("id,n\n")
	for i := range 10_000 {
		fmt.Fprintf(&csv, "k%d,%d\n", i%7919, i) // ids repeat after 7,919 rows
	}
	fsys := fstest.MapFS{"data/t.csv": &fstest.MapFile{Data: []byte(csv.String())}}
	var tds generator.Diagnostics
	tab, _ := readTable(fsys, "t.csv", columns{required: []string{"id", "n"}}, &tds)
	if tab == nil || len(tab.rows) != 10_000 || len(tds) != 0 {
		t.Fatalf("table: %v rows, %v", tab, tds)
	}
	// A row reports nothing, a warning, or two problems (the later column
	// first), and is left out when n is a multiple of 3.
	parse := func(r record, ds *generator.Diagnostics) (int, bool) {
		s, pos := r.field("n")
		n, _ := strconv.Atoi(s)
		if n%5 == 0 {
			ds.Warnf(pos, "", "row %d: a warning", n)
		}
		if n%3 == 0 {
			_, idPos := r.field("id")
			ds.Errorf(pos, "", "row %d: n", n)
			ds.Errorf(idPos, "", "row %d: id", n)
			return n, false
		}
		return n, true
	}
	key := func(n int) (string, generator.Pos) {
		return "k" + strconv.Itoa(n%7919), generator.Pos{File: "data/t.csv", Line: n + 2}
	}
	var want generator.Diagnostics
	var wantRows []int
	first := map[string]generator.Pos{}
	for _, r := range tab.rows {
		v, ok := parse(r, &want)
		if !ok {
			continue
		}
		k, pos := key(v)
		if prev, dup := first[k]; dup {
			want.Errorf(pos, "the first is at "+lineOf(prev), "duplicate row for %s", k)
			continue
		}
		first[k] = pos
		wantRows = append(wantRows, v)
	}
	var got generator.Diagnostics
	gotRows := parseRows(tab, &got, parse, key, func(n int) string { k, _ := key(n); return k })
	if !slices.Equal(gotRows, wantRows) {
		t.Errorf("kept %d rows, want %d (first difference near %v)", len(gotRows), len(wantRows), firstDiff(gotRows, wantRows))
	}
	if len(got) != len(want) {
		t.Fatalf("%d diagnostics, want %d", len(got), len(want))
	}
	for i := range got {
		if got[i].String() != want[i].String() {
			t.Fatalf("diagnostic %d = %s, want %s", i, got[i], want[i])
		}
	}
	if len(want) < 5000 || len(wantRows) < 4000 {
		t.Fatalf("the case is too easy: %d diagnostics, %d rows kept", len(want), len(wantRows))
	}
}

func firstDiff(a, b []int) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

// TestSortRowsIsStable holds sortRows, which sorts keys made once and
// moves the rows in place, to slices.SortStableFunc over the rows
// themselves: rows with many equal keys, in shuffled orders, of lengths
// around the permutation's edge cases (empty, one, sorted, reversed).
func TestSortRowsIsStable(t *testing.T) {
	type row struct {
		group string
		n     int // the row's place in the input: tells equal keys apart
	}
	rank := map[string]int{"c": 0, "a": 1, "b": 2} // not alphabetical
	byGroup := func(a, b row) int { return cmp.Compare(rank[a.group], rank[b.group]) }
	rng := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{0, 1, 2, 3, 10, 257, 5000} {
		for trial := range 4 {
			rows := make([]row, n)
			for i := range rows {
				rows[i] = row{group: []string{"a", "b", "c"}[rng.IntN(3)], n: i}
			}
			switch trial {
			case 1:
				slices.SortStableFunc(rows, byGroup)
			case 2:
				slices.SortStableFunc(rows, func(a, b row) int { return -byGroup(a, b) })
			}
			want := slices.Clone(rows)
			slices.SortStableFunc(want, byGroup)
			sortRows(rows, func(r *row) int { return rank[r.group] }, cmp.Compare[int])
			for i := range rows {
				if rows[i] != want[i] {
					t.Fatalf("%d rows, trial %d: row %d is %v, want %v", n, trial, i, rows[i], want[i])
				}
			}
		}
	}
}
