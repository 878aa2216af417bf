package register

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"path"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/transform"

	"shebao"
)

// MaxRows bounds the data rows of one file: more than the district's
// persons' coverage spans at 15 years each.
const MaxRows = 5_000_000

// table is one file of the register, read row by row: only a chunk of
// rows is held (chunked), so a file of a million rows needs no more memory
// than one of a thousand (what is checked across the whole file goes
// through a sorter, on disk).
type table struct {
	file  string
	k     *kind
	cols  map[int]int                   // the file's column → the kind's
	next  func() ([]string, int, error) // the next raw row and its number; io.EOF at the end
	close func()
	read  int // data rows passed to each so far
}

// fileError is a problem of the file met while streaming its rows.
type fileError struct{ p Problem }

func (e *fileError) Error() string { return "register: " + e.p.File + ": " + e.p.Reason }

// each calls fn with every non-blank data row, in order, and stops at fn's
// first error; a row that cannot be read is a *fileError.
func (t *table) each(fn func(row) error) error {
	for {
		cells, n, err := t.next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return &fileError{Problem{File: t.file, Row: n, Reason: ReasonFileUnreadable}}
		}
		if blank(cells) {
			continue
		}
		if t.read++; t.read > MaxRows {
			return &fileError{Problem{File: t.file, Reason: ReasonTooManyRows, Args: []string{strconv.Itoa(MaxRows)}}}
		}
		c := make([]string, len(t.k.columns))
		for j, v := range cells {
			if ci, ok := t.cols[j]; ok {
				c[ci] = v
			}
		}
		if err := fn(row{n: n, k: t.k, cells: c}); err != nil {
			return err
		}
	}
}

// row is a row's cells in the order of its kind's columns.
type row struct {
	n     int
	k     *kind
	cells []string
}

// get returns a cell, trimmed.
func (r row) get(key string) string {
	for i, c := range r.k.columns {
		if c.key == key {
			return strings.TrimSpace(r.cells[i])
		}
	}
	return ""
}

// readTable opens a CSV (UTF-8 or GB18030) or .xlsx file (its first
// sheet) and reads its header, the first non-blank row: each a column key of
// kind or its Chinese label. Required columns missing, an unknown extension
// or an unreadable file make a problem on row 0. The caller closes the table.
func readTable(name string, r io.Reader, k kind) (*table, *Problem) {
	t := &table{file: name, k: &k, close: func() {}}
	var err error
	switch strings.ToLower(path.Ext(name)) {
	case ".csv":
		err = t.openCSV(r)
	case ".xlsx":
		err = t.openXLSX(r)
	default:
		return nil, &Problem{File: name, Reason: ReasonFileFormat}
	}
	if err != nil {
		return nil, &Problem{File: name, Reason: ReasonFileUnreadable}
	}
	var header []string
	for {
		header, _, err = t.next()
		if errors.Is(err, io.EOF) {
			return t, nil // no rows at all: nothing to import
		}
		if err != nil {
			t.close()
			return nil, &Problem{File: name, Reason: ReasonFileUnreadable}
		}
		if !blank(header) {
			break
		}
	}
	t.cols = map[int]int{}
	found := map[string]bool{}
	for i, h := range header {
		key := k.column(h)
		for j, c := range k.columns {
			if key != "" && c.key == key {
				t.cols[i], found[key] = j, true
			}
		}
	}
	for _, c := range k.columns {
		if c.required && !found[c.key] {
			t.close()
			return nil, &Problem{File: name, Column: c.key, Reason: ReasonMissingColumn, Args: []string{c.key}}
		}
	}
	return t, nil
}

// openCSV streams the file's records, decoded from GB18030 when it is not
// UTF-8. A file that can seek is read twice (first to tell the encoding)
// and never held; one that cannot is read whole first.
func (t *table) openCSV(r io.Reader) error {
	var src io.Reader
	if rs, ok := r.(io.ReadSeeker); ok {
		valid, err := validUTF8(rs)
		if err != nil {
			return err
		}
		if _, err := rs.Seek(0, io.SeekStart); err != nil {
			return err
		}
		src = rs
		if !valid {
			src = transform.NewReader(rs, simplifiedchinese.GB18030.NewDecoder())
		}
	} else {
		b, err := io.ReadAll(r)
		if err != nil {
			return err
		}
		src = bytes.NewReader(b)
		if !utf8.Valid(b) {
			src = transform.NewReader(src, simplifiedchinese.GB18030.NewDecoder())
		}
	}
	br := bufio.NewReaderSize(src, 1<<16)
	if bom, _ := br.Peek(3); string(bom) == "\ufeff" {
		br.Discard(3)
	}
	cr := csv.NewReader(br)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	n := 0
	t.next = func() ([]string, int, error) {
		n++
		rec, err := cr.Read()
		return rec, n, err
	}
	return nil
}

// validUTF8 reads r to its end and reports whether it is valid UTF-8.
func validUTF8(r io.Reader) (bool, error) {
	buf := make([]byte, 1<<16)
	carry := 0 // bytes of an incomplete character at the end of the last read
	for {
		n, err := r.Read(buf[carry:])
		b := buf[:carry+n]
		end := len(b)
		if err == nil {
			// keep up to 3 bytes of a character cut by the read for the next
			for i := len(b) - 1; i >= 0 && i >= len(b)-3; i-- {
				if utf8.RuneStart(b[i]) {
					if !utf8.FullRune(b[i:]) {
						end = i
					}
					break
				}
			}
		}
		if !utf8.Valid(b[:end]) {
			return false, nil
		}
		carry = copy(buf, b[end:])
		if errors.Is(err, io.EOF) {
			return carry == 0, nil
		}
		if err != nil {
			return false, err
		}
	}
}

// openXLSX streams the rows of the first sheet.
func (t *table) openXLSX(r io.Reader) error {
	f, err := excelize.OpenReader(r)
	if err != nil {
		return err
	}
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		f.Close()
		t.next = func() ([]string, int, error) { return nil, 0, io.EOF }
		return nil
	}
	rows, err := f.Rows(sheets[0])
	if err != nil {
		f.Close()
		return err
	}
	t.close = func() { rows.Close(); f.Close() }
	n := 0
	t.next = func() ([]string, int, error) {
		if !rows.Next() {
			if err := rows.Error(); err != nil {
				return nil, n, err
			}
			return nil, n, io.EOF
		}
		n++
		cells, err := rows.Columns()
		return cells, n, err
	}
	return nil
}

func blank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// problem turns an error of a rule about a cell into a problem of the row.
func problem(t *table, r row, column string, err error) Problem {
	e := shebao.AsError(err)
	return Problem{File: t.file, Row: r.n, Column: column, Reason: e.Reason, Args: e.Args}
}
