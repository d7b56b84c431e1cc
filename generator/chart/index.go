package chart

import (
	"slices"

	"github.com/folio-sites/folio/generator"
)

// The chart functions look results up by key many times; these indexes
// make each lookup constant time, so a district-wide chart over a
// thousand schools costs the size of its data, not its square.

type trustKey struct {
	school, group, facet string
	year                 generator.SchoolYear
}

type trustIndex map[trustKey]generator.TrustResult

func indexTrust(tr *generator.Trust) trustIndex {
	idx := make(trustIndex, len(tr.Results))
	for _, r := range tr.Results {
		idx[trustKey{r.School, r.Group, r.Facet, r.Year}] = r
	}
	return idx
}

// noData is the measure of a row that does not exist. A missing row must
// never read as zero: the zero Measure is a reported 0.
var noData = generator.Measure{Kind: generator.NotReported, Text: noDataText}

const noDataText = "no data"

// get returns the row for the key, or one whose measures are noData.
func (idx trustIndex) get(school string, y generator.SchoolYear, group, facet string) (generator.TrustResult, bool) {
	r, ok := idx[trustKey{school, group, facet, y}]
	if !ok {
		r = generator.TrustResult{School: school, Year: y, Group: group, Facet: facet, Mean: noData, FavorablePct: noData}
	}
	return r, ok
}

type achievementKey struct {
	school, subject, subgroup string
	year                      generator.SchoolYear
}

type achievementIndex struct {
	rows  map[achievementKey]generator.AchievementResult
	years map[[2]string][]generator.SchoolYear // by school and subject, sorted
}

func indexAchievement(a *generator.Achievement) achievementIndex {
	idx := achievementIndex{rows: make(map[achievementKey]generator.AchievementResult, len(a.Results)), years: map[[2]string][]generator.SchoolYear{}}
	for _, r := range a.Results {
		idx.rows[achievementKey{r.School, r.Subject, r.Subgroup, r.Year}] = r
		k := [2]string{r.School, r.Subject}
		if ys := idx.years[k]; !slices.Contains(ys, r.Year) {
			idx.years[k] = append(ys, r.Year)
		}
	}
	for _, ys := range idx.years {
		slices.Sort(ys)
	}
	return idx
}

// get returns the row for the key, or one whose measure is noData.
func (idx achievementIndex) get(school string, y generator.SchoolYear, subject, subgroup string) (generator.AchievementResult, bool) {
	r, ok := idx.rows[achievementKey{school, subject, subgroup, y}]
	if !ok {
		r = generator.AchievementResult{School: school, Year: y, Subject: subject, Subgroup: subgroup, Proficient: noData}
	}
	return r, ok
}

// bySchool splits observations by school, keeping their order.
func bySchool(obs []generator.Observation) map[string][]generator.Observation {
	out := map[string][]generator.Observation{}
	for _, o := range obs {
		out[o.School] = append(out[o.School], o)
	}
	return out
}
