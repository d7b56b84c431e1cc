package site

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/folio-sites/folio/generator"
	"github.com/folio-sites/folio/generator/chart"
)

// Section is a titled group of charts on a page.
type Section struct {
	ID     string
	Title  string
	Intro  string
	Charts []*chart.Chart
	// School is set on the board packet's school sections.
	School *generator.School
	// Indicators lists each indicator's current observation, with its
	// evidence, on the installation section of a school or the district.
	Indicators []IndicatorRow
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

// indicatorRows returns the current observation of every framework
// indicator observed at a school, in framework order.
func indicatorRows(fw *generator.Framework, obs []generator.Observation) []IndicatorRow {
	latest := map[string]generator.Observation{}
	for _, o := range obs {
		if cur, ok := latest[o.Indicator]; !ok || !o.Date.Before(cur.Date) {
			latest[o.Indicator] = o
		}
	}
	labels := map[string]string{generator.NotApplicable: "Not applicable"}
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
						row.Value += " (target " + chart.Num(*in.Target) + ")"
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

// districtName is how charts name the central office.
const districtName = "Central office"

// evidenceSections returns the chart sections of one school (or of the
// district's own portfolio, for id "district").
func (s *Site) evidenceSections(id, name string) []Section {
	ev := s.view(id)
	var out []Section
	if fw := ev.Framework; fw != nil && chart.HasInstallation(ev.Installation, id) {
		out = append(out, Section{ID: "installation", Title: "Installation of the " + fw.Name,
			Intro: "Where each indicator of the framework stands at the latest observation, and how that has changed.",
			Charts: []*chart.Chart{
				chart.InstallationByComponent(fw, ev.Installation, id, name),
				chart.InstallationTrend(fw, ev.Installation, id, name),
			},
			Indicators: indicatorRows(fw, ev.Installation)})
	}
	if tr := ev.Trust; tr != nil {
		var cs []*chart.Chart
		for _, g := range chart.TrustGroups(tr, id) {
			cs = append(cs, chart.TrustFacets(tr, id, name, g))
		}
		if len(cs) > 0 {
			cs = append(cs, chart.TrustTrend(tr, id, name, nil))
			out = append(out, Section{ID: "trust", Title: "Relational trust",
				Intro:  "Survey means by facet of trust, for each group of respondents. Groups with too few respondents are suppressed.",
				Charts: cs})
		}
	}
	if a := ev.Achievement; a != nil {
		var cs []*chart.Chart
		for _, sub := range chart.AchievementSubjects(a, id) {
			cs = append(cs, chart.AchievementBySubgroup(a, id, name, sub), chart.AchievementGains(a, id, name, sub))
		}
		if len(cs) > 0 {
			out = append(out, Section{ID: "achievement", Title: "Achievement",
				Intro:  "Percent of students proficient, by student group, and the change from one year to the next in percentage points. Groups with too few students tested are suppressed.",
				Charts: cs})
		}
	}
	return out
}

// view returns the evidence of one school (or the district) alone: per
// school charts then scan a few hundred rows, not the whole district's.
func (s *Site) view(id string) *generator.Evidence {
	if v, ok := s.views[id]; ok {
		return v
	}
	return s.views[""] // a school with no rows: the definitions alone
}

// splitEvidence returns per-school copies of ev holding only that
// school's rows; definitions (scales, labels, thresholds) are shared.
func splitEvidence(ev *generator.Evidence) map[string]*generator.Evidence {
	views := map[string]*generator.Evidence{}
	get := func(id string) *generator.Evidence {
		v, ok := views[id]
		if !ok {
			v = &generator.Evidence{Catalogs: ev.Catalogs, Framework: ev.Framework, Trust: emptyTrust(ev.Trust), Achievement: emptyAchievement(ev.Achievement)}
			views[id] = v
		}
		return v
	}
	get("") // the view of a school without rows
	for _, o := range ev.Installation {
		v := get(o.School)
		v.Installation = append(v.Installation, o)
	}
	if ev.Trust != nil {
		for _, r := range ev.Trust.Results {
			v := get(r.School)
			v.Trust.Results = append(v.Trust.Results, r)
		}
	}
	if ev.Achievement != nil {
		for _, r := range ev.Achievement.Results {
			v := get(r.School)
			v.Achievement.Results = append(v.Achievement.Results, r)
		}
	}
	return views
}

func emptyTrust(t *generator.Trust) *generator.Trust {
	if t == nil {
		return nil
	}
	c := *t
	c.Results = nil
	return &c
}

func emptyAchievement(a *generator.Achievement) *generator.Achievement {
	if a == nil {
		return nil
	}
	c := *a
	c.Results = nil
	return &c
}

// places lists the schools, then the district, as charts name them.
func (s *Site) places() []chart.Place {
	var out []chart.Place
	for _, sc := range s.Content.Schools {
		out = append(out, chart.Place{ID: sc.ID, Name: sc.Name})
	}
	return append(out, chart.Place{ID: generator.DistrictID, Name: districtName})
}

// rollupSections are the district-wide comparisons on the home page.
func (s *Site) rollupSections() []Section {
	ev := s.Evidence
	var out []Section
	places := s.places()
	if fw := ev.Framework; fw != nil && len(ev.Installation) > 0 {
		out = append(out, Section{ID: "installation", Title: "Installation across the district",
			Charts: []*chart.Chart{chart.InstallationHeatmap(fw, ev.Installation, places)}})
	}
	if tr := ev.Trust; tr != nil && len(tr.Results) > 0 {
		out = append(out, Section{ID: "trust", Title: "Trust across the district",
			Charts: []*chart.Chart{chart.TrustSchools(tr, places)}})
	}
	if a := ev.Achievement; a != nil && len(a.Results) > 0 {
		var cs []*chart.Chart
		for _, sub := range a.Subjects {
			if slices.ContainsFunc(a.Results, func(r generator.AchievementResult) bool { return r.Subject == sub.ID }) {
				cs = append(cs, chart.AchievementSchools(a, places, sub))
			}
		}
		out = append(out, Section{ID: "achievement", Title: "Achievement gains across the district", Charts: cs})
	}
	return out
}

// ChartKinds are the kinds a ```chart block may ask for, with the
// parameters each accepts.
var ChartKinds = map[string][]string{
	"installation":         {"school"},
	"installation-trend":   {"school"},
	"installation-heatmap": {},
	"trust":                {"school", "group", "facet"},
	"trust-trend":          {"school", "facet"},
	"trust-schools":        {},
	"achievement":          {"school", "subject"},
	"achievement-gains":    {"school", "subject"},
	"achievement-schools":  {"subject"},
}

type chartSpec struct {
	Kind, School, Group, Facet, Subject string
}

// chartKeys are the parameter names a ```chart block may use, in the order
// hints list them.
var chartKeys = []string{"kind", "school", "group", "facet", "subject"}

// spec reads the parameters content decoded from a block; a name no kind
// takes is reported at its line.
func spec(b generator.ChartBlock, ds *generator.Diagnostics) (chartSpec, bool) {
	ok := true
	for _, p := range b.Params {
		if !slices.Contains(chartKeys, p.Name) {
			hint := generator.DidYouMean(p.Name, chartKeys)
			if hint == "" {
				hint = "known keys are " + strings.Join(chartKeys, ", ")
			}
			ds.Errorf(p.Pos, hint, "unknown chart key '%s'", p.Name)
			ok = false
		}
	}
	return chartSpec{Kind: b.Param("kind"), School: b.Param("school"), Group: b.Param("group"), Facet: b.Param("facet"), Subject: b.Param("subject")}, ok
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

func (s *Site) inlineChart(n *generator.Narrative, b generator.ChartBlock, ds *generator.Diagnostics) *chart.Chart {
	if b.Invalid {
		return nil // content reported why
	}
	spec, ok := spec(b, ds)
	if !ok {
		return nil
	}
	at := b.Pos
	kinds := make([]string, 0, len(ChartKinds))
	for k := range ChartKinds {
		kinds = append(kinds, k)
	}
	slices.Sort(kinds)
	params, ok := ChartKinds[spec.Kind]
	if !ok {
		hint := generator.DidYouMean(spec.Kind, kinds)
		if hint == "" {
			hint = "known kinds are " + strings.Join(kinds, ", ")
		}
		if spec.Kind == "" {
			ds.Errorf(at, "known kinds are "+strings.Join(kinds, ", "), "chart block has no kind")
		} else {
			ds.Errorf(at, hint, "unknown chart kind '%s'", spec.Kind)
		}
		return nil
	}
	given := []struct{ name, val string }{{"school", spec.School}, {"group", spec.Group}, {"facet", spec.Facet}, {"subject", spec.Subject}}
	for _, g := range given {
		name, val := g.name, g.val
		if val != "" && !slices.Contains(params, name) {
			ds.Errorf(at, "chart kind '"+spec.Kind+"' takes: "+cmp.Or(strings.Join(params, ", "), "no parameters"), "chart parameter '%s' does not apply to kind '%s'", name, spec.Kind)
			return nil
		}
	}
	place := s.chartPlace(n, spec.School, at, ds)
	if place == nil {
		return nil
	}
	ev := s.Evidence
	mine := s.view(place.ID)
	need := func(ok bool, file string) bool {
		if !ok {
			ds.Errorf(at, "add "+file+" or remove the chart", "chart kind '%s' needs %s", spec.Kind, file)
		}
		return ok
	}
	switch spec.Kind {
	case "installation", "installation-trend", "installation-heatmap":
		if !need(ev.Framework != nil && len(ev.Installation) > 0, "data/framework.yaml and data/installation.csv") {
			return nil
		}
		switch spec.Kind {
		case "installation":
			return chart.InstallationByComponent(ev.Framework, mine.Installation, place.ID, place.Name)
		case "installation-trend":
			return chart.InstallationTrend(ev.Framework, mine.Installation, place.ID, place.Name)
		}
		return chart.InstallationHeatmap(ev.Framework, ev.Installation, s.places())
	case "trust", "trust-trend", "trust-schools":
		if !need(ev.Trust != nil && len(ev.Trust.Results) > 0, "data/trust.yaml and data/trust.csv") {
			return nil
		}
		tr := ev.Trust
		if spec.Kind == "trust-schools" {
			return chart.TrustSchools(tr, s.places())
		}
		tr = mine.Trust
		facet, okF := findLabel(tr.Facets, spec.Facet, "facet", "data/trust.yaml", at, ds)
		group, okG := findLabel(tr.Groups, spec.Group, "group", "data/trust.yaml", at, ds)
		if !okF || !okG {
			return nil
		}
		if facet != nil && group != nil {
			ds.Errorf(at, "a facet chart shows every group; a group chart shows every facet", "chart: give either facet or group, not both")
			return nil
		}
		if !noData(len(chart.TrustGroups(tr, place.ID)) == 0, place, "trust results", at, ds) {
			return nil
		}
		if group != nil {
			return chart.TrustFacets(tr, place.ID, place.Name, *group)
		}
		return chart.TrustTrend(tr, place.ID, place.Name, facet)
	default:
		if !need(ev.Achievement != nil && len(ev.Achievement.Results) > 0, "data/achievement.yaml and data/achievement.csv") {
			return nil
		}
		a := ev.Achievement
		subject, ok := findLabel(a.Subjects, spec.Subject, "subject", "data/achievement.yaml", at, ds)
		if !ok {
			return nil
		}
		if spec.Kind != "achievement-schools" {
			a = mine.Achievement
		}
		if subject == nil {
			subs := chart.AchievementSubjects(a, place.ID)
			if spec.Kind == "achievement-schools" {
				subs = a.Subjects
			}
			if !noData(len(subs) == 0, place, "achievement results", at, ds) {
				return nil
			}
			subject = &subs[0]
		}
		switch spec.Kind {
		case "achievement-schools":
			return chart.AchievementSchools(a, s.places(), *subject)
		case "achievement-gains":
			return chart.AchievementGains(a, place.ID, place.Name, *subject)
		}
		if !noData(len(chart.AchievementYears(a, place.ID, subject.ID)) == 0, place, strings.ToLower(subject.Label)+" results", at, ds) {
			return nil
		}
		return chart.AchievementBySubgroup(a, place.ID, place.Name, *subject)
	}
}

// chartPlace resolves a block's school: the given id, else the
// narrative's own school, else the district.
func (s *Site) chartPlace(n *generator.Narrative, id string, at generator.Pos, ds *generator.Diagnostics) *chart.Place {
	if id == "" {
		id = cmp.Or(n.School, generator.DistrictID)
	}
	for _, p := range s.places() {
		if p.ID == id {
			return &p
		}
	}
	var ids []string
	for _, p := range s.places() {
		ids = append(ids, p.ID)
	}
	hint := generator.DidYouMean(id, ids)
	if hint == "" {
		hint = "school ids are the folder names under content/schools/, or district"
	}
	ds.Errorf(at, hint, "chart: unknown school '%s'", id)
	return nil
}

func findLabel(labels []generator.Label, id, what, file string, at generator.Pos, ds *generator.Diagnostics) (*generator.Label, bool) {
	if id == "" {
		return nil, true
	}
	var ids []string
	for i := range labels {
		if labels[i].ID == id {
			return &labels[i], true
		}
		ids = append(ids, labels[i].ID)
	}
	hint := generator.DidYouMean(id, ids)
	if hint == "" {
		hint = what + " ids are listed in " + file
	}
	ds.Errorf(at, hint, "chart: unknown %s '%s'", what, id)
	return nil, false
}

// noData reports a chart with nothing to draw; it returns false then.
func noData(empty bool, p *chart.Place, what string, at generator.Pos, ds *generator.Diagnostics) bool {
	if empty {
		ds.Errorf(at, "choose another school with school:, or remove the chart", "chart: %s has no %s", p.Name, what)
	}
	return !empty
}
