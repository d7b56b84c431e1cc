package site

import (
	"slices"
	"strings"
	"time"

	"github.com/folio-sites/folio/generator"
	"github.com/folio-sites/folio/generator/changes"
	"github.com/folio-sites/folio/generator/gaps"
	"github.com/folio-sites/folio/generator/goals"
)

// Board is what a page shows for the board (issue 15): how current the
// evidence is, what changed since the last meeting, the goals, and a
// school beside the district. Every sentence is worded already; every
// number in it comes from published values only.
type Board struct {
	// AsOf are the parts of "Data as of": the latest observation, survey
	// year and assessment year, each only where that evidence exists.
	AsOf []string
	// Since is the "Since <date>" section; nil without a date.
	Since *Since
	// Goals are the goals shown on the page.
	Goals []GoalView
	// Beside compares a school with the district, one entry per subject.
	Beside []BesideView
	// Words are the headings and intros of the sections.
	Words BoardWords
}

// BoardWords are the headings and intros of the board's sections.
type BoardWords struct {
	AsOf, NoEvidence                    string
	Goals, GoalsIntro, NoGoals          string
	Beside, BesideIntro                 string
	Indicators, Narratives, GoalChanges string
}

// Since is what changed since a date, at one place or at every place.
type Since struct {
	Title string
	Intro string
	// None is "No changes since <date>." when nothing changed anywhere.
	None   string
	Places []SincePlace
}

// SincePlace is what changed at one school or the district.
type SincePlace struct {
	ID, Name, URL string
	// None is set when nothing changed here.
	None       string
	Indicators []Line
	Narratives []Line
	// Years are the newer survey and assessment years, each a heading
	// with one line per subject or group.
	Years []Block
	Goals []Line
}

// Line is one sentence, optionally with a link; Anchor is the id within
// the linked page.
type Line struct {
	Text   string
	Link   *Link
	Anchor string
}

// Block is a heading with lines.
type Block struct {
	Title string
	Lines []Line
}

// GoalView is one goal, worded.
type GoalView struct {
	ID, Title string
	// Place names the goal's school or the district; URL is its page.
	Place, URL string
	Measure    string
	// Status is the status's slug ("on-track"); StatusLabel its words.
	Status, StatusLabel string
	Sentence            string
	// Steps are baseline → each later value → target.
	Steps []string
}

// BesideView is one subject of a school beside the district.
type BesideView struct {
	Caption string
	Columns []string
	Rows    [][]string
	// GapCaption, GapColumns and GapRows are the gap to all students of
	// each group over the years; Gaps says how each moved.
	GapCaption string
	GapColumns []string
	GapRows    [][]string
	Gaps       []string
}

// boardData computes the goals' progress and the changes once per build.
type boardData struct {
	progress []goals.Progress
	changes  *changes.Changes
}

func (s *Site) prepareBoard() {
	for _, g := range s.Evidence.Goals {
		s.board.progress = append(s.board.progress, goals.Evaluate(g, s.Evidence, time.Time{}))
	}
	if since := s.Config.Board.Since; !since.IsZero() {
		s.board.changes = changes.Compute(since, s.Content, s.Evidence, s.Evidence.Goals)
	}
}

// placeBoard is the board's part of a school's page (id a school) or of
// the district's (generator.DistrictID).
func (s *Site) placeBoard(id string) *Board {
	b := &Board{AsOf: s.asOf(id), Goals: s.goalViews(id), Words: s.boardWords(s.placeName(id))}
	if s.board.changes != nil {
		b.Since = s.since([]string{id})
	}
	if id != generator.DistrictID {
		b.Beside = s.beside(id)
	}
	return b
}

// siteBoard is the board's part of the board packet and the /changes/
// and /goals/ pages: every place.
func (s *Site) siteBoard() *Board {
	b := &Board{AsOf: s.asOf(""), Goals: s.goalViews(""), Words: s.boardWords(s.districtName())}
	if s.board.changes != nil {
		var ids []string
		for _, p := range s.board.changes.Places {
			ids = append(ids, p.School)
		}
		b.Since = s.since(ids)
	}
	return b
}

// homeBoard is the board's part of the home page: data as of.
func (s *Site) homeBoard() *Board {
	return &Board{AsOf: s.asOf(""), Words: s.boardWords(s.districtName())}
}

