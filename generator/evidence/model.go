package evidence

import "github.com/folio-sites/folio/generator"

// Data is everything read from data/: the standards catalogs, the
// framework, and the evidence recorded against them. Each part is nil (or
// empty) when its files do not exist. Small groups are already suppressed
// in it: no suppressed number is present anywhere in a Data value, and
// only this package can make the values (Measure, Count) that hold the
// results.
type Data struct {
	Catalogs []generator.Catalog
	// Framework is nil when data/framework.yaml does not exist.
	Framework *generator.Framework
	// Installation holds installation.csv's observations, sorted by
	// school, indicator and date; nil without the file.
	Installation []generator.Observation
	// Trust is trust.yaml with trust.csv; nil without trust.yaml.
	Trust *Trust
	// Achievement is achievement.yaml with achievement.csv; nil without
	// achievement.yaml.
	Achievement *Achievement
	// Goals are data/goals.yaml's goals, validated against the rest (read
	// by package goals after the other files).
	Goals []generator.Goal
	// Withheld lists every achievement and trust value not published and
	// why, in file order.
	Withheld []generator.Withheld
}

// Trust is the definition of the trust survey (trust.yaml) with its
// results (trust.csv).
type Trust struct {
	ScaleMin, ScaleMax float64
	// ScaleLabels name the points of the scale from ScaleMin up.
	ScaleLabels    []string
	Facets         []generator.Label
	Groups         []generator.Label
	MinRespondents int
	// FavorableFrom is the lowest answer of the scale the survey counts as
	// favorable (favorable_from), nil where trust.yaml does not say: a
	// reader of a mean beside a favorable percentage is then taken to
	// count from whichever answer tells the most (see Trust.cutoffs).
	FavorableFrom *float64
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
	DistrictSums []generator.TrustSlice
	// SameRespondents are groups of rows (indexes into Results) of one
	// school, year and group, one per facet, whose respondents are the
	// same count in the file: the same people. A reader who finds the
	// counts shown among them alike takes a hidden one to be the same
	// too; the audit equates them where that reading is true.
	SameRespondents [][]int32
	// InvitedSums are the slices where the district's invited (the
	// invited column) are the sum of its schools' in the file: a reader
	// who takes them to be finds what is true (the audit equates them
	// there only).
	InvitedSums []generator.TrustSlice
	// cuts are the cutoffs suppression judges (Trust.cutoffs), once.
	cuts []float64
}

// TrustResult is one row of trust.csv after suppression.
type TrustResult struct {
	Pos    generator.Pos
	School string
	Year   generator.SchoolYear
	Group  string
	Facet  string
	// Mean is the mean rating on the scale.
	Mean Measure
	// Respondents is hidden when below MinRespondents.
	Respondents Count
	// Invited is no data when not given; hidden with Respondents, and
	// where it would bound a count hidden (see protectInvited).
	Invited      Count
	FavorablePct Measure
	// protects is, for a row hidden as complementary, the index plus one
	// of a withheld row it was hidden to protect (0: not said).
	protects int32
}

// Achievement is the definition of achievement data (achievement.yaml)
// with its results (achievement.csv).
type Achievement struct {
	MinN int
	// Low and High are the top and bottom coding thresholds: percentages
	// at or below Low are shown as "≤Low%", at or above High as "≥High%".
	Low, High float64
	Subjects  []generator.Label
	Subgroups []generator.Label
	// Families are subgroups that partition all students, by family name
	// sorted; used for complementary suppression.
	Families []generator.Family
	// Inferred are the families found in the results, not declared: sets
	// of subgroups whose tested counts add up exactly to all students'
	// at one school, year and subject. Suppression treats them as
	// families there.
	Inferred []generator.InferredFamily
	// SameTested are groups of rows (indexes into Results) of one school,
	// year and subgroup, one per subject, whose tested counts are one
	// number in the file: mostly the same students, tested in each
	// subject. A reader who finds the counts shown among them alike
	// takes a hidden one to be the same; suppression hides them alike,
	// and the audit equates them.
	SameTested [][]int32
	// Results are sorted by school, year, subject, subgroup (in the order
	// achievement.yaml lists subjects and subgroups).
	Results []AchievementResult
}

// AchievementResult is one row of achievement.csv after suppression.
type AchievementResult struct {
	Pos      generator.Pos
	School   string
	Year     generator.SchoolYear
	Subject  string
	Subgroup string
	Tested   Count
	// Proficient is the percentage proficient, top/bottom coded.
	Proficient Measure
	// protects is, for a row hidden as complementary, the index plus one
	// of a withheld row it was hidden to protect (0: not said).
	protects int32
}

// AsOf returns how current the evidence of place is: a school id, the
// district's own rows (generator.DistrictID), or every row of the
// evidence when place is "". Rows whose values were suppressed still date
// the evidence: the date of a survey says nothing about a small group.
func (ev *Data) AsOf(place string) generator.AsOf {
	var a generator.AsOf
	if ev == nil {
		return a
	}
	mine := func(school string) bool { return place == "" || school == place }
	for _, o := range ev.Installation {
		if mine(o.School) && o.Date.After(a.Observed) {
			a.Observed = o.Date
		}
	}
	if ev.Trust != nil {
		for _, r := range ev.Trust.Results {
			if mine(r.School) && r.Year > a.Survey {
				a.Survey = r.Year
			}
		}
	}
	if ev.Achievement != nil {
		for _, r := range ev.Achievement.Results {
			if mine(r.School) && r.Year > a.Assessment {
				a.Assessment = r.Year
			}
		}
	}
	return a
}
