// Package publish writes a built site to its destination folder
// atomically: files go into a temporary folder beside the destination,
// which is swapped in only when every file is written. A failed build, or
// a failed write, leaves the previous output exactly as it was.
package publish
