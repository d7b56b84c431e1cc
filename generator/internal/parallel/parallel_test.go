package parallel_test

import (
	"runtime"
	"slices"
	"sync/atomic"
	"testing"

	"github.com/folio-sites/folio/generator/internal/parallel"
)

func TestMapKeepsOrderAndCallsEachOnce(t *testing.T) {
	old := runtime.GOMAXPROCS(4)
	defer runtime.GOMAXPROCS(old)
	var calls atomic.Int64
	got := parallel.Map(1000, func(i int) int { calls.Add(1); return i * i })
	if calls.Load() != 1000 {
		t.Fatalf("%d calls", calls.Load())
	}
	for i, v := range got {
		if v != i*i {
			t.Fatalf("got[%d] = %d", i, v)
		}
	}
	if !slices.Equal(parallel.Map(0, func(int) int { return 1 }), []int{}) {
		t.Error("empty map")
	}
}

func TestPanicReachesTheCaller(t *testing.T) {
	old := runtime.GOMAXPROCS(4)
	defer runtime.GOMAXPROCS(old)
	defer func() {
		if r := recover(); r != "item 7" {
			t.Fatalf("recovered %v, want the worker's panic", r)
		}
	}()
	parallel.ForEach(100, func(i int) {
		if i == 7 {
			panic("item 7")
		}
	})
	t.Fatal("ForEach returned after a panic")
}
