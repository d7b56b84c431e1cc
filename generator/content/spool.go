package content

import (
	"fmt"
	"html/template"
	"os"
	"sync"
	"sync/atomic"
)

// spool holds the HTML a build makes of its narratives while it checks
// them, until their pages are rendered: in a temporary file, deleted as
// soon as it is made, that only this process can reach (through its open
// descriptor, closed when the spool is no longer referenced). Held in
// memory, 5,000 narratives' HTML would grow a build's peak memory by
// about half (each byte held counts about twice until the garbage
// collector runs); made again when its page is written, a narrative costs
// a second read, hash and parse (about a tenth of a 1,000-school build's
// CPU). Written to the file, it costs two system calls.
//
// A spool's file is unnamed from the start, so a build that is killed
// leaves nothing behind. Where a file that is open cannot be deleted
// (Windows), there is no spool: narratives are made again from their
// files, which must still hold what was loaded.
type spool struct {
	once sync.Once
	f    *os.File // nil: no spool
	end  atomic.Int64
}

// spoolDir is where spool files are made ("" for the system's temporary
// folder; a variable for tests).
var spoolDir = ""

// file opens the spool's file on first use; nil when there is none.
func (s *spool) file() *os.File {
	s.once.Do(func() {
		f, err := os.CreateTemp(spoolDir, "folio-narratives-*")
		if err != nil {
			return
		}
		if err := os.Remove(f.Name()); err != nil {
			f.Close()
			os.Remove(f.Name())
			return
		}
		s.f = f
	})
	return s.f
}

// put writes html into the spool and returns what reads it back; false
// when it cannot (no spool, or the disk is full).
func (s *spool) put(html template.HTML) (func() (template.HTML, error), bool) {
	if html == "" {
		return func() (template.HTML, error) { return "", nil }, true
	}
	f := s.file()
	if f == nil {
		return nil, false
	}
	n := int64(len(html))
	off := s.end.Add(n) - n
	if _, err := f.WriteAt([]byte(html), off); err != nil {
		return nil, false
	}
	return func() (template.HTML, error) {
		buf := make([]byte, n)
		if _, err := f.ReadAt(buf, off); err != nil {
			return "", fmt.Errorf("cannot read a narrative back from the build's temporary file: %w (build again)", err)
		}
		return template.HTML(buf), nil
	}, true
}
