package chart

import (
	"cmp"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/go-echarts/go-echarts/v2/opts"
)

// The ECharts options take their schema from go-echarts: titles, tooltips,
// legends, grids, axes, aria, item and line styles, labels and data items
// are go-echarts' typed option structs (package opts), so a misspelt key
// or a value of the wrong kind does not compile. They are marshalled
// directly with encoding/json, not through go-echarts' chart types: their
// reflective defaults and snippet renderer cost ~10% of a state-scale
// build's CPU (issue 13's profile), and skipping them also avoids the
// go-echarts traps in LIBRARY-NOTES (random chart ids that make builds
// differ; option JSON written unescaped into a <script>).
//
// Where go-echarts lacks a field ECharts 5 reads (tooltip confine, legend
// itemGap, axis boundaryGap, a style's decal), the opts struct is embedded
// in one of ours that adds it. Plain maps (option) remain only where
// go-echarts has no type or its type is wrong for ECharts 5: decals
// (AriaDecal.Decals has a type bug, and items have no decal at all), axis
// labels (opts.AxisLabel always writes showMinLabel/showMaxLabel as null
// and takes interval and lineHeight as strings), the piecewise visual map
// (opts.VisualMap writes calculable as null, takes dimension as a name
// where ours is an index, and its Piece has no value or label), media
// queries, graphic elements, series (charts.SingleSeries' item style has
// no decal either) and the option's top level that holds them.

// option is an ECharts option or a part of one that go-echarts does not
// model faithfully (see above).
type option = map[string]any

// tooltip is go-echarts' tooltip plus confine, which keeps it inside the
// chart on a phone.
type tooltip struct {
	opts.Tooltip
	Confine bool `json:"confine,omitempty"`
}

// legendOpt is go-echarts' legend plus the gap between its entries.
type legendOpt struct {
	opts.Legend
	ItemGap int `json:"itemGap,omitempty"`
}

// axis is a cartesian axis: go-echarts' XAxis (opts.YAxis has the same
// fields, and bars put the value axis on either side), plus boundaryGap
// and nameTextStyle, and axis labels as a plain map, which takes the
// place of opts.XAxis.AxisLabel when marshalled (the shallower field
// wins).
type axis struct {
	opts.XAxis
	BoundaryGap   bool            `json:"boundaryGap,omitempty"`
	NameTextStyle *opts.TextStyle `json:"nameTextStyle,omitempty"`
	AxisLabel     option          `json:"axisLabel,omitempty"`
	// NameTruncate cuts a long axis title to a width, ending it in "…".
	NameTruncate option `json:"nameTruncate,omitempty"`
	// Interval is the step between ticks, where folio sets the axis's
	// ends on its steps (go-echarts' XAxis has no field for it).
	Interval float64 `json:"interval,omitempty"`
}

// itemStyle is go-echarts' item style plus a decal (fill pattern).
type itemStyle struct {
	opts.ItemStyle
	Decal option `json:"decal,omitempty"`
}

// dataItem is one drawn value with its own label, as go-echarts'
// opts.BarData writes it (ECharts reads the same shape in line series):
// the fields folio sets, in opts.BarData's order and with its tags, so the
// JSON is the same. encoding/json walked opts.Label's 40 fields for each
// of a district's 100,000 data points.
type dataItem struct {
	Value any        `json:"value,omitempty"`
	Label *cellLabel `json:"label,omitempty"`
}

// cellLabel is opts.Label with the fields a data point's label sets, in
// its order.
type cellLabel struct {
	Show      bool   `json:"show,omitempty"`
	Position  string `json:"position,omitempty"`
	Formatter string `json:"formatter,omitempty"`
}

// px writes a pixel position or size the way go-echarts' layout fields
// take it; ECharts reads "36" as 36 px.
func px(n int) string { return strconv.Itoa(n) }

// drawing is how a chart is drawn: its height, known when the chart is
// made (its page reserves the room), and its option, made only when the
// page is rendered. A 1,000-school district's options held 46 MB through
// the whole build when they were made with the charts, and made the
// preview's first page wait for all 10,000 of them.
type drawing struct {
	Height int
	option func() option
}

// marshal writes an option with HTML escaping, and escapes "'" too, so it
// can sit in a single-quoted attribute (see Chart.Option).
func marshal(o option) string {
	buf := optionBuffers.Get().(*[]byte)
	data := mustAppendJSON((*buf)[:0], o)
	out := string(data)
	if cap(data) <= 1<<20 { // a district's comparisons may be larger: let those go
		*buf = data
		optionBuffers.Put(buf)
	}
	if strings.IndexByte(out, '\'') >= 0 {
		out = strings.ReplaceAll(out, "'", `\u0027`)
	}
	return out
}

// optionBuffers hold the bytes of options being written.
var optionBuffers = sync.Pool{New: func() any { b := make([]byte, 0, 16<<10); return &b }}

// Palette is the Okabe–Ito palette, distinguishable with the common forms
// of colour blindness; series take colours in this order.
var Palette = []string{"#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#000000", "#f0e442"}

