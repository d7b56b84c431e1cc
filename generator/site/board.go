package site

import (
	"slices"
	"strings"
	"time"

	"github.com/folio-sites/folio/generator"
	"github.com/folio-sites/folio/generator/changes"
	"github.com/folio-sites/folio/generator/chart"
	"github.com/folio-sites/folio/generator/evidence"
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
	// Key says what the status initials of the lines' Short forms stand
	// for ("NY Not yet in place · P Partially in place · …").
	Key string
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
// the linked page. Short, where set, says the same in fewer words, for
// paper: an indicator's statuses by their initials (see Since.Key), no
// date.
type Line struct {
	Text   string
	Short  string
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
	// Chart is the goal's progress chart (chart kind goal).
	Chart *chart.Chart
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

// boardData computes the goals' progress and charts and the changes once
// per build.
type boardData struct {
	progress []goals.Progress
	// charts are the goals' progress charts, one per goal, shared by every
	// page that shows the goal.
	charts  []*chart.Chart
	changes *changes.Changes
}

func (s *Site) prepareBoard() {
	kind := chart.Lookup("goal")
	for _, g := range s.Evidence.Goals {
		s.board.progress = append(s.board.progress, goals.Evaluate(g, s.Evidence, time.Time{}))
		c, err := kind.Build(s.charts, chart.Params{Goal: g.ID})
		if err != nil {
			panic("site: the goal chart of a loaded goal: " + err.Error()) // goals.Load checked every id
		}
		s.board.charts = append(s.board.charts, c)
	}
	if since := s.Config.Board.Since; !since.IsZero() {
		s.board.changes = changes.Compute(since, s.Content, s.Evidence, s.Evidence.Goals)
	}
}

// placeBoard is the board's part of a school's page (id a school) or of
// the district's (generator.DistrictID).
func (s *Site) placeBoard(id string) *Board {
	f, ok := s.reuseFacts[id]
	if !ok {
		f.asOf = s.asOf(id)
		if id != generator.DistrictID {
			f.beside = s.beside(id)
		}
	}
	b := &Board{AsOf: f.asOf, Beside: f.beside, Goals: s.goalViews(id), Words: s.boardWords(s.placeName(id))}
	if s.board.changes != nil {
		b.Since = s.since([]string{id})
	}
	return b
}

// placeFacts is what a place's board shows from the evidence alone.
type placeFacts struct {
	asOf   []string
	beside []BesideView
}

// siteBoard is the board's part of the board packet and the /changes/
// and /goals/ pages: every place.
func (s *Site) siteBoard() *Board {
	b := &Board{AsOf: s.allAsOf(), Goals: s.goalViews(""), Words: s.boardWords(s.districtName())}
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
	return &Board{AsOf: s.allAsOf(), Words: s.boardWords(s.districtName())}
}

func (s *Site) boardWords(place string) BoardWords {
	return BoardWords{
		AsOf:  s.Messages.Text("asof.title"),
		Goals: s.Messages.Text("goals.title"), GoalsIntro: s.Messages.Text("goals.intro"), NoGoals: s.Messages.Text("goals.none"),
		Beside: s.Messages.Text("beside.title"), BesideIntro: s.Messages.Text("beside.intro", "place", place),
		Indicators: s.Messages.Text("since.indicators"), Narratives: s.Messages.Text("since.narratives"), GoalChanges: s.Messages.Text("since.goals"),
	}
}

// allAsOf is asOf for the whole district, worked out once per site (and
// taken from the previous site with its other facts), since it scans
// every row of the evidence.
func (s *Site) allAsOf() []string {
	const key = "" // no school has this id
	if f, ok := s.facts[key]; ok {
		return f.asOf
	}
	f, ok := s.reuseFacts[key]
	if !ok {
		f.asOf = s.asOf("")
	}
	if s.facts == nil {
		s.facts = map[string]placeFacts{}
	}
	s.facts[key] = f
	return f.asOf
}

// asOf words how current the evidence of place is ("" for the whole
// district).
func (s *Site) asOf(place string) []string {
	ev := s.Evidence
	if place != "" {
		ev = s.view(place) // the place's own rows: a thousand schools are not each scanned a thousand times
	}
	a := ev.AsOf(place)
	var out []string
	if !a.Observed.IsZero() {
		out = append(out, s.Messages.Text("asof.observed", "date", longDate(a.Observed)))
	}
	if a.Survey != 0 {
		out = append(out, s.Messages.Text("asof.survey", "year", a.Survey))
	}
	if a.Assessment != 0 {
		out = append(out, s.Messages.Text("asof.assessment", "year", a.Assessment))
	}
	return out
}

// placeName names a school, or the district.
func (s *Site) placeName(id string) string {
	if id == generator.DistrictID {
		return s.Messages.Text("place.district.goals", "district", s.districtName())
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
	out := &Since{Title: s.Messages.Text("since.title", "date", date), Intro: s.Messages.Text("since.intro", "date", date)}
	none := true
	for _, id := range ids {
		p := ch.Place(id)
		if p == nil {
			continue
		}
		sp := SincePlace{ID: id, Name: s.placeName(id), URL: placeURL(id)}
		if p.None() {
			sp.None = s.Messages.Text("since.place.none")
		} else {
			none = false
		}
		for _, in := range p.Indicators {
			line := Line{Text: s.Messages.Text("since.indicator", "indicator", s.indicatorText(in.ID), "from", s.statusLabel(in.From), "to", s.statusLabel(in.To), "date", longDate(in.Date)),
				Short: s.Messages.Text("since.indicator.short", "indicator", s.indicatorText(in.ID), "from", chart.Initials(in.From), "to", chart.Initials(in.To))}
			if in.New() {
				line.Text = s.Messages.Text("since.indicator.new", "indicator", s.indicatorText(in.ID), "to", s.statusLabel(in.To), "date", longDate(in.Date))
				line.Short = s.Messages.Text("since.indicator.new.short", "indicator", s.indicatorText(in.ID), "to", chart.Initials(in.To))
			}
			if in.Evidence != "" {
				line.Link = &Link{Title: s.Messages.Text("since.evidence"), URL: evidenceURL(in.Evidence)}
			}
			sp.Indicators = append(sp.Indicators, line)
		}
		for _, n := range p.Narratives {
			sp.Narratives = append(sp.Narratives, Line{Text: s.Messages.Text("since.narrative", "date", longDate(n.Date)), Link: &Link{Title: n.Title, URL: NarrativeURL(n)}})
		}
		for _, y := range p.Assessment {
			sp.Years = append(sp.Years, s.yearBlock("since.assessment", y, goals.Achievement))
		}
		for _, y := range p.Survey {
			sp.Years = append(sp.Years, s.yearBlock("since.survey", y, goals.Trust))
		}
		for _, g := range p.Goals {
			sp.Goals = append(sp.Goals, Line{Text: s.Messages.Text("since.goal", "from", s.statusWords(g.From.Status), "to", s.statusWords(g.To.Status)), Link: &Link{Title: g.To.Goal.Title, URL: "/goals/"}, Anchor: "goal-" + g.To.Goal.ID})
		}
		out.Places = append(out.Places, sp)
	}
	if none {
		out.None = s.Messages.Text("since.none", "date", date)
	}
	out.Key = s.statusKey()
	return out
}

// statusKey is the key to the status initials: each status of the
// framework's scale, and not applicable.
func (s *Site) statusKey() string {
	var key []string
	if fw := s.Evidence.Framework; fw != nil {
		for _, st := range fw.StatusScale {
			key = append(key, s.Messages.Text("since.key.status", "initials", chart.Initials(st.ID), "status", st.Label))
		}
	}
	key = append(key, s.Messages.Text("since.key.status", "initials", chart.Initials(generator.NotApplicable), "status", s.statusLabel(generator.NotApplicable)))
	return s.Messages.Text("since.key", "key", strings.Join(key, " · "))
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
	b := Block{Title: s.Messages.Text(id, "year", y.Year)}
	for _, g := range y.Gains {
		var what string
		m := goals.Measure{Evidence: kind}
		if kind == goals.Achievement {
			what = s.Messages.Text("since.what.subject", "subject", s.charts.SubjectLabel(g.Of))
		} else {
			what = s.Messages.Text("since.what.group", "group", s.charts.GroupLabel(g.Of))
			m.Facet = goals.AllFacets
		}
		value := s.charts.GoalValue(m, g.Now)
		var line string
		switch {
		case !g.Now.OK():
			line = s.Messages.Text("since.gain.hidden", "what", what, "year", y.Year, "why", s.charts.Why(m, g.Now))
		case g.HasDiff:
			gain := chart.PP(g.Diff)
			if kind == goals.Trust {
				gain = chart.Change(g.Diff)
			}
			line = s.Messages.Text("since.gain", "what", what, "value", value, "year", y.Year, "gain", gain, "prev", s.charts.GoalValue(m, g.Before), "prev_year", y.Prev)
		case y.Prev == 0:
			line = s.Messages.Text("since.gain.first", "what", what, "value", value, "year", y.Year)
		default:
			why := g.Before
			if !g.Now.OK() {
				why = g.Now
			}
			line = s.Messages.Text("since.gain.not-computed", "what", what, "value", value, "year", y.Year, "prev_year", y.Prev, "why", s.charts.Why(m, why))
		}
		b.Lines = append(b.Lines, Line{Text: line})
	}
	return b
}

// goalViews words the goals of place: a school id, the district, or every
// goal for "".
func (s *Site) goalViews(place string) []GoalView {
	var out []GoalView
	for i, p := range s.board.progress {
		if place != "" && p.Goal.School != place {
			continue
		}
		g := p.Goal
		v := GoalView{ID: g.ID, Title: g.Title, Place: s.placeName(g.School), URL: placeURL(g.School),
			Measure: s.charts.GoalMeasure(g.Measure), Status: p.Status.Slug(), StatusLabel: s.Messages.Text("goal.status." + p.Status.Slug()),
			Chart: s.board.charts[i]}
		v.Sentence, v.Steps = s.charts.GoalWords(p)
		out = append(out, v)
	}
	return out
}

// beside words a school beside the district, subject by subject.
func (s *Site) beside(id string) []BesideView {
	a := s.Evidence.Achievement
	if a == nil {
		return nil
	}
	name := s.placeName(id)
	m := goals.Measure{Evidence: goals.Achievement}
	cell := func(v goals.Value) string { return s.charts.GoalValue(m, v) }
	var out []BesideView
	// The school's rows and the district's, from the views, so that each
	// school's comparison scans only them.
	both := *a
	views := []*evidence.Data{s.view(id), s.view(generator.DistrictID)}
	rows := 0
	for _, v := range views {
		if v.Achievement != nil {
			rows += len(v.Achievement.Results)
		}
	}
	both.Results = make([]evidence.AchievementResult, 0, rows)
	for _, v := range views {
		if v.Achievement != nil {
			both.Results = append(both.Results, v.Achievement.Results...)
		}
	}
	for _, sub := range gaps.Compute(&both, id) {
		subject := s.charts.SubjectLabel(sub.Subject)
		bv := BesideView{}
		if len(sub.Beside) > 0 {
			bv.Caption = s.Messages.Text("beside.caption", "subject", subject, "year", sub.Year, "place", name)
			bv.Columns = []string{s.Messages.Text("beside.col.group"), s.Messages.Text("beside.col.school", "place", name), s.Messages.Text("beside.col.district"), s.Messages.Text("beside.col.difference")}
			bv.Rows = make([][]string, 0, len(sub.Beside))
			for _, r := range sub.Beside {
				diff := s.Messages.Text("cell.not-computed.why", "why", s.charts.Why(m, firstHidden(r.School, r.District)))
				if r.HasDiff {
					diff = chart.PP(r.Diff)
				}
				bv.Rows = append(bv.Rows, []string{s.charts.SubgroupLabel(r.Subgroup), cell(r.School), cell(r.District), diff})
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
			bv.GapCaption = s.Messages.Text("beside.gaps.caption", "subject", subject, "place", name)
			bv.GapColumns = []string{s.Messages.Text("beside.col.group")}
			for _, y := range years {
				bv.GapColumns = append(bv.GapColumns, y.String())
			}
		}
		bv.GapRows = make([][]string, 0, len(sub.Gaps))
		bv.Gaps = make([]string, 0, len(sub.Gaps))
		for _, g := range sub.Gaps {
			group := s.charts.SubgroupLabel(g.Subgroup)
			row := make([]string, 1, 1+len(years))
			row[0] = group
			computed := make([]gaps.GapYear, 0, len(years))
			for _, y := range years {
				i := slices.IndexFunc(g.Years, func(gy gaps.GapYear) bool { return gy.Year == y })
				switch {
				case i < 0:
					row = append(row, s.Messages.Text("why.missing"))
				case g.Years[i].HasGap:
					row = append(row, chart.PP(g.Years[i].Gap))
					computed = append(computed, g.Years[i])
				default:
					row = append(row, s.Messages.Text("cell.not-computed.why", "why", s.charts.Why(m, firstHidden(g.Years[i].Group, g.Years[i].All))))
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
	magnitude := func(v float64) string { return strings.TrimPrefix(chart.PP(v), "+") }
	switch {
	case len(computed) == 0:
		return s.Messages.Text("beside.gap.none", "group", group)
	case g.Trend == gaps.None:
		return s.Messages.Text("beside.gap.one", "group", group, "to", chart.PP(computed[0].Gap), "to_year", computed[0].Year)
	case g.First.Gap < 0 || g.Last.Gap < 0:
		return s.Messages.Text("beside.gap.crossed", "group", group, "from", chart.PP(g.First.Gap), "from_year", g.First.Year, "to", chart.PP(g.Last.Gap), "to_year", g.Last.Year)
	}
	id := "beside.gap." + g.Trend.Slug()
	return s.Messages.Text(id, "group", group, "from", magnitude(g.First.Gap), "from_year", g.First.Year, "to", magnitude(g.Last.Gap), "to_year", g.Last.Year)
}

// statusWords is a goal status in words, lower case for a sentence.
func (s *Site) statusWords(st goals.Status) string {
	return strings.ToLower(s.Messages.Text("goal.status." + st.Slug()))
}

// statusLabel is an installation status's label.
func (s *Site) statusLabel(id string) string {
	if id == generator.NotApplicable {
		return s.Messages.Text("status.not-applicable")
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
