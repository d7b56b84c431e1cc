package chart

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/folio-sites/folio/generator"
	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// trustYears returns the years with results for school (and group, when
// set), in order.
func trustYears(tr *generator.Trust, school, group string) []generator.SchoolYear {
	var years []generator.SchoolYear
	for _, r := range tr.Results {
		if r.School == school && (group == "" || r.Group == group) && !slices.Contains(years, r.Year) {
			years = append(years, r.Year)
		}
	}
	slices.Sort(years)
	return years
}

// TrustGroups returns the groups with results at school, in trust.yaml order.
func TrustGroups(tr *generator.Trust, school string) []generator.Label {
	var out []generator.Label
	for _, g := range tr.Groups {
		if slices.ContainsFunc(tr.Results, func(r generator.TrustResult) bool { return r.School == school && r.Group == g.ID }) {
			out = append(out, g)
		}
	}
	return out
}

func meanText(tr *generator.Trust, m generator.Measure) string {
	return describe(m, Num, tr.MinRespondents, "respondents")
}

// TrustFacets compares facet means of one respondent group at school in
// its latest year against the year before (grouped bars).
func TrustFacets(tr *generator.Trust, school, schoolName string, group generator.Label) *Chart {
	years := trustYears(tr, school, group.ID)
	if len(years) > 2 {
		years = years[len(years)-2:]
	}
	c := &Chart{ID: ID("trust", school, group.ID, "facets"), Kind: "trust", Height: 320}
	span := years[0].String()
	if len(years) == 2 {
		span += " and " + years[1].String()
	}
	c.Title = fmt.Sprintf("Trust by facet — %s, %s", group.Label, span)
	c.Table = Table{Caption: fmt.Sprintf("Mean rating by facet (scale %s to %s), %s at %s", Num(tr.ScaleMin), Num(tr.ScaleMax), group.Label, schoolName),
		Columns: []string{"Facet", "Year", "Mean", "Favorable", "Respondents"}}

	labels := make([]string, len(tr.Facets))
	for i, f := range tr.Facets {
		labels[i] = f.Label
	}
	idx := indexTrust(tr)
	bar := charts.NewBar()
	var parts []string
	var suppressed []int
	for _, y := range years {
		data := make([]opts.BarData, len(tr.Facets))
		for i, f := range tr.Facets {
			r, ok := idx.get(school, y, group.ID, f.ID)
			data[i] = opts.BarData{Value: missing}
			if !ok {
				c.Table.Rows = append(c.Table.Rows, []string{f.Label, y.String(), noDataText, "", ""})
				continue
			}
			if v, ok := plotValue(r.Mean); ok {
				data[i] = opts.BarData{Value: v}
			} else if r.Mean.Kind == generator.Suppressed && !slices.Contains(suppressed, i) {
				suppressed = append(suppressed, i)
			}
			c.Table.Rows = append(c.Table.Rows, []string{f.Label, y.String(), meanText(tr, r.Mean), favorableText(tr, r.FavorablePct), respondentsText(tr, r)})
		}
		bar.AddSeries(y.String(), data)
	}
	for _, f := range tr.Facets {
		var vals []string
		for _, y := range years {
			r, _ := idx.get(school, y, group.ID, f.ID)
			vals = append(vals, meanText(tr, r.Mean))
		}
		parts = append(parts, strings.ToLower(f.Label)+" "+strings.Join(vals, " → "))
	}
	c.Summary = fmt.Sprintf("%s at %s, mean trust by facet (%s): %s.", group.Label, schoolName, span, strings.Join(parts, "; "))

	bar.SetGlobalOptions(common(c.Summary)...)
	bar.SetGlobalOptions(charts.WithYAxisOpts(opts.YAxis{Type: "value", Min: tr.ScaleMin, Max: tr.ScaleMax, Name: "Mean rating"}))
	bar.SetXAxis(labels)
	addSuppressedBars(bar, suppressed, len(labels), tr.ScaleMin, fmt.Sprintf("Suppressed (fewer than %d respondents)", tr.MinRespondents))
	c.Option = finish(bar, nil)
	return c
}

