package chart

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/folio-sites/folio/generator"
	"github.com/folio-sites/folio/generator/evidence"
)

func init() {
	register(&Kind{Name: "trust", Evidence: "trust", Params: []string{"school", "group", "facet"},
		Defaults: func(in *Input, place string) []Params {
			var out []Params
			for _, g := range TrustGroups(in.view(place).Trust, place) {
				out = append(out, Params{School: place, Group: g.ID})
			}
			return out
		}, Build: trustChart})
	register(&Kind{Name: "trust-trend", Evidence: "trust", Params: []string{"school", "facet"}, Board: true,
		Defaults: func(in *Input, place string) []Params {
			if len(TrustGroups(in.view(place).Trust, place)) > 0 {
				return []Params{{School: place}}
			}
			return nil
		}, Build: func(in *Input, p Params) (*Chart, error) { return trustTrend(in, p, "trust-trend") }})
	register(&Kind{Name: "trust-schools", Evidence: "trust", Across: true, Board: true,
		Defaults: func(in *Input, _ string) []Params {
			if in.Evidence.Trust != nil && len(in.Evidence.Trust.Results) > 0 {
				return []Params{{}}
			}
			return nil
		}, Build: trustSchools})
}

// TrustGroups returns the groups with results at school, in trust.yaml order.
func TrustGroups(tr *evidence.Trust, school string) []generator.Label {
	if tr == nil {
		return nil
	}
	var out []generator.Label
	for _, g := range tr.Groups {
		if slices.ContainsFunc(tr.Results, func(r evidence.TrustResult) bool { return r.School == school && r.Group == g.ID }) {
			out = append(out, g)
		}
	}
	return out
}

// trustYears returns the years with results for school (and group, when
// set), in order.
func trustYears(tr *evidence.Trust, school, group string) []generator.SchoolYear {
	var years []generator.SchoolYear
	for _, r := range tr.Results {
		if r.School == school && (group == "" || r.Group == group) && !slices.Contains(years, r.Year) {
			years = append(years, r.Year)
		}
	}
	slices.Sort(years)
	return years
}

type trustKey struct {
	school, group, facet string
	year                 generator.SchoolYear
}

// trustIndex is the trust results by place, group, facet and year, and
// the facets each group was asked about anywhere, in any year.
type trustIndex struct {
	rows  map[trustKey]evidence.TrustResult
	asked map[string]map[string]bool
}

func indexTrust(tr *evidence.Trust) trustIndex {
	idx := trustIndex{rows: make(map[trustKey]evidence.TrustResult, len(tr.Results)), asked: map[string]map[string]bool{}}
	for _, r := range tr.Results {
		idx.rows[trustKey{r.School, r.Group, r.Facet, r.Year}] = r
		if idx.asked[r.Group] == nil {
			idx.asked[r.Group] = map[string]bool{}
		}
		idx.asked[r.Group][r.Facet] = true
	}
	return idx
}

// centralOffice reports whether a respondent group is the central office's
// own staff (its id or label says "central office"): only their results at
// the district are the central office's; other groups' district rows are
// the district's.
func centralOffice(g generator.Label) bool {
	norm := func(s string) string { return wordSeparators.Replace(strings.ToLower(s)) }
	return strings.Contains(norm(g.ID), "central office") || strings.Contains(norm(g.Label), "central office")
}

// wordSeparators reads hyphens and underscores as spaces.
var wordSeparators = strings.NewReplacer("-", " ", "_", " ")

// trustPlace names a place's trust results of a group.
func (in *Input) trustPlace(place string, g *generator.Label) string {
	if place == generator.DistrictID && g != nil && centralOffice(*g) {
		return in.msg("place.central-office")
	}
	return in.placeName(place, "trust")
}

