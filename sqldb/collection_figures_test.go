package sqldb_test

import (
	"bytes"
	"encoding/csv"
	"io"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"shebao"
	"shebao/collection"
	"shebao/sheet/sheettest"
	"shebao/sqldb"
)

// TestCollectionFigures measures, on the district of
// SHEBAO_COLLECT_FIGURES (a database URL with a closed 2026-06, e.g. from
// `shebao seed`), the collection list's export and the result file's import
// against reading and writing the same rows raw (docs/PERFORMANCE.md,
// "Collection"), in time and in peak Go heap. It changes the database (the import is applied once).
// Skipped without the variable: it is not part of CI.
func TestCollectionFigures(t *testing.T) {
	url := os.Getenv("SHEBAO_COLLECT_FIGURES")
	if url == "" {
		t.Skip("SHEBAO_COLLECT_FIGURES not set")
	}
	ctx := t.Context()
	db, err := sqldb.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	const p = shebao.Period(202606)
	s := &collection.Service{Store: db, Clock: shebao.FixedDayClock{Day: 20260708}}
	staff := shebao.Actor{Role: shebao.RoleAdmin}
	raw := db.WriterForTest()
	// median runs fn three times and returns the median time; the peak
	// heap of each side (sheettest.PeakHeap) goes into peaks.
	peaks := map[string]uint64{}
	median := func(name string, fn func()) time.Duration {
		var ds []time.Duration
		for range 3 {
			start := time.Now()
			peak, _ := sheettest.PeakHeap(func() error { fn(); return nil })
			ds = append(ds, time.Since(start))
			peaks[name] = max(peaks[name], peak)
		}
		slices.Sort(ds)
		return ds[1]
	}
	rawExport := median("export raw", func() {
		rows, err := raw.QueryContext(ctx, `SELECT s.unit_id, u.credit_code, u.name, u.bank_account, s.period,
			s.employer, s.employee FROM assessment_units s JOIN units u ON u.id = s.unit_id WHERE s.period = $1
			ORDER BY s.unit_id`, int32(p))
		if err != nil {
			t.Fatal(err)
		}
		w := csv.NewWriter(io.Discard)
		for rows.Next() {
			var id, per, er, ee int64
			var code, name, acct string
			if err := rows.Scan(&id, &code, &name, &acct, &per, &er, &ee); err != nil {
				t.Fatal(err)
			}
			w.Write([]string{code, name, acct, shebao.Fen(er).Yuan(), shebao.Fen(ee).Yuan()})
		}
		rows.Close()
		w.Flush()
	})
	var list bytes.Buffer
	csvExport := median("csv", func() {
		list.Reset()
		if _, err := s.WriteCSV(ctx, staff, p, &list); err != nil {
			t.Fatal(err)
		}
	})
	xlsxExport := median("xlsx", func() {
		if _, err := s.WriteXLSX(ctx, staff, p, io.Discard); err != nil {
			t.Fatal(err)
		}
	})
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(list.String(), "\xEF\xBB\xBF"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var file bytes.Buffer
	w := csv.NewWriter(&file)
	w.Write(append(recs[0], collection.ResultHeader...))
	for i, r := range recs[1 : len(recs)-1] {
		if i%50 == 0 {
			w.Write(append(r, "失败", "", "余额不足"))
		} else {
			w.Write(append(r, "成功", "", ""))
		}
	}
	w.Flush()
	rawImport := median("import raw", func() {
		tx, err := raw.BeginTx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer tx.Rollback()
		if _, err := tx.ExecContext(ctx, `CREATE TEMP TABLE raw_results (code TEXT, line TEXT, amount TEXT, outcome TEXT, reason TEXT)`); err != nil {
			t.Fatal(err)
		}
		rd := csv.NewReader(bytes.NewReader(file.Bytes()))
		rd.Read()
		for {
			r, err := rd.Read()
			if err == io.EOF {
				break
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO raw_results VALUES ($1, $2, $3, $4, $5)`, r[2], r[1], r[18], r[20], r[22]); err != nil {
				t.Fatal(err)
			}
		}
	})
	dry := median("dry run", func() {
		if r, err := s.Import(ctx, staff, p, file.Bytes(), false); err != nil || r.Errors > 0 {
			t.Fatalf("dry run: %v %d errors", err, r.Errors)
		}
	})
	start := time.Now()
	var r collection.Report
	peaks["apply"], err = sheettest.PeakHeap(func() (err error) {
		r, err = s.Import(ctx, staff, p, file.Bytes(), true)
		return err
	})
	if err != nil || !r.Applied {
		t.Fatalf("apply: %v %+v", err, r.Errors)
	}
	apply := time.Since(start)
	mb := func(name string) float64 { return float64(peaks[name]) / (1 << 20) }
	t.Logf("%s: %d lines (%d KB CSV); export raw %v (peak heap %.1f MB), CSV %v (%.1f×, %.1f MB), xlsx %v (%.1f×, %.1f MB)",
		db.Dialect(), len(recs)-2, list.Len()>>10, rawExport, mb("export raw"), csvExport, ratio(csvExport, rawExport),
		mb("csv"), xlsxExport, ratio(xlsxExport, rawExport), mb("xlsx"))
	t.Logf("import raw (parse + insert in one tx) %v (%.1f MB), dry run %v (%.1f×, %.1f MB), apply %v (%.1f×, %.1f MB)",
		rawImport, mb("import raw"), dry, ratio(dry, rawImport), mb("dry run"), apply, ratio(apply, rawImport), mb("apply"))
}

func ratio(a, b time.Duration) float64 { return float64(a) / float64(b) }