// addSuppressedBars adds a grey marker series at the axis minimum for the
// categories with a suppressed value.
func addSuppressedBars(bar *charts.Bar, points []int, n int, y float64, name string) {
	if len(points) == 0 {
		return
	}
	line := charts.NewLine()
	data, _ := suppressedMarker(name, points, n, y)
	line.AddSeries(name, data, charts.WithItemStyleOpts(opts.ItemStyle{Color: SuppressedColor}),
		charts.WithLineStyleOpts(opts.LineStyle{Width: 0}),
		charts.WithLabelOpts(opts.Label{Show: boolp(true), Formatter: "suppressed", Position: "top", Color: "#444"}))
	bar.Overlap(line)
}

// TrustTrend draws mean trust over the years for each respondent group at
// school: the mean of one facet when facet is set, else the average of
// the facet means reported that year.
func TrustTrend(tr *generator.Trust, school, schoolName string, facet *generator.Label) *Chart {
	years := trustYears(tr, school, "")
	groups := TrustGroups(tr, school)
	what := "average of facet means"
	id := ID("trust", school, "trend")
	if facet != nil {
		what = strings.ToLower(facet.Label)
		id = ID("trust", school, facet.ID, "trend")
	}
	c := &Chart{ID: id, Kind: "trust-trend", Height: 320}
	c.Title = fmt.Sprintf("Trust over time (%s) — %s", what, schoolName)
	c.Table = Table{Caption: fmt.Sprintf("Mean trust (%s) by group and year, %s", what, schoolName), Columns: []string{"Group", "Year", "Mean"}}
	labels := make([]string, len(years))
	for i, y := range years {
		labels[i] = y.String()
	}
	idx := indexTrust(tr)
	line := charts.NewLine()
	var parts []string
	var suppressed []int
	for _, g := range groups {
		data := make([]opts.LineData, len(years))
		var seen []string
		for i, y := range years {
			m := groupMean(tr, idx, school, y, g.ID, facet)
			data[i] = opts.LineData{Value: missing}
			if v, ok := plotValue(m); ok {
				data[i] = opts.LineData{Value: v}
			} else if m.Kind == generator.Suppressed && !slices.Contains(suppressed, i) {
				suppressed = append(suppressed, i)
			}
			txt := meanText(tr, m)
			c.Table.Rows = append(c.Table.Rows, []string{g.Label, y.String(), txt})
			seen = append(seen, y.String()+" "+txt)
		}
		parts = append(parts, g.Label+": "+strings.Join(seen, ", "))
		line.AddSeries(g.Label, data, charts.WithLineChartOpts(opts.LineChart{ConnectNulls: boolp(false)}))
	}
	c.Summary = fmt.Sprintf("Mean trust (%s) at %s by year. %s.", what, schoolName, strings.Join(parts, ". "))
	line.SetGlobalOptions(common(c.Summary)...)
	line.SetGlobalOptions(charts.WithYAxisOpts(opts.YAxis{Type: "value", Min: tr.ScaleMin, Max: tr.ScaleMax, Name: "Mean rating"}))
	line.SetXAxis(labels)
	if data, ok := suppressedMarker(fmt.Sprintf("Suppressed (fewer than %d respondents)", tr.MinRespondents), suppressed, len(years), tr.ScaleMin); ok {
		line.AddSeries(fmt.Sprintf("Suppressed (fewer than %d respondents)", tr.MinRespondents), data,
			charts.WithItemStyleOpts(opts.ItemStyle{Color: SuppressedColor}), charts.WithLineStyleOpts(opts.LineStyle{Width: 0}))
	}
	c.Option = finish(line, nil)
	return c
}

// groupMean is a group's mean for one facet, or the average of its
// reported facet means. It is suppressed when every facet is.
func groupMean(tr *generator.Trust, idx trustIndex, school string, y generator.SchoolYear, group string, facet *generator.Label) generator.Measure {
	if facet != nil {
		r, _ := idx.get(school, y, group, facet.ID)
		return r.Mean
	}
	sum, n, suppressed := 0.0, 0, false
	for _, f := range tr.Facets {
		r, ok := idx.get(school, y, group, f.ID)
		if !ok {
			continue
		}
		if r.Mean.Kind == generator.Reported {
			sum += r.Mean.Value
			n++
		} else if r.Mean.Kind == generator.Suppressed {
			suppressed = true
		}
	}
	switch {
	case n > 0:
		return generator.Measure{Kind: generator.Reported, Value: float64(int(sum/float64(n)*100+0.5)) / 100}
	case suppressed:
		return generator.Measure{Kind: generator.Suppressed, Reason: generator.SmallGroup}
	default:
		return noData
	}
}

