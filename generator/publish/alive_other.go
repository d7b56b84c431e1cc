//go:build !unix && !windows

package publish

// processAlive says yes where processes cannot be asked about: stale
// temporary folders are then never removed automatically.
func processAlive(int) bool { return true }
