package build_test

import (
	"bytes"
	"cmp"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io/fs"
	"math"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/folio-sites/folio/generator"
	"go.yaml.in/yaml/v4"
	"golang.org/x/net/html"
)

// reader is what a careful reader learns from a built site, taken from
// the built files only: every achievement and trust cell shown anywhere —
// CSV downloads, the data tables of charts, goals' measured values (chart
// and steps), the tables of a school beside the district, the changes
// since the last board meeting — and every number computed from cells
// (gains, differences, gaps, means over facets); the numbers a chart's
// option draws and its summary gives must be in its table. Nothing here
// reads folio's model or calls its code.
type reader struct {
	t *testing.T
	// schools are the school ids, by the names pages write.
	schools map[string]string
	// labels map the labels pages write to ids: subgroups, subjects,
	// trust groups and facets.
	subgroups, subjects, groups, facets map[string]string
	// facetIDs are trust.yaml's facets, in order.
	facetIDs []string
	def      definitions
	// problems are what the reader found shown that should not be.
	problems []string
	cells    map[cellKey]*cell
	keys     []cellKey
	claims   []claim
	// tables, options and computed count the data tables, the chart
	// options and the computed numbers (or why not) read.
	tables, options, computed int
	// shownBy are the numbers each chart's data table shows, by chart id;
	// downloads are the charts' CSV files.
	shownBy   map[string][]float64
	downloads []generator.File
}

// definitions are what achievement.yaml and trust.yaml say that a reader
// can know: the thresholds, the families and the labels.
type definitions struct {
	MinN      int                 `yaml:"min_n"`
	Families  map[string][]string `yaml:"families"`
	Subjects  []label             `yaml:"subjects"`
	Subgroups []label             `yaml:"subgroups"`
	// goals.yaml
	Goals []goal `yaml:"goals"`
	// trust.yaml
	MinRespondents int      `yaml:"min_respondents"`
	FavorableFrom  *float64 `yaml:"favorable_from"`
	Facets         []label  `yaml:"facets"`
	Groups         []label  `yaml:"groups"`
	Scale          struct {
		Min, Max float64
	} `yaml:"scale"`
}

// goal is a goal of goals.yaml: whose, and what it measures.
type goal struct {
	ID      string `yaml:"id"`
	School  string `yaml:"school"`
	Measure struct {
		Evidence, Subject, Subgroup, Group, Facet string
	} `yaml:"measure"`
}

type label struct {
	ID    string `yaml:"id"`
	Label string `yaml:"label"`
}

// cellKey names a cell: achievement (school, year, subject, subgroup) or
// trust (school, year, group, facet). Ids are written with "_" for "-",
// as chart ids write them.
type cellKey struct {
	trust                bool
	school, year, of, in string
}

func (k cellKey) String() string { return k.school + " " + k.year + " " + k.of + " " + k.in }

// cell is what is shown of one cell, field by field: "count", "value"
// (proficient, or a trust mean) and "favorable", each as first seen.
type cell struct {
	pos    generator.Pos
	fields map[string]shown
}

type shown struct{ text, from string }

// claim is a number computed from cells: the sum of each term's value
// times its weight (1 and −1 for a difference, 1/n for a mean of n).
type claim struct {
	from, text string
	terms      []cellKey
	weights    []float64
	tol        float64
}

