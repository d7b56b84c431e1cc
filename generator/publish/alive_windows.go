//go:build windows

package publish

import "os"

// processAlive reports whether a process with this id runs on this
// computer; when in doubt, it says yes. On Windows, finding a process
// opens it, which fails once it has exited.
func processAlive(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	p.Release()
	return true
}
