package chart

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"strings"
	"sync"

	"github.com/folio-sites/folio/generator"
)

// Chart is one chart ready for a template.
type Chart struct {
	// ID is unique within its page and safe as a DOM id and JS identifier.
	ID string
	// Kind is the chart kind, as written in a ```chart block.
	Kind  string
	Title string
	// Summary is the chart's text alternative, in plain words.
	Summary string
	// Note explains the scale or the marks, when the chart needs it
	// ("1 Strongly disagree · … · 6 Strongly agree"); "" otherwise.
	Note string
	// option makes the ECharts option (see Option).
	option func() option
	// caption is the data table's caption (see Table).
	caption string
	// Height is the drawing's height in pixels.
	Height int
	// Home is the URL of the page that owns the chart, beside which its
	// CSV is written; a page showing another page's chart (the board
	// packet) links that CSV instead of writing a copy.
	Home string
	// Grid is what the chart draws, from which everything above is made.
	Grid *Grid
}

// Scrolls reports whether the chart's kind is drawn wider than a phone
// and scrolls sideways in a box of its own (Kind.Scrolls).
func (c *Chart) Scrolls() bool {
	k := Lookup(c.Kind)
	return k != nil && k.Scrolls
}

// Table is the chart's data table: exactly the numbers drawn. It is made
// from the grid each time it is asked for (when the page is rendered)
// rather than kept: a 1,000-school district's tables held 24 MB for the
// whole build.
func (c *Chart) Table() Table {
	return c.Grid.table(c.caption)
}

// Option is the chart's ECharts option as JSON. It holds no "<", ">", "&"
// or "'" (each is written as a \u escape), so it cannot close a tag and
// can sit in a single-quoted HTML attribute as it is. It is made from the
// grid each time it is asked for (when the page is rendered), like Table.
func (c *Chart) Option() string { return marshal(c.option()) }

// Columns is the number of columns of the data table, without making it
// (a layout sizes the table's figure by it).
func (c *Chart) Columns() int { return len(c.Grid.columns()) }

// CSVPath is the site-absolute path of the chart's CSV download.
func (c *Chart) CSVPath() string { return c.Home + c.ID + ".csv" }

// Table is a chart's data table.
type Table struct {
	Caption string
	Columns []string
	Rows    [][]string
}

// CSV returns the chart's download: its table, with the ids of what the
// rows and columns name as extra columns where they differ from the
// labels (a practice's id beside its short title).
func (c *Chart) CSV() []byte {
	var buf bytes.Buffer
	out := csvWriters.Get().(*bufio.Writer)
	out.Reset(&buf)
	defer func() {
		out.Reset(nil) // holds no page's download between uses
		csvWriters.Put(out)
	}()
	// csv.NewWriter writes through out itself rather than a 4 KB writer of
	// its own. The rows are made as they are written (once, when the file
	// is written) rather than kept beside the table: a district's charts
	// hold a lot of cells.
	w := csv.NewWriter(out)
	c.Grid.writeCSV(w) // a bytes.Buffer does not fail
	w.Flush()
	return buf.Bytes()
}

// csvWriters are the buffered writers CSV downloads are written through:
// a site writes one download per chart.
var csvWriters = sync.Pool{New: func() any { return bufio.NewWriter(nil) }}

// ID builds a chart id from parts, each written as generator.FileID
// writes it: lowercase letters, digits and underscores, starting with a
// letter.
func ID(parts ...string) string {
	var b strings.Builder
	b.WriteString("chart")
	for _, p := range parts {
		b.WriteByte('_')
		b.WriteString(generator.FileID(p))
	}
	return b.String()
}
