package build_test

import (
	"io/fs"
	"maps"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/folio-sites/folio/generator"
	"github.com/folio-sites/folio/generator/audit"
	"github.com/folio-sites/folio/generator/build"
	"github.com/folio-sites/folio/generator/evidence"
	"github.com/folio-sites/folio/generator/sitefs"
)

// TestBuiltSitesDeriveNothing builds the sample district and a site for
// each case of the privacy rule (generator/evidence/testdata/privacy),
// then reads back only what a reader gets — the CSV downloads, the data
// tables of the charts and the numbers their options draw and their
// summaries give, the tables of a school beside the district, the goals'
// values, the changes since the last board meeting, and every gain,
// difference, gap and mean computed from cells (see reader) — and asks
// the audit whether anything withheld can be derived from them. Nothing here reads folio's model: the
// published cells are parsed from the built files, and the families are
// what a reader knows (those declared, and sets of published counts that
// add up to all students).
func TestBuiltSitesDeriveNothing(t *testing.T) {
	type site struct {
		fsys fs.FS
		opts build.Options
	}
	sites := map[string]func(t *testing.T) site{
		"sample": func(t *testing.T) site {
			return site{sitefs.Dir("../.."), build.Options{Source: "../..", Minify: true}}
		},
	}
	cases, _ := filepath.Glob("../evidence/testdata/privacy/*.txtar")
	for _, file := range cases {
		sites[strings.TrimSuffix(filepath.Base(file), ".txtar")] = func(t *testing.T) site {
			return site{siteFS(t, readArchive(t, file)), build.Options{Minify: true}}
		}
	}
	for name, get := range sites {
		t.Run(name, func(t *testing.T) {
			s := get(t)
			res, err := build.Generate(s.fsys, s.opts)
			if err != nil {
				t.Fatalf("%v: %v", err, res.Diagnostics)
			}
			r := newReader(t, s.fsys)
			if downloads, pages := r.read(res.Files); downloads == 0 || pages == 0 {
				t.Fatalf("found %d cells in the CSV downloads and %d pages", downloads, pages)
			}
			if r.tables == 0 || r.options == 0 || r.computed == 0 {
				t.Fatalf("read %d data tables, %d chart options, %d computed numbers: is the reader still finding them?", r.tables, r.options, r.computed)
			}
			for _, p := range r.problems {
				t.Errorf("shown in the built site: %s", p)
			}
			for _, l := range r.published().Leaks() {
				t.Errorf("derivable from the built site: %s", l)
			}
		})
	}
}

