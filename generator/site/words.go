package site

import (
	"fmt"
	"math"
	"strings"
	"time"
)

// boardMessages are the sentences of the board's sections (issue 15): data
// as of, changes since a date, goals, a school beside the district. Each
// is a message id with {name} placeholders, filled in by text. They move
// into the theme's message catalog (themes/default/i18n/en.yaml) when it
// lands, keeping their ids.
var boardMessages = map[string]string{
	"asof.title":      "Data as of",
	"asof.observed":   "installation observed through {date}",
	"asof.survey":     "trust survey {year}",
	"asof.assessment": "state assessments {year}",

	"since.title":              "Since {date}",
	"since.intro":              "What changed since {date}, from the dates in the evidence and the narratives.",
	"since.none":               "No changes since {date}.",
	"since.indicators":         "Indicators whose status changed",
	"since.indicator":          "{indicator}: {from} → {to}, observed {date}",
	"since.indicator.new":      "{indicator} (new): {to}, first observed {date}",
	"since.evidence":           "evidence",
	"since.narratives":         "New narratives",
	"since.narrative":          "dated {date}",
	"since.assessment":         "{year} state assessment results",
	"since.survey":             "{year} trust survey",
	"since.gain":               "{what}: {value} in {year}, {gain} from {prev} in {prev_year}",
	"since.gain.first":         "{what}: {value} in {year}",
	"since.gain.not-computed":  "{what}: {value} in {year}; the change from {prev_year} is not computed ({why})",
	"since.what.subject":       "{subject}, all students proficient",
	"since.what.group":         "{group}, mean trust over every facet",
	"since.goals":              "Goals whose status changed",
	"since.goal":               "{from} → {to}",
	"since.gain.hidden":        "{what}: not shown for {year} ({why})",
	"since.place.none":         "No changes.",
	"page.changes.title":       "Changes since {date}",
	"page.changes.description": "What changed at each school and at the district since {date}: indicators, narratives, new results and goals.",

	"goal.status.met":           "Met",
	"goal.status.on-track":      "On track",
	"goal.status.not-on-track":  "Not on track",
	"goal.status.cannot-report": "Cannot be reported",
	"goal.met":                  "{value} in {year}, reaching the target of {target} set for {target_year}",
	"goal.interim":              "{value} in {year}, {side} the interim target of {expected}; {track} for {target} by {target_year}",
	"goal.line":                 "{value} in {year}, {side} the {expected} expected on the way from {baseline} in {baseline_year}; {track} for {target} by {target_year}",
	"goal.missed":               "{value} in {year}, short of the target of {target} set for {target_year}",
	"goal.cannot":               "The {year} value cannot be reported: {why}. The target is {target} by {target_year}",
	"goal.cannot.no-data":       "No value can be reported yet: {why}. The target is {target} by {target_year}",
	"goal.track.on":             "on track",
	"goal.track.off":            "not on track",
	"word.above":                "above",
	"word.below":                "below",
	"word.at":                   "at",
	"goal.why.students":         "fewer than {n} students were tested",
	"goal.why.respondents":      "fewer than {n} responded",
	"goal.why.coded":            "it was published only as {text}",
	"goal.why.complementary":    "it was suppressed to protect a smaller group",
	"goal.why.at-source":        "it was not reported at the source",
	"goal.why.missing":          "the data has no result for it",
	"goal.why.missing-facet":    "{facet} has no result",
	"goal.why.facet":            "{facet}: {why}",
	"goal.why.no-data":          "the data has no result for this measure",
	"goal.why.no-indicators":    "no indicator of it has been observed",
	"goal.step.baseline":        "baseline {value} in {year}",
	"goal.step.value":           "{value} in {year}",
	"goal.step.hidden":          "not reported in {year}",
	"goal.step.interim":         "interim target {value} in {year}",
	"goal.step.target":          "target {value} by {year}",
	"goal.measure.achievement":  "Percent proficient in {subject}, {subgroup}",
	"goal.measure.trust":        "Mean trust of {group}, {facet}",
	"goal.measure.trust.all":    "every facet",
	"goal.measure.installation": "Percent of {component} indicators installed or sustained",
	"goal.measure.framework":    "the framework's",
	"goals.title":               "Goals",
	"goals.intro":               "Progress toward the goals the board set: each goal's baseline, its values since, and its target.",
	"goals.none":                "No goals have been set yet.",
	"goals.place":               "{place}",
	"page.goals.title":          "Goals",
	"page.goals.description":    "Progress toward every goal the board set, by school and for the district.",
	"place.district.goals":      "{district}",

	"beside.title":          "Beside the district",
	"beside.intro":          "Each group's percent proficient at {place} beside the district's for the same group and year, and the gap between each group and the school's all students over the years.",
	"beside.caption":        "{subject}, {year}: percent proficient at {place} and in the district, by student group",
	"beside.col.group":      "Student group",
	"beside.col.school":     "{place}",
	"beside.col.district":   "District",
	"beside.col.difference": "Difference",
	"beside.gaps.caption":   "{subject}: gap between each group and all students at {place} (percentage points; positive when the group is below all students)",
	"beside.gap.narrowed":   "{group}: the gap narrowed from {from} in {from_year} to {to} in {to_year}.",
	"beside.gap.widened":    "{group}: the gap widened from {from} in {from_year} to {to} in {to_year}.",
	"beside.gap.unchanged":  "{group}: the gap held at {to} from {from_year} to {to_year}.",
	"beside.gap.crossed":    "{group}: all students minus {group} went from {from} in {from_year} to {to} in {to_year}.",
	"beside.gap.one":        "{group}: a gap of {to} in {to_year}; one year cannot show a trend.",
	"beside.gap.none":       "{group}: the gap is not computed in any year.",
	"cell.not-computed.why": "not computed ({why})",
	"status.not-applicable": "Not applicable",
	"why.students":          "fewer than {n} students",
	"why.coded":             "published as {text}",
	"why.respondents":       "fewer than {n} respondents",
	"why.complementary":     "suppressed to protect a small group",
	"why.at-source":         "not reported",
	"why.missing":           "no result",
}

