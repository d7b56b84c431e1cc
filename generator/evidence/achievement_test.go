package evidence_test

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/folio-sites/folio/generator"
	"github.com/folio-sites/folio/generator/evidence"
)

func TestAchievementProblems(t *testing.T) {
	tests := []struct {
		name, rows string
		diags      []string
	}{
		{"unknown subject", "lincoln-middle,2023-24,mth,all,120,61.5", []string{
			"data/achievement.csv:2:24: unknown subject 'mth' — did you mean 'math'?",
		}},
		{"unknown subgroup", "lincoln-middle,2023-24,math,hispanic,40,61.5", []string{
			"data/achievement.csv:2:29: unknown subgroup 'hispanic' — subgroups are declared under subgroups: in data/achievement.yaml",
		}},
		{"unknown school", "district-office,2023-24,math,all,120,61.5", []string{
			"data/achievement.csv:2:1: unknown school 'district-office' — school ids are the folder names under content/schools/, or district for the central office",
		}},
		{"bad year", "lincoln-middle,24,math,all,120,61.5", []string{
			"data/achievement.csv:2:16: year: '24' is not a school year — write the school year as 2023-24 (or its spring year, 2024)",
		}},
		{"a decimal comma in a comma-separated file", "lincoln-middle,2023-24,math,all,120,\"57,8\"", []string{
			"data/achievement.csv:2:37: proficient_pct: '57,8' is not a number — write 57.8, with a decimal point (a file whose columns are separated by ';' may use decimal commas)",
		}},
		{"year with an en dash", "lincoln-middle,2022\u201323,math,all,120,61.5", []string{
			"data/achievement.csv:2:16: year: '2022\u201323' is not a school year — write it with a plain hyphen, 2022-23: it has a dash that only looks like one",
		}},
		{"tested not whole", "lincoln-middle,2023-24,math,all,120.5,61.5\nlincoln-middle,2023-24,reading,all,120.,61.5\nlincoln-middle,2022-23,reading,all,\"1,20.0\",61.5", []string{
			"data/achievement.csv:2:33: tested: '120.5' is not a whole number — write a whole number, 0 or more, e.g. 24, or * for a count suppressed at the source",
			"data/achievement.csv:3:36: tested: '120.' is not a whole number — write a whole number, 0 or more, e.g. 24, or * for a count suppressed at the source",
			"data/achievement.csv:4:36: tested: '1,20.0' is not a whole number — write a whole number, 0 or more, e.g. 24, or * for a count suppressed at the source",
		}},
		{"tested past any district", "lincoln-middle,2023-24,math,all,9223372036854775807,61.5\nlincoln-middle,2023-24,reading,all,\"100,000,001\",61.5\nlincoln-middle,2022-23,math,all,\"100,000,000\",61.5", []string{
			"data/achievement.csv:2:33: tested: 9223372036854775807 is more people than any school or district has (at most 100,000,000) — check that the column holds a count of people, not an id or a total of several columns",
			"data/achievement.csv:3:36: tested: 100,000,001 is more people than any school or district has (at most 100,000,000) — check that the column holds a count of people, not an id or a total of several columns",
		}},
		{"tested suppressed at source", "lincoln-middle,2023-24,math,all,*,*\nlincoln-middle,2023-24,reading,all,<10,\nlincoln-middle,2022-23,math,all,,45", nil},
		{"percentage not a number", "lincoln-middle,2023-24,math,all,120,abc", []string{
			"data/achievement.csv:2:37: proficient_pct: 'abc' is not a number — write a number such as 61.5, a bound such as <5, or * for a value not reported",
		}},
		{"percentage above 100", "lincoln-middle,2023-24,math,all,120,101", []string{
			"data/achievement.csv:2:37: proficient_pct: 101 is outside 0–100 — write a percentage from 0 to 100",
		}},
		{"coded percentage above 100", "lincoln-middle,2023-24,math,all,120,>150%", []string{
			"data/achievement.csv:2:37: proficient_pct: >150% is outside 0–100 — write a percentage from 0 to 100",
		}},
		{"duplicate row, years written differently", "lincoln-middle,2023-24,math,black,12,40\nlincoln-middle,2024,math,black,12,41", []string{
			"data/achievement.csv:3:1: duplicate row for lincoln-middle 2023-24 math black — the first is at data/achievement.csv:2",
		}},
		{"one school's rows pasted as fractions", "lincoln-middle,2023-24,math,all,120,57.8\njefferson-middle,2023-24,math,all,120,0.5\njefferson-middle,2023-24,reading,all,120,0.837\njefferson-middle,2022-23,reading,all,120,0.61", []string{
			"data/achievement.csv:3:39: warning: proficient_pct: every percentage of jefferson-middle is at most 1, where other schools' are larger — were its rows exported as fractions? write 83.7 or 83.7%, not 0.837",
		}},
		{"a school's few small percentages", "lincoln-middle,2023-24,math,all,120,57.8\njefferson-middle,2023-24,math,all,120,0.8\njefferson-middle,2023-24,reading,all,120,0.5\njefferson-middle,2022-23,reading,all,120,1", nil},
		{"percentages exported as fractions", "lincoln-middle,2023-24,math,all,120,0.45\nlincoln-middle,2023-24,reading,all,120,0.6\nlincoln-middle,2022-23,reading,all,120,*", []string{
			"data/achievement.csv:2:37: proficient_pct: every percentage in the file is at most 1 — did you export fractions? write 45 or 45%",
		}},
		// Exported with the two columns the other way round: one line
		// says so at the header, before each row's own.
		{"tested and proficient_pct swapped", "lincoln-middle,2023-24,math,all,57.8,192\nlincoln-middle,2023-24,reading,all,61.5,40\nlincoln-middle,2022-23,math,all,50.5,188", []string{
			"data/achievement.csv:1: the columns tested and proficient_pct look swapped: tested holds percentages (such as '57.8') and proficient_pct holds counts (such as '192') on 3 of 3 rows — swap the two names in the header row, or the two columns",
			"data/achievement.csv:2:33: tested: '57.8' is not a whole number — write a whole number, 0 or more, e.g. 24, or * for a count suppressed at the source",
			"data/achievement.csv:2:38: proficient_pct: 192 is outside 0–100 — write a percentage from 0 to 100",
			"data/achievement.csv:3:36: tested: '61.5' is not a whole number — write a whole number, 0 or more, e.g. 24, or * for a count suppressed at the source",
			"data/achievement.csv:4:33: tested: '50.5' is not a whole number — write a whole number, 0 or more, e.g. 24, or * for a count suppressed at the source",
			"data/achievement.csv:4:38: proficient_pct: 188 is outside 0–100 — write a percentage from 0 to 100",
		}},
		// pandas writes counts with a fraction of zeros beside whole
		// percentages: no swap.
		{"counts written 93.0 beside whole percentages", "lincoln-middle,2023-24,math,all,93.0,58\nlincoln-middle,2023-24,reading,all,45.0,60\nlincoln-middle,2022-23,math,all,48.0,56", nil},
		{"coded and not reported values", "lincoln-middle,2023-24,math,all,120,n<10\nlincoln-middle,2023-24,reading,all,120,<=50", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, diags := load(t, map[string]string{"achievement.yaml": achievementYAML, "achievement.csv": achievementHeader + tt.rows + "\n"})
			checkDiagnostics(t, diags, tt.diags)
		})
	}
}

