package chart

import (
	"encoding/binary"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/folio-sites/folio/generator"
	"github.com/folio-sites/folio/generator/evidence"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// encodingJSON is what marshal wrote before appendJSON: encoding/json's
// Marshal, with "'" escaped.
func encodingJSON(t testing.TB, v any) string {
	t.Helper()
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("encoding/json: %v", err)
	}
	return strings.ReplaceAll(string(data), "'", `\u0027`)
}

// TestAppendJSONIsEncodingJSON holds appendJSON to encoding/json over the
// values options hold, with what needs escaping and the edges of the
// float format.
func TestAppendJSONIsEncodingJSON(t *testing.T) {
	hostile := "a\"b\\c<d>e&f'g\x00\x01\x1f\x7f\b\f\n\r\t é\u2028\u2029\xff\xc3(end"
	values := []any{
		nil, "", hostile, "plain", true, false, 0, -7, 1 << 40,
		0.0, math.Copysign(0, -1), 1.0, -2.5, 61.54, 1e-6, 9.99e-7, 1e-7, -1.5e-9, 1e20, 1e21, 1.5e300, 123456789.125,
		option(nil), option{}, []any(nil), []any{}, []option(nil), []string(nil), []float64{}, []int{1, 2},
		option{"b": 1, "a": []any{"x", 2.5, option{"z": nil, hostile: hostile}}, "c": []option{{"k": true}}},
		option{"series": []any{dataItem{Value: 2.5}, dataItem{}, dataItem{Label: &cellLabel{}}, &dataItem{Value: []any{1, "<b>"}, Label: &cellLabel{Show: true, Position: "top", Formatter: "{b}&"}}, (*dataItem)(nil)}},
		option{"title": &opts.Title{Title: hostile, Top: "3"}, "raw": json.RawMessage(`{ "a" : "<" }`), "tip": tooltip{Confine: true}},
		[]string{hostile, ""}, []float64{0.1, 1e-9, 3},
		option{"part": rawJSON(option{hostile: []any{hostile, 1e-9}}), "label": &opts.Label{FontSize: 9}, "parts": []any{rawJSON(&opts.Label{FontSize: 11})}},
	}
	for i, v := range values {
		want := encodingJSON(t, v)
		b, err := appendJSON(nil, v)
		if err != nil {
			t.Fatalf("value %d: %v", i, err)
		}
		if got := strings.ReplaceAll(string(b), "'", `\u0027`); got != want {
			t.Errorf("value %d (%T):\n got %s\nwant %s", i, v, got, want)
		}
	}
	for _, bad := range []any{math.NaN(), math.Inf(1), option{"x": []any{math.Inf(-1)}}} {
		if _, err := appendJSON(nil, bad); err == nil {
			t.Errorf("%v: no error; encoding/json has one", bad)
		}
	}
}

