//go:build unix

package publish_test

import (
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"

	"github.com/folio-sites/folio/generator"
	"github.com/folio-sites/folio/generator/publish"
)

// build writes files (path → contents) to dest as one build.
func build(t *testing.T, dest string, files map[string]string) {
	t.Helper()
	var fs []generator.File
	for _, p := range slices.Sorted(maps.Keys(files)) {
		fs = append(fs, generator.File{Path: p, Data: []byte(files[p])})
	}
	if _, err := publish.Write(dest, fs); err != nil {
		t.Fatal(err)
	}
}

// sameTree fails the test unless dir holds exactly want (besides the
// marker), and no empty folder.
func sameTree(t *testing.T, dir string, want map[string]string) {
	t.Helper()
	if got := readTree(t, dir); !maps.Equal(got, want) {
		t.Errorf("%s holds %v, want %v", filepath.Base(dir), got, want)
	}
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if d != nil && d.IsDir() {
			if entries, _ := os.ReadDir(p); len(entries) == 0 {
				t.Errorf("empty folder %s left", p)
			}
		}
		return nil
	})
}

func inode(t *testing.T, p string) uint64 {
	t.Helper()
	fi, err := os.Lstat(p)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Sys().(*syscall.Stat_t).Ino
}

// A build writes over the output before the last one (the spare), keeping
// the files whose names stay, and leaves exactly what it wrote: nothing
// of the spare it did not write, even where a file became a folder or a
// folder a file.
func TestBuildWritesOverTheSpare(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	spare := filepath.Join(parent, ".folio-spare", "public")
	v1 := map[string]string{"index.html": "v1 home", "a/index.html": "v1 a, a longer text than later", "a/chart.csv": "1,2",
		"b/index.html": "v1 b", "b/deep/x/index.html": "v1 deep", "turns-folder": "a file in v1", "c/turns-file/index.html": "a folder in v1"}
	v2 := map[string]string{"index.html": "v2 home", "z/index.html": "v2 z"}
	v3 := map[string]string{"index.html": "v3", "a/index.html": "v3 a", "b/new.csv": "3,4",
		"turns-folder/index.html": "a folder in v3", "c/turns-file": "a file in v3"}

	build(t, dest, v1)
	sameTree(t, dest, v1)
	if _, err := os.Stat(spare); err == nil {
		t.Fatal("a spare after the first build")
	}
	build(t, dest, v2)
	sameTree(t, dest, v2)
	sameTree(t, spare, v1) // the output v2 replaced
	kept := inode(t, filepath.Join(spare, "a", "index.html"))

	build(t, dest, v3)
	sameTree(t, dest, v3)
	sameTree(t, spare, v2)
	if got := inode(t, filepath.Join(dest, "a", "index.html")); got != kept {
		t.Errorf("a/index.html is a new file (inode %d), not v1's written over (%d)", got, kept)
	}
	if left, _ := filepath.Glob(filepath.Join(parent, ".folio-build-*")); len(left) > 0 {
		t.Errorf("temporary folders left: %v", left)
	}
}

// A link planted in the spare never makes a build write anywhere else:
// a file with a second name (a hard link) is replaced, not written over;
// a spare holding a symbolic link is emptied before anything is written.
func TestSpareLinksAreNeverWrittenThrough(t *testing.T) {
	for _, kind := range []string{"hard link", "symbolic link to a file", "symbolic link to a folder"} {
		t.Run(kind, func(t *testing.T) {
			parent := t.TempDir()
			dest := filepath.Join(parent, "public")
			spare := filepath.Join(parent, ".folio-spare", "public")
			outside := filepath.Join(t.TempDir(), "precious")
			os.MkdirAll(outside, 0o755)
			victim := filepath.Join(outside, "index.html")
			os.WriteFile(victim, []byte("precious"), 0o644)

			files := map[string]string{"index.html": "home", "a/index.html": "page a"}
			build(t, dest, files)
			build(t, dest, files)
			var err error
			switch kind {
			case "hard link":
				os.Remove(filepath.Join(spare, "a", "index.html"))
				err = os.Link(victim, filepath.Join(spare, "a", "index.html"))
			case "symbolic link to a file":
				os.Remove(filepath.Join(spare, "a", "index.html"))
				err = os.Symlink(victim, filepath.Join(spare, "a", "index.html"))
			default:
				os.RemoveAll(filepath.Join(spare, "a"))
				err = os.Symlink(outside, filepath.Join(spare, "a"))
			}
			if err != nil {
				t.Fatal(err)
			}
			v2 := map[string]string{"index.html": "home 2", "a/index.html": "page a 2"}
			build(t, dest, v2)
			sameTree(t, dest, v2)
			if data, _ := os.ReadFile(victim); string(data) != "precious" {
				t.Errorf("the file outside now holds %q", data)
			}
		})
	}
}

