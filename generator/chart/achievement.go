package chart

import (
	"cmp"
	"slices"
	"strings"

	"github.com/folio-sites/folio/generator"
	"github.com/folio-sites/folio/generator/evidence"
)

func init() {
	register(&Kind{Name: "achievement", Evidence: "achievement", Params: []string{"school", "subject"},
		Defaults: achievementDefaults(1), Build: achievementBySubgroup})
	register(&Kind{Name: "achievement-gains", Evidence: "achievement", Params: []string{"school", "subject"}, Board: true,
		Defaults: achievementDefaults(2), Build: achievementGains})
	register(&Kind{Name: "achievement-schools", Evidence: "achievement", Params: []string{"subject"}, Across: true, Board: true,
		Defaults: func(in *Input, _ string) []Params {
			a := in.Evidence.Achievement
			if a == nil {
				return nil
			}
			var out []Params
			for _, s := range a.Subjects {
				if slices.ContainsFunc(a.Results, func(r evidence.AchievementResult) bool { return r.Subject == s.ID }) {
					out = append(out, Params{Subject: s.ID})
				}
			}
			return out
		}, Build: achievementSchools})
}

// achievementDefaults lists one chart per subject with at least years
// years of results at the place.
func achievementDefaults(years int) func(in *Input, place string) []Params {
	return func(in *Input, place string) []Params {
		a := in.view(place).Achievement
		if a == nil {
			return nil
		}
		var out []Params
		for _, s := range AchievementSubjects(a, place) {
			if len(AchievementYears(a, place, s.ID)) >= years {
				out = append(out, Params{School: place, Subject: s.ID})
			}
		}
		return out
	}
}

