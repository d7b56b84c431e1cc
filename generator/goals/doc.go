// Package goals reads a district's goals, data/goals.yaml, and says where
// each stands: met, on track, not on track, or cannot be reported.
//
// A goal names a school (or district), a measure, a baseline, a target and
// optional interim targets:
//
//	goals:
//	  - id: jefferson-math-black
//	    school: jefferson-middle          # or district
//	    title: Close the math gap for Black students
//	    measure: {evidence: achievement, subject: math, subgroup: black}
//	    baseline: {year: 2022-23, value: 41.0}
//	    target: {year: 2026-27, value: 55.0}
//	    interim:                          # optional
//	      - {year: 2024-25, value: 47.0}
//
// The measure is one of
//
//   - {evidence: achievement, subject, subgroup}: percent proficient, 0–100;
//   - {evidence: trust, group, facet}: the mean rating on the survey's
//     scale; facet: all averages the facets, and is reported for a year
//     only when every facet is;
//   - {evidence: installation, component}: the percent of the component's
//     observed indicators (every component's without component) that are
//     installed or sustained, counted as the installation charts count
//     them; not-applicable indicators are left out. The value of a school
//     year is the share at its end (June 30), from each indicator's latest
//     observation by then.
//
// Values come only from published numbers: a value suppressed for a small
// group, coded (≤5%, ≥95%) or not reported at the source is never used,
// and a goal whose latest value is one of those cannot be reported (the
// Progress says why). The latest value is the value of the latest year of
// that evidence in the data (for installation, the latest year the place
// was observed), so a group missing from the latest results is reported as
// missing, not judged on an older year.
//
// Status, in order: met when the latest value reaches the target; not on
// track when the target year has come and it has not; on track when it
// reaches the value expected for its year — the interim target of that
// year, else the straight line between the nearest baseline, interim or
// target on either side (without interims, the line from baseline to
// target); otherwise not on track. "Reaches" means at or above, or at or
// below for a goal whose target is lower than its baseline. Values are
// compared as they are shown (one decimal for percentages, two for trust
// means), so a sentence never says 47.0% is below 47.0%.
//
// Validation reports each problem at its data/goals.yaml line: unknown
// school, evidence, subject, subgroup, group, facet or component (with a
// did-you-mean hint), a baseline year with no data for the measure (a
// warning), a target year not after the baseline, an interim year outside
// them, values outside the measure's scale, duplicate ids, and missing
// fields.
package goals
