package serve

import (
	"context"
	"slices"
	"time"
)

// Default debounce timings of a Batcher. The quiet period is short: an
// editor's save (write, or temporary file and rename) and a checkout's
// files arrive microseconds apart, and every millisecond of it is added
// to each save's way to the browser. Should a save still be split, the
// second batch reloads again and the preview ends on what is on disk.
const (
	DefaultQuiet   = 10 * time.Millisecond
	DefaultMaxWait = time.Second
)

// Batcher turns a stream of changed paths into batches: a batch is sent
// once no change has arrived for Quiet, or MaxWait after the batch's first
// change, whichever comes first. An editor's save (temporary file, write,
// rename) or a checkout of many files thus makes one rebuild, while a
// stream of writes that never pauses still rebuilds every MaxWait.
type Batcher struct {
	// Quiet is the pause that ends a batch (DefaultQuiet if zero).
	Quiet time.Duration
	// MaxWait bounds how long a batch may grow (DefaultMaxWait if zero).
	MaxWait time.Duration
}

// Run reads paths from in and sends batches on out until in is closed or
// ctx is done; what is pending then is dropped. A batch holds each path
// once, sorted. While out is not being received from (a rebuild is still
// running), new paths join the pending batch, so rebuilds never queue up.
func (b Batcher) Run(ctx context.Context, in <-chan string, out chan<- []string) {
	quietFor, maxWait := b.Quiet, b.MaxWait
	if quietFor <= 0 {
		quietFor = DefaultQuiet
	}
	if maxWait <= 0 {
		maxWait = DefaultMaxWait
	}
	quiet := time.NewTimer(time.Hour)
	limit := time.NewTimer(time.Hour)
	quiet.Stop()
	limit.Stop()
	defer quiet.Stop()
	defer limit.Stop()

	pending := map[string]struct{}{}
	ready, overdue := false, false
	for {
		var send chan<- []string
		var batch []string
		if ready {
			send = out
			batch = sorted(pending)
		}
		select {
		case <-ctx.Done():
			return
		case p, ok := <-in:
			if !ok {
				return
			}
			if len(pending) == 0 {
				limit.Reset(maxWait)
			}
			pending[p] = struct{}{}
			if !overdue {
				// Still in a burst: wait for it to end.
				ready = false
				quiet.Reset(quietFor)
			}
		case <-quiet.C:
			ready = true
		case <-limit.C:
			ready, overdue = true, true
		case send <- batch:
			clear(pending)
			ready, overdue = false, false
			quiet.Stop()
			limit.Stop()
		}
	}
}

func sorted(set map[string]struct{}) []string {
	out := make([]string, 0, len(set))
	for p := range set {
		out = append(out, p)
	}
	slices.Sort(out)
	return out
}