// decals are the fill patterns series take in turn. There are nine, one
// more than colours, so series i has colour i mod 8 and pattern i mod 9:
// no two of the first 72 series share both.
var decals = []option{
	{"symbol": "none"},
	{"symbol": "rect", "symbolSize": 1, "rotation": 0.785, "dashArrayX": []any{1, 0}, "dashArrayY": []any{2, 5}},
	{"symbol": "circle", "symbolSize": 0.7, "dashArrayX": []any{[]any{8, 8}, []any{0, 8, 8, 0}}, "dashArrayY": []any{6, 0}},
	{"symbol": "rect", "symbolSize": 1, "rotation": -0.785, "dashArrayX": []any{1, 0}, "dashArrayY": []any{2, 5}},
	{"symbol": "rect", "symbolSize": 1, "rotation": 0, "dashArrayX": []any{1, 0}, "dashArrayY": []any{2, 4}},
	{"symbol": "triangle", "symbolSize": 0.8, "dashArrayX": []any{[]any{8, 8}, []any{0, 8, 8, 0}}, "dashArrayY": []any{6, 0}},
	{"symbol": "rect", "symbolSize": 1, "rotation": 1.571, "dashArrayX": []any{1, 0}, "dashArrayY": []any{2, 4}},
	{"symbol": "diamond", "symbolSize": 0.8, "dashArrayX": []any{[]any{8, 8}, []any{0, 8, 8, 0}}, "dashArrayY": []any{6, 0}},
	{"symbol": "rect", "symbolSize": 0.5, "dashArrayX": []any{[]any{4, 4}, []any{0, 4, 4, 0}}, "dashArrayY": []any{4, 0}},
}

// symbols are the line markers series take in turn, and lineTypes their
// dashes, so lines differ by more than colour.
var (
	symbols   = []string{"circle", "rect", "triangle", "diamond", "roundRect", "pin", "arrow", "emptyCircle", "emptyTriangle"}
	lineTypes = []string{"solid", "dashed", "dotted"}
)

// SuppressedColor marks suppressed points.
const SuppressedColor = "#767676"

// look is how series i is drawn: colour, pattern (an index in decals),
// marker, dash.
type look struct {
	Color, Symbol, LineType string
	decal                   int
}

// itemStyle is how the series' bars and markers are filled, encoded once
// for every chart that fills a series so.
func (lk look) itemStyle() encoded {
	return styles.encode(styleKey{color: lk.Color, decal: lk.decal}, func() any {
		d := option{"color": "rgba(0,0,0,0.35)"}
		for k, v := range decals[lk.decal] {
			d[k] = v
		}
		st := opts.ItemStyle{Color: lk.Color}
		if edge := strokeOf(lk.Color); edge != lk.Color {
			st.BorderColor, st.BorderWidth = edge, 1
		}
		return &itemStyle{ItemStyle: st, Decal: d}
	})
}

// lineStyle is how the series' line is drawn, encoded once.
func (lk look) lineStyle() encoded {
	return styles.encode(styleKey{color: lk.Color, decal: -1, lineType: lk.LineType}, func() any {
		return &opts.LineStyle{Color: strokeOf(lk.Color), Type: lk.LineType, Width: 2}
	})
}

// strokeOf is color where it stands out from the white page by 3:1 (WCAG
// 2.1, 1.4.11 non-text contrast), else the same hue darkened until it
// does: the line of a series, and the edge of its bars and markers, in
// the palette's orange, sky blue and yellow (yellow was 1.3:1 against
// white, a line hard to see at all). Fills keep the palette's colours.
// A colour that is not #rrggbb is left as it is.
func strokeOf(color string) string {
	var rgb [3]float64
	if len(color) != 7 || color[0] != '#' {
		return color
	}
	for i := range rgb {
		v, err := strconv.ParseUint(color[1+2*i:3+2*i], 16, 8)
		if err != nil {
			return color
		}
		rgb[i] = float64(v)
	}
	for f := 1.0; f > 0; f -= 0.02 {
		var c [3]float64
		for i, v := range rgb {
			c[i] = math.Round(v * f)
		}
		if contrastOnWhite(c) >= 3 {
			if f == 1.0 {
				return color
			}
			return fmt.Sprintf("#%02x%02x%02x", int(c[0]), int(c[1]), int(c[2]))
		}
	}
	return "#000000"
}

// contrastOnWhite is the WCAG contrast ratio of an sRGB colour (0–255
// channels) against white.
func contrastOnWhite(rgb [3]float64) float64 {
	return 1.05 / (relativeLuminance(rgb) + 0.05)
}

// relativeLuminance is WCAG 2.1's relative luminance of an sRGB colour
// (0–255 channels): 0 for black, 1 for white.
func relativeLuminance(rgb [3]float64) float64 {
	var l float64
	for i, w := range [3]float64{0.2126, 0.7152, 0.0722} {
		c := rgb[i] / 255
		if c <= 0.03928 {
			c /= 12.92
		} else {
			c = math.Pow((c+0.055)/1.055, 2.4)
		}
		l += w * c
	}
	return l
}

func lookOf(i int, color string) look {
	if color == "" {
		color = Palette[i%len(Palette)]
	}
	return look{Color: color, decal: i % len(decals), Symbol: symbols[i%len(symbols)], LineType: lineTypes[(i/len(symbols))%len(lineTypes)]}
}

// styleKey names an item or line style (its colour, its pattern, -1 for
// a line, and its dash) or a tooltip (its trigger).
type styleKey struct {
	color    string
	decal    int
	lineType string
	tooltip  string
}

// styleCache holds the styles and tooltips encoded so far: a district's
// 10,000 charts draw 60,000 series in a few dozen styles.
type styleCache struct{ m sync.Map }

var styles styleCache

// encode returns the style of key, encoding style() the first time. The
// cache is shared by every build of the process (the preview's too): a
// style depends on its key alone, and the keys are few (the palette's and
// the framework's status colours).
func (c *styleCache) encode(key styleKey, style func() any) encoded {
	if e, ok := c.m.Load(key); ok {
		return e.(encoded)
	}
	e, _ := c.m.LoadOrStore(key, rawJSON(style()))
	return e.(encoded)
}

