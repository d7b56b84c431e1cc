package evidence

import (
	"cmp"
	"fmt"
	"io/fs"
	"math"
	"strconv"
	"strings"

	"github.com/folio-sites/folio/generator"
)

// Trust survey files under data/: the definition and the results.
const (
	TrustFile        = "trust.yaml"
	TrustResultsFile = "trust.csv"
)

// defaultMinRespondents is the fewest respondents whose answers are shown
// when trust.yaml sets no min_respondents.
const defaultMinRespondents = 5

// warnMinRespondents is the least min_respondents set without a warning.
const warnMinRespondents = 3

// people is n of a kind of person: "1 student", "2 students".
func people(n int, kind string) string {
	if n == 1 {
		return "1 " + kind
	}
	return strconv.Itoa(n) + " " + kind + "s"
}

type trustFile struct {
	Scale *struct {
		Pos    generator.Pos
		Min    *float64 `yaml:"min"`
		Max    *float64 `yaml:"max"`
		Labels []string `yaml:"labels"`
	} `yaml:"scale"`
	MinRespondents *int         `yaml:"min_respondents"`
	FavorableFrom  *float64     `yaml:"favorable_from"`
	TopBottom      *topBottom   `yaml:"top_bottom"`
	Facets         []labelEntry `yaml:"facets"`
	Groups         []labelEntry `yaml:"groups"`
}

var trustColumns = columns{
	required: []string{"school", "year", "group", "facet", "mean", "respondents"},
	optional: []string{"invited", "favorable_pct"},
}

// loadTrust reads trust.yaml and trust.csv. It returns nil without
// trust.yaml.
func loadTrust(fsys fs.FS, known Known, ds *generator.Diagnostics) *Trust {
	var f trustFile
	if !decodeFile(fsys, TrustFile, &f, ds) {
		if !exists(fsys, TrustFile) && exists(fsys, TrustResultsFile) {
			ds.Errorf(generator.Pos{File: Dir + "/" + TrustResultsFile, Line: 1},
				"add "+Dir+"/"+TrustFile+" with the scale, facets and groups of the survey",
				"%s needs %s", TrustResultsFile, TrustFile)
		}
		return nil
	}
	tr, scaleOK := trustDefinition(fsys, f, ds)

	t, found := readTable(fsys, TrustResultsFile, trustColumns, ds)
	if !found || t == nil {
		return tr
	}
	l := trustLoader{
		trust:   tr,
		scaleOK: scaleOK,
		schools: schoolSet(known),
		groups:  labelSet("group", tr.Groups, TrustFile, "groups"),
		facets:  labelSet("facet", tr.Facets, TrustFile, "facets"),
	}
	checkSwappedIDs(t, []idColumn{{"school", &l.schools}, {"group", &l.groups}, {"facet", &l.facets}}, ds)
	if t.has("favorable_pct") {
		checkFractions(t, "favorable_pct", ds)
		checkSwapped(t, "respondents", "favorable_pct", ds)
	}
	type rowKey struct {
		school, group, facet string
		year                 generator.SchoolYear
	}
	tr.Results = parseRows(t, ds, l.row, func(r TrustResult) (rowKey, generator.Pos) {
		return rowKey{r.School, r.Group, r.Facet, r.Year}, r.Pos
	}, TrustResult.name)
	type order struct {
		school       string
		year         generator.SchoolYear
		group, facet int
	}
	sortRows(tr.Results, func(r *TrustResult) order {
		return order{r.School, r.Year, l.groups.index(r.Group), l.facets.index(r.Facet)}
	}, func(a, b order) int {
		return cmp.Or(cmp.Compare(a.school, b.school), cmp.Compare(a.year, b.year), cmp.Compare(a.group, b.group), cmp.Compare(a.facet, b.facet))
	})
	if byRatings := protectTrust(tr); len(byRatings) > 0 && tr.FavorableFrom == nil {
		ds.Warnf(byRatings[0], fmt.Sprintf("add favorable_from: to %s/%s, the lowest answer the survey counts as favorable (e.g. favorable_from: 4 if Somewhat agree is on a scale of 1 to 6): folio then judges that cutoff alone", Dir, TrustFile),
			"%d mean%s withheld beside favorable percentages, the first here: a mean may say no more of a favorable share than the share itself, and as %s does not say which answers count as favorable, each was judged for a reader counting favorable from any answer", len(byRatings), plural(len(byRatings)), TrustFile)
	}
	return tr
}

