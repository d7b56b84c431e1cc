package chart

import (
	"cmp"
	"encoding/json"
	"fmt"
	"strings"
	"unicode/utf8"
)

// The ECharts options are written directly as JSON objects rather than
// through go-echarts: the designs here (a colour and a decal per series,
// small multiples, per-cell labels) are plain data in ECharts' terms, and
// writing them as such is shorter than building them through go-echarts
// and overriding its defaults, and several times faster at the scale of a
// thousand schools.

// option is an ECharts option or a part of one.
type option = map[string]any

// marshal writes an option with HTML escaping, and escapes "'" too, so it
// can sit in a single-quoted attribute (see Chart.Option).
func marshal(o option) string {
	data, err := json.Marshal(o)
	if err != nil {
		panic(fmt.Sprintf("chart option does not marshal: %v", err)) // our own plain types only
	}
	return strings.ReplaceAll(string(data), "'", `\u0027`)
}

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

// look is how series i is drawn: colour, pattern, marker, dash.
type look struct {
	Color, Symbol, LineType string
	Decal                   option
}

func lookOf(i int, color string) look {
	if color == "" {
		color = Palette[i%len(Palette)]
	}
	d := option{"color": "rgba(0,0,0,0.35)"}
	for k, v := range decals[i%len(decals)] {
		d[k] = v
	}
	return look{Color: color, Decal: d, Symbol: symbols[i%len(symbols)], LineType: lineTypes[(i/len(symbols))%len(lineTypes)]}
}

