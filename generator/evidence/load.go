package evidence

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/folio-sites/folio/generator"
	"github.com/folio-sites/folio/generator/internal/parallel"
	"github.com/folio-sites/folio/generator/yamldoc"
	"go.yaml.in/yaml/v4"
)

// Dir is the folder of a site that holds evidence and reference data.
const Dir = "data"

// Known is what the data files may refer to outside data/, and how the
// site writes dates.
type Known struct {
	// Schools are the school ids found under content/schools/; the id
	// "district" is always known.
	Schools []string
	// SchoolNames maps a school id to its name, which a CSV may write
	// instead of the id.
	SchoolNames map[string]string
	// Artifacts are the paths of evidence files relative to content/.
	Artifacts []string
	// Dates is folio.yaml's dates:, how CSV files write dates besides
	// YYYY-MM-DD.
	Dates generator.DateOrder
}

// parseRows parses each row of t and keeps the first of each key; a later
// row with the same key is reported as a duplicate (by its name) pointing
// at the first. A key is a struct of the row's ids rather than its name,
// which would be a string made for each of 160,000 rows.
// Rows that do not parse are left out (parse reports why). parse must be
// safe to call from several goroutines at once: it only reads what it is
// checked against.
//
// The rows are parsed on every core, a chunk at a time, each row's
// problems kept apart; then, row by row in file order, its problems are
// added to ds and the row is kept unless it is a duplicate. ds ends up as
// a serial parse would leave it. (installation.csv of a 1,000-school
// district is 160,000 rows, the longest of the evidence files to load.)
func parseRows[T any, K comparable](t *table, ds *generator.Diagnostics, parse func(record, *generator.Diagnostics) (T, bool), key func(T) (K, generator.Pos), name func(T) string) []T {
	const chunk = 4096
	type chunkProblems struct {
		ds generator.Diagnostics
		// ends[i] is where row i's problems end in ds (they start where
		// the previous row's end).
		ends []int
	}
	all := make([]T, len(t.rows))
	ok := make([]bool, len(t.rows))
	problems := parallel.Map((len(t.rows)+chunk-1)/chunk, func(c int) chunkProblems {
		lo, hi := c*chunk, min((c+1)*chunk, len(t.rows))
		cp := chunkProblems{ends: make([]int, 0, hi-lo)}
		for i := lo; i < hi; i++ {
			all[i], ok[i] = parse(t.rows[i], &cp.ds)
			cp.ends = append(cp.ends, len(cp.ds))
		}
		return cp
	})
	// Kept rows are moved down over the ones left out: all's first n
	// rows are the kept ones.
	out := all[:0]
	first := make(map[K]generator.Pos, len(t.rows))
	for i := range all {
		cp := &problems[i/chunk]
		from := 0
		if i%chunk > 0 {
			from = cp.ends[i%chunk-1]
		}
		*ds = append(*ds, cp.ds[from:cp.ends[i%chunk]]...)
		if !ok[i] {
			continue
		}
		k, pos := key(all[i])
		if prev, dup := first[k]; dup {
			ds.Errorf(pos, "the first is at "+lineOf(prev), "duplicate row for %s", name(all[i]))
			continue
		}
		first[k] = pos
		out = append(out, all[i])
	}
	clear(all[len(out):]) // let go of what the left-out rows held
	return out
}

// sortRows sorts rows by the key each row is given once, in the
// order compare gives keys, rows of equal keys in their order in rows: a
// stable sort whose comparisons do not look ids up in maps (key does, for
// the order ids are declared in), n log n times over.
func sortRows[T, K any](rows []T, key func(*T) K, compare func(a, b K) int) {
	type keyed struct {
		key K
		at  int
	}
	keys := make([]keyed, len(rows))
	for i := range rows {
		keys[i] = keyed{key(&rows[i]), i}
	}
	slices.SortFunc(keys, func(a, b keyed) int {
		return cmp.Or(compare(a.key, b.key), cmp.Compare(a.at, b.at))
	})
	// Row i is to be the row at keys[i].at: moved in place, a cycle of
	// the permutation at a time (a copy of 160,000 rows would be 20 MB).
	for i := range keys {
		if keys[i].at < 0 {
			continue // moved with an earlier cycle
		}
		first := rows[i]
		j := i
		for {
			from := keys[j].at
			keys[j].at = -1
			if from == i {
				rows[j] = first
				break
			}
			rows[j] = rows[from]
			j = from
		}
	}
}

