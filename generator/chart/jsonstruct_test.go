package chart

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/go-echarts/go-echarts/v2/opts"
)

// Types that try encoding/json's rules for embedded structs (see
// embeddingTypes).
type (
	JSInner struct {
		A string  `json:"a,omitempty"`
		B int     `json:",omitempty"`
		C *bool   `json:"c"`
		D float32 `json:"d,omitempty"`
		x int
	}
	JSOther struct {
		A int    `json:"a"`
		E string `json:"e"`
		B uint8
	}
	// JSThird's Q, tagged "B", wins over the untagged B of JSInner and
	// JSOther at the same depth.
	JSThird struct {
		Q string `json:"B"`
	}
	// Refused: encoding/json calls a method, or reads a tag option this
	// package does not write, or an embedded pointer may be nil.
	jsMarshals  struct{ A jsMarshaler }
	jsMarshaler struct{ V int }
	jsQuoted    struct {
		N int `json:"n,string"`
	}
	jsEmbedsPtr struct{ *JSInner }
)

// embeddingTypes makes, at run time (go vet reports the repeated tags
// they are made of), a struct whose own field "a" hides JSInner's below
// it, beside fields of every kind and a "-" one, and a struct of JSInner,
// JSOther and JSThird side by side, whose two tagged "a" cancel out and
// whose tagged "B" wins over two untagged ones.
func embeddingTypes() []reflect.Type {
	field := func(name string, t reflect.Type, tag string) reflect.StructField {
		return reflect.StructField{Name: name, Type: t, Tag: reflect.StructTag(tag), Anonymous: strings.HasPrefix(name, "JS")}
	}
	inner, other, third := reflect.TypeFor[JSInner](), reflect.TypeFor[JSOther](), reflect.TypeFor[JSThird]()
	shadow := reflect.StructOf([]reflect.StructField{
		field("JSInner", inner, ""),
		field("A", reflect.TypeFor[int](), `json:"a"`),
		field("S", reflect.TypeFor[[]string](), `json:"s,omitempty"`),
		field("M", reflect.TypeFor[map[string]any](), `json:"m,omitempty"`),
		field("F", reflect.TypeFor[any](), `json:"-"`),
		field("G", reflect.TypeFor[any](), `json:",omitempty"`),
		field("H", reflect.TypeFor[*JSOther](), `json:"h,omitempty"`),
		field("Arr", reflect.TypeFor[[2]int](), `json:"arr"`),
		field("P", reflect.TypeFor[*float32](), `json:"p,omitempty"`),
		field("N", reflect.TypeFor[map[string]string](), `json:"n"`),
	})
	sideBySide := reflect.StructOf([]reflect.StructField{
		field("JSInner", inner, ""),
		field("JSOther", other, ""),
		field("JSThird", third, ""),
		field("Z", reflect.TypeFor[string](), `json:"z,omitempty"`),
	})
	return []reflect.Type{shadow, sideBySide}
}

func (jsMarshaler) MarshalJSON() ([]byte, error) { return []byte(`"m"`), nil }