// AchievementYears returns the years with results for school and subject.
func AchievementYears(a *evidence.Achievement, school, subject string) []generator.SchoolYear {
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
func AchievementSubjects(a *evidence.Achievement, school string) []generator.Label {
	var out []generator.Label
	for _, s := range a.Subjects {
		if slices.ContainsFunc(a.Results, func(r evidence.AchievementResult) bool { return r.School == school && r.Subject == s.ID }) {
			out = append(out, s)
		}
	}
	return out
}

// subgroupsAt returns the subgroups with results at school for subject.
func subgroupsAt(a *evidence.Achievement, school, subject string) []generator.Label {
	var out []generator.Label
	for _, g := range a.Subgroups {
		if slices.ContainsFunc(a.Results, func(r evidence.AchievementResult) bool {
			return r.School == school && r.Subject == subject && r.Subgroup == g.ID
		}) {
			out = append(out, g)
		}
	}
	return out
}

type achievementKey struct {
	school, subject, subgroup string
	year                      generator.SchoolYear
}

// indexAchievement indexes the results of one subject, the only one a
// chart looks up (half the index, in a district of two subjects).
func indexAchievement(a *evidence.Achievement, subject string) map[achievementKey]evidence.AchievementResult {
	idx := make(map[achievementKey]evidence.AchievementResult, len(a.Results)/max(1, len(a.Subjects)))
	for _, r := range a.Results {
		if r.Subject == subject {
			idx[achievementKey{r.School, r.Subject, r.Subgroup, r.Year}] = r
		}
	}
	return idx
}

// proficient is a result's percentage as a cell, with the number tested.
func (in *Input) proficient(a *evidence.Achievement, r evidence.AchievementResult) Cell {
	c := in.cell(r.Proficient, Pct, a.MinN, students)
	c.Extra = []string{in.count(r.Tested, a.MinN, students)}
	return c
}

// subject resolves a block's subject at a place: the one asked for, or
// the first with results there.
func (in *Input) subject(a *evidence.Achievement, p Params, place string) (generator.Label, error) {
	subs := AchievementSubjects(a, p.School)
	if len(subs) == 0 {
		return generator.Label{}, noData(place, "achievement results")
	}
	if p.Subject == "" {
		return subs[0], nil
	}
	sub, _ := label(a.Subjects, p.Subject)
	if !slices.ContainsFunc(subs, func(l generator.Label) bool { return l.ID == p.Subject }) {
		return sub, noData(place, strings.ToLower(sub.Label)+" results")
	}
	return sub, nil
}

// achievementBySubgroup draws proficiency over the years in small
// multiples, one panel per student group, so every group is in view.
func achievementBySubgroup(in *Input, p Params) (*Chart, error) {
	a := in.view(p.School).Achievement
	place := in.placeName(p.School, "achievement")
	subject, err := in.subject(a, p, place)
	if err != nil {
		return nil, err
	}
	years := AchievementYears(a, p.School, subject.ID)
	subj := strings.ToLower(subject.Label)
	groups := subgroupsAt(a, p.School, subject.ID)
	if len(groups) == 0 {
		return nil, noData(place, subj+" results for the student groups of data/achievement.yaml")
	}
	var cats, series []Item
	for _, y := range years {
		cats = append(cats, Item{ID: y.String(), Label: y.String()})
	}
	for _, gr := range groups {
		series = append(series, Item{ID: gr.ID, Label: gr.Label})
	}
	g := newGrid(cats, series)
	g.CategoryName, g.SeriesName, g.ValueName, g.SeriesFirst = in.msg("col.year"), in.msg("col.student-group"), in.msg("col.proficient"), true
	g.Extra = []string{in.msg("col.tested")}
	idx := indexAchievement(a, subject.ID)
	for s, gr := range groups {
		for c, y := range years {
			if r, ok := idx[achievementKey{p.School, subject.ID, gr.ID, y}]; ok {
				g.Cells[s][c] = in.proficient(a, r)
			}
		}
	}
	c := &Chart{ID: ID("achievement", p.School, subject.ID, "subgroups"), Kind: "achievement", Grid: g}
	c.Title = in.msg("chart.achievement.title", "subject", subject.Label, "place", place)
	c.Summary = strings.Join(in.achievementSummary(a, g, subj, place), " ")
	d := panels(g, panelSpec{Min: 0, Max: 100, Labels: true, AxisName: in.msg("axis.proficient"),
		Suppressed: in.suppressedKey(g, a.MinN, students)})
	return finish(c, in.msg("table.achievement", "subject", subj, "place", place), d), nil
}

// achievementSummary: all students' latest result and its change, each
// group's gap to all students (with n), and what is not shown.
func (in *Input) achievementSummary(a *evidence.Achievement, g *Grid, subj, place string) []string {
	var out []string
	all := slices.IndexFunc(g.Series, func(it Item) bool { return it.ID == "all" })
	last := len(g.Categories) - 1
	if all >= 0 && last >= 0 {
		cur := g.Cells[all][last]
		args := []any{"subject", subj, "place", place, "year", g.Categories[last].Label, "pct", cur.Text}
		switch {
		case !cur.Drawn():
			out = append(out, in.msg("chart.achievement.summary.hidden", "subject", subj, "place", place, "year", g.Categories[last].Label, "why", cur.Text))
		case last > 0 && g.Cells[all][0].State == Value && cur.State == Value:
			first := g.Cells[all][0]
			ch := in.Gain(first, cur)
			out = append(out, in.msg("chart.achievement.summary.all", append(args, "direction", in.direction(ch.Value),
				"change", ch.Text, "from_year", g.Categories[0].Label, "from", first.Text)...))
		default:
			out = append(out, in.msg("chart.achievement.summary.all-one", args...))
		}
		var gaps []string
		if cur.State == Value {
			for s := range g.Series {
				cell := g.Cells[s][last]
				if s == all || cell.State != Value {
					continue
				}
				// All students less the group, as the school's gaps
				// beside the district are: positive when the group is
				// below all students.
				gap := in.Gain(cell, cur)
				gaps = append(gaps, in.msg("chart.achievement.summary.gap", "group", g.Series[s].Label, "gap", gap.Text, "n", cell.Extra[0]))
			}
		}
		if len(gaps) > 0 {
			out = append(out, in.msg("chart.achievement.summary.gaps", "year", g.Categories[last].Label, "gaps", strings.Join(gaps, in.msg("list.semi"))))
		}
	}
	return append(out, in.notShown(g, true, a.MinN, students)...)
}

// achievementGains draws each student group's gain for every consecutive
// pair of years present, in percentage points.
func achievementGains(in *Input, p Params) (*Chart, error) {
	a := in.view(p.School).Achievement
	place := in.placeName(p.School, "achievement")
	subject, err := in.subject(a, p, place)
	if err != nil {
		return nil, err
	}
	subj := strings.ToLower(subject.Label)
	years := AchievementYears(a, p.School, subject.ID)
	if len(years) < 2 {
		return nil, noData(place, "second year of "+subj+" results: gains need two")
	}
	groups := subgroupsAt(a, p.School, subject.ID)
	var cats, series []Item
	for _, gr := range groups {
		cats = append(cats, Item{ID: gr.ID, Label: gr.Label})
	}
	for i := 1; i < len(years); i++ {
		span := in.msg("span.pair", "first", years[i-1], "last", years[i])
		series = append(series, Item{ID: span, Label: span})
	}
	g := newGrid(cats, series)
	g.CategoryName, g.SeriesName, g.ValueName = in.msg("col.student-group"), in.msg("col.years"), in.msg("col.gain")
	g.Extra = []string{in.msg("col.from"), in.msg("col.to")}
	idx := indexAchievement(a, subject.ID)
	for c, gr := range groups {
		var prev Cell
		for i, y := range years {
			cur := Cell{State: Absent, Text: in.msg("cell.no-data")}
			if r, ok := idx[achievementKey{p.School, subject.ID, gr.ID, y}]; ok {
				cur = in.proficient(a, r)
			}
			if i > 0 && (prev.State != Absent || cur.State != Absent) {
				cell := in.Gain(prev, cur)
				cell.Extra = []string{prev.Text, cur.Text}
				g.Cells[i-1][c] = cell
			}
			prev = cur
		}
	}
	c := &Chart{ID: ID("achievement", p.School, subject.ID, "gains"), Kind: "achievement-gains", Grid: g}
	c.Title = in.msg("chart.achievement-gains.title", "subject", subject.Label, "place", place)
	c.Summary = strings.Join(in.gainsSummary(g, subj, place, a.MinN), " ")
	d := bars(g, barSpec{Horizontal: true, Labels: true, AxisName: in.msg("axis.gain"),
		Suppressed: in.suppressedKey(g, a.MinN, students)})
	return finish(c, in.msg("table.achievement-gains", "subject", subj, "place", place), d), nil
}

// gainsSummary: the latest pair's gains (how many groups gained, the
// largest and smallest), all students' earlier gains, and what is not
// shown.
func (in *Input) gainsSummary(g *Grid, subj, place string, min int) []string {
	var out []string
	last := len(g.Series) - 1
	up, n, hi, lo := 0, 0, -1, -1
	for c := range g.Categories {
		cell := g.Cells[last][c]
		if cell.State != Value {
			continue
		}
		n++
		if cell.Value > 0 {
			up++
		}
		if hi < 0 || cell.Value > g.Cells[last][hi].Value {
			hi = c
		}
		if lo < 0 || cell.Value < g.Cells[last][lo].Value {
			lo = c
		}
	}
	if n > 0 {
		s := in.msg("chart.achievement-gains.summary", "years", g.Series[last].Label, "up", up, "n", n, "subject", subj, "place", place)
		if hi != lo {
			s = strings.TrimSuffix(s, ".") + "; " + in.msg("chart.achievement-gains.summary.range",
				"high", g.Categories[hi].Label, "high_gain", g.Cells[last][hi].Text, "low", g.Categories[lo].Label, "low_gain", g.Cells[last][lo].Text)
		}
		out = append(out, s)
	}
	if all := slices.IndexFunc(g.Categories, func(it Item) bool { return it.ID == "all" }); all >= 0 && last > 0 {
		var earlier []string
		for s := 0; s < last; s++ {
			if cell := g.Cells[s][all]; cell.State == Value {
				earlier = append(earlier, in.msg("chart.achievement-gains.summary.pair", "years", g.Series[s].Label, "gain", cell.Text))
			}
		}
		if len(earlier) > 0 {
			out = append(out, in.msg("chart.achievement-gains.summary.earlier", "gains", in.list(earlier)))
		}
	}
	return append(out, in.notShown(g, false, min, students)...)
}

// achievementSchools compares the latest gain of every school (and the
// district) in small multiples: one panel per student group, each school
// a bar, so that no group is hidden.
func achievementSchools(in *Input, p Params) (*Chart, error) {
	a := in.Evidence.Achievement
	subject, _ := label(a.Subjects, p.Subject)
	if p.Subject == "" {
		subject = a.Subjects[0]
	}
	subj := strings.ToLower(subject.Label)
	idx := indexAchievement(a, subject.ID)
	type pair struct{ before, after generator.SchoolYear }
	pairs := map[string]pair{}
	var cats []Item
	for _, pl := range in.places("achievement") {
		years := AchievementYears(in.view(pl.ID).Achievement, pl.ID, subject.ID)
		if len(years) < 2 {
			continue
		}
		pairs[pl.ID] = pair{years[len(years)-2], years[len(years)-1]}
		// Axis names are written on at most two lines (see panelsOption):
		// the district's in a few words, a school's whole up to 44
		// characters.
		short := shorten(pl.Name, 44)
		if pl.ID == generator.DistrictID {
			short = in.msg("place.district.short")
		}
		cats = append(cats, Item{ID: pl.ID, Label: pl.Name, Short: short})
	}
	if len(cats) == 0 {
		return nil, &Problem{Msg: "chart: no school has two years of " + subj + " results", Hint: "gains need two years; remove the chart until then", missing: true}
	}
	var series []Item
	for _, gr := range a.Subgroups {
		present := false
		for _, c := range cats {
			pr := pairs[c.ID]
			_, okb := idx[achievementKey{c.ID, subject.ID, gr.ID, pr.before}]
			_, oka := idx[achievementKey{c.ID, subject.ID, gr.ID, pr.after}]
			present = present || okb || oka
		}
		if present {
			series = append(series, Item{ID: gr.ID, Label: gr.Label})
		}
	}
	if len(series) == 0 {
		return nil, &Problem{Msg: "chart: no student group has two years of " + subj + " results", Hint: "gains need two years; remove the chart until then", missing: true}
	}
	g := newGrid(cats, series)
	g.CategoryName, g.SeriesName, g.ValueName, g.SeriesFirst = in.msg("col.school"), in.msg("col.student-group"), in.msg("col.gain"), true
	g.Extra = []string{in.msg("col.years")}
	// Most schools compare the same two years: each pair is worded once.
	spans := map[pair]string{}
	for s, gr := range series {
		for c, pl := range cats {
			pr := pairs[pl.ID]
			rb, okb := idx[achievementKey{pl.ID, subject.ID, gr.ID, pr.before}]
			ra, oka := idx[achievementKey{pl.ID, subject.ID, gr.ID, pr.after}]
			if !okb && !oka {
				continue
			}
			before, after := Cell{State: NotReported}, Cell{State: NotReported}
			if okb {
				before = in.proficient(a, rb)
			}
			if oka {
				after = in.proficient(a, ra)
			}
			cell := in.Gain(before, after)
			span, ok := spans[pr]
			if !ok {
				span = in.msg("span.pair", "first", pr.before, "last", pr.after)
				spans[pr] = span
			}
			cell.Extra = []string{span}
			g.Cells[s][c] = cell
		}
	}
	c := &Chart{ID: ID("achievement", "schools", subject.ID, "gains"), Kind: "achievement-schools", Grid: g}
	c.Title = in.msg("chart.achievement-schools.title", "subject", subject.Label)
	c.Summary = strings.Join(in.schoolsSummary(g, subj), " ")
	d := panels(g, panelSpec{Bars: true, AxisName: in.msg("axis.gain"), Suppressed: in.suppressedKey(g, a.MinN, students)})
	return finish(c, in.msg("table.achievement-schools", "subject", subj), d), nil
}

// schoolsSummary: where all students gained most and least, the largest
// gain and loss of any group, and how many results are not shown.
func (in *Input) schoolsSummary(g *Grid, subj string) []string {
	var out []string
	if all := slices.IndexFunc(g.Series, func(it Item) bool { return it.ID == "all" }); all >= 0 {
		hi, lo := extremes(g.Cells[all])
		if hi >= 0 && hi != lo {
			out = append(out, in.msg("chart.achievement-schools.summary.all", "subject", subj,
				"high", g.Categories[hi].Label, "high_gain", g.Cells[all][hi].Text, "low", g.Categories[lo].Label, "low_gain", g.Cells[all][lo].Text))
		}
	}
	type best struct {
		s, c int
	}
	hi, lo := best{-1, -1}, best{-1, -1}
	hidden := 0
	for s := range g.Series {
		for c, cell := range g.Cells[s] {
			if cell.State == Suppressed {
				hidden++
			}
			if cell.State != Value {
				continue
			}
			if hi.s < 0 || cell.Value > g.Cells[hi.s][hi.c].Value {
				hi = best{s, c}
			}
			if lo.s < 0 || cell.Value < g.Cells[lo.s][lo.c].Value {
				lo = best{s, c}
			}
		}
	}
	if hi.s >= 0 && hi != lo {
		out = append(out, in.msg("chart.achievement-schools.summary.range",
			"high_group", g.Series[hi.s].Label, "high", g.Categories[hi.c].Label, "high_gain", g.Cells[hi.s][hi.c].Text,
			"low_group", g.Series[lo.s].Label, "low", g.Categories[lo.c].Label, "low_gain", g.Cells[lo.s][lo.c].Text))
	}
	if hidden > 0 {
		out = append(out, in.msg("chart.achievement-schools.summary.hidden", "n", hidden))
	}
	return out
}

// extremes returns the indexes of the largest and smallest values drawn.
func extremes(cells []Cell) (hi, lo int) {
	hi, lo = -1, -1
	for i, c := range cells {
		if c.State != Value {
			continue
		}
		if hi < 0 || cmp.Compare(c.Value, cells[hi].Value) > 0 {
			hi = i
		}
		if lo < 0 || c.Value < cells[lo].Value {
			lo = i
		}
	}
	return hi, lo
}