// base is what every option holds: no animation, decals on, and no aria
// label: the drawing is hidden from screen readers (see
// render.PageData.ChartFigure), which read the figure's title, summary and
// data table, and heard the summary twice when the drawing said it too.
func base() option {
	return option{
		"animation": false,
		"aria": &opts.Aria{Enabled: opts.Bool(true), Label: &opts.AriaLabel{Enabled: opts.Bool(false)},
			Decal: &opts.AriaDecal{Show: opts.Bool(true)}},
		"tooltip": tip("axis"),
	}
}

// tip is a tooltip shown on hover of an axis position or an item, encoded
// once per trigger.
func tip(trigger string) encoded {
	return styles.encode(styleKey{tooltip: trigger}, func() any {
		return &tooltip{Tooltip: opts.Tooltip{Show: opts.Bool(true), Trigger: trigger}, Confine: true}
	})
}

// Chart widths the layout is estimated for: a phone (375 px wide, less the
// page's margins) and a desktop text column.
const (
	phoneWidth   = 335
	desktopWidth = 680
	// phoneQuery selects the phone layout (an ECharts media query).
	phoneQuery = 520
)

// legendLines estimates how many lines a plain legend of these names
// takes in a chart width pixels wide, so the drawing can start below it.
// A plain legend wraps; a scrolling one would hide entries behind "1/8"
// arrows on a phone and on paper.
func legendLines(names []string, width int) int {
	lines, x := 1, 0
	for _, n := range names {
		w := 25 + 7*utf8.RuneCountInString(n) + 10
		if x > 0 && x+w > width {
			lines++
			x = 0
		}
		x += w
	}
	return lines
}

// legend is a plain legend of names at the top.
func legend(names []string) *legendOpt {
	return &legendOpt{Legend: opts.Legend{Show: opts.Bool(true), Type: "plain", Top: "0", Left: "0", Data: names}, ItemGap: 10}
}

// legendTops is where the drawing starts below a legend of names on a
// desktop and on a phone.
func legendTops(names []string) (desktop, phone int) {
	return 8 + 22*legendLines(names, desktopWidth), 8 + 22*legendLines(names, phoneWidth)
}

// legendNames are the legend entries of a grid drawn as bars or lines:
// each series, and the grey marker of suppressed cells if there are any.
func legendNames(g *Grid, suppressedName string) []string {
	names := make([]string, 0, len(g.Series)+1)
	for _, s := range g.Series {
		names = append(names, s.Label)
	}
	if hasSuppressed(g) {
		names = append(names, suppressedName)
	}
	return names
}

// onPhones moves the drawing's top down where the legend wraps to more
// lines on a narrow chart (an ECharts media query).
func onPhones(o option, top, phoneTop int) {
	if phoneTop != top {
		o["media"] = []any{option{"query": option{"maxWidth": phoneQuery}, "option": option{"grid": option{"top": phoneTop}}}}
	}
}

// labelLines estimates how many lines the longest of the category labels
// wraps to at width pixels (at most 4).
func labelLines(items []Item, width int) int {
	n := 1
	for _, it := range items {
		w := 7 * utf8.RuneCountInString(cmp.Or(it.Short, it.Label))
		n = max(n, min(4, (w+width-1)/width))
	}
	return n
}

// axisName places an axis title where it is never clipped: a value axis
// on the left has its title above it, starting at the axis; one at the
// bottom has it centred below the labels.
func axisName(a *axis, name string, bottom bool) {
	a.Name = name
	if bottom {
		a.NameLocation = "middle"
		a.NameGap = 28
		return
	}
	a.NameLocation = "end"
	a.NameGap = 12
	// A long title ran past the drawing's right edge and was cut mid-word
	// ("Percent of Learning-focused partnership between central office
	// and building" on the printed board, where a chart is half a page
	// wide whatever the screen was): past the room it has in a chart as
	// narrow as a phone's, it ends in "…" (the chart's heading says it
	// whole).
	a.NameTextStyle = &opts.TextStyle{Align: "left"}
	a.NameTruncate = option{"maxWidth": phoneWidth - 70, "ellipsis": "…"}
}

// categoryLabels wrap long category names instead of cutting or skipping
// them: every label is shown (interval 0), broken into lines of at most
// width pixels.
func categoryLabels(width int) option {
	return option{"interval": 0, "width": width, "overflow": "break", "lineHeight": 14, "hideOverlap": false}
}

// valueOf is what ECharts draws for a cell: its number, or "-" (nothing).
func valueOf(c Cell) any {
	if c.Drawn() {
		return c.Value
	}
	return "-"
}

// barSpec says how a grid is drawn as bars.
type barSpec struct {
	Horizontal, Stacked bool
	// Min, Max bound the value axis when set (Max > Min).
	Min, Max float64
	// MinInterval is the least step between the value axis's ticks (1
	// for counts); 0 lets ECharts choose.
	MinInterval float64
	AxisName    string
	// Labels writes each drawn value on its bar ("+5.0 pp").
	Labels bool
	// Suppressed names the grey marker series of suppressed cells.
	Suppressed suppressedKey
}

// bars draws a grid as bars: categories along one axis, one bar per
// series (side by side, or stacked).
func bars(g *Grid, sp barSpec) drawing {
	_, _, _, height := barsLayout(g, sp)
	return drawing{Height: height, option: func() option { return barsOption(g, sp) }}
}

