// Package parallel runs independent pieces of a build on every core while
// keeping results in input order, so a parallel build writes exactly the
// bytes a serial one would.
package parallel

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// Workers is the number of goroutines Map uses: one per core.
func Workers() int { return runtime.GOMAXPROCS(0) }

// Map calls f for every index in [0, n) on Workers() goroutines and
// returns the results in index order. Work is handed out one index at a
// time, so a few slow items (a board packet) do not stall a whole share.
func Map[R any](n int, f func(i int) R) []R {
	out := make([]R, n)
	ForEach(n, func(i int) { out[i] = f(i) })
	return out
}

// ForEach calls f for every index in [0, n) on Workers() goroutines and
// returns when all calls have. A panic in f stops the handing out of
// indexes and is raised again in the caller's goroutine once every worker
// has stopped, so that the caller can recover it (a panic in a goroutine of
// its own would end the program).
func ForEach(n int, f func(i int)) {
	workers := min(Workers(), n)
	if workers <= 1 {
		for i := range n {
			f(i)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	var once sync.Once
	var panicked any
	for range workers {
		wg.Go(func() {
			defer func() {
				if r := recover(); r != nil {
					once.Do(func() { panicked = r })
					next.Store(int64(n)) // hand out no more
				}
			}()
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				f(i)
			}
		})
	}
	wg.Wait()
	if panicked != nil {
		panic(panicked)
	}
}