// A .folio-spare folder that is not folio's output is left alone.
func TestFolderThatIsNotASpareIsLeftAlone(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	spare := filepath.Join(parent, ".folio-spare", "public")
	os.MkdirAll(spare, 0o755)
	os.WriteFile(filepath.Join(spare, "thesis.txt"), []byte("mine"), 0o644)
	files := map[string]string{"index.html": "home"}
	build(t, dest, files)
	build(t, dest, files)
	sameTree(t, dest, files)
	if data, _ := os.ReadFile(filepath.Join(spare, "thesis.txt")); string(data) != "mine" {
		t.Errorf("thesis.txt holds %q", data)
	}
}

// An aborted build that wrote into the spare leaves the output as it was.
func TestAbortAfterWritingIntoTheSpare(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	v1 := map[string]string{"index.html": "v1"}
	build(t, dest, v1)
	build(t, dest, v1)
	w, err := publish.Begin(dest)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Write(generator.File{Path: "index.html", Data: []byte("v3, never finished")}); err != nil {
		t.Fatal(err)
	}
	w.Abort()
	sameTree(t, dest, v1)
	if left, _ := filepath.Glob(filepath.Join(parent, ".folio-build-*")); len(left) > 0 {
		t.Errorf("temporary folders left: %v", left)
	}
	build(t, dest, map[string]string{"x.html": "v4"})
	sameTree(t, dest, map[string]string{"x.html": "v4"})
}

// buildThreeVersions builds dest three times, each with another page, and
// checks each time that it holds exactly what was built.
func buildThreeVersions(t *testing.T, dest string) {
	t.Helper()
	for _, v := range []string{"v1", "v2", "v3"} {
		files := map[string]string{"index.html": v}
		build(t, dest, files)
		sameTree(t, dest, files)
	}
}

// The spare is kept only in a real .folio-spare folder beside the
// destination: a .folio-spare that is a symbolic link is never followed,
// so a build neither claims (moves away) a folder elsewhere that happens
// to hold folio's output — another site's published output, say — nor
// moves its previous output there; and a destination named .folio-spare,
// this one or another beside it, never receives the previous output.
func TestSpareFolderIsNeverALinkNorTheDestination(t *testing.T) {
	t.Run("symbolic link", func(t *testing.T) {
		parent := t.TempDir()
		elsewhere := t.TempDir()
		other := filepath.Join(elsewhere, "public") // another site's output
		otherFiles := map[string]string{"index.html": "the other site"}
		build(t, other, otherFiles)
		if err := os.Symlink(elsewhere, filepath.Join(parent, ".folio-spare")); err != nil {
			t.Fatal(err)
		}
		dest := filepath.Join(parent, "public")
		buildThreeVersions(t, dest)
		sameTree(t, other, otherFiles)
		if entries, _ := os.ReadDir(elsewhere); len(entries) != 1 {
			t.Errorf("the folder the link points to holds %d entries, want only public", len(entries))
		}
	})
	t.Run("another destination named .folio-spare beside it", func(t *testing.T) {
		parent := t.TempDir()
		other := filepath.Join(parent, ".folio-spare")
		otherFiles := map[string]string{"index.html": "the other site"}
		build(t, other, otherFiles)
		dest := filepath.Join(parent, "public")
		buildThreeVersions(t, dest)
		sameTree(t, other, otherFiles)
	})
	t.Run("destination named .folio-spare", func(t *testing.T) {
		dest := filepath.Join(t.TempDir(), ".folio-spare")
		buildThreeVersions(t, dest)
	})
}