// scaleNote writes the scale's labels: "1 Strongly disagree · … · 6
// Strongly agree", and the answers counted favorable where trust.yaml
// says ("Favorable: 4 Somewhat agree and above").
func (in *Input) scaleNote(tr *evidence.Trust) string {
	var parts []string
	for i, l := range tr.ScaleLabels {
		parts = append(parts, Num(tr.ScaleMin+float64(i))+" "+l)
	}
	note := in.msg("note.scale", "labels", strings.Join(parts, " · "))
	if len(parts) == 0 {
		note = in.msg("note.scale.plain", "min", Num(tr.ScaleMin), "max", Num(tr.ScaleMax))
	}
	if from := tr.FavorableFrom; from != nil {
		answer := Num(*from)
		if i := int(*from - tr.ScaleMin); i < len(tr.ScaleLabels) {
			answer += " " + tr.ScaleLabels[i]
		}
		note += " " + in.msg("note.favorable", "answer", answer)
	}
	return note
}

func (in *Input) meanCell(tr *evidence.Trust, m evidence.Measure) Cell {
	format := Mean
	if d := m.MeanDecimals(); d < 2 {
		// As precise as the file gives it: "3.1", not 3.10.
		format = func(v float64) string { return signless(strconv.FormatFloat(v, 'f', d, 64)) }
	}
	return in.cell(m, format, tr.MinRespondents, respondents)
}

// trustChart is the `trust` kind: with group, every facet of that group in
// its latest two years; with facet (or neither), the trend by group.
func trustChart(in *Input, p Params) (*Chart, error) {
	tr := in.view(p.School).Trust
	if p.Group != "" && p.Facet != "" {
		return nil, &Problem{Msg: "chart: give either facet or group, not both", Hint: "a facet chart shows every group; a group chart shows every facet"}
	}
	if p.Group == "" {
		return trustTrend(in, p, "trust")
	}
	group, _ := label(tr.Groups, p.Group)
	if len(TrustGroups(tr, p.School)) == 0 {
		return nil, noData(in.trustPlace(p.School, nil), "trust results")
	}
	if !slices.ContainsFunc(TrustGroups(tr, p.School), func(l generator.Label) bool { return l.ID == p.Group }) {
		return nil, noData(in.trustPlace(p.School, &group), "trust results for "+group.Label)
	}
	return trustFacets(in, tr, p.School, group)
}

// trustFacets compares facet means of one respondent group at a place in
// its latest year against the year before.
func trustFacets(in *Input, tr *evidence.Trust, school string, group generator.Label) (*Chart, error) {
	place := in.trustPlace(school, &group)
	years := trustYears(tr, school, group.ID)
	if len(years) > 2 {
		years = years[len(years)-2:]
	}
	var cats, series []Item
	for _, f := range tr.Facets {
		cats = append(cats, Item{ID: f.ID, Label: f.Label})
	}
	for _, y := range years {
		series = append(series, Item{ID: y.String(), Label: y.String()})
	}
	g := newGrid(cats, series)
	g.CategoryName, g.SeriesName, g.ValueName = in.msg("col.facet"), in.msg("col.year"), in.msg("col.mean")
	g.Extra = []string{in.msg("col.favorable"), in.msg("col.respondents")}
	idx := indexTrust(tr)
	for s, y := range years {
		for c, f := range tr.Facets {
			r, ok := idx.rows[trustKey{school, group.ID, f.ID, y}]
			if !ok {
				continue
			}
			cell := in.meanCell(tr, r.Mean)
			cell.Extra = []string{in.favorable(tr, r.FavorablePct), in.respondents(tr, r)}
			g.Cells[s][c] = cell
		}
	}
	span := years[0].String()
	if len(years) == 2 {
		span = in.msg("span.two", "first", years[0], "last", years[1])
	}
	c := &Chart{ID: ID("trust", school, group.ID, "facets"), Kind: "trust", Grid: g, Note: in.scaleNote(tr)}
	c.Title = in.msg("chart.trust.title", "group", group.Label, "place", place, "years", span)
	c.Summary = in.trustFacetsSummary(tr, g, group, place, years)
	d := bars(g, barSpec{Horizontal: true, Min: tr.ScaleMin, Max: tr.ScaleMax, AxisName: in.msg("axis.mean", "min", Num(tr.ScaleMin), "max", Num(tr.ScaleMax)),
		Suppressed: in.suppressedKey(g, tr.MinRespondents, respondents)})
	return finish(c, in.msg("table.trust", "group", group.Label, "place", place, "scale", c.Note), d), nil
}

