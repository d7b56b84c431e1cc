package goals

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"path"
	"slices"
	"strings"

	"github.com/folio-sites/folio/generator"
	"github.com/folio-sites/folio/generator/evidence"
	"github.com/folio-sites/folio/generator/yamldoc"
)

// File is the goals file under data/.
const File = "goals.yaml"

// The kinds of evidence a goal can measure.
const (
	Achievement  = "achievement"
	Trust        = "trust"
	Installation = "installation"
)

// AllFacets is the facet of a trust measure that averages every facet.
const AllFacets = "all"

// Goal, Measure and Point are the domain types of goals, kept in package
// generator so that the evidence can carry the goals to every stage.
type (
	Goal    = generator.Goal
	Measure = generator.GoalMeasure
	Point   = generator.GoalPoint
)

type file struct {
	Goals []entry `yaml:"goals"`
}

type entry struct {
	Pos      generator.Pos
	ID       generator.Ref `yaml:"id"`
	School   generator.Ref `yaml:"school"`
	Title    string        `yaml:"title"`
	Measure  *measureEntry `yaml:"measure"`
	Baseline *pointEntry   `yaml:"baseline"`
	Target   *pointEntry   `yaml:"target"`
	Interim  []pointEntry  `yaml:"interim"`
}

type measureEntry struct {
	Pos       generator.Pos
	Evidence  generator.Ref `yaml:"evidence"`
	Subject   generator.Ref `yaml:"subject"`
	Subgroup  generator.Ref `yaml:"subgroup"`
	Group     generator.Ref `yaml:"group"`
	Facet     generator.Ref `yaml:"facet"`
	Component generator.Ref `yaml:"component"`
}

type pointEntry struct {
	Pos   generator.Pos
	Year  generator.Ref `yaml:"year"`
	Value *float64      `yaml:"value"`
}

// Load reads data/goals.yaml from fsys and validates each goal against the
// schools and the evidence ev. A missing file gives no goals. Every
// problem is reported to ds at its line; only goals without errors are
// returned, in the order of the file.
func Load(fsys fs.FS, known evidence.Known, ev *evidence.Data, ds *generator.Diagnostics) []Goal {
	p := path.Join(evidence.Dir, File)
	src, err := fs.ReadFile(fsys, p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		ds.Errorf(generator.Pos{File: p}, "", "cannot read: %v", err)
		return nil
	}
	var f file
	if !yamldoc.Decode(src, &f, yamldoc.Options{File: p, UnknownKeys: generator.Warning}, ds) {
		return nil
	}
	if ev == nil {
		ev = &evidence.Data{}
	}
	c := checker{ev: ev, ds: ds, file: p, schools: append(slices.Sorted(slices.Values(known.Schools)), generator.DistrictID), first: map[string]firstID{}}
	for _, d := range *ds {
		if d.Severity == generator.Error && d.Pos.File == p {
			c.broken = append(c.broken, d.Pos.Line)
		}
	}
	var out []Goal
	for i, e := range f.Goals {
		c.end = math.MaxInt
		if i+1 < len(f.Goals) {
			c.end = f.Goals[i+1].Pos.Line
		}
		if g, ok := c.goal(e); ok {
			out = append(out, g)
		}
	}
	return out
}

// checker validates the entries of one file.
type checker struct {
	ev      *evidence.Data
	ds      *generator.Diagnostics
	file    string
	schools []string
	// first is each goal id seen, by generator.FileID.
	first map[string]firstID
	// broken are the lines of the file's errors while it was decoded, and
	// end the line after the goal being checked: a value that did not
	// decode (value: four) leaves its target unset, which is no second
	// error ("has no target").
	broken []int
	end    int
}

// decodeFailed reports whether decoding the file failed within the goal
// that starts at start.
func (c *checker) decodeFailed(start generator.Pos) bool {
	return slices.ContainsFunc(c.broken, func(l int) bool { return l >= start.Line && l < c.end })
}

// firstID is an id as first written, and where.
type firstID struct {
	id  string
	pos generator.Pos
}

