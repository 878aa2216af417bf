package billing

import (
	"context"
	"database/sql"
	"encoding/csv"
	"io"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"shebao"
	"shebao/rules"
	"shebao/sheet/sheettest"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

// exportUnit builds a database holding one unit of n employees, insured
// from period first (sqldbtest.SyntheticDistrict), the policies of 2020–2030,
// and, when closed, 2025's twelve periods assessed and closed. Its service's
// clock is on 2026-01-20. The unit's id is 1.
func exportUnit(tb testing.TB, dialect string, n int, first shebao.Period, closed bool) (*Service, string) {
	tb.Helper()
	db, dbURL := sqldbtest.OpenURL(tb, dialect)
	ctx := tb.Context()
	if err := sqldbtest.SyntheticDistrict(ctx, dbURL, n, n, first); err != nil {
		tb.Fatal(err)
	}
	for y := 2020; y <= 2030; y++ {
		p := rules.DefaultPolicy(y, 1_000_000)
		mustTx(tb, db, func(tx shebao.Tx) error { return tx.SavePolicy(ctx, &p) })
	}
	s := testService(db, 20260120)
	for p := shebao.Period(202501); closed && p <= 202512; p = p.Next() {
		if _, err := s.Assess(ctx, p, nil); err != nil {
			tb.Fatal(err)
		}
		if _, err := s.Close(ctx, p); err != nil {
			tb.Fatal(err)
		}
	}
	return s, dbURL
}

// BenchmarkExportUnit exports a unit of SHEBAO_BENCH_EMPLOYEES employees
// (default 10,000) over the twelve closed months of 2025 (120,000 rows), as
// CSV and as .xlsx, and in the same run reads the same lines raw (one
// SELECT through a plain database/sql pool) and writes the same rows with a
// plain csv.Writer, or a plain excelize StreamWriter saved with
// File.WriteTo, with none of shebao's logic. It reports each side's time
// and peak Go heap (sheettest.PeakHeap), their ratios, and the file's size.
// Odd iterations run the raw side first. On SQLite and, with
// SHEBAO_TEST_POSTGRES, PostgreSQL (docs/PERFORMANCE.md, "Exports"):
//
//	go test -run '^$' -bench ExportUnit -benchtime 3x ./billing/
func BenchmarkExportUnit(b *testing.B) {
	n := 10_000
	if v, err := strconv.Atoi(os.Getenv("SHEBAO_BENCH_EMPLOYEES")); err == nil && v > 0 {
		n = v
	}
	for _, dialect := range []string{sqldb.SQLite, sqldb.Postgres} {
		b.Run(dialect, func(b *testing.B) {
			setup := time.Now()
			s, dbURL := exportUnit(b, dialect, n, 202501, true)
			b.Logf("%s: %d employees, 12 periods assessed and closed in %s", dialect, n, time.Since(setup).Round(time.Millisecond))
			raw, err := sqldbtest.RawPool(dbURL)
			if err != nil {
				b.Fatal(err)
			}
			defer raw.Close()
			for _, format := range []string{FormatCSV, FormatXLSX} {
				b.Run(format, func(b *testing.B) {
					benchExport(b, s, raw, format)
				})
			}
		})
	}
}

func benchExport(b *testing.B, s *Service, raw *sql.DB, format string) {
	ctx := b.Context()
	var exp, base time.Duration
	var expHeap, rawHeap uint64
	var size, rawSize int64
	measure := func(fn func(w io.Writer) error) (time.Duration, uint64, int64) {
		var c counter
		start := time.Now()
		peak, err := sheettest.PeakHeap(func() error { return fn(&c) })
		if err != nil {
			b.Fatal(err)
		}
		return time.Since(start), peak, c.n
	}
	export := func(w io.Writer) error {
		e, err := s.WriteExport(ctx, staff, 1, 202501, 202512, format, func(k string, _ ...string) string { return k },
			func(string) (io.Writer, error) { return w, nil })
		if err == nil && e.Rows == 0 {
			b.Fatal("the export has no rows")
		}
		return err
	}
	rawWrite := func(w io.Writer) error { return rawExport(ctx, raw, format, w) }
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var r, e time.Duration
		var rh, eh uint64
		if i%2 == 1 {
			r, rh, rawSize = measure(rawWrite)
		}
		e, eh, size = measure(export)
		if i%2 == 0 {
			r, rh, rawSize = measure(rawWrite)
		}
		exp, base = exp+e, base+r
		expHeap, rawHeap = max(expHeap, eh), max(rawHeap, rh)
		b.Logf("iteration %d: export %s (peak heap %.1f MB), raw %s (%.1f MB), ratio %.2f", i,
			e.Round(time.Millisecond), mb(eh), r.Round(time.Millisecond), mb(rh), e.Seconds()/r.Seconds())
	}
	b.ReportMetric(exp.Seconds()/float64(b.N), "export-s")
	b.ReportMetric(base.Seconds()/float64(b.N), "raw-s")
	b.ReportMetric(exp.Seconds()/base.Seconds(), "ratio")
	b.ReportMetric(mb(expHeap), "export-peak-heap-MB")
	b.ReportMetric(mb(rawHeap), "raw-peak-heap-MB")
	b.ReportMetric(mb(uint64(size)), "file-MB")
	b.ReportMetric(mb(uint64(rawSize)), "raw-file-MB")
}