// trustFacetsSummary: "Trust rose on all 5 facets among teachers at Oak
// from 2023-24 to 2024-25; the largest rise was in reliability (+0.20)."
func (in *Input) trustFacetsSummary(tr *evidence.Trust, g *Grid, group generator.Label, place string, years []generator.SchoolYear) string {
	var out []string
	last := len(years) - 1
	if len(years) == 2 {
		up, down, same := 0, 0, 0
		rise, fall := -1, -1
		var riseV, fallV float64
		for c := range g.Categories {
			a, b := g.Cells[0][c], g.Cells[1][c]
			if a.State != Value || b.State != Value {
				continue
			}
			d := math.Round((b.Value-a.Value)*100) / 100
			switch {
			case d > 0:
				up++
				if rise < 0 || d > riseV {
					rise, riseV = c, d
				}
			case d < 0:
				down++
				if fall < 0 || d < fallV {
					fall, fallV = c, d
				}
			default:
				same++
			}
		}
		n := up + down + same
		args := []any{"group", strings.ToLower(group.Label), "place", place, "from", years[0], "to", years[1], "n", n, "up", up, "down", down}
		switch {
		case n == 0:
		case up == n:
			out = append(out, in.msg("chart.trust.summary.all-rose", args...))
		case down == n:
			out = append(out, in.msg("chart.trust.summary.all-fell", args...))
		default:
			out = append(out, in.msg("chart.trust.summary.mixed", args...))
		}
		var ext []string
		if rise >= 0 {
			ext = append(ext, in.msg("chart.trust.summary.largest-rise", "facet", strings.ToLower(g.Categories[rise].Label), "change", Change(riseV)))
		}
		if fall >= 0 {
			ext = append(ext, in.msg("chart.trust.summary.largest-fall", "facet", strings.ToLower(g.Categories[fall].Label), "change", Change(fallV)))
		}
		if len(out) > 0 && len(ext) > 0 {
			out[0] = strings.TrimSuffix(out[0], ".") + "; " + strings.Join(ext, "; ") + "."
		}
	}
	if len(out) == 0 {
		hi, lo, n := -1, -1, 0
		for c := range g.Categories {
			cell := g.Cells[last][c]
			if cell.State != Value {
				continue
			}
			n++
			if hi < 0 || cell.Value > g.Cells[last][hi].Value {
				hi = c
			}
			if lo < 0 || cell.Value < g.Cells[last][lo].Value {
				lo = c
			}
		}
		// One facet, or facets all rated alike, have no highest and lowest.
		switch {
		case hi < 0:
		case n == 1:
			out = append(out, in.msg("chart.trust.summary.one-facet", "group", group.Label, "place", place, "year", years[last],
				"facet", strings.ToLower(g.Categories[hi].Label), "mean", g.Cells[last][hi].Text))
		case g.Cells[last][hi].Text == g.Cells[last][lo].Text:
			out = append(out, in.msg("chart.trust.summary.even", "group", group.Label, "place", place, "year", years[last],
				"mean", g.Cells[last][hi].Text))
		default:
			out = append(out, in.msg("chart.trust.summary.range", "group", group.Label, "place", place, "year", years[last],
				"high", strings.ToLower(g.Categories[hi].Label), "high_mean", g.Cells[last][hi].Text,
				"low", strings.ToLower(g.Categories[lo].Label), "low_mean", g.Cells[last][lo].Text))
		}
	}
	out = append(out, in.notShown(g, false, tr.MinRespondents, respondents)...)
	return strings.Join(out, " ")
}