func (c *checker) goal(e entry) (Goal, bool) {
	before := len(*c.ds)
	g := Goal{Pos: e.Pos, ID: strings.TrimSpace(e.ID.ID), School: strings.TrimSpace(e.School.ID), Title: strings.TrimSpace(e.Title)}
	name := "goal"
	switch {
	case g.ID == "":
		c.ds.Errorf(e.Pos, "add id: with a short name such as jefferson-math-black", "goal has no id")
	default:
		name = "goal '" + g.ID + "'"
		prev, dup := c.first[generator.FileID(g.ID)]
		switch {
		case dup && prev.id == g.ID:
			c.ds.Errorf(e.ID.Pos, "the first is at "+prev.pos.String()+"; goal ids must be unique", "duplicate goal id '%s'", g.ID)
		case dup:
			// Its chart's download and anchor would be the other's.
			c.ds.Errorf(e.ID.Pos, "ids are written in the site's file names in lowercase, with _ for any other character; the first is at "+prev.pos.String()+" — rename one",
				"goal id '%s' names the same files as '%s'", g.ID, prev.id)
		default:
			c.first[generator.FileID(g.ID)] = firstID{g.ID, e.ID.Pos}
		}
	}
	if g.Title == "" {
		c.ds.Errorf(e.Pos, "add title: with the goal as the board adopted it", "%s has no title", name)
	}
	switch {
	case g.School == "":
		c.ds.Errorf(e.Pos, "add school: with a school id, or district", "%s has no school", name)
	case !slices.Contains(c.schools, g.School):
		c.unknown("school", e.School, c.schools, "school ids are the folder names under content/schools/, or district")
	}
	if e.Measure == nil {
		c.ds.Errorf(e.Pos, "add e.g. measure: {evidence: achievement, subject: math, subgroup: all}", "%s has no measure", name)
	} else {
		g.Measure = c.measure(*e.Measure)
	}
	lo, hi, scale := c.scale(g.Measure)
	g.Baseline = c.point(e.Baseline, "baseline", name, e.Pos, lo, hi, scale)
	g.Target = c.point(e.Target, "target", name, e.Pos, lo, hi, scale)
	if g.Baseline.Year != 0 && g.Target.Year != 0 {
		switch {
		case g.Target.Year < g.Baseline.Year:
			c.ds.Errorf(e.Target.Pos, "a target comes after the baseline it is measured from", "target year %s is before the baseline year %s", g.Target.Year, g.Baseline.Year)
		case g.Target.Year == g.Baseline.Year:
			c.ds.Errorf(e.Target.Pos, "a target comes after the baseline it is measured from", "target year %s is the baseline year", g.Target.Year)
		}
	}
	seen := map[generator.SchoolYear]bool{}
	for _, ie := range e.Interim {
		p := c.point(&ie, "interim", name, e.Pos, lo, hi, scale)
		if p.Year == 0 {
			continue
		}
		if seen[p.Year] {
			c.ds.Errorf(ie.Pos, "give one interim target per year", "second interim target for %s", p.Year)
			continue
		}
		seen[p.Year] = true
		if g.Baseline.Year != 0 && g.Target.Year != 0 && (p.Year <= g.Baseline.Year || p.Year >= g.Target.Year) {
			c.ds.Errorf(ie.Pos, "interim targets fall between the baseline and the target", "interim year %s is not between the baseline year %s and the target year %s", p.Year, g.Baseline.Year, g.Target.Year)
			continue
		}
		g.Interim = append(g.Interim, p)
	}
	slices.SortFunc(g.Interim, func(a, b Point) int { return int(a.Year - b.Year) })
	if (*c.ds)[before:].HasErrors() || c.decodeFailed(e.Pos) {
		return Goal{}, false
	}
	if g.Baseline.Year != 0 && g.Measure.Evidence != "" && !c.checkBaseline(g, e.Baseline.Pos) {
		return Goal{}, false
	}
	return g, true
}

