package chart

import (
	"cmp"
	"encoding/csv"
	"strings"
)

// State says what a Cell holds.
type State int

const (
	// Absent: there is no row for this cell; nothing is drawn and long
	// tables leave it out.
	Absent State = iota
	// Value: a number, drawn and written.
	Value
	// Coded: a range reported instead of a number ("≤5%"); drawn at its
	// bound and written as the range.
	Coded
	// Suppressed: hidden to protect a small group; marked, never drawn.
	Suppressed
	// NotReported: blank or suppressed at source; not drawn.
	NotReported
	// NotComputed: a derived number (a gain) that cannot be computed
	// from what is shown; not drawn.
	NotComputed
)

// Cell is what one series shows at one category.
type Cell struct {
	State State
	// Value is the number drawn (Value, and the bound of Coded).
	Value float64
	// Text is how the table writes the cell: "4.65", "≤5%", "fewer than
	// 5 respondents".
	Text string
	// Extra are the cell's further table columns (respondents, students
	// tested), in the order of Grid.Extra.
	Extra []string
	// Mark is a short label drawn on the cell where it has one (a
	// heatmap status's initials); "" otherwise.
	Mark string
	// Complementary marks a Suppressed cell hidden not for its own size
	// but because, shown, it would reveal a small group: the legend and
	// the summary give each reason its own words.
	Complementary bool
}

// Drawn reports whether the cell has a number to draw.
func (c Cell) Drawn() bool { return c.State == Value || c.State == Coded }

// Item is a category or a series: an id, the label readers see, and an
// optional colour (status scales have their own).
type Item struct {
	ID, Label string
	// Short is the label on an axis, where Label is too long; "" means
	// Label.
	Short string
	Color string
}

// Grid is what a chart draws: for each series, one cell per category.
type Grid struct {
	Categories []Item
	Series     []Item
	// Cells[s][c] is series s at category c.
	Cells [][]Cell
	// Column headings of the table: the categories, the series and the
	// value; Extra heads each of a cell's extra columns. A grid of one
	// series without a SeriesName has no series column.
	CategoryName, SeriesName, ValueName string
	Extra                               []string
	// Wide tables have one row per category and one column per series;
	// long tables one row per category and series, with the value and
	// the extra columns. SeriesFirst orders long rows by series, then
	// category (a group's years together).
	Wide, SeriesFirst bool
}

// newGrid makes a grid of empty (Absent) cells.
func newGrid(categories, series []Item) *Grid {
	g := &Grid{Categories: categories, Series: series, Cells: make([][]Cell, len(series))}
	for i := range g.Cells {
		g.Cells[i] = make([]Cell, len(categories))
	}
	return g
}

// columns heads the data table's columns: the category, then each series
// (wide), or the category and series, the value and the extra columns
// (long, the series left out when there is only one, unnamed).
func (g *Grid) columns() []string {
	if g.Wide {
		return append([]string{g.CategoryName}, labels(g.Series)...)
	}
	first, second := g.CategoryName, g.SeriesName
	if g.SeriesFirst {
		first, second = second, first
	}
	cols := []string{first}
	if len(g.Series) != 1 || g.SeriesName != "" {
		cols = append(cols, second)
	}
	return append(append(cols, g.ValueName), g.Extra...)
}

// table derives the data table from the grid, wide or long as the grid
// says. It makes only the table: the CSV's rows (writeCSV) are made when
// the download is written, and a 1,000-school heatmap's would be 15,000
// rows of garbage on each page that shows it.
func (g *Grid) table(caption string) Table {
	t := Table{Caption: caption, Columns: g.columns()}
	if g.Wide {
		for c, cat := range g.Categories {
			row := []string{cat.Label}
			for s := range g.Series {
				row = append(row, g.Cells[s][c].Text)
			}
			t.Rows = append(t.Rows, row)
		}
		return t
	}
	oneSeries := g.oneSeries()
	g.eachCell(func(s, c int, cell Cell) {
		cat, ser := g.Categories[c].Label, g.Series[s].Label
		var row []string
		switch {
		case oneSeries:
			row = []string{cat}
		case g.SeriesFirst:
			row = []string{ser, cat}
		default:
			row = []string{cat, ser}
		}
		t.Rows = append(t.Rows, append(append(row, cell.Text), cell.Extra...))
	})
	return t
}

