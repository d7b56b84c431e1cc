package content

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/folio-sites/folio/generator"
)

// splitPage gives adrg/frontmatter only the page up to where its block
// closes. Whatever the page, the result must be the one the library gives
// for the whole page: the same body from the same line, the same front
// matter, the same problems.
func FuzzFrontMatterReadOnlyToItsClose(f *testing.F) {
	for _, s := range []string{
		"---\ntitle: a\n---\nbody\n", "---\ntitle: a\n---", "---\ntitle: a\n", "+++\ntitle = 'a'\n+++\nbody",
		";;;\n{\"title\": \"a\"}\n;;;\nbody", "{\n\"title\": \"a\"\n}\n\nbody", "{\n\"title\": \"a\"\n}\nnot blank\n}\n\nbody",
		"{\n\"a\": 1\n}", "{\n}\n}\n\nx", "\n\n---\nx: 1\n  ---  \nbody", "---yaml\nx: 1\n---\n---\nbody", "---\n---\n",
		"---\r\ntitle: a\r\n---\r\nbody", "\ufeff---\nx: 1\n---\nb", "---json\n{}\n---\nb", "---toml\nx = 1\n---\nb",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		var dsBounded, dsWhole generator.Diagnostics
		got, okGot := splitPageReading("a.md", []byte(src), &dsBounded, true)
		want, okWant := splitPageReading("a.md", []byte(src), &dsWhole, false)
		if okGot != okWant || !bytes.Equal(got.body, want.body) || !bytes.Equal(got.meta, want.meta) ||
			got.bodyLine != want.bodyLine || got.metaLine != want.metaLine || got.openLine != want.openLine ||
			got.open != want.open || got.syntax != want.syntax || fmt.Sprint(dsBounded) != fmt.Sprint(dsWhole) {
			t.Errorf("source %q\nbounded read: ok %v body %q meta %q lines %d/%d/%d %v\nwhole page:   ok %v body %q meta %q lines %d/%d/%d %v",
				src, okGot, got.body, got.meta, got.openLine, got.metaLine, got.bodyLine, dsBounded,
				okWant, want.body, want.meta, want.openLine, want.metaLine, want.bodyLine, dsWhole)
		}
	})
}