func (s *Site) boardWords(place string) BoardWords {
	return BoardWords{
		AsOf:  s.text("asof.title"),
		Goals: s.text("goals.title"), GoalsIntro: s.text("goals.intro"), NoGoals: s.text("goals.none"),
		Beside: s.text("beside.title"), BesideIntro: s.text("beside.intro", "place", place),
		Indicators: s.text("since.indicators"), Narratives: s.text("since.narratives"), GoalChanges: s.text("since.goals"),
	}
}

// asOf words how current the evidence of place is ("" for the whole
// district).
func (s *Site) asOf(place string) []string {
	a := s.Evidence.AsOf(place)
	var out []string
	if !a.Observed.IsZero() {
		out = append(out, s.text("asof.observed", "date", longDate(a.Observed)))
	}
	if a.Survey != 0 {
		out = append(out, s.text("asof.survey", "year", a.Survey))
	}
	if a.Assessment != 0 {
		out = append(out, s.text("asof.assessment", "year", a.Assessment))
	}
	return out
}

// placeName names a school, or the district.
func (s *Site) placeName(id string) string {
	if id == generator.DistrictID {
		return s.text("place.district.goals", "district", s.districtName())
	}
	if sc := s.School(id); sc != nil {
		return sc.Name
	}
	return id
}

// placeURL is the page of a school, or the district's.
func placeURL(id string) string {
	if id == generator.DistrictID {
		return "/district/"
	}
	return SchoolURL(id)
}

// since words the changes at the places ids.
func (s *Site) since(ids []string) *Since {
	ch := s.board.changes
	date := longDate(ch.Since)
	out := &Since{Title: s.text("since.title", "date", date), Intro: s.text("since.intro", "date", date)}
	none := true
	for _, id := range ids {
		p := ch.Place(id)
		if p == nil {
			continue
		}
		sp := SincePlace{ID: id, Name: s.placeName(id), URL: placeURL(id)}
		if p.None() {
			sp.None = s.text("since.place.none")
		} else {
			none = false
		}
		for _, in := range p.Indicators {
			line := Line{Text: s.text("since.indicator", "indicator", s.indicatorText(in.ID), "from", s.statusLabel(in.From), "to", s.statusLabel(in.To), "date", longDate(in.Date))}
			if in.New() {
				line.Text = s.text("since.indicator.new", "indicator", s.indicatorText(in.ID), "to", s.statusLabel(in.To), "date", longDate(in.Date))
			}
			if in.Evidence != "" {
				line.Link = &Link{Title: s.text("since.evidence"), URL: evidenceURL(in.Evidence)}
			}
			sp.Indicators = append(sp.Indicators, line)
		}
		for _, n := range p.Narratives {
			sp.Narratives = append(sp.Narratives, Line{Text: s.text("since.narrative", "date", longDate(n.Date)), Link: &Link{Title: n.Title, URL: NarrativeURL(n)}})
		}
		for _, y := range p.Assessment {
			sp.Years = append(sp.Years, s.yearBlock("since.assessment", y, goals.Achievement))
		}
		for _, y := range p.Survey {
			sp.Years = append(sp.Years, s.yearBlock("since.survey", y, goals.Trust))
		}
		for _, g := range p.Goals {
			sp.Goals = append(sp.Goals, Line{Text: s.text("since.goal", "from", s.statusWords(g.From.Status), "to", s.statusWords(g.To.Status)), Link: &Link{Title: g.To.Goal.Title, URL: "/goals/"}, Anchor: "goal-" + g.To.Goal.ID})
		}
		out.Places = append(out.Places, sp)
	}
	if none {
		out.None = s.text("since.none", "date", date)
	}
	return out
}

// evidenceURL is an observation's evidence as a link: a URL as written, a
// file under content/ by its site path.
func evidenceURL(e string) string {
	if strings.Contains(e, "://") {
		return e
	}
	return "/" + strings.TrimPrefix(e, "/")
}

