package publish

import (
	"sync"

	"github.com/folio-sites/folio/generator"
)

// Queue hands files to a Writer from goroutines of its own, so that the
// goroutines rendering pages go on rendering while the disk is busy: a
// build that writes as it renders otherwise leaves a core idle at every
// write that waits on the disk.
type Queue struct {
	w     *Writer
	files chan generator.File
	wg    sync.WaitGroup

	mu   sync.Mutex
	err  error
	once sync.Once
}

// queueWriters is how many files are written at once: writes mostly wait
// on the file system, not on a core.
const queueWriters = 8

// NewQueue starts the writers of a queue into w. At most 4 files per
// writer wait in the queue, which bounds the memory held by pages that
// are rendered but not yet written.
func NewQueue(w *Writer) *Queue {
	q := &Queue{w: w, files: make(chan generator.File, 4*queueWriters)}
	for range queueWriters {
		q.wg.Go(func() {
			for f := range q.files {
				if q.failed() == nil { // else drain: the build is failing
					if err := w.Write(f); err != nil {
						q.mu.Lock()
						if q.err == nil {
							q.err = err
						}
						q.mu.Unlock()
					}
				}
				if f.Release != nil {
					f.Release() // written, or never to be: its memory may go back
				}
			}
		})
	}
	return q
}

func (q *Queue) failed() error {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.err
}

// Write queues f, waiting while the queue is full. It returns the error of
// an earlier write, if one failed, or at once when the writer was aborted,
// so that the build stops. A file taken is released (File.Release) once
// written; one refused with an error is not taken.
func (q *Queue) Write(f generator.File) error {
	if err := q.failed(); err != nil {
		return err
	}
	if q.w.closed() {
		return errClosed // aborted (Ctrl-C): fail now, not in a writer
	}
	q.files <- f
	return nil
}

// Wait waits for every queued file to be written and returns the first
// error. The queue takes no more files after it; Wait may be called again
// (deferred, for a build that panicked).
func (q *Queue) Wait() error {
	q.once.Do(func() { close(q.files) })
	q.wg.Wait()
	return q.failed()
}

// closed reports whether the writer was aborted or committed.
func (w *Writer) closed() bool {
	w.life.RLock()
	defer w.life.RUnlock()
	return w.done
}