// barsLayout is where a bar chart's drawing starts below its legend on a
// desktop and on a phone, its bottom margin, and its height.
func barsLayout(g *Grid, sp barSpec) (top, phoneTop, bottom, height int) {
	top, phoneTop = legendTops(legendNames(g, sp.Suppressed.Name))
	bottom = 12
	if sp.Horizontal {
		bottom = 44
	} else {
		top, phoneTop = top+28, phoneTop+28
	}
	height = phoneTop + bottom + 16
	if sp.Horizontal {
		per := 22 * len(g.Series)
		if sp.Stacked {
			per = 28
		}
		// Each band is tall enough for its bars and its wrapped name.
		height += len(g.Categories) * max(per+8, 14*labelLines(g.Categories, 110)+12)
	} else {
		height += 260
	}
	return top, phoneTop, bottom, height
}

func barsOption(g *Grid, sp barSpec) option {
	o := base()
	var names []string
	var series []any
	for s, ser := range g.Series {
		lk := lookOf(s, ser.Color)
		data := make([]any, len(g.Categories))
		for c, cell := range g.Cells[s] {
			d := dataItem{Value: valueOf(cell)}
			if cell.Drawn() && (sp.Labels || cell.State == Coded) {
				d.Label = &cellLabel{Show: true, Formatter: labelText(cell.Text), Position: endOf(sp.Horizontal, cell.Value)}
			}
			data[c] = d
		}
		sr := option{"type": "bar", "name": ser.Label, "data": data, "itemStyle": lk.itemStyle()}
		if sp.Stacked {
			sr["stack"] = "all"
		}
		names = append(names, ser.Label)
		series = append(series, sr)
	}
	if m := suppressedMarks(g, sp.Horizontal, sp.Min, sp.Suppressed); m != nil {
		series = append(series, m)
		names = append(names, sp.Suppressed.Name)
	}
	top, phoneTop, bottom, _ := barsLayout(g, sp)
	o["legend"] = legend(names)
	o["series"] = series
	cats := &axis{XAxis: opts.XAxis{Type: "category", Data: axisLabels(g.Categories)}, AxisLabel: categoryLabels(110)}
	val := &axis{XAxis: opts.XAxis{Type: "value", MinInterval: sp.MinInterval}}
	switch {
	case sp.Max > sp.Min:
		val.Min, val.Max = sp.Min, sp.Max
	case sp.Labels:
		if lo, hi, step, ok := roomForNegativeLabels(g, sp.Horizontal); ok {
			val.Min, val.Max, val.Interval = lo, hi, step
		}
	}
	if sp.Horizontal {
		cats.Inverse = opts.Bool(true)
		axisName(val, sp.AxisName, true)
		o["xAxis"], o["yAxis"] = val, cats
	} else {
		axisName(val, sp.AxisName, false)
		o["xAxis"], o["yAxis"] = cats, val
	}
	// A value written past a bar's end ("+4.8 pp") needs room beyond the
	// longest bar, which the grid's labels do not make.
	right := 24
	if sp.Horizontal && sp.Labels {
		right = 56
	}
	o["grid"] = &opts.Grid{Left: px(8), Right: px(right), Top: px(top), Bottom: px(bottom), ContainLabel: opts.Bool(true)}
	onPhones(o, top, phoneTop)
	return o
}

// endOf is where a bar's label goes: past the bar's end.
func endOf(horizontal bool, v float64) string {
	switch {
	case horizontal && v < 0:
		return "left"
	case horizontal:
		return "right"
	case v < 0:
		return "bottom"
	}
	return "top"
}

// labelText escapes an ECharts label template: the text is shown as it is.
func labelText(s string) string {
	if !strings.ContainsAny(s, "{}") {
		return s
	}
	return labelBraces.Replace(s)
}

var labelBraces = strings.NewReplacer("{", "(", "}", ")")

// suppressedMarks is a grey triangle at the value axis's start, labelled
// "suppressed", for every category with a suppressed cell; nil if none.
func suppressedMarks(g *Grid, horizontal bool, at float64, key suppressedKey) option {
	var data []any
	for c := range g.Categories {
		for s := range g.Series {
			if g.Cells[s][c].State == Suppressed {
				p := []any{c, at}
				if horizontal {
					p = []any{at, c}
				}
				data = append(data, p)
				break
			}
		}
	}
	if len(data) == 0 {
		return nil
	}
	pos := "top"
	if horizontal {
		pos = "right"
	}
	return option{"type": "scatter", "name": key.Name, "data": data, "symbol": "triangle", "symbolSize": 12,
		"itemStyle": &opts.ItemStyle{Color: SuppressedColor},
		"label":     &opts.Label{Show: opts.Bool(true), Formatter: labelText(key.Mark), Position: pos, Color: "#444"}}
}

// lineSpec says how a grid is drawn as lines.
type lineSpec struct {
	Min, Max   float64
	AxisName   string
	Labels     bool
	Suppressed suppressedKey
}

// lines draws a grid as lines over its categories (years, dates), one
// line per series with its own colour, marker and dash.
func lines(g *Grid, sp lineSpec) drawing {
	_, phoneTop := linesTops(g, sp)
	return drawing{Height: phoneTop + 12 + 240, option: func() option { return linesOption(g, sp) }}
}

// linesTops is where a line chart's drawing starts, below its legend and
// its axis title, on a desktop and on a phone.
func linesTops(g *Grid, sp lineSpec) (top, phoneTop int) {
	top, phoneTop = legendTops(legendNames(g, sp.Suppressed.Name))
	return top + 28, phoneTop + 28
}