// KnownFrom lists what data files may refer to in the content c. It reads
// each school's ID and Name and each artifact's Path only: the build gives
// it content.Loading's Outline, which holds no more, to load the evidence
// beside the narratives.
func KnownFrom(c *generator.Content) Known {
	k := Known{SchoolNames: map[string]string{}}
	for _, s := range c.Schools {
		k.Schools = append(k.Schools, s.ID)
		k.SchoolNames[s.ID] = s.Name
	}
	for _, a := range c.Artifacts {
		k.Artifacts = append(k.Artifacts, a.Path)
	}
	return k
}

// Load reads every data file that exists under data/ in fsys. Each file is
// optional: a site with only narratives builds and shows only what it has.
// Small groups are suppressed before Load returns (see the package doc).
func Load(fsys fs.FS, known Known, ds *generator.Diagnostics) *Data {
	ev := &Data{}
	// A panic (a bug) is reported at the file being read.
	guard := func(file string, load func()) {
		defer generator.Guard("data/" + file)
		load()
	}
	guard("standards.yaml", func() { ev.Catalogs = loadStandards(fsys, ds) })
	guard("framework.yaml", func() { ev.Framework = loadFramework(fsys, ds) })
	// The three evidence files are independent of each other: read them
	// at once, each reporting into its own list, joined in this order.
	// Installation's list starts with what came before, since it looks
	// there for errors in framework.yaml.
	var own [3]generator.Diagnostics
	own[0] = slices.Clip(*ds)
	parallel.ForEach(len(own), func(i int) {
		switch i {
		case 0:
			guard("installation.csv", func() { ev.Installation = loadInstallation(fsys, known, ev.Framework, &own[i]) })
		case 1:
			guard("trust.csv", func() { ev.Trust = loadTrust(fsys, known, &own[i]) })
		case 2:
			guard("achievement.csv", func() { ev.Achievement = loadAchievement(fsys, known, &own[i]) })
		}
	})
	*ds = append(append(own[0], own[1]...), own[2]...)
	ev.Withheld = withheld(ev)
	return ev
}

// decodeFile reads data/name into out. It reports whether the file existed
// and parsed.
func decodeFile(fsys fs.FS, name string, out any, ds *generator.Diagnostics) bool {
	p := path.Join(Dir, name)
	src, err := fs.ReadFile(fsys, p)
	if errors.Is(err, fs.ErrNotExist) {
		return false
	}
	if err != nil {
		ds.Errorf(generator.Pos{File: p}, "", "cannot read: %v", err)
		return false
	}
	return yamldoc.Decode(src, out, yamldoc.Options{File: p, UnknownKeys: generator.Warning}, ds)
}

// ids reports duplicate and missing ids among one kind of item, keeping the
// position of the first of each so the duplicate's message can point at it.
type ids struct {
	kind  string
	first map[string]generator.Pos
}

func newIDs(kind string) *ids { return &ids{kind: kind, first: map[string]generator.Pos{}} }

// add records id at pos and reports whether it is present and new.
func (s *ids) add(id string, pos generator.Pos, ds *generator.Diagnostics) bool {
	if id == "" {
		ds.Errorf(pos, "add one; it is how other files refer to this entry", "missing %s", s.kind)
		return false
	}
	if prev, dup := s.first[id]; dup {
		ds.Errorf(pos, "the first is at "+prev.String()+"; ids must be unique", "duplicate %s '%s'", s.kind, id)
		return false
	}
	s.first[id] = pos
	return true
}