func newReader(t *testing.T, site fs.FS) *reader {
	r := &reader{t: t, schools: map[string]string{}, cells: map[cellKey]*cell{}, shownBy: map[string][]float64{}}
	for _, name := range []string{"data/achievement.yaml", "data/trust.yaml", "data/goals.yaml"} {
		src, err := fs.ReadFile(site, name)
		if err != nil {
			continue
		}
		if err := yaml.Unmarshal(src, &r.def); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	if r.def.MinN == 0 {
		r.def.MinN = 10
	}
	if r.def.MinRespondents == 0 {
		r.def.MinRespondents = 5
	}
	byLabel := func(ls []label) map[string]string {
		m := map[string]string{}
		for _, l := range ls {
			m[cmp.Or(l.Label, l.ID)] = norm(l.ID)
		}
		return m
	}
	r.subgroups, r.subjects, r.groups, r.facets = byLabel(r.def.Subgroups), byLabel(r.def.Subjects), byLabel(r.def.Groups), byLabel(r.def.Facets)
	for _, f := range r.def.Facets {
		r.facetIDs = append(r.facetIDs, norm(f.ID))
	}
	nameLine := regexp.MustCompile(`(?m)^name:\s*(.+?)\s*$`)
	profiles, _ := fs.Glob(site, "content/schools/*/_index.md")
	for _, p := range profiles {
		id := strings.Split(p, "/")[2]
		src, _ := fs.ReadFile(site, p)
		if m := nameLine.FindSubmatch(src); m != nil {
			r.schools[strings.Trim(string(m[1]), `"'`)] = norm(id)
		}
		r.schools[id] = norm(id)
	}
	return r
}

func (r *reader) errorf(format string, args ...any) {
	r.problems = append(r.problems, fmt.Sprintf(format, args...))
}

// norm writes an id as chart ids do.
func norm(id string) string { return strings.ReplaceAll(id, "-", "_") }

// see records that from shows text as a field of cell k. A cell shown as
// a number in one place and withheld (or as another number) in another
// gives the withheld value away.
func (r *reader) see(k cellKey, field, text, from string, pos generator.Pos) {
	text = strings.TrimSpace(text)
	c := r.cells[k]
	if c == nil {
		c = &cell{pos: pos, fields: map[string]shown{}}
		r.cells[k] = c
		r.keys = append(r.keys, k)
	}
	prev, ok := c.fields[field]
	if !ok {
		c.fields[field] = shown{text, from}
		return
	}
	a, aNum := number(prev.text)
	b, bNum := number(text)
	switch {
	case aNum && bNum && math.Abs(a-b) > 0.051:
		r.errorf("%s %s is %q in %s but %q in %s", k, field, prev.text, prev.from, text, from)
	case aNum != bNum:
		r.errorf("%s %s is %q in %s but %q in %s: a value withheld in one place is shown in the other", k, field, prev.text, prev.from, text, from)
	case !aNum && coded(prev.text) && coded(text) && prev.text != text:
		r.errorf("%s %s is %q in %s but %q in %s", k, field, prev.text, prev.from, text, from)
	}
}

var (
	numberText = regexp.MustCompile(`^[+−-]?\d+(?:\.\d+)?(?:%| pp)?$`)
	leadingInt = regexp.MustCompile(`^\d+`)
	anyNumber  = regexp.MustCompile(`[+−-]?\d+(?:\.\d+)?`)
	yearText   = regexp.MustCompile(`\d{4}-\d{2}`)
	inlineID   = regexp.MustCompile(`^chart_inline\d+_`)
)

// number reads a number as pages write it: "61.5%", "4.60", "−2.5 pp",
// "+1.0 pp", a count "120", or "25 of 31 invited (81%)" (25).
func number(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	if strings.Contains(s, " of ") && leadingInt.MatchString(s) {
		s = leadingInt.FindString(s)
	}
	if !numberText.MatchString(s) {
		return 0, false
	}
	s = strings.TrimSuffix(strings.TrimSuffix(s, "%"), " pp")
	s = strings.Replace(strings.TrimPrefix(s, "+"), "−", "-", 1)
	v, err := strconv.ParseFloat(s, 64)
	return v, err == nil
}

func coded(s string) bool { return s != "" && strings.ContainsAny(s[:min(len(s), 3)], "≥≤<>") }

// read reads the built files: CSV downloads and pages; it returns how
// many cells the downloads hold and how many pages it read.
func (r *reader) read(files []generator.File) (cells, pages int) {
	for _, f := range files {
		cells += r.csvFile(f)
		if strings.HasSuffix(f.Path, ".html") {
			r.page(f)
			pages++
		}
		if name := path.Base(f.Path); strings.HasPrefix(name, "chart_") && strings.HasSuffix(name, ".csv") && !strings.Contains(name, "_installation_") {
			r.downloads = append(r.downloads, f)
		}
	}
	r.checkClaims()
	r.checkDownloads()
	return cells, pages
}

// checkDownloads checks that every chart's CSV download gives only
// numbers its chart's data table shows.
func (r *reader) checkDownloads() {
	for _, f := range r.downloads {
		id := strings.TrimSuffix(path.Base(f.Path), ".csv")
		shown, ok := r.shownBy[id]
		if !ok {
			r.errorf("%s: no page shows the chart %s", f.Path, id)
			continue
		}
		rows, err := csv.NewReader(bytes.NewReader(f.Data)).ReadAll()
		if err != nil {
			r.t.Fatalf("%s: %v", f.Path, err)
		}
		for i, row := range rows[1:] {
			for _, v := range tableNumbers(table{rows: [][]string{row}}) {
				if !slices.ContainsFunc(shown, func(n float64) bool { return math.Abs(n-v) < 0.051 }) {
					r.errorf("%s:%d: the download gives %v, which the chart's data table does not show", f.Path, i+2, v)
				}
			}
		}
	}
}

// csvFile reads a chart's CSV download: achievement subgroups
// (Student group id,Student group,Year,Proficient,Tested) or trust facets
// (Facet id,Facet,Year,Mean,Favorable,Respondents).
func (r *reader) csvFile(f generator.File) int {
	m := downloadCSV.FindStringSubmatch(f.Path)
	if m == nil {
		return 0
	}
	place, what := r.place(m[1], f.Path)
	rows, err := csv.NewReader(bytes.NewReader(f.Data)).ReadAll()
	if err != nil {
		r.t.Fatalf("%s: %v", f.Path, err)
	}
	cells := 0
	for i, row := range rows[1:] {
		pos := generator.Pos{File: f.Path, Line: i + 2}
		switch {
		case strings.HasSuffix(what, "_subgroups"):
			k := cellKey{school: place, year: row[2], of: strings.TrimSuffix(what, "_subgroups"), in: norm(row[0])}
			r.see(k, "value", row[3], f.Path, pos)
			r.see(k, "count", row[4], f.Path, pos)
		case strings.HasSuffix(what, "_facets"):
			k := cellKey{trust: true, school: place, year: row[2], of: strings.TrimSuffix(what, "_facets"), in: norm(row[0])}
			r.see(k, "value", row[3], f.Path, pos)
			r.see(k, "favorable", row[4], f.Path, pos)
			r.see(k, "count", row[5], f.Path, pos)
		}
		cells++
	}
	return cells
}

var downloadCSV = regexp.MustCompile(`(?:^|/)(chart_(?:achievement|trust)_.+_(?:subgroups|facets))\.csv$`)

// place splits a chart id, "chart_achievement_lincoln_middle_math_subgroups",
// into the place ("lincoln_middle", or "district") and the rest
// ("math_subgroups"). An id it cannot split fails the test, naming from
// (the file or chart it was read in).
func (r *reader) place(id, from string) (place, rest string) {
	id = inlineID.ReplaceAllString(id, "chart_")
	for _, kind := range []string{"chart_achievement_", "chart_trust_"} {
		if rest, ok := strings.CutPrefix(id, kind); ok {
			if rest, ok := strings.CutPrefix(rest, generator.DistrictID+"_"); ok {
				return generator.DistrictID, rest
			}
			// The longest school id that starts the rest: "a_b", not "a".
			for _, s := range r.schools {
				if strings.HasPrefix(rest, s+"_") && len(s) > len(place) {
					place = s
				}
			}
			if place != "" {
				return place, strings.TrimPrefix(rest, place+"_")
			}
		}
	}
	r.t.Fatalf("%s: cannot tell the place of %s", from, id)
	return "", ""
}

// placeNamed is the place a page names: a school, or the district ("District",
// "Prairie River Community School District, all schools").
func (r *reader) placeNamed(name string) (string, bool) {
	if id, ok := r.schools[name]; ok {
		return id, true
	}
	if name == "District" || strings.HasSuffix(name, ", all schools") {
		return generator.DistrictID, true
	}
	return "", false
}

// table is a data table as a page shows it.
type table struct {
	caption string
	head    []string
	rows    [][]string
}

// page reads the charts and tables of one HTML page.
func (r *reader) page(f generator.File) {
	doc, err := html.Parse(bytes.NewReader(f.Data))
	if err != nil {
		r.t.Fatalf("%s: %v", f.Path, err)
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "figure" && strings.Contains(attr(n, "class"), "chart ") {
			r.figure(f.Path, n)
			return
		}
		if n.Type == html.ElementNode && n.Data == "table" {
			r.otherTable(f.Path, readTable(n))
			return
		}
		if n.Type == html.ElementNode && n.Data == "section" && strings.Contains(attr(n, "class"), "since-place") {
			r.since(f.Path, n)
		}
		if n.Type == html.ElementNode && n.Data == "li" && strings.HasPrefix(attr(n, "id"), "goal-") {
			if steps := find(n, func(n *html.Node) bool { return strings.Contains(attr(n, "class"), "goal-steps") }); steps != nil {
				r.goalSteps(f.Path, strings.TrimPrefix(attr(n, "id"), "goal-"), text(steps))
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
}

func attr(n *html.Node, name string) string {
	for _, a := range n.Attr {
		if a.Key == name {
			return a.Val
		}
	}
	return ""
}

func text(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		if n.Type == html.ElementNode && strings.Contains(attr(n, "class"), "visually-hidden") {
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

func find(n *html.Node, match func(*html.Node) bool) *html.Node {
	if match(n) {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if m := find(c, match); m != nil {
			return m
		}
	}
	return nil
}

func readTable(n *html.Node) table {
	var t table
	var walk func(*html.Node, string)
	walk = func(n *html.Node, in string) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "caption":
				t.caption = text(n)
				return
			case "thead", "tbody":
				in = n.Data
			case "tr":
				var row []string
				for c := n.FirstChild; c != nil; c = c.NextSibling {
					if c.Type == html.ElementNode && (c.Data == "th" || c.Data == "td") {
						row = append(row, text(c))
					}
				}
				if in == "thead" {
					t.head = row
				} else {
					t.rows = append(t.rows, row)
				}
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, in)
		}
	}
	walk(n, "")
	return t
}

// figure reads a chart: its table into cells and claims, and checks that
// its option draws no number the table does not show.
func (r *reader) figure(file string, n *html.Node) {
	class := attr(n, "class")
	canvas := find(n, func(n *html.Node) bool { return strings.Contains(attr(n, "class"), "chart-canvas") })
	tn := find(n, func(n *html.Node) bool { return n.Type == html.ElementNode && n.Data == "table" })
	if canvas == nil || tn == nil {
		return
	}
	id := attr(canvas, "id")
	from := file + " " + id
	t := readTable(tn)
	if !strings.Contains(class, "chart-installation") {
		if script := find(n, func(n *html.Node) bool { return strings.Contains(attr(n, "class"), "chart-option") }); script != nil {
			r.option(from, text(script), t)
		}
		if summary := find(n, func(n *html.Node) bool { return strings.Contains(attr(n, "class"), "chart-summary") }); summary != nil {
			r.summary(from, text(summary), t)
		}
	}
	if _, seen := r.shownBy[id]; !seen { // the same chart on another page shows the same table
		r.shownBy[id] = tableNumbers(t)
	}
	pos := generator.Pos{File: file}
	head := strings.Join(t.head, "|")
	if slices.Contains(figureTables, head) {
		r.tables++
	}
	switch {
	case head == "Student group|Year|Proficient|Tested":
		place, rest := r.place(id, from)
		subject := strings.TrimSuffix(rest, "_subgroups")
		for _, row := range t.rows {
			k := cellKey{school: place, year: row[1], of: subject, in: r.id(r.subgroups, row[0], from)}
			r.see(k, "value", row[2], from, pos)
			r.see(k, "count", row[3], from, pos)
		}
	case head == "Facet|Year|Mean|Favorable|Respondents":
		place, rest := r.place(id, from)
		group := strings.TrimSuffix(rest, "_facets")
		for _, row := range t.rows {
			k := cellKey{trust: true, school: place, year: row[1], of: group, in: r.id(r.facets, row[0], from)}
			r.see(k, "value", row[2], from, pos)
			r.see(k, "favorable", row[3], from, pos)
			r.see(k, "count", row[4], from, pos)
		}
	case head == "Student group|Years|Gain|From|To":
		place, rest := r.place(id, from)
		subject := strings.TrimSuffix(rest, "_gains")
		for _, row := range t.rows {
			g := r.id(r.subgroups, row[0], from)
			years := yearText.FindAllString(row[1], -1)
			before := cellKey{school: place, year: years[0], of: subject, in: g}
			after := cellKey{school: place, year: years[1], of: subject, in: g}
			r.see(before, "value", row[3], from, pos)
			r.see(after, "value", row[4], from, pos)
			r.claim(from, row[2], []cellKey{after, before}, []float64{1, -1}, 0.051)
		}
	case head == "Student group|School|Gain|Years":
		subject := strings.TrimSuffix(strings.TrimPrefix(inlineID.ReplaceAllString(id, "chart_"), "chart_achievement_schools_"), "_gains")
		for _, row := range t.rows {
			g := r.id(r.subgroups, row[0], from)
			place, ok := r.placeNamed(row[1])
			if !ok {
				r.t.Fatalf("%s: unknown place %q", from, row[1])
			}
			years := yearText.FindAllString(row[3], -1)
			if len(years) != 2 {
				continue // no two years to compare
			}
			r.claim(from, row[2], []cellKey{{school: place, year: years[1], of: subject, in: g}, {school: place, year: years[0], of: subject, in: g}}, []float64{1, -1}, 0.051)
		}
	case head == "Group|Year|Mean" && strings.Contains(class, "chart-trust-trend"):
		place, _ := r.place(id, from)
		for _, row := range t.rows {
			r.facetMean(from, row[2], place, row[1], r.id(r.groups, row[0], from))
		}
	case head == "Group|Year|Mean": // one facet over the years
		place, rest := r.place(id, from)
		facet := strings.TrimSuffix(rest, "_trend")
		for _, row := range t.rows {
			r.see(cellKey{trust: true, school: place, year: row[1], of: r.id(r.groups, row[0], from), in: facet}, "value", row[2], from, pos)
		}
	case head == "Year|Measured|Expected on the way to the target":
		r.goalTable(from, id, t, pos)
	case head == "School|Group|Mean":
		year := yearText.FindString(t.caption)
		for _, row := range t.rows {
			place, ok := r.placeNamed(row[0])
			if !ok {
				r.t.Fatalf("%s: unknown place %q", from, row[0])
			}
			r.facetMean(from, row[2], place, year, r.id(r.groups, row[1], from))
		}
	}
}

// figureTables are the heads of the chart data tables the reader reads.
var figureTables = []string{
	"Student group|Year|Proficient|Tested",
	"Facet|Year|Mean|Favorable|Respondents",
	"Student group|Years|Gain|From|To",
	"Year|Measured|Expected on the way to the target",
	"Student group|School|Gain|Years",
	"Group|Year|Mean",
	"School|Group|Mean",
}

var (
	sinceAchievement = regexp.MustCompile(`^(.+), all students proficient: (\S+) in (\d{4}-\d{2}), (\S+ pp) from (\S+) in (\d{4}-\d{2})$`)
	sinceTrust       = regexp.MustCompile(`^(.+), mean trust over every facet: (\S+) in (\d{4}-\d{2}), (\S+) from (\S+) in (\d{4}-\d{2})$`)
	stepValue        = regexp.MustCompile(`^(.+) in (\d{4}-\d{2})$`)
	hiddenStep       = regexp.MustCompile(`^not shown in (\d{4}-\d{2}) \(.+\)$`)
)

// since reads what changed at a place since the last board meeting:
// "Mathematics, all students proficient: 76.0% in 2024-25, +3.8 pp from
// 72.2% in 2023-24", "Teachers, mean trust over every facet: 4.77 in
// 2024-25, +0.12 from 4.65 in 2023-24".
func (r *reader) since(file string, n *html.Node) {
	// The place is in its heading's id: since-<place id> in the board
	// packet, place-<place id> on /changes/.
	h := find(n, func(n *html.Node) bool { return n.Type == html.ElementNode && (n.Data == "h2" || n.Data == "h3") })
	if h == nil {
		r.t.Fatalf("%s: a place of the changes since the last meeting has no heading", file)
	}
	id := attr(h, "id")
	for _, prefix := range []string{"since-", "place-"} {
		id = strings.TrimPrefix(id, prefix)
	}
	place := norm(id)
	from := file + " since " + place
	pos := generator.Pos{File: file}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "li" {
			line := text(n)
			if m := sinceAchievement.FindStringSubmatch(line); m != nil {
				subject := r.id(r.subjects, m[1], from)
				now := cellKey{school: place, year: m[3], of: subject, in: "all"}
				then := cellKey{school: place, year: m[6], of: subject, in: "all"}
				r.see(now, "value", m[2], from, pos)
				r.see(then, "value", m[5], from, pos)
				r.claim(from, m[4], []cellKey{now, then}, []float64{1, -1}, 0.051)
				r.tables++
			}
			if m := sinceTrust.FindStringSubmatch(line); m != nil {
				group := r.id(r.groups, m[1], from)
				r.facetMean(from, m[2], place, m[3], group)
				r.facetMean(from, m[5], place, m[6], group)
				now, nw := r.facetCells(place, m[3], group, 1)
				then, tw := r.facetCells(place, m[6], group, -1)
				r.claim(from, m[4], append(now, then...), append(nw, tw...), 0.011)
				r.tables++
			}
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
}

// goalSteps reads a goal's values over the years: "baseline 38.8% in
// 2022-23 → 41.0% in 2023-24 → not shown in 2024-25 (fewer than 10
// students were tested) → target 55.0% by 2026-27". The target is the board's; the steps between are measured,
// and so is the baseline, which is the measure's value in its year as the
// board took it (where the data withholds that value, the baseline gives
// it away).
func (r *reader) goalSteps(file, id, steps string) {
	i := slices.IndexFunc(r.def.Goals, func(g goal) bool { return g.ID == id })
	if i < 0 {
		r.t.Fatalf("%s: no goal %q in data/goals.yaml", file, id)
	}
	from := file + " goal " + id
	parts := strings.Split(steps, " → ")
	baseline, ok := strings.CutPrefix(parts[0], "baseline ")
	if !ok {
		r.t.Fatalf("%s: cannot read the baseline %q", from, parts[0])
	}
	for _, p := range append([]string{baseline}, parts[1:len(parts)-1]...) {
		if h := hiddenStep.FindStringSubmatch(p); h != nil {
			r.goalValue(from, r.def.Goals[i], h[1], "not shown", generator.Pos{File: file})
			continue
		}
		m := stepValue.FindStringSubmatch(p)
		if m == nil {
			r.t.Fatalf("%s: cannot read the step %q", from, p)
		}
		r.goalValue(from, r.def.Goals[i], m[2], m[1], generator.Pos{File: file})
	}
	r.tables++
}

// goalTable reads the values measured for a goal: an achievement cell, a
// trust facet, or the mean of a group's facets (installation shares are
// no student data).
func (r *reader) goalTable(from, id string, t table, pos generator.Pos) {
	i := slices.IndexFunc(r.def.Goals, func(g goal) bool { return "chart_goal_"+norm(g.ID) == inlineID.ReplaceAllString(id, "chart_") })
	if i < 0 {
		r.t.Fatalf("%s: no goal in data/goals.yaml draws this chart", from)
	}
	for _, row := range t.rows {
		if row[1] != "" { // blank: a year the goal was not measured, or ahead
			r.goalValue(from, r.def.Goals[i], row[0], row[1], pos)
		}
	}
}

// goalValue reads a goal's measured value in a year: an achievement cell,
// a trust facet, or the mean of a group's facets (installation shares are
// no student data).
func (r *reader) goalValue(from string, g goal, year, measured string, pos generator.Pos) {
	m, place := g.Measure, norm(g.School)
	switch {
	case m.Evidence == "achievement":
		r.see(cellKey{school: place, year: year, of: norm(m.Subject), in: norm(m.Subgroup)}, "value", measured, from, pos)
	case m.Evidence == "trust" && m.Facet == "all":
		r.facetMean(from, measured, place, year, norm(m.Group))
	case m.Evidence == "trust":
		r.see(cellKey{trust: true, school: place, year: year, of: norm(m.Group), in: norm(m.Facet)}, "value", measured, from, pos)
	}
}

// facetMean claims that text is the mean of every facet of a group.
func (r *reader) facetMean(from, text, place, year, group string) {
	terms, weights := r.facetCells(place, year, group, 1)
	r.claim(from, text, terms, weights, 0.011)
}

// facetCells are the cells of every facet of a group, each weighted w/n.
func (r *reader) facetCells(place, year, group string, w float64) ([]cellKey, []float64) {
	var terms []cellKey
	var weights []float64
	for _, f := range r.facetIDs {
		terms = append(terms, cellKey{trust: true, school: place, year: year, of: group, in: f})
		weights = append(weights, w/float64(len(r.facetIDs)))
	}
	return terms, weights
}

// otherTable reads a table outside the charts: a school beside the
// district (Student group, school, District, Difference) and the gaps
// between each group and all students over the years.
func (r *reader) otherTable(file string, t table) {
	if len(t.head) == 0 || t.head[0] != "Student group" {
		return
	}
	from := file + " table " + strconv.Quote(t.caption)
	pos := generator.Pos{File: file}
	subjectName, _, _ := strings.Cut(t.caption, ":")
	subjectName, _, _ = strings.Cut(subjectName, ",")
	subject := r.id(r.subjects, subjectName, from)
	switch {
	case len(t.head) == 4 && t.head[2] == "District" && t.head[3] == "Difference":
		school, ok := r.placeNamed(t.head[1])
		if !ok {
			r.t.Fatalf("%s: unknown place %q", from, t.head[1])
		}
		r.tables++
		year := yearText.FindString(t.caption)
		for _, row := range t.rows {
			g := r.id(r.subgroups, row[0], from)
			mine := cellKey{school: school, year: year, of: subject, in: g}
			district := cellKey{school: generator.DistrictID, year: year, of: subject, in: g}
			r.see(mine, "value", row[1], from, pos)
			r.see(district, "value", row[2], from, pos)
			r.claim(from, row[3], []cellKey{mine, district}, []float64{1, -1}, 0.051)
		}
	case strings.Contains(t.caption, "gap between each group and all students at "):
		_, name, _ := strings.Cut(t.caption, " all students at ")
		name, _, _ = strings.Cut(name, " (")
		school, ok := r.placeNamed(name)
		if !ok {
			r.t.Fatalf("%s: unknown place %q", from, name)
		}
		r.tables++
		for _, row := range t.rows {
			g := r.id(r.subgroups, row[0], from)
			for i, y := range t.head[1:] {
				all := cellKey{school: school, year: y, of: subject, in: "all"}
				group := cellKey{school: school, year: y, of: subject, in: g}
				r.claim(from, row[1+i], []cellKey{all, group}, []float64{1, -1}, 0.051)
			}
		}
	}
}

// id maps a label a page writes to its id.
func (r *reader) id(m map[string]string, label, from string) string {
	id, ok := m[label]
	if !ok {
		r.t.Fatalf("%s: unknown label %q", from, label)
	}
	return id
}

// claim records a number shown as computed from cells; not a number, it
// claims nothing.
func (r *reader) claim(from, text string, terms []cellKey, weights []float64, tol float64) {
	r.computed++
	if _, ok := number(text); ok {
		r.claims = append(r.claims, claim{from: from, text: text, terms: terms, weights: weights, tol: tol})
	}
}

// checkClaims fails for every number computed from a cell that is
// withheld, or that does not follow from the cells shown. A cell shown
// nowhere (a year a chart does not show) is withheld nowhere either: a
// number computed from it gives nothing away that the audit looks for.
func (r *reader) checkClaims() {
	for _, c := range r.claims {
		sum := 0.0
		ok := true
		for i, k := range c.terms {
			cl := r.cells[k]
			if cl == nil || cl.fields["value"].text == "" && cl.fields["count"].text == "" {
				ok = false // shown nowhere, so withheld nowhere: nothing to check it against
				continue
			}
			v, shown := number(cl.fields["value"].text)
			if !shown {
				r.errorf("%s shows %s, computed from %s, which is withheld (%q)", c.from, c.text, k, cl.fields["value"].text)
				ok = false
				continue
			}
			sum += c.weights[i] * v
		}
		if !ok {
			continue
		}
		if got, _ := number(c.text); math.Abs(got-sum) > c.tol {
			r.errorf("%s shows %s where the cells published give %.2f", c.from, c.text, sum)
		}
	}
}

// summaryNumber is a number a chart's summary gives as a value: "61.5%",
// "+2.5 pp", "4.60", "n = 12" (not a year, nor "3 of 5 facets").
var summaryNumber = regexp.MustCompile(`[+−-]?\d+(?:\.\d+)?(?:%| pp)|[+−-]?\d+\.\d+|n = \d+`)

// summary checks that a chart's summary gives only numbers its data
// table shows, or the difference of two it shows (a change, a gap).
func (r *reader) summary(from, summary string, t table) {
	shown := tableNumbers(t)
	summary = yearText.ReplaceAllString(summary, "")
	for _, s := range summaryNumber.FindAllString(summary, -1) {
		v, ok := number(strings.TrimPrefix(s, "n = "))
		if !ok {
			continue
		}
		near := func(x float64) bool { return math.Abs(math.Abs(x)-math.Abs(v)) < 0.051 }
		if slices.ContainsFunc(shown, near) {
			continue
		}
		found := false
		for i := range shown {
			for j := range shown {
				if near(shown[i] - shown[j]) {
					found = true
					break
				}
			}
		}
		if !found {
			r.errorf("%s: the summary gives %s, which its data table does not show (nor the difference of two it shows)", from, s)
		}
	}
}

// tableNumbers are the numbers a table shows as values: "61.5%", "+1.0
// pp", "4.60", the bound of "≥95%", each number of "25 of 31 invited
// (81%)"; not the years, nor the threshold of "fewer than 10 students".
func tableNumbers(t table) []float64 {
	var out []float64
	for _, row := range t.rows {
		for _, c := range row {
			_, isNumber := number(c)
			if !isNumber && !coded(c) {
				continue
			}
			for _, s := range anyNumber.FindAllString(c, -1) {
				v, _ := strconv.ParseFloat(strings.Replace(s, "−", "-", 1), 64)
				out = append(out, v)
			}
		}
	}
	return out
}

// option checks that a chart's option draws only numbers its data table
// shows. Markers of cells not shown (scatter series) must all sit at the
// value axis's start, below every value drawn, carrying no number of their
// own.
func (r *reader) option(from, src string, t table) {
	var opt struct {
		Series []struct {
			Type string            `json:"type"`
			Data []json.RawMessage `json:"data"`
		} `json:"series"`
	}
	if err := json.Unmarshal([]byte(src), &opt); err != nil {
		r.t.Fatalf("%s: chart option: %v", from, err)
	}
	r.options++
	var shownNumbers []float64
	for _, v := range tableNumbers(t) {
		shownNumbers = append(shownNumbers, v, math.Abs(v))
	}
	lowest := math.Inf(1)
	var marks [][]float64
	for _, s := range opt.Series {
		for _, d := range s.Data {
			v := drawn(d)
			if s.Type == "scatter" {
				marks = append(marks, v)
				continue
			}
			for _, v := range v {
				lowest = min(lowest, v)
				if !slices.ContainsFunc(shownNumbers, func(n float64) bool { return math.Abs(n-v) < 0.051 }) {
					r.errorf("%s: the chart draws %v, which its data table does not show", from, v)
				}
			}
		}
	}
	if len(marks) > 0 && !atAxisStart(marks, 0, lowest) && !atAxisStart(marks, 1, lowest) {
		r.errorf("%s: the chart marks cells not shown at %v, not at the axis's start", from, marks)
	}
}

// atAxisStart reports whether every mark has a category index as one
// coordinate and, as the other (value), one number: 0, or no more than
// lowest (the axis starts below the values drawn).
func atAxisStart(marks [][]float64, value int, lowest float64) bool {
	at := math.NaN()
	for _, m := range marks {
		if len(m) != 2 || m[1-value] != math.Trunc(m[1-value]) || m[1-value] < 0 {
			return false
		}
		if !math.IsNaN(at) && m[value] != at {
			return false
		}
		at = m[value]
	}
	return at == 0 || at <= lowest
}

// drawn returns the numbers of one data item of a series: a number, a
// [x, y] pair, or {"value": …}.
func drawn(d json.RawMessage) []float64 {
	var v float64
	if json.Unmarshal(d, &v) == nil {
		return []float64{v}
	}
	var item struct {
		Value json.RawMessage `json:"value"`
	}
	if json.Unmarshal(d, &item) == nil && item.Value != nil {
		return drawn(item.Value)
	}
	var list []json.RawMessage
	if json.Unmarshal(d, &list) == nil {
		var out []float64
		for _, x := range list {
			var f float64
			if json.Unmarshal(x, &f) == nil {
				out = append(out, f)
			}
		}
		return out
	}
	return nil
}
