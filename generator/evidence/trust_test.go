package evidence_test

import (
	"strings"
	"testing"
)

func TestTrustProblems(t *testing.T) {
	tests := []struct {
		name, row string
		diags     []string
	}{
		{"unknown group", "lincoln-middle,2023-24,teacher,honesty,4.2,20,25,80", []string{
			"data/trust.csv:2:24: unknown group 'teacher' — did you mean 'teachers'?",
		}},
		{"unknown group, far from any", "lincoln-middle,2023-24,staff,honesty,4.2,20,25,80", []string{
			"data/trust.csv:2:24: unknown group 'staff' — groups are declared under groups: in data/trust.yaml",
		}},
		{"unknown facet", "lincoln-middle,2023-24,teachers,honsety,4.2,20,25,80", []string{
			"data/trust.csv:2:33: unknown facet 'honsety' — did you mean 'honesty'?",
		}},
		{"unknown school", "lincoln-midle,2023-24,teachers,honesty,4.2,20,25,80", []string{
			"data/trust.csv:2:1: unknown school 'lincoln-midle' — did you mean 'lincoln-middle'?",
		}},
		{"year spanning two years", "lincoln-middle,2023-25,teachers,honesty,4.2,20,25,80", []string{
			"data/trust.csv:2:16: year: '2023-25' is not a school year — write the school year as 2023-24 (or its spring year, 2024)",
		}},
		{"mean above the scale", "lincoln-middle,2023-24,teachers,honesty,6.5,20,25,80", []string{
			"data/trust.csv:2:41: mean: 6.5 is outside the scale (1–6) — the scale runs from 1 to 6 (set in data/trust.yaml)",
		}},
		{"mean below the scale", "lincoln-middle,2023-24,teachers,honesty,0,20,25,80", []string{
			"data/trust.csv:2:41: mean: 0 is outside the scale (1–6) — the scale runs from 1 to 6 (set in data/trust.yaml)",
		}},
		{"mean not a number", "lincoln-middle,2023-24,teachers,honesty,high,20,25,80", []string{
			"data/trust.csv:2:41: mean: 'high' is not a number — write a number such as 4.2, or * for a mean not reported",
		}},
		{"mean as a percentage", "lincoln-middle,2023-24,teachers,honesty,4.2%,20,25,80", []string{
			"data/trust.csv:2:41: mean: '4.2%' is a percentage, not a rating — the scale runs from 1 to 6 (set in data/trust.yaml)",
		}},
		{"favorable above 100", "lincoln-middle,2023-24,teachers,honesty,4.2,20,25,104", []string{
			"data/trust.csv:2:51: favorable_pct: 104 is outside 0–100 — write a percentage from 0 to 100",
		}},
		{"favorable negative", "lincoln-middle,2023-24,teachers,honesty,4.2,20,25,-1", []string{
			"data/trust.csv:2:51: favorable_pct: -1 is outside 0–100 — write a percentage from 0 to 100",
		}},
		{"respondents not whole", "lincoln-middle,2023-24,teachers,honesty,4.2,20.5,25,80", []string{
			"data/trust.csv:2:45: respondents: '20.5' is not a whole number — write a whole number, 0 or more, e.g. 24, or * for a count suppressed at the source",
		}},
		{"respondents negative", "lincoln-middle,2023-24,teachers,honesty,4.2,-20,25,80\nlincoln-middle,2023-24,teachers,openness,4.2,\u221220.0,25,80", []string{
			"data/trust.csv:2:45: respondents: '-20' is negative — a count of people is 0 or more: write e.g. 24, or * for a count suppressed at the source",
			"data/trust.csv:3:46: respondents: '\u221220.0' is negative — a count of people is 0 or more: write e.g. 24, or * for a count suppressed at the source",
		}},
		{"respondents suppressed at source", "lincoln-middle,2023-24,teachers,honesty,4.2,,25,80\nlincoln-middle,2023-24,teachers,openness,*,n<5,25,*", nil},
		{"invited not whole", "lincoln-middle,2023-24,teachers,honesty,4.2,20,all,80", []string{
			"data/trust.csv:2:48: invited: 'all' is not a whole number — write a whole number, 0 or more, e.g. 24, or * for a count suppressed at the source",
		}},
		{"more respondents than invited", "lincoln-middle,2023-24,teachers,honesty,4.2,30,25,80", []string{
			"data/trust.csv:2:45: respondents (30) is more than invited (25) — respondents are the people who answered, out of those invited",
		}},
		{"duplicate row", "lincoln-middle,2023-24,teachers,honesty,4.2,20,25,80\nlincoln-middle,2024,teachers,honesty,4.3,20,25,81", []string{
			"data/trust.csv:3:1: duplicate row for lincoln-middle 2023-24 teachers honesty — the first is at data/trust.csv:2",
		}},
		{"values not reported or coded at source", "lincoln-middle,2023-24,teachers,honesty,*,20,,>95", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, diags := load(t, map[string]string{"trust.yaml": trustYAML, "trust.csv": trustHeader + tt.row + "\n"})
			checkDiagnostics(t, diags, tt.diags)
		})
	}
}

