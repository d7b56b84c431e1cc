package site

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/folio-sites/folio/generator"
	"github.com/folio-sites/folio/generator/chart"
	"github.com/folio-sites/folio/generator/evidence"
	"github.com/folio-sites/folio/generator/message"
)

// Section is a titled group of charts on a page.
type Section struct {
	ID     string
	Title  string
	Intro  string
	Charts []*chart.Chart
	// School is set on the board packet's school sections.
	School *generator.School
	// indicators are what Indicators lists (nil for none).
	indicators *indicatorSource
	// Links lists pages the section points to instead of showing them: the
	// board packet's schools, in a district too large to print them all.
	Links []Link
}

// IndicatorRow is the latest observation of one indicator at a school.
type IndicatorRow struct {
	ID, Text string
	// Status is the label of the current status; Date when observed.
	Status, Date string
	// Value is the count with its unit and target, for counted indicators.
	Value string
	// Evidence links the evidence: a site path for a file under content/
	// ("/schools/x/agenda.pdf") or an outside URL; "" when none.
	Evidence string
	Note     string
}

// indicatorSource is what an installation section's indicator rows are
// made from: the place's observations (a window on the evidence's rows).
type indicatorSource struct {
	fw   *generator.Framework
	obs  []generator.Observation
	msgs *message.Catalog
}

// Indicators lists each indicator's current observation, with its
// evidence, on the installation section of a school or the district; nil
// on other sections. The rows are made each time they are asked for, when
// the page is rendered, rather than kept: a 1,000-school district's held
// 6.5 MB through the whole build.
func (sec Section) Indicators() []IndicatorRow {
	if sec.indicators == nil {
		return nil
	}
	return indicatorRows(sec.indicators.fw, sec.indicators.obs, sec.indicators.msgs)
}

// indicatorRows returns the current observation of every framework
// indicator observed at a school, in framework order.
func indicatorRows(fw *generator.Framework, obs []generator.Observation, msgs *message.Catalog) []IndicatorRow {
	latest := map[string]generator.Observation{}
	for _, o := range obs {
		if cur, ok := latest[o.Indicator]; !ok || !o.Date.Before(cur.Date) {
			latest[o.Indicator] = o
		}
	}
	labels := map[string]string{generator.NotApplicable: msgs.Text("status.not-applicable")}
	for _, st := range fw.StatusScale {
		labels[st.ID] = st.Label
	}
	var rows []IndicatorRow
	for _, c := range fw.Components {
		for _, p := range c.Practices {
			for _, in := range p.Indicators {
				o, ok := latest[in.ID]
				if !ok {
					continue
				}
				row := IndicatorRow{ID: in.ID, Text: in.Text, Status: labels[o.Status], Date: o.Date.Format("2006-01-02"), Note: o.Note}
				if o.Value != nil {
					row.Value = strings.TrimSpace(chart.Num(*o.Value) + " " + in.Unit)
					if in.Target != nil {
						row.Value = msgs.Text("indicator.value-target", "value", row.Value, "target", chart.Num(*in.Target))
					}
				}
				switch {
				case strings.HasPrefix(o.Evidence, "http://"), strings.HasPrefix(o.Evidence, "https://"):
					row.Evidence = o.Evidence
				case o.Evidence != "":
					row.Evidence = ArtifactURL(generator.Artifact{Path: o.Evidence})
				}
				rows = append(rows, row)
			}
		}
	}
	return rows
}

// evidenceSections returns the chart sections of one school (or of the
// district's own portfolio, for id "district"): what the chart registry
// draws for the place, titled from the message catalog, with the
// indicator evidence beside the installation charts.
func (s *Site) evidenceSections(id string) []Section {
	var out []Section
	for _, cs := range chart.ForPlace(s.charts, id) {
		sec := s.section(cs, "section.")
		if cs.Evidence == "installation" {
			sec.indicators = &indicatorSource{s.Evidence.Framework, s.view(id).Installation, s.Messages}
		}
		out = append(out, sec)
	}
	return out
}

// rollupSections are the district-wide comparisons on the home page.
func (s *Site) rollupSections() []Section {
	var out []Section
	for _, cs := range chart.Across(s.charts) {
		out = append(out, s.section(cs, "rollup."))
	}
	return out
}

// compareSections are the comparisons of every school on one kind of
// evidence, for its page (see comparePages).
func (s *Site) compareSections(evidence string) []Section {
	var out []Section
	for _, cs := range chart.AcrossOf(s.charts, evidence) {
		out = append(out, s.section(cs, "rollup."))
	}
	return out
}

// section titles a chart section from the catalog: "section.trust.title".
func (s *Site) section(cs chart.Section, prefix string) Section {
	framework := ""
	if fw := s.Evidence.Framework; fw != nil {
		framework = fw.Name
	}
	sec := Section{ID: cs.Evidence, Charts: cs.Charts,
		Title: s.Messages.Text(prefix+cs.Evidence+".title", "framework", framework)}
	if id := prefix + cs.Evidence + ".intro"; s.Messages.Has(id) {
		sec.Intro = s.Messages.Text(id, "framework", framework)
	}
	return sec
}

// view returns the evidence of one school (or the district) alone: per
// school charts then scan a few hundred rows, not the whole district's.
func (s *Site) view(id string) *evidence.Data {
	s.viewsOnce.Do(func() { s.views = splitEvidence(s.Evidence) })
	if v, ok := s.views[id]; ok {
		return v
	}
	return s.views[""] // a school with no rows: the definitions alone
}

