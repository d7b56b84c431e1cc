package chart

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/folio-sites/folio/generator"
	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// Installed returns the status ids that count as "installed or
// sustained": in-place and sustained when the scale has them, otherwise
// the top two steps of a scale of four or more, or the top step.
func Installed(scale []generator.Status) []string {
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

// Statuses returns each indicator's latest status at school on or before
// asOf (the zero time means: the latest of all).
func Statuses(obs []generator.Observation, school string, asOf time.Time) map[string]string {
	out := map[string]string{}
	latest := map[string]time.Time{}
	for _, o := range obs {
		if o.School != school || (!asOf.IsZero() && o.Date.After(asOf)) {
			continue
		}
		if t, ok := latest[o.Indicator]; !ok || !o.Date.Before(t) {
			latest[o.Indicator] = o.Date
			out[o.Indicator] = o.Status
		}
	}
	return out
}

// HasInstallation reports whether school has any installation observation.
func HasInstallation(obs []generator.Observation, school string) bool {
	return slices.ContainsFunc(obs, func(o generator.Observation) bool { return o.School == school })
}

// share counts installed indicators among those with a status other than
// not applicable.
func share(status map[string]string, installed []string) (n, of int) {
	for _, s := range status {
		if s == generator.NotApplicable {
			continue
		}
		of++
		if slices.Contains(installed, s) {
			n++
		}
	}
	return n, of
}

func installedPhrase(n, of int) string {
	return fmt.Sprintf("%d of %d indicators installed or sustained", n, of)
}

// InstallationByComponent is a stacked bar per framework component of its
// indicators by current status at school.
func InstallationByComponent(fw *generator.Framework, obs []generator.Observation, school, schoolName string) *Chart {
	status := Statuses(obs, school, time.Time{})
	installed := Installed(fw.StatusScale)
	type column struct{ id, label, color string }
	cols := make([]column, 0, len(fw.StatusScale)+2)
	for _, s := range fw.StatusScale {
		cols = append(cols, column{s.ID, s.Label, s.Color})
	}
	cols = append(cols, column{generator.NotApplicable, "Not applicable", "#bbbbbb"}, column{"", "No observation yet", "#dddddd"})

	c := &Chart{ID: ID("installation", school, "components"), Kind: "installation", Height: 120 + 56*len(fw.Components)}
	c.Title = "Installation by component — " + schoolName
	c.Table = Table{Caption: "Indicators by current status, " + schoolName, Columns: []string{"Component"}}
	for _, col := range cols {
		c.Table.Columns = append(c.Table.Columns, col.label)
	}
	counts := make([][]int, len(cols))
	var names []string
	for _, comp := range fw.Components {
		names = append(names, shorten(comp.Title, 38))
		row := []string{comp.Title}
		perCol := make([]int, len(cols))
		for _, p := range comp.Practices {
			for _, in := range p.Indicators {
				st := status[in.ID]
				i := slices.IndexFunc(cols, func(c column) bool { return c.id == st })
				perCol[i]++
			}
		}
		for i, n := range perCol {
			counts[i] = append(counts[i], n)
			row = append(row, fmt.Sprint(n))
		}
		c.Table.Rows = append(c.Table.Rows, row)
	}
	n, of := share(status, installed)
	c.Summary = fmt.Sprintf("%s: %s.", schoolName, installedPhrase(n, of))
	if of == 0 {
		c.Summary = schoolName + " has no installation observations yet."
	}

	bar := charts.NewBar()
	bar.SetGlobalOptions(common(c.Summary)...)
	bar.SetGlobalOptions(
		charts.WithXAxisOpts(opts.XAxis{Type: "value", Name: "Indicators", NameLocation: "middle", NameGap: 24, MinInterval: 1}),
		charts.WithYAxisOpts(opts.YAxis{Type: "category", Inverse: boolp(true)}),
	)
	bar.SetXAxis(names).XYReversal()
	for i, col := range cols {
		data := make([]opts.BarData, len(counts[i]))
		for j, v := range counts[i] {
			data[j] = opts.BarData{Value: v}
		}
		bar.AddSeries(col.label, data,
			charts.WithBarChartOpts(opts.BarChart{Stack: "status"}),
			charts.WithItemStyleOpts(opts.ItemStyle{Color: col.color}))
	}
	c.Option = finish(bar, roomForAxisName())
	return c
}

// InstallationTrend is the share of indicators installed or sustained at
// school at each observation date.
func InstallationTrend(fw *generator.Framework, obs []generator.Observation, school, schoolName string) *Chart {
	installed := Installed(fw.StatusScale)
	var dates []time.Time
	for _, o := range obs {
		if o.School == school && !slices.ContainsFunc(dates, o.Date.Equal) {
			dates = append(dates, o.Date)
		}
	}
	slices.SortFunc(dates, func(a, b time.Time) int { return a.Compare(b) })

	c := &Chart{ID: ID("installation", school, "trend"), Kind: "installation-trend", Height: 300}
	c.Title = "Share of indicators installed or sustained over time — " + schoolName
	c.Table = Table{Caption: "Indicators installed or sustained at each observation, " + schoolName,
		Columns: []string{"Date", "Installed or sustained", "Indicators observed", "Share"}}
	var labels []string
	var data []opts.LineData
	var first, last string
	for _, d := range dates {
		n, of := share(Statuses(obs, school, d), installed)
		label := d.Format("2006-01-02")
		labels = append(labels, label)
		pct := 0.0
		if of > 0 {
			pct = round1(100 * float64(n) / float64(of))
		}
		data = append(data, opts.LineData{Value: pct})
		c.Table.Rows = append(c.Table.Rows, []string{label, fmt.Sprint(n), fmt.Sprint(of), Pct(pct)})
		if first == "" {
			first = fmt.Sprintf("%s on %s", Pct(pct), label)
		}
		last = fmt.Sprintf("%s on %s (%s)", Pct(pct), label, installedPhrase(n, of))
	}
	switch len(dates) {
	case 0:
		c.Summary = schoolName + " has no installation observations yet."
	case 1:
		c.Summary = fmt.Sprintf("%s: %s.", schoolName, last)
	default:
		c.Summary = fmt.Sprintf("%s: the share of indicators installed or sustained went from %s to %s.", schoolName, first, last)
	}
	line := charts.NewLine()
	line.SetGlobalOptions(common(c.Summary)...)
	line.SetGlobalOptions(charts.WithYAxisOpts(opts.YAxis{Type: "value", Min: 0, Max: 100, Name: "% installed or sustained"}))
	line.SetXAxis(labels).AddSeries("Installed or sustained", data,
		charts.WithLabelOpts(opts.Label{Show: boolp(true), Formatter: "{c}%"}))
	c.Option = finish(line, nil)
	return c
}

// PracticeStatus is the status of a practice at a school: the lowest
// current status among its observed indicators (a practice is only as
// installed as its least installed indicator). Not-applicable indicators
// are left out; "" means nothing observed.
func PracticeStatus(p generator.Practice, status map[string]string, scale []generator.Status) string {
	lowest := -1
	for _, in := range p.Indicators {
		i := slices.IndexFunc(scale, func(s generator.Status) bool { return s.ID == status[in.ID] })
		if i >= 0 && (lowest < 0 || i < lowest) {
			lowest = i
		}
	}
	if lowest < 0 {
		return ""
	}
	return scale[lowest].ID
}

// Place is a school or the district, as charts name it.
type Place struct {
	ID   string
	Name string
}

// InstallationHeatmap shows, for each school (rows) and practice
// (columns), the practice's status, coloured by the scale and labelled
// with the status's initials so colour is not the only cue.
func InstallationHeatmap(fw *generator.Framework, obs []generator.Observation, places []Place) *Chart {
	scale := fw.StatusScale
	var practices []string
	var all []generator.Practice
	for _, comp := range fw.Components {
		for _, p := range comp.Practices {
			practices = append(practices, p.ID)
			all = append(all, p)
		}
	}
	c := &Chart{ID: ID("installation", "heatmap"), Kind: "installation-heatmap", Height: 140 + 34*len(places)}
	c.Title = "Practice installation across schools"
	c.Table = Table{Caption: "Current status of each practice (its least installed indicator) by school", Columns: append([]string{"School"}, practices...)}
	var names []string
	var data []map[string]any
	installed := Installed(scale)
	fully := 0
	cells := 0
	split := bySchool(obs)
	for y, pl := range places {
		names = append(names, pl.Name)
		status := Statuses(split[pl.ID], pl.ID, time.Time{})
		row := []string{pl.Name}
		for x, p := range all {
			st := PracticeStatus(p, status, scale)
			i := slices.IndexFunc(scale, func(s generator.Status) bool { return s.ID == st })
			if i < 0 {
				row = append(row, "No observation")
				continue
			}
			cells++
			if slices.Contains(installed, st) {
				fully++
			}
			row = append(row, scale[i].Label)
			data = append(data, map[string]any{"value": []any{x, y, i + 1, initials(st)}, "name": scale[i].Label,
				"label": map[string]any{"color": TextColor(scale[i].Color)}})
		}
		c.Table.Rows = append(c.Table.Rows, row)
	}
	c.Summary = fmt.Sprintf("Across %d schools and offices and %d practices, %d of %d observed practices are installed or sustained (a practice counts as installed when its least installed indicator is).", len(places), len(practices), fully, cells)

	pieces := make([]map[string]any, len(scale))
	for i, s := range scale {
		pieces[i] = map[string]any{"value": i + 1, "label": initials(s.ID) + ": " + s.Label, "color": s.Color}
	}
	hm := charts.NewHeatMap()
	hm.SetGlobalOptions(common(c.Summary)...)
	hm.SetGlobalOptions(
		charts.WithTooltipOpts(opts.Tooltip{Show: boolp(true), Trigger: "item"}),
		charts.WithXAxisOpts(opts.XAxis{Type: "category", Data: practices, AxisLabel: &opts.AxisLabel{Rotate: 45, Interval: "0"}, SplitArea: &opts.SplitArea{Show: boolp(true)}}),
		charts.WithYAxisOpts(opts.YAxis{Type: "category", Data: names, Inverse: boolp(true), SplitArea: &opts.SplitArea{Show: boolp(true)}}),
		charts.WithGridOpts(opts.Grid{Left: "3%", Right: "4%", Bottom: "64", Top: "16", ContainLabel: boolp(true)}),
	)
	hm.SetXAxis(practices)
	// go-echarts' heatmap items carry no label of their own; the series is
	// written directly so that each cell's text contrasts with its colour.
	c.Option = finish(hm, map[string]any{
		"series": []any{map[string]any{"name": "Practice status", "type": "heatmap", "data": data,
			"label": map[string]any{"show": true, "formatter": "{@[3]}"}}},
		"legend":    map[string]any{"show": false},
		"visualMap": []any{map[string]any{"type": "piecewise", "pieces": pieces, "orient": "horizontal", "left": "center", "bottom": 0, "dimension": 2}},
	})
	return c
}

// initials abbreviates a status id for heatmap cells: "in-place" → "IP".
func initials(id string) string {
	var b strings.Builder
	for _, part := range strings.Split(id, "-") {
		if part != "" {
			b.WriteString(strings.ToUpper(part[:1]))
		}
	}
	return b.String()
}

// shorten cuts a label for an axis; the table keeps it whole.
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := strings.LastIndex(string(r[:n]), " ")
	if cut < n/2 {
		return string(r[:n]) + "…"
	}
	return string(r[:n])[:cut] + "…"
}

// TextColor returns black or white, whichever is easier to read on the hex
// colour bg (WCAG contrast of at least 4.5:1 where either reaches it).
func TextColor(bg string) string {
	if len(bg) == 4 {
		bg = "#" + strings.Repeat(bg[1:2], 2) + strings.Repeat(bg[2:3], 2) + strings.Repeat(bg[3:4], 2)
	}
	var r, g, b int
	if _, err := fmt.Sscanf(bg, "#%02x%02x%02x", &r, &g, &b); err != nil {
		return "#000"
	}
	lin := func(c int) float64 {
		v := float64(c) / 255
		if v <= 0.03928 {
			return v / 12.92
		}
		return math.Pow((v+0.055)/1.055, 2.4)
	}
	l := 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
	if (l+0.05)/0.05 >= 4.5 {
		return "#000"
	}
	return "#fff"
}