// published is what the reader learned, in the shape the audit reads.
func (r *reader) published() *audit.Published {
	a := &audit.Achievement{MinN: r.def.MinN}
	for name, members := range r.def.Families {
		f := generator.Family{Name: name}
		for _, m := range members {
			f.Members = append(f.Members, norm(m))
		}
		a.Families = append(a.Families, f)
	}
	tr := &audit.Trust{MinRespondents: r.def.MinRespondents, FavorableFrom: r.def.FavorableFrom, ScaleMin: r.def.Scale.Min, ScaleMax: r.def.Scale.Max}
	for _, k := range r.keys {
		c := r.cells[k]
		y, _ := strconv.Atoi(k.year[:4])
		year := generator.SchoolYear(y + 1)
		n := readCount(c.fields["count"].text)
		if !k.trust {
			a.Rows = append(a.Rows, audit.AchievementRow{Pos: c.pos, School: k.school, Year: year, Subject: k.of, Subgroup: k.in,
				Tested: n, Proficient: readMeasure(c.fields["value"].text)})
			continue
		}
		tr.Rows = append(tr.Rows, audit.TrustRow{Pos: c.pos, School: k.school, Year: year, Group: k.of, Facet: k.in,
			Respondents: n, Invited: readInvited(c.fields["count"].text), Mean: readMean(c.fields["value"].text), Favorable: readMeasure(c.fields["favorable"].text)})
	}
	// Where the site shows the invited anywhere, a row without them has
	// a number invited a reader does not know.
	if slices.ContainsFunc(tr.Rows, func(r audit.TrustRow) bool { return !r.Invited.Hidden }) {
		for i := range tr.Rows {
			if tr.Rows[i].Invited.Hidden {
				tr.Rows[i].Invited.Reason = evidence.AtSource
			}
		}
	}
	// What a reader can tell adds up: published counts of up to four
	// subgroups equal to all students', and trust slices where the district
	// is the sum of the schools shown (or more, with some hidden).
	inferFromPublished(a)
	// A reader assumes no identity the labels rule out: hidden schools
	// all "fewer than 10" cannot make up more than 9 each.
	sums := map[generator.TrustSlice][2]int{}
	hiddenIn := map[generator.TrustSlice]bool{}
	hiddenMax := map[generator.TrustSlice]int{} // -1: no bound
	for _, r := range tr.Rows {
		k := generator.TrustSlice{Year: r.Year, Group: r.Group, Facet: r.Facet}
		s := sums[k]
		switch {
		case r.School == generator.DistrictID:
			s[0] = r.Respondents.N
		case r.Respondents.Hidden:
			hiddenIn[k] = true
			switch {
			case hiddenMax[k] < 0:
			case r.Respondents.Reason == evidence.SmallGroup:
				hiddenMax[k] += tr.MinRespondents - 1
			default:
				hiddenMax[k] = -1
			}
		default:
			s[1] += r.Respondents.N
		}
		sums[k] = s
	}
	for k, s := range sums {
		possible := hiddenMax[k] < 0 || s[0] <= s[1]+hiddenMax[k]
		if s[0] > 0 && (s[0] == s[1] || hiddenIn[k] && s[0] > s[1] && possible) {
			tr.DistrictSums = append(tr.DistrictSums, k)
		}
	}
	// And slices whose district's invited are the schools' shown, or
	// more with some hidden.
	invited := map[generator.TrustSlice][2]int{}
	hiddenInvited := map[generator.TrustSlice]bool{}
	for _, r := range tr.Rows {
		k := generator.TrustSlice{Year: r.Year, Group: r.Group, Facet: r.Facet}
		s := invited[k]
		switch {
		case r.Invited.Hidden && r.School == generator.DistrictID:
			s[0] = -1
		case r.Invited.Hidden:
			hiddenInvited[k] = true
		case r.School == generator.DistrictID:
			s[0] = r.Invited.N
		default:
			s[1] += r.Invited.N
		}
		invited[k] = s
	}
	for k, s := range invited {
		// (As for the respondents: the schools' sum, or more where some
		// are hidden.)
		if s[0] > 0 && (s[0] == s[1] || hiddenInvited[k] && s[0] > s[1]) {
			tr.InvitedSums = append(tr.InvitedSums, k)
		}
	}

	return &audit.Published{Achievement: a, Trust: tr}
}

// readCount reads a Tested or Respondents cell: a number (perhaps "25 of
// 31 invited (81%)"), or the reason it is hidden; a count never shown is
// one a reader knows nothing of.
func readCount(s string) audit.Count {
	switch {
	case leadingInt.MatchString(s):
		n, _ := strconv.Atoi(leadingInt.FindString(s))
		return audit.Count{N: n}
	case strings.HasPrefix(s, "fewer than"):
		return audit.Count{Hidden: true, Reason: evidence.SmallGroup}
	case strings.Contains(s, "protect"):
		return audit.Count{Hidden: true, Reason: evidence.Complementary}
	}
	return audit.Count{Hidden: true, Reason: evidence.AtSource}
}

// readInvited reads the invited of a Respondents cell ("25 of 31
// invited (81%)": 31); a number not shown is one a reader knows nothing
// of, or none.
func readInvited(s string) audit.Count {
	if m := invitedText.FindStringSubmatch(s); m != nil {
		n, _ := strconv.Atoi(m[1])
		return audit.Count{N: n}
	}
	return audit.Count{Hidden: true}
}

var invitedText = regexp.MustCompile(`of (\d+) invited`)

// readMeasure reads a percentage or mean cell: a number, a range
// ("≥95%"), blank or "not reported", or withheld.
func readMeasure(s string) audit.Value {
	if v, ok := number(s); ok {
		return audit.Value{Kind: evidence.Reported, Number: v}
	}
	if coded(s) {
		v, _ := strconv.ParseFloat(strings.TrimRight(strings.TrimLeft(s, "≥≤<>"), "%"), 64)
		return audit.Value{Kind: evidence.Coded, Number: v, Text: s}
	}
	if s == "" || strings.HasPrefix(s, "not reported") {
		return audit.Value{Kind: evidence.NotReported, Text: s}
	}
	return audit.Value{Kind: evidence.Suppressed}
}

