package evidence

import (
	"cmp"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/folio-sites/folio/generator"
	"go.yaml.in/yaml/v4"
)

// Achievement files under data/: the definition and the results.
const (
	AchievementFile        = "achievement.yaml"
	AchievementResultsFile = "achievement.csv"
)

// Defaults of achievement.yaml.
const (
	defaultMinN = 10
	// warnMinN is the least min_n set without a warning: smaller groups'
	// results tell how each student did.
	warnMinN    = 5
	defaultLow  = 5
	defaultHigh = 95
)

// allStudents is the subgroup id of all students of a school; it is no
// member of a family.
const allStudents = "all"

type achievementFile struct {
	MinN      *int         `yaml:"min_n"`
	TopBottom *topBottom   `yaml:"top_bottom"`
	Subjects  []labelEntry `yaml:"subjects"`
	Subgroups []labelEntry `yaml:"subgroups"`
	// Families is a map, which yamldoc decodes without positions; it is
	// read again from the node tree by readFamilies.
	Families any `yaml:"families"`
}

var achievementColumns = columns{
	required: []string{"school", "year", "subject", "subgroup", "tested", "proficient_pct"},
}

// loadAchievement reads achievement.yaml and achievement.csv, and protects
// small groups (see privacy.go). It returns nil without achievement.yaml.
func loadAchievement(fsys fs.FS, known Known, ds *generator.Diagnostics) *Achievement {
	var f achievementFile
	if !decodeFile(fsys, AchievementFile, &f, ds) {
		if !exists(fsys, AchievementFile) && exists(fsys, AchievementResultsFile) {
			ds.Errorf(generator.Pos{File: Dir + "/" + AchievementResultsFile, Line: 1},
				"add "+Dir+"/"+AchievementFile+" with the subjects and subgroups the results refer to",
				"%s needs %s", AchievementResultsFile, AchievementFile)
		}
		return nil
	}
	a := achievementDefinition(fsys, f, ds)
	a.Families = readFamilies(fsys, a.Subgroups, ds)

	t, found := readTable(fsys, AchievementResultsFile, achievementColumns, ds)
	if !found || t == nil {
		return a
	}
	l := achievementLoader{
		a:         a,
		schools:   schoolSet(known),
		subjects:  labelSet("subject", a.Subjects, AchievementFile, "subjects"),
		subgroups: labelSet("subgroup", a.Subgroups, AchievementFile, "subgroups"),
	}
	checkSwappedIDs(t, []idColumn{{"school", &l.schools}, {"subject", &l.subjects}, {"subgroup", &l.subgroups}}, ds)
	checkFractions(t, "proficient_pct", ds)
	checkSwapped(t, "tested", "proficient_pct", ds)
	type rowKey struct {
		school, subject, subgroup string
		year                      generator.SchoolYear
	}
	a.Results = parseRows(t, ds, l.row, func(r AchievementResult) (rowKey, generator.Pos) {
		return rowKey{r.School, r.Subject, r.Subgroup, r.Year}, r.Pos
	}, AchievementResult.name)
	type order struct {
		school            string
		year              generator.SchoolYear
		subject, subgroup int
	}
	sortRows(a.Results, func(r *AchievementResult) order {
		return order{r.School, r.Year, l.subjects.index(r.Subject), l.subgroups.index(r.Subgroup)}
	}, func(x, y order) int {
		return cmp.Or(cmp.Compare(x.school, y.school), cmp.Compare(x.year, y.year), cmp.Compare(x.subject, y.subject), cmp.Compare(x.subgroup, y.subgroup))
	})
	protectAchievement(a, ds)
	return a
}

// achievementDefinition checks achievement.yaml apart from its families.
func achievementDefinition(fsys fs.FS, f achievementFile, ds *generator.Diagnostics) *Achievement {
	file := generator.Pos{File: Dir + "/" + AchievementFile, Line: 1}
	a := &Achievement{MinN: defaultMinN, Low: defaultLow, High: defaultHigh}
	if f.MinN != nil {
		if *f.MinN < 1 {
			at, _ := topKey(fsys, AchievementFile, "min_n")
			ds.Errorf(at, "the default is 10", "min_n must be at least 1")
		} else {
			a.MinN = *f.MinN
			if a.MinN < warnMinN {
				at, _ := topKey(fsys, AchievementFile, "min_n")
				ds.Warnf(at, "state rules hide groups of fewer than 5 to 30 students, most often 10 (the default); set the number your data steward signs off on",
					"min_n: %d publishes the results of groups as small as %s, which can tell how each of them did", a.MinN, people(a.MinN, "student"))
			}
		}
	}
	a.Low, a.High = f.TopBottom.read(a.Low, a.High, "percentages", ds)
	a.Subjects = labels(f.Subjects, "subject", ds)
	a.Subgroups = labels(f.Subgroups, "subgroup", ds)
	if len(f.Subjects) == 0 {
		ds.Errorf(file, "add subjects: with the id and label of each subject, e.g. {id: math, label: Mathematics}", "achievement declares no subjects")
	}
	if len(f.Subgroups) == 0 {
		ds.Errorf(file, "add subgroups: with the id and label of each group, starting with {id: all, label: All students}", "achievement declares no subgroups")
	}
	return a
}