// trustDefinition checks trust.yaml. It reports whether the scale is
// usable for checking means.
func trustDefinition(fsys fs.FS, f trustFile, ds *generator.Diagnostics) (*Trust, bool) {
	file := generator.Pos{File: Dir + "/" + TrustFile, Line: 1}
	tr := &Trust{MinRespondents: defaultMinRespondents, Low: defaultLow, High: defaultHigh}
	scaleOK := false
	switch s := f.Scale; {
	case s == nil:
		ds.Errorf(file, "add e.g. scale: {min: 1, max: 6}", "trust survey has no scale")
	case s.Min == nil || s.Max == nil:
		ds.Errorf(s.Pos, "add e.g. scale: {min: 1, max: 6}", "scale needs both min and max")
	case *s.Min >= *s.Max:
		ds.Errorf(s.Pos, "min is the lowest rating, max the highest", "scale: min (%s) must be less than max (%s)", formatNumber(*s.Min), formatNumber(*s.Max))
	default:
		scaleOK = true
		tr.ScaleMin, tr.ScaleMax = *s.Min, *s.Max
		tr.ScaleLabels = s.Labels
		span := tr.ScaleMax - tr.ScaleMin
		if len(s.Labels) > 0 && (span != math.Trunc(span) || len(s.Labels) != int(span)+1) {
			ds.Warnf(s.Pos, "give one label per point, from min up", "scale from %s to %s has %s points but %d labels",
				formatNumber(tr.ScaleMin), formatNumber(tr.ScaleMax), formatNumber(span+1), len(s.Labels))
		}
	}
	if f.MinRespondents != nil {
		if *f.MinRespondents < 1 {
			at, _ := topKey(fsys, TrustFile, "min_respondents")
			ds.Errorf(at, "the default is 5", "min_respondents must be at least 1")
		} else {
			tr.MinRespondents = *f.MinRespondents
			if tr.MinRespondents < warnMinRespondents {
				at, _ := topKey(fsys, TrustFile, "min_respondents")
				ds.Warnf(at, "surveys promise anonymity to groups of 3 to 10, most often 5 (the default); set the number your data steward signs off on",
					"min_respondents: %d shows the answers of groups as small as %s, whose ratings can then be told", tr.MinRespondents, people(tr.MinRespondents, "respondent"))
			}
		}
	}
	if f.FavorableFrom != nil && scaleOK {
		tr.FavorableFrom = favorableFrom(fsys, tr, *f.FavorableFrom, ds)
	}
	tr.Low, tr.High = f.TopBottom.read(tr.Low, tr.High, "favorable percentages", ds)
	tr.Facets = labels(f.Facets, "facet", ds)
	tr.Groups = labels(f.Groups, "group", ds)
	if len(f.Facets) == 0 {
		ds.Errorf(file, "add facets: with the id and label of each facet of trust the survey measures", "trust survey declares no facets")
	}
	if len(f.Groups) == 0 {
		ds.Errorf(file, "add groups: with the id and label of each group surveyed, e.g. teachers", "trust survey declares no groups")
	}
	return tr, scaleOK
}

// favorableFrom checks favorable_from, the lowest answer of the scale the
// survey counts as favorable, and returns it, or nil (reported) when it is
// not one of the scale's answers above its bottom.
func favorableFrom(fsys fs.FS, tr *Trust, from float64, ds *generator.Diagnostics) *float64 {
	if step := from - tr.ScaleMin; from > tr.ScaleMin && from <= tr.ScaleMax && step == math.Trunc(step) {
		return &from
	}
	at, _ := topKey(fsys, TrustFile, "favorable_from")
	hint := fmt.Sprintf("give the lowest answer counted favorable, one of the scale's answers from %s to %s", formatNumber(tr.ScaleMin+1), formatNumber(tr.ScaleMax))
	if i := int(math.Ceil((tr.ScaleMax - tr.ScaleMin) / 2)); len(tr.ScaleLabels) > i {
		example := tr.ScaleMin + float64(i)
		hint += fmt.Sprintf(", e.g. favorable_from: %s if %q is the first favorable answer", formatNumber(example), tr.ScaleLabels[i])
	}
	ds.Errorf(at, hint, "favorable_from: %s is not an answer of the scale above its bottom (%s–%s)", formatNumber(from), formatNumber(tr.ScaleMin), formatNumber(tr.ScaleMax))
	return nil
}

// trustLoader holds what rows of trust.csv are checked against.
type trustLoader struct {
	trust                   *Trust
	scaleOK                 bool
	schools, groups, facets idSet
}

