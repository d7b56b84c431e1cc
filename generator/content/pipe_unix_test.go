//go:build unix

package content_test

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/folio-sites/folio/generator"
	"github.com/folio-sites/folio/generator/content"
	"github.com/folio-sites/folio/generator/sitefs"
)

// A named pipe among a site's files is an error at its path, and the load
// ends: reading it would wait for a writer for ever.
func TestNamedPipeIsAnError(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "content", "district"), 0o755)
	os.WriteFile(filepath.Join(dir, "content", "_index.md"), []byte("---\ntitle: Home\n---\n"), 0o644)
	if err := syscall.Mkfifo(filepath.Join(dir, "content", "district", "agenda.pdf"), 0o644); err != nil {
		t.Skip("cannot make a named pipe here:", err)
	}
	var ds generator.Diagnostics
	content.LoadCached(sitefs.Dir(dir), generator.Config{}, nil, nil, false, &ds)
	want := "content/district/agenda.pdf: agenda.pdf is not a plain file but a named pipe — remove it: only plain files and folders are published"
	if len(ds) != 1 || ds[0].String() != want {
		t.Errorf("got %v\nwant %s", ds, want)
	}
}

// A file named with accents as separate marks (NFD, as macOS may save
// it) is warned about: a link typed with the accented letters names other
// bytes.
func TestDecomposedNameIsWarnedAbout(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "content", "district"), 0o755)
	os.WriteFile(filepath.Join(dir, "content", "_index.md"), []byte("---\ntitle: Home\n---\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "content", "district", "e\u0301cole.pdf"), []byte("%PDF-1.4\n"), 0o644)
	var ds generator.Diagnostics
	content.LoadCached(sitefs.Dir(dir), generator.Config{}, nil, nil, false, &ds)
	want := "content/district/e\u0301cole.pdf: warning: the name 'e\u0301cole.pdf' writes its accents as separate marks — rename it, typing its name again, so that links typed on a keyboard find it"
	if len(ds) != 1 || ds[0].String() != want {
		t.Errorf("got %v\nwant %s", ds, want)
	}
}
