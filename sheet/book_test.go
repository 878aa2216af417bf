package sheet

import (
	"bytes"
	"testing"

	"github.com/xuri/excelize/v2"
)

func smallBook(t *testing.T) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	_ = f.SetSheetRow("Sheet1", "A1", &[]any{"a", "b"})
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestHeavySlots: an open workbook holds one of the MaxHeavy slots until
// it is closed, and a refused one gives its slot back at once.
func TestHeavySlots(t *testing.T) {
	data := smallBook(t)
	var books []*Book
	for range MaxHeavy {
		b, err := Open(data, Limits{})
		if err != nil {
			t.Fatal(err)
		}
		books = append(books, b)
	}
	if len(slots) != MaxHeavy {
		t.Fatalf("%d slots taken, want %d", len(slots), MaxHeavy)
	}
	for _, b := range books {
		b.Close()
		b.Close() // a second Close gives nothing back twice
	}
	if _, err := Open(append([]byte("PK\x03\x04"), 0, 0), Limits{}); err == nil {
		t.Fatal("a broken zip opened")
	}
	if len(slots) != 0 {
		t.Fatalf("%d slots still taken", len(slots))
	}
}

func TestRowLimits(t *testing.T) {
	l := Default.with()
	l.Cols, l.Cell, l.RowBytes = 3, 4, 12
	if cells, err := l.row(2, []string{"a", "b", "c", " ", ""}); err != nil || len(cells) != 3 {
		t.Errorf("blank cells past the limit: %q, %v", cells, err)
	}
	for _, cells := range [][]string{{"a", "b", "c", "d"}, {"12345"}, {"张三李四", "a"}} {
		if _, err := l.row(2, cells); err == nil {
			t.Errorf("%q accepted", cells)
		}
	}
	if _, err := l.row(2, []string{"张三李四"}); err != nil {
		t.Errorf("four characters refused: %v", err)
	}
}