// idSet is the ids one column of a CSV file may hold, such as the schools
// or the facets of the trust survey.
type idSet struct {
	// kind names the column in messages: "school", "facet".
	kind string
	ids  []string
	// pos indexes ids: a district of a thousand schools checks hundreds of
	// thousands of rows.
	pos map[string]int
	// where says where the ids are declared, the hint when no id is close
	// enough to suggest.
	where string
	// names maps a name, label or id, folded, to the ids it may stand for
	// (see names.go); nil when the column takes ids only.
	names map[string][]string
	// nameKeys are the keys of names that stand for one id, sorted: the
	// names an unknown value may be a shortening or a typo of.
	nameKeys []string
	// swapped is set when the file's column of these ids looks swapped
	// with another's (see checkSwappedIDs): a value that is one of the
	// other column's ids gets that as its hint, not a near id of this one.
	swapped *swappedColumns
	// others are the file's other columns of ids (see checkSwappedIDs):
	// where no swap is seen, a value that is one of their ids says so
	// ("unknown subject 'male' — it is a subgroup, …"), not a near id
	// of this set ("did you mean 'math'?").
	others []idColumn
	// hints holds the hint of each unknown value once worked out (made by
	// indexed): a file with one wrong school on each of 54,000 rows asked
	// for it 54,000 times, at a thousand schools a minute of edit
	// distances. Rows are parsed on several goroutines at once.
	hints *sync.Map
}

// check reports whether *id is in the set, and an error at pos if not. A
// name or label of exactly one id (see withNames) is read as that id:
// *id is replaced by it.
func (s idSet) check(id *string, pos generator.Pos, ds *generator.Diagnostics) bool {
	if *id == "" {
		ds.Errorf(pos, s.where, "%s is blank", s.kind)
		return false
	}
	if _, ok := s.lookup()[*id]; ok {
		return true
	}
	if matched, ok := s.byName(id, pos, ds); matched {
		return ok
	}
	return s.unknown(*id, pos, ds)
}

// unknown reports id as not in the set, with the closest id as the hint.
func (s idSet) unknown(id string, pos generator.Pos, ds *generator.Diagnostics) bool {
	ds.Errorf(pos, s.hint(id), "unknown %s '%s'", s.kind, id)
	return false
}

// hint is the hint for an unknown id: the closest id, else the name it
// nearly is (nameHint), else where ids are declared.
func (s idSet) hint(id string) string {
	if s.hints != nil {
		if h, ok := s.hints.Load(id); ok {
			return h.(string)
		}
	}
	var hint string
	if sw := s.swapped; sw != nil && sw.other.has(id) {
		// Without the value, which the message names: one hint for every
		// value, so that a swapped file's rows group into one line.
		hint = fmt.Sprintf("it is %s %s: %s (line %d)", indefinite(sw.other.kind), sw.other.kind, sw.phrase(), sw.header)
	}
	for _, o := range s.others {
		if hint != "" {
			break
		}
		if o.ids.has(id) {
			// Without the value, as above.
			hint = fmt.Sprintf("it is %s %s, which goes in the %s column: check that the row's values are under the right column names", indefinite(o.ids.kind), o.ids.kind, o.name)
		}
	}
	if hint == "" {
		hint = generator.DidYouMean(id, s.ids)
	}
	if hint == "" {
		hint = s.nameHint(id)
	}
	if hint == "" {
		hint = s.where
	}
	if s.hints != nil {
		s.hints.Store(id, hint)
	}
	return hint
}

// indefinite is the article before kind: "an" indicator, "a" school.
func indefinite(kind string) string {
	if kind != "" && strings.ContainsRune("aeiou", rune(kind[0])) {
		return "an"
	}
	return "a"
}

// index returns the position of id in the set, for sorting in the order
// the ids are declared.
func (s idSet) index(id string) int {
	if i, ok := s.lookup()[id]; ok {
		return i
	}
	return -1
}

// lookup returns the index of the ids: the one built by indexed, or a
// new one for a set made without it.
func (s idSet) lookup() map[string]int {
	if s.pos != nil {
		return s.pos
	}
	m := make(map[string]int, len(s.ids))
	for i, id := range s.ids {
		if _, dup := m[id]; !dup {
			m[id] = i
		}
	}
	return m
}

// indexed returns s with its lookup index built.
func (s idSet) indexed() idSet {
	s.pos = nil
	s.pos = s.lookup()
	s.hints = new(sync.Map)
	return s
}

// has reports whether v is an id of the set, or a name or label of one
// of its ids.
func (s idSet) has(v string) bool {
	if _, ok := s.lookup()[v]; ok {
		return true
	}
	return len(s.names[fold(v)]) > 0
}

// idColumn is a column of ids and the set they are checked against.
type idColumn struct {
	name string
	ids  *idSet
}

// swappedColumns are the columns that look swapped (two) or out of order
// (three, each holding the next one's ids), as the header line says;
// other is the set of the ids the column holds.
type swappedColumns struct {
	names  []string
	header int
	other  *idSet
}

