//go:build unix

package publish

import (
	"errors"
	"os"
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
func writeBytes(path string, data []byte) error {
	fd, err := syscall.Open(path, syscall.O_WRONLY|syscall.O_CREAT|syscall.O_CLOEXEC|noFollow, 0o644)
	if errors.Is(err, syscall.ELOOP) {
		// A symbolic link: remove the link itself, write a new file.
		if err := syscall.Unlink(path); err != nil {
			return &os.PathError{Op: "remove", Path: path, Err: err}
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
	if st.Mode&syscall.S_IFMT != syscall.S_IFREG || st.Nlink > 1 {
		// Another name shares the file: give this name a file of its own.
		syscall.Close(fd)
		if err := syscall.Unlink(path); err != nil {
			return &os.PathError{Op: "remove", Path: path, Err: err}
		}
		return writeBytes(path, data)
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
