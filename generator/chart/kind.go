package chart

import (
	"cmp"
	"errors"
	"slices"
	"strings"

	"github.com/folio-sites/folio/generator"
	"github.com/folio-sites/folio/generator/evidence"
	"github.com/folio-sites/folio/generator/message"
)

// Kind is one kind of chart. Adding a kind is adding one Kind to kinds (in
// the file of its evidence) with its builder: pages, ```chart blocks, the
// board packet and the README's table all follow from the registry.
type Kind struct {
	// Name is how a ```chart block asks for it: "trust-trend".
	Name string
	// Evidence is the evidence it draws: "installation", "trust" or
	// "achievement". It names the page section the chart sits in and the
	// data files a block needs.
	Evidence string
	// Params are the parameters a block may give, besides kind.
	Params []string
	// Across marks a comparison of every school (the home page); the
	// others show one school or the district.
	Across bool
	// Board says whether the board packet shows this kind.
	Board bool
	// Scrolls marks a drawing too wide for a phone, which keeps a
	// readable width and scrolls sideways inside a box of its own.
	Scrolls bool
	// Defaults lists the charts of this kind a page shows for place (or,
	// for Across kinds, the home page, with place ""), in order.
	Defaults func(in *Input, place string) []Params
	// Build draws one chart. A problem — a place with evidence, but none
	// for the group, facet or subject asked for — is returned as a
	// *Problem, which a block reports at its line.
	Build func(in *Input, p Params) (*Chart, error)
}

// Params are a chart's parameters, as a ```chart block gives them. School
// is always resolved (a school id, or generator.DistrictID) before Build.
type Params struct {
	School, Group, Facet, Subject string
	// Goal is a goal id of data/goals.yaml, for the goal kind.
	Goal string
}

// Problem is why a chart cannot be drawn, in the form of a diagnostic.
type Problem struct {
	Msg, Hint string
	// Needs names the data files whose evidence the chart found missing
	// (all of a kind's, or a place's rows): one of them may have failed to
	// load, which was reported already, and this problem is not.
	Needs []string
	// missing marks a problem of rows not found (noData), whose files
	// Block names in Needs; a chart's own mistake (an unknown goal) is
	// reported whatever the files hold.
	missing bool
}

func (p *Problem) Error() string { return p.Msg + " (" + p.Hint + ")" }

// kinds is the registry, in the order pages show them: by evidence (in
// the order of Evidence), then in the order each file registers its own.
var kinds []*Kind

// Evidence lists the kinds of evidence in the order pages show them.
var Evidence = []string{"installation", "trust", "achievement", "goals"}

func register(k *Kind) {
	at := len(kinds)
	for at > 0 && slices.Index(Evidence, kinds[at-1].Evidence) > slices.Index(Evidence, k.Evidence) {
		at--
	}
	kinds = slices.Insert(kinds, at, k)
}

// Kinds returns every chart kind, in the order pages show them.
func Kinds() []*Kind { return slices.Clone(kinds) }

// Lookup returns the kind of that name, or nil.
func Lookup(name string) *Kind {
	for _, k := range kinds {
		if k.Name == name {
			return k
		}
	}
	return nil
}

// Names returns the kind names, sorted.
func Names() []string {
	out := make([]string, len(kinds))
	for i, k := range kinds {
		out[i] = k.Name
	}
	slices.Sort(out)
	return out
}

// Keys returns the names a ```chart block may use: kind, then every
// parameter of some kind, in a fixed order.
func Keys() []string {
	keys := []string{"kind"}
	for _, k := range kinds {
		for _, p := range k.Params {
			if !slices.Contains(keys, p) {
				keys = append(keys, p)
			}
		}
	}
	return keys
}

// Input is everything the builders draw from.
type Input struct {
	// Evidence is the whole district's evidence, after suppression.
	Evidence *evidence.Data
	// View returns one place's own rows with the shared definitions, so
	// that a school's chart scans its rows only; nil means Evidence.
	View func(place string) *evidence.Data
	// Schools are the schools, in the order comparisons list them; the
	// district is added after them where it has evidence.
	Schools []Place
	// District is the district's name ("Prairie River Community School
	// District").
	District string
	// Messages words every title, summary, label and caption.
	Messages *message.Catalog
}

// Place is a school or the district, as charts name it.
type Place struct {
	ID   string
	Name string
}

func (in *Input) msg(id string, args ...any) string {
	if in.Messages == nil {
		in.Messages = message.Default("en")
	}
	return in.Messages.Text(id, args...)
}

// view is the evidence of one place.
func (in *Input) view(place string) *evidence.Data {
	if in.View == nil {
		return in.Evidence
	}
	return in.View(place)
}

