package chart

import (
	"fmt"
	"slices"
	"strings"

	"github.com/folio-sites/folio/generator"
	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// Gain is the change from before to after in percentage points. It is
// suppressed when either value is, and not computed (NotReported) when
// either is coded or missing: a gain must never let a hidden value be
// worked out.
func Gain(before, after generator.Measure) generator.Measure {
	switch {
	case before.Kind == generator.Suppressed || after.Kind == generator.Suppressed:
		reason := before.Reason
		if after.Kind == generator.Suppressed {
			reason = after.Reason
		}
		return generator.Measure{Kind: generator.Suppressed, Reason: reason}
	case before.Kind == generator.Coded || after.Kind == generator.Coded:
		return generator.Measure{Kind: generator.NotReported, Text: "coded value"}
	case before.Kind != generator.Reported || after.Kind != generator.Reported:
		return generator.Measure{Kind: generator.NotReported}
	}
	return generator.Measure{Kind: generator.Reported, Value: float64(tenths(after.Value)-tenths(before.Value)) / 10}
}

// AchievementYears returns the years with results for school and subject.
func AchievementYears(a *generator.Achievement, school, subject string) []generator.SchoolYear {
	var years []generator.SchoolYear
	for _, r := range a.Results {
		if r.School == school && r.Subject == subject && !slices.Contains(years, r.Year) {
			years = append(years, r.Year)
		}
	}
	slices.Sort(years)
	return years
}

// AchievementSubjects returns the subjects with results at school.
func AchievementSubjects(a *generator.Achievement, school string) []generator.Label {
	var out []generator.Label
	for _, s := range a.Subjects {
		if len(AchievementYears(a, school, s.ID)) > 0 {
			out = append(out, s)
		}
	}
	return out
}

// subgroupsAt returns the subgroups with results at school for subject.
func subgroupsAt(a *generator.Achievement, school, subject string) []generator.Label {
	var out []generator.Label
	for _, g := range a.Subgroups {
		if slices.ContainsFunc(a.Results, func(r generator.AchievementResult) bool {
			return r.School == school && r.Subject == subject && r.Subgroup == g.ID
		}) {
			out = append(out, g)
		}
	}
	return out
}

func pctText(a *generator.Achievement, m generator.Measure) string {
	return describe(m, Pct, a.MinN, "students")
}

func gainText(a *generator.Achievement, m generator.Measure) string {
	if m.Kind == generator.NotReported && m.Text == "coded value" {
		return "not computed (coded value)"
	}
	if m.Kind == generator.NotReported {
		return "not computed"
	}
	return describe(m, PP, a.MinN, "students")
}

// AchievementBySubgroup draws proficiency over the years for each
// subgroup at school in subject.
func AchievementBySubgroup(a *generator.Achievement, school, schoolName string, subject generator.Label) *Chart {
	years := AchievementYears(a, school, subject.ID)
	groups := subgroupsAt(a, school, subject.ID)
	c := &Chart{ID: ID("achievement", school, subject.ID, "subgroups"), Kind: "achievement", Height: 360}
	c.Title = fmt.Sprintf("%s proficiency by student group — %s", subject.Label, schoolName)
	c.Table = Table{Caption: fmt.Sprintf("Percent proficient in %s by student group and year, %s", strings.ToLower(subject.Label), schoolName),
		Columns: []string{"Student group", "Year", "Tested", "Proficient"}}
	labels := make([]string, len(years))
	for i, y := range years {
		labels[i] = y.String()
	}
	idx := indexAchievement(a)
	line := charts.NewLine()
	var suppressed []int
	var suppressedNames = map[int][]string{}
	var allText string
	for _, g := range groups {
		data := make([]opts.LineData, len(years))
		for i, y := range years {
			data[i] = opts.LineData{Value: missing}
			r, ok := idx.get(school, y, subject.ID, g.ID)
			if !ok {
				continue
			}
			if v, ok := plotValue(r.Proficient); ok {
				data[i] = opts.LineData{Value: v}
				if r.Proficient.Kind == generator.Coded {
					data[i].Symbol = "diamond"
					data[i].SymbolSize = 10
				}
			} else if r.Proficient.Kind == generator.Suppressed {
				if !slices.Contains(suppressed, i) {
					suppressed = append(suppressed, i)
				}
				suppressedNames[i] = append(suppressedNames[i], g.Label)
			}
			c.Table.Rows = append(c.Table.Rows, []string{g.Label, y.String(), countText(r.Tested, a.MinN, "students"), pctText(a, r.Proficient)})
		}
		line.AddSeries(g.Label, data, charts.WithLineChartOpts(opts.LineChart{ConnectNulls: boolp(false)}))
		if g.ID == "all" {
			var vals []string
			for _, y := range years {
				r, _ := idx.get(school, y, subject.ID, g.ID)
				vals = append(vals, y.String()+" "+pctText(a, r.Proficient))
			}
			allText = fmt.Sprintf(" All students: %s.", strings.Join(vals, ", "))
		}
	}
	nSupp := 0
	for _, names := range suppressedNames {
		nSupp += len(names)
	}
	c.Summary = fmt.Sprintf("%s proficiency at %s for %d student groups from %s to %s.%s",
		subject.Label, schoolName, len(groups), first(labels), last(labels), allText)
	if nSupp > 0 {
		c.Summary += fmt.Sprintf(" %d results are suppressed to protect small groups (fewer than %d students, or a group whose size the others would reveal).", nSupp, a.MinN)
	}
	line.SetGlobalOptions(common(c.Summary)...)
	line.SetGlobalOptions(charts.WithYAxisOpts(opts.YAxis{Type: "value", Min: 0, Max: 100, Name: "% proficient"}))
	line.SetXAxis(labels)
	name := "Suppressed (small group)"
	if data, ok := suppressedMarker(name, suppressed, len(years), 0); ok {
		for i := range data {
			if names := suppressedNames[i]; len(names) > 0 {
				data[i].Name = "Suppressed: " + strings.Join(names, ", ")
			}
		}
		line.AddSeries(name, data, charts.WithItemStyleOpts(opts.ItemStyle{Color: SuppressedColor}),
			charts.WithLineStyleOpts(opts.LineStyle{Width: 0}),
			charts.WithLabelOpts(opts.Label{Show: boolp(true), Formatter: "suppressed", Position: "top", Color: "#444"}))
	}
	c.Option = finish(line, nil)
	return c
}

// AchievementGains draws each subgroup's year-over-year gain at school in
// subject, in percentage points, for the latest two years.
func AchievementGains(a *generator.Achievement, school, schoolName string, subject generator.Label) *Chart {
	years := AchievementYears(a, school, subject.ID)
	c := &Chart{ID: ID("achievement", school, subject.ID, "gains"), Kind: "achievement-gains", Height: 340}
	groups := subgroupsAt(a, school, subject.ID)
	if len(years) < 2 {
		c.Title = fmt.Sprintf("%s gains — %s", subject.Label, schoolName)
		c.Summary = fmt.Sprintf("%s has only one year of %s results; gains need two.", schoolName, strings.ToLower(subject.Label))
		c.Table = Table{Caption: c.Summary, Columns: []string{"Student group"}}
		c.Option = finish(charts.NewBar(), nil)
		return c
	}
	before, after := years[len(years)-2], years[len(years)-1]
	c.Title = fmt.Sprintf("%s gains %s → %s, in percentage points — %s", subject.Label, before, after, schoolName)
	c.Table = Table{Caption: fmt.Sprintf("Change in percent proficient in %s, %s to %s, %s (percentage points)", strings.ToLower(subject.Label), before, after, schoolName),
		Columns: []string{"Student group", before.String(), after.String(), "Gain"}}
	idx := indexAchievement(a)
	labels := make([]string, len(groups))
	data := make([]opts.BarData, len(groups))
	var suppressed []int
	var rising []string
	for i, g := range groups {
		labels[i] = g.Label
		rb, _ := idx.get(school, before, subject.ID, g.ID)
		ra, _ := idx.get(school, after, subject.ID, g.ID)
		gain := Gain(rb.Proficient, ra.Proficient)
		data[i] = opts.BarData{Value: missing}
		switch gain.Kind {
		case generator.Reported:
			color := Palette[0]
			if gain.Value < 0 {
				color = Palette[5]
			}
			data[i] = opts.BarData{Value: gain.Value, ItemStyle: &opts.ItemStyle{Color: color},
				Label: &opts.Label{Show: boolp(true), Formatter: PP(gain.Value), Position: "top"}}
			if gain.Value > 0 {
				rising = append(rising, fmt.Sprintf("%s %s", g.Label, PP(gain.Value)))
			}
		case generator.Suppressed:
			suppressed = append(suppressed, i)
		}
		c.Table.Rows = append(c.Table.Rows, []string{g.Label, pctText(a, rb.Proficient), pctText(a, ra.Proficient), gainText(a, gain)})
	}
	c.Summary = fmt.Sprintf("%s at %s, %s to %s: %d of %d student groups gained", subject.Label, schoolName, before, after, len(rising), len(groups))
	if len(rising) > 0 {
		c.Summary += " (" + strings.Join(rising, ", ") + ")"
	}
	c.Summary += "."
	if len(suppressed) > 0 {
		c.Summary += fmt.Sprintf(" %d gains are suppressed to protect small groups (fewer than %d students, or a group whose size the others would reveal).", len(suppressed), a.MinN)
	}
	bar := charts.NewBar()
	bar.SetGlobalOptions(common(c.Summary)...)
	bar.SetGlobalOptions(
		charts.WithYAxisOpts(opts.YAxis{Type: "value", Name: "Gain (percentage points)"}),
		charts.WithXAxisOpts(opts.XAxis{Type: "category", AxisLabel: &opts.AxisLabel{Interval: "0", Rotate: 30}}),
		charts.WithLegendOpts(opts.Legend{Show: boolp(len(suppressed) > 0), Top: "0"}),
	)
	bar.SetXAxis(labels).AddSeries("Gain (pp)", data)
	addSuppressedBars(bar, suppressed, len(labels), 0, "Suppressed (small group)")
	c.Option = finish(bar, nil)
	return c
}

// AchievementSchools compares the latest year-over-year gains of every
// school, one series per student group (the legend toggles them).
func AchievementSchools(a *generator.Achievement, places []Place, subject generator.Label) *Chart {
	c := &Chart{ID: ID("achievement", "schools", subject.ID, "gains"), Kind: "achievement-schools", Height: 180 + 30*len(places)}
	c.Title = fmt.Sprintf("%s gains by student group across schools (percentage points)", subject.Label)
	c.Table = Table{Caption: fmt.Sprintf("Latest year-over-year change in percent proficient in %s, by school and student group", strings.ToLower(subject.Label)),
		Columns: []string{"School", "Years", "Student group", "Gain"}}
	names := make([]string, len(places))
	for i, p := range places {
		names[i] = p.Name
	}
	idx := indexAchievement(a)
	bar := charts.NewBar()
	selected := map[string]bool{}
	var best []string
	for _, g := range a.Subgroups {
		data := make([]opts.BarData, len(places))
		present := false
		top, topName := 0.0, ""
		for i, p := range places {
			data[i] = opts.BarData{Value: missing}
			years := idx.years[[2]string{p.ID, subject.ID}]
			if len(years) < 2 {
				continue
			}
			before, after := years[len(years)-2], years[len(years)-1]
			rb, okb := idx.get(p.ID, before, subject.ID, g.ID)
			ra, oka := idx.get(p.ID, after, subject.ID, g.ID)
			if !okb && !oka {
				continue
			}
			present = true
			gain := Gain(rb.Proficient, ra.Proficient)
			if gain.Kind == generator.Reported {
				data[i] = opts.BarData{Value: gain.Value}
				if gain.Value > top {
					top, topName = gain.Value, p.Name
				}
			}
			c.Table.Rows = append(c.Table.Rows, []string{p.Name, before.String() + " → " + after.String(), g.Label, gainText(a, gain)})
		}
		if present {
			bar.AddSeries(g.Label, data)
			selected[g.Label] = g.ID == "all" || len(selected) < 3
			if topName != "" {
				best = append(best, fmt.Sprintf("%s: %s at %s", g.Label, PP(top), topName))
			}
		}
	}
	c.Summary = fmt.Sprintf("Largest %s gain for each student group: %s.", strings.ToLower(subject.Label), strings.Join(best, "; "))
	bar.SetGlobalOptions(common(c.Summary)...)
	bar.SetGlobalOptions(
		charts.WithLegendOpts(opts.Legend{Show: boolp(true), Type: "scroll", Top: "0", Selected: selected}),
		charts.WithXAxisOpts(opts.XAxis{Type: "value", Name: "Gain (percentage points)", NameLocation: "middle", NameGap: 24}),
		charts.WithYAxisOpts(opts.YAxis{Type: "category", Inverse: boolp(true)}),
	)
	bar.SetXAxis(names).XYReversal()
	c.Option = finish(bar, roomForAxisName())
	return c
}

func first(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[0]
}

func last(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[len(s)-1]
}