// writeCSV writes the rows of the chart's CSV download, its heading
// first: one row per cell (a long table, which spreadsheets pivot on any
// cell), with the ids of the categories and series as extra columns where
// they differ from their labels, so that a download can be joined with
// other data. Each row is written as it is made, in one slice reused.
func (g *Grid) writeCSV(csvw *csv.Writer) error {
	w := textOnly{w: csvw}
	oneSeries := g.oneSeries()
	catIDs, serIDs := differs(g.Categories), differs(g.Series) && !oneSeries
	idCol := func(ok bool, name string) []string {
		if ok {
			return []string{name + " id"}
		}
		return nil
	}
	var head []string
	if g.SeriesFirst && !oneSeries {
		head = append(append(idCol(serIDs, g.SeriesName), g.SeriesName), append(idCol(catIDs, g.CategoryName), g.CategoryName)...)
	} else {
		head = append(idCol(catIDs, g.CategoryName), g.CategoryName)
		if !oneSeries {
			head = append(append(head, idCol(serIDs, g.SeriesName)...), g.SeriesName)
		}
	}
	row := append(append(head, g.ValueName), g.Extra...)
	if err := w.Write(row); err != nil {
		return err
	}
	withID := func(row []string, ok bool, l Item) []string {
		if ok {
			row = append(row, l.ID)
		}
		return append(row, l.Label)
	}
	var err error
	g.eachCell(func(s, c int, cell Cell) {
		if err != nil {
			return
		}
		cat, ser := g.Categories[c], g.Series[s]
		switch row = row[:0]; {
		case oneSeries:
			row = withID(row, catIDs, cat)
		case g.SeriesFirst:
			row = withID(withID(row, serIDs, ser), catIDs, cat)
		default:
			row = withID(withID(row, catIDs, cat), serIDs, ser)
		}
		row = append(append(row, cell.Text), cell.Extra...)
		err = w.Write(row)
	})
	return err
}

// textOnly writes rows whose fields a spreadsheet takes as text: a field
// that starts as a formula does (=, @, + or -, a tab or a carriage
// return) gets an apostrophe first, as OWASP advises against CSV
// injection — a school named "=HYPERLINK(…)" would otherwise be a live
// link in the district's spreadsheet. A signed number as folio writes
// one ("+4.3 pp", "-2.5%") is left as it is.
type textOnly struct {
	w   *csv.Writer
	row []string
}

func (t *textOnly) Write(row []string) error {
	t.row = t.row[:0]
	for _, f := range row {
		t.row = append(t.row, spreadsheetText(f))
	}
	return t.w.Write(t.row)
}

// spreadsheetText is f with an apostrophe first where a spreadsheet would
// read it as a formula (see textOnly).
func spreadsheetText(f string) string {
	if f == "" {
		return f
	}
	switch f[0] {
	case '=', '@', '\t', '\r':
		return "'" + f
	case '+', '-':
		if !signedNumber(f) {
			return "'" + f
		}
	}
	return f
}

// signedNumber reports whether f is a sign, digits with a decimal point
// or thousands commas, and at most a unit: "+4.3 pp", "-12.5%".
func signedNumber(f string) bool {
	rest := strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(f[1:], " pp"), "%"), " students")
	if rest == "" {
		return false
	}
	for i := 0; i < len(rest); i++ {
		if c := rest[i]; (c < '0' || c > '9') && c != '.' && c != ',' {
			return false
		}
	}
	return rest[0] >= '0' && rest[0] <= '9'
}

// oneSeries reports whether a long table leaves out the series column:
// one series, unnamed.
func (g *Grid) oneSeries() bool {
	return len(g.Series) == 1 && g.SeriesName == "" && !g.Wide
}

// eachCell calls f for every cell that is not Absent, in the order of a
// long table's rows: by series, then category, when SeriesFirst, else by
// category, then series.
func (g *Grid) eachCell(f func(s, c int, cell Cell)) {
	visit := func(s, c int) {
		if cell := g.Cells[s][c]; cell.State != Absent {
			f(s, c, cell)
		}
	}
	if g.SeriesFirst {
		for s := range g.Series {
			for c := range g.Categories {
				visit(s, c)
			}
		}
		return
	}
	for c := range g.Categories {
		for s := range g.Series {
			visit(s, c)
		}
	}
}

// differs reports whether any item's id differs from its label, so that
// the CSV needs an id column.
func differs(items []Item) bool {
	for _, it := range items {
		if it.ID != it.Label {
			return true
		}
	}
	return false
}

// axisLabels are the items' labels as an axis shows them.
func axisLabels(items []Item) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = cmp.Or(it.Short, it.Label)
	}
	return out
}

func labels(items []Item) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.Label
	}
	return out
}
