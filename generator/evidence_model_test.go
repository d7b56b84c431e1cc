package generator

import (
	"fmt"
	"testing"
)

// TestSchoolYearString holds the fast path of SchoolYear.String to the
// format it replaced, over the years a file can hold and past them.
func TestSchoolYearString(t *testing.T) {
	for _, c := range []struct {
		y    SchoolYear
		want string
	}{{2024, "2023-24"}, {2000, "1999-00"}, {2001, "2000-01"}, {1000, "999-00"}, {9999, "9998-99"}} {
		if got := c.y.String(); got != c.want {
			t.Errorf("SchoolYear(%d) = %q, want %q", int(c.y), got, c.want)
		}
	}
	for y := -20000; y <= 20000; y++ {
		if got, want := SchoolYear(y).String(), fmt.Sprintf("%d-%02d", y-1, y%100); got != want {
			t.Fatalf("SchoolYear(%d) = %q, want %q", y, got, want)
		}
	}
}
