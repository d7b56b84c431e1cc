package chart

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/folio-sites/folio/generator"
)

func init() {
	register(&Kind{Name: "installation", Evidence: "installation", Params: []string{"school"}, Board: true,
		Defaults: installationDefaults, Build: installationByComponent})
	register(&Kind{Name: "installation-trend", Evidence: "installation", Params: []string{"school"},
		Defaults: installationDefaults, Build: installationTrend})
	register(&Kind{Name: "installation-heatmap", Evidence: "installation", Across: true, Board: true, Scrolls: true,
		Defaults: func(in *Input, _ string) []Params {
			if in.Evidence.Framework != nil && len(in.Evidence.Installation) > 0 {
				return []Params{{}}
			}
			return nil
		}, Build: installationHeatmap})
}

func installationDefaults(in *Input, place string) []Params {
	if in.Evidence.Framework != nil && HasInstallation(in.view(place).Installation, place) {
		return []Params{{School: place}}
	}
	return nil
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

// ShortTitle is how charts and tables name a practice: its short title
// from framework.yaml, else its text cut at a word to about 32 letters.
func ShortTitle(p generator.Practice) string {
	if p.Short != "" {
		return p.Short
	}
	return shorten(p.Text, 32)
}

// installationByComponent is a stacked bar per framework component of its
// indicators by current status at a place.
func installationByComponent(in *Input, p Params) (*Chart, error) {
	fw := in.Evidence.Framework
	obs := in.view(p.School).Installation
	place := in.placeName(p.School, "installation")
	if !HasInstallation(obs, p.School) {
		return nil, noData(place, "installation observations")
	}
	status := Statuses(obs, p.School, time.Time{})
	installed := generator.Installed(fw.StatusScale)
	var series []Item
	for _, s := range fw.StatusScale {
		series = append(series, Item{ID: s.ID, Label: s.Label, Color: s.Color})
	}
	series = append(series, Item{ID: generator.NotApplicable, Label: in.msg("status.not-applicable"), Color: "#bbbbbb"},
		Item{ID: "", Label: in.msg("status.not-observed"), Color: "#dddddd"})
	var cats []Item
	for _, comp := range fw.Components {
		cats = append(cats, Item{ID: comp.ID, Label: comp.Title, Short: shorten(comp.Title, 48)})
	}
	g := newGrid(cats, series)
	g.CategoryName, g.SeriesName, g.ValueName, g.Wide = in.msg("col.component"), in.msg("col.status"), in.msg("col.indicators"), true
	type compShare struct {
		name  string
		n, of int
	}
	var shares []compShare
	for c, comp := range fw.Components {
		sh := compShare{name: cats[c].Label}
		for _, pr := range comp.Practices {
			for _, ind := range pr.Indicators {
				st := status[ind.ID]
				s := slices.IndexFunc(series, func(it Item) bool { return it.ID == st })
				g.Cells[s][c].Value++
				if st != "" && st != generator.NotApplicable {
					sh.of++
					if slices.Contains(installed, st) {
						sh.n++
					}
				}
			}
		}
		shares = append(shares, sh)
	}
	for s := range g.Cells {
		for c := range g.Cells[s] {
			g.Cells[s][c].State = Value
			g.Cells[s][c].Text = fmt.Sprint(int(g.Cells[s][c].Value))
		}
	}
	n, of := share(status, installed)
	c := &Chart{ID: ID("installation", p.School, "components"), Kind: "installation", Grid: g}
	c.Title = in.msg("chart.installation.title", "place", place)
	c.Summary = in.msg("chart.installation.summary", "place", place, "n", n, "of", of)
	// The components furthest along and with the furthest to go, by share.
	var observed []compShare
	for _, s := range shares {
		if s.of > 0 {
			observed = append(observed, s)
		}
	}
	if len(observed) > 1 {
		best, worst := observed[0], observed[0]
		for _, s := range observed[1:] {
			if s.n*best.of > best.n*s.of {
				best = s
			}
			if s.n*worst.of < worst.n*s.of {
				worst = s
			}
		}
		if best != worst {
			c.Summary += " " + in.msg("chart.installation.summary.range", "best", best.name, "best_n", best.n, "best_of", best.of,
				"worst", worst.name, "worst_n", worst.n, "worst_of", worst.of)
		}
	}
	d := bars(g, barSpec{Horizontal: true, Stacked: true, MinInterval: 1, AxisName: in.msg("axis.indicators")})
	return finish(c, in.msg("table.installation", "place", place), d), nil
}

// installationTrend is the share of indicators installed or sustained at
// a place at each observation date.
func installationTrend(in *Input, p Params) (*Chart, error) {
	fw := in.Evidence.Framework
	obs := in.view(p.School).Installation
	place := in.placeName(p.School, "installation")
	installed := generator.Installed(fw.StatusScale)
	var dates []time.Time
	for _, o := range obs {
		if o.School == p.School && !slices.ContainsFunc(dates, o.Date.Equal) {
			dates = append(dates, o.Date)
		}
	}
	if len(dates) == 0 {
		return nil, noData(place, "installation observations")
	}
	slices.SortFunc(dates, func(a, b time.Time) int { return a.Compare(b) })
	var cats []Item
	for _, d := range dates {
		s := d.Format("2006-01-02")
		cats = append(cats, Item{ID: s, Label: s})
	}
	g := newGrid(cats, []Item{{ID: "installed", Label: in.msg("series.installed")}})
	g.CategoryName, g.ValueName = in.msg("col.date"), in.msg("col.share")
	g.Extra = []string{in.msg("col.installed"), in.msg("col.observed")}
	counts := make([][2]int, len(dates))
	for i, d := range dates {
		n, of := share(Statuses(obs, p.School, d), installed)
		counts[i] = [2]int{n, of}
		pct := 0.0
		if of > 0 {
			pct = round1(100 * float64(n) / float64(of))
		}
		g.Cells[0][i] = Cell{State: Value, Value: pct, Text: Pct(pct), Extra: []string{fmt.Sprint(n), fmt.Sprint(of)}}
	}
	c := &Chart{ID: ID("installation", p.School, "trend"), Kind: "installation-trend", Grid: g}
	c.Title = in.msg("chart.installation-trend.title", "place", place)
	first, last := g.Cells[0][0], g.Cells[0][len(dates)-1]
	if len(dates) == 1 {
		c.Summary = in.msg("chart.installation-trend.summary.one", "place", place, "share", last.Text, "date", cats[0].Label,
			"n", counts[0][0], "of", counts[0][1])
	} else {
		c.Summary = in.msg("chart.installation-trend.summary", "place", place, "direction", in.direction(last.Value-first.Value),
			"from", first.Text, "from_date", cats[0].Label, "to", last.Text, "to_date", cats[len(cats)-1].Label,
			"change", PP(last.Value-first.Value), "n", counts[len(dates)-1][0], "of", counts[len(dates)-1][1])
	}
	d := lines(g, lineSpec{Min: 0, Max: 100, AxisName: in.msg("axis.installed-pct"), Labels: true})
	return finish(c, in.msg("table.installation-trend", "place", place), d), nil
}

// direction is "rose", "fell" or "stayed the same" for a change.
func (in *Input) direction(change float64) string {
	switch {
	case math.Round(change*100) > 0:
		return in.msg("word.rose")
	case math.Round(change*100) < 0:
		return in.msg("word.fell")
	}
	return in.msg("word.unchanged")
}

// installationHeatmap shows, for each school (rows) and practice
// (columns), the practice's status, coloured by the scale and labelled
// with the status's initials so colour is not the only cue.
func installationHeatmap(in *Input, _ Params) (*Chart, error) {
	fw := in.Evidence.Framework
	scale := fw.StatusScale
	var practices []generator.Practice
	var series []Item
	for _, comp := range fw.Components {
		for _, pr := range comp.Practices {
			practices = append(practices, pr)
			series = append(series, Item{ID: pr.ID, Label: ShortTitle(pr)})
		}
	}
	var cats []Item
	for _, pl := range in.places("installation") {
		cats = append(cats, Item{ID: pl.ID, Label: pl.Name})
	}
	g := newGrid(cats, series)
	g.CategoryName, g.SeriesName, g.ValueName, g.Wide = in.msg("col.school"), in.msg("col.practice"), in.msg("col.status"), true
	installed := generator.Installed(scale)
	fully, cells := 0, 0
	perPractice := make([]int, len(practices))
	for c, pl := range cats {
		obs := in.view(pl.ID).Installation
		status := Statuses(obs, pl.ID, time.Time{})
		for s, pr := range practices {
			st := PracticeStatus(pr, status, scale)
			i := slices.IndexFunc(scale, func(x generator.Status) bool { return x.ID == st })
			if i < 0 {
				g.Cells[s][c] = Cell{State: NotReported, Text: in.msg("cell.no-observation")}
				continue
			}
			cells++
			if slices.Contains(installed, st) {
				fully++
				perPractice[s]++
			}
			g.Cells[s][c] = Cell{State: Value, Value: float64(i + 1), Text: scale[i].Label, Mark: Initials(st)}
		}
	}
	c := &Chart{ID: ID("installation", "heatmap"), Kind: "installation-heatmap", Grid: g}
	c.Title = in.msg("chart.installation-heatmap.title")
	c.Summary = in.msg("chart.installation-heatmap.summary", "places", len(cats), "practices", len(practices), "n", fully, "of", cells)
	if len(practices) > 1 && cells > 0 {
		best, worst := 0, 0
		for s := range practices {
			if perPractice[s] > perPractice[best] {
				best = s
			}
			if perPractice[s] < perPractice[worst] {
				worst = s
			}
		}
		if perPractice[best] != perPractice[worst] {
			c.Summary += " " + in.msg("chart.installation-heatmap.summary.range", "best", series[best].Label, "best_n", perPractice[best],
				"worst", series[worst].Label, "worst_n", perPractice[worst], "places", len(cats))
		}
	}
	var pieces []Item
	var key []string
	for _, s := range scale {
		pieces = append(pieces, Item{ID: s.ID, Label: Initials(s.ID) + ": " + s.Label, Color: s.Color})
		key = append(key, Initials(s.ID)+" "+s.Label)
	}
	c.Note = in.msg("note.heatmap", "key", strings.Join(key, " · "))
	if cells < len(cats)*len(practices) {
		c.Note += " " + in.msg("note.heatmap.blank")
	}
	d := heatmap(g, heatSpec{Pieces: pieces, SeriesName: in.msg("series.practice-status")})
	return finish(c, in.msg("table.installation-heatmap"), d), nil
}

// Initials abbreviates a status id for heatmap cells and printed lists:
// "in-place" → "IP".
func Initials(id string) string {
	var b strings.Builder
	for _, part := range strings.Split(id, "-") {
		if part != "" {
			b.WriteString(strings.ToUpper(part[:1]))
		}
	}
	return b.String()
}

// shorten cuts a label at a word; the table keeps it whole where it can.
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := strings.LastIndex(string(r[:n]), " ")
	if cut < n/2 {
		return string(r[:n]) + "…"
	}
	return strings.TrimRight(string(r[:n])[:cut], ",;:") + "…"
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
	l := relativeLuminance([3]float64{float64(r), float64(g), float64(b)})
	if (l+0.05)/0.05 >= 4.5 {
		return "#000"
	}
	return "#fff"
}
