package chart

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/go-echarts/go-echarts/v2/opts"
)

// TestHeatmapDataIsWhatEncodingJSONWrites holds heatmapData's own JSON to
// what encoding/json writes for the same data items, built the way the
// option built them before: names and marks that need escaping, empty
// texts, cells not drawn, values with fractions and exponents, and
// pieces with and without colours.
func TestHeatmapDataIsWhatEncodingJSONWrites(t *testing.T) {
	pieces := []Item{{ID: "ny", Label: "Not yet", Color: "#d55e00"}, {ID: "p", Label: "Partly", Color: "#f0e442"}, {ID: "x", Label: "No colour"}}
	g := newGrid(
		[]Item{{ID: "a", Label: "A"}, {ID: "b", Label: "B"}, {ID: "c", Label: "C"}},
		[]Item{{ID: "1", Label: "One"}, {ID: "2", Label: "Two"}},
	)
	g.Cells[0][0] = Cell{State: Value, Value: 1, Text: "Not <yet> & \"so\"", Mark: "NY"}
	g.Cells[0][1] = Cell{State: Coded, Value: 2.5, Text: "", Mark: "P\u2028'x'"}
	g.Cells[0][2] = Cell{State: Suppressed, Value: 7, Text: "hidden"}
	g.Cells[1][0] = Cell{State: Value, Value: 3, Text: "é \xff", Mark: ""}
	g.Cells[1][1] = Cell{State: Value, Value: 1e-7, Text: "tiny"}
	g.Cells[1][2] = Cell{State: Value, Value: -4e22, Text: "huge", Mark: "H"}

	var want []any
	for s := range g.Series {
		for c, cell := range g.Cells[s] {
			if !cell.Drawn() {
				continue
			}
			piece := int(cell.Value) - 1
			color := "#000"
			if piece >= 0 && piece < len(pieces) {
				color = TextColor(pieces[piece].Color)
			}
			want = append(want, opts.BarData{Value: []any{s, c, cell.Value, cell.Mark}, Name: cell.Text, Label: &opts.Label{Color: color}})
		}
	}
	wantJSON, err := json.Marshal(want)
	if err != nil {
		t.Fatal(err)
	}
	got, err := json.Marshal(heatmapData{g: g, pieces: pieces})
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(wantJSON) {
		t.Errorf("heatmap data\n got %s\nwant %s", got, wantJSON)
	}
	// Written into an option directly, without encoding/json's check and
	// compaction of what MarshalJSON returns, after what came before.
	if got, err := appendJSON([]byte(`{"data":`), heatmapData{g: g, pieces: pieces}); err != nil || string(got) != `{"data":`+string(wantJSON) {
		t.Errorf("appended after a prefix: %s, %v\nwant {\"data\":%s", got, err, wantJSON)
	}

	empty := newGrid(g.Categories, g.Series)
	if got, err := json.Marshal(heatmapData{g: empty, pieces: pieces}); err != nil || string(got) != "null" {
		t.Errorf("no drawn cell: %s, %v; encoding/json wrote the nil slice as null", got, err)
	}
	if got, err := appendJSON([]byte("["), heatmapData{g: empty, pieces: pieces}); err != nil || string(got) != "[null" {
		t.Errorf("no drawn cell, appended: %s, %v", got, err)
	}

	g.Cells[0][0].Value = math.NaN()
	if _, err := json.Marshal(heatmapData{g: g, pieces: pieces}); err == nil {
		t.Error("a NaN cell marshalled; encoding/json refuses it")
	}
}

// dataItem and cellLabel stand for go-echarts' opts.BarData and
// opts.Label: they must write the same JSON for what folio sets.
func TestDataItemIsWhatBarDataWrites(t *testing.T) {
	for _, v := range []any{4.5, 0.0, -1e-7, "-", nil} {
		for _, label := range []*cellLabel{nil, {Show: true, Position: "top", Formatter: "4.5 <&> '+'"}, {Show: true, Formatter: "x"}} {
			want := opts.BarData{Value: v}
			if label != nil {
				want.Label = &opts.Label{Show: opts.Bool(label.Show), Position: label.Position, Formatter: label.Formatter}
			}
			w, err := json.Marshal(want)
			if err != nil {
				t.Fatal(err)
			}
			g, err := json.Marshal(dataItem{Value: v, Label: label})
			if err != nil {
				t.Fatal(err)
			}
			if string(g) != string(w) {
				t.Errorf("dataItem writes %s, opts.BarData %s", g, w)
			}
		}
	}
}

// Every series line, and every bar's edge, stands out from the white page
// by at least 3:1 (WCAG 2.1, 1.4.11), in the palette and in colours an
// author gives; colours that do already are left as they are.
func TestStrokeContrast(t *testing.T) {
	for _, c := range append(slices.Clone(Palette), "#ffffff", "#dddddd", "#bbbbbb", "#767676", "#fafa00") {
		stroke := strokeOf(c)
		if r := contrastOnWhite(hexRGB(t, stroke)); r < 3 {
			t.Errorf("%s: stroke %s is %.2f:1 on white", c, stroke, r)
		}
		if orig := contrastOnWhite(hexRGB(t, c)); orig >= 3 && stroke != c {
			t.Errorf("%s (%.2f:1) was changed to %s", c, orig, stroke)
		}
	}
	// #767676 is the lightest grey with 4.5:1 on white, as contrast
	// checkers give it.
	if r := contrastOnWhite(hexRGB(t, "#767676")); math.Abs(r-4.54) > 0.01 {
		t.Errorf("#767676 is %.3f:1 on white, want 4.54", r)
	}
	if got := strokeOf("#f0e442"); got == "#f0e442" {
		t.Errorf("the palette's yellow (1.3:1) is drawn as it is")
	}
	if got := strokeOf("steelblue"); got != "steelblue" {
		t.Errorf("a named colour became %s", got)
	}
}

func hexRGB(t *testing.T, c string) [3]float64 {
	t.Helper()
	var rgb [3]float64
	for i := range rgb {
		v, err := strconv.ParseUint(c[1+2*i:3+2*i], 16, 8)
		if err != nil {
			t.Fatal(err)
		}
		rgb[i] = float64(v)
	}
	return rgb
}

// TestChartScriptKnowsThePhoneLayout: folio-charts.js gives a canvas its
// phone height up to the width where the option's media query lays it
// out for a phone, reading the height under PhoneHeightKey. The script
// writes both again; drifted apart, a phone would draw the one-column
// layout in the desktop's height, or the other way round, which only the
// browser suite would see.
func TestChartScriptKnowsThePhoneLayout(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("..", "..", "themes", "default", "static", "js", "folio-charts.js"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		fmt.Sprintf("var phoneWidth = %d;", phoneQuery),
		fmt.Sprintf("var phoneHeightKey = %q;", PhoneHeightKey),
	} {
		if !strings.Contains(string(src), want) {
			t.Errorf("folio-charts.js has no %s", want)
		}
	}
}
