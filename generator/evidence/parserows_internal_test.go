package evidence

import (
	"fmt"
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
	gotRows := parseRows(tab, &got, parse, key)
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
