//go:build unix

package billing

import (
	"database/sql"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"shebao"
	"shebao/demo/bulk"
	"shebao/rules"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

// BenchmarkAssessDistrict assesses a district of SHEBAO_BENCH_PERSONS
// insured persons (default 20,000; the seed's district is 240,000) × 4
// insurance types, SHEBAO_BENCH_PER_UNIT to a unit (default 20, the seed's),
// written by package demo/bulk (valid ID numbers and credit codes, a
// registration each), on SQLite and (with SHEBAO_TEST_POSTGRES) PostgreSQL,
// and measures in the same run the raw database writing as many rows with
// one INSERT … SELECT. It reports both, their ratio, the peak Go heap
// during the run, which must not grow with the district, and on SQLite
// (which runs in this process) the ratio of CPU time, which a busy machine
// disturbs less than wall time. It logs every iteration's figures too, for
// their spread on a shared machine. Run it with one iteration:
//
//	SHEBAO_BENCH_PERSONS=240000 go test -run '^$' -bench AssessDistrict -benchtime 1x ./billing/
//
// With SHEBAO_BENCH_DB it builds nothing and runs on that database only,
// which `shebao seed -bulk` filled (a city takes longer to build than to
// assess; docs/PERFORMANCE.md), from the latest first month of its
// coverages on; SHEBAO_BENCH_FROM=1 goes on from the period after (raw
// first), to pair a one-iteration run on a city with another.
func BenchmarkAssessDistrict(b *testing.B) {
	persons, perUnit := envInt("SHEBAO_BENCH_PERSONS", 20_000), envInt("SHEBAO_BENCH_PER_UNIT", 20)
	from := envInt("SHEBAO_BENCH_FROM", 0) // run as if from iteration from on (odd: raw first)
	dialects, given := []string{sqldb.SQLite, sqldb.Postgres}, os.Getenv("SHEBAO_BENCH_DB")
	if given != "" {
		dialects = []string{sqldb.Postgres}
		if strings.HasPrefix(given, "sqlite:") {
			dialects = []string{sqldb.SQLite}
		}
	}
	for _, dialect := range dialects {
		b.Run(dialect, func(b *testing.B) {
			ctx := b.Context()
			db, dbURL, first := benchDistrict(b, dialect, given, persons, perUnit)
			today := shebao.Date(20301220)
			if given != "" { // the policies `shebao seed -bulk` stores reach the year after its day
				today = first.AddMonths(2).FirstDay()
			}
			s := &Service{Store: db, Clock: at(today)}
			var assess, raw, assessCPU, rawCPU time.Duration
			var lines int
			var peak atomic.Uint64
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				// Odd iterations measure the raw insert first, so that neither
				// side always runs on the cache the other warmed.
				pd := first.AddMonths(from + i)
				var r time.Duration
				if (from+i)%2 == 1 {
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
				if (from+i)%2 == 0 {
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

// benchDistrict returns the database of the benchmark and the first period
// to assess: the database at given, or a fresh one holding a bulk-written
// district of persons, perUnit to a unit, and the policies of 2020–2030.
func benchDistrict(b *testing.B, dialect, given string, persons, perUnit int) (*sqldb.DB, string, shebao.Period) {
	ctx := b.Context()
	if given != "" {
		db, err := sqldb.Open(ctx, given)
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { db.Close() })
		var first int64
		raw, err := sql.Open(map[string]string{sqldb.SQLite: "sqlite", sqldb.Postgres: "pgx"}[dialect],
			strings.TrimPrefix(given, "sqlite:"))
		if err == nil {
			err = raw.QueryRowContext(ctx, `SELECT MAX(first_period) FROM coverages`).Scan(&first)
			raw.Close()
		}
		if err != nil {
			b.Fatal(err)
		}
		return db, given, shebao.Period(first)
	}
	db, dbURL := sqldbtest.OpenURL(b, dialect)
	setup := time.Now()
	first := shebao.NewPeriod(2021, 1)
	if err := bulk.Load(ctx, db, bulk.Size{Persons: persons, PerUnit: perUnit, First: first, Months: 1}); err != nil {
		b.Fatal(err)
	}
	for y := 2020; y <= 2030; y++ {
		p := rules.DefaultPolicy(y, 1_000_000)
		mustTx(b, db, func(tx shebao.Tx) error { return tx.SavePolicy(ctx, &p) })
	}
	b.Logf("%s: district of %d persons, %d to a unit, built in %s", dialect, persons, perUnit,
		time.Since(setup).Round(time.Millisecond))
	return db, dbURL, first
}

// envInt returns the environment variable name as a positive number, or def.
func envInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil && v > 0 {
		return v
	}
	return def
}
