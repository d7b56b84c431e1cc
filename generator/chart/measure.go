package chart

import (
	"fmt"

	"github.com/folio-sites/folio/generator"
)

// describe writes a measure for a table or summary. unit follows reported
// numbers ("%" or ""); who names a small group ("students").
func describe(m generator.Measure, format func(float64) string, min int, who string) string {
	switch m.Kind {
	case generator.Reported:
		return format(m.Value)
	case generator.Coded:
		return m.Text
	case generator.Suppressed:
		return suppressedText(m.Reason, min, who)
	default:
		if m.Text == noDataText {
			return noDataText
		}
		if m.Text != "" {
			return "not reported (" + m.Text + ")"
		}
		return "not reported"
	}
}

func suppressedText(r generator.SuppressReason, min int, who string) string {
	if r == generator.Complementary {
		return "suppressed to protect a small group"
	}
	return fmt.Sprintf("fewer than %d %s", min, who)
}

// countText writes a count, or why it is hidden.
func countText(c generator.Count, min int, who string) string {
	if c.Hidden {
		return suppressedText(c.Reason, min, who)
	}
	return fmt.Sprint(c.N)
}

// plotValue returns the number to draw for a measure and whether there is
// one: reported values and the bound of coded ones.
func plotValue(m generator.Measure) (float64, bool) {
	if m.Kind == generator.Reported || m.Kind == generator.Coded {
		return m.Value, true
	}
	return 0, false
}