// A file or folder written into the spare ends up as a new one would be:
// the permissions and the owner of an earlier build do not survive in the
// output (a build run once under umask 077 would otherwise publish, two
// builds later, pages the web server may not read).
func TestSpareKeepsNoModeNorOwnerOfAnEarlierBuild(t *testing.T) {
	files := map[string]string{"index.html": "home", "a/index.html": "page a", "a/b/data.csv": "1,2"}
	for _, tc := range []struct {
		name  string
		spoil func(t *testing.T, spare string)
	}{
		{"built under umask 077", func(t *testing.T, spare string) {}},
		{"chmod", func(t *testing.T, spare string) {
			os.Chmod(filepath.Join(spare, "a", "index.html"), 0o600)
			os.Chmod(filepath.Join(spare, "a", "b"), 0o700)
		}},
		{"another owner", func(t *testing.T, spare string) {
			if os.Geteuid() != 0 {
				t.Skip("needs root to give a file away")
			}
			os.Lchown(filepath.Join(spare, "a", "index.html"), 4242, 4242)
			os.Lchown(filepath.Join(spare, "a", "b"), 4242, 4242)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			parent := t.TempDir()
			dest := filepath.Join(parent, "public")
			old := syscall.Umask(0o022)
			defer syscall.Umask(old)
			if tc.name == "built under umask 077" {
				syscall.Umask(0o077)
			}
			build(t, dest, files)
			syscall.Umask(0o022)
			build(t, dest, files)
			tc.spoil(t, filepath.Join(parent, ".folio-spare", "public"))
			build(t, dest, files)
			sameTree(t, dest, files)
			for _, p := range []string{"index.html", "a/index.html", "a/b/data.csv", "a", "a/b"} {
				fi, err := os.Lstat(filepath.Join(dest, p))
				if err != nil {
					t.Fatal(err)
				}
				want := os.FileMode(0o644)
				if fi.IsDir() {
					want = 0o755
				}
				if fi.Mode().Perm() != want {
					t.Errorf("%s has mode %v, want %v", p, fi.Mode().Perm(), want)
				}
				if uid := fi.Sys().(*syscall.Stat_t).Uid; int(uid) != os.Geteuid() {
					t.Errorf("%s is owned by %d, not by the build (%d)", p, uid, os.Geteuid())
				}
			}
		})
	}
}

// On a file system that does not tell apart names differing in case or
// Unicode normalization (macOS's by default), a page whose name changed
// only so would be written over the spare's file of the old name, which
// is then removed as unwritten: the page would be missing from the
// output. No spare is used there. The test runs where the temporary
// folder (or FOLIO_TEST_CASELESS_DIR) is such a file system.
func TestSpareOnAFileSystemThatFoldsNames(t *testing.T) {
	root := os.Getenv("FOLIO_TEST_CASELESS_DIR")
	if root == "" {
		root = t.TempDir()
	}
	probe := filepath.Join(root, "probe")
	os.WriteFile(probe, nil, 0o644)
	_, err := os.Lstat(filepath.Join(root, "PROBE"))
	os.Remove(probe)
	if err != nil {
		t.Skip("the temporary folder's file system tells names apart by case; set FOLIO_TEST_CASELESS_DIR to a folder on one that does not")
	}
	for _, tc := range []struct{ name, before, after string }{
		{"file", "About.html", "about.html"},
		{"folder", "Docs/index.html", "docs/index.html"},
		{"normalization", "caf\u00e9.html", "cafe\u0301.html"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			parent, err := os.MkdirTemp(root, "site-")
			if err != nil {
				t.Fatal(err)
			}
			defer os.RemoveAll(parent)
			dest := filepath.Join(parent, "public")
			v1 := map[string]string{"index.html": "home", tc.before: "v1"}
			v3 := map[string]string{"index.html": "home", tc.after: "v3"}
			build(t, dest, v1)
			build(t, dest, v1)
			build(t, dest, v3)
			sameTree(t, dest, v3)
		})
	}
}