// base is what every option holds: no animation, our own aria
// description, decals on.
func base(summary string) option {
	return option{
		"animation": false,
		"aria":      option{"enabled": true, "label": option{"enabled": true, "description": summary}, "decal": option{"show": true}},
		"tooltip":   option{"show": true, "trigger": "axis", "confine": true},
	}
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

// legend is a plain legend at the top, and where the drawing starts below
// it on a desktop and on a phone.
func legend(names []string) (lg option, desktop, phone int) {
	return option{"show": true, "type": "plain", "top": 0, "left": 0, "itemGap": 10, "data": names},
		8 + 22*legendLines(names, desktopWidth), 8 + 22*legendLines(names, phoneWidth)
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
func axisName(o option, name string, bottom bool) {
	o["name"] = name
	if bottom {
		o["nameLocation"] = "middle"
		o["nameGap"] = 28
		return
	}
	o["nameLocation"] = "end"
	o["nameGap"] = 12
	o["nameTextStyle"] = option{"align": "left"}
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
	AxisName string
	// Labels writes each drawn value on its bar ("+5.0 pp").
	Labels bool
	// SuppressedName names the grey marker series of suppressed cells.
	SuppressedName string
	Summary        string
}

// bars draws a grid as bars: categories along one axis, one bar per
// series (side by side, or stacked).
func bars(g *Grid, sp barSpec) (option, int) {
	o := base(sp.Summary)
	var names []string
	var series []any
	for s, ser := range g.Series {
		lk := lookOf(s, ser.Color)
		data := make([]any, len(g.Categories))
		for c, cell := range g.Cells[s] {
			d := option{"value": valueOf(cell)}
			if cell.Drawn() && (sp.Labels || cell.State == Coded) {
				d["label"] = option{"show": true, "formatter": labelText(cell.Text), "position": endOf(sp.Horizontal, cell.Value)}
			}
			data[c] = d
		}
		sr := option{"type": "bar", "name": ser.Label, "data": data, "itemStyle": option{"color": lk.Color, "decal": lk.Decal}}
		if sp.Stacked {
			sr["stack"] = "all"
		}
		names = append(names, ser.Label)
		series = append(series, sr)
	}
	if m := suppressedMarks(g, sp.Horizontal, sp.Min, sp.SuppressedName); m != nil {
		series = append(series, m)
		names = append(names, sp.SuppressedName)
	}
	lg, top, phoneTop := legend(names)
	o["legend"] = lg
	o["series"] = series
	cats := option{"type": "category", "data": axisLabels(g.Categories), "axisLabel": categoryLabels(110)}
	val := option{"type": "value"}
	if sp.Max > sp.Min {
		val["min"], val["max"] = sp.Min, sp.Max
	}
	bottom := 12
	if sp.Horizontal {
		cats["inverse"] = true
		axisName(val, sp.AxisName, true)
		o["xAxis"], o["yAxis"] = val, cats
		bottom = 44
	} else {
		axisName(val, sp.AxisName, false)
		o["xAxis"], o["yAxis"] = cats, val
		top, phoneTop = top+28, phoneTop+28
	}
	o["grid"] = option{"left": 8, "right": 24, "top": top, "bottom": bottom, "containLabel": true}
	onPhones(o, top, phoneTop)
	height := phoneTop + bottom + 16
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
	return o, height
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
	return strings.NewReplacer("{", "(", "}", ")").Replace(s)
}

// suppressedMarks is a grey triangle at the value axis's start, labelled
// "suppressed", for every category with a suppressed cell; nil if none.
func suppressedMarks(g *Grid, horizontal bool, at float64, name string) option {
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
	return option{"type": "scatter", "name": name, "data": data, "symbol": "triangle", "symbolSize": 12,
		"itemStyle": option{"color": SuppressedColor},
		"label":     option{"show": true, "formatter": labelText(strings.ToLower(name)), "position": pos, "color": "#444"}}
}

// lineSpec says how a grid is drawn as lines.
type lineSpec struct {
	Min, Max       float64
	AxisName       string
	Labels         bool
	SuppressedName string
	Summary        string
}

// lines draws a grid as lines over its categories (years, dates), one
// line per series with its own colour, marker and dash.
func lines(g *Grid, sp lineSpec) (option, int) {
	o := base(sp.Summary)
	var names []string
	var series []any
	for s, ser := range g.Series {
		lk := lookOf(s, ser.Color)
		data := make([]any, len(g.Categories))
		for c, cell := range g.Cells[s] {
			d := option{"value": valueOf(cell)}
			if cell.Drawn() && (sp.Labels || cell.State == Coded) {
				d["label"] = option{"show": true, "formatter": labelText(cell.Text), "position": "top"}
			}
			data[c] = d
		}
		names = append(names, ser.Label)
		series = append(series, option{"type": "line", "name": ser.Label, "data": data, "connectNulls": false,
			"symbol": lk.Symbol, "symbolSize": 9, "itemStyle": option{"color": lk.Color, "decal": lk.Decal},
			"lineStyle": option{"color": lk.Color, "type": lk.LineType, "width": 2}})
	}
	if m := suppressedMarks(g, false, sp.Min, sp.SuppressedName); m != nil {
		series = append(series, m)
		names = append(names, sp.SuppressedName)
	}
	lg, top, phoneTop := legend(names)
	top, phoneTop = top+28, phoneTop+28
	val := option{"type": "value"}
	if sp.Max > sp.Min {
		val["min"], val["max"] = sp.Min, sp.Max
	}
	axisName(val, sp.AxisName, false)
	o["legend"], o["series"] = lg, series
	o["xAxis"] = option{"type": "category", "data": axisLabels(g.Categories), "axisLabel": categoryLabels(80), "boundaryGap": true}
	o["yAxis"] = val
	o["grid"] = option{"left": 8, "right": 24, "top": top, "bottom": 12, "containLabel": true}
	onPhones(o, top, phoneTop)
	return o, phoneTop + 12 + 240
}

// panelSpec says how a grid is drawn as small multiples: one small panel
// per series, so every group is visible at once, three panels to a row.
type panelSpec struct {
	// Bars draws horizontal bars of the categories (schools); otherwise
	// a line over the categories (years).
	Bars     bool
	Min, Max float64
	// Labels writes each drawn value.
	Labels         bool
	AxisName       string
	SuppressedName string
	Summary        string
}

const panelCols = 3

// panels draws each series of g in a panel of its own. Line panels each
// carry their own value axis; bar panels share the category axis, whose
// names are written once, left of the first column.
func panels(g *Grid, sp panelSpec) (option, int) {
	o := base(sp.Summary)
	o["tooltip"] = option{"show": true, "trigger": "axis", "confine": true}
	n := len(g.Series)
	cols := min(panelCols, max(n, 1))
	rows := (n + cols - 1) / cols
	panelH := 150
	if sp.Bars {
		panelH = 44 + 20*len(g.Categories)
	}
	const titleH, gap = 36, 32
	left, width := 2.0, 96.0/float64(cols)
	if sp.Bars {
		left = 30
		width = 68.0 / float64(cols)
	}
	var grids, xs, ys, titles, series []any
	// On phones, smaller labels, and the years slanted so they fit.
	var phoneSeries, phoneX, phoneY, phoneTitles []any
	// Panel titles are cut to their panel's width (wrapped on phones);
	// the table has every name whole.
	titleWidth := desktopWidth*int(width)/100 - 8
	phoneTitleWidth := phoneWidth*int(width)/100 - 4
	for s, ser := range g.Series {
		r, c := s/cols, s%cols
		top := 8 + r*(panelH+titleH+gap) + titleH
		lk := lookOf(s, ser.Color)
		titles = append(titles, option{"text": ser.Label, "left": fmt.Sprintf("%.1f%%", left+float64(c)*width), "top": top - titleH,
			"textStyle": option{"fontSize": 12, "fontWeight": "bold", "width": titleWidth, "overflow": "truncate"}})
		phoneTitles = append(phoneTitles, option{"textStyle": option{"fontSize": 11, "width": phoneTitleWidth, "overflow": "break", "lineHeight": 12}})
		grids = append(grids, option{"left": fmt.Sprintf("%.1f%%", left+float64(c)*width), "width": fmt.Sprintf("%.1f%%", width-4),
			"top": top, "height": panelH - 30, "containLabel": !sp.Bars})
		cats := option{"type": "category", "gridIndex": s, "data": axisLabels(g.Categories)}
		val := option{"type": "value", "gridIndex": s, "splitNumber": 2}
		if sp.Max > sp.Min {
			val["min"], val["max"] = sp.Min, sp.Max
		}
		data := make([]any, len(g.Categories))
		var marks []any
		for ci, cell := range g.Cells[s] {
			d := option{"value": valueOf(cell)}
			if cell.Drawn() && (sp.Labels || cell.State == Coded) {
				pos := "top"
				if sp.Bars {
					pos = endOf(true, cell.Value)
				}
				d["label"] = option{"show": true, "formatter": labelText(cell.Text), "position": pos}
			}
			data[ci] = d
			if cell.State == Suppressed {
				p := []any{ci, sp.Min}
				if sp.Bars {
					p = []any{sp.Min, ci}
				}
				marks = append(marks, p)
			}
		}
		var sr option
		if sp.Bars {
			cats["inverse"] = true
			cats["axisLabel"] = option{"show": c == 0, "interval": 0, "width": desktopWidth*int(left)/100 - 12, "overflow": "truncate"}
			phoneY = append(phoneY, option{"axisLabel": option{"width": phoneWidth*int(left)/100 - 6, "fontSize": 10}})
			cats["axisTick"] = option{"show": false}
			val["axisLabel"] = option{"fontSize": 10}
			xs, ys = append(xs, val), append(ys, cats)
			phoneX = append(phoneX, option{"axisLabel": option{"fontSize": 9}})
			sr = option{"type": "bar", "name": ser.Label, "xAxisIndex": s, "yAxisIndex": s, "data": data,
				"itemStyle": option{"color": lk.Color, "decal": lk.Decal}, "label": option{"fontSize": 11}}
		} else {
			cats["axisLabel"] = option{"interval": 0, "fontSize": 10, "hideOverlap": false}
			cats["boundaryGap"] = true
			val["axisLabel"] = option{"fontSize": 10}
			xs, ys = append(xs, cats), append(ys, val)
			phoneY = append(phoneY, option{})
			phoneX = append(phoneX, option{"axisLabel": option{"fontSize": 9, "rotate": 40}})
			sr = option{"type": "line", "name": ser.Label, "xAxisIndex": s, "yAxisIndex": s, "data": data, "connectNulls": false,
				"symbol": lk.Symbol, "symbolSize": 8, "itemStyle": option{"color": lk.Color, "decal": lk.Decal},
				"lineStyle": option{"color": lk.Color, "type": lk.LineType, "width": 2}, "label": option{"fontSize": 11}}
		}
		series = append(series, sr)
		phoneSeries = append(phoneSeries, option{"label": option{"fontSize": 9}})
		if len(marks) > 0 {
			pos := "top"
			if sp.Bars {
				pos = "right"
			}
			_ = pos
			series = append(series, option{"type": "scatter", "name": sp.SuppressedName, "xAxisIndex": s, "yAxisIndex": s, "data": marks,
				"symbol": "triangle", "symbolSize": 10, "itemStyle": option{"color": SuppressedColor}})
			phoneSeries = append(phoneSeries, option{})
		}
	}
	o["title"], o["grid"], o["xAxis"], o["yAxis"], o["series"] = titles, grids, xs, ys, series
	o["legend"] = option{"show": false}
	o["media"] = []any{option{"query": option{"maxWidth": phoneQuery}, "option": option{"series": phoneSeries, "xAxis": phoneX, "yAxis": phoneY, "title": phoneTitles}}}
	height := 8 + rows*(panelH+titleH+gap)
	// One key under the panels: the value axis, and the grey mark of a
	// suppressed result.
	key := sp.AxisName
	if hasSuppressed(g) {
		key += "   ▲ " + sp.SuppressedName
	}
	if key != "" {
		o["graphic"] = []any{option{"type": "text", "left": "center", "bottom": 4, "style": option{"text": key, "fontSize": 12, "fill": "#333"}}}
		height += 20
	}
	return o, height
}

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
	Pieces  []Item
	Summary string
	// Series are the name of the heatmap's one series.
	SeriesName string
}

// heatmap draws a grid as coloured cells, each labelled with its Mark so
// that colour is not the only cue; the piece key sits below.
func heatmap(g *Grid, sp heatSpec) (option, int) {
	o := base(sp.Summary)
	// The cells carry their status's initials; patterns would make them
	// harder to read.
	o["aria"].(option)["decal"] = option{"show": false}
	o["tooltip"] = option{"show": true, "trigger": "item", "confine": true}
	var data []any
	for s := range g.Series {
		for c, cell := range g.Cells[s] {
			if !cell.Drawn() {
				continue
			}
			piece := int(cell.Value) - 1
			color := "#000"
			if piece >= 0 && piece < len(sp.Pieces) {
				color = TextColor(sp.Pieces[piece].Color)
			}
			data = append(data, option{"value": []any{s, c, cell.Value, cell.Mark}, "name": cell.Text, "label": option{"color": color}})
		}
	}
	pieces := make([]any, len(sp.Pieces))
	for i, p := range sp.Pieces {
		pieces[i] = option{"value": i + 1, "label": p.Label, "color": p.Color}
	}
	o["series"] = []any{option{"name": sp.SeriesName, "type": "heatmap", "data": data,
		"label": option{"show": true, "formatter": "{@[3]}"}}}
	o["legend"] = option{"show": false}
	o["visualMap"] = []any{option{"type": "piecewise", "pieces": pieces, "orient": "horizontal", "left": "center", "bottom": 0, "dimension": 2, "itemGap": 8}}
	o["xAxis"] = option{"type": "category", "data": axisLabels(g.Series), "position": "top", "splitArea": option{"show": true},
		"axisLabel": option{"interval": 0, "rotate": 45, "width": 170, "overflow": "truncate"}}
	o["yAxis"] = option{"type": "category", "data": axisLabels(g.Categories), "inverse": true, "splitArea": option{"show": true},
		"axisLabel": option{"interval": 0, "width": 150, "overflow": "break", "lineHeight": 14}}
	keyLines := legendLines(labels(sp.Pieces), phoneWidth)
	bottom := 12 + 24*keyLines
	o["grid"] = option{"left": 8, "right": 24, "top": 8, "bottom": bottom, "containLabel": true}
	return o, 130 + bottom + 34*len(g.Categories)
}