// TrustSchools compares schools' average trust in the latest year, one
// bar per respondent group.
func TrustSchools(tr *generator.Trust, places []Place) *Chart {
	var latest generator.SchoolYear
	for _, r := range tr.Results {
		latest = max(latest, r.Year)
	}
	c := &Chart{ID: ID("trust", "schools"), Kind: "trust-schools", Height: 160 + 40*len(places)}
	c.Title = "Trust across schools, " + latest.String()
	c.Table = Table{Caption: "Average of facet means by school and group, " + latest.String(), Columns: []string{"School", "Group", "Mean"}}
	names := make([]string, len(places))
	for i, p := range places {
		names[i] = p.Name
	}
	idx := indexTrust(tr)
	bar := charts.NewBar()
	var parts []string
	var suppressed []int
	for _, g := range tr.Groups {
		data := make([]opts.BarData, len(places))
		any := false
		best, bestName := -1.0, ""
		for i, p := range places {
			m := groupMean(tr, idx, p.ID, latest, g.ID, nil)
			data[i] = opts.BarData{Value: missing}
			if m.Kind == generator.NotReported {
				continue
			}
			any = true
			if v, ok := plotValue(m); ok {
				data[i] = opts.BarData{Value: v}
				if v > best {
					best, bestName = v, p.Name
				}
			} else if !slices.Contains(suppressed, i) {
				suppressed = append(suppressed, i)
			}
			c.Table.Rows = append(c.Table.Rows, []string{p.Name, g.Label, meanText(tr, m)})
		}
		if any {
			bar.AddSeries(g.Label, data)
			if bestName != "" {
				parts = append(parts, fmt.Sprintf("%s rate %s highest (%s)", strings.ToLower(g.Label), bestName, Num(best)))
			}
		}
	}
	c.Summary = fmt.Sprintf("Average trust by school in %s: %s.", latest, strings.Join(parts, "; "))
	bar.SetGlobalOptions(common(c.Summary)...)
	bar.SetGlobalOptions(
		charts.WithXAxisOpts(opts.XAxis{Type: "value", Min: tr.ScaleMin, Max: tr.ScaleMax, Name: "Mean rating", NameLocation: "middle", NameGap: 24}),
		charts.WithYAxisOpts(opts.YAxis{Type: "category", Inverse: boolp(true)}),
	)
	bar.SetXAxis(names).XYReversal()
	addSuppressedHorizontal(bar, suppressed, tr.ScaleMin, fmt.Sprintf("Suppressed (fewer than %d respondents)", tr.MinRespondents))
	c.Option = finish(bar, roomForAxisName())
	return c
}

// addSuppressedHorizontal marks suppressed categories of a horizontal bar
// chart with a grey triangle at the value axis minimum.
func addSuppressedHorizontal(bar *charts.Bar, points []int, x float64, name string) {
	if len(points) == 0 {
		return
	}
	data := make([]opts.LineData, len(points))
	for i, p := range points {
		data[i] = opts.LineData{Value: []any{x, p}, Symbol: "triangle", SymbolSize: 12}
	}
	line := charts.NewLine()
	line.AddSeries(name, data, charts.WithItemStyleOpts(opts.ItemStyle{Color: SuppressedColor}),
		charts.WithLineStyleOpts(opts.LineStyle{Width: 0}),
		charts.WithLabelOpts(opts.Label{Show: boolp(true), Formatter: "suppressed", Position: "right", Color: "#444"}))
	bar.Overlap(line)
}

// favorableText writes the share of favourable answers, when the survey
// export gives it.
func favorableText(tr *generator.Trust, m generator.Measure) string {
	if m.Kind == generator.NotReported && (m.Text == "" || m.Text == noDataText) {
		return ""
	}
	return describe(m, Pct, tr.MinRespondents, "respondents")
}

// respondentsText writes the number of respondents and, when the number
// invited is known, the response rate: "22 of 25 invited (88%)".
func respondentsText(tr *generator.Trust, r generator.TrustResult) string {
	n := countText(r.Respondents, tr.MinRespondents, "respondents")
	if r.Respondents.Hidden || r.Invited.Hidden || r.Invited.N <= 0 {
		return n
	}
	rate := math.Round(100 * float64(r.Respondents.N) / float64(r.Invited.N))
	return fmt.Sprintf("%s of %d invited (%.0f%%)", n, r.Invited.N, rate)
}
