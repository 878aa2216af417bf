package register

import (
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

	"shebao"
)

// MaxRows bounds the data rows of one file: more than the district's
// persons' coverage spans at 15 years each.
const MaxRows = 5_000_000

// table is one file of the register, read row by row: only the row being
// applied is held, so a file of a million rows needs no more memory than
// one of a thousand (the coverage history keeps a compact record per row).
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

// openCSV reads the file's bytes (to tell UTF-8 from GB18030) and streams
// its records.
func (t *table) openCSV(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	b = bytes.TrimPrefix(b, []byte("\ufeff"))
	if !utf8.Valid(b) {
		if b, err = simplifiedchinese.GB18030.NewDecoder().Bytes(b); err != nil {
			return err
		}
	}
	cr := csv.NewReader(bytes.NewReader(b))
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