func mb(n uint64) float64 { return float64(n) / (1 << 20) }

// counter is a writer that counts what it is given and keeps nothing.
type counter struct{ n int64 }

func (c *counter) Write(p []byte) (int, error) {
	c.n += int64(len(p))
	return len(p), nil
}

// rawExport is the baseline: unit 1's lines of 2025 read with one SELECT,
// each person-month's lines added up into one row by insurance type, the
// rows written with a plain csv.Writer or excelize StreamWriter.
func rawExport(ctx context.Context, db *sql.DB, format string, w io.Writer) error {
	rows, err := db.QueryContext(ctx, `SELECT l.period, l.person_id, p.name, p.id_number, l.insurance, l.base,
		l.employer, l.employee FROM assessment_lines l JOIN persons p ON p.id = l.person_id
		WHERE l.unit_id = 1 AND l.period BETWEEN 202501 AND 202512 ORDER BY l.period, p.name, l.person_id`)
	if err != nil {
		return err
	}
	defer rows.Close()
	var write func([]any) error
	var done func() error
	if format == FormatCSV {
		cw := csv.NewWriter(w)
		rec := make([]string, 14)
		write = func(r []any) error {
			for i, v := range r {
				switch v := v.(type) {
				case string:
					rec[i] = v
				case int64:
					rec[i] = shebao.Fen(v).Yuan()
				}
			}
			return cw.Write(rec)
		}
		done = func() error { cw.Flush(); return cw.Error() }
	} else {
		f := excelize.NewFile()
		defer f.Close()
		sw, err := f.NewStreamWriter("Sheet1")
		if err != nil {
			return err
		}
		n := 0
		write = func(r []any) error {
			n++
			for i, v := range r {
				if v, ok := v.(int64); ok {
					r[i] = float64(v) / 100
				}
			}
			return sw.SetRow("A"+strconv.Itoa(n), r)
		}
		done = func() error {
			if err := sw.Flush(); err != nil {
				return err
			}
			_, err := f.WriteTo(w)
			return err
		}
	}
	var cur []any
	var period, person int64
	for rows.Next() {
		var pd, pid, base, er, ee int64
		var name, id, ins string
		if err := rows.Scan(&pd, &pid, &name, &id, &ins, &base, &er, &ee); err != nil {
			return err
		}
		if cur != nil && (pd != period || pid != person) {
			if err := write(cur); err != nil {
				return err
			}
			cur = nil
		}
		if cur == nil {
			period, person = pd, pid
			cur = []any{strconv.FormatInt(pd, 10), name, id, base, int64(0), int64(0), int64(0), int64(0),
				int64(0), int64(0), int64(0), int64(0), int64(0), int64(0)}
		}
		var i int
		switch ins {
		case "pension":
			i = 4
		case "medical":
			i = 6
		case "unemployment":
			i = 8
		default:
			i = 10
		}
		cur[i] = cur[i].(int64) + er
		if ins != "injury" {
			cur[i+1] = cur[i+1].(int64) + ee
		}
		cur[11], cur[12], cur[13] = cur[11].(int64)+er, cur[12].(int64)+ee, cur[13].(int64)+er+ee
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if cur != nil {
		if err := write(cur); err != nil {
			return err
		}
	}
	return done()
}