// A spare that holds a link is emptied before the build writes into it.
// What cannot be removed from it (here a file made immutable) must never
// be published with the new output: the build fails and leaves the
// previous output as it was. Emptying it also keeps the marker saying a
// build is under way, by which the folder of a build killed at that point
// is recognised and removed.
func TestSpareThatCannotBeEmptied(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	spare := filepath.Join(parent, ".folio-spare", "public")
	v1 := map[string]string{"index.html": "v1", "old/withdrawn.html": "withdrawn data"}
	build(t, dest, v1)
	build(t, dest, v1)
	os.Symlink("/", filepath.Join(spare, "old", "link"))
	locked := filepath.Join(spare, "old", "withdrawn.html")
	if out, err := exec.Command("chattr", "+i", locked).CombinedOutput(); err != nil {
		t.Skipf("cannot make a file immutable here: %v %s", err, out)
	}
	defer func() {
		left, _ := filepath.Glob(filepath.Join(parent, "*", "old", "withdrawn.html"))
		for _, p := range append(left, locked) {
			exec.Command("chattr", "-i", p).Run()
		}
	}()

	w, err := publish.Begin(dest)
	if err != nil {
		t.Fatal(err)
	}
	werr := w.Write(generator.File{Path: "index.html", Data: []byte("v3")})
	tmp, _ := filepath.Glob(filepath.Join(parent, ".folio-build-*"))
	if len(tmp) != 1 {
		t.Fatalf("temporary folders: %v", tmp)
	}
	if mark, _ := os.ReadFile(filepath.Join(tmp[0], publish.Marker)); !strings.Contains(string(mark), "building on ") {
		t.Errorf("the folder being built has no marker saying so: %q", mark)
	}
	_, cerr := w.Commit()
	if werr == nil && cerr == nil {
		sameTree(t, dest, map[string]string{"index.html": "v3"})
	} else {
		sameTree(t, dest, v1)
	}
}

// The spare is a copy of an earlier output beside the site's files: git
// never sees it, even in a site whose .gitignore predates it, so that a
// "git add -A" does not commit (and push) the previous output, withdrawn
// pages included. Here the output is docs/, committed to be published
// from the branch (a .gitignore's "public/" happens to cover
// .folio-spare/public too, but not this).
func TestSpareIsIgnoredByGit(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	site := t.TempDir()
	if out, err := exec.Command("git", "-C", site, "init", "-q").CombinedOutput(); err != nil {
		t.Skipf("git init: %v %s", err, out)
	}
	dest := filepath.Join(site, "docs")
	build(t, dest, map[string]string{"index.html": "v1"})
	build(t, dest, map[string]string{"index.html": "v2"})
	if _, err := os.Stat(filepath.Join(site, ".folio-spare", "docs")); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("git", "-C", site, "status", "--porcelain", "--untracked-files=all").CombinedOutput()
	if err != nil {
		t.Fatalf("git status: %v %s", err, out)
	}
	if got := strings.TrimSpace(string(out)); strings.Contains(got, ".folio-spare") {
		t.Errorf("git sees:\n%s", got)
	}
}

