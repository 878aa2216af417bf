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

// Flood sends n uploads through send (each on a goroutine of the
// caller's) while every reading slot is held, as by uploads being read:
// first sheet.MaxAdmitted, until they are read and wait for a slot, then
// the others, until they queue at adm's door unread. Meanwhile the heap
// may grow by at most MaxAdmitted × 16 MB (the bodies the clients hold
// before sending are not counted); then the slots are given back, and the
// caller waits for its answers.
func Flood(t testing.TB, adm *sheet.Admission, workbook []byte, n int, send func(i int)) {
	t.Helper()
	release := HoldSlots(t, workbook)
	defer release()
	base := LiveHeap()
	for i := range sheet.MaxAdmitted {
		send(i)
	}
	Until(t, "MaxAdmitted uploads read, waiting for a slot", func() bool {
		_, reading := sheet.Reading()
		return reading == sheet.MaxAdmitted
	})
	for i := sheet.MaxAdmitted; i < n; i++ {
		send(i)
	}
	Until(t, "the others queued", func() bool {
		admitted, waiting := adm.Load()
		return admitted == sheet.MaxAdmitted && waiting == n-sheet.MaxAdmitted
	})
	grown := int64(LiveHeap()) - int64(base)
	t.Logf("%d uploads: %d admitted, heap grown by %.1f MB", n, sheet.MaxAdmitted, float64(grown)/(1<<20))
	if budget := int64(sheet.MaxAdmitted) * 16 << 20; grown > budget {
		t.Errorf("heap grown by %d MB with %d uploads under way, want at most %d MB", grown>>20, n, budget>>20)
	}
}

// CountingReader is an endless body that counts what was read of it.
type CountingReader struct{ N int64 }

func (c *CountingReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'a'
	}
	c.N += int64(len(p))
	return len(p), nil
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
