//go:build unix

package publish

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
)

// reuseSpares: a build writes into the previous output (see spare.go),
// which is safe where a file's links can be counted and a symbolic link
// refused when it is opened.
const reuseSpares = true

// noFollow makes opening a path that ends in a symbolic link fail.
const noFollow = syscall.O_NOFOLLOW

// writeBytes writes data to the file at path with the descriptor itself:
// os.WriteFile would add system calls to set the file up for the poller,
// which a regular file never uses, and a large site writes tens of
// thousands of files. A file that exists (reused from the previous
// output, see spare.go) is written over and cut to the new length, which
// the file system does faster than emptying it first; one that is not a
// plain file with a single name is replaced by a new file instead, so
// that nothing elsewhere is ever written through a link.
//
// like, when not nil, is what a new file gets here (see fresh): a file
// whose permissions or owner differ is replaced by a new file too.
func writeBytes(path string, data []byte, like *fresh) error {
	fd, err := syscall.Open(path, syscall.O_WRONLY|syscall.O_CREAT|syscall.O_CLOEXEC|noFollow, 0o644)
	if errors.Is(err, syscall.ELOOP) || like != nil && errors.Is(err, syscall.EACCES) {
		// A symbolic link, or a file of the spare that may not be
		// written to (made read-only): remove the name itself, write a
		// new file, as in an empty folder.
		if uerr := syscall.Unlink(path); uerr != nil {
			if errors.Is(err, syscall.EACCES) {
				// The folder may not be written to: say what failed first.
				return &os.PathError{Op: "open", Path: path, Err: err}
			}
			return &os.PathError{Op: "remove", Path: path, Err: uerr}
		}
		fd, err = syscall.Open(path, syscall.O_WRONLY|syscall.O_CREAT|syscall.O_EXCL|syscall.O_CLOEXEC|noFollow, 0o644)
	}
	if err != nil {
		return &os.PathError{Op: "open", Path: path, Err: err}
	}
	var st syscall.Stat_t
	if err := syscall.Fstat(fd, &st); err != nil {
		syscall.Close(fd)
		return &os.PathError{Op: "stat", Path: path, Err: err}
	}
	if st.Mode&syscall.S_IFMT != syscall.S_IFREG || st.Nlink > 1 ||
		like != nil && (uint32(st.Mode)&0o7777 != like.file || st.Uid != like.uid || st.Gid != like.gid) {
		// Another name shares the file, or it is not as a new one would
		// be: give this name a new file of its own.
		syscall.Close(fd)
		if err := syscall.Unlink(path); err != nil {
			return &os.PathError{Op: "remove", Path: path, Err: err}
		}
		return writeBytes(path, data, nil)
	}
	size := int64(len(data))
	for len(data) > 0 {
		n, err := syscall.Write(fd, data)
		if errors.Is(err, syscall.EINTR) {
			continue
		}
		if err != nil {
			syscall.Close(fd)
			return &os.PathError{Op: "write", Path: path, Err: err}
		}
		data = data[n:]
	}
	if st.Size > size {
		if err := syscall.Ftruncate(fd, size); err != nil {
			syscall.Close(fd)
			return &os.PathError{Op: "truncate", Path: path, Err: err}
		}
	}
	if err := syscall.Close(fd); err != nil {
		return &os.PathError{Op: "close", Path: path, Err: err}
	}
	return nil
}

// probeFresh makes a file and a folder in dir, an empty folder where the
// build writes, to see what new ones get (see fresh), and removes them.
func probeFresh(dir string) (fresh, bool) {
	var like fresh
	var st syscall.Stat_t
	d := filepath.Join(dir, "probe-folder")
	if err := os.Mkdir(d, 0o755); err != nil {
		return like, false
	}
	err := syscall.Lstat(d, &st)
	os.Remove(d)
	if err != nil {
		return like, false
	}
	like.dir = uint32(st.Mode) & 0o7777
	f := filepath.Join(dir, "probe-file")
	fd, err := syscall.Open(f, syscall.O_WRONLY|syscall.O_CREAT|syscall.O_EXCL|syscall.O_CLOEXEC|noFollow, 0o644)
	if err != nil {
		return like, false
	}
	err = syscall.Fstat(fd, &st)
	syscall.Close(fd)
	os.Remove(f)
	if err != nil {
		return like, false
	}
	like.file, like.uid, like.gid = uint32(st.Mode)&0o7777, st.Uid, st.Gid
	return like, true
}

// likeFresh reports whether the folder fi is as a new one would be.
func likeFresh(fi fs.FileInfo, like fresh) bool {
	st, ok := fi.Sys().(*syscall.Stat_t)
	return ok && uint32(st.Mode)&0o7777 == like.dir && sameOwner(fi, like)
}

// sameOwner reports whether fi has the owner and group of a new file.
func sameOwner(fi fs.FileInfo, like fresh) bool {
	st, ok := fi.Sys().(*syscall.Stat_t)
	return ok && st.Uid == like.uid && st.Gid == like.gid
}
