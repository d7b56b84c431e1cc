package message

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/folio-sites/folio/generator"
)

// TestWriteArgIsFmtPrint holds the fast path for strings and ints to what
// fmt.Fprint writes, and shows that other values still go through fmt.
func TestWriteArgIsFmtPrint(t *testing.T) {
	type named string
	values := []any{"", "Lincoln Middle", "ünïcode ≥95%", 0, 7, -12, math.MaxInt, math.MinInt,
		int64(40), 3.5, 1e21, named("x"), generator.SchoolYear(2024), nil, []int{1, 2}, true}
	for _, v := range values {
		var b strings.Builder
		writeArg(&b, v)
		if got, want := b.String(), fmt.Sprint(v); got != want {
			t.Errorf("writeArg(%#v) = %q, fmt.Sprint gives %q", v, got, want)
		}
	}
}
