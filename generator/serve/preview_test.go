package serve_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/folio-sites/folio/generator"
	"github.com/folio-sites/folio/generator/build"
	"github.com/folio-sites/folio/generator/serve"
)

// sampleSite copies the repository's sample district (content/, data/,
// folio.yaml) into a fresh folder.
func sampleSite(tb testing.TB) string {
	tb.Helper()
	root := filepath.Join("..", "..") // the repository, itself a site
	dir := filepath.Join(tb.TempDir(), "site")
	copyTree(tb, filepath.Join(root, "content"), filepath.Join(dir, "content"))
	copyTree(tb, filepath.Join(root, "data"), filepath.Join(dir, "data"))
	yaml, err := os.ReadFile(filepath.Join(root, "folio.yaml"))
	if err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "folio.yaml"), yaml, 0o644); err != nil {
		tb.Fatal(err)
	}
	return dir
}

// reloadScript is what the preview adds to every HTML page.
var reloadScript = regexp.MustCompile(`(?s)<script data-folio-serve>\n.*?</script>\n`)

// fullBuild builds the site folder afresh in memory, as the preview's
// options build it, and returns its files by path (nil when it fails).
func fullBuild(t *testing.T, dir string) map[string]generator.File {
	t.Helper()
	res, err := build.Generate(os.DirFS(dir), build.Options{Source: dir, AtRoot: true})
	if err != nil {
		return nil
	}
	files := map[string]generator.File{}
	for _, f := range res.Files {
		files[f.Path] = f
	}
	return files
}

// previewDiffers lists how the preview differs from want: a page served
// with other bytes (the reload script left out), a file missing, or a
// page of the last build (gone) still served. Empty means equal.
func previewDiffers(h *harness, want map[string]generator.File, gone []string) []string {
	var diffs []string
	for _, p := range slices.Sorted(mapsKeys(want)) {
		f := want[p]
		data := f.Data
		if f.SourceFS != nil {
			var err error
			if data, err = readFS(f); err != nil {
				diffs = append(diffs, fmt.Sprintf("%s: %v", p, err))
				continue
			}
		}
		code, body, _ := h.get("/" + p)
		if code != 200 {
			diffs = append(diffs, fmt.Sprintf("%s: status %d", p, code))
			continue
		}
		got := []byte(body)
		if strings.HasSuffix(p, ".html") {
			got = reloadScript.ReplaceAll(got, nil)
		}
		if !bytes.Equal(got, data) {
			diffs = append(diffs, fmt.Sprintf("%s differs from a full build:\n%s", p, firstDiff(got, data)))
		}
	}
	for _, p := range gone {
		if _, ok := want[p]; ok {
			continue
		}
		if code, _, _ := h.get("/" + p); code != 404 {
			diffs = append(diffs, fmt.Sprintf("%s: status %d, want 404 (a full build has no such file)", p, code))
		}
	}
	return diffs
}

func mapsKeys(m map[string]generator.File) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

func readFS(f generator.File) ([]byte, error) {
	r, err := f.SourceFS.Open(f.Source)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	var b bytes.Buffer
	_, err = b.ReadFrom(r)
	return b.Bytes(), err
}

// firstDiff shows where two byte strings first differ.
func firstDiff(got, want []byte) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	from := max(0, i-80)
	return fmt.Sprintf("preview: …%q…\n  build: …%q…", got[from:min(len(got), i+80)], want[from:min(len(want), i+80)])
}

