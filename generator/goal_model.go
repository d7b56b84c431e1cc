package generator

import "math"

// Goal is one entry of data/goals.yaml, validated (package goals reads
// it and says where it stands).
type Goal struct {
	// Pos is the goal's entry, for messages about it as a whole.
	Pos    Pos
	ID     string
	School string
	Title  string
	// Measure is what the values are.
	Measure  GoalMeasure
	Baseline GoalPoint
	Target   GoalPoint
	// Interim are the interim targets, by year.
	Interim []GoalPoint
}

// GoalMeasure says which published numbers a goal follows.
type GoalMeasure struct {
	// Evidence is "achievement", "trust" or "installation".
	Evidence string
	// Subject and Subgroup are set for achievement.
	Subject, Subgroup string
	// Group and Facet are set for trust; Facet may be "all" (every facet).
	Group, Facet string
	// Component is the framework component of an installation measure;
	// "" means every component.
	Component string
}

// GoalPoint is a value in a school year: a baseline, an interim target or a
// target.
type GoalPoint struct {
	Year  SchoolYear
	Value float64
}

// Percent reports whether the measure's values are percentages (one
// decimal); trust means are not (two decimals).
func (m GoalMeasure) Percent() bool { return m.Evidence != "trust" }

// Decimals is how many decimals the measure's values are shown with.
func (m GoalMeasure) Decimals() int {
	if m.Percent() {
		return 1
	}
	return 2
}

// Round rounds v to the decimals the measure is shown with.
func (m GoalMeasure) Round(v float64) float64 {
	p := math.Pow(10, float64(m.Decimals()))
	return math.Round(v*p) / p
}