// checkBaseline checks the goal's baseline against the data of its year.
// A baseline is the measure's value in its year, as the board took it: it
// is published with the goal, so where the data's value of that year is
// withheld (suppressed for a small group, or coded as ≤5% or ≥95%), the
// baseline would give away what suppression hides, and the goal cannot be
// published as it stands: checkBaseline reports false.
func (c *checker) checkBaseline(g Goal, at generator.Pos) bool {
	v := atBaseline(g, c.ev)
	hint := "take as baseline a year whose value is published, or measure a larger group; the baseline is shown with the goal on every page that shows it"
	switch v.Why {
	case Missing:
		// A file with errors may have lost the rows: its errors say so.
		if !slices.ContainsFunc(*c.ds, func(d generator.Diagnostic) bool {
			return d.Severity == generator.Error && d.Pos.File == dataFile(g.Measure.Evidence)
		}) {
			c.ds.Warnf(at, "check the year, and the measure's school and "+measureKeys(g.Measure.Evidence), "baseline year %s has no data for this measure in %s", g.Baseline.Year, dataFile(g.Measure.Evidence))
		}
	case Suppressed:
		why := "suppressed to protect a small group"
		switch {
		case v.Complementary:
		case g.Measure.Evidence == Achievement && c.ev.Achievement != nil:
			why = fmt.Sprintf("suppressed: fewer than %d students were tested", c.ev.Achievement.MinN)
		case g.Measure.Evidence == Trust && c.ev.Trust != nil:
			why = fmt.Sprintf("suppressed: fewer than %d responded", c.ev.Trust.MinRespondents)
		}
		c.ds.Errorf(at, hint, "the baseline would publish a value that is withheld: %s in %s is %s", measureName(g), g.Baseline.Year, why)
		return false
	case Coded:
		c.ds.Errorf(at, hint, "the baseline would publish a value that is coded as %s: %s in %s", v.Text, measureName(g), g.Baseline.Year)
		return false
	case AtSource:
		c.ds.Warnf(at, "check that the baseline does not publish what the source withheld; the baseline is shown with the goal", "the source did not report %s in %s", measureName(g), g.Baseline.Year)
	}
	return true
}

// unknown reports an id that is not among ids.
func (c *checker) unknown(kind string, r generator.Ref, ids []string, where string) {
	hint := generator.DidYouMean(r.ID, ids)
	if hint == "" {
		hint = where
	}
	c.ds.Errorf(r.Pos, hint, "unknown %s '%s'", kind, r.ID)
}

func measureKeys(evidence string) string {
	switch evidence {
	case Achievement:
		return "subject and subgroup"
	case Trust:
		return "group and facet"
	}
	return "component"
}

// measureName names a goal's measure in a message with the ids goals.yaml
// gives: "reading, ell at cedar-ridge-elementary".
func measureName(g Goal) string {
	m := g.Measure
	switch m.Evidence {
	case Achievement:
		return m.Subject + ", " + m.Subgroup + " at " + g.School
	case Trust:
		return m.Group + ", " + m.Facet + " at " + g.School
	}
	return cmp.Or(m.Component, "installation") + " at " + g.School
}

func dataFile(ev string) string {
	if ev == Installation {
		return "data/installation.csv"
	}
	return "data/" + ev + ".csv"
}

