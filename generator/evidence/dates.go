package evidence

import (
	"fmt"
	"regexp"
	"strconv"
	"time"

	"github.com/folio-sites/folio/generator"
)

// Dates in CSV files. A date is YYYY-MM-DD whatever the site says; with
// folio.yaml dates: us (or day-first), 3/14/2025 (14/3/2025) is read too,
// as spreadsheets in that country export it. Anything else is an error
// whose hint gives the ISO date: the one reading of 3/14/2025, both
// readings of 3/4/2025, or the day an Excel serial number such as 45730
// stands for.

var (
	// looseISO is a date written year first without leading zeros
	// (2023-10-5), or with a time of day after it (2023-10-15T00:00:00,
	// 2023-10-15 00:00), as spreadsheets and survey tools export them:
	// year, month and day, with nothing to mistake.
	looseISO = regexp.MustCompile(`^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$`)
	// excelSerial is a spreadsheet's day number, what a date cell becomes
	// when the column is formatted as a number: 45730 is 2025-03-14.
	excelSerial = regexp.MustCompile(`^\d{5}$`)
)

// excelEpoch is the day before Excel's day 1, taking into account its
// 1900 leap-year bug (serial numbers after February 1900 count from here).
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

// parseDate reads a date as order allows. When it cannot, hint says what
// the author probably meant.
func parseDate(s string, order generator.DateOrder) (t time.Time, hint string, ok bool) {
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, "", true
	}
	const iso = "write dates as YYYY-MM-DD, e.g. 2025-10-01"
	if m := looseISO.FindStringSubmatch(s); m != nil {
		year, _ := strconv.Atoi(m[1])
		month, _ := strconv.Atoi(m[2])
		day, _ := strconv.Atoi(m[3])
		if d, ok := generator.CalendarDate(year, month, day); ok {
			return d, "", true
		}
		return time.Time{}, iso, false
	}
	if excelSerial.MatchString(s) {
		n, _ := strconv.Atoi(s)
		d := excelEpoch.AddDate(0, 0, n)
		return time.Time{}, fmt.Sprintf("did you mean %s? (a spreadsheet's day number: format the column as a date before exporting)", d.Format(time.DateOnly)), false
	}
	monthFirst, dayFirst, mfOK, dfOK, slashed := generator.SlashDate(s)
	if !slashed {
		return time.Time{}, iso, false
	}
	switch order {
	case generator.MonthFirst:
		if mfOK {
			return monthFirst, "", true
		}
		if dfOK {
			return time.Time{}, fmt.Sprintf("did you mean %s? (folio.yaml says dates: us, month first)", dayFirst.Format(time.DateOnly)), false
		}
		return time.Time{}, iso, false
	case generator.DayFirst:
		if dfOK {
			return dayFirst, "", true
		}
		if mfOK {
			return time.Time{}, fmt.Sprintf("did you mean %s? (folio.yaml says dates: day-first)", monthFirst.Format(time.DateOnly)), false
		}
		return time.Time{}, iso, false
	}
	switch {
	case mfOK && dfOK && !monthFirst.Equal(dayFirst):
		return time.Time{}, fmt.Sprintf("did you mean %s or %s? write YYYY-MM-DD, or set dates: us (month first) or dates: day-first in folio.yaml",
			monthFirst.Format(time.DateOnly), dayFirst.Format(time.DateOnly)), false
	case mfOK:
		return time.Time{}, fmt.Sprintf("did you mean %s? (or set dates: us in folio.yaml to read %s as written)", monthFirst.Format(time.DateOnly), s), false
	case dfOK:
		return time.Time{}, fmt.Sprintf("did you mean %s? (or set dates: day-first in folio.yaml to read %s as written)", dayFirst.Format(time.DateOnly), s), false
	}
	return time.Time{}, iso, false
}
