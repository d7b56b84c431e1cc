package evidence

import (
	"math/rand/v2"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/folio-sites/folio/generator"
)

// The regular expressions the hand-written scanners of values.go replace:
// the scanners must accept exactly what these match.
var (
	yearSyntax         = regexp.MustCompile(`^([1-9]\d{3})(?:-(\d{2}|\d{4}))?$`)
	numberSyntax       = regexp.MustCompile(`^-?(?:\d+(?:\.\d+)?|\.\d+)$`)
	commaNumberSyntax  = regexp.MustCompile(`^-?(?:\d+(?:[.,]\d+)?|[.,]\d+)$`)
	countSyntax        = regexp.MustCompile(`^\d+$`)
	groupedCountSyntax = regexp.MustCompile(`^\d{1,3}(?:,\d{3})+$`)
	// writtenCountSyntax and commaWrittenCountSyntax are what parseCount
	// reads, in a comma- and a semicolon-separated file: digits, grouped
	// by thousands or not, then a fraction of zeros or none.
	writtenCountSyntax      = regexp.MustCompile(`^(\d+|\d{1,3}(?:,\d{3})+)(?:\.0+)?$`)
	commaWrittenCountSyntax = regexp.MustCompile(`^(\d+)(?:,0+)?$`)
)

// countBySyntax is parseCount as an expression says it: ok, and the
// digits of the whole number it reads (leading zeros kept).
func countBySyntax(s string, decimalComma bool) (string, bool) {
	re := writtenCountSyntax
	if decimalComma {
		re = commaWrittenCountSyntax
	}
	m := re.FindStringSubmatch(s)
	if m == nil {
		return "", false
	}
	return strings.ReplaceAll(m[1], ",", ""), true
}

// yearBySyntax is ParseYear as it was written with yearSyntax.
func yearBySyntax(s string) (generator.SchoolYear, bool) {
	m := yearSyntax.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return 0, false
	}
	var fall, spring int
	for _, c := range m[1] {
		fall = fall*10 + int(c-'0')
	}
	for _, c := range m[2] {
		spring = spring*10 + int(c-'0')
	}
	switch len(m[2]) {
	case 0:
		return generator.SchoolYear(fall), true
	case 2:
		if spring != (fall+1)%100 {
			return 0, false
		}
	case 4:
		if spring != fall+1 {
			return 0, false
		}
	}
	return generator.SchoolYear(fall + 1), true
}

// checkValueSyntax fails t where a scanner and its expression disagree on s.
func checkValueSyntax(t *testing.T, s string) {
	t.Helper()
	if got, want := isDecimal(s, false), numberSyntax.MatchString(s); got != want {
		t.Errorf("isDecimal(%q, false) = %v, the expression says %v", s, got, want)
	}
	if got, want := isDecimal(s, true), commaNumberSyntax.MatchString(s); got != want {
		t.Errorf("isDecimal(%q, true) = %v, the expression says %v", s, got, want)
	}
	if got, want := allDigits(s), countSyntax.MatchString(s); got != want {
		t.Errorf("allDigits(%q) = %v, the expression says %v", s, got, want)
	}
	if got, want := isGroupedCount(s), groupedCountSyntax.MatchString(s); got != want {
		t.Errorf("isGroupedCount(%q) = %v, the expression says %v", s, got, want)
	}
	for _, decimalComma := range []bool{false, true} {
		n, ok := parseCount(s, decimalComma)
		digits, want := countBySyntax(s, decimalComma)
		if len(digits) > 18 { // more than an int holds: parseCount refuses it
			continue
		}
		if wantN, _ := strconv.Atoi(digits); ok != want || n != wantN {
			t.Errorf("parseCount(%q, %v) = %d, %v; the expression says %q, %v", s, decimalComma, n, ok, digits, want)
		}
	}
	gy, gok := ParseYear(s)
	wy, wok := yearBySyntax(s)
	if gy != wy || gok != wok {
		t.Errorf("ParseYear(%q) = %v, %v; the expression says %v, %v", s, gy, gok, wy, wok)
	}
	for _, re := range []*regexp.Regexp{codedPattern, notReportedCount, suppressedCount} {
		if re.MatchString(s) && !mayBeBound(s) {
			t.Errorf("%q matches %s, but mayBeBound says it cannot", s, re)
		}
	}
}

// TestValueSyntaxMatchesItsExpressions holds the scanners to the
// expressions, on cases written out and on random strings of the
// characters that matter.
func TestValueSyntaxMatchesItsExpressions(t *testing.T) {
	for _, s := range []string{
		"", "0", "-", "--1", "-0", "12", "12.5", "12,5", ".5", ",5", "-.5", "12.", "12,", ".", ",",
		"1,204", "12,345,678", "1234,567", "1,20", "1,2345", ",123", "1,,234", "0,000",
		"192.0", "192.00", "192.", ".0", "192.5", "192,0", "1,204.0", "1.000", "1.000,0", "0.0", "192.0.0",
		"2024", "2023-24", "2023-2024", "2023-25", "0999", "1999-00", "9999-00", "2023-", "2023-2",
		"2023-245", " 2024 ", "2024\n", "٢٠٢٤", "2024-٢٥", "<5", "≤5%", "≥95", "n<10", "n <10",
		"1e3", "+5", "5-", "1.2.3",
	} {
		checkValueSyntax(t, s)
	}
	rng := rand.New(rand.NewPCG(7, 11))
	alphabet := []string{"0", "1", "2", "9", "-", ".", ",", " ", "<", "n", "≤", "%", "a", "\n", "0", "0"}
	years := []string{"0", "1", "2", "3", "4", "-"} // years that follow each other, and not
	for range 100_000 {
		var b strings.Builder
		for range 4 + rng.IntN(6) {
			b.WriteString(years[rng.IntN(len(years))])
		}
		checkValueSyntax(t, b.String())
	}
	for range 200_000 {
		var b strings.Builder
		for range rng.IntN(12) {
			b.WriteString(alphabet[rng.IntN(len(alphabet))])
		}
		checkValueSyntax(t, b.String())
	}
}

// FuzzValueSyntax holds the scanners to their expressions on any input.
func FuzzValueSyntax(f *testing.F) {
	for _, s := range []string{"2023-24", "1,204", "-12.5", "12,5", "<5", "n<10"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { checkValueSyntax(t, s) })
}