func linesOption(g *Grid, sp lineSpec) option {
	o := base()
	var names []string
	var series []any
	for s, ser := range g.Series {
		lk := lookOf(s, ser.Color)
		data := make([]any, len(g.Categories))
		for c, cell := range g.Cells[s] {
			d := dataItem{Value: valueOf(cell)}
			if cell.Drawn() && (sp.Labels || cell.State == Coded) {
				d.Label = &cellLabel{Show: true, Formatter: labelText(cell.Text), Position: "top"}
			}
			data[c] = d
		}
		names = append(names, ser.Label)
		series = append(series, option{"type": "line", "name": ser.Label, "data": data, "connectNulls": false,
			"symbol": lk.Symbol, "symbolSize": 9, "itemStyle": lk.itemStyle(),
			"lineStyle": lk.lineStyle()})
	}
	if m := suppressedMarks(g, false, sp.Min, sp.Suppressed); m != nil {
		series = append(series, m)
		names = append(names, sp.Suppressed.Name)
	}
	top, phoneTop := linesTops(g, sp)
	val := &axis{XAxis: opts.XAxis{Type: "value"}}
	if sp.Max > sp.Min {
		val.Min, val.Max = sp.Min, sp.Max
	}
	axisName(val, sp.AxisName, false)
	o["legend"], o["series"] = legend(names), series
	o["xAxis"] = &axis{XAxis: opts.XAxis{Type: "category", Data: axisLabels(g.Categories)}, AxisLabel: categoryLabels(80), BoundaryGap: true}
	o["yAxis"] = val
	o["grid"] = &opts.Grid{Left: px(8), Right: px(24), Top: px(top), Bottom: px(12), ContainLabel: opts.Bool(true)}
	onPhones(o, top, phoneTop)
	return o
}

// panelSpec says how a grid is drawn as small multiples: one small panel
// per series, so every group is visible at once, three panels to a row.
type panelSpec struct {
	// Bars draws horizontal bars of the categories (schools); otherwise
	// a line over the categories (years).
	Bars     bool
	Min, Max float64
	// Labels writes each drawn value.
	Labels     bool
	AxisName   string
	Suppressed suppressedKey
}

const panelCols = 3

// panels draws each series of g in a panel of its own. Line panels each
// carry their own value axis; bar panels share the category axis, whose
// names are written once, left of the first column. On a phone, bar
// panels stand one above another, each with the names (see phonePanels).
func panels(g *Grid, sp panelSpec) drawing {
	_, rows, panelH := panelsLayout(g, sp)
	return drawing{Height: panelsHeight(g, sp, rows, panelH), option: func() option { return panelsOption(g, sp) }}
}

// panelsHeight is the height of rows of panels panelH tall, with the key
// under them.
func panelsHeight(g *Grid, sp panelSpec, rows, panelH int) int {
	height := 8 + rows*(panelH+panelTitleH+panelGap)
	if panelsKey(g, sp) != "" {
		height += 20
	}
	return height
}

// PhoneHeightKey is the key of an option's height on a phone, in pixels,
// where its phone layout (the media query up to phoneQuery px wide) needs
// another height than the page reserves: folio-charts.js gives the canvas
// that height when it is at most phoneQuery px wide, and takes the key
// out before ECharts sees the option.
const PhoneHeightKey = "folioPhoneHeight"

// Each panel has a title above it and a gap below.
const panelTitleH, panelGap = 36, 32

// panelsLayout is how many panels a row holds, how many rows there are
// and how tall each panel is.
func panelsLayout(g *Grid, sp panelSpec) (cols, rows, panelH int) {
	n := len(g.Series)
	cols = min(panelCols, max(n, 1))
	rows = (n + cols - 1) / cols
	panelH = 150
	if sp.Bars {
		panelH = 44 + 20*len(g.Categories)
	}
	return cols, rows, panelH
}

// panelsKey is the one key under the panels: the value axis, and the
// grey mark of a suppressed result.
func panelsKey(g *Grid, sp panelSpec) string {
	key := sp.AxisName
	if hasSuppressed(g) {
		key += "   ▲ " + sp.Suppressed.Name
	}
	return key
}

