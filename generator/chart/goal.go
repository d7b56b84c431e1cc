package chart

import (
	"cmp"
	"math"
	"time"

	"github.com/folio-sites/folio/generator"
	"github.com/folio-sites/folio/generator/evidence"
	"github.com/folio-sites/folio/generator/goals"
)

func init() {
	register(&Kind{Name: "goal", Evidence: "goals", Params: []string{"goal"}, Build: goalChart})
}

// goalChart draws a goal's progress: the measured value of each year
// after the baseline (a suppressed one marked, never drawn) beside the
// path the goal expects, from the baseline through its interim targets to
// its target. Its summary is the goal's sentence.
func goalChart(in *Input, p Params) (*Chart, error) {
	var ids []string
	gi := -1
	for i, g := range in.Evidence.Goals {
		ids = append(ids, g.ID)
		if g.ID == p.Goal {
			gi = i
		}
	}
	if gi < 0 {
		if p.Goal == "" {
			return nil, &Problem{Msg: "chart kind 'goal' needs goal:", Hint: "give the id of a goal in data/goals.yaml"}
		}
		return nil, &Problem{Msg: "chart: unknown goal '" + p.Goal + "'", Hint: cmp.Or(generator.DidYouMean(p.Goal, ids), "goal ids are listed in data/goals.yaml")}
	}
	g := in.Evidence.Goals[gi]
	m := g.Measure
	prog := goals.Evaluate(g, in.Evidence, time.Time{})
	last := max(g.Target.Year, prog.Latest.Year)
	var cats []Item
	for y := g.Baseline.Year; y <= last; y++ {
		cats = append(cats, Item{ID: y.String(), Label: y.String()})
	}
	grid := newGrid(cats, []Item{{ID: "measured", Label: in.msg("series.goal.measured")}, {ID: "path", Label: in.msg("series.goal.path")}})
	grid.CategoryName, grid.SeriesName, grid.ValueName, grid.Wide = in.msg("col.year"), in.msg("col.goal-line"), in.msg("col.value"), true
	format := Pct
	if !m.Percent() {
		format = Mean
	}
	for i := range cats {
		y := g.Baseline.Year + generator.SchoolYear(i)
		if y <= g.Target.Year {
			e := goals.Expected(g, y)
			grid.Cells[1][i] = Cell{State: Value, Value: m.Round(e), Text: format(e)}
		}
		v, ok := prog.In(y)
		if !ok {
			continue
		}
		switch {
		case v.OK():
			grid.Cells[0][i] = Cell{State: Value, Value: m.Round(v.Value), Text: in.GoalValue(m, v)}
		case v.Why == goals.Suppressed:
			grid.Cells[0][i] = Cell{State: Suppressed, Text: in.Why(m, v), Complementary: v.Complementary}
		default:
			grid.Cells[0][i] = Cell{State: NotReported, Text: in.Why(m, v)}
		}
	}
	place := in.placeName(g.School, m.Evidence)
	c := &Chart{ID: ID("goal", g.ID), Kind: "goal", Grid: grid}
	c.Title = in.msg("chart.goal.title", "goal", g.Title, "place", place)
	c.Summary, _ = in.GoalWords(prog)
	lo, hi := axisRange(grid, m, in.Evidence.Trust)
	w := students
	if m.Evidence == goals.Trust {
		w = respondents
	}
	d := lines(grid, lineSpec{Min: lo, Max: hi, AxisName: in.GoalMeasure(m),
		Suppressed: in.suppressedKey(grid, in.minFor(m), w)})
	d.Height -= 100 // a small chart: the sentence and the table carry the numbers
	return finish(c, in.msg("table.goal", "goal", g.Title, "place", place), d), nil
}

