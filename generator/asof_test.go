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
