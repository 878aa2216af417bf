package register

import (
	"bufio"
	"container/heap"
	"io"
	"os"
	"slices"
)

// sorter sorts fixed-size records in bounded memory: runLen records are
// held at a time, sorted and, when there are more, written to a temporary
// file as a sorted run; each then merges the runs. The register keeps
// what it checks across a whole file (the coverage spans of each person,
// the keys of each row) in one, so that a district of any size needs the
// same memory (docs/MIGRATION.md).
type sorter[T any] struct {
	size    int // bytes a record
	enc     func([]byte, T)
	dec     func([]byte) T
	cmp     func(a, b T) int
	runLen  int
	buf     []T
	f       *os.File   // the runs, one after the other; nil until the first spill
	runs    [][2]int64 // the runs' starts and ends in f
	written int64
}

// runLen is the records a sorter holds: a few MB; fanIn is how many runs
// are merged at once: with more, they are merged into one first, so that
// the merge's buffers do not grow with the file either (variables for the
// tests).
var runLen, fanIn = 1 << 16, 64

func newSorter[T any](size int, enc func([]byte, T), dec func([]byte) T, cmp func(a, b T) int) *sorter[T] {
	return &sorter[T]{size: size, enc: enc, dec: dec, cmp: cmp, runLen: runLen}
}

// add adds a record.
func (s *sorter[T]) add(v T) error {
	s.buf = append(s.buf, v)
	if len(s.buf) < s.runLen {
		return nil
	}
	return s.spill()
}

// spill writes the held records to the file as one sorted run.
func (s *sorter[T]) spill() error {
	if s.f == nil {
		f, err := os.CreateTemp("", "shebao-register-*")
		if err != nil {
			return err
		}
		os.Remove(f.Name()) // gone with its last descriptor
		s.f = f
	}
	slices.SortStableFunc(s.buf, s.cmp)
	r, err := s.write(func(put func(T) error) error {
		for _, v := range s.buf {
			if err := put(v); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	s.buf, s.runs = s.buf[:0], append(s.runs, r)
	if len(s.runs) < fanIn {
		return nil
	}
	// one run of them all, the first (the oldest records) from now on
	r, err = s.write(func(put func(T) error) error { return s.merge(s.runs, put) })
	s.runs = [][2]int64{r}
	return err
}

// write appends a run to the file with what gen puts, and returns its
// start and end.
func (s *sorter[T]) write(gen func(put func(T) error) error) ([2]int64, error) {
	start := s.written
	w := bufio.NewWriterSize(io.NewOffsetWriter(s.f, start), 1<<16)
	b := make([]byte, s.size)
	err := gen(func(v T) error {
		s.enc(b, v)
		_, err := w.Write(b)
		return err
	})
	if err == nil {
		err = w.Flush()
	}
	end, _ := s.f.Seek(0, io.SeekEnd)
	s.written = end
	return [2]int64{start, end}, err
}

// each calls fn with every record in order (records that compare equal in
// the order they were added) and stops at fn's first error.
func (s *sorter[T]) each(fn func(T) error) error {
	if s.f == nil {
		slices.SortStableFunc(s.buf, s.cmp)
		for _, v := range s.buf {
			if err := fn(v); err != nil {
				return err
			}
		}
		return nil
	}
	if len(s.buf) > 0 {
		if err := s.spill(); err != nil {
			return err
		}
	}
	return s.merge(s.runs, fn)
}

// merge calls fn with the records of runs in order.
func (s *sorter[T]) merge(runs [][2]int64, fn func(T) error) error {
	m := &merge[T]{cmp: s.cmp}
	for i, rn := range runs {
		r := &sortedRun[T]{idx: i, r: bufio.NewReaderSize(io.NewSectionReader(s.f, rn[0], rn[1]-rn[0]), 1<<13),
			b: make([]byte, s.size), dec: s.dec}
		ok, err := r.next()
		if err != nil {
			return err
		}
		if ok {
			m.runs = append(m.runs, r)
		}
	}
	heap.Init(m)
	for m.Len() > 0 {
		r := m.runs[0]
		if err := fn(r.cur); err != nil {
			return err
		}
		ok, err := r.next()
		if err != nil {
			return err
		}
		if ok {
			heap.Fix(m, 0)
		} else {
			heap.Pop(m)
		}
	}
	return nil
}

// close removes the runs.
func (s *sorter[T]) close() {
	if s.f != nil {
		s.f.Close()
		s.f = nil
	}
	s.buf = nil
}

// sortedRun is one run being merged.
type sortedRun[T any] struct {
	idx int
	r   *bufio.Reader
	b   []byte
	dec func([]byte) T
	cur T
}

func (r *sortedRun[T]) next() (bool, error) {
	if _, err := io.ReadFull(r.r, r.b); err == io.EOF {
		return false, nil
	} else if err != nil {
		return false, err
	}
	r.cur = r.dec(r.b)
	return true, nil
}

// merge is a heap of runs by their current record; equal records come
// from the earlier run first, which keeps the order stable.
type merge[T any] struct {
	runs []*sortedRun[T]
	cmp  func(a, b T) int
}

func (m *merge[T]) Len() int { return len(m.runs) }
func (m *merge[T]) Less(i, j int) bool {
	if c := m.cmp(m.runs[i].cur, m.runs[j].cur); c != 0 {
		return c < 0
	}
	return m.runs[i].idx < m.runs[j].idx
}
func (m *merge[T]) Swap(i, j int) { m.runs[i], m.runs[j] = m.runs[j], m.runs[i] }
func (m *merge[T]) Push(x any)    { m.runs = append(m.runs, x.(*sortedRun[T])) }
func (m *merge[T]) Pop() any {
	r := m.runs[len(m.runs)-1]
	m.runs = m.runs[:len(m.runs)-1]
	return r
}