// phrase is "the columns school and subgroup look swapped", or "the
// columns school, group and facet look out of order".
func (sw *swappedColumns) phrase() string {
	if len(sw.names) == 2 {
		return fmt.Sprintf("the columns %s and %s look swapped", sw.names[0], sw.names[1])
	}
	return fmt.Sprintf("the columns %s look out of order", joinAnd(sw.names))
}

// checkSwappedIDs reports, at the header, each pair of cols whose values
// look swapped: on most rows with a value in both, the first holds the
// second's ids and the second the first's (an indicator under school and
// a school under indicator). Three columns each holding the next one's ids
// (school holds groups, group facets and facet schools: the header's
// names typed in the wrong order) are reported as out of order. Each
// row's own errors still follow; this says what they have in common, and
// their hints name the swap (see idSet.swapped) rather than a near id. It
// costs one lookup a column on a row that is right.
func checkSwappedIDs(t *table, cols []idColumn, ds *generator.Diagnostics) {
	cols = slices.DeleteFunc(slices.Clone(cols), func(c idColumn) bool { return !t.has(c.name) })
	for _, c := range cols {
		c.ids.others = slices.DeleteFunc(slices.Clone(cols), func(o idColumn) bool { return o.ids == c.ids })
	}
	found := false
	for i, a := range cols {
		for _, b := range cols[i+1:] {
			found = checkOrder(t, []idColumn{a, b}, ds) || found
		}
	}
	if len(cols) == 3 && !found {
		// The two ways three columns can each hold the next one's ids.
		if !checkOrder(t, cols, ds) {
			checkOrder(t, []idColumn{cols[0], cols[2], cols[1]}, ds)
		}
	}
}

// checkOrder reports, at the header, whether on most rows each column of
// cols holds the ids of the next (the last those of the first), and none
// its own; and, if so, tells each column's ids which ids they hold.
func checkOrder(t *table, cols []idColumn, ds *generator.Diagnostics) bool {
	var tally swapTally
	values := make([]string, len(cols))
	for _, r := range t.rows {
		var pos generator.Pos
		blank := false
		for i, c := range cols {
			values[i], pos = r.field(c.name)
			blank = blank || values[i] == ""
		}
		if blank {
			continue
		}
		out := true
		for i, c := range cols {
			if next := cols[(i+1)%len(cols)]; c.ids.has(values[i]) || !next.ids.has(values[i]) {
				out = false // a right row costs one lookup
				break
			}
		}
		tally.row(pos.Line, values, out)
	}
	names := make([]string, len(cols))
	holds := make([]string, len(cols))
	for i, c := range cols {
		names[i] = c.name
		holds[i] = cols[(i+1)%len(cols)].ids.kind + "s"
	}
	if !tally.report(t, names, holds, ds) {
		return false
	}
	for i, c := range cols {
		c.ids.swapped = &swappedColumns{names, t.header.Line, cols[(i+1)%len(cols)].ids}
	}
	return true
}

// swapTally counts the rows of columns that look swapped, for
// checkOrder and checkSwapped.
type swapTally struct {
	rows, swapped int
	// examples are the first swapped row's values, a column each, and
	// firstLine its line.
	examples  []string
	firstLine int
}

// row counts a row at line with a value in every column, swapped or not.
func (s *swapTally) row(line int, values []string, swapped bool) {
	s.rows++
	if !swapped {
		return
	}
	s.swapped++
	if s.firstLine == 0 {
		s.examples, s.firstLine = slices.Clone(values), line
	}
}