// notShown says in words which results are suppressed, one sentence per
// reason: "Not shown because fewer than 5 responded: Parents (2022-23)."
// bySeries names each series (a group) with the categories (years) it is
// hidden in; otherwise each category with its series. Where a name is
// hidden everywhere it has results, it is named alone.
func (in *Input) notShown(g *Grid, bySeries bool, min int, w who) []string {
	var small, comp []string
	outer, inner := len(g.Series), len(g.Categories)
	if !bySeries {
		outer, inner = inner, outer
	}
	for o := 0; o < outer; o++ {
		var smallAt, compAt []string
		shown := false
		for i := 0; i < inner; i++ {
			s, c := o, i
			if !bySeries {
				s, c = i, o
			}
			where := g.Categories[c].Label
			if !bySeries {
				where = g.Series[s].Label
			}
			switch cell := g.Cells[s][c]; {
			case cell.State == Absent:
			case cell.State != Suppressed:
				shown = true
			case cell.Complementary:
				compAt = append(compAt, where)
			default:
				smallAt = append(smallAt, where)
			}
		}
		var name string
		if bySeries {
			name = g.Series[o].Label
		} else {
			name = g.Categories[o].Label
		}
		say := func(at []string) string {
			if !shown && (len(smallAt) == 0 || len(compAt) == 0) {
				return name
			}
			return in.msg("summary.in", "what", name, "where", in.list(at))
		}
		if len(smallAt) > 0 {
			small = append(small, say(smallAt))
		}
		if len(compAt) > 0 {
			comp = append(comp, say(compAt))
		}
	}
	var out []string
	if len(small) > 0 {
		out = append(out, in.msg("summary.not-shown."+string(w), "what", in.list(small), "n", min))
	}
	if len(comp) > 0 {
		out = append(out, in.msg("summary.not-shown.complementary", "what", in.list(comp)))
	}
	return out
}

// list joins words as a sentence does: "a", "a and b", "a, b and c".
func (in *Input) list(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return in.msg("list.and", "items", strings.Join(items[:len(items)-1], in.msg("list.sep")), "last", items[len(items)-1])
}

// trustTrend draws mean trust over the years for each respondent group at
// a place: the mean of one facet, or the average of the facet means
// reported that year.
func trustTrend(in *Input, p Params, kind string) (*Chart, error) {
	tr := in.view(p.School).Trust
	groups := TrustGroups(tr, p.School)
	place := in.trustPlace(p.School, nil)
	if len(groups) == 0 {
		return nil, noData(place, "trust results")
	}
	var facet *generator.Label
	what := in.msg("word.average-of-facets")
	id := ID("trust", p.School, "trend")
	if p.Facet != "" {
		f, _ := label(tr.Facets, p.Facet)
		facet = &f
		what = strings.ToLower(f.Label)
		id = ID("trust", p.School, f.ID, "trend")
		if !slices.ContainsFunc(tr.Results, func(r evidence.TrustResult) bool { return r.School == p.School && r.Facet == f.ID }) {
			return nil, noData(place, "trust results for the facet "+f.Label)
		}
	}
	years := trustYears(tr, p.School, "")
	var cats, series []Item
	for _, y := range years {
		cats = append(cats, Item{ID: y.String(), Label: y.String()})
	}
	for _, gr := range groups {
		series = append(series, Item{ID: gr.ID, Label: gr.Label})
	}
	g := newGrid(cats, series)
	g.CategoryName, g.SeriesName, g.ValueName, g.SeriesFirst = in.msg("col.year"), in.msg("col.group"), in.msg("col.mean"), true
	idx := indexTrust(tr)
	for s, gr := range groups {
		for c, y := range years {
			g.Cells[s][c] = in.groupMean(tr, idx, p.School, y, gr.ID, facet)
		}
	}
	c := &Chart{ID: id, Kind: kind, Grid: g, Note: in.scaleNote(tr)}
	c.Title = in.msg("chart.trust-trend.title", "what", what, "place", place)
	var parts []string
	for s := range groups {
		first, last := -1, -1
		for ci := range years {
			if g.Cells[s][ci].State == Value {
				if first < 0 {
					first = ci
				}
				last = ci
			}
		}
		if first < 0 || first == last {
			continue
		}
		a, b := g.Cells[s][first], g.Cells[s][last]
		parts = append(parts, in.msg("chart.trust-trend.summary.group", "group", strings.ToLower(series[s].Label),
			"direction", in.direction(b.Value-a.Value), "from", a.Text, "from_year", cats[first].Label, "to", b.Text, "to_year", cats[last].Label,
			"change", Change(b.Value-a.Value)))
	}
	var out []string
	if len(parts) > 0 {
		out = append(out, in.msg("chart.trust-trend.summary", "what", what, "place", place, "groups", strings.Join(parts, "; ")))
	} else {
		out = append(out, in.msg("chart.trust-trend.summary.none", "what", what, "place", place))
	}
	out = append(out, in.notShown(g, true, tr.MinRespondents, respondents)...)
	c.Summary = strings.Join(out, " ")
	d := lines(g, lineSpec{Min: tr.ScaleMin, Max: tr.ScaleMax, AxisName: in.msg("axis.mean", "min", Num(tr.ScaleMin), "max", Num(tr.ScaleMax)),
		Suppressed: in.suppressedKey(g, tr.MinRespondents, respondents)})
	return finish(c, in.msg("table.trust-trend", "what", what, "place", place, "scale", c.Note), d), nil
}

