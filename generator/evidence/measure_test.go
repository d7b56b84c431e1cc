package evidence_test

import (
	"testing"

	"github.com/folio-sites/folio/generator/evidence"
)

// TestZeroValueIsNoData: a Measure or Count that no one set holds no
// number, so a value a stage forgot to fill (or made up as a zero value,
// the only one it can make) is never published as 0.
func TestZeroValueIsNoData(t *testing.T) {
	var m evidence.Measure
	if m.Kind() != evidence.NotReported || m.Text() != "" || m.Reason() != evidence.NotSuppressed {
		t.Errorf("zero Measure: kind %v, text %q, reason %v; want not reported", m.Kind(), m.Text(), m.Reason())
	}
	if v, ok := m.Value(); ok || v != 0 {
		t.Errorf("zero Measure has the value %v, %v", v, ok)
	}
	if b, ok := m.Bound(); ok || b != 0 {
		t.Errorf("zero Measure has the bound %v, %v", b, ok)
	}
	var c evidence.Count
	if n, ok := c.N(); ok || n != 0 {
		t.Errorf("zero Count has the number %v, %v", n, ok)
	}
	if c.Hidden() || c.Reason() != evidence.NotSuppressed {
		t.Errorf("zero Count is hidden (%v)", c.Reason())
	}
}

// TestValuesGiveOnlyWhatIsPublished reads each kind of value as a later
// stage does, through its accessors: a number comes out of a reported
// value only, a bound out of a coded one only, and nothing out of a
// suppressed one.
func TestValuesGiveOnlyWhatIsPublished(t *testing.T) {
	ev, diags := load(t, map[string]string{
		"achievement.yaml": achievementYAML,
		"achievement.csv": achievementHeader +
			"lincoln-middle,2023-24,math,all,120,61.5\n" +
			"lincoln-middle,2023-24,reading,all,120,97\n" +
			"lincoln-middle,2023-24,math,black,7,43.7\n" +
			"lincoln-middle,2023-24,reading,black,*,*\n",
	})
	checkDiagnostics(t, diags, nil)
	type read struct {
		kind         evidence.MeasureKind
		value, bound float64
		hasV, hasB   bool
		n            int
		hasN, hidden bool
		reason       evidence.SuppressReason
	}
	var got []read
	for _, r := range ev.Achievement.Results {
		x := read{kind: r.Proficient.Kind(), hidden: r.Tested.Hidden(), reason: r.Tested.Reason()}
		x.value, x.hasV = r.Proficient.Value()
		x.bound, x.hasB = r.Proficient.Bound()
		x.n, x.hasN = r.Tested.N()
		got = append(got, x)
	}
	want := []read{
		{kind: evidence.Reported, value: 61.5, hasV: true, n: 120, hasN: true},
		{kind: evidence.Suppressed, hidden: true, reason: evidence.SmallGroup},
		{kind: evidence.Coded, bound: 95, hasB: true, n: 120, hasN: true},
		{kind: evidence.NotReported, hidden: true, reason: evidence.AtSource},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d rows, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("row %d (%s): read %+v, want %+v", i, ev.Achievement.Results[i].Subgroup, got[i], want[i])
		}
	}
}