// A destination that is a symbolic link is refused however it is written
// ("public/" too), and even a build told to write there (publish.Write
// does not check) never removes anything through the link: the folder it
// points to keeps every file, whether the output replaced there is kept
// as a spare or removed (one marked by an older folio is not kept).
func TestLinkedDestinationIsNeverWrittenThrough(t *testing.T) {
	for _, tc := range []struct{ name, slash, marker string }{
		{"link", "", ""},
		{"link/", "/", ""},
		{"link, older folio", "", "This folder is written by folio build and replaced on every build.\n"},
		{"link/, older folio", "/", "This folder is written by folio build and replaced on every build.\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := t.TempDir()
			site := filepath.Join(root, "site")
			os.MkdirAll(filepath.Join(site, "content"), 0o755)
			target := filepath.Join(root, "www", "site")
			v1 := map[string]string{"index.html": "live", "a/b/index.html": "live page"}
			build(t, target, v1)
			if tc.marker != "" {
				os.WriteFile(filepath.Join(target, publish.Marker), []byte(tc.marker), 0o644)
			}
			link := filepath.Join(site, "public")
			if err := os.Symlink(target, link); err != nil {
				t.Fatal(err)
			}
			dest := link + tc.slash
			if err := publish.CheckDest(site, dest); err == nil {
				t.Errorf("CheckDest(%q) accepted a symbolic link", dest)
			}
			v2 := map[string]string{"index.html": "new"}
			if _, err := publish.Write(dest, []generator.File{{Path: "index.html", Data: []byte("new")}}); err != nil {
				t.Fatal(err)
			}
			sameTree(t, link, v2)
			if got := readTree(t, target); !maps.Equal(got, v1) {
				t.Errorf("the folder the link pointed to holds %v, want %v", got, v1)
			}
			if fi, _ := os.Stat(target); fi.Mode().Perm() != 0o755 {
				t.Errorf("the folder the link pointed to has mode %v now", fi.Mode().Perm())
			}
		})
	}
}

// A build that makes both a file d and a file inside a folder d (a static
// file "about" beside a page about/) fails, as it does without a spare;
// where the spare held d, as a file or a folder, clearing the way for one
// must never remove the other, written by the build itself, and publish
// an output missing it.
func TestFileAndFolderOfOneNameFailWithASpare(t *testing.T) {
	for _, spareHad := range []string{"nothing", "a file d", "a folder d"} {
		for _, fileFirst := range []bool{true, false} {
			name := spareHad + ", folder first"
			if fileFirst {
				name = spareHad + ", file first"
			}
			t.Run(name, func(t *testing.T) {
				parent := t.TempDir()
				dest := filepath.Join(parent, "public")
				v1 := map[string]string{"index.html": "v1"}
				switch spareHad {
				case "a file d":
					v1["d"] = "v1 file"
				case "a folder d":
					v1["d/x.html"] = "v1 page"
				}
				build(t, dest, v1)
				build(t, dest, v1)
				w, err := publish.Begin(dest)
				if err != nil {
					t.Fatal(err)
				}
				defer w.Abort()
				writes := []generator.File{{Path: "d", Data: []byte("v3 file")}, {Path: "d/x.html", Data: []byte("v3 page")}}
				if !fileFirst {
					writes[0], writes[1] = writes[1], writes[0]
				}
				var failed error
				for _, f := range writes {
					if err := w.Write(f); err != nil {
						failed = err
						break
					}
				}
				if failed == nil {
					_, failed = w.Commit()
				}
				if failed == nil {
					t.Errorf("the build succeeded; the output holds %v", readTree(t, dest))
				}
				sameTree(t, dest, v1)
			})
		}
	}
}