// TestOneRowTheWrongWayRound: a row with its count and percentage the
// other way round ("75.0" tested, "12" percent) reads as valid, 12% of
// 75 students. Where the file writes every other count whole and every
// other percentage with decimals, it is a warning at the row; where the
// file writes them all alike (pandas' "93.0" counts, whole percentages),
// nothing is said.
func TestOneRowTheWrongWayRound(t *testing.T) {
	rows := func(format string) string {
		var b strings.Builder
		for _, school := range []string{"lincoln-middle", "jefferson-middle", "oak-elementary"} {
			for j, subgroup := range []string{"all", "female", "male", "black"} {
				fmt.Fprintf(&b, format, school, subgroup, []int{80, 40, 40, 12}[j], 50+j)
			}
		}
		return b.String()
	}
	_, diags := load(t, map[string]string{"achievement.yaml": achievementYAML,
		"achievement.csv": achievementHeader + rows("%s,2023-24,math,%s,%d,%d.5\n") + "lincoln-middle,2023-24,reading,black,75.0,12\n"})
	checkDiagnostics(t, diags, []string{
		"data/achievement.csv:14:38: warning: tested 75.0 and proficient_pct 12 may be the wrong way round: the file's other rows write the count as a whole number and the percentage with decimals — if the count is the second, swap the two values",
	})
	// Many such rows are one printed line: the file's errors stay in view.
	var many strings.Builder
	for year := 2000; year < 2020; year++ {
		for _, school := range []string{"lincoln-middle", "jefferson-middle", "oak-elementary"} {
			for j, subgroup := range []string{"all", "female", "male", "black"} {
				fmt.Fprintf(&many, "%s,%d-%02d,math,%s,%d,%d.5\n", school, year, (year+1)%100, subgroup, []int{80, 40, 40, 12}[j], 50+j)
				if year < 2004 && j == 3 {
					fmt.Fprintf(&many, "%s,%d-%02d,reading,%s,30.0,%d\n", school, year, (year+1)%100, subgroup, 40+year%10)
				}
			}
		}
	}
	fsys := fstest.MapFS{"data/achievement.yaml": {Data: []byte(achievementYAML)},
		"data/achievement.csv": {Data: []byte(achievementHeader + many.String() + "oak-elementary,2024-25,math,all,abc,50.5\n")}}
	var ds generator.Diagnostics
	evidence.Load(fsys, known, &ds)
	ds.Sort()
	lines := ds.Lines(generator.PrintOptions{})
	if len(lines) != 2 || !strings.Contains(lines[0], "12 rows may have tested and proficient_pct the wrong way round") || !strings.Contains(lines[1], "tested: 'abc' is not a whole number") {
		t.Errorf("printed:\n%s\nwant one line for the 12 rows the wrong way round and the error", strings.Join(lines, "\n"))
	}

	// Every count written with zeros after the point: the file's way.
	_, diags = load(t, map[string]string{"achievement.yaml": achievementYAML,
		"achievement.csv": achievementHeader + rows("%s,2023-24,math,%s,%d.0,%d\n") + "lincoln-middle,2023-24,reading,black,75.0,12\n"})
	checkDiagnostics(t, diags, nil)
}

