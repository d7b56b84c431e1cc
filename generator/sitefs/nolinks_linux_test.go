package sitefs

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// On Linux a file is read in one openat2 call that refuses links: the
// bytes of a plain file come back whole (also past any first guess of
// its size), a link on the way is refused, a missing file is reported as
// missing.
func TestReadNoLinks(t *testing.T) {
	dir, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	big := strings.Repeat("0123456789", 10000)
	os.MkdirAll(filepath.Join(dir, "a"), 0o755)
	os.WriteFile(filepath.Join(dir, "a", "big.md"), []byte(big), 0o644)
	os.WriteFile(filepath.Join(dir, "a", "empty.md"), nil, 0o644)
	os.Symlink(filepath.Join(dir, "a"), filepath.Join(dir, "b"))
	data, done, err := readNoLinks(filepath.Join(dir, "a", "big.md"), -1)
	if !done {
		t.Skip("openat2 is not available here")
	}
	if err != nil || string(data) != big {
		t.Errorf("read %d bytes, %v; want %d", len(data), err, len(big))
	}
	if data, _, err := readNoLinks(filepath.Join(dir, "a", "empty.md"), -1); err != nil || len(data) != 0 {
		t.Errorf("empty file: %q, %v", data, err)
	}
	if _, _, err := readNoLinks(filepath.Join(dir, "b", "big.md"), -1); !errors.Is(err, errLinkOnPath) {
		t.Errorf("through a link: %v, want errLinkOnPath", err)
	}
	fsys := Dir(dir)
	if _, err := fs.ReadFile(fsys, "b/big.md"); !errors.Is(err, ErrSymlink) || !strings.Contains(err.Error(), "open b:") {
		t.Errorf("ReadFile through a link = %v, want ErrSymlink naming b", err)
	}
	if _, err := fs.ReadFile(fsys, "a/missing.md"); !errors.Is(err, fs.ErrNotExist) || !strings.HasPrefix(err.Error(), "open a/missing.md:") {
		t.Errorf("ReadFile of a missing file = %v", err)
	}
}

// A named pipe in the site folder is refused at once, whichever way it is
// read: opening it for reading waited for a writer, and a build with one
// under content/ never ended.
func TestNamedPipeIsRefused(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.csv"), 0o644); err != nil {
		t.Skip("cannot make a named pipe here:", err)
	}
	fsys := Dir(dir)
	done := make(chan error, 3)
	go func() { _, err := fs.ReadFile(fsys, "pipe.csv"); done <- err }()
	go func() { _, err := ReadFileUpTo(fsys, "pipe.csv", 1<<20); done <- err }()
	go func() {
		f, err := fsys.Open("pipe.csv")
		if err == nil {
			f.Close()
		}
		done <- err
	}()
	for range 3 {
		select {
		case err := <-done:
			if !errors.Is(err, ErrNotPlain) {
				t.Errorf("reading a named pipe: %v, want ErrNotPlain", err)
			}
		case <-time.After(10 * time.Second):
			t.Fatal("reading a named pipe is still waiting after 10 s")
		}
	}
}
