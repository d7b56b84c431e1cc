package evidence_test

import (
	"slices"
	"strings"
	"testing"
)

// TestSwappedIDColumns: a file whose header names two columns of ids the
// other way round (the spreadsheet's columns moved, the header typed as
// folio documents it) says so once at the header, above each row's own
// unknown ids; a file with a few such rows among right ones does not.
func TestSwappedIDColumns(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  string // the line at the header; "" for none
		row   string // a row's line that names the swap, when there is one
	}{
		{"installation: school and indicator", map[string]string{"framework.yaml": frameworkYAML, "installation.csv": installHeader +
			"partnership-1a,lincoln-middle,2024-05-15,partial,,,\npartnership-1b,lincoln-middle,2024-05-15,,3,,\npartnership-1a,oak-elementary,2024-05-15,partial,,,\n"},
			"data/installation.csv:1: the columns school and indicator look swapped: school holds indicators (such as 'partnership-1a') and indicator holds schools (such as 'lincoln-middle') on 3 of 3 rows — swap the two names in the header row, or the two columns",
			"data/installation.csv:2:1: unknown school 'partnership-1a' — it is an indicator: the columns school and indicator look swapped (line 1)"},
		{"trust: group and facet, by label", map[string]string{"trust.yaml": trustYAML, "trust.csv": trustHeader +
			"lincoln-middle,2023-24,Honesty,teachers,4.2,20,25,80\nlincoln-middle,2023-24,openness,Teachers,4.0,20,25,70\nlincoln-middle,2023-24,honesty,parents,4.4,30,,\n"},
			"data/trust.csv:1: the columns group and facet look swapped: group holds facets (such as 'Honesty') and facet holds groups (such as 'teachers') on 3 of 3 rows — swap the two names in the header row, or the two columns", ""},
		{"trust: school and group", map[string]string{"trust.yaml": trustYAML, "trust.csv": trustHeader +
			"teachers,2023-24,lincoln-middle,honesty,4.2,20,25,80\nparents,2023-24,oak-elementary,honesty,4.0,20,25,70\nteachers,2023-24,district,openness,4.4,30,,\n"},
			"data/trust.csv:1: the columns school and group look swapped: school holds groups (such as 'teachers') and group holds schools (such as 'lincoln-middle') on 3 of 3 rows — swap the two names in the header row, or the two columns", ""},
		{"achievement: school and subgroup, most rows", map[string]string{"achievement.yaml": achievementYAML, "achievement.csv": achievementHeader +
			"all,2023-24,math,lincoln-middle,120,61.5\nfemale,2023-24,math,lincoln-middle,60,60\nlincoln-middle,2023-24,math,male,60,63\n"},
			"data/achievement.csv:1: the columns school and subgroup look swapped: school holds subgroups (such as 'all') and subgroup holds schools (such as 'lincoln-middle') on 2 of 3 rows — swap the two values on those rows (the first is line 2), or, if it is the other rows that are the other way round, the two names in the header row", ""},
		{"achievement: subject and subgroup", map[string]string{"achievement.yaml": achievementYAML, "achievement.csv": achievementHeader +
			"lincoln-middle,2023-24,all,math,120,61.5\nlincoln-middle,2023-24,all,reading,120,60\nlincoln-middle,2022-23,female,math,60,63\n"},
			"data/achievement.csv:1: the columns subject and subgroup look swapped: subject holds subgroups (such as 'all') and subgroup holds subjects (such as 'math') on 3 of 3 rows — swap the two names in the header row, or the two columns",
			"data/achievement.csv:4:24: unknown subject 'female' — it is a subgroup: the columns subject and subgroup look swapped (line 1)"},
		{"trust: school, group and facet each hold the next one's", map[string]string{"trust.yaml": trustYAML, "trust.csv": trustHeader +
			"teachers,2023-24,honesty,lincoln-middle,4.2,20,25,80\nparents,2023-24,openness,oak-elementary,4.0,20,25,70\nteachers,2023-24,honesty,district,4.4,30,,\n"},
			"data/trust.csv:1: the columns school, group and facet look out of order: school holds groups (such as 'teachers'), group holds facets (such as 'honesty') and facet holds schools (such as 'lincoln-middle') on 3 of 3 rows — rename them in the header row (school to group, group to facet and facet to school), or move the columns to match it",
			"data/trust.csv:2:1: unknown school 'teachers' — it is a group: the columns school, group and facet look out of order (line 1)"},
		{"achievement: school, subject and subgroup rotated the other way", map[string]string{"achievement.yaml": achievementYAML, "achievement.csv": achievementHeader +
			"all,2023-24,lincoln-middle,math,120,61.5\nfemale,2023-24,lincoln-middle,reading,60,60\nmale,2022-23,oak-elementary,math,60,63\n"},
			"data/achievement.csv:1: the columns school, subgroup and subject look out of order: school holds subgroups (such as 'all'), subgroup holds subjects (such as 'math') and subject holds schools (such as 'lincoln-middle') on 3 of 3 rows — rename them in the header row (school to subgroup, subgroup to subject and subject to school), or move the columns to match it",
			"data/achievement.csv:2:28: unknown subgroup 'math' — it is a subject: the columns school, subgroup and subject look out of order (line 1)"},
		{"trust: most rows out of order", map[string]string{"trust.yaml": trustYAML, "trust.csv": trustHeader +
			"lincoln-middle,2023-24,teachers,honesty,4.1,20,25,80\nteachers,2023-24,honesty,lincoln-middle,4.2,20,25,80\nparents,2023-24,openness,oak-elementary,4.0,20,25,70\n"},
			"data/trust.csv:1: the columns school, group and facet look out of order: school holds groups (such as 'teachers'), group holds facets (such as 'honesty') and facet holds schools (such as 'lincoln-middle') on 2 of 3 rows — put the values of those rows in the header's order (the first is line 3), or, if it is the other rows that are out of order, rename the columns in the header row (school to group, group to facet and facet to school)",
			""},
		// Too few to say at the header: each row's hint says where its
		// value goes, not a near id of the column it is in.
		{"a few rows the other way round among right ones", map[string]string{"achievement.yaml": achievementYAML, "achievement.csv": achievementHeader +
			"all,2023-24,math,lincoln-middle,120,61.5\nlincoln-middle,2023-24,math,female,60,60\nlincoln-middle,2023-24,math,male,60,63\n"},
			"", "data/achievement.csv:2:18: unknown subgroup 'lincoln-middle' — it is a school, which goes in the school column: check that the row's values are under the right column names"},
		{"too few rows to say", map[string]string{"framework.yaml": frameworkYAML, "installation.csv": installHeader +
			"partnership-1a,lincoln-middle,2024-05-15,partial,,,\npartnership-1b,lincoln-middle,2024-05-15,,3,,\n"},
			"", "data/installation.csv:2:1: unknown school 'partnership-1a' — it is an indicator, which goes in the indicator column: check that the row's values are under the right column names"},
		{"a subgroup under subject on one row", map[string]string{"achievement.yaml": achievementYAML, "achievement.csv": achievementHeader +
			"lincoln-middle,2023-24,male,all,120,61.5\nlincoln-middle,2023-24,math,math,60,60\n"},
			"", "data/achievement.csv:2:24: unknown subject 'male' — it is a subgroup, which goes in the subgroup column: check that the row's values are under the right column names"},
		{"unknown values that are not the other column's", map[string]string{"framework.yaml": frameworkYAML, "installation.csv": installHeader +
			"adams-high,lincoln-middle,2024-05-15,partial,,,\nadams-high,partnership-9z,2024-05-15,,3,,\nadams-high,oak-elementary,2024-05-15,partial,,,\n"},
			"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, diags := load(t, tt.files)
			var got []string
			for _, d := range diags {
				if strings.Contains(d, "look swapped:") || strings.Contains(d, "look out of order:") {
					got = append(got, d)
				}
			}
			var want []string
			if tt.want != "" {
				want = []string{tt.want}
			}
			if !slices.Equal(got, want) {
				t.Errorf("header lines:\n%s\nwant:\n%s\nall:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"), strings.Join(diags, "\n"))
			}
			if tt.row != "" && !slices.Contains(diags, tt.row) {
				t.Errorf("no line %q among:\n%s", tt.row, strings.Join(diags, "\n"))
			}
			if tt.want == "" && slices.ContainsFunc(diags, func(d string) bool {
				return strings.Contains(d, "look swapped (line") || strings.Contains(d, "look out of order (line")
			}) {
				t.Errorf("a row's hint names a swap the header does not:\n%s", strings.Join(diags, "\n"))
			}
		})
	}
}
