package sheettest

import (
	"runtime"
	"runtime/metrics"
	"testing"
	"time"

	"shebao/sheet"
)

// LiveHeap is the Go heap's live bytes after a collection.
func LiveHeap() uint64 {
	runtime.GC()
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// HoldSlots opens workbook (an .xlsx) until every one of sheet's MaxHeavy
// reading slots is taken, as uploads being read would, and returns the
// function that gives them back.
func HoldSlots(t testing.TB, workbook []byte) func() {
	t.Helper()
	var books []*sheet.Book
	for range sheet.MaxHeavy {
		b, err := sheet.Open(workbook, sheet.Limits{})
		if err != nil {
			t.Fatal(err)
		}
		books = append(books, b)
	}
	return func() {
		for _, b := range books {
			b.Close()
		}
	}
}

// Until polls cond (the server's state, not its speed) and fails the test
// when it never holds.
func Until(t testing.TB, what string, cond func() bool) {
	t.Helper()
	for end := time.Now().Add(2 * time.Minute); !cond(); time.Sleep(5 * time.Millisecond) {
		if time.Now().After(end) {
			t.Fatalf("never: %s", what)
		}
	}
}
