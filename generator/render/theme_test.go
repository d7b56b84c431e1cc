package render_test

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/folio-sites/folio/generator"
	"github.com/folio-sites/folio/generator/render"
	"github.com/folio-sites/folio/themes"
)

// A theme written before the comparison pages (no layouts/compare.html)
// still loads, and renders them with the default theme's layout; a theme
// that lacks a layout every theme has always needed is still an error.
func TestThemeWithoutALayoutAddedLater(t *testing.T) {
	custom := fstest.MapFS{}
	err := fs.WalkDir(themes.Default(), "layouts", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || p == "layouts/compare.html" {
			return err
		}
		data, err := fs.ReadFile(themes.Default(), p)
		custom["themes/custom/"+p] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	th, err := render.LoadTheme(custom, "custom")
	if err != nil {
		t.Fatal(err)
	}
	var ds generator.Diagnostics
	if th.Templates(&ds, nil) == nil || len(ds) != 0 {
		t.Fatalf("a theme without compare.html: %v", ds)
	}
	delete(custom, "themes/custom/layouts/school.html")
	th, err = render.LoadTheme(custom, "custom")
	if err != nil {
		t.Fatal(err)
	}
	ds = nil
	if th.Templates(&ds, nil) != nil || len(ds) != 1 || !strings.Contains(ds[0].String(), "has no layout for school pages") {
		t.Errorf("a theme without school.html: %v", ds)
	}
}
