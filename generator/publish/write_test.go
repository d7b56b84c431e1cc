package publish_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/folio-sites/folio/generator"
	"github.com/folio-sites/folio/generator/publish"
)

func readTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	got := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		if rel == publish.Marker {
			return err // every build writes it; TestCheckDest looks at it
		}
		got[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func TestWriteReplacesOutputAndKeepsGitkeep(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	os.MkdirAll(filepath.Join(dest, "stale"), 0o755)
	os.WriteFile(filepath.Join(dest, "stale", "old.html"), []byte("old"), 0o644)
	os.WriteFile(filepath.Join(dest, ".gitkeep"), nil, 0o644)

	src := fstest.MapFS{"agenda.pdf": {Data: []byte("%PDF-1.4")}}
	st, err := publish.Write(dest, []generator.File{
		{Path: "index.html", Data: []byte("<h1>home</h1>")},
		{Path: "schools/a/agenda.pdf", Source: "agenda.pdf", SourceFS: src},
	})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"index.html": "<h1>home</h1>", "schools/a/agenda.pdf": "%PDF-1.4", ".gitkeep": ""}
	got := readTree(t, dest)
	if len(got) != len(want) {
		t.Errorf("output = %v, want %v", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %q, want %q", k, got[k], v)
		}
	}
	if _, err := os.Stat(filepath.Join(dest, publish.Marker)); err != nil {
		t.Errorf("no %s marker in the output", publish.Marker)
	}
	if st.Files != 2 || st.Bytes != int64(len("<h1>home</h1>")+len("%PDF-1.4")) {
		t.Errorf("stats = %+v", st)
	}
	leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(dest), ".folio-*"))
	if len(leftovers) > 0 {
		t.Errorf("temporary folders left behind: %v", leftovers)
	}
}

func TestFailedWriteLeavesPreviousOutput(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := publish.Write(dest, []generator.File{{Path: "index.html", Data: []byte("v1")}}); err != nil {
		t.Fatal(err)
	}
	_, err := publish.Write(dest, []generator.File{
		{Path: "index.html", Data: []byte("v2")},
		{Path: "missing.pdf", Source: "nope.pdf", SourceFS: fstest.MapFS{}},
	})
	if err == nil || !strings.Contains(err.Error(), "missing.pdf") {
		t.Fatalf("err = %v, want a failure naming missing.pdf", err)
	}
	if got := readTree(t, dest); len(got) != 1 || got["index.html"] != "v1" {
		t.Errorf("previous output changed: %v", got)
	}
	leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(dest), ".folio-*"))
	if len(leftovers) > 0 {
		t.Errorf("temporary folders left behind: %v", leftovers)
	}
}

func TestWriteRejectsBadPaths(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	for _, files := range [][]generator.File{
		{{Path: "../escape.html", Data: nil}},
		{{Path: "/abs.html", Data: nil}},
		{{Path: "a.html"}, {Path: "a.html"}},
	} {
		if _, err := publish.Write(dest, files); err == nil {
			t.Errorf("Write(%v) succeeded", files)
		}
	}
	if _, err := os.Stat(dest); !os.IsNotExist(err) {
		t.Errorf("dest was created by failed writes")
	}
}

func TestCheckDestNeverReplacesAFolderFolioDidNotWrite(t *testing.T) {
	root := t.TempDir()
	site := filepath.Join(root, "site")
	os.MkdirAll(filepath.Join(site, "content"), 0o755)

	precious := filepath.Join(root, "precious")
	os.MkdirAll(precious, 0o755)
	os.WriteFile(filepath.Join(precious, "thesis.txt"), []byte("important"), 0o644)
	if err := publish.CheckDest(site, precious); err == nil || !strings.Contains(err.Error(), "thesis.txt") {
		t.Errorf("a folder of someone else's files was accepted: %v", err)
	}

	gitkeep := filepath.Join(site, "public")
	os.MkdirAll(gitkeep, 0o755)
	os.WriteFile(filepath.Join(gitkeep, ".gitkeep"), nil, 0o644)
	if err := publish.CheckDest(site, gitkeep); err != nil {
		t.Errorf("public/ holding only .gitkeep refused: %v", err)
	}
	if _, err := publish.Write(gitkeep, []generator.File{{Path: "index.html", Data: []byte("x")}}); err != nil {
		t.Fatal(err)
	}
	if err := publish.CheckDest(site, gitkeep); err != nil {
		t.Errorf("a previous build refused: %v", err)
	}

	link := filepath.Join(root, "link")
	if err := os.Symlink(site, link); err != nil {
		t.Skip(err)
	}
	if err := publish.CheckDest(site, link); err == nil {
		t.Error("a symbolic link to the source was accepted as destination")
	}
	if err := publish.CheckDest(link, filepath.Join(site, "content", "x")); err == nil {
		t.Error("an input folder reached through a linked source was accepted")
	}
	if _, err := os.Stat(filepath.Join(precious, "thesis.txt")); err != nil {
		t.Error("thesis.txt is gone")
	}
}