// placeName names a school, or the district's row of one kind of
// evidence: achievement at the district is every school's students
// ("Prairie River CSD, all schools"); installation at the district is the
// central office's own; trust at the district is named by the district,
// or as the central office by centralOffice.
func (in *Input) placeName(id, evidence string) string {
	if id == generator.DistrictID {
		if evidence == "installation" {
			return in.msg("place.central-office")
		}
		return in.msg("place.district", "district", in.District)
	}
	for _, p := range in.Schools {
		if p.ID == id {
			return p.Name
		}
	}
	return id
}

// places lists the schools, then the district, as comparisons of one kind
// of evidence name them.
func (in *Input) places(evidence string) []Place {
	return append(slices.Clone(in.Schools), Place{ID: generator.DistrictID, Name: in.placeName(generator.DistrictID, evidence)})
}

// Section is the charts of one kind of evidence on a page.
type Section struct {
	// Evidence is "installation", "trust" or "achievement".
	Evidence string
	Charts   []*Chart
}

// ForPlace draws the charts a school's page (or the district's, for
// generator.DistrictID) shows, by section, in registry order; charts of
// one subject stay together.
func ForPlace(in *Input, place string) []Section {
	return sections(in, place, false, "")
}

// Across draws the comparisons of every school, by section.
func Across(in *Input) []Section {
	return sections(in, "", true, "")
}

// AcrossOf draws the comparisons of every school on one kind of evidence
// ("installation", "trust", "achievement"): a section, or none.
func AcrossOf(in *Input, evidence string) []Section {
	return sections(in, "", true, evidence)
}

// AcrossEvidence lists, in registry order and without drawing them, the
// kinds of evidence that have comparisons of every school to draw.
func AcrossEvidence(in *Input) []string {
	var out []string
	for _, k := range kinds {
		if k.Across && k.Defaults != nil && !slices.Contains(out, k.Evidence) && len(k.Defaults(in, "")) > 0 {
			out = append(out, k.Evidence)
		}
	}
	return out
}

// sections draws the default charts of a place (or, across, the
// comparisons of every school), of one kind of evidence or ("") all.
func sections(in *Input, place string, across bool, evidence string) []Section {
	var out []Section
	type drawn struct {
		c       *Chart
		subject int
	}
	bySection := map[string][]drawn{}
	var order []string
	for _, k := range kinds {
		if k.Across != across || k.Defaults == nil || evidence != "" && k.Evidence != evidence {
			continue
		}
		for _, p := range k.Defaults(in, place) {
			c, err := k.Build(in, p)
			if err != nil || c == nil {
				continue // a default chart has its data; a problem is a block's
			}
			if _, ok := bySection[k.Evidence]; !ok {
				order = append(order, k.Evidence)
			}
			bySection[k.Evidence] = append(bySection[k.Evidence], drawn{c, in.subjectIndex(p.Subject)})
		}
	}
	for _, ev := range order {
		ds := bySection[ev]
		slices.SortStableFunc(ds, func(a, b drawn) int { return cmp.Compare(a.subject, b.subject) })
		s := Section{Evidence: ev}
		for _, d := range ds {
			s.Charts = append(s.Charts, d.c)
		}
		out = append(out, s)
	}
	return out
}

func (in *Input) subjectIndex(id string) int {
	if a := in.Evidence.Achievement; a != nil && id != "" {
		return slices.IndexFunc(a.Subjects, func(l generator.Label) bool { return l.ID == id })
	}
	return -1
}