func panelsOption(g *Grid, sp panelSpec) option {
	o := base()
	o["tooltip"] = tip("axis")
	cols, _, panelH := panelsLayout(g, sp)
	const titleH, gap = panelTitleH, panelGap
	left, width := 2.0, 96.0/float64(cols)
	if sp.Bars {
		left = 30
		width = 68.0 / float64(cols)
	}
	var grids, xs, ys, titles, series []any
	// On phones, smaller labels, and the years slanted so they fit (bar
	// panels have a layout of their own there: phonePanels).
	var phoneSeries, phoneX, phoneY, phoneTitles []any
	// Panel titles wrap at their panel's width, in the two lines above
	// the panel ("Students with disabilities" was cut to "Students with
	// disabi…"); the table has every name whole.
	titleWidth := desktopWidth*int(width)/100 - 8
	phoneTitleWidth := phoneWidth*int(width)/100 - 4
	// What every panel repeats is encoded once: a district's 3,000 panel
	// charts built these anew for each of their panels.
	phoneTitle := rawJSON(&opts.Title{TitleStyle: &opts.TextStyle{FontSize: 11, Width: phoneTitleWidth, Overflow: "break", LineHeight: 12}})
	phoneLabel, noPhoneChange := rawJSON(option{"label": &opts.Label{FontSize: 9}}), rawJSON(option{})
	hideOverlap := rawJSON(option{"hideOverlap": true})
	seriesLabel := rawJSON(&opts.Label{FontSize: 11})
	phoneXLabel := rawJSON(option{"axisLabel": option{"fontSize": 9, "rotate": 40}})
	lo, hi := sp.Min, sp.Max
	if sp.Bars && hi <= lo {
		// One scale for every panel: bars of -10 and of 2 look alike on
		// scales of their own, and panels side by side are compared.
		lo, hi = commonRange(g)
	}
	markAt := lo // suppressed results are marked at zero where the scale has it
	if lo < 0 && hi > 0 {
		markAt = 0
	}
	for s, ser := range g.Series {
		r, c := s/cols, s%cols
		top := 8 + r*(panelH+titleH+gap) + titleH
		lk := lookOf(s, ser.Color)
		titles = append(titles, &opts.Title{Title: ser.Label, Left: fmt.Sprintf("%.1f%%", left+float64(c)*width), Top: px(top - titleH),
			TitleStyle: &opts.TextStyle{FontSize: 12, FontWeight: "bold", Width: titleWidth, Overflow: "break", LineHeight: 14}})
		grids = append(grids, &opts.Grid{Left: fmt.Sprintf("%.1f%%", left+float64(c)*width), Width: fmt.Sprintf("%.1f%%", width-4),
			Top: px(top), Height: px(panelH - 30), ContainLabel: opts.Bool(!sp.Bars)})
		cats := &axis{XAxis: opts.XAxis{Type: "category", GridIndex: s, Data: axisLabels(g.Categories)}}
		val := &axis{XAxis: opts.XAxis{Type: "value", GridIndex: s, SplitNumber: 2}}
		if hi > lo {
			val.Min, val.Max = lo, hi
		}
		data := make([]any, len(g.Categories))
		var marks []any
		for ci, cell := range g.Cells[s] {
			d := dataItem{Value: valueOf(cell)}
			if cell.Drawn() && (sp.Labels || cell.State == Coded) {
				pos := "top"
				if sp.Bars {
					pos = endOf(true, cell.Value)
				}
				d.Label = &cellLabel{Show: true, Formatter: labelText(cell.Text), Position: pos}
			}
			data[ci] = d
			if cell.State == Suppressed {
				p := []any{ci, markAt}
				if sp.Bars {
					p = []any{markAt, ci}
				}
				marks = append(marks, p)
			}
		}
		var sr option
		if sp.Bars {
			cats.Inverse = opts.Bool(true)
			// Names wrap to a second line rather than lose their end
			// ("Cedar Ridge Elem…"), in a width that fits the narrowest
			// drawing of this layout, which the board prints (521 px).
			cats.AxisLabel = option{"show": c == 0, "interval": 0, "width": (phoneQuery+1)*int(left)/100 - 12,
				"overflow": "break", "fontSize": 12, "lineHeight": 12}
			cats.AxisTick = &opts.AxisTick{Show: opts.Bool(false)}
			val.AxisLabel = option{"fontSize": 10}
			xs, ys = append(xs, val), append(ys, cats)
			sr = option{"type": "bar", "name": ser.Label, "xAxisIndex": s, "yAxisIndex": s, "data": data,
				"itemStyle": lk.itemStyle(), "label": seriesLabel}
		} else {
			cats.AxisLabel = option{"interval": 0, "fontSize": 10, "hideOverlap": false}
			cats.BoundaryGap = true
			val.AxisLabel = option{"fontSize": 10}
			xs, ys = append(xs, cats), append(ys, val)
			phoneTitles, phoneY, phoneX = append(phoneTitles, phoneTitle), append(phoneY, noPhoneChange), append(phoneX, phoneXLabel)
			sr = option{"type": "line", "name": ser.Label, "xAxisIndex": s, "yAxisIndex": s, "data": data, "connectNulls": false,
				"symbol": lk.Symbol, "symbolSize": 8, "itemStyle": lk.itemStyle(),
				"lineStyle": lk.lineStyle(), "label": seriesLabel,
				// A panel a third of a phone wide ran its years' values
				// together ("60.4%59.7%59.9%"): a value that would overlap
				// another is left to the data table and a tap.
				"labelLayout": hideOverlap}
		}
		series = append(series, sr)
		phoneSeries = append(phoneSeries, phoneLabel)
		if len(marks) > 0 {
			series = append(series, option{"type": "scatter", "name": sp.Suppressed.Name, "xAxisIndex": s, "yAxisIndex": s, "data": marks,
				"symbol": "triangle", "symbolSize": 10, "itemStyle": &opts.ItemStyle{Color: SuppressedColor}})
			phoneSeries = append(phoneSeries, noPhoneChange)
		}
	}
	o["title"], o["grid"], o["xAxis"], o["yAxis"], o["series"] = titles, grids, xs, ys, series
	o["legend"] = &legendOpt{Legend: opts.Legend{Show: opts.Bool(false)}}
	phone := option{"series": phoneSeries, "xAxis": phoneX, "yAxis": phoneY, "title": phoneTitles}
	if key := panelsKey(g, sp); key != "" {
		keyText := func(size int) []any {
			return []any{option{"type": "text", "id": "key", "left": "center", "bottom": 4, "style": option{"text": key, "fontSize": size, "fill": "#333"}}}
		}
		// At 12 px the key ran past both edges of a phone ("ain
		// (percentage points) ▲ Suppressed to protect small grou").
		o["graphic"], phone["graphic"] = keyText(12), keyText(9)
	}
	if sp.Bars {
		o[PhoneHeightKey] = phonePanels(phone, g, sp, panelH)
	}
	o["media"] = []any{option{"query": option{"maxWidth": phoneQuery}, "option": phone}}
	return o
}

// Bar panels on a phone: the names of the categories (schools) take
// phoneNamesPct of the width, the bars the rest but a margin.
const phoneNamesPct, phoneBarsPct = 44, 52

