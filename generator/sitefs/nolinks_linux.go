package sitefs

import (
	"errors"
	"sync/atomic"

	"golang.org/x/sys/unix"
)

// errLinkOnPath is readNoLinks' error when a part of the path is a link.
var errLinkOnPath = errors.New("a symbolic link is on the path")

// noOpenat2 is set once openat2 proved missing (a kernel before 5.6):
// every read then checks part by part.
var noOpenat2 atomic.Bool

// readNoLinks reads the file at path (absolute, the site folder's own
// links resolved) with openat2 and RESOLVE_NO_SYMLINKS: the kernel refuses
// a link anywhere on the path in the same call that opens it. done is
// false when openat2 cannot be used here (missing, or refused by a
// sandbox): the caller then checks part by part.
//
// A regular file over max bytes (max < 0: no limit) is not read: the error is a
// *TooLargeError with its size.
func readNoLinks(path string, max int64) (data []byte, done bool, err error) {
	if noOpenat2.Load() {
		return nil, false, nil
	}
	// O_NONBLOCK: opening a named pipe would otherwise wait for a writer
	// (it is refused below); it changes nothing for a regular file.
	fd, err := unix.Openat2(unix.AT_FDCWD, path, &unix.OpenHow{Flags: unix.O_RDONLY | unix.O_CLOEXEC | unix.O_NONBLOCK, Resolve: unix.RESOLVE_NO_SYMLINKS})
	switch {
	case errors.Is(err, unix.ENOSYS):
		noOpenat2.Store(true)
		return nil, false, nil
	case errors.Is(err, unix.EPERM):
		return nil, false, nil // a sandbox's refusal, or a file we may not read: the careful path tells
	case errors.Is(err, unix.ELOOP):
		return nil, true, errLinkOnPath
	case err != nil:
		return nil, true, err
	}
	// Read with the descriptor itself: an *os.File would add system calls
	// to set it up for the poller, which a regular file never uses.
	defer unix.Close(fd)
	size := 512
	var st unix.Stat_t
	whole := -1 // a regular file's size: read in full once that many bytes are
	statErr := unix.Fstat(fd, &st)
	if statErr == nil && st.Mode&unix.S_IFMT != unix.S_IFREG && st.Mode&unix.S_IFMT != unix.S_IFDIR {
		return nil, true, ErrNotPlain
	}
	if statErr == nil && st.Size > 0 {
		if max >= 0 && st.Mode&unix.S_IFMT == unix.S_IFREG && st.Size > max {
			return nil, true, &TooLargeError{Size: st.Size, Max: max}
		}
		size = int(st.Size) + 1 // one more byte, to see the end without growing
		if st.Mode&unix.S_IFMT == unix.S_IFREG {
			whole = int(st.Size)
		}
	}
	data = make([]byte, 0, size)
	for {
		if len(data) == whole {
			// Its size when opened: no system call more to find the
			// end (a file written to meanwhile is read as it was, as
			// if read a moment earlier; a build hashes what it read).
			return data, true, nil
		}
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
		n, err := unix.Read(fd, data[len(data):cap(data)])
		switch {
		case errors.Is(err, unix.EINTR):
			continue
		case err != nil:
			return nil, true, err
		case n == 0:
			return data, true, nil
		}
		data = data[:len(data)+n]
	}
}