func TestCheckDest(t *testing.T) {
	root := t.TempDir()
	site := filepath.Join(root, "site")
	tests := []struct {
		dest string
		ok   bool
	}{
		{filepath.Join(site, "public"), true},
		{filepath.Join(root, "elsewhere"), true},
		{site, false},
		{root, false},
		{filepath.Join(site, "content"), false},
		{filepath.Join(site, "data", "out"), false},
	}
	for _, tt := range tests {
		err := publish.CheckDest(site, tt.dest)
		if (err == nil) != tt.ok {
			t.Errorf("CheckDest(site, %s) = %v, want ok=%v", tt.dest, err, tt.ok)
		}
	}
}

// A GitHub Pages checkout (index.html, .nojekyll, .git) is never a
// previous build: a build would have replaced it whole, .git and all.
func TestCheckDestRefusesAPagesCheckout(t *testing.T) {
	root := t.TempDir()
	site := filepath.Join(root, "site")
	os.MkdirAll(filepath.Join(site, "content"), 0o755)
	pages := filepath.Join(root, "district.github.io")
	os.MkdirAll(filepath.Join(pages, ".git", "refs"), 0o755)
	os.WriteFile(filepath.Join(pages, ".git", "HEAD"), []byte("ref: refs/heads/main\n"), 0o644)
	os.WriteFile(filepath.Join(pages, "index.html"), []byte("<h1>our site</h1>"), 0o644)
	os.WriteFile(filepath.Join(pages, ".nojekyll"), nil, 0o644)

	err := publish.CheckDest(site, pages)
	want := "the destination " + pages + " holds files folio did not write (.git, .nojekyll, index.html) and no .folio-output file of an earlier build; a build replaces its destination whole, so give a new or empty folder with --dest (if this folder is the output of an older folio, delete it and build again)"
	if err == nil || err.Error() != want {
		t.Errorf("err = %v\nwant %s", err, want)
	}
	if _, err := os.Stat(filepath.Join(pages, ".git", "HEAD")); err != nil {
		t.Error(".git is gone")
	}
}

