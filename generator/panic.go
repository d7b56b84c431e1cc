package generator

import (
	"fmt"
	"runtime/debug"
)

// Crash is a panic caught while a stage worked on one file: a bug in
// folio, which the build reports as an error naming the file instead of
// crashing (see Guard).
type Crash struct {
	// File is the site-relative path being processed, or a folder such
	// as "data" when the work spans several files.
	File string
	// Stage names the stage, set by the build when it recovers.
	Stage string
	// Value is what was passed to panic; Stack where.
	Value any
	Stack []byte
}

// BugReportURL is where a crash asks to be reported.
const BugReportURL = "https://github.com/folio-sites/folio/issues"

func (c *Crash) Error() string {
	return fmt.Sprintf("%s: folio crashed in its %s stage (%v); this is a bug in folio, not in your files — please report it at %s with this message",
		c.File, c.Stage, c.Value, BugReportURL)
}

// Diagnostic is the crash as an error at its file, for the list of
// problems `folio check` and the preview show.
func (c *Crash) Diagnostic() Diagnostic {
	return Diagnostic{Pos: Pos{File: c.File}, Severity: Error,
		Message: fmt.Sprintf("folio crashed in its %s stage while processing this file: %v", c.Stage, c.Value),
		Hint:    "this is a bug in folio, not in your files; please report it at " + BugReportURL + " with this message"}
}

// Guard, deferred, turns a panic into a *Crash naming file and panics
// again with it; a panic that is a *Crash already goes on unchanged, so the
// innermost file named wins. Deferred around the work on one file:
//
//	defer generator.Guard(path)
func Guard(file string) {
	r := recover()
	if r == nil {
		return
	}
	if c, ok := r.(*Crash); ok {
		panic(c)
	}
	panic(&Crash{File: file, Value: r, Stack: debug.Stack()})
}