// The previous output, withdrawn pages included, is readable by no one
// but the build's user while it is kept beside the destination (where the
// destination's parent is served, or shared with other users): the
// .folio-spare folder, and the temporary folder that holds the claimed
// spare until the build has removed what it did not write. The output
// swapped in is readable by all, as before.
func TestSpareIsReadableOnlyByItsOwner(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	v1 := map[string]string{"index.html": "v1", "withdrawn.html": "withdrawn data"}
	build(t, dest, v1)
	build(t, dest, v1)
	private := func(p string) {
		t.Helper()
		fi, err := os.Lstat(p)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm()&0o077 != 0 {
			t.Errorf("%s has mode %v: others may read the previous output", filepath.Base(p), fi.Mode().Perm())
		}
	}
	private(filepath.Join(parent, ".folio-spare"))
	private(filepath.Join(parent, ".folio-spare", "public"))
	// A .folio-spare made by someone else, readable by all: the spare in
	// it is still private.
	os.Chmod(filepath.Join(parent, ".folio-spare"), 0o755)
	build(t, dest, v1)
	private(filepath.Join(parent, ".folio-spare", "public"))
	w, err := publish.Begin(dest)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Write(generator.File{Path: "index.html", Data: []byte("v3")}); err != nil {
		t.Fatal(err)
	}
	tmp, _ := filepath.Glob(filepath.Join(parent, ".folio-build-*"))
	if len(tmp) != 1 {
		t.Fatalf("temporary folders: %v", tmp)
	}
	private(tmp[0])
	if _, err := w.Commit(); err != nil {
		t.Fatal(err)
	}
	sameTree(t, dest, map[string]string{"index.html": "v3"})
	if fi, _ := os.Lstat(dest); fi.Mode().Perm() != 0o755 {
		t.Errorf("the output has mode %v, want 0755", fi.Mode().Perm())
	}
}

// The .gitkeep a build keeps from the destination is copied only when it
// is a plain file: one that is a symbolic link is never read through, or
// the file it points to (anywhere on the disk) would be published.
func TestGitkeepLinkIsNotFollowed(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	secret := filepath.Join(t.TempDir(), "private.csv")
	os.WriteFile(secret, []byte("name,diagnosis"), 0o644)
	os.MkdirAll(dest, 0o755)
	if err := os.Symlink(secret, filepath.Join(dest, ".gitkeep")); err != nil {
		t.Fatal(err)
	}
	if err := publish.CheckDest(parent, dest); err != nil {
		t.Fatal(err)
	}
	build(t, dest, map[string]string{"index.html": "home"})
	if data, err := os.ReadFile(filepath.Join(dest, ".gitkeep")); err == nil && len(data) > 0 {
		t.Errorf("the output's .gitkeep holds %q", data)
	}
}

// A file of the spare its owner may not write to (made read-only) is
// replaced by a new file, as a file unlike a new one is, instead of
// failing a build that would have succeeded in an empty folder. Root may
// write to any file, so as root the test runs itself again as nobody.
func TestSpareFileThatIsReadOnly(t *testing.T) {
	dir := os.Getenv("FOLIO_TEST_READONLY_DIR")
	if dir == "" && os.Geteuid() == 0 {
		dir, err := os.MkdirTemp("", "folio-readonly-") // t.TempDir's parent is root's only
		if err != nil {
			t.Fatal(err)
		}
		defer os.RemoveAll(dir)
		exe := filepath.Join(dir, "publish.test")
		data, err := os.ReadFile(os.Args[0])
		if err != nil {
			t.Skip(err)
		}
		os.WriteFile(exe, data, 0o755)
		os.Chmod(dir, 0o755)
		if err := os.Chown(dir, 65534, 65534); err != nil {
			t.Skip(err)
		}
		cmd := exec.Command(exe, "-test.run=^TestSpareFileThatIsReadOnly$", "-test.v")
		cmd.Env = append(os.Environ(), "FOLIO_TEST_READONLY_DIR="+dir)
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("as nobody: %v\n%s", err, out)
		}
		if strings.Contains(string(out), "SKIP") {
			t.Skipf("as nobody:\n%s", out)
		}
		return
	}
	if os.Geteuid() == 0 {
		t.Skip("root may write to any file")
	}
	if dir == "" {
		dir = t.TempDir()
	}
	parent, err := os.MkdirTemp(dir, "site-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(parent)
	dest := filepath.Join(parent, "public")
	v1 := map[string]string{"index.html": "v1", "a/index.html": "v1 a"}
	build(t, dest, v1)
	build(t, dest, v1)
	os.Chmod(filepath.Join(parent, ".folio-spare", "public", "a", "index.html"), 0o444)
	v3 := map[string]string{"index.html": "v3", "a/index.html": "v3 a"}
	build(t, dest, v3)
	sameTree(t, dest, v3)
}