// yearBlock words a newer survey or assessment year with its gains.
func (s *Site) yearBlock(id string, y changes.Year, kind string) Block {
	b := Block{Title: s.text(id, "year", y.Year)}
	for _, g := range y.Gains {
		var what string
		m := goals.Measure{Evidence: kind}
		if kind == goals.Achievement {
			what = s.text("since.what.subject", "subject", s.subjectLabel(g.Of))
		} else {
			what = s.text("since.what.group", "group", s.groupLabel(g.Of))
			m.Facet = goals.AllFacets
		}
		value := s.valueText(m, g.Now)
		var line string
		switch {
		case !g.Now.OK():
			line = s.text("since.gain.hidden", "what", what, "year", y.Year, "why", s.cellWhy(m, g.Now))
		case g.HasDiff:
			gain := pp(g.Diff)
			if kind == goals.Trust {
				gain = change(g.Diff)
			}
			line = s.text("since.gain", "what", what, "value", value, "year", y.Year, "gain", gain, "prev", s.valueText(m, g.Before), "prev_year", y.Prev)
		case y.Prev == 0:
			line = s.text("since.gain.first", "what", what, "value", value, "year", y.Year)
		default:
			why := g.Before
			if !g.Now.OK() {
				why = g.Now
			}
			line = s.text("since.gain.not-computed", "what", what, "value", value, "year", y.Year, "prev_year", y.Prev, "why", s.cellWhy(m, why))
		}
		b.Lines = append(b.Lines, Line{Text: line})
	}
	return b
}

// valueText writes a published value in its unit, or why there is none.
func (s *Site) valueText(m goals.Measure, v goals.Value) string {
	if !v.OK() {
		return s.text("cell.not-computed.why", "why", s.cellWhy(m, v))
	}
	if m.Percent() {
		return pct(v.Value)
	}
	return mean(v.Value)
}

// cellWhy is the short reason a value is not a number: "fewer than 10
// students".
func (s *Site) cellWhy(m goals.Measure, v goals.Value) string {
	var w string
	switch v.Why {
	case goals.Suppressed:
		switch {
		case v.Complementary:
			w = s.text("why.complementary")
		case m.Evidence == goals.Trust:
			w = s.text("why.respondents", "n", s.minRespondents())
		default:
			w = s.text("why.students", "n", s.minN())
		}
	case goals.Coded:
		w = s.text("why.coded", "text", v.Text)
	case goals.AtSource:
		w = s.text("why.at-source")
	default:
		w = s.text("why.missing")
	}
	if v.Facet != "" {
		return s.text("goal.why.facet", "facet", s.facetLabel(v.Facet), "why", w)
	}
	return w
}

func (s *Site) minN() int {
	if a := s.Evidence.Achievement; a != nil {
		return a.MinN
	}
	return 10
}

func (s *Site) minRespondents() int {
	if t := s.Evidence.Trust; t != nil {
		return t.MinRespondents
	}
	return 5
}

// why is the reason a goal's value cannot be reported, as a clause.
func (s *Site) why(m goals.Measure, v goals.Value) string {
	var w string
	switch v.Why {
	case goals.Suppressed:
		switch {
		case v.Complementary:
			w = s.text("goal.why.complementary")
		case m.Evidence == goals.Trust:
			w = s.text("goal.why.respondents", "n", s.minRespondents())
		default:
			w = s.text("goal.why.students", "n", s.minN())
		}
	case goals.Coded:
		w = s.text("goal.why.coded", "text", v.Text)
	case goals.AtSource:
		w = s.text("goal.why.at-source")
	default:
		switch {
		case v.Facet != "":
			return s.text("goal.why.missing-facet", "facet", s.facetLabel(v.Facet))
		case m.Evidence == goals.Installation:
			return s.text("goal.why.no-indicators")
		}
		return s.text("goal.why.missing")
	}
	if v.Facet != "" {
		return s.text("goal.why.facet", "facet", s.facetLabel(v.Facet), "why", w)
	}
	return w
}

// goalViews words the goals of place: a school id, the district, or every
// goal for "".
func (s *Site) goalViews(place string) []GoalView {
	var out []GoalView
	for _, p := range s.board.progress {
		if place != "" && p.Goal.School != place {
			continue
		}
		out = append(out, s.goalView(p))
	}
	return out
}

