package chart

import (
	"encoding"
	"encoding/json"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// A structEncoder writes values of one struct type exactly as
// encoding/json's Marshal does: the exported fields in its order and
// under its names (embedded structs' fields promoted, the shallower of two
// names winning), empty ones left out where the tag says omitempty. It
// is built once per type from encoding/json's rules, for the kinds
// go-echarts' option structs are made of (strings, numbers, booleans,
// pointers, interfaces, slices, maps, structs); a type with anything else
// (a json.Marshaler or encoding.TextMarshaler, a ",string" or omitzero
// option, an embedded pointer, a channel) gets none, and encoding/json
// writes it. encoding/json walked the thirty-odd fields of 120,000 axes,
// grids, titles and legends in a 1,000-school build; the fields were
// already known. A differential test over random values holds the output
// to encoding/json's.
type structEncoder struct {
	fields []structField
}

// structField is one field as encoding/json writes it.
type structField struct {
	index     []int
	key       []byte // "name": as encoding/json writes it
	omitEmpty bool
	typ       reflect.Type
	// elem writes a struct field, or what a pointer field points to when
	// it is a struct.
	elem *structEncoder
}

// structEncoders caches each type's encoder (a nil *structEncoder: none).
var structEncoders sync.Map

var (
	jsonMarshaler = reflect.TypeFor[json.Marshaler]()
	textMarshaler = reflect.TypeFor[encoding.TextMarshaler]()
)

// encoderFor returns t's encoder, nil when encoding/json must write it.
func encoderFor(t reflect.Type) *structEncoder {
	if e, ok := structEncoders.Load(t); ok {
		return e.(*structEncoder)
	}
	e := buildEncoder(t, map[reflect.Type]*structEncoder{})
	structEncoders.Store(t, e)
	return e
}

// marshals reports whether encoding/json would call a method of t (or of
// a pointer to it) to write it.
func marshals(t reflect.Type) bool {
	p := reflect.PointerTo(t)
	return t.Implements(jsonMarshaler) || t.Implements(textMarshaler) || p.Implements(jsonMarshaler) || p.Implements(textMarshaler)
}

// buildEncoder makes the encoder of struct type t, or nil. building holds
// the encoders being built, so that a type that contains itself (a text
// style's "normal" style) refers to its own.
func buildEncoder(t reflect.Type, building map[reflect.Type]*structEncoder) *structEncoder {
	if e, ok := building[t]; ok {
		return e
	}
	if t.Kind() != reflect.Struct || marshals(t) {
		return nil
	}
	fields, ok := jsonFields(t)
	if !ok {
		return nil
	}
	e := &structEncoder{}
	building[t] = e
	for _, f := range fields {
		ft := f.typ
		if marshals(ft) {
			return nil
		}
		sf := structField{index: f.index, omitEmpty: f.omitEmpty, typ: ft}
		sf.key = append(appendJSONString(nil, f.name), ':')
		switch ft.Kind() {
		case reflect.String, reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
			reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
			reflect.Float32, reflect.Float64, reflect.Interface, reflect.Slice, reflect.Map, reflect.Array:
		case reflect.Struct:
			if sf.elem = buildEncoder(ft, building); sf.elem == nil {
				return nil
			}
		case reflect.Pointer:
			switch el := ft.Elem(); el.Kind() {
			case reflect.Struct:
				if sf.elem = buildEncoder(el, building); sf.elem == nil {
					return nil
				}
			case reflect.String, reflect.Bool, reflect.Int, reflect.Int64, reflect.Float32, reflect.Float64:
				if marshals(el) {
					return nil
				}
			default:
				return nil
			}
		default:
			return nil
		}
		e.fields = append(e.fields, sf)
	}
	return e
}

// jsonField is a field as encoding/json's typeFields finds it.
type jsonField struct {
	name      string
	tagged    bool
	index     []int
	typ       reflect.Type
	omitEmpty bool
}

// jsonFields lists the fields encoding/json writes for struct type t, in
// its order (typeFields in encoding/json/encode.go). ok is false for what
// this package does not write itself.
func jsonFields(t reflect.Type) (fields []jsonField, ok bool) {
	type explore struct {
		typ   reflect.Type
		index []int
	}
	var current, next []explore
	next = []explore{{typ: t}}
	var count, nextCount map[reflect.Type]int
	visited := map[reflect.Type]bool{}
	for len(next) > 0 {
		current, next = next, current[:0]
		count, nextCount = nextCount, map[reflect.Type]int{}
		for _, f := range current {
			if visited[f.typ] {
				continue
			}
			visited[f.typ] = true
			for i := range f.typ.NumField() {
				sf := f.typ.Field(i)
				if sf.Anonymous {
					ft := sf.Type
					if ft.Kind() == reflect.Pointer {
						return nil, false // an embedded pointer may be nil: not here
					}
					if !sf.IsExported() && ft.Kind() != reflect.Struct {
						continue
					}
				} else if !sf.IsExported() {
					continue
				}
				tag := sf.Tag.Get("json")
				if tag == "-" {
					continue
				}
				name, opts, _ := strings.Cut(tag, ",")
				if !validTagName(name) {
					name = ""
				}
				omitEmpty := false
				for o := range strings.SplitSeq(opts, ",") {
					switch o {
					case "omitempty":
						omitEmpty = true
					case "string", "omitzero":
						return nil, false
					}
				}
				index := append(slices.Clip(f.index), i)
				ft := sf.Type
				if name != "" || !sf.Anonymous || ft.Kind() != reflect.Struct {
					tagged := name != ""
					if name == "" {
						name = sf.Name
					}
					fields = append(fields, jsonField{name: name, tagged: tagged, index: index, typ: sf.Type, omitEmpty: omitEmpty})
					if count[f.typ] > 1 {
						// Twice at this depth: a duplicate, so that both are dropped.
						fields = append(fields, fields[len(fields)-1])
					}
					continue
				}
				nextCount[ft]++
				if nextCount[ft] == 1 {
					next = append(next, explore{typ: ft, index: index})
				}
			}
		}
	}
	slices.SortStableFunc(fields, func(a, b jsonField) int {
		if a.name != b.name {
			return strings.Compare(a.name, b.name)
		}
		if len(a.index) != len(b.index) {
			return len(a.index) - len(b.index)
		}
		if a.tagged != b.tagged {
			if a.tagged {
				return -1
			}
			return 1
		}
		return slices.Compare(a.index, b.index)
	})
	// Of fields with one name, the shallowest (a tagged one first) wins;
	// two alike at the top cancel each other out.
	out := fields[:0]
	for i := 0; i < len(fields); {
		j := i + 1
		for j < len(fields) && fields[j].name == fields[i].name {
			j++
		}
		if j-i == 1 || len(fields[i].index) != len(fields[i+1].index) || fields[i].tagged != fields[i+1].tagged {
			out = append(out, fields[i])
		}
		i = j
	}
	slices.SortFunc(out, func(a, b jsonField) int { return slices.Compare(a.index, b.index) })
	return out, true
}

// validTagName is encoding/json's isValidTag.
func validTagName(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		switch {
		case strings.ContainsRune("!#$%&()*+-./:;<=>?@[]^_{|}~ ", c):
		case !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c > 127):
			return false
		}
	}
	return true
}