// row reads one result as written, reporting every problem of the row
// (protectTrust then suppresses and codes). It reports whether the row is usable.
func (l *trustLoader) row(r record, ds *generator.Diagnostics) (TrustResult, bool) {
	school, schoolPos := r.field("school")
	ok := l.schools.check(&school, schoolPos, ds)
	res := TrustResult{Pos: schoolPos, School: school}
	res.Year = yearField(r, ds)
	ok = ok && res.Year != 0
	var pos generator.Pos
	res.Group, pos = r.field("group")
	ok = l.groups.check(&res.Group, pos, ds) && ok
	res.Facet, pos = r.field("facet")
	ok = l.facets.check(&res.Facet, pos, ds) && ok

	var good bool
	res.Respondents, good = countField(r, "respondents", ds)
	ok = ok && good
	respondents := res.Respondents.n
	if invited, _ := r.field("invited"); invited != "" {
		c, good := countField(r, "invited", ds)
		ok = ok && good
		n := c.n
		res.Invited = c
		if good && !c.Hidden() && !res.Respondents.Hidden() && respondents > n {
			_, at := r.field("respondents")
			ds.Errorf(at, "respondents are the people who answered, out of those invited", "respondents (%d) is more than invited (%d)", respondents, n)
			ok = false
		}
	}

	mean, meanPos := r.field("mean")
	if m, good := measureField(r, "mean", "write a number such as 4.2, or * for a mean not reported", ds); good {
		switch {
		case strings.HasSuffix(mean, "%"):
			ds.Errorf(meanPos, l.rangeHint(), "mean: '%s' is a percentage, not a rating", mean)
			ok = false
		case hasValue(m) && l.scaleOK && (m.value < l.trust.ScaleMin || m.value > l.trust.ScaleMax):
			ds.Errorf(meanPos, l.rangeHint(), "mean: %s is outside the scale (%s–%s)", mean, formatNumber(l.trust.ScaleMin), formatNumber(l.trust.ScaleMax))
			ok = false
		}
		if m.kind == Coded {
			m.text = strings.TrimSuffix(m.text, "%")
		}
		res.Mean = m
	} else {
		ok = false
	}

	if m, good := percentField(r, "favorable_pct", ds); good {
		res.FavorablePct = m
	} else {
		ok = false
	}
	if ok {
		l.checkCutoff(r, res, ds)
	}
	return res, ok
}

// checkCutoff warns about a row whose mean leaves no room for its
// favorable share from the answer favorable_from names: "1.00" of 8 is
// every answer at the bottom beside 12% favorable. The survey counts
// favorable from another answer, or over other respondents (those who
// answered the statement, not the survey), and the audit cannot reason
// from the cutoff in that slice.
func (l *trustLoader) checkCutoff(r record, res TrustResult, ds *generator.Diagnostics) {
	tr := l.trust
	n, shown := res.Respondents.N()
	if tr.FavorableFrom == nil || !shown || n < 1 || res.Mean.kind != Reported || res.FavorablePct.kind != Reported {
		return
	}
	fav := res.FavorablePct
	lo, hi := ratings(tr, res.Mean, n)
	if lo > hi {
		return
	}
	k := shownCountWithin(fav.value, n, max(roundingTolerance(fav.value), fav.Rounding()))
	t := *tr.FavorableFrom
	kLo, kHi := favorableCounts(tr, t, n, lo, hi)
	if max(kLo, k.lo) <= min(kHi, k.hi) {
		return
	}
	written, at := r.field("favorable_pct")
	mean, _ := r.field("mean")
	between := formatNumber(kLo) + " to " + formatNumber(kHi)
	if kLo == kHi {
		between = formatNumber(kLo)
	}
	ds.Warnf(at, fmt.Sprintf("check favorable_from: %s in %s/%s (the lowest answer counted favorable), and that favorable_pct counts the same respondents as the mean", formatNumber(t), Dir, TrustFile),
		"favorable_pct %s of %s cannot be beside a mean of %s: that mean leaves %s of them at %s or above", written, people(n, "respondent"), mean, between, formatNumber(t))
}

// rangeHint is the hint of a mean off the scale.
func (l *trustLoader) rangeHint() string {
	return fmt.Sprintf("the scale runs from %s to %s (set in %s/%s)", formatNumber(l.trust.ScaleMin), formatNumber(l.trust.ScaleMax), Dir, TrustFile)
}

