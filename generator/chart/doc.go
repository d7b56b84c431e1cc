// Package chart turns evidence into charts. Every chart kind a page or a
// ```chart block can show is one entry of a registry (Kinds): its name,
// the parameters a block may give it, whether the board packet shows it,
// which charts a page shows by default, and its builder.
//
// A builder first computes one Grid of what is drawn: categories × series
// → a Cell holding a number, a coded text such as "≤5%", or why there is
// no number (suppressed, not reported, not computed). Everything a reader
// sees is derived from that grid — the data table, the CSV download, the
// one-paragraph summary and the ECharts option — so the table and the
// drawing cannot disagree.
//
// Every word a chart writes comes from the message catalog (package
// message) by id: "chart.trust.title", "cell.fewer.respondents"… Numbers are
// written one way everywhere: trust means with two decimals ("4.65"),
// percentages with one ("61.5%"), gains signed with one decimal and "pp"
// ("+5.0 pp", "−2.5 pp" with a real minus sign, "0.0 pp").
//
// Charts only ever see evidence after suppression (see package evidence):
// a suppressed value has no number to draw. Suppressed points are drawn as
// a grey "suppressed" marker on the axis, never as a zero and never
// silently left out. No series is ever hidden by default: where many
// groups would crowd one drawing, the chart is split into small panels,
// one per group. Within a chart, no two series share a colour and a
// pattern (decal); lines also differ by marker.
//
// Chart IDs are derived from what a chart shows, never random, so builds
// are byte-identical; they match [A-Za-z_][A-Za-z0-9_]* so that they are
// safe as DOM ids and JavaScript identifiers alike.
package chart