// append writes v, a value of the encoder's type; false when it holds
// what encoding/json refuses (a NaN) or writes otherwise, and then b is
// to be thrown away.
func (e *structEncoder) append(b []byte, v reflect.Value) ([]byte, bool) {
	b = append(b, '{')
	first := true
	for i := range e.fields {
		f := &e.fields[i]
		fv := v.FieldByIndex(f.index)
		if f.omitEmpty && emptyValue(fv) {
			continue
		}
		if !first {
			b = append(b, ',')
		}
		first = false
		b = append(b, f.key...)
		var ok bool
		if b, ok = f.appendValue(b, fv); !ok {
			return b, false
		}
	}
	return append(b, '}'), true
}

// appendValue writes field value v.
func (f *structField) appendValue(b []byte, v reflect.Value) ([]byte, bool) {
	switch v.Kind() {
	case reflect.Struct:
		return f.elem.append(b, v)
	case reflect.Pointer:
		if v.IsNil() {
			return append(b, "null"...), true
		}
		if f.elem != nil {
			return f.elem.append(b, v.Elem())
		}
		return appendScalar(b, v.Elem())
	case reflect.Interface, reflect.Slice, reflect.Map, reflect.Array:
		if v.Kind() == reflect.Interface && v.IsNil() {
			return append(b, "null"...), true
		}
		out, err := appendJSON(b, v.Interface())
		return out, err == nil
	}
	return appendScalar(b, v)
}

// appendScalar writes a string, boolean or number as encoding/json does.
func appendScalar(b []byte, v reflect.Value) ([]byte, bool) {
	switch v.Kind() {
	case reflect.String:
		return appendJSONString(b, v.String()), true
	case reflect.Bool:
		return strconv.AppendBool(b, v.Bool()), true
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return strconv.AppendInt(b, v.Int(), 10), true
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return strconv.AppendUint(b, v.Uint(), 10), true
	case reflect.Float64:
		f := v.Float()
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return b, false
		}
		return appendJSONFloat(b, f), true
	case reflect.Float32:
		f := v.Float()
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return b, false
		}
		return appendJSONFloat32(b, f), true
	}
	return b, false
}

// emptyValue is encoding/json's isEmptyValue: what omitempty leaves out.
func emptyValue(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() == 0
	case reflect.Bool:
		return !v.Bool()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return v.Int() == 0
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return v.Uint() == 0
	case reflect.Float32, reflect.Float64:
		return v.Float() == 0
	case reflect.Interface, reflect.Pointer:
		return v.IsNil()
	}
	return false
}