// yearField reads the year column; 0 after reporting a bad year.
func yearField(r record, ds *generator.Diagnostics) generator.SchoolYear {
	s, pos := r.field("year")
	y, ok := ParseYear(s)
	if !ok {
		hint := "write the school year as 2023-24 (or its spring year, 2024)"
		if plain := dashes.Replace(s); plain != s {
			if _, ok := ParseYear(plain); ok {
				// A spreadsheet's autocorrect: "2022–23" with an en dash.
				hint = "write it with a plain hyphen, " + strings.TrimSpace(plain) + ": it has a dash that only looks like one"
			}
		}
		ds.Errorf(pos, hint, "year: '%s' is not a school year", s)
		return 0
	}
	return y
}

// dashes replaces the dashes a spreadsheet or word processor writes for a
// hyphen (en and em dash, minus, hyphen and non-breaking hyphen) with "-".
var dashes = strings.NewReplacer("\u2013", "-", "\u2014", "-", "\u2212", "-", "\u2010", "-", "\u2011", "-")

// isNegativeCount reports whether s is a count with a minus sign ("-3",
// "-1,200", or the "−3" of a spreadsheet's number format).
func isNegativeCount(s string, decimalComma bool) bool {
	s = strings.TrimSpace(s)
	rest, minus := strings.CutPrefix(s, "-")
	if !minus {
		rest, minus = strings.CutPrefix(s, "−")
	}
	_, ok := parseCount(rest, decimalComma)
	return minus && ok
}

// countField reads a column holding a count, 0 or more, or suppressed at
// the source ("*", "<10", blank): then the count is hidden (AtSource).
func countField(r record, col string, ds *generator.Diagnostics) (Count, bool) {
	s, pos := r.field(col)
	if sourceSuppressedCount(s) {
		return hidden(AtSource), true
	}
	n, ok := parseCount(s, r.t.decimalComma)
	switch {
	case !ok && isNegativeCount(s, r.t.decimalComma):
		ds.Errorf(pos, "a count of people is 0 or more: write e.g. 24, or * for a count suppressed at the source", "%s: '%s' is negative", col, s)
	case !ok:
		ds.Errorf(pos, "write a whole number, 0 or more, e.g. 24, or * for a count suppressed at the source", "%s: '%s' is not a whole number", col, s)
	case n > maxCount:
		ds.Errorf(pos, "check that the column holds a count of people, not an id or a total of several columns", "%s: %s is more people than any school or district has (at most %s)", col, s, generator.Thousands(maxCount))
		return Count{}, false
	}
	return counted(n), ok
}

// maxCount is the largest count of students or respondents read: more
// than any state tests in a year, and small enough that a district's
// sums of a million rows stay exact, as integers and in the linear
// programs' floating point (a count of 2⁶³ overflowed a sum).
const maxCount = 100_000_000

// checkSwapped reports, at the header, a file whose columns count and
// pct look swapped: most rows with a value in both have a number written
// with decimals under count ("57.8", "50.0") and a whole number under pct
// (192).
// Each row's own error still follows; this says what they have in
// common.
func checkSwapped(t *table, count, pct string, ds *generator.Diagnostics) {
	var tally swapTally
	// A count written with decimals, or a percent sign, is a percentage:
	// "57.8". One whose decimals are all zeros, "50.0", is a count as
	// pandas writes it (see parseCount): no sign of a swap.
	decimal := "."
	if t.decimalComma {
		decimal = ","
	}
	// Rows written as the file writes them (a count without decimals, a
	// percentage with), and rows written the other way round but whose
	// count reads as whole ("75.0" tested, "12" percent): see below.
	var plain int
	type oddRow struct {
		at         generator.Pos
		count, pct string
	}
	var otherWay []oddRow
	for _, r := range t.rows {
		c, pos := r.field(count)
		p, _ := r.field(pct)
		cm, errC := parseMeasure(c, t.decimalComma)
		pm, errP := parseMeasure(p, t.decimalComma)
		if errC != nil || errP != nil || !hasValue(cm) || !hasValue(pm) {
			continue
		}
		_, whole := parseCount(strings.TrimSpace(c), t.decimalComma)
		percentage := strings.Contains(c, "%") || strings.Contains(c, decimal) && !whole
		wholePct := pm.value == math.Trunc(pm.value) && !strings.ContainsAny(p, decimal+"%")
		tally.row(pos.Line, []string{c, p}, percentage && cm.value <= 100 && wholePct)
		switch {
		case !strings.ContainsAny(c, decimal+"%") && strings.Contains(p, decimal):
			plain++
		case whole && strings.Contains(c, decimal) && wholePct && cm.value <= 100:
			otherWay = append(otherWay, oddRow{pos, c, p})
		}
	}
	if tally.report(t, []string{count, pct}, []string{"percentages", "counts"}, ds) {
		return
	}
	// A row or two swapped in a file of hundreds reads as valid: "75.0"
	// tested is a count as pandas writes one, and "12" a percentage. Where
	// the file writes nearly every count without decimals and every
	// percentage with, such a row is worth a look.
	if plain >= 10 && len(otherWay)*10 <= plain {
		// Many are one line (Group), which leaves room for the file's
		// errors under the 50 lines a file is given.
		for _, odd := range otherWay {
			*ds = append(*ds, generator.Diagnostic{Pos: odd.at, Severity: generator.Warning,
				Message: fmt.Sprintf("%s %s and %s %s may be the wrong way round: the file's other rows write the count as a whole number and the percentage with decimals", count, odd.count, pct, odd.pct),
				Hint:    "if the count is the second, swap the two values",
				Group:   "rows may have " + count + " and " + pct + " the wrong way round"})
		}
	}
}