// phonePanels lays bar panels out for a phone, in phone (the media
// query's option), and returns the drawing's height there. Three panels
// side by side left each a bar about 60 px long and the schools' names
// cut to "Cedar Ridge Elem…"; one above another, every panel has the
// names, on two lines where they need them, and bars three times as long.
func phonePanels(phone option, g *Grid, sp panelSpec, panelH int) int {
	namesWidth := phoneWidth*phoneNamesPct/100 - 8
	left, width := strconv.Itoa(phoneNamesPct)+"%", strconv.Itoa(phoneBarsPct)+"%"
	titles, grids, ys, xs := make([]any, len(g.Series)), make([]any, len(g.Series)), make([]any, len(g.Series)), make([]any, len(g.Series))
	names := rawJSON(option{"axisLabel": option{"show": true, "fontSize": 10, "width": namesWidth, "overflow": "break", "lineHeight": 10}})
	scale := rawJSON(option{"axisLabel": option{"fontSize": 9}})
	for s := range g.Series {
		top := 8 + s*(panelH+panelTitleH+panelGap) + panelTitleH
		titles[s] = option{"left": left, "top": top - panelTitleH,
			"textStyle": option{"fontSize": 11, "width": phoneWidth*phoneBarsPct/100 - 4, "overflow": "break", "lineHeight": 12}}
		grids[s] = option{"left": left, "width": width, "top": top, "height": panelH - 30}
		ys[s], xs[s] = names, scale
	}
	phone["title"], phone["grid"], phone["yAxis"], phone["xAxis"] = titles, grids, ys, xs
	return panelsHeight(g, sp, len(g.Series), panelH)
}

// roomForNegativeLabels is a value axis for a bar chart that writes each
// value past its bar's end, where some value is negative: ECharts' own
// axis ends just past the longest negative bar, so its label ("−0.8 pp")
// was written over the names of the categories. The axis reaches past
// the most negative value by a share of the range — a label's width on
// a phone's drawing (on the board's paper, 440 px) is about a quarter of
// the bars' width — and starts and ends on whole steps, the step given
// as the interval so that ECharts' ticks fall on them. ok is false where
// no value is negative: ECharts' axis is left as it is.
func roomForNegativeLabels(g *Grid, horizontal bool) (lo, hi, step float64, ok bool) {
	lo, hi = drawnSpan(g)
	if lo >= 0 {
		return 0, 0, 0, false
	}
	room := 0.12 // a label's height below a column
	if horizontal {
		room = 0.35
	}
	lo, hi, step = onSteps(lo-room*(hi-lo), hi, 6)
	return lo, hi, step, true
}

// drawnSpan is the least and the greatest of g's drawn values and zero.
func drawnSpan(g *Grid) (lo, hi float64) {
	for _, row := range g.Cells {
		for _, c := range row {
			if c.Drawn() {
				lo, hi = min(lo, c.Value), max(hi, c.Value)
			}
		}
	}
	return lo, hi
}

// onSteps is a value axis from lo to hi (lo < hi) widened to whole steps
// of niceStep's; its ends are rounded to nine decimals so that they are
// written as its ticks are ("-1.4", not "-1.4000000000000001").
func onSteps(lo, hi float64, n int) (from, to, step float64) {
	step = niceStep(lo, hi, n)
	end := func(k float64) float64 { return math.Round(k*step*1e9) / 1e9 }
	return end(math.Floor(lo / step)), end(math.Ceil(hi / step)), step
}

// niceStep is the least step of a value axis, 1, 2 or 5 times a power
// of ten, that takes it from lo to hi (lo < hi), each end on a whole
// step, in at most n intervals.
func niceStep(lo, hi float64, n int) float64 {
	step := math.Pow(10, math.Floor(math.Log10((hi-lo)/float64(n))))
	for {
		for _, m := range []float64{1, 2, 5} {
			if math.Ceil(hi/(m*step))-math.Floor(lo/(m*step)) <= float64(n) {
				return m * step
			}
		}
		step *= 10
	}
}

// commonRange is a value axis that holds every drawn value of g and zero,
// on round steps (about four of them); 0, 0 when nothing is drawn.
func commonRange(g *Grid) (lo, hi float64) {
	lo, hi = drawnSpan(g)
	if lo == hi {
		return 0, 0
	}
	lo, hi, _ = onSteps(lo, hi, 5)
	return lo, hi
}

// rawJSON is v encoded once, to stand for it wherever an option repeats
// it: appendJSON copies it as it is instead of walking go-echarts'
// structs again.
func rawJSON(v any) encoded {
	data, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("chart option part does not marshal: %v", err)) // our own plain types only
	}
	return data
}

// encoded is JSON as encoding/json's Marshal wrote it: compact and
// HTML-escaped, so that writing it again as it is gives what encoding/json
// would (it compacts and escapes a json.RawMessage, a scan of every byte
// each time: 95,000 of them in a 1,000-school build).
type encoded []byte

// MarshalJSON returns e: encoding/json, meeting it inside one of
// go-echarts' structs, writes it as it is.
func (e encoded) MarshalJSON() ([]byte, error) { return e, nil }

func hasSuppressed(g *Grid) bool {
	for _, row := range g.Cells {
		for _, c := range row {
			if c.State == Suppressed {
				return true
			}
		}
	}
	return false
}

// heatSpec says how a grid is drawn as a heatmap: categories are rows,
// series columns, and each drawn cell's value is the index (from 1) of
// one of the pieces.
type heatSpec struct {
	Pieces []Item
	// Series are the name of the heatmap's one series.
	SeriesName string
}

// heatmap draws a grid as coloured cells, each labelled with its Mark so
// that colour is not the only cue; the piece key sits below.
func heatmap(g *Grid, sp heatSpec) drawing {
	bottom, row := heatmapLayout(g, sp)
	return drawing{Height: 130 + bottom + row*len(g.Categories), option: func() option { return heatmapOption(g, sp) }}
}

