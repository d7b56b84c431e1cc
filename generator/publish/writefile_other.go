//go:build !unix

package publish

import "os"

// writeBytes writes data to a new file at path.
func writeBytes(path string, data []byte) error {
	return os.WriteFile(path, data, 0o644)
}