// checkFractions reports a file whose every percentage in col is at most
// 1, at its first data line: it was exported as fractions (0.45 for 45%),
// which would be read as 0.45% and coded "≤5%".
func checkFractions(t *table, col string, ds *generator.Diagnostics) {
	seen, percents := false, false
	// Each school's values, for a school pasted in as fractions among
	// others' percentages (0.578 for 57.8%, read as 0.6% and coded "≤5%").
	type school struct {
		first    generator.Pos
		values   int
		fraction bool // some value has two decimals or more, such as 0.57
		above    bool // some value is more than 1
		// example is the first such value, for the hint: 0.837.
		example float64
	}
	var order []string
	schools := map[string]*school{}
	for _, r := range t.rows {
		s, pos := r.field(col)
		m, err := parseMeasure(s, t.decimalComma)
		if err != nil || !hasValue(m) || m.value < 0 {
			continue
		}
		id, _ := r.field("school")
		sc := schools[id]
		if sc == nil {
			sc = &school{first: pos}
			schools[id] = sc
			order = append(order, id)
		}
		sc.values++
		if m.value > 1 {
			percents, sc.above = true, true
			continue
		}
		seen = true
		if !sc.fraction && m.value > 0 && math.Abs(m.value*10-math.Round(m.value*10)) > 1e-9 {
			sc.fraction, sc.example = true, m.value
		}
	}
	if seen && !percents {
		_, pos := t.rows[0].field(col)
		ds.Errorf(pos, "did you export fractions? write 45 or 45%", "%s: every percentage in the file is at most 1", col)
		return
	}
	for _, id := range order {
		if sc := schools[id]; percents && !sc.above && sc.fraction && sc.values >= 3 {
			pct := formatNumber(math.Round(sc.example*1e8) / 1e6) // 0.837 → 83.7, not 83.69999999999999
			ds.Warnf(sc.first, fmt.Sprintf("were its rows exported as fractions? write %s or %s%%, not %s", pct, pct, formatNumber(sc.example)),
				"%s: every percentage of %s is at most 1, where other schools' are larger", col, id)
		}
	}
}

// measureField reads a column holding a measure; hint is said of a value
// that is not a number.
func measureField(r record, col, hint string, ds *generator.Diagnostics) (Measure, bool) {
	s, pos := r.field(col)
	m, err := parseMeasure(s, r.t.decimalComma)
	if err != nil {
		if v := strings.TrimSpace(s); !r.t.decimalComma && isDecimal(v, true) {
			// "57,8" in a comma-separated file, quoted: a decimal comma.
			hint = fmt.Sprintf("write %s, with a decimal point (a file whose columns are separated by ';' may use decimal commas)", strings.Replace(v, ",", ".", 1))
		}
		ds.Errorf(pos, hint, "%s: %v", col, err)
		return m, false
	}
	return m, true
}

// percentField reads a column holding a percentage, 0 to 100.
func percentField(r record, col string, ds *generator.Diagnostics) (Measure, bool) {
	m, ok := measureField(r, col, numberHint, ds)
	if ok && hasValue(m) && (m.value < 0 || m.value > 100) {
		s, pos := r.field(col)
		ds.Errorf(pos, "write a percentage from 0 to 100", "%s: %s is outside 0–100", col, s)
		return m, false
	}
	return m, ok
}

// hasValue reports whether m holds a number: reported, or the bound of a
// coded range.
func hasValue(m Measure) bool {
	return m.kind == Reported || m.kind == Coded
}

// name names the result as duplicates and the withheld list do:
// "lincoln-middle 2024-25 teachers honesty".
func (r TrustResult) name() string {
	return r.School + " " + r.Year.String() + " " + r.Group + " " + r.Facet
}
