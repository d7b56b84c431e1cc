package generator

import (
	"fmt"
	"strconv"
	"time"
)

// SchoolYear is a school year, identified by the calendar year of its
// spring: "2023-24" (and the bare "2024") is SchoolYear(2024). Years sort
// as numbers, so chronologically.
type SchoolYear int

// String writes the year as schools do: "2023-24".
func (y SchoolYear) String() string {
	if y < 1000 || y > 9999 {
		return fmt.Sprintf("%d-%02d", int(y)-1, int(y)%100)
	}
	// The years a file can hold, without fmt: evidence keys and the
	// privacy audit name every row by its year.
	b := strconv.AppendInt(make([]byte, 0, 7), int64(y)-1, 10)
	return string(append(b, '-', byte('0'+y%100/10), byte('0'+y%10)))
}

// Observation is one row of installation.csv: the status of an indicator
// at a school on a date.
type Observation struct {
	Pos       Pos
	School    string
	Indicator string
	Date      time.Time
	// Status is a status id of the framework's scale or NotApplicable.
	// When the row's status was blank it is derived from Value and the
	// indicator's target, and Derived is true.
	Status  string
	Derived bool
	// Value is the count of a counted indicator; nil when not given.
	Value *float64
	// Evidence is a URL or a path relative to content/ ("" if none).
	Evidence string
	Note     string
}

// Label is an id with the label readers see.
type Label struct {
	ID    string
	Label string
	// Description is optional.
	Description string
}

// TrustSlice names the results of one group and facet in one year.
type TrustSlice struct {
	Year  SchoolYear
	Group string
	Facet string
}

// Family is a set of subgroups that together make up all students.
type Family struct {
	Name    string
	Members []string
}

// InferredFamily is a set of subgroups whose tested counts add up to
// all students' at one school, year and subject.
type InferredFamily struct {
	// Pos is the all-students row the members add up to.
	Pos     Pos
	School  string
	Year    SchoolYear
	Subject string
	Members []string
}

// Withheld is one value folio does not publish, for the steward's review
// (folio check --privacy).
type Withheld struct {
	// Pos is the row of the value.
	Pos Pos
	// What names the value: "lincoln-middle 2024-25 math black".
	What string
	// Why is "small group", "complementary", "coded" or "at source".
	Why string
	// Protects names, for a value withheld as complementary, a value
	// withheld (small, coded or at the source) that it was hidden to
	// protect, at ProtectsPos; "" where suppression does not say.
	Protects    string
	ProtectsPos Pos
}