// text fills in the message id with args, name/value pairs.
func (s *Site) text(id string, args ...any) string {
	m, ok := boardMessages[id]
	if !ok {
		return "[" + id + "]"
	}
	for i := 0; i+1 < len(args); i += 2 {
		m = strings.ReplaceAll(m, "{"+fmt.Sprint(args[i])+"}", fmt.Sprint(args[i+1]))
	}
	return m
}

// longDate writes a date as readers in the United States do: "June 17,
// 2024".
func longDate(t time.Time) string { return t.Format("January 2, 2006") }

// pct writes a percentage with one decimal: "47.2%".
func pct(v float64) string { return fmt.Sprintf("%.1f%%", math.Round(v*10)/10) }

// mean writes a trust mean with two decimals: "4.71".
func mean(v float64) string { return fmt.Sprintf("%.2f", math.Round(v*100)/100) }

// pp writes a difference in percentage points with its sign: "+2.5 pp",
// "−2.5 pp", "0.0 pp".
func pp(v float64) string { return signed(fmt.Sprintf("%.1f", math.Round(v*10)/10)) + " pp" }

// change writes a difference of means with its sign: "+0.20".
func change(v float64) string { return signed(fmt.Sprintf("%.2f", math.Round(v*100)/100)) }

// signed puts a sign before a formatted number: "+" above zero, the minus
// sign "−" below, none for zero.
func signed(s string) string {
	switch {
	case strings.HasPrefix(s, "-"):
		if strings.Trim(s, "-0.") == "" {
			return s[1:]
		}
		return "−" + s[1:]
	case strings.Trim(s, "0.") == "":
		return s
	}
	return "+" + s
}
