package generator

import "time"

// YearOf returns the school year a date falls in. A school year runs from
// July 1 to June 30: 2025-09-01 is in 2025-26, 2025-06-30 in 2024-25.
func YearOf(t time.Time) SchoolYear {
	if t.Month() >= time.July {
		return SchoolYear(t.Year() + 1)
	}
	return SchoolYear(t.Year())
}

// EndOf returns the last day of a school year, June 30 of its spring.
func EndOf(y SchoolYear) time.Time {
	return time.Date(int(y), time.June, 30, 0, 0, 0, 0, time.UTC)
}

// AsOf says how current a place's evidence is. A zero field means the place
// has no evidence of that kind.
type AsOf struct {
	// Observed is the date of the latest installation observation.
	Observed time.Time
	// Survey is the latest trust survey year.
	Survey SchoolYear
	// Assessment is the latest achievement year.
	Assessment SchoolYear
}

// IsZero reports whether there is no evidence at all.
func (a AsOf) IsZero() bool {
	return a.Observed.IsZero() && a.Survey == 0 && a.Assessment == 0
}

// Installed returns the status ids that count as installed or
// sustained: in-place and sustained when the scale has them, otherwise the
// top two steps of a scale of four or more, or the top step. (The
// installation charts count the same way.)
func Installed(scale []Status) []string {
	var ids []string
	for _, s := range scale {
		if s.ID == "in-place" || s.ID == "sustained" {
			ids = append(ids, s.ID)
		}
	}
	if len(ids) > 0 || len(scale) == 0 {
		return ids
	}
	if len(scale) >= 4 {
		return []string{scale[len(scale)-2].ID, scale[len(scale)-1].ID}
	}
	return []string{scale[len(scale)-1].ID}
}