// Block draws the chart a ```chart block asks for, school being the
// narrative's own school ("" for a district narrative). The block's
// problems — an unknown kind, parameter or id, missing evidence — are
// returned all at once as BlockProblems, each naming its line; a problem
// with the data itself (nothing to draw) is a *Problem.
func Block(in *Input, kind string, p Params, school string) (*Chart, error) {
	var ps BlockProblems
	add := func(param string, err error) {
		var pr *Problem
		if errors.As(err, &pr) {
			ps = append(ps, BlockProblem{Param: param, Problem: pr})
		}
	}
	k := Lookup(kind)
	if k == nil {
		names := Names()
		if kind == "" {
			add("", &Problem{Msg: "chart block has no kind", Hint: "known kinds are " + strings.Join(names, ", ")})
		} else {
			add("kind", &Problem{Msg: "unknown chart kind '" + kind + "'", Hint: cmp.Or(generator.DidYouMean(kind, names), "known kinds are "+strings.Join(names, ", "))})
		}
	}
	given := []struct{ name, val string }{{"school", p.School}, {"group", p.Group}, {"facet", p.Facet}, {"subject", p.Subject}, {"goal", p.Goal}}
	for _, g := range given {
		if k != nil && g.val != "" && !slices.Contains(k.Params, g.name) {
			add(g.name, &Problem{Msg: "chart parameter '" + g.name + "' does not apply to kind '" + kind + "'", Hint: "chart kind '" + kind + "' takes: " + cmp.Or(strings.Join(k.Params, ", "), "no parameters")})
		}
	}
	if k == nil || !k.Across {
		place := cmp.Or(p.School, school, generator.DistrictID)
		evidence := ""
		if k != nil {
			evidence = k.Evidence
		}
		var ids []string
		for _, pl := range in.places(evidence) {
			ids = append(ids, pl.ID)
		}
		if (k != nil || p.School != "") && !slices.Contains(ids, place) {
			add("school", &Problem{Msg: "chart: unknown school '" + place + "'", Hint: cmp.Or(generator.DidYouMean(place, ids), "school ids are the folder names under content/schools/, or district")})
		}
		if k != nil && !k.Across {
			p.School = place
		}
	}
	if k != nil {
		add("kind", in.needs(k))
	}
	ev := in.Evidence
	if ev.Trust != nil {
		add("facet", known(ev.Trust.Facets, p.Facet, "facet", "data/trust.yaml"))
		add("group", known(ev.Trust.Groups, p.Group, "group", "data/trust.yaml"))
	}
	if ev.Achievement != nil {
		add("subject", known(ev.Achievement.Subjects, p.Subject, "subject", "data/achievement.yaml"))
	}
	if len(ps) > 0 {
		return nil, ps
	}
	c, err := k.Build(in, p)
	var pr *Problem
	if errors.As(err, &pr) && pr.missing {
		// What a chart finds missing may be in the rows of a file that
		// failed to load ("Jefferson Middle School has no achievement
		// results" after a quote left open took the file's rest).
		pr.Needs = evidenceFiles(k.Evidence)
	}
	return c, err
}

// BlockProblem is a Problem of one line of a chart block: Param names the
// line ("kind", "school", "facet"…), or is "" for the block as a whole.
type BlockProblem struct {
	Param string
	*Problem
}

// BlockProblems are every problem of one chart block.
type BlockProblems []BlockProblem

func (ps BlockProblems) Error() string {
	msgs := make([]string, len(ps))
	for i, p := range ps {
		msgs[i] = p.Problem.Error()
	}
	return strings.Join(msgs, "; ")
}

// evidenceFiles are the data files of one kind of evidence.
func evidenceFiles(evidence string) []string {
	switch evidence {
	case "installation":
		return []string{"data/framework.yaml", "data/installation.csv"}
	case "trust":
		return []string{"data/trust.yaml", "data/trust.csv"}
	case "goals":
		return []string{"data/goals.yaml"}
	}
	return []string{"data/achievement.yaml", "data/achievement.csv"}
}

// needs checks that the evidence a kind draws was given at all.
func (in *Input) needs(k *Kind) error {
	ev := in.Evidence
	var ok bool
	switch k.Evidence {
	case "installation":
		ok = ev.Framework != nil && len(ev.Installation) > 0
	case "trust":
		ok = ev.Trust != nil && len(ev.Trust.Results) > 0
	case "goals":
		ok = len(ev.Goals) > 0
	default:
		ok = ev.Achievement != nil && len(ev.Achievement.Results) > 0
	}
	if !ok {
		needs := evidenceFiles(k.Evidence)
		files := strings.Join(needs, " and ")
		return &Problem{Msg: "chart kind '" + k.Name + "' needs " + files, Hint: "add " + files + " or remove the chart", Needs: needs}
	}
	return nil
}

func known(labels []generator.Label, id, what, file string) error {
	if id == "" {
		return nil
	}
	var ids []string
	for _, l := range labels {
		if l.ID == id {
			return nil
		}
		ids = append(ids, l.ID)
	}
	return &Problem{Msg: "chart: unknown " + what + " '" + id + "'", Hint: cmp.Or(generator.DidYouMean(id, ids), what+" ids are listed in "+file)}
}

// noData is the problem of a place that has evidence of a kind, but none
// for what a block asks: "chart: Oak has no trust results for Teachers".
func noData(place, what string) error {
	return &Problem{Msg: "chart: " + place + " has no " + what, Hint: "choose another school with school:, or remove the chart", missing: true}
}

// label finds a label by id.
func label(labels []generator.Label, id string) (generator.Label, bool) {
	i := slices.IndexFunc(labels, func(l generator.Label) bool { return l.ID == id })
	if i < 0 {
		return generator.Label{ID: id, Label: id}, false
	}
	return labels[i], true
}

// finish gives the chart its drawing and the caption of its table (the
// option, the table and the CSV are made from the grid when asked).
func finish(c *Chart, caption string, d drawing) *Chart {
	c.caption = caption
	c.Height, c.option = d.Height, d.option
	return c
}