// splitEvidence returns per-school views of ev holding only that
// school's rows; definitions (scales, labels, thresholds) are shared. The
// loaders sort rows by school, so a view's rows are a window on ev's (at
// 1,000 schools, copying them held 43 MB while charts were drawn).
func splitEvidence(ev *evidence.Data) map[string]*evidence.Data {
	views := map[string]*evidence.Data{}
	get := func(id string) *evidence.Data {
		v, ok := views[id]
		if !ok {
			v = &evidence.Data{Catalogs: ev.Catalogs, Framework: ev.Framework, Trust: emptyTrust(ev.Trust), Achievement: emptyAchievement(ev.Achievement)}
			views[id] = v
		}
		return v
	}
	get("") // the view of a school without rows
	for id, rows := range bySchool(ev.Installation, func(o *generator.Observation) string { return o.School }) {
		get(id).Installation = rows
	}
	if ev.Trust != nil {
		for id, rows := range bySchool(ev.Trust.Results, func(r *evidence.TrustResult) string { return r.School }) {
			get(id).Trust.Results = rows
		}
	}
	if ev.Achievement != nil {
		for id, rows := range bySchool(ev.Achievement.Results, func(r *evidence.AchievementResult) string { return r.School }) {
			get(id).Achievement.Results = rows
		}
	}
	return views
}

// bySchool groups rows by school, in their order. A school whose rows sit
// together gets a window on rows, capped so that an append cannot reach
// the next school's; rows of one school found apart are copied together.
func bySchool[T any](rows []T, school func(*T) string) map[string][]T {
	out := map[string][]T{}
	for i := 0; i < len(rows); {
		id := school(&rows[i])
		j := i + 1
		for j < len(rows) && school(&rows[j]) == id {
			j++
		}
		if prev, ok := out[id]; ok {
			out[id] = append(slices.Clip(prev), rows[i:j]...)
		} else {
			out[id] = rows[i:j:j]
		}
		i = j
	}
	return out
}

func emptyTrust(t *evidence.Trust) *evidence.Trust {
	if t == nil {
		return nil
	}
	c := *t
	c.Results = nil
	return &c
}

func emptyAchievement(a *evidence.Achievement) *evidence.Achievement {
	if a == nil {
		return nil
	}
	c := *a
	c.Results = nil
	return &c
}

// places lists the schools, then the district, as charts name them: what
// the charts of a site depend on besides its evidence and messages.
func (s *Site) places() []chart.Place {
	var out []chart.Place
	for _, sc := range s.Content.Schools {
		out = append(out, chart.Place{ID: sc.ID, Name: sc.Name})
	}
	return append(out, chart.Place{ID: generator.DistrictID, Name: s.districtName()})
}

// districtName is the district's name: the home page's district:, else
// the site's title.
func (s *Site) districtName() string { return cmp.Or(s.Content.Home.District, s.Title) }

// chartInput is what the chart builders draw from: the evidence, each
// school's own rows, the schools in order, and the catalog.
func (s *Site) chartInput() *chart.Input {
	var schools []chart.Place
	for _, sc := range s.Content.Schools {
		schools = append(schools, chart.Place{ID: sc.ID, Name: sc.Name})
	}
	return &chart.Input{Evidence: s.Evidence, View: s.view, Schools: schools,
		District: s.districtName(), Messages: s.Messages}
}

// inlineCharts builds the charts of a narrative's ```chart blocks. A block
// with a problem is reported at its line and draws nothing.
func (s *Site) inlineCharts(n *generator.Narrative, ds *generator.Diagnostics) []*chart.Chart {
	out := make([]*chart.Chart, len(n.Charts))
	for i, b := range n.Charts {
		c := s.inlineChart(n, b, ds)
		if c != nil {
			c.ID = fmt.Sprintf("chart_inline%d_%s", i+1, strings.TrimPrefix(c.ID, "chart_"))
		}
		out[i] = c
	}
	return out
}

// paramPos is the position of a chart block's line name, or of the block
// when it has no such line.
func paramPos(b generator.ChartBlock, name string) generator.Pos {
	for _, p := range b.Params {
		if p.Name == name {
			return p.Pos
		}
	}
	return b.Pos
}

func (s *Site) inlineChart(n *generator.Narrative, b generator.ChartBlock, ds *generator.Diagnostics) *chart.Chart {
	if b.Invalid {
		return nil // content reported why
	}
	// Every problem of the block is reported, each at its own line: the
	// unknown keys, then what the chart registry finds in the others.
	keys := chart.Keys()
	bad := false
	for _, p := range b.Params {
		if !slices.Contains(keys, p.Name) {
			hint := cmp.Or(generator.DidYouMean(p.Name, keys), "known keys are "+strings.Join(keys, ", "))
			ds.Errorf(p.Pos, hint, "unknown chart key '%s'", p.Name)
			bad = true
		}
	}
	c, err := chart.Block(s.charts, b.Param("kind"), chart.Params{School: b.Param("school"), Group: b.Param("group"), Facet: b.Param("facet"), Subject: b.Param("subject"), Goal: b.Param("goal")}, n.School)
	var ps chart.BlockProblems
	var p *chart.Problem
	switch {
	case errors.As(err, &ps):
		for _, p := range ps {
			if !s.failedToLoad(p.Needs...) {
				ds.Errorf(paramPos(b, p.Param), p.Hint, "%s", p.Msg)
			}
		}
		return nil
	case errors.As(err, &p):
		if !s.failedToLoad(p.Needs...) {
			ds.Errorf(b.Pos, p.Hint, "%s", p.Msg)
		}
		return nil
	case err != nil:
		ds.Errorf(b.Pos, "", "chart: %v", err)
		return nil
	case bad:
		return nil
	}
	return c
}
