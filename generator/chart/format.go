package chart

import (
	"fmt"
	"math"
	"strings"

	"github.com/folio-sites/folio/generator/evidence"
)

// Every number a chart writes goes through one of these, so that a number
// reads the same in a title, a table, a summary and a label.

// minus is the minus sign (U+2212), wider than a hyphen and read as
// "minus" by screen readers.
const minus = "\u2212"

// Mean writes a trust mean with two decimals: "4.65", "4.00".
func Mean(v float64) string { return signless(fmt.Sprintf("%.2f", v)) }

// Pct writes a percentage with one decimal: "61.5%".
func Pct(v float64) string { return signless(fmt.Sprintf("%.1f", round1(v))) + "%" }

// PP writes a gain in percentage points, signed, with one decimal:
// "+5.0 pp", "−2.5 pp", "0.0 pp".
func PP(v float64) string { return signed(fmt.Sprintf("%.1f", round1(v))) + " pp" }

// Change writes a change of trust means, signed, with two decimals:
// "+0.20", "−0.05", "0.00".
func Change(v float64) string { return signed(fmt.Sprintf("%.2f", math.Round(v*100)/100)) }

// Num writes a count or target as briefly as it can: "4", "2.5".
func Num(v float64) string {
	s := fmt.Sprintf("%.2f", v)
	return signless(strings.TrimRight(strings.TrimRight(s, "0"), "."))
}

// signed puts a "+" before a positive number, a real minus sign before a
// negative one, and nothing before zero ("-0.0" is zero).
func signed(s string) string {
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	if strings.Trim(s, "0.") == "" {
		return s
	}
	if neg {
		return minus + s
	}
	return "+" + s
}

// signless writes a negative number with a real minus sign.
func signless(s string) string {
	if rest, ok := strings.CutPrefix(s, "-"); ok {
		if strings.Trim(rest, "0.") == "" {
			return rest
		}
		return minus + rest
	}
	return s
}

func round1(v float64) float64 { return math.Round(v*10) / 10 }

// tenths rounds to a whole number of tenths, so that differences of
// one-decimal values are exact: 46.0 - 41.0 is 50 tenths.
func tenths(v float64) int { return int(math.Round(v * 10)) }

// who names the people a threshold counts, for "fewer than 5 …".
type who string

const (
	students    who = "students"
	respondents who = "respondents"
)

// cell turns a measure into a grid cell, writing reported values with
// format. The grid holds its own cells: a cell has a number only where
// the measure was published as one (or as a coded range's bound).
func (in *Input) cell(m evidence.Measure, format func(float64) string, min int, w who) Cell {
	if v, ok := m.Value(); ok {
		return Cell{State: Value, Value: v, Text: format(v)}
	}
	if b, ok := m.Bound(); ok {
		return Cell{State: Coded, Value: b, Text: m.Text()}
	}
	if m.Kind() == evidence.Suppressed {
		return Cell{State: Suppressed, Text: in.suppressed(m.Reason(), min, w), Complementary: m.Reason() == evidence.Complementary}
	}
	if t := m.Text(); t != "" {
		return Cell{State: NotReported, Text: in.msg("cell.not-reported.as", "text", t)}
	}
	return Cell{State: NotReported, Text: in.msg("cell.not-reported")}
}

// suppressed says why a value is hidden.
func (in *Input) suppressed(r evidence.SuppressReason, min int, w who) string {
	switch r {
	case evidence.Complementary:
		return in.msg("cell.complementary")
	case evidence.AtSource:
		return in.msg("cell.not-reported")
	}
	return in.msg("cell.fewer."+string(w), "n", min)
}

// suppressedKey is how a chart names the grey markers of its suppressed
// cells: in its legend (Name, which says why) and beside each marker
// (Mark, one word, which a long reason beside each marker would not fit).
type suppressedKey struct{ Name, Mark string }

// suppressedKey names the markers of a grid's suppressed cells by why
// they are hidden: "Suppressed (fewer than 10 students)", "Suppressed to
// protect a small group", or "Suppressed to protect small groups" where
// the grid has both (short, as a legend must be; the summary says which
// is which). A reader told that all students of a school of 150 are
// "fewer than 10" takes the chart for wrong.
func (in *Input) suppressedKey(g *Grid, min int, w who) suppressedKey {
	small, protects := false, false
	for _, row := range g.Cells {
		for _, c := range row {
			if c.State == Suppressed {
				protects = protects || c.Complementary
				small = small || !c.Complementary
			}
		}
	}
	key := suppressedKey{Name: in.msg("legend.suppressed."+string(w), "n", min), Mark: in.msg("mark.suppressed")}
	switch {
	case small && protects:
		key.Name = in.msg("legend.suppressed.either")
	case protects:
		key.Name = in.msg("legend.suppressed.complementary")
	}
	return key
}

// count writes a count of students or respondents, or why it is hidden.
func (in *Input) count(c evidence.Count, min int, w who) string {
	if n, ok := c.N(); ok {
		return fmt.Sprint(n)
	}
	if c.Hidden() {
		return in.suppressed(c.Reason(), min, w)
	}
	return in.msg("cell.not-reported")
}

// Gain is the change from before to after in percentage points, as a
// cell. It is suppressed when either value is, and not computed when
// either is coded or missing: a gain must never let a hidden value be
// worked out.
func (in *Input) Gain(before, after Cell) Cell {
	switch {
	case before.State == Suppressed:
		return Cell{State: Suppressed, Text: before.Text, Complementary: before.Complementary}
	case after.State == Suppressed:
		return Cell{State: Suppressed, Text: after.Text, Complementary: after.Complementary}
	case before.State == Coded || after.State == Coded:
		return Cell{State: NotComputed, Text: in.msg("cell.not-computed.coded")}
	case before.State != Value || after.State != Value:
		return Cell{State: NotComputed, Text: in.msg("cell.not-computed")}
	}
	v := float64(tenths(after.Value)-tenths(before.Value)) / 10
	return Cell{State: Value, Value: v, Text: PP(v)}
}
