//go:build unix

package publish

import (
	"errors"
	"syscall"
)

// processAlive reports whether a process with this id runs on this
// computer; when in doubt, it says yes.
func processAlive(pid int) bool {
	if pid <= 0 {
		return true
	}
	err := syscall.Kill(pid, 0)
	return err == nil || !errors.Is(err, syscall.ESRCH)
}
