package audit_test

import (
	"strings"
	"testing"

	"github.com/folio-sites/folio/generator"
	"github.com/folio-sites/folio/generator/audit"
)

// row is a published achievement row written compactly: "a math black 4
// small" (hidden as small), "a math all 100 80.0", "a math female 50 ≥95".
func row(t *testing.T, line int, s string) generator.AchievementResult {
	t.Helper()
	f := strings.Fields(s)
	r := generator.AchievementResult{Pos: generator.Pos{File: "data/achievement.csv", Line: line}, School: f[0], Year: 2025, Subject: f[1], Subgroup: f[2]}
	switch f[3] {
	case "small":
		r.Tested = generator.Count{Hidden: true, Reason: generator.SmallGroup}
		r.Proficient = generator.Measure{Kind: generator.Suppressed, Reason: generator.SmallGroup}
		return r
	case "compl":
		r.Tested = generator.Count{Hidden: true, Reason: generator.Complementary}
		r.Proficient = generator.Measure{Kind: generator.Suppressed, Reason: generator.Complementary}
		return r
	case "source":
		r.Tested = generator.Count{Hidden: true, Reason: generator.AtSource}
		r.Proficient = generator.Measure{Kind: generator.NotReported}
		return r
	}
	n := 0
	for _, c := range f[3] {
		n = 10*n + int(c-'0')
	}
	r.Tested = generator.Count{N: n}
	switch p := f[4]; {
	case strings.HasPrefix(p, "≥"), strings.HasPrefix(p, "≤"):
		v := parse(p[len("≥"):])
		r.Proficient = generator.Measure{Kind: generator.Coded, Value: v, Text: p + "%"}
	default:
		r.Proficient = generator.Measure{Kind: generator.Reported, Value: parse(p)}
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

func achievement(t *testing.T, families []generator.Family, rows ...string) *generator.Evidence {
	a := &generator.Achievement{MinN: 10, Low: 5, High: 95, Families: families}
	for i, s := range rows {
		a.Results = append(a.Results, row(t, i+2, s))
	}
	return &generator.Evidence{Achievement: a}
}

// TestFindsLeaks gives the audit what folio published before complementary
// suppression held against subtraction, one case of each kind, and expects
// it to name the cell that can be worked out.
func TestFindsLeaks(t *testing.T) {
	race := []generator.Family{{Name: "race", Members: []string{"black", "hispanic", "white"}}}
	gender := []generator.Family{{Name: "gender", Members: []string{"female", "male"}}}
	tests := []struct {
		name string
		ev   *generator.Evidence
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
		{"a count suppressed at the source", achievement(t, gender,
			"a math all 50 40.0", "a math female source", "a math male 42 40.5"),
			[]string{"data/achievement.csv:3: a 2024-25 math female: count 8"}},
		{"an inferred family", func() *generator.Evidence {
			ev := achievement(t, nil, "a math all 128 50.0", "a math female small", "a math male 119 51.3")
			ev.Achievement.Inferred = []generator.InferredFamily{{School: "a", Year: 2025, Subject: "math", Members: []string{"female", "male"}}}
			return ev
		}(), []string{"data/achievement.csv:3: a 2024-25 math female: count 9"}},
		{"nothing to find", achievement(t, gender,
			"a math all 100 50.0", "a math female small", "a math male compl"), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, l := range audit.Check(tt.ev) {
				got = append(got, l.String())
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("leaks:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// TestFindsTrustLeaks: a school's mean as the district's less the others',
// and a favorable share of 100% of five shown uncoded.
func TestFindsTrustLeaks(t *testing.T) {
	r := func(line int, school string, mean float64, n int, fav float64, hide bool) generator.TrustResult {
		res := generator.TrustResult{Pos: generator.Pos{File: "data/trust.csv", Line: line}, School: school, Year: 2025, Group: "teachers", Facet: "honesty",
			Mean: generator.Measure{Value: mean}, Respondents: generator.Count{N: n}, FavorablePct: generator.Measure{Value: fav}}
		if hide {
			res.Mean = generator.Measure{Kind: generator.Suppressed, Reason: generator.SmallGroup}
			res.FavorablePct = res.Mean
			res.Respondents = generator.Count{Hidden: true, Reason: generator.SmallGroup}
		}
		return res
	}
	tr := &generator.Trust{ScaleMin: 1, ScaleMax: 6, MinRespondents: 5, Low: 5, High: 95,
		DistrictSums: []generator.TrustSlice{{Year: 2025, Group: "teachers", Facet: "honesty"}},
		Results: []generator.TrustResult{
			r(2, "district", 4.00, 30, 70.0, false),
			r(3, "a", 0, 0, 0, true),
			r(4, "b", 4.38, 26, 80.8, false),
		}}
	var got []string
	for _, l := range audit.Check(&generator.Evidence{Trust: tr}) {
		got = append(got, l.String())
	}
	want := "data/trust.csv:3: a 2024-25 teachers honesty: count 4"
	if len(got) == 0 || got[0] != want {
		t.Errorf("leaks: %q, want first %q", got, want)
	}
}