// TestTitleRowAboveTheHeader: a spreadsheet exported with a title above
// its column names is one error saying where the names are, not a list
// of missing columns.
func TestTitleRowAboveTheHeader(t *testing.T) {
	for _, title := range []string{",,Proficiency 2023-24,,,\n", "Prairie River results,,,,,\n,,,,,\nSource: state report card,,,,,\n",
		"Prairie River Assessment Results 2022-2025\n", "Prairie River results\nSource: state report card\n"} {
		_, diags := load(t, map[string]string{"achievement.yaml": achievementYAML,
			"achievement.csv": title + achievementHeader + "lincoln-middle,2023-24,math,all,120,61.5\n"})
		line := strings.Count(title, "\n") + 1
		want := fmt.Sprintf("data/achievement.csv:1: the column names are on line %d, not on the first line — remove the line%s above line %d, such as a title, so that the column names come first", line, map[bool]string{true: "", false: "s"}[line == 2], line)
		checkDiagnostics(t, diags, []string{want})
	}
}

func TestAchievementDefinitionProblems(t *testing.T) {
	const defs = "subjects: [{id: math}]\nsubgroups: [{id: all}, {id: female}, {id: male}]\n"
	tests := []struct {
		name, yaml string
		diags      []string
	}{
		{"family member not declared", defs + "families:\n  gender: [femal, male, nonbinary]\n", []string{
			"data/achievement.yaml:4:12: unknown subgroup 'femal' — did you mean 'female'?",
			"data/achievement.yaml:4:25: unknown subgroup 'nonbinary' — subgroups are declared under subgroups: in data/achievement.yaml",
		}},
		{"a family named again by an alias", defs + "families:\n  gender: &g [female, male]\n  sex: *g\n", nil},
		{"all in a family", defs + "families: {gender: [all, female, male]}\n", []string{
			"data/achievement.yaml:3:21: family 'gender': 'all' cannot be a member — a family lists the subgroups that together make up all students",
		}},
		{"member twice", defs + "families: {gender: [female, male, female]}\n", []string{
			"data/achievement.yaml:3:35: family 'gender': subgroup 'female' is listed twice — remove one of the two",
		}},
		{"family of one", defs + "families: {gender: [female]}\n", []string{
			"data/achievement.yaml:3:12: warning: family 'gender' has fewer than two subgroups — a family lists two or more subgroups that together make up all students",
		}},
		{"families not a map", defs + "families: [female, male]\n", []string{
			"data/achievement.yaml:3:11: families: expected a set of 'name: [subgroups]' lines — write e.g. families: {gender: [female, male]}",
		}},
		{"family not a list", defs + "families: {gender: female}\n", []string{
			"data/achievement.yaml:3:20: family 'gender': expected a list of subgroups — write e.g. gender: [female, male]",
		}},
		{"thresholds", defs + "min_n: 0\ntop_bottom: {low: 60, high: 40}\n", []string{
			"data/achievement.yaml:3:1: min_n must be at least 1 — the default is 10",
			"data/achievement.yaml:4:13: top_bottom: low (60) and high (40) must be percentages with low below high — percentages at or below low are shown as ≤low%, at or above high as ≥high%; the defaults are 5 and 95",
		}},
		{"min_n too small to protect anyone", defs + "min_n: 1\n", []string{
			"data/achievement.yaml:3:1: warning: min_n: 1 publishes the results of groups as small as 1 student, which can tell how each of them did — state rules hide groups of fewer than 5 to 30 students, most often 10 (the default); set the number your data steward signs off on",
		}},
		{"min_n of 5 is a rule some states keep", defs + "min_n: 5\n", nil},
		{"no subjects", "subgroups: [{id: all}]\n", []string{
			"data/achievement.yaml:1: achievement declares no subjects — add subjects: with the id and label of each subject, e.g. {id: math, label: Mathematics}",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ev, diags := load(t, map[string]string{"achievement.yaml": tt.yaml})
			checkDiagnostics(t, diags, tt.diags)
			if ev.Achievement == nil {
				t.Error("Achievement is nil although achievement.yaml exists")
			}
		})
	}
}

