package main

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/metrics"
	"runtime/pprof"
	"sync"
	"time"

	"github.com/folio-sites/folio/generator/build"
)

// startProfiles starts CPU profiling and arranges a heap profile; the
// returned func finishes both.
func startProfiles(cpu, mem string) (func(), error) {
	var cpuFile *os.File
	if cpu != "" {
		f, err := os.Create(cpu)
		if err != nil {
			return nil, err
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			f.Close()
			return nil, err
		}
		cpuFile = f
	}
	return func() {
		if cpuFile != nil {
			pprof.StopCPUProfile()
			cpuFile.Close()
		}
		if mem != "" {
			f, err := os.Create(mem)
			if err != nil {
				fmt.Fprintf(os.Stderr, "folio: memprofile: %v\n", err)
				return
			}
			defer f.Close()
			runtime.GC()
			if err := pprof.Lookup("allocs").WriteTo(f, 0); err != nil {
				fmt.Fprintf(os.Stderr, "folio: memprofile: %v\n", err)
			}
		}
	}, nil
}

// heapSampler records the peak of the Go heap while a build runs. The
// runtime keeps no high-water mark of the heap itself, so it is sampled
// every few milliseconds: good to a few percent. It reads runtime/metrics,
// which does not stop the program as runtime.ReadMemStats does (every
// 5 ms, that slowed the build it measured).
type heapSampler struct {
	done chan struct{}
	wg   sync.WaitGroup
	peak uint64
}

func sampleHeap() *heapSampler {
	h := &heapSampler{done: make(chan struct{})}
	h.wg.Add(1)
	go func() {
		defer h.wg.Done()
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		// Memory in heap spans in use: what MemStats.HeapInuse counts.
		sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}, {Name: "/memory/classes/heap/unused:bytes"}}
		for {
			metrics.Read(sample)
			h.peak = max(h.peak, sample[0].Value.Uint64()+sample[1].Value.Uint64())
			select {
			case <-h.done:
				return
			case <-t.C:
			}
		}
	}()
	return h
}

func (h *heapSampler) stop() uint64 {
	close(h.done)
	h.wg.Wait()
	return h.peak
}

func printStats(w io.Writer, res *build.Result, peak uint64) {
	fmt.Fprintf(w, "pages          %d\n", res.Pages)
	fmt.Fprintf(w, "charts         %d\n", res.Charts)
	fmt.Fprintf(w, "files written  %d\n", res.Written.Files)
	fmt.Fprintf(w, "bytes written  %s\n", formatBytes(res.Written.Bytes))
	fmt.Fprintf(w, "minify saved   %s\n", formatBytes(res.Minified.Saved()))
	for _, st := range res.Stages {
		fmt.Fprintf(w, "  %-12s %s\n", st.Name, st.Duration.Round(time.Millisecond))
	}
	fmt.Fprintf(w, "total          %s\n", res.Duration.Round(time.Millisecond))
	fmt.Fprintf(w, "peak heap      %.1f MiB\n", float64(peak)/(1<<20))
}