// groupMean is a group's mean for one facet, or the average of its
// facet means, rounded to two decimals (one facet's mean is that mean, as
// the file gives it). The average takes every facet the group was asked
// about (anywhere, in any year): a year or a place with one of them
// withheld or not reported is not averaged ("not computed"), since an
// average of four facets beside one of five compares different things
// (4.07 over five facets "rose" to 4.26 over four). It is suppressed when
// every facet is, and absent where the group has no results.
func (in *Input) groupMean(tr *evidence.Trust, idx trustIndex, school string, y generator.SchoolYear, group string, facet *generator.Label) Cell {
	if facet != nil {
		r, ok := idx.rows[trustKey{school, group, facet.ID, y}]
		if !ok {
			return Cell{}
		}
		return in.meanCell(tr, r.Mean)
	}
	sum, n, rows := 0.0, 0, 0
	var hidden *Cell
	var one Cell   // the facet's own cell, when only one is asked
	missing := ""  // the first facet asked about that is not shown
	var first Cell // and its cell
	for _, f := range tr.Facets {
		if !idx.asked[group][f.ID] {
			continue
		}
		r, ok := idx.rows[trustKey{school, group, f.ID, y}]
		var cell Cell
		if ok {
			rows++
			cell = in.meanCell(tr, r.Mean)
		}
		switch cell.State {
		case Value:
			sum += cell.Value
			n++
			one = cell
			continue
		case Suppressed:
			hidden = &cell
		}
		if missing == "" {
			missing, first = f.Label, cell
		}
	}
	switch {
	case rows == 0:
		return Cell{}
	case n == 0 && hidden != nil:
		return *hidden
	case n == 0 && first.State != Absent:
		return first // not reported at the source, for every facet
	case missing != "":
		return Cell{State: NotComputed, Text: in.msg("cell.not-computed.why", "why", in.msg("cell.average.facet-missing", "facet", missing))}
	case n == 1:
		return one // shown as the file gives it, as in the facet's own charts
	}
	v := math.Round(sum/float64(n)*100) / 100
	return Cell{State: Value, Value: v, Text: Mean(v)}
}

