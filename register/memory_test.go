package register

import (
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"testing"
	"time"

	"shebao"
	"shebao/admin"
	"shebao/register/registertest"
	"shebao/rules"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

// The import's memory does not grow with the register: ten times the
// persons (and their coverage spans, bases, registrations) make its peak
// heap less than twice as large. Chunks, the sorters' runs and their
// fan-in are made small here so that the smaller register already fills them, as the
// district fills the real ones (docs/PERFORMANCE.md).
func TestImportMemoryBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("imports 11,000 persons")
	}
	defer func(c, r, f int) { chunkRows, runLen, fanIn = c, r, f }(chunkRows, runLen, fanIn)
	chunkRows, runLen, fanIn = 100, 1000, 8
	small := importPeak(t, 10, 1_000)
	large := importPeak(t, 100, 10_000)
	t.Logf("peak heap growth: %.1f MB at 1,000 persons, %.1f MB at 10,000", float64(small)/(1<<20), float64(large)/(1<<20))
	if large >= 2*small {
		t.Errorf("10× the persons grew the peak heap %.1f×: the import holds what it reads", float64(large)/float64(small))
	}
}

// importPeak imports a generated register into a fresh SQLite database and
// returns how much the heap grew at its peak, sampled every millisecond
// with the collector kept close to the live heap.
func importPeak(t *testing.T, units, persons int) uint64 {
	db := sqldbtest.Open(t, sqldb.SQLite)
	day := shebao.NewDate(2026, 7, 8)
	err := db.InTx(t.Context(), func(tx shebao.Tx) error {
		p := rules.DefaultPolicy(2026, 1_000_000)
		return tx.SavePolicy(t.Context(), &p)
	})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := registertest.Write(dir, registertest.Size{Units: units, Persons: persons, Today: day}); err != nil {
		t.Fatal(err)
	}
	var files []File
	for _, k := range Kinds() {
		f, err := os.Open(filepath.Join(dir, k+".csv"))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		files = append(files, File{Name: k + ".csv", Data: f})
	}
	s := &Service{Store: db, Clock: shebao.FixedDayClock{Day: day}}
	defer debug.SetGCPercent(debug.SetGCPercent(10))
	runtime.GC()
	base := heapObjects()
	peak, stop, done := base, make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case <-tick.C:
				peak = max(peak, heapObjects())
			}
		}
	}()
	rep, err := s.Import(t.Context(), admin.CommandLine, files, true)
	close(stop)
	<-done
	if err != nil || !rep.Applied {
		t.Fatalf("import: %v %+v", err, rep.Problems)
	}
	return peak - base
}

func heapObjects() uint64 {
	m := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(m)
	return m[0].Value.Uint64()
}