// axisRange is the value axis of a goal chart: the drawn values with a
// margin, on round steps (10 points of percent, half a point of a trust
// mean), within the measure's scale, so that a few points of progress
// show.
func axisRange(g *Grid, m goals.Measure, t *evidence.Trust) (lo, hi float64) {
	scaleLo, scaleHi, step := 0.0, 100.0, 10.0
	if !m.Percent() {
		scaleLo, scaleHi, step = 1, 6, 0.5
		if t != nil && t.ScaleMax > t.ScaleMin {
			scaleLo, scaleHi = t.ScaleMin, t.ScaleMax
		}
	}
	lo, hi = scaleHi, scaleLo
	for _, row := range g.Cells {
		for _, c := range row {
			if c.Drawn() {
				lo, hi = min(lo, c.Value), max(hi, c.Value)
			}
		}
	}
	if lo > hi {
		return scaleLo, scaleHi
	}
	lo = max(scaleLo, math.Floor((lo-step/2)/step)*step)
	hi = min(scaleHi, math.Ceil((hi+step/2)/step)*step)
	return lo, hi
}

func (in *Input) minFor(m goals.Measure) int {
	if m.Evidence == goals.Trust {
		return in.minRespondents()
	}
	return in.minN()
}

// GoalValue writes a goal's (or a derived) value in its unit, or why
// there is none: "not computed (fewer than 10 students)".
func (in *Input) GoalValue(m goals.Measure, v goals.Value) string {
	if !v.OK() {
		return in.msg("cell.not-computed.why", "why", in.Why(m, v))
	}
	if m.Percent() {
		return Pct(v.Value)
	}
	return cmp.Or(v.Shown, Mean(v.Value))
}

// Why is the short reason a value is not a number: "fewer than 10
// students".
func (in *Input) Why(m goals.Measure, v goals.Value) string {
	var w string
	switch v.Why {
	case goals.Suppressed:
		switch {
		case v.Complementary:
			w = in.msg("why.complementary")
		case m.Evidence == goals.Trust:
			w = in.msg("why.respondents", "n", in.minRespondents())
		default:
			w = in.msg("why.students", "n", in.minN())
		}
	case goals.Coded:
		w = in.msg("why.coded", "text", v.Text)
	case goals.AtSource:
		w = in.msg("why.at-source")
	default:
		w = in.msg("why.missing")
	}
	if v.Facet != "" {
		return in.msg("goal.why.facet", "facet", in.FacetLabel(v.Facet), "why", w)
	}
	return w
}

func (in *Input) minN() int {
	if a := in.Evidence.Achievement; a != nil {
		return a.MinN
	}
	return 10
}

func (in *Input) minRespondents() int {
	if t := in.Evidence.Trust; t != nil {
		return t.MinRespondents
	}
	return 5
}

// why is the reason a goal's value cannot be reported, as a clause.
func (in *Input) goalWhy(m goals.Measure, v goals.Value) string {
	var w string
	switch v.Why {
	case goals.Suppressed:
		switch {
		case v.Complementary:
			w = in.msg("goal.why.complementary")
		case m.Evidence == goals.Trust:
			w = in.msg("goal.why.respondents", "n", in.minRespondents())
		default:
			w = in.msg("goal.why.students", "n", in.minN())
		}
	case goals.Coded:
		w = in.msg("goal.why.coded", "text", v.Text)
	case goals.AtSource:
		w = in.msg("goal.why.at-source")
	default:
		switch {
		case v.Facet != "":
			return in.msg("goal.why.missing-facet", "facet", in.FacetLabel(v.Facet))
		case m.Evidence == goals.Installation:
			return in.msg("goal.why.no-indicators")
		}
		return in.msg("goal.why.missing")
	}
	if v.Facet != "" {
		return in.msg("goal.why.facet", "facet", in.FacetLabel(v.Facet), "why", w)
	}
	return w
}

