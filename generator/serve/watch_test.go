package serve_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/folio-sites/folio/generator/serve"
)

func TestEditReloadsPage(t *testing.T) {
	h := start(t, newSite(t))
	st := h.listen()
	h.write(narrative, narrativeText("Where we are starting", "The coaches met *twice* this week."))
	ev := st.expect(serve.EventReload)
	if ev.msg.Build == st.hello.msg.Build {
		t.Errorf("reload kept build %q", ev.msg.Build)
	}
	_, body, _ := h.get(narrativePage)
	if !strings.Contains(body, "The coaches met <em>twice</em> this week.") {
		t.Errorf("page does not show the edit:\n%s", body)
	}
	if !strings.Contains(h.log.String(), "folio: rebuilt in ") {
		t.Errorf("log = %q", h.log.String())
	}
}

func TestNewAndRenamedFoldersAreWatched(t *testing.T) {
	h := start(t, newSite(t))
	school := "content/schools/new-school"

	// A folder created after start, with a file written right away.
	if err := os.Mkdir(filepath.Join(h.dir, school), 0o755); err != nil {
		t.Fatal(err)
	}
	h.write(school+"/_index.md", "---\nname: New School\n---\n")
	h.waitPage("/schools/new-school/", "New School")

	// Later edits inside it are seen.
	h.write(school+"/plan.md", narrativeText("Our plan", "First draft of the plan."))
	h.waitPage("/schools/new-school/plan/", "First draft of the plan.")
	h.write(school+"/_index.md", "---\nname: New School of the Arts\n---\n")
	h.waitPage("/schools/new-school/", "New School of the Arts")

	// Renamed: the new name is watched, the old one is gone.
	if err := os.Rename(filepath.Join(h.dir, school), filepath.Join(h.dir, "content/schools/renamed-school")); err != nil {
		t.Fatal(err)
	}
	h.waitPage("/schools/renamed-school/plan/", "First draft of the plan.")
	h.waitPage("/schools/new-school/", "")
	h.write("content/schools/renamed-school/plan.md", narrativeText("Our plan", "Second draft of the plan."))
	h.waitPage("/schools/renamed-school/plan/", "Second draft of the plan.")

	// A folder moved in with files already inside (their own events
	// happened elsewhere).
	staging := filepath.Join(t.TempDir(), "moved-school")
	if err := os.MkdirAll(staging, 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(staging, "_index.md"), []byte("---\nname: Moved School\n---\n"), 0o644)
	os.WriteFile(filepath.Join(staging, "notes.md"), []byte(narrativeText("Notes", "Notes made elsewhere.")), 0o644)
	if err := os.Rename(staging, filepath.Join(h.dir, "content/schools/moved-school")); err != nil {
		t.Fatal(err)
	}
	h.waitPage("/schools/moved-school/notes/", "Notes made elsewhere.")

	// Removed.
	if err := os.RemoveAll(filepath.Join(h.dir, "content/schools/renamed-school")); err != nil {
		t.Fatal(err)
	}
	h.waitPage("/schools/renamed-school/", "")
}

func TestAtomicSaveIsSeenAndEditorNoiseIgnored(t *testing.T) {
	h := start(t, newSite(t))
	st := h.listen()
	dir := filepath.Dir(filepath.Join(h.dir, narrative))

	// Editor noise first: none of it may start a rebuild or join one.
	for _, name := range []string{".getting-started.md.swp", ".getting-started.md.swx", "getting-started.md~",
		"4913", ".#getting-started.md", "#getting-started.md#", "getting-started.md___jb_tmp___", ".DS_Store", ".goutputstream-XYZ"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("noise"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Chmod(filepath.Join(dir, "_index.md"), 0o600); err != nil {
		t.Fatal(err)
	}
	// Then an atomic save: write a temporary file, rename it over.
	tmp := filepath.Join(h.dir, narrative+".tmp")
	if err := os.WriteFile(tmp, []byte(narrativeText("Where we are starting", "Saved atomically.")), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, filepath.Join(h.dir, narrative)); err != nil {
		t.Fatal(err)
	}
	st.expect(serve.EventReload)
	u := <-h.updates
	if !slices.Equal(u.Changed, []string{narrative}) {
		t.Errorf("rebuild for %q, want only %s", u.Changed, narrative)
	}
	if _, body, _ := h.get(narrativePage); !strings.Contains(body, "Saved atomically.") {
		t.Error("the atomic save is not served")
	}
	// The noise is not part of the site folder's expected content.
	for _, name := range []string{".getting-started.md.swp", ".getting-started.md.swx", "getting-started.md~",
		"4913", ".#getting-started.md", "#getting-started.md#", "getting-started.md___jb_tmp___", ".DS_Store", ".goutputstream-XYZ"} {
		os.Remove(filepath.Join(dir, name))
	}
}

func TestBurstOfWritesMakesAtMostTwoRebuilds(t *testing.T) {
	h := start(t, newSite(t))
	var gaps int // pauses long enough to end a batch: only on an overloaded machine
	first, last := time.Now(), time.Now()
	for i := range 50 {
		if i > 0 {
			time.Sleep(2 * time.Millisecond) // spread the burst over ~0.1 s, like a checkout
		}
		h.write(fmt.Sprintf("content/district/burst-%02d.md", i), narrativeText(fmt.Sprintf("Burst %d", i), "Written in a burst."))
		// The watcher sees a file when its write ends: a pause is the
		// time from one write's end to the next's, the write included
		// (a stall inside a write ended a batch unseen).
		if i > 0 && time.Since(last) > serve.DefaultQuiet {
			gaps++
		}
		last = time.Now()
	}
	span := last.Sub(first)
	h.waitPage("/district/burst-49/", "Burst 49")
	h.waitPage("/district/burst-00/", "Burst 0")
	// Within a MaxWait, a burst makes one rebuild, or two when MaxWait
	// ends it midway. A machine too slow to write 50 files in a second
	// gets one more per MaxWait and per pause.
	want := int32(2)
	if span > serve.DefaultMaxWait || gaps > 0 {
		want = 2 + int32(span/serve.DefaultMaxWait) + int32(gaps)
		t.Logf("slow machine: 50 writes took %s with %d pauses over %s", span, gaps, serve.DefaultQuiet)
	}
	n := h.rebuilds.Load()
	t.Logf("50 writes in %s made %d rebuilds", span.Round(time.Millisecond), n)
	if n < 1 || n > want {
		t.Errorf("50 writes in %s made %d rebuilds, want 1 to %d", span, n, want)
	}
}

func TestNothingIsWrittenToDisk(t *testing.T) {
	dir := newSite(t) // checks public/ and the parent folder when the test ends
	h := start(t, dir)
	st := h.listen()
	h.write(narrative, narrativeText("Where we are starting", "An edit."))
	st.expect(serve.EventReload)
	assertNothingWritten(t, dir)
	if _, err := os.Stat(filepath.Join(dir, "public", "index.html")); err == nil {
		t.Error("public/index.html was written")
	}
}
