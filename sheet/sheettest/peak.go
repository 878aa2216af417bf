// Package sheettest measures what an export costs: the peak of the Go
// heap while it runs (docs/PERFORMANCE.md, "Exports"). It serves tests and
// benchmarks only.
package sheettest

import (
	"runtime"
	"runtime/metrics"
	"sync"
	"time"
)

// heapObjects is the runtime's count of bytes in heap objects, live or
// not yet collected: what the heap holds at the moment it is read.
const heapObjects = "/memory/classes/heap/objects:bytes"

// PeakHeap runs fn and returns how far the Go heap rose above what it held
// before (after a collection), sampled every millisecond while fn runs.
// Garbage not yet collected counts: with the default GOGC the peak of a
// program holding L bytes live is up to about 2L plus the runtime's
// minimum heap (4 MB).
func PeakHeap(fn func() error) (uint64, error) {
	runtime.GC()
	s := []metrics.Sample{{Name: heapObjects}}
	read := func() uint64 {
		metrics.Read(s)
		return s[0].Value.Uint64()
	}
	base := read()
	peak := base
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				peak = max(peak, read())
			}
		}
	}()
	err := fn()
	close(stop)
	wg.Wait()
	peak = max(peak, read())
	return peak - base, err
}