func writeMarker(t *testing.T, dir, text string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, publish.Marker), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// Only a marker folio wrote, in a folder holding nothing it does not list,
// makes a folder replaceable.
func TestReplaceableNeedsFoliosOwnMarker(t *testing.T) {
	build := func(t *testing.T) string {
		dest := filepath.Join(t.TempDir(), "public")
		if _, err := publish.Write(dest, []generator.File{
			{Path: "index.html", Data: []byte("home")},
			{Path: "schools/a/index.html", Data: []byte("a")},
			{Path: ".nojekyll"},
		}); err != nil {
			t.Fatal(err)
		}
		return dest
	}
	tests := []struct {
		name    string
		prepare func(t *testing.T, dest string)
		want    string // "" when replaceable
	}{
		{"a previous build", func(*testing.T, string) {}, ""},
		{"a previous build with a .gitkeep", func(t *testing.T, dest string) {
			os.WriteFile(filepath.Join(dest, ".gitkeep"), nil, 0o644)
		}, ""},
		{"a file added by hand", func(t *testing.T, dest string) {
			os.WriteFile(filepath.Join(dest, "notes.txt"), []byte("mine"), 0o644)
		}, "holds notes.txt, which the build that wrote the folder did not write; a build replaces its destination whole, so move it out of the folder first, or give another folder with --dest"},
		// Below the top of the folder, where the marker lists no names:
		// the count and hash of every path the build wrote find these.
		{"a file added by hand in a subfolder", func(t *testing.T, dest string) {
			os.WriteFile(filepath.Join(dest, "schools", "a", "mine.txt"), []byte("mine"), 0o644)
			later(t, filepath.Join(dest, "schools", "a", "mine.txt"))
		}, "was changed by hand: it holds schools/a/mine.txt, added since folio wrote it; a build replaces its destination whole, so move your files out of it first"},
		{"an empty folder added by hand in a subfolder", func(t *testing.T, dest string) {
			os.MkdirAll(filepath.Join(dest, "schools", "b", ".git"), 0o755)
			later(t, filepath.Join(dest, "schools", "b", ".git"), filepath.Join(dest, "schools", "b"))
		}, "was changed by hand: it holds schools/b/.git/, added since folio wrote it"},
		{"a file folio wrote removed by hand", func(t *testing.T, dest string) {
			os.Remove(filepath.Join(dest, "schools", "a", "index.html"))
		}, "was changed by hand: some of the 5 files and folders folio wrote were removed, renamed or replaced"},
		{"a git repository made in the output", func(t *testing.T, dest string) {
			os.MkdirAll(filepath.Join(dest, ".git"), 0o755)
			os.WriteFile(filepath.Join(dest, "CNAME"), []byte("x.org"), 0o644)
		}, "holds .git, CNAME, which the build that wrote the folder did not write; a build replaces its destination whole, so move them out of the folder first, or give another folder with --dest"},
		{"an empty marker", func(t *testing.T, dest string) { writeMarker(t, dest, "") },
			"has a .folio-output file that folio did not write (it is empty); a build replaces its destination whole, so give a new or empty folder with --dest (if this folder holds only an earlier build, delete it and build again)"},
		{"a marker written by someone else", func(t *testing.T, dest string) { writeMarker(t, dest, "ok to delete\n") },
			`has a .folio-output file that folio did not write (its first line is not "folio-output 1")`},
		{"a marker that is a folder", func(t *testing.T, dest string) {
			os.Remove(filepath.Join(dest, publish.Marker))
			os.Mkdir(filepath.Join(dest, publish.Marker), 0o755)
		}, "has a .folio-output file that folio did not write (it is not a plain file)"},
		{"the previous release's marker", func(t *testing.T, dest string) {
			writeMarker(t, dest, "This folder is written by folio build and replaced on every build.\n")
			os.WriteFile(filepath.Join(dest, "feed.xml"), nil, 0o644)
		}, ""},
		{"the previous release's marker beside .git", func(t *testing.T, dest string) {
			writeMarker(t, dest, "This folder is written by folio build and replaced on every build.\n")
			os.MkdirAll(filepath.Join(dest, ".git"), 0o755)
		}, "holds .git, which the build that wrote the folder did not write"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dest := build(t)
			tt.prepare(t, dest)
			err := publish.Replaceable(dest)
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("refused: %v", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Errorf("err = %v\nwant it to contain %s", err, tt.want)
			}
		})
	}
}

// later dates paths an hour ahead, so that what a test adds after the
// marker is newer than it whatever the clock's resolution.
func later(t *testing.T, paths ...string) {
	t.Helper()
	next := time.Now().Add(time.Hour)
	for _, p := range paths {
		if err := os.Chtimes(p, next, next); err != nil {
			t.Fatal(err)
		}
	}
}

func TestMarkerListsWhatTheBuildWrote(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := publish.Write(dest, []generator.File{
		{Path: "schools/a/index.html"}, {Path: "index.html"}, {Path: ".nojekyll"}, {Path: "css/folio.css"},
	}); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(dest, publish.Marker))
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	if !strings.HasPrefix(text, "folio-output 1\n") || !strings.HasSuffix(text, "\nentries:\n.folio-output\n.nojekyll\ncss\nindex.html\nschools\n") {
		t.Errorf("marker =\n%s", text)
	}
	if strings.Contains(text, "building on") {
		t.Error("the published marker names the machine that built it")
	}
}