// GoalWords words where a goal stands — "46.0% in 2024-25, above the
// interim target of 45.0%; on track for 55.0% by 2026-27" — and its path:
// baseline → each later value → target.
func (in *Input) GoalWords(p goals.Progress) (sentence string, steps []string) {
	g, m := p.Goal, p.Goal.Measure
	var v struct {
		Sentence string
		Steps    []string
	}
	val := func(x float64) string {
		if m.Percent() {
			return Pct(x)
		}
		return Mean(x)
	}
	// Values of the evidence are written by GoalValue, as pages show
	// them; a target, a baseline and an expected value are the goal's
	// own, written by val.
	target, targetYear := val(g.Target.Value), g.Target.Year
	latest := p.Latest
	switch p.Status {
	case goals.Met:
		v.Sentence = in.msg("goal.met", "value", in.GoalValue(m, latest), "year", latest.Year, "target", target, "target_year", targetYear)
	case goals.OnTrack, goals.NotOnTrack:
		if !p.HasExpected {
			v.Sentence = in.msg("goal.missed", "value", in.GoalValue(m, latest), "year", latest.Year, "target", target, "target_year", targetYear)
			break
		}
		side := in.side(m.Round(latest.Value), p.Expected, g)
		track := in.msg("goal.track.off")
		if p.Status == goals.OnTrack {
			track = in.msg("goal.track.on")
		}
		if p.FromInterim {
			v.Sentence = in.msg("goal.interim", "value", in.GoalValue(m, latest), "year", latest.Year, "side", side, "expected", val(p.Expected), "track", track, "target", target, "target_year", targetYear)
		} else {
			v.Sentence = in.msg("goal.line", "value", in.GoalValue(m, latest), "year", latest.Year, "side", side, "expected", val(p.Expected), "baseline", val(g.Baseline.Value), "baseline_year", g.Baseline.Year, "track", track, "target", target, "target_year", targetYear)
		}
	default:
		if latest.Year == 0 {
			v.Sentence = in.msg("goal.cannot.no-data", "why", in.msg("goal.why.no-data"), "target", target, "target_year", targetYear)
		} else {
			v.Sentence = in.msg("goal.cannot", "year", latest.Year, "why", in.goalWhy(m, latest), "target", target, "target_year", targetYear)
		}
	}
	v.Steps = append(v.Steps, in.msg("goal.step.baseline", "value", val(g.Baseline.Value), "year", g.Baseline.Year))
	for _, x := range p.Values {
		if x.OK() {
			v.Steps = append(v.Steps, in.msg("goal.step.value", "value", in.GoalValue(m, x), "year", x.Year))
		} else {
			// Why, in words: "not reported" read as though the state
			// had not reported a value folio withheld.
			v.Steps = append(v.Steps, in.msg("goal.step.hidden", "year", x.Year, "why", in.goalWhy(m, x)))
		}
	}
	v.Steps = append(v.Steps, in.msg("goal.step.target", "value", target, "year", targetYear))
	return v.Sentence, v.Steps
}

// side says where a value stands against the expected one, in the goal's
// direction: above, at or below.
func (in *Input) side(v, expected float64, g goals.Goal) string {
	switch {
	case v == expected:
		return in.msg("word.at")
	case v > expected:
		return in.msg("word.above")
	}
	return in.msg("word.below")
}

// GoalMeasure words what a goal measures.
func (in *Input) GoalMeasure(m goals.Measure) string {
	switch m.Evidence {
	case goals.Achievement:
		return in.msg("goal.measure.achievement", "subject", in.SubjectLabel(m.Subject), "subgroup", in.SubgroupLabel(m.Subgroup))
	case goals.Trust:
		facet := in.msg("goal.measure.trust.all")
		if m.Facet != goals.AllFacets {
			facet = in.FacetLabel(m.Facet)
		}
		return in.msg("goal.measure.trust", "group", in.GroupLabel(m.Group), "facet", facet)
	}
	comp := in.msg("goal.measure.framework")
	if fw := in.Evidence.Framework; fw != nil && m.Component != "" {
		for _, c := range fw.Components {
			if c.ID == m.Component {
				comp = c.Title
			}
		}
	}
	return in.msg("goal.measure.installation", "component", comp)
}

// SubjectLabel, SubgroupLabel, GroupLabel and FacetLabel are the labels
// of ids, falling back to the id.
func (in *Input) SubjectLabel(id string) string {
	if a := in.Evidence.Achievement; a != nil {
		l, _ := label(a.Subjects, id)
		return l.Label
	}
	return id
}

func (in *Input) SubgroupLabel(id string) string {
	if a := in.Evidence.Achievement; a != nil {
		l, _ := label(a.Subgroups, id)
		return l.Label
	}
	return id
}

func (in *Input) GroupLabel(id string) string {
	if t := in.Evidence.Trust; t != nil {
		l, _ := label(t.Groups, id)
		return l.Label
	}
	return id
}

func (in *Input) FacetLabel(id string) string {
	if t := in.Evidence.Trust; t != nil {
		l, _ := label(t.Facets, id)
		return l.Label
	}
	return id
}
