package billing

import (
	"io"
	"testing"

	"shebao"
	"shebao/sheet/sheettest"
	"shebao/sqldb"
)

// TestExportMemoryBounded checks that the contributions export's memory
// does not grow with its rows: the peak Go heap of a long export is at
// most 1.6 times that of a short one of the same unit, plus the 4 MB the
// runtime lets a heap reach before its first collection (live periods, a
// unit of 1,500 employees). CSV: 1 month against 24 (1,500 and 36,000
// rows). .xlsx: 24 months against 36 (36,000 and 54,000 rows), both past
// the 16 MB of sheet XML that excelize's stream writer keeps in memory
// before it spills to a temporary file (docs/PERFORMANCE.md, "Exports",
// has the figures at 10,000 employees). SQLite only: the memory measured
// is the Go side's.
func TestExportMemoryBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("exports 130,000 rows")
	}
	s, _ := exportUnit(t, sqldb.SQLite, 1_500, 202401, false)
	s.Clock = at(20261220)
	peak := func(format string, from, to shebao.Period) uint64 {
		var rows int
		p, err := sheettest.PeakHeap(func() error {
			e, err := s.WriteExport(t.Context(), staff, 1, from, to, format, zh,
				func(string) (io.Writer, error) { return io.Discard, nil })
			rows = e.Rows
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s %s–%s: %d rows, peak heap %.1f MB", format, from, to, rows, mb(p))
		return p
	}
	check := func(format string, short, long uint64) {
		if float64(long) > 1.6*float64(short)+4<<20 {
			t.Errorf("%s: the long export's peak heap is %.1f MB, the short one's %.1f MB: it grows with the rows",
				format, mb(long), mb(short))
		}
	}
	check(FormatCSV, peak(FormatCSV, 202512, 202512), peak(FormatCSV, 202501, 202612))
	check(FormatXLSX, peak(FormatXLSX, 202501, 202612), peak(FormatXLSX, 202401, 202612))
}