// readMean reads a mean cell as readMeasure does, precise to the decimals
// it is shown with: "3.1" is 3.05 to 3.15.
func readMean(s string) audit.Value {
	v := readMeasure(s)
	if v.Kind == evidence.Reported {
		decimals := 0
		if _, frac, ok := strings.Cut(strings.TrimSpace(s), "."); ok {
			decimals = len(frac)
		}
		v.Rounding = audit.MeanRounding(decimals)
	}
	return v
}

// inferFromPublished adds, at each place, the sets of up to four subgroups
// whose published counts add up to all students' published count; and
// the sets of up to eight that add up so at half the places where they
// are all published at least, at every place, hidden members and all: a
// reader takes those for a family.
func inferFromPublished(a *audit.Achievement) {
	type place struct {
		school  string
		year    generator.SchoolYear
		subject string
	}
	counts := map[place]map[string]int{}
	large := map[string][]string{} // sets of more than four, by their members
	for _, r := range a.Rows {
		p := place{r.School, r.Year, r.Subject}
		if counts[p] == nil {
			counts[p] = map[string]int{}
		}
		if !r.Tested.Hidden {
			counts[p][r.Subgroup] = r.Tested.N
		}
	}
	for p, c := range counts {
		all, ok := c["all"]
		if !ok {
			continue
		}
		var ids []string
		for id, n := range c {
			if id != "all" && n > 0 {
				ids = append(ids, id)
			}
		}
		slices.Sort(ids)
		var walk func(from, left int, pick []string)
		walk = func(from, left int, pick []string) {
			if left == 0 && len(pick) >= 2 {
				set := append([]string(nil), pick...)
				if len(set) <= 4 {
					a.Inferred = append(a.Inferred, generator.InferredFamily{School: p.school, Year: p.year, Subject: p.subject, Members: set})
				} else {
					large[strings.Join(set, " ")] = set
				}
				return
			}
			if len(pick) == 8 {
				return
			}
			for i := from; i < len(ids); i++ {
				if c[ids[i]] <= left {
					walk(i+1, left-c[ids[i]], append(pick, ids[i]))
				}
			}
		}
		walk(0, all, nil)
	}
	for _, key := range slices.Sorted(maps.Keys(large)) {
		set := large[key]
		shown, hits := 0, 0
		for _, c := range counts {
			sum, ok := 0, true
			for _, m := range append([]string{"all"}, set...) {
				n, in := c[m]
				ok = ok && in
				if m != "all" {
					sum += n
				}
			}
			if ok {
				shown++
				if sum == c["all"] {
					hits++
				}
			}
		}
		if 2*hits < shown {
			continue
		}
		for p, c := range counts {
			if _, ok := c["all"]; ok {
				a.Inferred = append(a.Inferred, generator.InferredFamily{School: p.school, Year: p.year, Subject: p.subject, Members: set})
			}
		}
	}
}

