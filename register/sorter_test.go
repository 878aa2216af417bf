package register

import (
	"encoding/binary"
	"math/rand/v2"
	"slices"
	"testing"
)

// The sorter gives back what it was given, in order and stable for equal
// keys, whether it fits in memory or spills runs to its file.
func TestSorter(t *testing.T) {
	type rec struct{ key, seq uint32 }
	defer func(f int) { fanIn = f }(fanIn)
	fanIn = 4 // runs merged into one on the way
	for _, c := range []struct{ n, runLen int }{{0, 4}, {3, 4}, {4, 4}, {1000, 7}, {5000, 5000}, {20000, 512}} {
		s := newSorter(8,
			func(b []byte, r rec) {
				binary.LittleEndian.PutUint32(b, r.key)
				binary.LittleEndian.PutUint32(b[4:], r.seq)
			},
			func(b []byte) rec { return rec{binary.LittleEndian.Uint32(b), binary.LittleEndian.Uint32(b[4:])} },
			func(a, b rec) int { return int(a.key) - int(b.key) })
		s.runLen = c.runLen
		var want []rec
		for i := 0; i < c.n; i++ {
			r := rec{uint32(rand.IntN(c.n/3 + 1)), uint32(i)}
			want = append(want, r)
			if err := s.add(r); err != nil {
				t.Fatal(err)
			}
		}
		slices.SortStableFunc(want, func(a, b rec) int { return int(a.key) - int(b.key) })
		var got []rec
		if err := s.each(func(r rec) error { got = append(got, r); return nil }); err != nil {
			t.Fatal(err)
		}
		s.close()
		if !slices.Equal(got, want) {
			t.Errorf("%d records, runs of %d: not in stable order", c.n, c.runLen)
		}
	}
}
