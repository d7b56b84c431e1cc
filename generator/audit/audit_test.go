package audit_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/folio-sites/folio/generator"
	"github.com/folio-sites/folio/generator/audit"
	"github.com/folio-sites/folio/generator/evidence"
)

// row is a published achievement row written compactly: "a math black 4
// small" (hidden as small), "a math all 100 80.0", "a math female 50 ≥95".
func row(t *testing.T, line int, s string) audit.AchievementRow {
	t.Helper()
	f := strings.Fields(s)
	r := audit.AchievementRow{Pos: generator.Pos{File: "data/achievement.csv", Line: line}, School: f[0], Year: 2025, Subject: f[1], Subgroup: f[2]}
	switch f[3] {
	case "small":
		r.Tested = audit.Count{Hidden: true, Reason: evidence.SmallGroup}
		r.Proficient = audit.Value{Kind: evidence.Suppressed}
		return r
	case "compl":
		r.Tested = audit.Count{Hidden: true, Reason: evidence.Complementary}
		r.Proficient = audit.Value{Kind: evidence.Suppressed}
		return r
	case "source":
		r.Tested = audit.Count{Hidden: true, Reason: evidence.AtSource}
		r.Proficient = audit.Value{Kind: evidence.NotReported}
		return r
	}
	n := 0
	for _, c := range f[3] {
		n = 10*n + int(c-'0')
	}
	r.Tested = audit.Count{N: n}
	switch p := f[4]; {
	case strings.HasPrefix(p, "≥"), strings.HasPrefix(p, "≤"):
		v := parse(p[len("≥"):])
		r.Proficient = audit.Value{Kind: evidence.Coded, Number: v, Text: p + "%"}
	default:
		r.Proficient = audit.Value{Kind: evidence.Reported, Number: parse(p)}
	}
	return r
}

func parse(s string) float64 {
	v, frac, div := 0.0, false, 1.0
	for _, c := range s {
		if c == '.' {
			frac = true
			continue
		}
		v = 10*v + float64(c-'0')
		if frac {
			div *= 10
		}
	}
	return v / div
}

func achievement(t *testing.T, families []generator.Family, rows ...string) *audit.Published {
	a := &audit.Achievement{MinN: 10, Families: families}
	for i, s := range rows {
		a.Rows = append(a.Rows, row(t, i+2, s))
	}
	return &audit.Published{Achievement: a}
}

