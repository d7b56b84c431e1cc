package build_test

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/folio-sites/folio/generator/build"
)

// TestSessionRebuildsOnlyWhatANarrativeEditTouches edits a narrative's
// text, title and citations, and checks that the incremental rebuild
// produces exactly the files a full build of the edited site does.
func TestSessionRebuildsOnlyWhatANarrativeEditTouches(t *testing.T) {
	dir := writeSite(t, readArchive(t, "testdata/site.txtar"))
	sess, _, err := build.Open(os.DirFS(dir), build.Options{})
	if err != nil {
		t.Fatal(err)
	}
	walks := filepath.Join(dir, "content", "schools", "oak-elementary", "walks.md")
	edited := "---\ntitle: Learning walks, revised\ndate: 2025-10-01\nstandards: [ISSL 2a]\nweight: 0\n---\nWe walk every classroom **weekly**.\n"
	if err := os.WriteFile(walks, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	res, changed, err := sess.Rebuild([]string{"content/schools/oak-elementary/walks.md"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Stages) != 1 || res.Stages[0].Name != "incremental" {
		t.Errorf("rebuild was not incremental: %+v", res.Stages)
	}
	for _, want := range []string{
		"schools/oak-elementary/walks/index.html",
		"schools/oak-elementary/plc/index.html", // its pager now points the other way
		"schools/oak-elementary/index.html",
		"standards/issl-1a/index.html", // no longer cited
		"standards/issl-2a/index.html", // newly cited
		"feed.xml",
	} {
		if !slices.Contains(changed, want) {
			t.Errorf("changed files lack %s: %v", want, changed)
		}
	}
	_, fresh, err := build.Open(os.DirFS(dir), build.Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := sess.Files()
	for _, f := range fresh.Files {
		g, ok := got[f.Path]
		if !ok {
			t.Errorf("incremental build lacks %s", f.Path)
			continue
		}
		if f.SourceFS == nil && !bytes.Equal(g.Data, f.Data) {
			t.Errorf("%s differs from a full build", f.Path)
		}
	}
	if len(got) != len(fresh.Files) {
		t.Errorf("incremental build has %d files, a full one %d", len(got), len(fresh.Files))
	}
}

// TestSessionBodyEditRendersOnePage edits only a narrative's body, past
// its first paragraph: one page changes, and it equals a full build's.
func TestSessionBodyEditRendersOnePage(t *testing.T) {
	dir := writeSite(t, readArchive(t, "testdata/site.txtar"))
	sess, _, err := build.Open(os.DirFS(dir), build.Options{})
	if err != nil {
		t.Fatal(err)
	}
	plc := filepath.Join(dir, "content", "schools", "oak-elementary", "plc.md")
	src, _ := os.ReadFile(plc)
	os.WriteFile(plc, append(src, "\nA new paragraph about our **protocol**.\n"...), 0o644)
	_, changed, err := sess.Rebuild([]string{"content/schools/oak-elementary/plc.md"})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(changed, []string{"schools/oak-elementary/plc/index.html"}) {
		t.Errorf("changed = %v, want only the narrative's page", changed)
	}
	_, fresh, err := build.Open(os.DirFS(dir), build.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fresh.Files {
		if f.SourceFS == nil && !bytes.Equal(sess.Files()[f.Path].Data, f.Data) {
			t.Errorf("%s differs from a full build", f.Path)
		}
	}
}

func TestSessionKeepsLastGoodFilesOnError(t *testing.T) {
	dir := writeSite(t, readArchive(t, "testdata/site.txtar"))
	sess, _, err := build.Open(os.DirFS(dir), build.Options{})
	if err != nil {
		t.Fatal(err)
	}
	before := sess.Files()["schools/oak-elementary/walks/index.html"].Data
	walks := filepath.Join(dir, "content", "schools", "oak-elementary", "walks.md")
	os.WriteFile(walks, []byte("---\ntitle: Walks\nstandards: [ISSL 9z]\n---\n"), 0o644)
	res, _, err := sess.Rebuild([]string{"content/schools/oak-elementary/walks.md"})
	if err == nil || !strings.Contains(res.Diagnostics[0].String(), "unknown standard 'ISSL 9z'") {
		t.Fatalf("err = %v", err)
	}
	if !bytes.Equal(sess.Files()["schools/oak-elementary/walks/index.html"].Data, before) {
		t.Error("a failed rebuild changed the served page")
	}
	os.WriteFile(walks, []byte("---\ntitle: Walks fixed\nstandards: [ISSL 1a]\n---\nFixed.\n"), 0o644)
	if _, _, err := sess.Rebuild([]string{"content/schools/oak-elementary/walks.md"}); err != nil {
		t.Fatalf("fixing the file did not clear the error: %v", err)
	}
	if !strings.Contains(string(sess.Files()["schools/oak-elementary/walks/index.html"].Data), "Walks fixed") {
		t.Error("the fixed page was not rebuilt")
	}
}

// TestSessionDoesNotForgetAnotherFilesError breaks one narrative, then
// edits another: the site is still broken, so the rebuild must say so.
func TestSessionDoesNotForgetAnotherFilesError(t *testing.T) {
	dir := writeSite(t, readArchive(t, "testdata/site.txtar"))
	sess, _, err := build.Open(os.DirFS(dir), build.Options{})
	if err != nil {
		t.Fatal(err)
	}
	school := filepath.Join(dir, "content", "schools", "oak-elementary")
	os.WriteFile(filepath.Join(school, "walks.md"), []byte("---\ntitle: Walks\nstandards: [ISSL 9z]\n---\n"), 0o644)
	if _, _, err := sess.Rebuild([]string{"content/schools/oak-elementary/walks.md"}); err == nil {
		t.Fatal("broken narrative accepted")
	}
	os.WriteFile(filepath.Join(school, "plc.md"), []byte("---\ntitle: Teams\n---\nStill fine.\n"), 0o644)
	res, _, err := sess.Rebuild([]string{"content/schools/oak-elementary/plc.md"})
	if err == nil || !strings.Contains(res.Diagnostics[0].String(), "ISSL 9z") {
		t.Fatalf("the other file's error was forgotten: %v", err)
	}
}
