package build_test

import (
	"context"
	"os"
	"runtime/metrics"
	"runtime/pprof"
	"testing"
	"time"

	"github.com/folio-sites/folio/generator/build"
	"github.com/folio-sites/folio/generator/sitefs"
)

func TestZZPeak(t *testing.T) {
	dir := os.Getenv("BENCH1K")
	if dir == "" {
		t.Skip()
	}
	done := make(chan bool)
	go func() {
		s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		var maxLive uint64
		for {
			select {
			case <-done:
				return
			case <-time.After(20 * time.Millisecond):
			}
			metrics.Read(s)
			if v := s[0].Value.Uint64(); v > maxLive+10<<20 {
				maxLive = v
				f, _ := os.Create("/tmp/peak.prof")
				pprof.Lookup("heap").WriteTo(f, 0)
				f.Close()
				t.Logf("live %d MiB at %v", v>>20, time.Now().Format("05.000"))
			}
		}
	}()
	st := time.Now()
	m, err := build.Load(context.Background(), sitefs.Dir(dir), build.Options{Source: dir, Minify: true, Fingerprint: true}, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("loaded at %v", time.Now().Format("05.000"))
	_, err = build.Publish(context.Background(), m, "/dev/shm/o/out")
	t.Logf("published at %v (%v) %v", time.Now().Format("05.000"), time.Since(st), err)
	close(done)
}
