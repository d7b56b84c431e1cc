package sitefs_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/folio-sites/folio/generator"
	"github.com/folio-sites/folio/generator/sitefs"
)

func TestDirNeverFollowsLinks(t *testing.T) {
	outside := t.TempDir()
	secret := filepath.Join(outside, "passwd")
	if err := os.WriteFile(secret, []byte("root:x:0:0"), 0o644); err != nil {
		t.Fatal(err)
	}
	site := t.TempDir()
	for _, d := range []string{"content/a", "data", ".git"} {
		if err := os.MkdirAll(filepath.Join(site, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(site, "content/a/ok.md"), []byte("ok"), 0o644); err != nil {
		t.Fatal(err)
	}
	for link, target := range map[string]string{
		"content/a/notes.txt": secret,
		"content/b":           outside,
		"content/a/inside.md": "ok.md", // a link inside the site is refused too
		".git/hooks":          outside, // hidden: never read, not reported
		"content/a/.#ok.md":   "user@host.1234",
	} {
		if err := os.Symlink(target, filepath.Join(site, filepath.FromSlash(link))); err != nil {
			t.Fatal(err)
		}
	}
	fsys := sitefs.Dir(site)

	if data, err := fs.ReadFile(fsys, "content/a/ok.md"); err != nil || string(data) != "ok" {
		t.Errorf("ReadFile of a plain file = %q, %v", data, err)
	}
	for _, name := range []string{"content/a/notes.txt", "content/b/passwd", "content/b", "content/a/inside.md"} {
		for op, f := range map[string]func() error{
			"Open":     func() error { _, err := fsys.Open(name); return err },
			"ReadFile": func() error { _, err := fs.ReadFile(fsys, name); return err },
			"Stat":     func() error { _, err := fs.Stat(fsys, name); return err },
			"ReadDir":  func() error { _, err := fs.ReadDir(fsys, name); return err },
		} {
			if err := f(); !errors.Is(err, sitefs.ErrSymlink) {
				t.Errorf("%s(%s) = %v, want ErrSymlink", op, name, err)
			}
		}
	}
	if fi, err := fs.Lstat(fsys, "content/b"); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("Lstat(content/b) = %v, %v; want the link itself", fi, err)
	}

	var ds generator.Diagnostics
	sitefs.Check(fsys, &ds)
	want := []string{
		"content/a/inside.md: symbolic link: folio reads only files inside the site folder, never what a link points to — replace the link with the file or folder itself",
		"content/a/notes.txt: symbolic link: folio reads only files inside the site folder, never what a link points to — replace the link with the file or folder itself",
		"content/b: symbolic link: folio reads only files inside the site folder, never what a link points to — replace the link with the file or folder itself",
	}
	if len(ds) != len(want) {
		t.Fatalf("Check reported %v, want %q", ds, want)
	}
	for i := range want {
		if ds[i].String() != want[i] {
			t.Errorf("Check[%d] = %s\nwant %s", i, ds[i], want[i])
		}
	}
}