// TestPreviewEqualsBuild makes a sequence of edits while the preview runs
// and checks after each that every file the preview serves is
// byte-identical to the same file of a fresh full build (the injected
// reload script aside), and that nothing a full build would not write is
// served.
func TestPreviewEqualsBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the sample district a dozen times")
	}
	dir := sampleSite(t)
	h := start(t, dir)
	st := h.listen()
	narrative := "content/schools/lincoln-middle/coaching-cycles.md"
	district := "content/district/processes.md"
	read := func(rel string) string {
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	replace := func(rel, old, new string) {
		t.Helper()
		text := read(rel)
		if !strings.Contains(text, old) {
			t.Fatalf("%s has no %q", rel, old)
		}
		h.write(rel, strings.Replace(text, old, new, 1))
	}

	last := fullBuild(t, dir)
	if diffs := previewDiffers(h, last, nil); len(diffs) > 0 {
		t.Fatalf("before any edit:\n%s", strings.Join(diffs, "\n"))
	}
	// check waits for the event the edit should cause, then compares. A
	// change made of several file events may reload twice: compare again
	// after each further event, for a while.
	check := func(step, event string) {
		t.Helper()
		ev := st.next()
		// A deleted folder is many file events, which a busy machine may
		// hand the preview in two batches: a reload of the step before
		// can still come before the error (or the fix) this step makes.
		// Likewise a fix made of two events (a link removed, the file
		// written) may first report the site still broken.
		for event != serve.EventReload && (ev.name == serve.EventReload || event == serve.EventOK && ev.name == serve.EventError) {
			ev = st.next()
		}
		if ev.name != event {
			t.Fatalf("%s: event %q (%s), want %q", step, ev.name, ev.data, event)
		}
		want := fullBuild(t, dir)
		if event == serve.EventError {
			if want != nil {
				t.Fatalf("%s: a full build succeeds, yet the preview reports %v", step, ev.msg.Problems)
			}
			want = last // the last good build stays on show
		}
		var gone []string
		for p := range last {
			gone = append(gone, p)
		}
		deadline := time.Now().Add(3 * time.Second)
		for {
			diffs := previewDiffers(h, want, gone)
			if len(diffs) == 0 {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("after %s, the preview differs from a full build:\n%s", step, strings.Join(diffs[:min(len(diffs), 10)], "\n"))
			}
			select {
			case <-st.events:
			case <-time.After(200 * time.Millisecond):
			}
		}
		last = want
	}

	replace(narrative, "\n\n", "\n\nA sentence added while the preview runs.\n\n")
	check("a narrative's body", serve.EventReload)

	replace(narrative, "title: ", "title: Renamed, ")
	check("a narrative's title", serve.EventReload)

	replace(narrative, "standards:\n", "standards:\n  - ISSL 4a\n")
	check("a narrative's citations", serve.EventReload)

	replace("data/achievement.csv", "lincoln-elementary,2022-23,math,all,192,57.8", "lincoln-elementary,2022-23,math,all,192,71.3")
	check("a CSV", serve.EventReload)

	replace("folio.yaml", "title: ", "title: Previewed, ")
	check("folio.yaml's title", serve.EventReload)

	replace("folio.yaml", `base_url: ""`, "base_url: https://district.example.org/portfolio/")
	check("folio.yaml's base_url", serve.EventReload)
	if _, body, _ := h.get("/schools/"); !strings.Contains(body, `href="/schools/lincoln-middle/"`) || strings.Contains(body, "/portfolio/") {
		t.Error("with a base_url, the preview's links do not point at its own root")
	}

	h.write("layouts/partials/nav.html", `{{define "nav" -}}
<nav class="site-nav" aria-label="Main"><ul>
{{- range .Site.Content.District}}<li><a href="{{$.Href (printf "/district/%s/" .Slug)}}">{{.Title}}</a></li>{{end -}}
</ul></nav>
{{- end}}
`)
	check("a theme override listing district narratives", serve.EventReload)
	replace(district, "title: Leaders of Processes", "title: Leaders of Every Process")
	check("renaming a narrative the override lists", serve.EventReload)
	if _, body, _ := h.get("/schools/lincoln-middle/"); !strings.Contains(body, "Leaders of Every Process") {
		t.Error("a school page does not list the renamed district narrative")
	}

	staging := filepath.Join(t.TempDir(), "new-school")
	os.MkdirAll(staging, 0o755)
	os.WriteFile(filepath.Join(staging, "_index.md"), []byte("---\nname: Willow Creek Middle School\nlevel: middle\n---\nA new school.\n"), 0o644)
	os.WriteFile(filepath.Join(staging, "first-year.md"), []byte("---\ntitle: Our first year\ndate: 2025-09-01\nstandards: [ISSL 1a]\n---\nWe opened in August.\n"), 0o644)
	if err := os.Rename(staging, filepath.Join(dir, "content", "schools", "willow-creek-middle")); err != nil {
		t.Fatal(err)
	}
	check("a new school", serve.EventReload)

	if err := os.RemoveAll(filepath.Join(dir, "content", "schools", "willow-creek-middle")); err != nil {
		t.Fatal(err)
	}
	check("a deleted school", serve.EventReload)

	good := read(narrative)
	h.write(narrative, "---\ntitle: Broken\nstandards: [ISSL 1a\n---\nNo closing bracket.\n")
	check("a failed rebuild", serve.EventError)
	h.write(narrative, good)
	check("the fix", serve.EventOK)

	// i18n/ is an input like the others: a site's new wording file, and
	// its removal, reload the preview.
	h.write("i18n/en.yaml", "base.skip: Jump to the portfolio\n")
	check("a site's wording file", serve.EventReload)
	if _, body, _ := h.get("/"); !strings.Contains(body, ">Jump to the portfolio</a>") {
		t.Error("the home page does not use the site's wording")
	}
	if err := os.RemoveAll(filepath.Join(dir, "i18n")); err != nil {
		t.Fatal(err)
	}
	check("the wording file removed", serve.EventReload)

	// A link in place of a narrative is refused; the file itself, written
	// where the link was, is a narrative like any other (the walk that
	// found the link is not replayed for it).
	outside := filepath.Join(t.TempDir(), "notes.md")
	os.WriteFile(outside, []byte("---\ntitle: Outside\n---\nNot the site's.\n"), 0o644)
	notes := filepath.Join(dir, "content", "schools", "lincoln-middle", "notes.md")
	if err := os.Symlink(outside, notes); err != nil {
		t.Fatal(err)
	}
	check("a link in place of a narrative", serve.EventError)
	os.Remove(notes)
	h.write("content/schools/lincoln-middle/notes.md", "---\ntitle: Notes from the walk\ndate: 2025-05-01\n---\nWhat we saw.\n")
	check("the link replaced by the narrative", serve.EventOK)
	if _, body, _ := h.get("/schools/lincoln-middle/"); !strings.Contains(body, "Notes from the walk") {
		t.Error("the school page does not list the narrative written where the link was")
	}

	// The same for evidence: the agenda the installation file cites
	// replaced by a link, then put back.
	agenda := filepath.Join(dir, "content", "schools", "lincoln-middle", "agenda.pdf")
	pdf, err := os.ReadFile(agenda)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(outside, pdf, 0o644)
	os.Remove(agenda)
	if err := os.Symlink(outside, agenda); err != nil {
		t.Fatal(err)
	}
	// The preview serves evidence from the folder as it is (only pages are
	// kept from the last good site), so the link is refused while the
	// site is broken: wait for the error without comparing. Removing the
	// file and making the link may come as two batches, the first an
	// error of its own (the evidence not found): wait for the link's.
	for ev := st.next(); ev.name != serve.EventError || !strings.Contains(strings.Join(ev.msg.Problems, "\n"), "symbolic link"); ev = st.next() {
		if ev.name != serve.EventReload && ev.name != serve.EventError {
			t.Fatalf("a link in place of evidence: event %q, want %q", ev.name, serve.EventError)
		}
	}
	os.Remove(agenda)
	h.write("content/schools/lincoln-middle/agenda.pdf", string(pdf))
	check("the evidence put back", serve.EventOK)

	// What an editor leaves beside a file for a moment is skipped by the
	// build as by the preview: neither reads content/….tmp nor publishes
	// static/4913.
	h.write("content/schools/lincoln-middle/notes.md.tmp", "half a save")
	h.write("static/4913", "vim was here")
	replace(narrative, "\n\n", "\n\nOne more sentence.\n\n")
	check("an edit beside an editor's temporary files", serve.EventReload)
}
