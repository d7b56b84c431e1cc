package site

import (
	"reflect"
	"testing"
)

func TestBySchoolKeepsOrderAndCannotOverwrite(t *testing.T) {
	type row struct{ school, v string }
	rows := []row{{"a", "1"}, {"a", "2"}, {"b", "3"}, {"a", "4"}, {"c", "5"}}
	got := bySchool(rows, func(r *row) string { return r.school })
	want := map[string][]row{
		"a": {{"a", "1"}, {"a", "2"}, {"a", "4"}},
		"b": {{"b", "3"}},
		"c": {{"c", "5"}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("bySchool = %v, want %v", got, want)
	}
	// A window on the rows must not let an append reach the next school.
	_ = append(got["b"], row{"b", "x"})
	if rows[3] != (row{"a", "4"}) {
		t.Errorf("an append to b's rows overwrote the next row: %v", rows[3])
	}
}