// TestEveryChartOptionIsEncodingJSON marshals the option of every chart of
// the sample district (every kind, each school's, the district's and the
// comparisons across schools) both ways.
func TestEveryChartOptionIsEncodingJSON(t *testing.T) {
	root := filepath.Join("..", "..")
	entries, err := os.ReadDir(filepath.Join(root, "content", "schools"))
	if err != nil {
		t.Fatal(err)
	}
	known := evidence.Known{SchoolNames: map[string]string{}}
	var places []Place
	for _, e := range entries {
		known.Schools = append(known.Schools, e.Name())
		known.SchoolNames[e.Name()] = e.Name()
		places = append(places, Place{ID: e.Name(), Name: e.Name()})
	}
	err = filepath.WalkDir(filepath.Join(root, "content"), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && filepath.Ext(p) != ".md" {
			rel, _ := filepath.Rel(filepath.Join(root, "content"), p)
			known.Artifacts = append(known.Artifacts, filepath.ToSlash(rel))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	var ds generator.Diagnostics
	ev := evidence.Load(os.DirFS(root), known, &ds)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	in := &Input{Evidence: ev, Schools: places, District: "Sample District"}
	var sections []Section
	for _, p := range append(places, Place{ID: generator.DistrictID}) {
		sections = append(sections, ForPlace(in, p.ID)...)
	}
	sections = append(sections, Across(in)...)
	kinds := map[string]bool{}
	n := 0
	for _, sec := range sections {
		for _, c := range sec.Charts {
			o := c.option()
			if got, want := marshal(o), encodingJSON(t, o); got != want {
				t.Errorf("%s: the option differs from encoding/json's:\n got %.300s\nwant %.300s", c.ID, got, want)
			}
			kinds[c.Kind] = true
			n++
		}
	}
	if n < 50 || len(kinds) < 6 {
		t.Fatalf("only %d charts of %d kinds", n, len(kinds))
	}
}

// FuzzAppendJSONIsEncodingJSON builds option trees from the input — maps,
// lists, data items, strings of any bytes, floats of any bits — and holds
// appendJSON to encoding/json for each.
func FuzzAppendJSONIsEncodingJSON(f *testing.F) {
	f.Add([]byte{0, 1, 2, 3, 4, 5, 6, 7}, "<a href='x'>&\u2028")
	f.Add([]byte{8, 9, 10, 11, 0, 0, 0, 0, 0, 0, 0xb0, 0x3e}, "\xff\xfe\x00")
	f.Fuzz(func(t *testing.T, shape []byte, text string) {
		r := &treeReader{shape: shape, text: text}
		v := r.value(0)
		want, werr := json.Marshal(v)
		got, gerr := appendJSON(nil, v)
		if (werr == nil) != (gerr == nil) {
			t.Fatalf("errors differ: encoding/json %v, appendJSON %v", werr, gerr)
		}
		if werr == nil && string(got) != string(want) {
			t.Fatalf("%#v:\n got %s\nwant %s", v, got, want)
		}
	})
}

// treeReader reads a value tree from fuzz input: each byte of shape picks
// what comes next; strings are cut from text, floats read from shape.
type treeReader struct {
	shape []byte
	text  string
}

func (r *treeReader) next() byte {
	if len(r.shape) == 0 {
		return 0
	}
	b := r.shape[0]
	r.shape = r.shape[1:]
	return b
}

func (r *treeReader) str() string {
	n := int(r.next()) % (len(r.text) + 1)
	s := r.text[:n]
	r.text = r.text[n:] + s
	return s
}

func (r *treeReader) value(depth int) any {
	if depth > 6 {
		return r.str()
	}
	switch r.next() % 13 {
	case 0:
		return r.str()
	case 1:
		var bits [8]byte
		for i := range bits {
			bits[i] = r.next()
		}
		return math.Float64frombits(binary.LittleEndian.Uint64(bits[:]))
	case 2:
		return int(int8(r.next())) * 1000
	case 3:
		return r.next()%2 == 0
	case 4:
		o := option{}
		for range r.next() % 4 {
			o[r.str()] = r.value(depth + 1)
		}
		return o
	case 5:
		var l []any
		for range r.next() % 4 {
			l = append(l, r.value(depth+1))
		}
		return l
	case 6:
		d := dataItem{}
		if r.next()%2 == 0 {
			d.Value = r.value(depth + 1)
		}
		if r.next()%2 == 0 {
			d.Label = &cellLabel{Show: r.next()%2 == 0, Position: r.str(), Formatter: r.str()}
		}
		return d
	case 7:
		return []string{r.str(), r.str()}
	case 8:
		return []option{{r.str(): r.value(depth + 1)}, nil}
	case 9:
		if r.next()%2 == 0 {
			return &opts.Label{Show: opts.Bool(true), Formatter: r.str(), FontSize: float32(int8(r.next())) / 4}
		}
		// An axis: go-echarts' XAxis embedded, its axisLabel hidden by
		// folio's own.
		return &axis{XAxis: opts.XAxis{Type: r.str(), Data: r.value(depth + 1), GridIndex: int(r.next()) - 3, Inverse: opts.Bool(r.next()%2 == 0)},
			BoundaryGap: r.next()%2 == 0, AxisLabel: option{r.str(): r.value(depth + 1)}}
	case 10:
		return float64(int8(r.next())) / 8
	case 11:
		v := r.value(depth + 1)
		if _, err := json.Marshal(v); err != nil {
			return v
		}
		return rawJSON(v)
	}
	return nil
}
