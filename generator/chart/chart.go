package chart

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/go-echarts/go-echarts/v2/types"
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
	// Option is the ECharts option as JSON. It holds no "<", ">", "&" or
	// "'" (each is written as a \u escape), so it cannot close a tag and
	// can sit in a single-quoted HTML attribute as it is.
	Option string
	// Table holds exactly the numbers drawn.
	Table Table
	// Height is the drawing's height in pixels.
	Height int
	// Home is the URL of the page that owns the chart, beside which its
	// CSV is written; a page showing another page's chart (the board
	// packet) links that CSV instead of writing a copy.
	Home string
}

// CSVPath is the site-absolute path of the chart's CSV download.
func (c *Chart) CSVPath() string { return c.Home + c.ID + ".csv" }

// Table is a chart's data table.
type Table struct {
	Caption string
	Columns []string
	Rows    [][]string
}

// CSV returns the table as CSV, the chart's download.
func (c *Chart) CSV() []byte {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Write(c.Table.Columns)
	for _, r := range c.Table.Rows {
		w.Write(r)
	}
	w.Flush()
	return buf.Bytes()
}

// Palette is the Okabe–Ito palette, distinguishable with the common forms
// of colour blindness; series take colours in this order.
var Palette = []string{"#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442", "#000000"}

// SuppressedColor marks suppressed points.
const SuppressedColor = "#767676"

// rect is what the bar and line charts share for finishing.
type rect interface {
	Validate()
	JSON() map[string]any
}

// finish validates a go-echarts chart and marshals its option with HTML
// escaping (the library's own rendering writes it unescaped).
func finish(c rect, extra map[string]any) string {
	c.Validate()
	obj := c.JSON()
	for k, v := range extra {
		obj[k] = v
	}
	// Remove what go-echarts adds for its own page template.
	delete(obj, "toolbox")
	data, err := json.Marshal(obj) // escapes <, > and & as \u003c, \u003e, \u0026
	if err != nil {
		panic(fmt.Sprintf("chart option does not marshal: %v", err)) // our own types only
	}
	return strings.ReplaceAll(string(data), "'", `\u0027`)
}

// common are the global options of every chart: palette, aria with our
// own description and decal patterns, legend and tooltip.
func common(summary string) []charts.GlobalOpts {
	return []charts.GlobalOpts{
		charts.WithColorsOpts(opts.Colors(Palette)),
		charts.WithAnimation(false),
		charts.WithAriaOpts(&opts.Aria{
			Enabled: opts.Bool(true),
			Label:   &opts.AriaLabel{Enabled: opts.Bool(true), Description: summary},
			Decal:   &opts.AriaDecal{Show: opts.Bool(true)},
		}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Type: "scroll", Top: "0"}),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
		charts.WithGridOpts(opts.Grid{Left: "3%", Right: "4%", Bottom: "3%", Top: "48", ContainLabel: opts.Bool(true)}),
	}
}

// roomForAxisName is the grid of a horizontal bar chart, leaving room
// below for the value axis's name, centred under its labels. It replaces
// the grid of common (go-echarts appends grids rather than replacing).
func roomForAxisName() map[string]any {
	return map[string]any{"grid": []any{map[string]any{"left": "3%", "right": "4%", "bottom": 44, "top": 48, "containLabel": true}}}
}

// ID builds a chart id from parts: lowercase letters, digits and
// underscores, starting with a letter.
func ID(parts ...string) string {
	var b strings.Builder
	b.WriteString("chart")
	for _, p := range parts {
		b.WriteByte('_')
		for _, r := range strings.ToLower(p) {
			switch {
			case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
				b.WriteRune(r)
			default:
				b.WriteByte('_')
			}
		}
	}
	return b.String()
}

// Pct writes a percentage with one decimal: "61.5%".
func Pct(v float64) string { return fmt.Sprintf("%.1f%%", round1(v)) }

// PP writes a gain in percentage points with its sign: "+5.0 pp".
func PP(v float64) string {
	v = round1(v)
	switch {
	case v > 0:
		return fmt.Sprintf("+%.1f pp", v)
	case v < 0:
		return fmt.Sprintf("-%.1f pp", -v)
	default:
		return "0.0 pp"
	}
}

// Num writes a mean with two decimals at most: "4.25", "4.3", "4".
func Num(v float64) string {
	s := fmt.Sprintf("%.2f", v)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	return s
}

func round1(v float64) float64 { return math.Round(v*10) / 10 }

// tenths rounds to a whole number of tenths, so that differences of
// one-decimal values are exact: 46.0 - 41.0 is 50 tenths.
func tenths(v float64) int { return int(math.Round(v * 10)) }

// missing is ECharts' value for "no data here".
const missing = "-"

// suppressedMarker is the series that marks suppressed points on a
// category axis, at the bottom, labelled.
func suppressedMarker(name string, points []int, categories int, y float64) ([]opts.LineData, bool) {
	if len(points) == 0 {
		return nil, false
	}
	data := make([]opts.LineData, categories)
	for i := range data {
		data[i] = opts.LineData{Value: missing}
	}
	for _, p := range points {
		data[p] = opts.LineData{Value: y, Symbol: "triangle", SymbolSize: 12, Name: name}
	}
	return data, true
}

// bool is shorthand for go-echarts' optional booleans.
func boolp(b bool) types.Bool { return opts.Bool(b) }
