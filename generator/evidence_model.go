package generator

import (
	"fmt"
	"time"
)

// SchoolYear is a school year, identified by the calendar year of its
// spring: "2023-24" (and the bare "2024") is SchoolYear(2024). Years sort
// as numbers, so chronologically.
type SchoolYear int

// String writes the year as schools do: "2023-24".
func (y SchoolYear) String() string {
	return fmt.Sprintf("%d-%02d", int(y)-1, int(y)%100)
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

// Trust is the definition of the trust survey (trust.yaml) with its
// results (trust.csv).
type Trust struct {
	ScaleMin, ScaleMax float64
	// ScaleLabels name the points of the scale from ScaleMin up.
	ScaleLabels    []string
	Facets         []Label
	Groups         []Label
	MinRespondents int
	// Low and High code favorable_pct as proficiency is coded: at or
	// below Low it reads "≤Low%", at or above High "≥High%".
	Low, High float64
	// Results are sorted by school, year, group, facet (in the order
	// trust.yaml lists groups and facets).
	Results []TrustResult
	// DistrictSums are the group, facet and year slices where the
	// district's respondents are the sum of its schools': there, the
	// district row less the school rows gives a school's row back, so
	// suppression (and the audit) treat them as an identity.
	DistrictSums []TrustSlice
}

// TrustSlice names the results of one group and facet in one year.
type TrustSlice struct {
	Year  SchoolYear
	Group string
	Facet string
}

// TrustResult is one row of trust.csv after suppression.
type TrustResult struct {
	Pos    Pos
	School string
	Year   SchoolYear
	Group  string
	Facet  string
	// Mean is the mean rating on the scale.
	Mean Measure
	// Respondents is hidden (Suppressed) when below MinRespondents.
	Respondents Count
	// Invited is 0 when not given; hidden with Respondents.
	Invited      Count
	FavorablePct Measure
}

// Achievement is the definition of achievement data (achievement.yaml)
// with its results (achievement.csv).
type Achievement struct {
	MinN int
	// Low and High are the top and bottom coding thresholds: percentages
	// at or below Low are shown as "≤Low%", at or above High as "≥High%".
	Low, High float64
	Subjects  []Label
	Subgroups []Label
	// Families are subgroups that partition all students, by family name
	// sorted; used for complementary suppression.
	Families []Family
	// Inferred are the families found in the results, not declared: sets
	// of subgroups whose tested counts add up exactly to all students'
	// at one school, year and subject. Suppression treats them as
	// families there.
	Inferred []InferredFamily
	// Results are sorted by school, year, subject, subgroup (in the order
	// achievement.yaml lists subjects and subgroups).
	Results []AchievementResult
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

// AchievementResult is one row of achievement.csv after suppression.
type AchievementResult struct {
	Pos      Pos
	School   string
	Year     SchoolYear
	Subject  string
	Subgroup string
	Tested   Count
	// Proficient is the percentage proficient, top/bottom coded.
	Proficient Measure
}

// MeasureKind says what a Measure holds.
type MeasureKind int

const (
	// Reported is a number, in Value.
	Reported MeasureKind = iota
	// Coded is a range reported instead of a number, such as "≤5%" or
	// "<5"; Text holds it, Value its bound.
	Coded
	// Suppressed was hidden by folio to protect a small group; no number
	// is kept.
	Suppressed
	// NotReported was blank or suppressed at source ("*", "N/A", "n<10").
	NotReported
)

// SuppressReason says why a value was suppressed.
type SuppressReason int

const (
	// NotSuppressed is the zero value.
	NotSuppressed SuppressReason = iota
	// SmallGroup: fewer than the minimum students or respondents.
	SmallGroup
	// Complementary: shown, it would reveal a small group (or the exact
	// value behind a coded one) by subtraction along an identity: all
	// students = the members of a family, district = its schools.
	Complementary
	// AtSource: the count was suppressed by the source ("<10", "*").
	AtSource
)

// Withheld is one value folio does not publish, for the steward's review
// (folio check --privacy).
type Withheld struct {
	// Pos is the row of the value.
	Pos Pos
	// What names the value: "lincoln-middle 2024-25 math black".
	What string
	// Why is "small group", "complementary", "coded" or "at source".
	Why string
}

// Measure is a reported value that may be coded, suppressed or missing.
type Measure struct {
	Kind  MeasureKind
	Value float64
	Text  string
	// Reason is set when Kind is Suppressed.
	Reason SuppressReason
}

// Count is a number of students or respondents that may be suppressed.
type Count struct {
	N int
	// Hidden is true when the count was suppressed, by folio or at the
	// source (N is then 0).
	Hidden bool
	Reason SuppressReason
}
