package publish_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

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