func TestAchievementNeedsDefinition(t *testing.T) {
	ev, diags := load(t, map[string]string{"achievement.csv": achievementHeader + "lincoln-middle,2023-24,math,all,120,61.5\n"})
	checkDiagnostics(t, diags, []string{
		"data/achievement.csv:1: achievement.csv needs achievement.yaml — add data/achievement.yaml with the subjects and subgroups the results refer to",
	})
	if ev.Achievement != nil {
		t.Errorf("Achievement = %+v, want nil", ev.Achievement)
	}
}

func TestAchievementDefinition(t *testing.T) {
	ev, diags := load(t, map[string]string{"achievement.yaml": `min_n: 15
top_bottom: {high: 90}
subjects: [{id: math, label: Mathematics}, {id: reading}]
subgroups: [{id: all, label: All students}, {id: female}, {id: male}, {id: ell}, {id: non-ell}]
families:
  language: [ell, non-ell]
  gender: [female, male]
`})
	checkDiagnostics(t, diags, nil)
	a := ev.Achievement
	if a.MinN != 15 || a.Low != 5 || a.High != 90 || len(a.Subjects) != 2 || a.Subjects[1].Label != "reading" || len(a.Subgroups) != 5 {
		t.Errorf("achievement = %+v", a)
	}
	if len(a.Families) != 2 || a.Families[0].Name != "gender" || a.Families[1].Name != "language" || a.Families[1].Members[1] != "non-ell" {
		t.Errorf("families = %+v, want gender then language (sorted by name)", a.Families)
	}
}