// TestStructEncoderIsEncodingJSON fills the option structs folio writes
// (and types that try the rules for embedded fields) with random values,
// strings that need escaping, floats at the edges of the format, nil and
// empty pointers, slices and maps, and holds appendJSON to encoding/json
// for each. It also checks that each of these types has an encoder, so
// that the test is not passed by encoding/json writing them.
func TestStructEncoderIsEncodingJSON(t *testing.T) {
	types := []reflect.Type{
		reflect.TypeFor[axis](), reflect.TypeFor[legendOpt](), reflect.TypeFor[itemStyle](),
		reflect.TypeFor[opts.Grid](), reflect.TypeFor[opts.Title](), reflect.TypeFor[opts.Aria](),
		reflect.TypeFor[opts.Legend](), reflect.TypeFor[opts.XAxis](), reflect.TypeFor[opts.YAxis](),
		reflect.TypeFor[opts.ItemStyle](), reflect.TypeFor[opts.Label](), reflect.TypeFor[opts.TextStyle](),
		reflect.TypeFor[opts.SplitArea](), reflect.TypeFor[opts.AriaLabel](),
	}
	types = append(types, embeddingTypes()...)
	rnd := rand.New(rand.NewPCG(1, 2))
	for _, typ := range types {
		if encoderFor(typ) == nil {
			t.Errorf("%v has no encoder: encoding/json writes it", typ)
			continue
		}
		for i := range 400 {
			v := reflect.New(typ)
			fillRandom(v.Elem(), rnd, 0)
			want, werr := json.Marshal(v.Interface())
			got, gerr := appendJSON([]byte("x"), v.Interface())
			if (werr == nil) != (gerr == nil) {
				t.Fatalf("%v #%d: errors differ: encoding/json %v, appendJSON %v", typ, i, werr, gerr)
			}
			if werr == nil && string(got) != "x"+string(want) {
				t.Fatalf("%v #%d:\n got %s\nwant x%s", typ, i, got, want)
			}
		}
	}
	for _, typ := range []reflect.Type{reflect.TypeFor[jsMarshals](), reflect.TypeFor[jsMarshaler](), reflect.TypeFor[jsQuoted](), reflect.TypeFor[jsEmbedsPtr](), reflect.TypeFor[opts.Toolbox]()} {
		if encoderFor(typ) != nil {
			t.Errorf("%v has an encoder; encoding/json must write it", typ)
		}
		v := reflect.New(typ)
		fillRandom(v.Elem(), rnd, 0)
		want, _ := json.Marshal(v.Interface())
		if got, _ := appendJSON(nil, v.Interface()); string(got) != string(want) {
			t.Errorf("%v:\n got %s\nwant %s", typ, got, want)
		}
	}
}

var randomStrings = []string{"", "0", "plain", "Top 3 <b>&</b> 'q' \"d\"", "\x00\x1f\u2028é\xff", "{b}: {c}%", "12px"}

// fillRandom sets the exported fields of v (and what they point to) to
// random values of their kinds.
func fillRandom(v reflect.Value, rnd *rand.Rand, depth int) {
	switch v.Kind() {
	case reflect.Struct:
		for i := range v.NumField() {
			if f := v.Field(i); f.CanSet() && rnd.IntN(3) > 0 {
				fillRandom(f, rnd, depth+1)
			}
		}
	case reflect.String:
		v.SetString(randomStrings[rnd.IntN(len(randomStrings))])
	case reflect.Bool:
		v.SetBool(rnd.IntN(2) == 0)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt([]int64{0, 1, -7, 127, 11}[rnd.IntN(5)])
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v.SetUint([]uint64{0, 1, 200}[rnd.IntN(3)])
	case reflect.Float32, reflect.Float64:
		fs := []float64{0, 9, 1.5, -3.25, 1e-6, 9.99e-7, 1e21, 1e20, 0.1, 123456.789}
		if rnd.IntN(200) == 0 {
			fs = []float64{math.NaN(), math.Inf(1)}
		}
		v.SetFloat(fs[rnd.IntN(len(fs))])
	case reflect.Pointer:
		if depth < 4 && rnd.IntN(3) > 0 {
			v.Set(reflect.New(v.Type().Elem()))
			fillRandom(v.Elem(), rnd, depth+1)
		}
	case reflect.Interface:
		if v.NumMethod() == 0 {
			choices := []any{nil, "s<", 2.5, 7, []any{"a", 1.0}, option{"k": "v", "a": nil}, []string{}, map[string]int{"x": 1}}
			if c := choices[rnd.IntN(len(choices))]; c != nil {
				v.Set(reflect.ValueOf(c))
			}
		}
	case reflect.Slice:
		switch rnd.IntN(3) {
		case 1:
			v.Set(reflect.MakeSlice(v.Type(), 0, 0))
		case 2:
			n := 1 + rnd.IntN(3)
			s := reflect.MakeSlice(v.Type(), n, n)
			for i := range n {
				fillRandom(s.Index(i), rnd, depth+1)
			}
			v.Set(s)
		}
	case reflect.Array:
		for i := range v.Len() {
			fillRandom(v.Index(i), rnd, depth+1)
		}
	case reflect.Map:
		if v.Type().Key().Kind() == reflect.String && rnd.IntN(2) == 0 {
			m := reflect.MakeMap(v.Type())
			for range rnd.IntN(3) {
				val := reflect.New(v.Type().Elem()).Elem()
				fillRandom(val, rnd, depth+1)
				m.SetMapIndex(reflect.ValueOf(randomStrings[rnd.IntN(len(randomStrings))]).Convert(v.Type().Key()), val)
			}
			v.Set(m)
		}
	}
}
