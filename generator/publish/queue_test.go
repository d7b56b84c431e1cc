package publish

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/folio-sites/folio/generator"
)

// newQueue begins a writer into a new folder and starts its queue.
func newQueue(t *testing.T) (dest string, w *Writer, q *Queue) {
	t.Helper()
	dest = filepath.Join(t.TempDir(), "public")
	w, err := Begin(dest)
	if err != nil {
		t.Fatal(err)
	}
	return dest, w, NewQueue(w)
}

// Every file queued is on disk once Wait returns, and a write that fails
// is reported, by Wait or by a later Write.
func TestQueueWritesEveryFileAndReportsFailure(t *testing.T) {
	dest, w, q := newQueue(t)
	for i := range 200 {
		if err := q.Write(generator.File{Path: fmt.Sprintf("d%d/f%d.html", i%7, i), Data: []byte{byte(i)}}); err != nil {
			t.Fatal(err)
		}
	}
	if err := q.Wait(); err != nil {
		t.Fatal(err)
	}
	if err := q.Wait(); err != nil { // a deferred second Wait is harmless
		t.Fatal(err)
	}
	st, err := w.Commit()
	if err != nil || st.Files != 200 {
		t.Fatalf("commit: %v, %d files", err, st.Files)
	}
	for i := range 200 {
		data, err := os.ReadFile(filepath.Join(dest, fmt.Sprintf("d%d/f%d.html", i%7, i)))
		if err != nil || len(data) != 1 || data[0] != byte(i) {
			t.Fatalf("file %d: %v %v", i, data, err)
		}
	}

	_, w2, q2 := newQueue(t)
	defer w2.Abort()
	q2.Write(generator.File{Path: "a.html", Data: []byte("a")})
	q2.Write(generator.File{Path: "a.html", Data: []byte("again")}) // written twice: an error
	var failed error
	for i := 0; i < 100 && failed == nil; i++ {
		failed = q2.Write(generator.File{Path: fmt.Sprintf("b%d.html", i)})
	}
	if err := q2.Wait(); err == nil {
		t.Fatal("Wait reported no error after a failed write")
	}
}

// writeBytes writes exactly the bytes given, replacing what was there,
// with the permissions os.WriteFile would give.
func TestWriteBytes(t *testing.T) {
	p := filepath.Join(t.TempDir(), "page.html")
	big := make([]byte, 3<<20)
	for i := range big {
		big[i] = byte(i)
	}
	if err := writeBytes(p, big, nil); err != nil {
		t.Fatal(err)
	}
	if err := writeBytes(p, []byte("short"), nil); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(p)
	if err != nil || string(data) != "short" {
		t.Fatalf("read back %d bytes %q, %v", len(data), data[:min(len(data), 10)], err)
	}
	q := filepath.Join(t.TempDir(), "ref.html")
	os.WriteFile(q, nil, 0o644)
	a, _ := os.Stat(p)
	b, _ := os.Stat(q)
	if a.Mode() != b.Mode() {
		t.Errorf("mode %v, os.WriteFile gives %v", a.Mode(), b.Mode())
	}
	if err := writeBytes(filepath.Join(t.TempDir(), "missing", "x.html"), nil, nil); err == nil || !strings.Contains(err.Error(), "open ") {
		t.Errorf("writing into a missing folder: %v", err)
	}
}

// A file's Release is called once, after the file is written (or, when
// the build is failing, instead of writing it), and never before: here
// Release scribbles over Data, as a buffer reused for the next page would.
func TestQueueReleasesAFileOnceWritten(t *testing.T) {
	dest, w, q := newQueue(t)
	released := make([]int, 100)
	for i := range released {
		data := []byte(fmt.Sprintf("page %d", i))
		q.Write(generator.File{Path: fmt.Sprintf("p%d.html", i), Data: data, Release: func() {
			released[i]++
			copy(data, "reused")
		}})
	}
	if err := q.Wait(); err != nil {
		t.Fatal(err)
	}
	if _, err := w.Commit(); err != nil {
		t.Fatal(err)
	}
	for i, n := range released {
		data, err := os.ReadFile(filepath.Join(dest, fmt.Sprintf("p%d.html", i)))
		if want := fmt.Sprintf("page %d", i); err != nil || string(data) != want || n != 1 {
			t.Errorf("p%d.html: %q (%v), released %d times; want %q, released once", i, data, err, n, want)
		}
	}

	_, w2, q2 := newQueue(t)
	defer w2.Abort()
	q2.Write(generator.File{Path: "a.html", Data: []byte("a")})
	q2.Write(generator.File{Path: "a.html", Data: []byte("again")}) // an error: the rest is drained
	var drained atomic.Int32
	queued := int32(0)
	for i := range 50 {
		// A Write that fails did not take the file: the caller keeps it.
		if q2.Write(generator.File{Path: fmt.Sprintf("b%d.html", i), Data: []byte("b"), Release: func() { drained.Add(1) }}) == nil {
			queued++
		}
	}
	q2.Wait()
	if n := drained.Load(); n != queued {
		t.Errorf("released %d of the %d files queued behind a failed write", n, queued)
	}
}
