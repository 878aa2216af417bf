//go:build unix

package billing

import (
	"os"
	"runtime"
	"strconv"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"shebao"
	"shebao/rules"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

// BenchmarkAssessDistrict assesses a synthetic district of
// SHEBAO_BENCH_PERSONS insured persons (default 20,000; the figure
// is 240,000) × 4 insurance types, 100 to a unit, on SQLite and (with
// SHEBAO_TEST_POSTGRES) PostgreSQL, and measures in the same run the raw
// database writing as many rows with one INSERT … SELECT. It reports both,
// their ratio (target ≤ 2), the peak Go heap during the run, which must not
// grow with the district, and on SQLite (which runs in this process) the
// ratio of CPU time, which a busy machine disturbs less than wall time.
// It logs every iteration's figures too, for their spread on a shared
// machine. Run it with one iteration:
//
//	SHEBAO_BENCH_PERSONS=240000 go test -run '^$' -bench AssessDistrict -benchtime 1x ./billing/
func BenchmarkAssessDistrict(b *testing.B) {
	persons := 20_000
	if v, err := strconv.Atoi(os.Getenv("SHEBAO_BENCH_PERSONS")); err == nil && v > 0 {
		persons = v
	}
	for _, dialect := range []string{sqldb.SQLite, sqldb.Postgres} {
		b.Run(dialect, func(b *testing.B) {
			db, dbURL := sqldbtest.OpenURL(b, dialect)
			ctx := b.Context()
			setup := time.Now()
			if err := sqldbtest.SyntheticDistrict(ctx, dbURL, persons, 100, 202001); err != nil {
				b.Fatal(err)
			}
			for y := 2020; y <= 2030; y++ {
				p := rules.DefaultPolicy(y, 1_000_000)
				mustTx(b, db, func(tx shebao.Tx) error { return tx.SavePolicy(ctx, &p) })
			}
			b.Logf("%s: district of %d persons built in %s", dialect, persons, time.Since(setup).Round(time.Millisecond))
			s := &Service{Store: db, Clock: at(20301220)}
			var assess, raw, assessCPU, rawCPU time.Duration
			var lines int
			var peak atomic.Uint64
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				// Odd iterations measure the raw insert first, so that neither
				// side always runs on the cache the other warmed.
				pd := shebao.NewPeriod(2021, 1).AddMonths(i)
				var r time.Duration
				if i%2 == 1 {
					c := processCPU()
					r = rawLines(b, dbURL, pd, lines)
					rawCPU += processCPU() - c
				}
				start, c := time.Now(), processCPU()
				run, err := s.Assess(ctx, pd, func(int, int, int) { peak.Store(max(peak.Load(), heapInUse())) })
				if err != nil {
					b.Fatal(err)
				}
				a := time.Since(start)
				assessCPU += processCPU() - c
				lines = run.Lines
				if i%2 == 0 {
					c := processCPU()
					r = rawLines(b, dbURL, pd, lines)
					rawCPU += processCPU() - c
				}
				assess, raw = assess+a, raw+r
				b.Logf("%s iteration %d: assess %s, raw %s, ratio %.2f", dialect, i, a.Round(time.Millisecond),
					r.Round(time.Millisecond), a.Seconds()/r.Seconds())
			}
			b.ReportMetric(float64(lines), "lines")
			b.ReportMetric(assess.Seconds()/float64(b.N), "assess-s")
			b.ReportMetric(raw.Seconds()/float64(b.N), "raw-s")
			b.ReportMetric(assess.Seconds()/raw.Seconds(), "ratio")
			b.ReportMetric(float64(peak.Load())/(1<<20), "peak-heap-MB")
			if dialect == sqldb.SQLite { // the database runs in this process: its CPU time is ours
				b.ReportMetric(assessCPU.Seconds()/rawCPU.Seconds(), "cpu-ratio")
			}
		})
	}
}

// rawLines measures the raw database writing the lines of period pd (as
// many as the assessment's lines), with the benchmark's timer stopped.
func rawLines(b *testing.B, dbURL string, pd shebao.Period, lines int) time.Duration {
	b.StopTimer()
	defer b.StartTimer()
	n, d, err := sqldbtest.RawLines(b.Context(), dbURL, pd)
	if err != nil {
		b.Fatal(err)
	}
	if lines > 0 && int(n) != lines {
		b.Fatalf("raw wrote %d rows, the assessment %d", n, lines)
	}
	return d
}

// processCPU returns the CPU time this process has used (user and system).
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// heapInUse returns the bytes of the Go heap in use.
func heapInUse() uint64 {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapInuse
}
