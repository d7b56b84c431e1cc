package chart

import (
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"unicode/utf8"
)

// appendJSON appends v exactly as encoding/json's Marshal writes it
// (strings HTML-escaped, map keys sorted, floats in its format), writing
// the plain values options are made of — maps, slices, strings, numbers,
// booleans, data items, parts encoded already — itself: encoding/json sorted each map's keys
// through reflection and went through an interface for every value, about
// 5% of a 1,000-school build. A pointer to a struct (go-echarts' option
// structs) is written by its type's structEncoder where it has one. Any
// other value (a json.RawMessage, a json.Marshaler) is marshalled by
// encoding/json. Differential tests and a fuzzer hold the output to
// encoding/json's.
func appendJSON(b []byte, v any) ([]byte, error) {
	var err error
	switch v := v.(type) {
	case nil:
		return append(b, "null"...), nil
	case string:
		return appendJSONString(b, v), nil
	case bool:
		return strconv.AppendBool(b, v), nil
	case int:
		return strconv.AppendInt(b, int64(v), 10), nil
	case float64:
		if math.IsInf(v, 0) || math.IsNaN(v) {
			_, err := json.Marshal(v) // its error
			return b, err
		}
		return appendJSONFloat(b, v), nil
	case option:
		if v == nil {
			return append(b, "null"...), nil
		}
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		b = append(b, '{')
		for i, k := range keys {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendJSONString(b, k)
			b = append(b, ':')
			if b, err = appendJSON(b, v[k]); err != nil {
				return b, err
			}
		}
		return append(b, '}'), nil
	case []any:
		return appendJSONList(b, v)
	case []option:
		return appendJSONList(b, v)
	case []string:
		return appendJSONList(b, v)
	case []float64:
		return appendJSONList(b, v)
	case []int:
		return appendJSONList(b, v)
	case encoded:
		if v != nil {
			return append(b, v...), nil
		}
	case dataItem:
		return v.appendJSON(b)
	case *dataItem:
		if v == nil {
			return append(b, "null"...), nil
		}
		return v.appendJSON(b)
	case heatmapData:
		return v.appendJSON(b)
	}
	if rv := reflect.ValueOf(v); rv.Kind() == reflect.Pointer && !rv.IsNil() && rv.Elem().Kind() == reflect.Struct {
		if e := encoderFor(rv.Elem().Type()); e != nil {
			if out, ok := e.append(b, rv.Elem()); ok {
				return out, nil
			} // else what it wrote past len(b) is written over
		}
	}
	data, err := json.Marshal(v)
	return append(b, data...), err
}

// appendJSONList appends a slice as encoding/json writes it: null when
// nil.
func appendJSONList[T any](b []byte, list []T) ([]byte, error) {
	if list == nil {
		return append(b, "null"...), nil
	}
	b = append(b, '[')
	var err error
	for i := range list {
		if i > 0 {
			b = append(b, ',')
		}
		if b, err = appendJSON(b, list[i]); err != nil {
			return b, err
		}
	}
	return append(b, ']'), nil
}

// appendJSON writes a data item as encoding/json does its struct tags:
// value and label, each left out when empty (omitempty).
func (d dataItem) appendJSON(b []byte) ([]byte, error) {
	b = append(b, '{')
	var err error
	first := true
	if d.Value != nil {
		b = append(b, `"value":`...)
		if b, err = appendJSON(b, d.Value); err != nil {
			return b, err
		}
		first = false
	}
	if d.Label != nil {
		if !first {
			b = append(b, ',')
		}
		b = append(b, `"label":`...)
		b = d.Label.appendJSON(b)
	}
	return append(b, '}'), nil
}

// appendJSON writes a label as encoding/json does its struct tags.
func (l *cellLabel) appendJSON(b []byte) []byte {
	b = append(b, '{')
	sep := false
	field := func(name string) {
		if sep {
			b = append(b, ',')
		}
		sep = true
		b = append(b, '"')
		b = append(b, name...)
		b = append(b, `":`...)
	}
	if l.Show {
		field("show")
		b = append(b, "true"...)
	}
	if l.Position != "" {
		field("position")
		b = appendJSONString(b, l.Position)
	}
	if l.Formatter != "" {
		field("formatter")
		b = appendJSONString(b, l.Formatter)
	}
	return append(b, '}')
}

const hexDigits = "0123456789abcdef"

// appendJSONString writes s quoted as encoding/json does with HTML
// escaping: ", \ and control characters escaped, <, > and & as \u003c,
// \u003e and \u0026, invalid UTF-8 as \ufffd, U+2028 and U+2029 as \u2028
// and \u2029.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// mustAppendJSON is appendJSON for options, which are our own plain types
// and always marshal.
func mustAppendJSON(b []byte, v any) []byte {
	b, err := appendJSON(b, v)
	if err != nil {
		panic(fmt.Sprintf("chart option does not marshal: %v", err))
	}
	return b
}
