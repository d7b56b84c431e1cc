package evidence_test

import (
	"testing"
	"time"

	"github.com/folio-sites/folio/generator"
	"github.com/folio-sites/folio/generator/evidence"
)

func TestAsOf(t *testing.T) {
	day := func(s string) time.Time { d, _ := time.Parse("2006-01-02", s); return d }
	ev := &evidence.Data{
		Installation: []generator.Observation{
			{School: "oak", Date: day("2025-05-15")},
			{School: "elm", Date: day("2025-06-02")},
		},
		Trust:       &evidence.Trust{Results: []evidence.TrustResult{{School: "oak", Year: 2024}, {School: "district", Year: 2025}}},
		Achievement: &evidence.Achievement{Results: []evidence.AchievementResult{{School: "oak", Year: 2025}}},
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
