package evidence

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/folio-sites/folio/generator"
)

// ParseYear reads a school year as schools and spreadsheets write it:
// "2023-24", "2023-2024", or the bare spring year "2024", all meaning
// SchoolYear(2024). A range whose years do not follow each other, such as
// "2023-25", is rejected. Written out by hand rather than as a regular
// expression (one of every few cells of an evidence file is a year):
// values_syntax_test.go holds it to the expression it replaces.
func ParseYear(s string) (generator.SchoolYear, bool) {
	s = strings.TrimSpace(s)
	if len(s) < 4 || s[0] < '1' || s[0] > '9' || !allDigits(s[:4]) {
		return 0, false
	}
	fall, _ := strconv.Atoi(s[:4])
	switch rest := s[4:]; {
	case rest == "":
		return generator.SchoolYear(fall), true
	case rest[0] != '-' || !allDigits(rest[1:]):
		return 0, false
	case len(rest) == 3:
		if spring, _ := strconv.Atoi(rest[1:]); spring != (fall+1)%100 {
			return 0, false
		}
	case len(rest) == 5:
		if spring, _ := strconv.Atoi(rest[1:]); spring != fall+1 {
			return 0, false
		}
	default:
		return 0, false
	}
	return generator.SchoolYear(fall + 1), true
}

// allDigits reports whether s is one or more of 0-9.
func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// leadingDigits is how many of s's first bytes are 0-9.
func leadingDigits(s string) int {
	n := 0
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	return n
}

// isDecimal reports whether s is a plain decimal number: an optional
// minus, then digits with an optional fraction ("12", "12.5") or a
// fraction alone (".5"); with decimalComma the fraction may follow a
// comma too ("12,5"). No exponent, no sign but the minus, no spaces.
func isDecimal(s string, decimalComma bool) bool {
	s = strings.TrimPrefix(s, "-")
	whole := leadingDigits(s)
	s = s[whole:]
	if s == "" {
		return whole > 0
	}
	if s[0] != '.' && (s[0] != ',' || !decimalComma) {
		return false
	}
	return allDigits(s[1:])
}

// isGroupedCount reports whether s is a whole number grouped by thousands
// with commas: "1,204", "12,345,678" (not "1204" nor "1,20").
func isGroupedCount(s string) bool {
	head := leadingDigits(s)
	if head == 0 || head > 3 || head == len(s) {
		return false
	}
	for s = s[head:]; s != ""; s = s[4:] {
		if len(s) < 4 || s[0] != ',' || leadingDigits(s[1:4]) != 3 {
			return false
		}
	}
	return true
}

var (
	// codedPattern is a range reported instead of a number: "<5", "≥95%".
	codedPattern = regexp.MustCompile(`^(<=|>=|≤|≥|<|>)\s*([^\s%]+)\s*%?$`)
	// notReportedCount is a state's own suppression marker, "n<10".
	notReportedCount = regexp.MustCompile(`^n\s*<\s*\d+$`)
	// suppressedCount is a count given only as a bound, "<10".
	suppressedCount = regexp.MustCompile(`^(?:n\s*)?(?:<|≤|<=)\s*\d+$`)
)

// mayBeBound reports whether s can be a bound or a state's marker ("<5",
// "≥95%", "n<10"): whether it starts the way codedPattern,
// notReportedCount and suppressedCount all require. Most cells are plain
// numbers and skip the three expressions.
func mayBeBound(s string) bool {
	return s != "" && (s[0] == '<' || s[0] == '>' || s[0] == 'n' || strings.HasPrefix(s, "≤") || strings.HasPrefix(s, "≥"))
}

// matchBound is re's submatches in s, or nil, for re one of the bound
// patterns, run only where mayBeBound.
func matchBound(re *regexp.Regexp, s string) []string {
	if !mayBeBound(s) {
		return nil
	}
	return re.FindStringSubmatch(s)
}

// notReportedMarkers are the markers state report cards write for a value they
// suppressed or did not report (compared in lower case).
var notReportedMarkers = []string{"", "*", "s", "-", "–", "—", "n/a", "na"}

// sourceSuppressedCount reports whether a count cell holds a source's
// suppression marker instead of a number: "*", "s", "-", "–", "N/A", "NA",
// "<10", "n<10" or a blank.
func sourceSuppressedCount(s string) bool {
	lower := strings.ToLower(strings.TrimSpace(s))
	return slices.Contains(notReportedMarkers, lower) || mayBeBound(lower) && suppressedCount.MatchString(lower)
}