// measure checks a measure: its evidence exists and its ids are declared.
func (c *checker) measure(m measureEntry) Measure {
	out := Measure{Evidence: strings.TrimSpace(m.Evidence.ID)}
	keys := map[string]generator.Ref{"subject": m.Subject, "subgroup": m.Subgroup, "group": m.Group, "facet": m.Facet, "component": m.Component}
	allowed := map[string][]string{Achievement: {"subject", "subgroup"}, Trust: {"group", "facet"}, Installation: {"component"}}
	want, ok := allowed[out.Evidence]
	if !ok {
		if out.Evidence == "" {
			c.ds.Errorf(m.Pos, "add evidence: achievement, trust or installation", "measure has no evidence")
		} else {
			c.unknown("evidence", m.Evidence, []string{Achievement, Trust, Installation}, "a measure's evidence is achievement, trust or installation")
		}
		return Measure{}
	}
	for _, k := range []string{"subject", "subgroup", "group", "facet", "component"} {
		if r := keys[k]; r.ID != "" && !slices.Contains(want, k) {
			c.ds.Errorf(r.Pos, "a measure of "+out.Evidence+" takes "+measureKeys(out.Evidence), "%s does not apply to %s", k, out.Evidence)
		}
	}
	need := func(k string) (generator.Ref, bool) {
		r := keys[k]
		r.ID = strings.TrimSpace(r.ID)
		if r.ID == "" {
			c.ds.Errorf(m.Pos, "a measure of "+out.Evidence+" takes "+measureKeys(out.Evidence), "measure has no %s", k)
			return r, false
		}
		return r, true
	}
	switch out.Evidence {
	case Achievement:
		a := c.ev.Achievement
		if a == nil {
			c.ds.Errorf(m.Evidence.Pos, "add data/achievement.yaml and data/achievement.csv, or measure other evidence", "measure uses achievement, but there is no data/achievement.yaml")
			return out
		}
		if r, ok := need("subject"); ok {
			out.Subject = r.ID
			c.known("subject", r, a.Subjects, "achievement.yaml", "subjects")
		}
		if r, ok := need("subgroup"); ok {
			out.Subgroup = r.ID
			c.known("subgroup", r, a.Subgroups, "achievement.yaml", "subgroups")
		}
	case Trust:
		t := c.ev.Trust
		if t == nil {
			c.ds.Errorf(m.Evidence.Pos, "add data/trust.yaml and data/trust.csv, or measure other evidence", "measure uses trust, but there is no data/trust.yaml")
			return out
		}
		if r, ok := need("group"); ok {
			out.Group = r.ID
			c.known("group", r, t.Groups, "trust.yaml", "groups")
		}
		if r, ok := need("facet"); ok {
			out.Facet = r.ID
			if r.ID != AllFacets {
				c.known("facet", r, append(slices.Clone(t.Facets), generator.Label{ID: AllFacets}), "trust.yaml", "facets (or all)")
			}
		}
	case Installation:
		fw := c.ev.Framework
		if fw == nil {
			c.ds.Errorf(m.Evidence.Pos, "add data/framework.yaml and data/installation.csv, or measure other evidence", "measure uses installation, but there is no data/framework.yaml")
			return out
		}
		if r := m.Component; strings.TrimSpace(r.ID) != "" {
			r.ID = strings.TrimSpace(r.ID)
			out.Component = r.ID
			var ids []string
			for _, comp := range fw.Components {
				ids = append(ids, comp.ID)
			}
			if !slices.Contains(ids, r.ID) {
				c.unknown("component", r, ids, "components are declared under components: in data/framework.yaml")
			}
		}
	}
	return out
}

// known reports r unless it is one of labels.
func (c *checker) known(kind string, r generator.Ref, labels []generator.Label, file, key string) {
	var ids []string
	for _, l := range labels {
		if l.ID == r.ID {
			return
		}
		ids = append(ids, l.ID)
	}
	c.unknown(kind, r, ids, kind+"s are declared under "+key+": in data/"+file)
}

// scale returns the values a measure can take, and how messages name it.
func (c *checker) scale(m Measure) (lo, hi float64, name string) {
	switch m.Evidence {
	case Trust:
		if t := c.ev.Trust; t != nil && t.ScaleMax > t.ScaleMin {
			return t.ScaleMin, t.ScaleMax, fmt.Sprintf("the trust scale %s–%s", num(t.ScaleMin), num(t.ScaleMax))
		}
		return math.Inf(-1), math.Inf(1), ""
	case Achievement:
		return 0, 100, "0–100 (percent proficient)"
	case Installation:
		return 0, 100, "0–100 (percent of indicators installed or sustained)"
	}
	return math.Inf(-1), math.Inf(1), ""
}

func num(v float64) string { return fmt.Sprint(v) }

// point checks a baseline, target or interim target.
func (c *checker) point(p *pointEntry, what, name string, at generator.Pos, lo, hi float64, scale string) Point {
	if p == nil {
		if !c.decodeFailed(at) {
			c.ds.Errorf(at, "add "+what+": with its school year and value, written {year: YYYY-YY, value: N}", "%s has no %s", name, what)
		}
		return Point{}
	}
	var out Point
	switch y := strings.TrimSpace(p.Year.ID); {
	case y == "":
		c.ds.Errorf(p.Pos, "add year: 2022-23", "%s has no year", what)
	default:
		sy, ok := evidence.ParseYear(y)
		if !ok {
			c.ds.Errorf(p.Year.Pos, "write a school year like 2022-23", "%s year '%s' is not a school year", what, y)
		}
		out.Year = sy
	}
	switch {
	case p.Value == nil:
		c.ds.Errorf(p.Pos, "add value: with the number in the measure's unit", "%s has no value", what)
	case *p.Value < lo || *p.Value > hi:
		c.ds.Errorf(p.Pos, "write a value the measure can take", "%s value %s is outside %s", what, num(*p.Value), scale)
	default:
		out.Value = *p.Value
	}
	return out
}
