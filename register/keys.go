package register

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
)

// keys finds the rows of a file whose key (a credit code, an ID number, …)
// is on an earlier row, in bounded memory: each row's key is kept as a
// 128-bit hash with its row and chunk in a sorter, and the duplicates are
// reported once the file has been read.
type keys struct{ s *sorter[keyRec] }

type keyRec struct {
	h          [16]byte
	row, chunk int32
}

const keyRecSize = 24

func newKeys() *keys {
	return &keys{newSorter(keyRecSize,
		func(b []byte, k keyRec) {
			copy(b, k.h[:])
			binary.LittleEndian.PutUint32(b[16:], uint32(k.row))
			binary.LittleEndian.PutUint32(b[20:], uint32(k.chunk))
		},
		func(b []byte) keyRec {
			var k keyRec
			copy(k.h[:], b)
			k.row, k.chunk = int32(binary.LittleEndian.Uint32(b[16:])), int32(binary.LittleEndian.Uint32(b[20:]))
			return k
		},
		func(a, b keyRec) int {
			if c := bytes.Compare(a.h[:], b.h[:]); c != 0 {
				return c
			}
			return int(a.row - b.row)
		})}
}

// add records that row, of the chunk-th chunk, has key.
func (k *keys) add(key string, row, chunk int) error {
	sum := sha256.Sum256([]byte(key))
	var r keyRec
	copy(r.h[:], sum[:16])
	r.row, r.chunk = int32(row), int32(chunk)
	return k.s.add(r)
}

// dups calls fn for every row whose key is on an earlier row first, with
// whether the two rows are of the same chunk.
func (k *keys) dups(fn func(row, first int, sameChunk bool)) error {
	var first keyRec
	started := false
	return k.s.each(func(r keyRec) error {
		if started && r.h == first.h {
			fn(int(r.row), int(first.row), r.chunk == first.chunk)
			return nil
		}
		first, started = r, true
		return nil
	})
}

// report adds a duplicate problem on column for every row whose key is on
// an earlier row, and closes k.
func (k *keys) report(r *run, t *table, column string) error {
	defer k.s.close()
	return k.dups(func(row, first int, _ bool) { r.failAt(t, row, column, ReasonDuplicate, itoa(first)) })
}