// trustSchools compares places' average trust in the latest year, one bar
// per respondent group.
func trustSchools(in *Input, _ Params) (*Chart, error) {
	tr := in.Evidence.Trust
	var latest generator.SchoolYear
	for _, r := range tr.Results {
		latest = max(latest, r.Year)
	}
	idx := indexTrust(tr)
	var cats []Item
	for _, pl := range in.places("trust") {
		if slices.ContainsFunc(tr.Groups, func(g generator.Label) bool {
			return in.groupMean(tr, idx, pl.ID, latest, g.ID, nil).State != Absent
		}) {
			name := pl.Name
			if pl.ID == generator.DistrictID {
				name = in.trustPlace(pl.ID, nil)
			}
			cats = append(cats, Item{ID: pl.ID, Label: name})
		}
	}
	var series []Item
	for _, gr := range tr.Groups {
		if slices.ContainsFunc(cats, func(c Item) bool { return in.groupMean(tr, idx, c.ID, latest, gr.ID, nil).State != Absent }) {
			series = append(series, Item{ID: gr.ID, Label: gr.Label})
		}
	}
	g := newGrid(cats, series)
	g.CategoryName, g.SeriesName, g.ValueName = in.msg("col.school"), in.msg("col.group"), in.msg("col.mean")
	for s, gr := range series {
		for c, pl := range cats {
			g.Cells[s][c] = in.groupMean(tr, idx, pl.ID, latest, gr.ID, nil)
		}
	}
	c := &Chart{ID: ID("trust", "schools"), Kind: "trust-schools", Grid: g, Note: in.scaleNote(tr)}
	c.Title = in.msg("chart.trust-schools.title", "year", latest)
	var out []string
	for s, gr := range series {
		hi, lo, n := -1, -1, 0
		for ci := range cats {
			cell := g.Cells[s][ci]
			if cell.State != Value {
				continue
			}
			n++
			if hi < 0 || cell.Value > g.Cells[s][hi].Value {
				hi = ci
			}
			if lo < 0 || cell.Value < g.Cells[s][lo].Value {
				lo = ci
			}
		}
		switch {
		case hi < 0:
		case n == 1:
			out = append(out, in.msg("chart.trust-schools.summary.one", "group", gr.Label, "place", cats[hi].Label, "mean", g.Cells[s][hi].Text))
		case g.Cells[s][hi].Text == g.Cells[s][lo].Text:
			out = append(out, in.msg("chart.trust-schools.summary.even", "group", gr.Label, "mean", g.Cells[s][hi].Text))
		default:
			out = append(out, in.msg("chart.trust-schools.summary.group", "group", gr.Label, "high", cats[hi].Label, "high_mean", g.Cells[s][hi].Text,
				"low", cats[lo].Label, "low_mean", g.Cells[s][lo].Text))
		}
	}
	c.Summary = in.msg("chart.trust-schools.summary", "year", latest, "groups", strings.Join(out, " "))
	if hidden := in.notShown(g, false, tr.MinRespondents, respondents); len(hidden) > 0 {
		c.Summary += " " + strings.Join(hidden, " ")
	}
	d := bars(g, barSpec{Horizontal: true, Min: tr.ScaleMin, Max: tr.ScaleMax, AxisName: in.msg("axis.mean", "min", Num(tr.ScaleMin), "max", Num(tr.ScaleMax)),
		Suppressed: in.suppressedKey(g, tr.MinRespondents, respondents)})
	return finish(c, in.msg("table.trust-schools", "year", latest, "scale", c.Note), d), nil
}

// favorable writes the share of favourable answers, when the survey
// export gives it.
func (in *Input) favorable(tr *evidence.Trust, m evidence.Measure) string {
	if m == (evidence.Measure{}) { // no data: the column is not given
		return ""
	}
	return in.cell(m, Pct, tr.MinRespondents, respondents).Text
}

// respondents writes the number of respondents and, when the number
// invited is known, the response rate: "22 of 25 invited (88%)".
func (in *Input) respondents(tr *evidence.Trust, r evidence.TrustResult) string {
	n := in.count(r.Respondents, tr.MinRespondents, respondents)
	answered, ok := r.Respondents.N()
	invited, known := r.Invited.N()
	if !ok || !known || invited <= 0 {
		return n
	}
	rate := math.Round(100 * float64(answered) / float64(invited))
	return in.msg("cell.response-rate", "n", n, "invited", invited, "rate", fmt.Sprintf("%.0f%%", rate))
}