func (s *Site) goalView(p goals.Progress) GoalView {
	g, m := p.Goal, p.Goal.Measure
	v := GoalView{ID: g.ID, Title: g.Title, Place: s.placeName(g.School), URL: placeURL(g.School),
		Measure: s.measureText(m), Status: p.Status.Slug(), StatusLabel: s.text("goal.status." + p.Status.Slug())}
	val := func(x float64) string {
		if m.Percent() {
			return pct(x)
		}
		return mean(x)
	}
	target, targetYear := val(g.Target.Value), g.Target.Year
	latest := p.Latest
	switch p.Status {
	case goals.Met:
		v.Sentence = s.text("goal.met", "value", val(latest.Value), "year", latest.Year, "target", target, "target_year", targetYear)
	case goals.OnTrack, goals.NotOnTrack:
		if !p.HasExpected {
			v.Sentence = s.text("goal.missed", "value", val(latest.Value), "year", latest.Year, "target", target, "target_year", targetYear)
			break
		}
		side := s.side(m.Round(latest.Value), p.Expected, g)
		track := s.text("goal.track.off")
		if p.Status == goals.OnTrack {
			track = s.text("goal.track.on")
		}
		if p.FromInterim {
			v.Sentence = s.text("goal.interim", "value", val(latest.Value), "year", latest.Year, "side", side, "expected", val(p.Expected), "track", track, "target", target, "target_year", targetYear)
		} else {
			v.Sentence = s.text("goal.line", "value", val(latest.Value), "year", latest.Year, "side", side, "expected", val(p.Expected), "baseline", val(g.Baseline.Value), "baseline_year", g.Baseline.Year, "track", track, "target", target, "target_year", targetYear)
		}
	default:
		if latest.Year == 0 {
			v.Sentence = s.text("goal.cannot.no-data", "why", s.text("goal.why.no-data"), "target", target, "target_year", targetYear)
		} else {
			v.Sentence = s.text("goal.cannot", "year", latest.Year, "why", s.why(m, latest), "target", target, "target_year", targetYear)
		}
	}
	v.Steps = append(v.Steps, s.text("goal.step.baseline", "value", val(g.Baseline.Value), "year", g.Baseline.Year))
	for _, x := range p.Values {
		if x.OK() {
			v.Steps = append(v.Steps, s.text("goal.step.value", "value", val(x.Value), "year", x.Year))
		} else {
			v.Steps = append(v.Steps, s.text("goal.step.hidden", "year", x.Year))
		}
	}
	v.Steps = append(v.Steps, s.text("goal.step.target", "value", target, "year", targetYear))
	return v
}

// side says where a value stands against the expected one, in the goal's
// direction: above, at or below.
func (s *Site) side(v, expected float64, g goals.Goal) string {
	switch {
	case v == expected:
		return s.text("word.at")
	case v > expected:
		return s.text("word.above")
	}
	return s.text("word.below")
}

// measureText words what a goal measures.
func (s *Site) measureText(m goals.Measure) string {
	switch m.Evidence {
	case goals.Achievement:
		return s.text("goal.measure.achievement", "subject", s.subjectLabel(m.Subject), "subgroup", s.subgroupLabel(m.Subgroup))
	case goals.Trust:
		facet := s.text("goal.measure.trust.all")
		if m.Facet != goals.AllFacets {
			facet = s.facetLabel(m.Facet)
		}
		return s.text("goal.measure.trust", "group", s.groupLabel(m.Group), "facet", facet)
	}
	comp := s.text("goal.measure.framework")
	if fw := s.Evidence.Framework; fw != nil && m.Component != "" {
		for _, c := range fw.Components {
			if c.ID == m.Component {
				comp = c.Title
			}
		}
	}
	return s.text("goal.measure.installation", "component", comp)
}