// After Abort, nothing more reaches the disk: the temporary folder is not
// made again by a late write, and Commit does not swap.
func TestAbortStopsEveryLaterWrite(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	if _, err := publish.Write(dest, []generator.File{{Path: "index.html", Data: []byte("v1")}}); err != nil {
		t.Fatal(err)
	}
	w, err := publish.Begin(dest)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Write(generator.File{Path: "a/b/index.html", Data: []byte("v2")}); err != nil {
		t.Fatal(err)
	}
	if !w.Abort() {
		t.Error("first Abort did nothing")
	}
	if w.Abort() {
		t.Error("second Abort did something")
	}
	if err := w.Write(generator.File{Path: "c/d/index.html", Data: []byte("v2")}); err == nil {
		t.Error("a write after Abort succeeded")
	}
	if _, err := w.Commit(); err == nil {
		t.Error("Commit after Abort succeeded")
	}
	if got := readTree(t, dest); len(got) != 1 || got["index.html"] != "v1" {
		t.Errorf("destination changed: %v", got)
	}
	if left, _ := filepath.Glob(filepath.Join(parent, ".folio-build-*")); len(left) > 0 {
		t.Errorf("temporary folders left: %v", left)
	}
}

// deadPID is the id of a process that has exited.
func deadPID(t *testing.T) int {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	return cmd.Process.Pid
}

// Temporary folders left by a killed build are removed by the next one,
// but only those: folio's name, a real folder, a dead process, folio's
// marker (or nothing) inside.
func TestBeginRemovesWhatKilledBuildsLeft(t *testing.T) {
	parent := t.TempDir()
	dead := deadPID(t)
	host, _ := os.Hostname()
	folder := func(name string, files map[string]string) string {
		dir := filepath.Join(parent, name)
		os.MkdirAll(dir, 0o755)
		for n, data := range files {
			os.MkdirAll(filepath.Dir(filepath.Join(dir, n)), 0o755)
			os.WriteFile(filepath.Join(dir, n), []byte(data), 0o644)
		}
		return dir
	}
	building := "folio-output 1\nbuilding on " + host + "\n"
	finished := "folio-output 1\nentries:\n.folio-output\nindex.html\n"
	stale := []string{
		folder(fmt.Sprintf(".folio-build-%d-11", dead), map[string]string{publish.Marker: building, "schools/a/index.html": "partial"}),
		folder(fmt.Sprintf(".folio-build-%d-12", dead), nil),
		folder(fmt.Sprintf(".folio-build-%d-13-previous", dead), map[string]string{publish.Marker: finished, "index.html": "old"}),
	}
	kept := []string{
		folder(fmt.Sprintf(".folio-build-%d-21", os.Getppid()), map[string]string{publish.Marker: building}), // its build still runs
		folder(fmt.Sprintf(".folio-build-%d-22", dead), map[string]string{"thesis.txt": "mine"}),             // not folio's
		folder(fmt.Sprintf(".folio-build-%d-23", dead), map[string]string{publish.Marker: "", "a": "b"}),     // not folio's marker
		folder(fmt.Sprintf(".folio-build-%d-24", dead), map[string]string{publish.Marker: "folio-output 1\nbuilding on another-computer\n"}),
		folder(".folio-build-123456", map[string]string{publish.Marker: finished}), // an older version's: no process id
		folder(".folio-build-notes", nil),
	}
	target := folder("elsewhere", map[string]string{publish.Marker: building, "precious": "x"})
	link := filepath.Join(parent, fmt.Sprintf(".folio-build-%d-31", dead))
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	kept = append(kept, link, target)

	if _, err := publish.Write(filepath.Join(parent, "public"), []generator.File{{Path: "index.html"}}); err != nil {
		t.Fatal(err)
	}
	for _, dir := range stale {
		if _, err := os.Lstat(dir); err == nil {
			t.Errorf("%s was left", filepath.Base(dir))
		}
	}
	for _, dir := range kept {
		if _, err := os.Lstat(dir); err != nil {
			t.Errorf("%s was removed", filepath.Base(dir))
		}
	}
	if _, err := os.Stat(filepath.Join(target, "precious")); err != nil {
		t.Error("a linked folder's file was removed")
	}
}