// report says, at the header, that the columns look swapped (two) or out
// of order (three) when most of 3 or more rows do, and whether it did:
// column i holds holds[i] ("percentages").
// Where only some rows do, the header may be right and those rows wrong:
// the hint says both.
func (s *swapTally) report(t *table, columns, holds []string, ds *generator.Diagnostics) bool {
	if s.rows < 3 || 2*s.swapped <= s.rows {
		return false
	}
	what := make([]string, len(columns))
	for i, c := range columns {
		what[i] = fmt.Sprintf("%s holds %s (such as %s)", c, holds[i], generator.Quote(s.examples[i]))
	}
	sw := swappedColumns{names: columns}
	if len(columns) == 2 {
		hint := "swap the two names in the header row, or the two columns"
		if s.swapped < s.rows {
			hint = fmt.Sprintf("swap the two values on those rows (the first is line %d), or, if it is the other rows that are the other way round, the two names in the header row", s.firstLine)
		}
		ds.Errorf(t.header, hint, "%s: %s on %s of %s rows", sw.phrase(), joinAnd(what),
			generator.Thousands(s.swapped), generator.Thousands(s.rows))
		return true
	}
	// Column i holds what column i+1 is named for.
	renames := make([]string, len(columns))
	for i, c := range columns {
		renames[i] = c + " to " + columns[(i+1)%len(columns)]
	}
	hint := fmt.Sprintf("rename them in the header row (%s), or move the columns to match it", joinAnd(renames))
	if s.swapped < s.rows {
		hint = fmt.Sprintf("put the values of those rows in the header's order (the first is line %d), or, if it is the other rows that are out of order, rename the columns in the header row (%s)", s.firstLine, joinAnd(renames))
	}
	ds.Errorf(t.header, hint, "%s: %s on %s of %s rows", sw.phrase(), joinAnd(what),
		generator.Thousands(s.swapped), generator.Thousands(s.rows))
	return true
}

// schoolSet is the school ids of the site plus the district.
func schoolSet(known Known) idSet {
	ids := slices.Sorted(slices.Values(known.Schools))
	return idSet{
		kind:  "school",
		ids:   append(ids, generator.DistrictID),
		where: "school ids are the folder names under content/schools/, or district for the central office",
	}.indexed().withNames(schoolNames(known))
}

// labelSet is the ids of a list of labels declared in file.
func labelSet(kind string, labels []generator.Label, file, key string) idSet {
	s := idSet{kind: kind, where: kind + "s are declared under " + key + ": in " + Dir + "/" + file}
	for _, l := range labels {
		s.ids = append(s.ids, l.ID)
	}
	return s.indexed().withNames(labels)
}

// exists reports whether data/name exists.
func exists(fsys fs.FS, name string) bool {
	_, err := fs.Stat(fsys, path.Join(Dir, name))
	return err == nil
}

// labelEntry is an id with its label in a YAML file.
type labelEntry struct {
	Pos         generator.Pos
	ID          string `yaml:"id"`
	Label       string `yaml:"label"`
	Description string `yaml:"description"`
}

// labels checks the ids of entries (present, unique) and returns them, an
// entry without a label labelled by its id.
func labels(entries []labelEntry, kind string, ds *generator.Diagnostics) []generator.Label {
	seen := newIDs(kind + " id")
	files := map[string]labelEntry{} // by generator.FileID
	var out []generator.Label
	for _, e := range entries {
		id := strings.TrimSpace(e.ID)
		if !seen.add(id, e.Pos, ds) {
			continue
		}
		if first, ok := files[generator.FileID(id)]; ok {
			ds.Errorf(e.Pos, "ids are written in the site's file names in lowercase, with _ for any other character; the first is at "+first.Pos.String()+" — rename one",
				"%s id '%s' names the same files as '%s'", kind, id, strings.TrimSpace(first.ID))
			continue
		}
		files[generator.FileID(id)] = e
		l := generator.Label{ID: id, Label: strings.TrimSpace(e.Label), Description: strings.TrimSpace(e.Description)}
		if l.Label == "" {
			l.Label = id
		}
		out = append(out, l)
	}
	return out
}

// topKey finds a top-level key of data/name, whose decoded value carries no
// position (a number, a map), so that a problem with it can be reported on
// its line. It returns the key's position (line 1 when not found) and its
// value node (nil when not found).
func topKey(fsys fs.FS, name, key string) (generator.Pos, *yaml.Node) {
	p := path.Join(Dir, name)
	pos := generator.Pos{File: p, Line: 1}
	src, err := fs.ReadFile(fsys, p)
	if err != nil {
		return pos, nil
	}
	var root yaml.Node
	if yaml.Unmarshal(src, &root) != nil || len(root.Content) == 0 || root.Content[0].Kind != yaml.MappingNode {
		return pos, nil // reported by decodeFile
	}
	doc := root.Content[0]
	for i := 0; i+1 < len(doc.Content); i += 2 {
		if k := doc.Content[i]; k.Value == key {
			return generator.Pos{File: p, Line: k.Line, Col: k.Column}, doc.Content[i+1]
		}
	}
	return pos, nil
}
