package evidence

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/folio-sites/folio/generator"
)

var yearPattern = regexp.MustCompile(`^([1-9]\d{3})(?:-(\d{2}|\d{4}))?$`)

// ParseYear reads a school year as schools and spreadsheets write it:
// "2023-24", "2023-2024", or the bare spring year "2024", all meaning
// SchoolYear(2024). A range whose years do not follow each other, such as
// "2023-25", is rejected.
func ParseYear(s string) (generator.SchoolYear, bool) {
	m := yearPattern.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return 0, false
	}
	fall, _ := strconv.Atoi(m[1])
	switch len(m[2]) {
	case 0:
		return generator.SchoolYear(fall), true
	case 2:
		if spring, _ := strconv.Atoi(m[2]); spring != (fall+1)%100 {
			return 0, false
		}
	case 4:
		if spring, _ := strconv.Atoi(m[2]); spring != fall+1 {
			return 0, false
		}
	}
	return generator.SchoolYear(fall + 1), true
}

var (
	numberPattern       = regexp.MustCompile(`^-?(?:\d+(?:\.\d+)?|\.\d+)$`)
	commaNumberPattern  = regexp.MustCompile(`^-?(?:\d+(?:[.,]\d+)?|[.,]\d+)$`)
	countPattern        = regexp.MustCompile(`^\d+$`)
	groupedCountPattern = regexp.MustCompile(`^\d{1,3}(?:,\d{3})+$`)
	// codedPattern is a range reported instead of a number: "<5", "≥95%".
	codedPattern = regexp.MustCompile(`^(<=|>=|≤|≥|<|>)\s*([^\s%]+)\s*%?$`)
	// notReportedCount is a state's own suppression marker, "n<10".
	notReportedCount = regexp.MustCompile(`^n\s*<\s*\d+$`)
	// suppressedCount is a count given only as a bound, "<10".
	suppressedCount = regexp.MustCompile(`^(?:n\s*)?(?:<|≤|<=)\s*\d+$`)
)

// notReportedMarkers are the markers state report cards write for a value they
// suppressed or did not report (compared in lower case).
var notReportedMarkers = []string{"", "*", "s", "-", "–", "—", "n/a", "na"}

// sourceSuppressedCount reports whether a count cell holds a source's
// suppression marker instead of a number: "*", "s", "-", "–", "N/A", "NA",
// "<10", "n<10" or a blank.
func sourceSuppressedCount(s string) bool {
	lower := strings.ToLower(strings.TrimSpace(s))
	return slices.Contains(notReportedMarkers, lower) || suppressedCount.MatchString(lower)
}

// parseNumber reads a decimal number. With decimalComma (a semicolon-
// separated file) "61,5" is 61.5; "61.5" is accepted either way.
func parseNumber(s string, decimalComma bool) (float64, bool) {
	if decimalComma {
		if !commaNumberPattern.MatchString(s) {
			return 0, false
		}
		s = strings.Replace(s, ",", ".", 1)
	} else if !numberPattern.MatchString(s) {
		return 0, false
	}
	f, err := strconv.ParseFloat(s, 64)
	return f, err == nil
}

// parseCount reads a whole number of students or respondents, 0 or more.
// In a comma-separated file a count may be grouped by thousands, "1,204"
// (quoted in the file), as spreadsheets format it.
func parseCount(s string, decimalComma bool) (int, bool) {
	if !decimalComma && groupedCountPattern.MatchString(s) {
		s = strings.ReplaceAll(s, ",", "")
	}
	if !countPattern.MatchString(s) {
		return 0, false
	}
	n, err := strconv.Atoi(s)
	return n, err == nil
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
	if slices.Contains(notReportedMarkers, lower) || notReportedCount.MatchString(lower) {
		return notReported(s), nil
	}
	if m := codedPattern.FindStringSubmatch(s); m != nil {
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
