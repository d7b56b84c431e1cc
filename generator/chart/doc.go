// Package chart turns evidence into charts: for each, a go-echarts option
// (as JSON, escaped so it is inert inside HTML), a title, a text summary,
// the data table of exactly the numbers drawn, and that table as CSV.
//
// Charts only ever see evidence after suppression (see package evidence):
// a suppressed value has no number to draw. Suppressed points are drawn as
// a grey "suppressed" marker on the axis, named in the legend, never as a
// zero and never silently left out.
//
// Chart IDs are derived from what a chart shows, never random, so builds
// are byte-identical; they match [A-Za-z_][A-Za-z0-9_]* so that they are
// safe as DOM ids and JavaScript identifiers alike.
package chart
