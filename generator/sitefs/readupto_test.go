package sitefs

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
)

// ReadFileUpTo reads a file of up to max bytes and refuses a larger one
// with its size, without reading it, whichever way the file system reads:
// Dir in one openat2 call, Dir part by part (as without openat2), and any
// other fs.FS. A link on the way is still refused first.
func TestReadFileUpTo(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "content", "a"), 0o755)
	os.WriteFile(filepath.Join(dir, "content", "a", "ten.md"), []byte("0123456789"), 0o644)
	linked := os.Symlink(filepath.Join(dir, "content", "a"), filepath.Join(dir, "content", "b")) == nil
	site := Dir(dir).(siteFS)
	partByPart := site
	partByPart.real = ""
	mapFS := fstest.MapFS{"content/a/ten.md": {Data: []byte("0123456789")}}
	for name, fsys := range map[string]fs.FS{"Dir": site, "Dir part by part": partByPart, "MapFS": mapFS} {
		t.Run(name, func(t *testing.T) {
			if data, err := ReadFileUpTo(fsys, "content/a/ten.md", 10); err != nil || string(data) != "0123456789" {
				t.Errorf("at the limit: %q, %v", data, err)
			}
			if data, err := ReadFileUpTo(fsys, "content/a/ten.md", -1); err != nil || string(data) != "0123456789" {
				t.Errorf("no limit (-1): %q, %v", data, err)
			}
			// A folder is not a file over the limit: reading it fails as
			// reading a folder does.
			if _, err := ReadFileUpTo(fsys, "content/a", 1); err == nil || errors.As(err, new(*TooLargeError)) {
				t.Errorf("a folder: %v, want the error of reading a folder", err)
			}
			data, err := ReadFileUpTo(fsys, "content/a/ten.md", 9)
			var big *TooLargeError
			if !errors.As(err, &big) || big.Size != 10 || big.Max != 9 || data != nil {
				t.Errorf("over the limit: %q, %v; want a *TooLargeError of 10 bytes", data, err)
			}
			if linked && name != "MapFS" {
				if _, err := ReadFileUpTo(fsys, "content/b/ten.md", 100); !errors.Is(err, ErrSymlink) {
					t.Errorf("through a link: %v, want ErrSymlink", err)
				}
			}
		})
	}
}
