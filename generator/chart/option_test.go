package chart

import (
	"encoding/json"
	"math"
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
