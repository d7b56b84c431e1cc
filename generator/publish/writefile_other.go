//go:build !unix

package publish

import (
	"io/fs"
	"os"
)

// reuseSpares is false: where a symbolic link cannot be refused when a
// file is opened, a build does not write into the previous output (see
// spare.go) but into a new folder of its own.
const reuseSpares = false

// noFollow: every build writes into a new folder of its own.
const noFollow = 0

// writeBytes writes data to a new file at path.
func writeBytes(path string, data []byte, _ *fresh) error {
	return os.WriteFile(path, data, 0o644)
}

// probeFresh, likeFresh and sameOwner are never called: no spare is used.
func probeFresh(string) (fresh, bool)   { return fresh{}, false }
func likeFresh(fs.FileInfo, fresh) bool { return false }
func sameOwner(fs.FileInfo, fresh) bool { return false }