// parseNumber reads a decimal number. With decimalComma (a semicolon-
// separated file) "61,5" is 61.5; "61.5" is accepted either way.
func parseNumber(s string, decimalComma bool) (float64, bool) {
	if !isDecimal(s, decimalComma) {
		return 0, false
	}
	if decimalComma {
		s = strings.Replace(s, ",", ".", 1)
	}
	f, err := strconv.ParseFloat(s, 64)
	return f, err == nil
}

// parseCount reads a whole number of students or respondents, 0 or more.
// In a comma-separated file a count may be grouped by thousands, "1,204"
// (quoted in the file), as spreadsheets format it. A fraction of zeros is
// dropped, "192.0" (",0" in a semicolon-separated file): pandas writes a
// column of counts that way when one of its cells is blank, and a
// spreadsheet when the column's format shows a decimal.
func parseCount(s string, decimalComma bool) (int, bool) {
	s = trimZeroFraction(s, decimalComma)
	if !decimalComma && isGroupedCount(s) {
		s = strings.ReplaceAll(s, ",", "")
	}
	if !allDigits(s) {
		return 0, false
	}
	n, err := strconv.Atoi(s)
	return n, err == nil
}

// trimZeroFraction drops a fraction made of zeros only from a number,
// "192.0" → "192", "1,204.00" → "1,204"; with decimalComma the fraction
// follows a comma, "192,0" ("1.000" there is a thousand, and is left).
// Anything else is returned as it is.
func trimZeroFraction(s string, decimalComma bool) string {
	point := byte('.')
	if decimalComma {
		point = ','
	}
	i := strings.LastIndexByte(s, point)
	if i <= 0 || i == len(s)-1 || strings.Trim(s[i+1:], "0") != "" {
		return s
	}
	return s[:i]
}

// parseMeasure reads a reported value such as a percentage or a mean, as
// state report-card downloads write it:
//
//   - a number, with an optional trailing "%": Reported;
//   - a blank, "*", "s", "-", "–", "N/A", "NA" or "n<10": NotReported, with
//     the token in Text (suppressed or missing at the source);
//   - a bound, "<5", ">95", "≤5%", "≥95%", "<=5", ">=95": Coded, with the
//     bound in Value and Text normalised to "<5%", "≤5%", ">95%" or "≥95%".
//
// With decimalComma (a semicolon-separated file) "61,5" is read as 61.5.
// Anything else is an error. Ranges are not checked.
func parseMeasure(s string, decimalComma bool) (Measure, error) {
	s = strings.TrimSpace(s)
	lower := strings.ToLower(s)
	if slices.Contains(notReportedMarkers, lower) || mayBeBound(lower) && notReportedCount.MatchString(lower) {
		return notReported(s), nil
	}
	if m := matchBound(codedPattern, s); m != nil {
		v, ok := parseNumber(m[2], decimalComma)
		if !ok || v < 0 {
			return Measure{}, fmt.Errorf("%s is not a number", generator.Quote(s))
		}
		op := map[string]string{"<=": "≤", ">=": "≥"}[m[1]]
		if op == "" {
			op = m[1]
		}
		return coded(v, op+formatNumber(v)+"%"), nil
	}
	num := strings.TrimSpace(strings.TrimSuffix(s, "%"))
	v, ok := parseNumber(num, decimalComma)
	if !ok {
		return Measure{}, fmt.Errorf("%s is not a number", generator.Quote(s))
	}
	m := reported(v)
	digits := fractionDigits(num)
	m.whole, m.tenths = digits == 0, digits == 1
	return m, nil
}

// fractionDigits counts the digits a number as written has after its
// decimal mark, a point or (in a file with decimal commas) a comma.
func fractionDigits(num string) int {
	i := strings.LastIndexAny(num, ".,")
	if i < 0 {
		return 0
	}
	n := 0
	for _, c := range []byte(num[i+1:]) {
		if c < '0' || c > '9' {
			break
		}
		n++
	}
	return n
}

// formatNumber writes v without trailing zeros: 5, 95, 2.5.
func formatNumber(v float64) string {
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// numberHint is the hint for a value that is not a number.
const numberHint = "write a number such as 61.5, a bound such as <5, or * for a value not reported"