// TestReaderFindsWhatIsShown doctors a built site, one way a bug could
// publish a withheld value at a time (a table, a chart's option, a number
// computed from cells, a chart's summary or download, a goal, the changes
// since the last board meeting), and expects the reader of
// TestBuiltSitesDeriveNothing to find it: the whole-site test could not
// pass on a site that shows one of them.
func TestReaderFindsWhatIsShown(t *testing.T) {
	type site struct {
		fsys  fs.FS
		files []generator.File
	}
	built := func(fsys fs.FS, opts build.Options) site {
		opts.Minify = true
		res, err := build.Generate(fsys, opts)
		if err != nil {
			t.Fatalf("%v: %v", err, res.Diagnostics)
		}
		return site{fsys, res.Files}
	}
	small := built(siteFS(t, readArchive(t, "../evidence/testdata/privacy/two-hidden-schools.txtar")), build.Options{})
	sample := built(sitefs.Dir("../.."), build.Options{Source: "../.."})
	// The small district with a year before, and a goal for school c's
	// Black students: 12 tested in 2023-24, 4 (hidden) in 2024-25.
	goalSite := readArchive(t, "../evidence/testdata/privacy/two-hidden-schools.txtar")
	setFile(goalSite, "data/achievement.csv", archiveFile(goalSite, "data/achievement.csv")+"c,2023-24,math,black,12,30.0\n")
	setFile(goalSite, "data/goals.yaml", `goals:
  - id: c-math-black
    school: c
    title: Black students in math
    measure: {evidence: achievement, subject: math, subgroup: black}
    baseline: {year: 2023-24, value: 30.0}
    target: {year: 2026-27, value: 50.0}
`)
	withGoals := built(siteFS(t, goalSite), build.Options{})
	first := func(s, old, new string) string {
		if !strings.Contains(s, old) {
			t.Fatalf("the page has no %q to change", old)
		}
		return strings.Replace(s, old, new, 1)
	}
	last := func(s, old, new string) string {
		i := strings.LastIndex(s, old)
		if i < 0 {
			t.Fatalf("the page has no %q to change", old)
		}
		return s[:i] + new + s[i+len(old):]
	}
	tests := []struct {
		name   string
		site   site
		page   string
		doctor func(string) string
		want   string
	}{
		{"a withheld value in a data table", small, "schools/c/index.html",
			func(s string) string { return first(s, ">fewer than 10 students<", ">25.0%<") },
			`c 2024-25 math black value is "fewer than 10 students" in schools/c/chart_achievement_c_math_subgroups.csv but "25.0%" in schools/c/index.html chart_achievement_c_math_subgroups: a value withheld in one place is shown in the other`},
		{"a withheld value drawn by a chart", small, "schools/c/index.html",
			func(s string) string { return first(s, `{"value":"-"`, `{"value":25`) },
			"schools/c/index.html chart_achievement_c_math_subgroups: the chart draws 25, which its data table does not show"},
		{"a gap computed from a withheld value", small, "schools/c/index.html",
			func(s string) string { return last(s, ">not computed (fewer than 10 students)<", ">+26.6 pp<") },
			`shows +26.6 pp, computed from c 2024-25 math black, which is withheld ("fewer than 10 students")`},
		{"a withheld value in a chart's summary", small, "schools/a/index.html",
			func(s string) string { return first(s, "a smaller group: Black.", "a smaller group: Black (48.6%).") },
			"schools/a/index.html chart_achievement_a_math_subgroups: the summary gives 48.6%, which its data table does not show"},
		{"a withheld value in a goal's steps", withGoals, "goals/index.html",
			func(s string) string {
				return first(s, "→ not shown in 2024-25 (fewer than 10 students were tested) →", "→ 25.0% in 2024-25 →")
			},
			`but "25.0%" in goals/index.html goal c-math-black: a value withheld in one place is shown in the other`},
		{"a withheld value as a goal's baseline", withGoals, "goals/index.html",
			func(s string) string {
				return first(s, "baseline 30.0% in 2023-24 →", "baseline 25.0% in 2024-25 →")
			},
			`but "25.0%" in goals/index.html goal c-math-black: a value withheld in one place is shown in the other`},
		{"a change since the last meeting that the cells do not give", sample, "board/index.html",
			func(s string) string { return first(s, "66.3% in 2024-25, +3.0 pp", "66.3% in 2024-25, +3.1 pp") },
			"board/index.html since lincoln_elementary shows +3.1 pp where the cells published give 3.00"},
		{"a number in a chart's download that its table does not show", sample, "district/chart_goal_district_math_all.csv",
			func(s string) string { return first(s, "measured,Measured,68.8%", "measured,Measured,12.3%") },
			"district/chart_goal_district_math_all.csv:4: the download gives 12.3, which the chart's data table does not show"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := slices.Clone(tt.site.files)
			i := slices.IndexFunc(files, func(f generator.File) bool { return f.Path == tt.page })
			if i < 0 {
				t.Fatalf("no %s in the built site", tt.page)
			}
			files[i].Data = []byte(tt.doctor(string(files[i].Data)))
			r := newReader(t, tt.site.fsys)
			r.read(files)
			if !slices.ContainsFunc(r.problems, func(p string) bool { return strings.Contains(p, tt.want) }) {
				t.Errorf("found:\n%s\nwant a problem containing:\n%s", strings.Join(r.problems, "\n"), tt.want)
			}
		})
	}
}
