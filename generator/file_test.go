package generator_test

import (
	"testing"

	"github.com/folio-sites/folio/generator"
)

// A kept file holds a copy of its data, its buffer given back once: the
// buffer may then be written over (as the next page is rendered into it)
// without changing the file.
func TestKeptFileOwnsItsData(t *testing.T) {
	buf := []byte("<p>page</p>")
	released := 0
	f := generator.File{Path: "a/index.html", Data: buf, Release: func() { released++ }}
	kept := f.Kept()
	copy(buf, "overwritten")
	if string(kept.Data) != "<p>page</p>" || kept.Release != nil || released != 1 {
		t.Errorf("kept: %q, release %v, released %d times", kept.Data, kept.Release != nil, released)
	}
	plain := generator.File{Path: "b.csv", Data: []byte("x")}
	if k := plain.Kept(); &k.Data[0] != &plain.Data[0] {
		t.Error("a file without Release was copied")
	}
}
