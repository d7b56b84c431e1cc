package evidence_test

import (
	"testing"

	"github.com/folio-sites/folio/generator"
	"github.com/folio-sites/folio/generator/evidence"
)

func TestParseYear(t *testing.T) {
	tests := []struct {
		in   string
		want generator.SchoolYear
		ok   bool
	}{
		{"2023-24", 2024, true},
		{"2024", 2024, true},
		{"2023-2024", 2024, true},
		{" 2023-24 ", 2024, true},
		{"1999-00", 2000, true},
		{"2023-25", 0, false},
		{"2023-2025", 0, false},
		{"2024-23", 0, false},
		{"23-24", 0, false},
		{"2023/24", 0, false},
		{"2023–24", 0, false}, // en dash
		{"FY24", 0, false},
		{"0224", 0, false},
		{"", 0, false},
	}
	for _, tt := range tests {
		got, ok := evidence.ParseYear(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("ParseYear(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
	if y, _ := evidence.ParseYear("2024"); y.String() != "2023-24" {
		t.Errorf("2024 prints as %s, want 2023-24", y)
	}
}

// TestYearsSortChronologically writes years in three spellings and out of
// order; results come out by year.
func TestYearsSortChronologically(t *testing.T) {
	ev, diags := load(t, map[string]string{
		"achievement.yaml": achievementYAML,
		"achievement.csv": achievementHeader +
			"lincoln-middle,2024-25,math,all,120,61\n" +
			"lincoln-middle,2022-23,math,all,110,55\n" +
			"lincoln-middle,2024,math,all,115,58\n" +
			"jefferson-middle,2023-2024,reading,all,90,70\n" +
			"jefferson-middle,2023-2024,math,all,90,50\n",
		"trust.yaml": trustYAML,
		"trust.csv": trustHeader +
			"lincoln-middle,2024-25,teachers,honesty,4.1,20,25,70\n" +
			"lincoln-middle,2022-23,teachers,honesty,3.9,20,25,60\n" +
			"lincoln-middle,2023-24,parents,honesty,4.5,30,80,82\n" +
			"lincoln-middle,2023-24,teachers,openness,4.0,20,25,65\n" +
			"lincoln-middle,2023-24,teachers,honesty,4.0,20,25,66\n",
	})
	checkDiagnostics(t, diags, nil)
	checkRows(t, "achievement", achievementRows(ev.Achievement), []string{
		"jefferson-middle 2023-24 math all 90 50",
		"jefferson-middle 2023-24 reading all 90 70",
		"lincoln-middle 2022-23 math all 110 55",
		"lincoln-middle 2023-24 math all 115 58",
		"lincoln-middle 2024-25 math all 120 61",
	})
	checkRows(t, "trust", trustRows(ev.Trust), []string{
		"lincoln-middle 2022-23 teachers honesty mean=3.9 n=20 invited=25 favorable=60",
		"lincoln-middle 2023-24 teachers honesty mean=4 n=20 invited=25 favorable=66",
		"lincoln-middle 2023-24 teachers openness mean=4 n=20 invited=25 favorable=65",
		"lincoln-middle 2023-24 parents honesty mean=4.5 n=30 invited=80 favorable=82",
		"lincoln-middle 2024-25 teachers honesty mean=4.1 n=20 invited=25 favorable=70",
	})
}
