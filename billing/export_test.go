package billing

import (
	"bytes"
	"encoding/csv"
	"io"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"shebao"
	"shebao/i18n"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

// exportFixture is a class-1 unit with two persons in May–July 2026 (May
// closed) and a third who joins in July; its export's hand-computed totals:
// per month, ¥8,000 gives 1,976.00/840.00 and ¥6,543.21 gives 1,616.18/687.04
// (pension 1,046.91/523.46, medical 523.46/130.86, unemployment 32.72/32.72,
// injury 13.09), and the July joiner at the floor ¥6,000 gives 1,482.00/630.00.
func exportFixture(t *testing.T, db *sqldb.DB) (*Service, shebao.Unit) {
	savePolicy(t, db, testPolicy())
	u := addUnit(t, db, 1, 1)
	addPerson(t, db, u, 1, 800_000, 202601, 0)
	addPerson(t, db, u, 2, 654_321, 202601, 0)
	addPerson(t, db, u, 3, 500_000, 202607, 0)
	s := testService(db, 20260710)
	if _, err := s.Assess(t.Context(), 202605, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Close(t.Context(), 202605); err != nil {
		t.Fatal(err)
	}
	return s, u
}

const (
	wantER = 3*(197_600+161_618) + 148_200
	wantEE = 3*(84_000+68_704) + 63_000
)

func TestExportXLSX(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		s, u := exportFixture(t, db)
		buf, e, err := exportFile(t, s, operator(u), 0, 202605, 202607, FormatXLSX)
		if err != nil {
			t.Fatal(err)
		}
		if e.Rows != 7 || e.Totals[7] != wantER || e.Totals[8] != wantEE || e.Totals[9] != wantER+wantEE {
			t.Fatalf("export: %d rows, totals %v, want 7 rows, %d/%d", e.Rows, e.Totals, wantER, wantEE)
		}
		f, err := excelize.OpenReader(bytes.NewReader(buf))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		rows, err := f.GetRows("缴费明细", excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		// Title, header, 7 persons, subtotal; then the back-pay and the totals.
		if len(rows) < 10 || rows[1][0] != "所属期" || rows[1][13] != "合计" || rows[9][0] != "小计" {
			t.Fatalf("sheet has %d rows, header %v", len(rows), rows[1])
		}
		if rows[2][0] != "2026-05" || rows[2][2] != "110105199000000"+"01X" {
			t.Errorf("first row = %v", rows[2])
		}
		var sums [10]shebao.Fen
		for _, r := range rows[2:9] {
			for i := range sums {
				sums[i] += fen(t, r[4+i])
			}
		}
		for i := range sums {
			if got := fen(t, rows[9][4+i]); got != sums[i] || got != e.Totals[i] {
				t.Errorf("column %s: subtotal %v, rows add up to %v, export %v", rows[1][4+i], got, sums[i], e.Totals[i])
			}
		}
		if style, _ := f.GetCellStyle("缴费明细", "E3"); style == 0 {
			t.Error("amounts have no number format")
		}
		if v, _ := f.GetCellValue("缴费明细", "N3"); v != "2,816.00" {
			t.Errorf("N3 shows %q, want 2,816.00", v)
		}
	})
}

// fen reads a raw cell value written from fen back to fen, exactly.
func fen(t *testing.T, s string) shebao.Fen {
	t.Helper()
	f, err := shebao.ParseYuan(s)
	if err != nil {
		t.Fatalf("cell %q: %v", s, err)
	}
	return f
}

func TestExportCSVAndRange(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		s, u := exportFixture(t, db)
		buf, e, err := exportFile(t, s, staff, u.ID, 202605, 202607, FormatCSV)
		if err != nil {
			t.Fatal(err)
		}
		text, ok := strings.CutPrefix(string(buf), "\xEF\xBB\xBF")
		if !ok {
			t.Fatal("CSV has no byte-order mark")
		}
		r := csv.NewReader(strings.NewReader(text))
		r.FieldsPerRecord = -1
		recs, err := r.ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		sub, last := recs[9], recs[len(recs)-1]
		if recs[1][1] != "姓名" || sub[0] != "小计" || sub[13] != shebao.Fen(wantER+wantEE).Yuan() ||
			last[0] != "总计" || last[5] != shebao.Fen(wantER+wantEE).Yuan() {
			t.Errorf("CSV: %d records, header %v, subtotal %v, totals %v", len(recs), recs[1], sub, last)
		}
		if e.Filename(FormatCSV) != "contributions-"+u.CreditCode+"-202605-202607.csv" {
			t.Errorf("file name %q", e.Filename(FormatCSV))
		}

		for _, c := range []struct {
			from, to shebao.Period
			format   string
			reason   string
		}{
			{202607, 202605, FormatCSV, shebao.ReasonRangeReversed},
			{202301, 202607, FormatCSV, shebao.ReasonRangeTooLong},
			{202605, 202612, FormatXLSX, shebao.ReasonPeriodFuture},
			{202605, 202607, "pdf", shebao.ReasonExportFormat},
		} {
			// Refused before the file starts: nothing is written.
			buf, _, err := exportFile(t, s, staff, u.ID, c.from, c.to, c.format)
			wantErr(t, err, shebao.EINVALID, c.reason)
			if buf != nil {
				t.Errorf("%v–%v %s: refused after %d bytes", c.from, c.to, c.format, len(buf))
			}
		}
	})
}

// exportFile writes an export to memory; the bytes are nil when the export
// was refused before it started.
func exportFile(t *testing.T, s *Service, a shebao.Actor, unitID int64, from, to shebao.Period, format string) ([]byte, ExportSums, error) {
	t.Helper()
	var buf *bytes.Buffer
	e, err := s.WriteExport(t.Context(), a, unitID, from, to, format, zh, func(string) (io.Writer, error) {
		buf = new(bytes.Buffer)
		return buf, nil
	})
	if buf == nil {
		return nil, e, err
	}
	return buf.Bytes(), e, err
}

// zh is the catalogue in Chinese.
func zh(key string, args ...string) string { return i18n.T(i18n.ZH, key, args...) }

// TestExactAmount checks amounts before rounding written for people: the
// exact value, the yuan sign and thousands separators.
func TestExactAmount(t *testing.T) {
	for _, tt := range []struct {
		n    int64
		want string
	}{
		{785_150_000, "¥78.515"},
		{12_800_528_000, "¥1,280.0528"},
		{14_400_000_000, "¥1,440.00"},
		{12_345_678_900_000, "¥1,234,567.89"},
		{-785_150_000, "-¥78.515"},
		{0, "¥0.00"},
	} {
		if got := ExactAmount(tt.n); got != tt.want {
			t.Errorf("ExactAmount(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
}