// beside words a school beside the district, subject by subject.
func (s *Site) beside(id string) []BesideView {
	a := s.Evidence.Achievement
	if a == nil {
		return nil
	}
	name := s.placeName(id)
	m := goals.Measure{Evidence: goals.Achievement}
	cell := func(v goals.Value) string { return s.valueText(m, v) }
	var out []BesideView
	for _, sub := range gaps.Compute(a, id) {
		subject := s.subjectLabel(sub.Subject)
		bv := BesideView{}
		if len(sub.Beside) > 0 {
			bv.Caption = s.text("beside.caption", "subject", subject, "year", sub.Year, "place", name)
			bv.Columns = []string{s.text("beside.col.group"), s.text("beside.col.school", "place", name), s.text("beside.col.district"), s.text("beside.col.difference")}
			for _, r := range sub.Beside {
				diff := s.text("cell.not-computed.why", "why", s.cellWhy(m, firstHidden(r.School, r.District)))
				if r.HasDiff {
					diff = pp(r.Diff)
				}
				bv.Rows = append(bv.Rows, []string{s.subgroupLabel(r.Subgroup), cell(r.School), cell(r.District), diff})
			}
		}
		var years []generator.SchoolYear
		for _, g := range sub.Gaps {
			for _, y := range g.Years {
				if !slices.Contains(years, y.Year) {
					years = append(years, y.Year)
				}
			}
		}
		slices.Sort(years)
		if len(sub.Gaps) > 0 {
			bv.GapCaption = s.text("beside.gaps.caption", "subject", subject, "place", name)
			bv.GapColumns = []string{s.text("beside.col.group")}
			for _, y := range years {
				bv.GapColumns = append(bv.GapColumns, y.String())
			}
		}
		for _, g := range sub.Gaps {
			group := s.subgroupLabel(g.Subgroup)
			row := []string{group}
			var computed []gaps.GapYear
			for _, y := range years {
				i := slices.IndexFunc(g.Years, func(gy gaps.GapYear) bool { return gy.Year == y })
				switch {
				case i < 0:
					row = append(row, s.text("why.missing"))
				case g.Years[i].HasGap:
					row = append(row, pp(g.Years[i].Gap))
					computed = append(computed, g.Years[i])
				default:
					row = append(row, s.text("cell.not-computed.why", "why", s.cellWhy(m, firstHidden(g.Years[i].Group, g.Years[i].All))))
				}
			}
			bv.GapRows = append(bv.GapRows, row)
			bv.Gaps = append(bv.Gaps, s.gapSentence(group, g, computed))
		}
		out = append(out, bv)
	}
	return out
}

// firstHidden is the first of two values that is not a number.
func firstHidden(a, b goals.Value) goals.Value {
	if !a.OK() {
		return a
	}
	return b
}

// gapSentence says how a group's gap to all students moved.
func (s *Site) gapSentence(group string, g gaps.Gap, computed []gaps.GapYear) string {
	magnitude := func(v float64) string { return strings.TrimPrefix(pp(v), "+") }
	switch {
	case len(computed) == 0:
		return s.text("beside.gap.none", "group", group)
	case g.Trend == gaps.None:
		return s.text("beside.gap.one", "group", group, "to", pp(computed[0].Gap), "to_year", computed[0].Year)
	case g.First.Gap < 0 || g.Last.Gap < 0:
		return s.text("beside.gap.crossed", "group", group, "from", pp(g.First.Gap), "from_year", g.First.Year, "to", pp(g.Last.Gap), "to_year", g.Last.Year)
	}
	id := "beside.gap." + g.Trend.Slug()
	return s.text(id, "group", group, "from", magnitude(g.First.Gap), "from_year", g.First.Year, "to", magnitude(g.Last.Gap), "to_year", g.Last.Year)
}

// statusWords is a goal status in words, lower case for a sentence.
func (s *Site) statusWords(st goals.Status) string {
	return strings.ToLower(s.text("goal.status." + st.Slug()))
}

// The labels of ids, falling back to the id.
func (s *Site) subjectLabel(id string) string {
	if a := s.Evidence.Achievement; a != nil {
		return labelOf(a.Subjects, id)
	}
	return id
}

func (s *Site) subgroupLabel(id string) string {
	if a := s.Evidence.Achievement; a != nil {
		return labelOf(a.Subgroups, id)
	}
	return id
}

func (s *Site) groupLabel(id string) string {
	if t := s.Evidence.Trust; t != nil {
		return labelOf(t.Groups, id)
	}
	return id
}

func (s *Site) facetLabel(id string) string {
	if t := s.Evidence.Trust; t != nil {
		return labelOf(t.Facets, id)
	}
	return id
}

func labelOf(labels []generator.Label, id string) string {
	for _, l := range labels {
		if l.ID == id {
			return l.Label
		}
	}
	return id
}

// statusLabel is an installation status's label.
func (s *Site) statusLabel(id string) string {
	if id == generator.NotApplicable {
		return s.text("status.not-applicable")
	}
	if fw := s.Evidence.Framework; fw != nil {
		for _, st := range fw.StatusScale {
			if st.ID == id {
				return st.Label
			}
		}
	}
	return id
}

// indicatorText names an indicator by its text.
func (s *Site) indicatorText(id string) string {
	if fw := s.Evidence.Framework; fw != nil {
		for _, c := range fw.Components {
			for _, p := range c.Practices {
				for _, in := range p.Indicators {
					if in.ID == id {
						return in.Text
					}
				}
			}
		}
	}
	return id
}