// readFamilies reads the families of achievement.yaml from its node tree,
// with the position of each member, and checks that each member is a
// declared subgroup. Families are sorted by name.
func readFamilies(fsys fs.FS, subgroups []generator.Label, ds *generator.Diagnostics) []generator.Family {
	p := path.Join(Dir, AchievementFile)
	at := func(n *yaml.Node) generator.Pos { return generator.Pos{File: p, Line: n.Line, Col: n.Column} }
	_, node := topKey(fsys, AchievementFile, "families")
	node = unalias(node)
	if node == nil || node.Tag == "!!null" {
		return nil
	}
	if node.Kind != yaml.MappingNode {
		ds.Errorf(at(node), "write e.g. families: {gender: [female, male]}", "families: expected a set of 'name: [subgroups]' lines")
		return nil
	}
	declared := labelSet("subgroup", subgroups, AchievementFile, "subgroups")
	var out []generator.Family
	seen := map[string]bool{}
	for i := 0; i+1 < len(node.Content); i += 2 {
		name, list := node.Content[i], unalias(node.Content[i+1])
		if seen[name.Value] {
			continue // a duplicate key, reported by decodeFile
		}
		seen[name.Value] = true
		if list.Kind != yaml.SequenceNode {
			ds.Errorf(at(list), "write e.g. gender: [female, male]", "family '%s': expected a list of subgroups", name.Value)
			continue
		}
		fam := generator.Family{Name: name.Value}
		for _, m := range list.Content {
			m = unalias(m)
			id := strings.TrimSpace(m.Value)
			switch {
			case m.Kind != yaml.ScalarNode:
				ds.Errorf(at(m), "write the subgroup's id", "family '%s': expected a subgroup id", name.Value)
			case id == allStudents:
				ds.Errorf(at(m), "a family lists the subgroups that together make up all students", "family '%s': '%s' cannot be a member", name.Value, id)
			case slices.Contains(fam.Members, id):
				ds.Errorf(at(m), "remove one of the two", "family '%s': subgroup '%s' is listed twice", name.Value, id)
			case declared.check(&id, at(m), ds):
				fam.Members = append(fam.Members, id)
			}
		}
		if len(list.Content) < 2 {
			ds.Warnf(at(name), "a family lists two or more subgroups that together make up all students", "family '%s' has fewer than two subgroups", name.Value)
		}
		out = append(out, fam)
	}
	slices.SortFunc(out, func(a, b generator.Family) int { return cmp.Compare(a.Name, b.Name) })
	return out
}

// achievementLoader holds what rows of achievement.csv are checked against.
type achievementLoader struct {
	a                            *Achievement
	schools, subjects, subgroups idSet
}

// row reads one result, reporting every problem of the row, and suppresses
// or codes it. It reports whether the row is usable.
func (l *achievementLoader) row(r record, ds *generator.Diagnostics) (AchievementResult, bool) {
	school, schoolPos := r.field("school")
	ok := l.schools.check(&school, schoolPos, ds)
	res := AchievementResult{Pos: schoolPos, School: school}
	res.Year = yearField(r, ds)
	ok = ok && res.Year != 0
	var pos generator.Pos
	res.Subject, pos = r.field("subject")
	ok = l.subjects.check(&res.Subject, pos, ds) && ok
	res.Subgroup, pos = r.field("subgroup")
	ok = l.subgroups.check(&res.Subgroup, pos, ds) && ok

	var good bool
	res.Tested, good = countField(r, "tested", ds)
	ok = ok && good
	res.Proficient, good = percentField(r, "proficient_pct", ds)
	ok = ok && good
	return res, ok
}

// name names the result as duplicates and the withheld list do:
// "lincoln-middle 2024-25 math black".
func (r AchievementResult) name() string {
	return r.School + " " + r.Year.String() + " " + r.Subject + " " + r.Subgroup
}

// topBottom is the top_bottom: key of achievement.yaml and trust.yaml: the
// percentages at or below low and at or above high, which are published
// as "≤low%" and "≥high%" rather than exactly.
type topBottom struct {
	Pos  generator.Pos
	Low  *float64 `yaml:"low"`
	High *float64 `yaml:"high"`
}

// read returns the low and high tb sets, each in place of its default; the
// defaults, and an error, when the two are not percentages with low below
// high. What names the percentages in the hint ("favorable percentages").
func (tb *topBottom) read(low, high float64, what string, ds *generator.Diagnostics) (float64, float64) {
	if tb == nil {
		return low, high
	}
	l, h := low, high
	if tb.Low != nil {
		l = *tb.Low
	}
	if tb.High != nil {
		h = *tb.High
	}
	if l < 0 || h > 100 || l >= h {
		ds.Errorf(tb.Pos, fmt.Sprintf("%s at or below low are shown as ≤low%%, at or above high as ≥high%%; the defaults are %s and %s", what, formatNumber(low), formatNumber(high)),
			"top_bottom: low (%s) and high (%s) must be percentages with low below high", formatNumber(l), formatNumber(h))
		return low, high
	}
	return l, h
}

// unalias is the node an alias (*gender) stands for, n itself if it is
// none: a list written once and named again is the same list.
func unalias(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	return n
}
