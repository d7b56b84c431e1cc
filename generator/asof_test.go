package generator_test

import (
	"testing"
	"time"

	"github.com/folio-sites/folio/generator"
)

func TestYearOf(t *testing.T) {
	for date, want := range map[string]string{
		"2025-09-01": "2025-26",
		"2025-07-01": "2025-26",
		"2025-06-30": "2024-25",
		"2025-01-15": "2024-25",
	} {
		d, _ := time.Parse("2006-01-02", date)
		if got := generator.YearOf(d).String(); got != want {
			t.Errorf("YearOf(%s) = %s, want %s", date, got, want)
		}
	}
	if got := generator.EndOf(2025).Format("2006-01-02"); got != "2025-06-30" {
		t.Errorf("EndOf(2024-25) = %s", got)
	}
}

func TestAsOf(t *testing.T) {
	day := func(s string) time.Time { d, _ := time.Parse("2006-01-02", s); return d }
	ev := &generator.Evidence{
		Installation: []generator.Observation{
			{School: "oak", Date: day("2025-05-15")},
			{School: "elm", Date: day("2025-06-02")},
		},
		Trust:       &generator.Trust{Results: []generator.TrustResult{{School: "oak", Year: 2024}, {School: "district", Year: 2025}}},
		Achievement: &generator.Achievement{Results: []generator.AchievementResult{{School: "oak", Year: 2025}}},
	}
	tests := []struct {
		place string
		want  generator.AsOf
	}{
		{"oak", generator.AsOf{Observed: day("2025-05-15"), Survey: 2024, Assessment: 2025}},
		{"elm", generator.AsOf{Observed: day("2025-06-02")}},
		{"district", generator.AsOf{Survey: 2025}},
		{"", generator.AsOf{Observed: day("2025-06-02"), Survey: 2025, Assessment: 2025}},
		{"pine", generator.AsOf{}},
	}
	for _, tt := range tests {
		if got := ev.AsOf(tt.place); got != tt.want {
			t.Errorf("AsOf(%q) = %+v, want %+v", tt.place, got, tt.want)
		}
	}
	if !ev.AsOf("pine").IsZero() || ev.AsOf("oak").IsZero() {
		t.Error("IsZero")
	}
}
