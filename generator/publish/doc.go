// Package publish writes a built site to its destination folder
// atomically: files go into a temporary folder beside the destination,
// which is swapped in only when every file is written. A failed,
// panicking or interrupted build, or a failed write, leaves the previous
// output exactly as it was and removes the temporary folder.
//
// A destination is only ever replaced when folio wrote it: every output
// carries a [Marker] file listing its top-level entries, and [CheckDest]
// refuses a folder holding anything else. Temporary folders are named
// .folio-build-PID-N, so that one left by a killed build is recognised,
// and removed, by the next build beside it once that process is gone.
//
// The output a build replaces is kept as a spare (.folio-spare/<name>
// beside the destination) that the next build writes over instead of
// starting from an empty folder (see spare.go).
package publish