func TestTrustDefinitionProblems(t *testing.T) {
	tests := []struct {
		name, yaml string
		diags      []string
	}{
		{"labels", "scale: {min: 1, max: 4, labels: [No, Some, Yes]}\nfacets: [{id: honesty}]\ngroups: [{id: teachers}]\n", []string{
			"data/trust.yaml:1:8: warning: scale from 1 to 4 has 4 points but 3 labels — give one label per point, from min up",
		}},
		{"min not below max", "scale: {min: 5, max: 1}\nfacets: [{id: honesty}]\ngroups: [{id: teachers}]\n", []string{
			"data/trust.yaml:1:8: scale: min (5) must be less than max (1) — min is the lowest rating, max the highest",
		}},
		{"no scale", "facets: [{id: honesty}]\ngroups: [{id: teachers}]\n", []string{
			"data/trust.yaml:1: trust survey has no scale — add e.g. scale: {min: 1, max: 6}",
		}},
		{"duplicate and missing ids", "scale: {min: 1, max: 6}\nfacets: [{id: honesty}, {id: honesty}, {label: Openness}]\ngroups: [{id: teachers}]\nmin_respondents: 0\n", []string{
			"data/trust.yaml:2:25: duplicate facet id 'honesty' — the first is at data/trust.yaml:2:10; ids must be unique",
			"data/trust.yaml:2:40: missing facet id — add one; it is how other files refer to this entry",
			"data/trust.yaml:4:1: min_respondents must be at least 1 — the default is 5",
		}},
		{"min_respondents too small to keep answers anonymous", "scale: {min: 1, max: 6}\nfacets: [{id: honesty}]\ngroups: [{id: teachers}]\nmin_respondents: 2\n", []string{
			"data/trust.yaml:4:1: warning: min_respondents: 2 shows the answers of groups as small as 2 respondents, whose ratings can then be told — surveys promise anonymity to groups of 3 to 10, most often 5 (the default); set the number your data steward signs off on",
		}},
		{"ids that name the same files", "scale: {min: 1, max: 6}\nfacets: [{id: honesty}]\ngroups: [{id: teachers}, {id: TEACHERS}]\n", []string{
			"data/trust.yaml:3:26: group id 'TEACHERS' names the same files as 'teachers' — ids are written in the site's file names in lowercase, with _ for any other character; the first is at data/trust.yaml:3:10 — rename one",
		}},
		{"min_respondents of 3", "scale: {min: 1, max: 6}\nfacets: [{id: honesty}]\ngroups: [{id: teachers}]\nmin_respondents: 3\n", nil},
		{"favorable_from on the scale", "scale: {min: 1, max: 6}\nfavorable_from: 6\nfacets: [{id: honesty}]\ngroups: [{id: teachers}]\n", nil},
		{"favorable_from at the bottom", "scale: {min: 1, max: 6, labels: [Strongly disagree, Disagree, Somewhat disagree, Somewhat agree, Agree, Strongly agree]}\nfavorable_from: 1\nfacets: [{id: honesty}]\ngroups: [{id: teachers}]\n", []string{
			"data/trust.yaml:2:1: favorable_from: 1 is not an answer of the scale above its bottom (1–6) — give the lowest answer counted favorable, one of the scale's answers from 2 to 6, e.g. favorable_from: 4 if \"Somewhat agree\" is the first favorable answer",
		}},
		{"favorable_from between answers", "scale: {min: 1, max: 5}\nfavorable_from: 3.5\nfacets: [{id: honesty}]\ngroups: [{id: teachers}]\n", []string{
			"data/trust.yaml:2:1: favorable_from: 3.5 is not an answer of the scale above its bottom (1–5) — give the lowest answer counted favorable, one of the scale's answers from 2 to 5",
		}},
		{"no facets or groups", "scale: {min: 1, max: 6}\n", []string{
			"data/trust.yaml:1: trust survey declares no facets — add facets: with the id and label of each facet of trust the survey measures",
			"data/trust.yaml:1: trust survey declares no groups — add groups: with the id and label of each group surveyed, e.g. teachers",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ev, diags := load(t, map[string]string{"trust.yaml": tt.yaml})
			checkDiagnostics(t, diags, tt.diags)
			if ev.Trust == nil {
				t.Error("Trust is nil although trust.yaml exists")
			}
		})
	}
}

