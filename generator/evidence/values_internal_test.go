package evidence

import "testing"

func TestParseMeasure(t *testing.T) {
	tests := []struct {
		in           string
		decimalComma bool
		want         Measure
		err          string
	}{
		{"61.5", false, Measure{kind: Reported, value: 61.5, tenths: true}, ""},
		{"61.5%", false, Measure{kind: Reported, value: 61.5, tenths: true}, ""},
		{"61,5", true, Measure{kind: Reported, value: 61.5, tenths: true}, ""},
		{"61.5", true, Measure{kind: Reported, value: 61.5, tenths: true}, ""},
		{"4.25", false, reported(4.25), ""},
		{"4,25", true, reported(4.25), ""},
		{"4.250", false, reported(4.25), ""},
		{"61,5", false, Measure{}, "'61,5' is not a number"},
		{"0", false, Measure{kind: Reported, whole: true}, ""},
		{"61", false, Measure{kind: Reported, value: 61, whole: true}, ""},
		{"61 %", true, Measure{kind: Reported, value: 61, whole: true}, ""},
		{"61.0", false, Measure{kind: Reported, value: 61, tenths: true}, ""},
		{"61,0", true, Measure{kind: Reported, value: 61, tenths: true}, ""},
		{"", false, notReported(""), ""},
		{"*", false, notReported("*"), ""},
		{"s", false, notReported("s"), ""},
		{"-", false, notReported("-"), ""},
		{"–", false, notReported("–"), ""},
		{"N/A", false, notReported("N/A"), ""},
		{"NA", false, notReported("NA"), ""},
		{"n<10", false, notReported("n<10"), ""},
		{"N<25", false, notReported("N<25"), ""},
		{"<5", false, coded(5, "<5%"), ""},
		{">95", false, coded(95, ">95%"), ""},
		{"≤5%", false, coded(5, "≤5%"), ""},
		{"≥95%", false, coded(95, "≥95%"), ""},
		{"<=5", false, coded(5, "≤5%"), ""},
		{">= 95 %", false, coded(95, "≥95%"), ""},
		{"<2,5", true, coded(2.5, "<2.5%"), ""},
		{"abc", false, Measure{}, "'abc' is not a number"},
		{"1e3", false, Measure{}, "'1e3' is not a number"},
		{"NaN", false, Measure{}, "'NaN' is not a number"},
		{"<abc", false, Measure{}, "'<abc' is not a number"},
		{"12..5", false, Measure{}, "'12..5' is not a number"},
	}
	for _, tt := range tests {
		got, err := parseMeasure(tt.in, tt.decimalComma)
		gotErr := ""
		if err != nil {
			gotErr = err.Error()
		}
		if got != tt.want || gotErr != tt.err {
			t.Errorf("parseMeasure(%q, %v) = %+v, %q; want %+v, %q", tt.in, tt.decimalComma, got, gotErr, tt.want, tt.err)
		}
	}
}