// heatmapData is a heatmap's one series of data items, each
// {"name": text, "value": [series, category, value, mark], "label":
// {"color": …}}, one per drawn cell. It writes its own JSON: a
// 1,000-school practice heatmap has 15,000 cells, and building them as
// maps and slices of any for encoding/json took 600,000 allocations and
// most of the time of the page that shows it. The result is what
// encoding/json writes for the same items (a test holds it).
type heatmapData struct {
	g      *Grid
	pieces []Item
}

// MarshalJSON writes the data items.
func (d heatmapData) MarshalJSON() ([]byte, error) { return d.appendJSON(nil) }

// appendJSON appends the data items to b: appendJSON calls it directly,
// since encoding/json would check and compact what MarshalJSON returns, a
// second pass over 15,000 cells.
func (d heatmapData) appendJSON(out []byte) ([]byte, error) {
	// Each piece's label color, worked out once rather than per cell.
	colors := make([]string, len(d.pieces))
	for i, p := range d.pieces {
		colors[i] = TextColor(p.Color)
	}
	start := len(out)
	b := append(out, '[')
	for s := range d.g.Series {
		for c, cell := range d.g.Cells[s] {
			if !cell.Drawn() {
				continue
			}
			piece := int(cell.Value) - 1
			color := "#000"
			if piece >= 0 && piece < len(d.pieces) {
				color = colors[piece]
			}
			if len(b) > start+1 {
				b = append(b, ',')
			}
			b = append(b, '{')
			if cell.Text != "" {
				b = appendJSONString(append(b, `"name":`...), cell.Text)
				b = append(b, ',')
			}
			b = append(b, `"value":[`...)
			b = strconv.AppendInt(b, int64(s), 10)
			b = append(b, ',')
			b = strconv.AppendInt(b, int64(c), 10)
			b = append(b, ',')
			if math.IsNaN(cell.Value) || math.IsInf(cell.Value, 0) {
				return out, fmt.Errorf("heatmap cell %d,%d: value %v has no JSON", s, c, cell.Value)
			}
			b = appendJSONFloat(b, cell.Value)
			b = appendJSONString(append(b, ','), cell.Mark)
			b = append(b, `],"label":{`...)
			if color != "" {
				b = appendJSONString(append(b, `"color":`...), color)
			}
			b = append(b, "}}"...)
		}
	}
	if len(b) == start+1 {
		return append(out, "null"...), nil // as encoding/json writes the nil slice of no cells
	}
	return append(b, ']'), nil
}

// appendJSONFloat writes f as encoding/json writes a float64.
func appendJSONFloat(b []byte, f float64) []byte { return appendJSONFloatBits(b, f, 64) }

// appendJSONFloat32 writes f, a float32's value, as encoding/json writes
// a float32.
func appendJSONFloat32(b []byte, f float64) []byte { return appendJSONFloatBits(b, f, 32) }

// appendJSONFloatBits is encoding/json's floatEncoder for bits 64 or 32.
func appendJSONFloatBits(b []byte, f float64, bits int) []byte {
	abs := math.Abs(f)
	format := byte('f')
	if abs != 0 && (bits == 64 && (abs < 1e-6 || abs >= 1e21) || bits == 32 && (float32(abs) < 1e-6 || float32(abs) >= 1e21)) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, bits)
	if format == 'e' {
		// clean up e-09 to e-9, as encoding/json does
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b
}

// heatmapLayout is a heatmap's bottom margin, which holds the key, and the
// height of a row: as tall as its place's name wrapped at the labels'
// width (14 px a line), so long names never run into the next row's.
func heatmapLayout(g *Grid, sp heatSpec) (bottom, row int) {
	return 12 + 20*len(sp.Pieces), max(34, 14*labelLines(g.Categories, 150)+6)
}

func heatmapOption(g *Grid, sp heatSpec) option {
	o := base()
	// The cells carry their status's initials; patterns would make them
	// harder to read.
	o["aria"].(*opts.Aria).Decal.Show = opts.Bool(false)
	o["tooltip"] = tip("item")
	data := heatmapData{g: g, pieces: sp.Pieces}
	pieces := make([]any, len(sp.Pieces))
	for i, p := range sp.Pieces {
		pieces[i] = option{"value": i + 1, "label": p.Label, "color": p.Color}
	}
	o["series"] = []any{option{"name": sp.SeriesName, "type": "heatmap", "data": data,
		"label": &opts.Label{Show: opts.Bool(true), Formatter: "{@[3]}"}}}
	o["legend"] = &legendOpt{Legend: opts.Legend{Show: opts.Bool(false)}}
	// One status a line, from the left, in the order of the text above:
	// a key in a row, centred, ran off a phone's screen in a heatmap wider
	// than it (the statuses past the second could be reached only by
	// scrolling the drawing sideways).
	o["visualMap"] = []any{option{"type": "piecewise", "pieces": pieces, "orient": "vertical", "inverse": true, "left": 8, "bottom": 0, "dimension": 2, "itemGap": 6}}
	o["xAxis"] = &axis{XAxis: opts.XAxis{Type: "category", Data: axisLabels(g.Series), Position: "top", SplitArea: &opts.SplitArea{Show: opts.Bool(true)}},
		AxisLabel: option{"interval": 0, "rotate": 45, "width": 170, "overflow": "truncate"}}
	o["yAxis"] = &axis{XAxis: opts.XAxis{Type: "category", Data: axisLabels(g.Categories), Inverse: opts.Bool(true), SplitArea: &opts.SplitArea{Show: opts.Bool(true)}},
		AxisLabel: option{"interval": 0, "width": 150, "overflow": "break", "lineHeight": 14}}
	bottom, _ := heatmapLayout(g, sp)
	o["grid"] = &opts.Grid{Left: px(8), Right: px(24), Top: px(8), Bottom: px(bottom), ContainLabel: opts.Bool(true)}
	return o
}