// TestTrustCutoffContradicted: with favorable_from: 4, "1.00" of 8 is
// every answer at the bottom, none favorable, beside 12.5% (1 of 8): the
// survey counts favorable from elsewhere, or over other respondents. The
// row is warned about at its favorable_pct; a row that agrees is not.
func TestTrustCutoffContradicted(t *testing.T) {
	yaml := strings.Replace(trustYAML, "scale: {min: 1, max: 6}\n", "scale: {min: 1, max: 6}\nfavorable_from: 4\n", 1)
	_, diags := load(t, map[string]string{"trust.yaml": yaml, "trust.csv": trustHeader +
		"lincoln-middle,2023-24,teachers,honesty,1.00,8,10,12.5\n" +
		"lincoln-middle,2023-24,teachers,openness,4.25,8,10,75.0\n"})
	checkDiagnostics(t, diags, []string{
		"data/trust.csv:2:51: warning: favorable_pct 12.5 of 8 respondents cannot be beside a mean of 1.00: that mean leaves 0 of them at 4 or above — check favorable_from: 4 in data/trust.yaml (the lowest answer counted favorable), and that favorable_pct counts the same respondents as the mean",
	})
}

func TestTrustNeedsDefinition(t *testing.T) {
	ev, diags := load(t, map[string]string{"trust.csv": trustHeader + "lincoln-middle,2023-24,teachers,honesty,4.2,20,25,80\n"})
	checkDiagnostics(t, diags, []string{
		"data/trust.csv:1: trust.csv needs trust.yaml — add data/trust.yaml with the scale, facets and groups of the survey",
	})
	if ev.Trust != nil {
		t.Errorf("Trust = %+v, want nil", ev.Trust)
	}
}

func TestTrustDefinition(t *testing.T) {
	ev, diags := load(t, map[string]string{"trust.yaml": "scale: {min: 1, max: 4, labels: [Never, Sometimes, Often, Always]}\n" +
		"facets: [{id: honesty, label: Honesty, description: Tells the truth}, {id: openness}]\ngroups: [{id: teachers, label: Teachers}]\n"})
	checkDiagnostics(t, diags, nil)
	tr := ev.Trust
	if tr.ScaleMin != 1 || tr.ScaleMax != 4 || len(tr.ScaleLabels) != 4 || tr.MinRespondents != 5 {
		t.Errorf("trust = %+v", tr)
	}
	if len(tr.Facets) != 2 || tr.Facets[0].Description != "Tells the truth" || tr.Facets[1].Label != "openness" {
		t.Errorf("facets = %+v", tr.Facets)
	}
	if tr.Results != nil {
		t.Errorf("results without trust.csv: %+v", tr.Results)
	}
}

// TestTrustOptionalColumns reads a file without invited and favorable_pct.
func TestTrustOptionalColumns(t *testing.T) {
	ev, diags := load(t, map[string]string{
		"trust.yaml": trustYAML,
		"trust.csv":  "school,year,group,facet,mean,respondents\nlincoln-middle,2023-24,teachers,honesty,4.2,20\nlincoln-middle,2023-24,teachers,openness,4.4,2\n",
	})
	checkDiagnostics(t, diags, nil)
	checkRows(t, "results", trustRows(ev.Trust), []string{
		"lincoln-middle 2023-24 teachers honesty mean=4.2 n=20 invited=none favorable=not-reported()",
		"lincoln-middle 2023-24 teachers openness mean=suppressed(small) n=hidden(small) invited=none favorable=suppressed(small)",
	})
}