// TestFindsLeaks gives the audit what folio published before complementary
// suppression held against subtraction, one case of each kind, and expects
// it to name the cell that can be worked out.
func TestFindsLeaks(t *testing.T) {
	race := []generator.Family{{Name: "race", Members: []string{"black", "hispanic", "white"}}}
	gender := []generator.Family{{Name: "gender", Members: []string{"female", "male"}}}
	tests := []struct {
		name string
		ev   *audit.Published
		want []string
	}{
		{"two schools hidden, the district row less the others", achievement(t, nil,
			"district math black 289 51.6", "a math black 140 50.0", "b math black 140 55.0", "c math black small", "d math black small"),
			[]string{"data/achievement.csv:5: c 2024-25 math black + d 2024-25 math black + a group with no row: combined count 9"}},
		{"two members hidden, none proficient", achievement(t, race,
			"a math all 100 46.5", "a math black small", "a math hispanic small", "a math white 93 50.0"),
			[]string{"data/achievement.csv:3: a 2024-25 math black + a 2024-25 math hispanic: combined count 7"}},
		{"an empty group as the second hidden one", achievement(t, []generator.Family{{Name: "race", Members: []string{"asian", "black", "white"}}},
			"a math all 100 48.0", "a math asian small", "a math black small", "a math white 96 50.0"),
			[]string{
				"data/achievement.csv:3: a 2024-25 math asian + a 2024-25 math black: combined count 4",
				"data/achievement.csv:3: a 2024-25 math asian: percentage 0.0–0.0",
				"data/achievement.csv:4: a 2024-25 math black: percentage 0.0–0.0",
			}},
		{"top coding undone within a family", achievement(t, gender,
			"a math all 100 80.0", "a math female 50 ≥95", "a math male 50 60.0"),
			[]string{"data/achievement.csv:3: a 2024-25 math female: coded ≥95% is 100.0–100.0%"}},
		{"top coding undone across schools", achievement(t, nil,
			"district math all 150 86.7", "a math all 50 ≥95", "b math all 100 80.0"),
			[]string{
				"data/achievement.csv:3: a 2024-25 math all + a group with no row: all of them proficient (100%)",
				"data/achievement.csv:3: a 2024-25 math all: coded ≥95% is 100.0–100.0%",
			}},
		{"a missing row recovered across schools", achievement(t, nil,
			"district math ell 30 50.0", "b math ell 26 57.7"),
			[]string{"data/achievement.csv:2: a group with no row: combined count 4"}},
		// The district's 15 students not proficient are all a's White
		// students': a's Black students, whatever their count, are all
		// proficient. (a's all students, withheld at the source, are
		// no identity a reader can subtract within.)
		{"none left not proficient", achievement(t, []generator.Family{{Name: "race", Members: []string{"black", "white"}}},
			"district math all 60 75.0", "a math all source", "a math black small", "a math white 30 50.0", "b math all 25 100.0"),
			[]string{
				"data/achievement.csv:4: a 2024-25 math black: percentage 100.0–100.0",
				"data/achievement.csv:6: a group with no row + a group with no row: all of them proficient (100%)",
			}},
		{"a count suppressed at the source", achievement(t, gender,
			"a math all 50 40.0", "a math female source", "a math male 42 40.5"),
			[]string{"data/achievement.csv:3: a 2024-25 math female: count 8"}},
		{"an inferred family", func() *audit.Published {
			ev := achievement(t, nil, "a math all 128 50.0", "a math female small", "a math male 119 51.3")
			ev.Achievement.Inferred = []generator.InferredFamily{{School: "a", Year: 2025, Subject: "math", Members: []string{"female", "male"}}}
			return ev
		}(), []string{"data/achievement.csv:3: a 2024-25 math female: count 9"}},
		// b's and c's all students have 1 proficient between them (the
		// district's 28 less a's 27), so their English learners, within
		// them, have at most 1: a's have at least 3 − 1 = 2 of "≤5%" of
		// 40 (0 to 2). One bound at a time leaves b's and c's 1 each.
		{"two groups within all students, whose proficient are bounded together", achievement(t, nil,
			"district math all 100 28.0", "district math ell 62 4.8",
			"a math all 60 45.0", "a math ell 40 ≤5",
			"b math all 20 ≤5", "b math ell compl",
			"c math all 20 ≤5", "c math ell compl"),
			[]string{"data/achievement.csv:5: a 2024-25 math ell: coded ≤5% is 5.0–5.0%, adding and subtracting several identities"}},
		// The district's a1 has 3 students not proficient (24 − 21) and
		// its a2 38 (53 − 15), of whom jefferson-middle's are 20 and
		// lincoln-middle's at most its all students' 9: oak-elementary's
		// small a2 has at least 9 not proficient, so 9 students, none
		// proficient, and its a1 the 13 − 9 = 4 left beside its a0. Found
		// by an independent whole-number reader in what suppression
		// published before it carried students not proficient.
		{"students not proficient carried through several identities", achievement(t, []generator.Family{{Name: "a", Members: []string{"a0", "a1", "a2"}}},
			"district math all 104 39.4", "district math a0 27 18.5", "district math a1 24 87.5", "district math a2 53 28.3",
			"jefferson math all 48 37.5", "jefferson math a0 compl", "jefferson math a1 small", "jefferson math a2 29 31.0",
			"lincoln math all 29 69.0", "lincoln math a0 small", "lincoln math a1 compl", "lincoln math a2 compl",
			"oak math all 27 11.1", "oak math a0 14 ≤8", "oak math a1 small", "oak math a2 small"),
			[]string{
				"data/achievement.csv:16: oak 2024-25 math a1: count 4, adding and subtracting several identities, with what the labels say of the hidden counts",
				"data/achievement.csv:17: oak 2024-25 math a2: count 9, adding and subtracting several identities, with what the labels say of the hidden counts",
			}},
		{"two schools' hidden groups joined through a third", achievement(t, bridgeRace, bridge("")...),
			[]string{"data/achievement.csv:15: s2 2024-25 math hispanic: count 4, adding and subtracting several identities"}},
		{"the same, one more group hidden beside it", achievement(t, bridgeRace, bridge("s2 math white")...), nil},
		// No identity narrows y's g5 or g6 to one number, nor do they
		// one at a time: x's two families give x's g3 (g3 = g0 = 48,
		// the others cancel), the district's g3 then y's (32), and y's
		// family leaves g5 + g6 = 18, each fewer than 10.
		{"two hidden groups whose sum several identities give", achievement(t, []generator.Family{
			{Name: "one", Members: []string{"g0", "g2", "g4"}}, {Name: "two", Members: []string{"g2", "g3", "g4"}}, {Name: "three", Members: []string{"g3", "g5", "g6"}}},
			"district math all 120 50.0", "district math g3 80 50.0",
			"x math all 70 50.0", "x math g0 48 50.0", "x math g2 compl", "x math g3 compl", "x math g4 small",
			"y math all 50 50.0", "y math g3 compl", "y math g5 small", "y math g6 small"),
			[]string{
				"data/achievement.csv:11: y 2024-25 math g5: count 9, adding and subtracting several identities, with what the labels say of the hidden counts",
				"data/achievement.csv:12: y 2024-25 math g6: count 9, adding and subtracting several identities, with what the labels say of the hidden counts",
			}},
		// The same identities over proficient counts: x's families give
		// x's g3 none proficient (as its g0, 0.0%), the district's g3
		// then y's g3 all 16 of the district's, and y's all-students row
		// leaves its g5 and g6 none (23 − 7 − 16 = 0).
		{"none proficient in two hidden groups, from several identities", achievement(t, []generator.Family{
			{Name: "one", Members: []string{"g0", "g2", "g4"}}, {Name: "two", Members: []string{"g2", "g3", "g4"}}, {Name: "three", Members: []string{"g3", "g5", "g6"}}},
			"district math all 119 19.3", "district math g3 80 20.0",
			"x math all 70 10.0", "x math g0 48 0.0", "x math g2 compl", "x math g3 compl", "x math g4 small",
			"y math all 49 32.7", "y math g3 compl", "y math g5 small", "y math g6 small"),
			[]string{
				"data/achievement.csv:11: y 2024-25 math g5: percentage 0.0–0.0, adding and subtracting several identities",
				"data/achievement.csv:12: y 2024-25 math g6: percentage 0.0–0.0, adding and subtracting several identities",
			}},
		// A group has no more proficient students than all students at
		// its place, in a family or not: 9 of 11 proficient, so the
		// English learners' "≥90%" of 10 is 9 of 10.
		{"a coded group within all students", achievement(t, nil,
			"a math all 11 81.8", "a math ell 10 ≥90"),
			[]string{"data/achievement.csv:3: a 2024-25 math ell: coded ≥90% is 90.0–90.0%"}},
		// The district's 12 proficient students are at least j's 12
		// English learners, so l's small group and o's have none.
		{"schools within the district, a group within its school", achievement(t, nil,
			"district math all 73 16.4", "l math all small", "j math all compl", "j math ell 18 66.7", "o math all 49 ≤5"),
			[]string{
				"data/achievement.csv:3: l 2024-25 math all: percentage 0.0–0.0",
				"data/achievement.csv:6: o 2024-25 math all: coded ≤5% is 0.0–0.0%",
			}},
		// The district's all students are "fewer than 10", its one
		// school's "10 or more": the numbers visibly do not add up, and
		// what narrowing makes of them (every count 5) is no derivation.
		{"labels that cannot add up", achievement(t, []generator.Family{{Name: "a", Members: []string{"a0", "a1"}}},
			"district math all small", "district math a0 small", "district math a1 small",
			"l math all compl", "l math a0 small", "l math a1 small"), nil},
		{"nothing to find", achievement(t, gender,
			"a math all 100 50.0", "a math female small", "a math male compl"), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, l := range tt.ev.Leaks() {
				got = append(got, l.String())
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("leaks:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// bridgeRace and bridge are a district of four schools whose small groups
// hide in two closed loops across schools and groups (s1 and s2 in asian
// and black, s3 and s4 in hispanic and white), joined by s2's hispanic
// group alone: s1's and s2's all-students rows less their shown groups,
// less the district's asian and black rows less s3's and s4's, leave it
// (13 + 17 − 14 − 12 = 4). One identity at a time gives nothing away.
// The row given as complementary is shown hidden to protect another.
var bridgeRace = []generator.Family{{Name: "race", Members: []string{"asian", "black", "hispanic", "white"}}}

func bridge(complementary string) []string {
	rows := []string{
		"district math all 345 50.7", "district math asian 69 49.3", "district math black 92 46.7", "district math hispanic 60 46.7", "district math white 124 56.5",
		"s1 math all 103 54.4", "s1 math asian small", "s1 math black small", "s1 math hispanic 40 50.0", "s1 math white 50 60.0",
		"s2 math all 77 51.9", "s2 math asian small", "s2 math black small", "s2 math hispanic small", "s2 math white 60 55.0",
		"s3 math all 80 47.5", "s3 math asian 30 50.0", "s3 math black 35 45.7", "s3 math hispanic small", "s3 math white small",
		"s4 math all 85 48.2", "s4 math asian 25 48.0", "s4 math black 45 48.9", "s4 math hispanic small", "s4 math white small",
	}
	for i, r := range rows {
		if strings.HasPrefix(r, complementary+" ") {
			rows[i] = complementary + " compl"
		}
	}
	return rows
}

// TestFindsTrustLeaks: a school's mean as the district's less the others',
// and a favorable share of 100% of five shown uncoded.
func TestFindsTrustLeaks(t *testing.T) {
	r := func(line int, school string, mean float64, n int, fav float64, hide bool) audit.TrustRow {
		res := audit.TrustRow{Pos: generator.Pos{File: "data/trust.csv", Line: line}, School: school, Year: 2025, Group: "teachers", Facet: "honesty",
			Mean: audit.Value{Kind: evidence.Reported, Number: mean}, Respondents: audit.Count{N: n}, Favorable: audit.Value{Kind: evidence.Reported, Number: fav}}
		if hide {
			res.Mean = audit.Value{Kind: evidence.Suppressed}
			res.Favorable = res.Mean
			res.Respondents = audit.Count{Hidden: true, Reason: evidence.SmallGroup}
		}
		return res
	}
	tr := &audit.Trust{ScaleMin: 1, ScaleMax: 6, MinRespondents: 5,
		DistrictSums: []generator.TrustSlice{{Year: 2025, Group: "teachers", Facet: "honesty"}},
		Rows: []audit.TrustRow{
			r(2, "district", 4.00, 30, 70.0, false),
			r(3, "a", 0, 0, 0, true),
			r(4, "b", 4.38, 26, 80.8, false),
		}}
	var got []string
	for _, l := range (&audit.Published{Trust: tr}).Leaks() {
		got = append(got, l.String())
	}
	want := "data/trust.csv:3: a 2024-25 teachers honesty: count 4"
	if len(got) == 0 || got[0] != want {
		t.Errorf("leaks: %q, want first %q", got, want)
	}
}

// TestFindsTrustLeaksThroughInvited: no more answer than were invited,
// and the same people are invited to every facet. Where some skipped a
// statement, Oak's 20 answered openness shown beside its 21 invited
// bound its hidden honesty count: at most 21 of the 25 the district's
// honesty leaves Lincoln's small group and Oak, so Lincoln's are at
// least 4, which a small group of at most 4 makes exactly 4. Without the
// invited column, nothing is derived.
func TestFindsTrustLeaksThroughInvited(t *testing.T) {
	r := func(line int, school, facet string, n, invited int, reason evidence.SuppressReason) audit.TrustRow {
		res := audit.TrustRow{Pos: generator.Pos{File: "data/trust.csv", Line: line}, School: school, Year: 2025, Group: "teachers", Facet: facet,
			Respondents: audit.Count{N: n}, Invited: audit.Count{N: invited}}
		if reason != evidence.NotSuppressed {
			res.Respondents = audit.Count{Hidden: true, Reason: reason}
			res.Invited = audit.Count{Hidden: true, Reason: reason}
		}
		return res
	}
	small, compl := evidence.SmallGroup, evidence.Complementary
	rows := []audit.TrustRow{
		r(2, "district", "honesty", 55, 67, 0),
		r(3, "lincoln", "honesty", 0, 0, small),
		r(4, "oak", "honesty", 0, 0, compl),
		r(5, "pine", "honesty", 30, 40, 0),
		r(6, "district", "openness", 54, 67, 0),
		r(7, "lincoln", "openness", 0, 0, small),
		r(8, "oak", "openness", 20, 21, 0),
		r(9, "pine", "openness", 0, 0, compl),
	}
	tr := &audit.Trust{ScaleMin: 1, ScaleMax: 6, MinRespondents: 5, Rows: rows,
		DistrictSums: []generator.TrustSlice{{Year: 2025, Group: "teachers", Facet: "honesty"}, {Year: 2025, Group: "teachers", Facet: "openness"}},
		InvitedSums:  []generator.TrustSlice{{Year: 2025, Group: "teachers", Facet: "honesty"}, {Year: 2025, Group: "teachers", Facet: "openness"}}}
	var got []string
	for _, l := range (&audit.Published{Trust: tr}).Leaks() {
		got = append(got, l.String())
	}
	want := "data/trust.csv:3: lincoln 2024-25 teachers honesty: count 4"
	if !slices.Contains(got, want) {
		t.Errorf("leaks: %q, want %q", got, want)
	}
	for i := range rows {
		rows[i].Invited = audit.Count{Hidden: true}
	}
	if leaks := (&audit.Published{Trust: tr}).Leaks(); len(leaks) != 0 {
		t.Errorf("without invited: %v", leaks)
	}
}

// TestReadsWhatIsPublished: Read takes from the evidence the numbers shown
// and the labels shown instead, no more.
func TestReadsWhatIsPublished(t *testing.T) {
	fsys := fstest.MapFS{
		"data/achievement.yaml": {Data: []byte("subjects: [{id: math}]\nsubgroups: [{id: all}, {id: black}, {id: white}]\n")},
		"data/achievement.csv": {Data: []byte("school,year,subject,subgroup,tested,proficient_pct\n" +
			"a,2024-25,math,all,120,61.5\na,2024-25,math,black,7,43.7\na,2024-25,math,white,*,*\nb,2024-25,math,all,50,97\n")},
		"data/trust.yaml": {Data: []byte("scale: {min: 1, max: 6}\nfacets: [{id: honesty}]\ngroups: [{id: teachers}]\n")},
		"data/trust.csv": {Data: []byte("school,year,group,facet,mean,respondents,favorable_pct\n" +
			"a,2024-25,teachers,honesty,4.2,30,80\nb,2024-25,teachers,honesty,4.5,3,90\n")},
	}
	var ds generator.Diagnostics
	p := audit.Read(evidence.Load(fsys, evidence.Known{Schools: []string{"a", "b"}}, &ds))
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	var got []string
	for _, r := range p.Achievement.Rows {
		got = append(got, fmt.Sprintf("%s %s %+v %+v", r.School, r.Subgroup, r.Tested, r.Proficient))
	}
	for _, r := range p.Trust.Rows {
		got = append(got, fmt.Sprintf("%s %s %+v %+v %+v", r.School, r.Group, r.Respondents, r.Mean, r.Favorable))
	}
	want := []string{
		"a all {N:120 Hidden:false Reason:0} {Kind:1 Number:61.5 Text: Rounding:0}",
		"a black {N:0 Hidden:true Reason:1} {Kind:3 Number:0 Text: Rounding:0}",
		"a white {N:0 Hidden:true Reason:3} {Kind:0 Number:0 Text: Rounding:0}",
		"b all {N:50 Hidden:false Reason:0} {Kind:2 Number:95 Text:≥95% Rounding:0.5}",                                          // coded from "100": a whole number
		"a teachers {N:30 Hidden:false Reason:0} {Kind:1 Number:4.2 Text: Rounding:0.05} {Kind:1 Number:80 Text: Rounding:0.5}", // a mean to one decimal
		"b teachers {N:0 Hidden:true Reason:1} {Kind:3 Number:0 Text: Rounding:0} {Kind:3 Number:0 Text: Rounding:0}",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("read:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestScalesBelowZero: on a scale of −2 to 2 a sum of ratings can be below
// zero, and the audit reads it so. It derives what is derivable (a count
// by subtraction, every respondent at an end of the scale, and so all
// favorable or none, whichever answer favorable counts from) and nothing
// that is not: two withheld schools share 10 teachers and −7 points (and
// on a scale of 0.5 to 4.5, 10 teachers and 18 points).
func TestScalesBelowZero(t *testing.T) {
	row := func(line int, school string, mean float64, n int) audit.TrustRow {
		r := audit.TrustRow{Pos: generator.Pos{File: "data/trust.csv", Line: line}, School: school, Year: 2025, Group: "teachers", Facet: "honesty",
			Mean: audit.Value{Kind: evidence.Reported, Number: mean}, Respondents: audit.Count{N: n}, Favorable: audit.Value{Kind: evidence.NotReported}}
		if n < 10 {
			r.Mean = audit.Value{Kind: evidence.Suppressed}
			r.Respondents = audit.Count{Hidden: true, Reason: evidence.SmallGroup}
		}
		return r
	}
	for _, tt := range []struct {
		name  string
		shift float64 // the scale and the rows' means moved by this much
		rows  []audit.TrustRow
		want  []string
	}{
		{"not derivable", 0, []audit.TrustRow{row(2, "district", 0.50, 40), row(3, "a", 0.90, 30), row(4, "b", -0.60, 5), row(5, "c", -0.80, 5)}, nil},
		{"on a scale of 0.5 to 4.5, not derivable", 2.5, []audit.TrustRow{row(2, "district", 0.50, 40), row(3, "a", 0.90, 30), row(4, "b", -0.60, 5), row(5, "c", -0.80, 5)}, nil},
		{"below zero, not derivable", 0, []audit.TrustRow{row(2, "district", -1.10, 40), row(3, "a", -1.00, 30), row(4, "b", -1.40, 5), row(5, "c", -1.40, 5)}, nil},
		{"a count by subtraction", 0, []audit.TrustRow{row(2, "district", -1.00, 30), row(3, "a", 0, 4), row(4, "b", -1.20, 26)},
			[]string{"data/trust.csv:3: a 2024-25 teachers honesty: count 4"}},
		{"all at the bottom", 0, []audit.TrustRow{row(2, "district", -2.00, 25), row(3, "a", 0, 6), row(4, "b", 0, 7), row(5, "c", -2.00, 12)},
			[]string{"data/trust.csv:3: a 2024-25 teachers honesty + b 2024-25 teachers honesty: none of them favorable (0%)",
				"data/trust.csv:3: a 2024-25 teachers honesty: favorable 0.0–0.0",
				"data/trust.csv:3: a 2024-25 teachers honesty: mean -2.0 (every respondent answered -2)",
				"data/trust.csv:4: b 2024-25 teachers honesty: favorable 0.0–0.0",
				"data/trust.csv:4: b 2024-25 teachers honesty: mean -2.0 (every respondent answered -2)"}},
		{"the rest at the top", 0, []audit.TrustRow{row(2, "district", 0.80, 30), row(3, "a", -1.00, 12), row(4, "b", 0, 6), row(5, "c", 0, 6), row(6, "d", 0, 6)},
			[]string{"data/trust.csv:4: b 2024-25 teachers honesty + c 2024-25 teachers honesty + d 2024-25 teachers honesty: all of them favorable (100%)",
				"data/trust.csv:4: b 2024-25 teachers honesty: mean 2.0 (every respondent answered 2)",
				"data/trust.csv:5: c 2024-25 teachers honesty: mean 2.0 (every respondent answered 2)",
				"data/trust.csv:6: d 2024-25 teachers honesty: mean 2.0 (every respondent answered 2)"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			tr := &audit.Trust{ScaleMin: -2 + tt.shift, ScaleMax: 2 + tt.shift, MinRespondents: 10,
				DistrictSums: []generator.TrustSlice{{Year: 2025, Group: "teachers", Facet: "honesty"}}, Rows: slices.Clone(tt.rows)}
			for i := range tr.Rows {
				if tr.Rows[i].Mean.Kind == evidence.Reported {
					tr.Rows[i].Mean.Number += tt.shift
				}
			}
			var got []string
			for _, l := range (&audit.Published{Trust: tr}).Leaks() {
				got = append(got, l.String())
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("leaks:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}
