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

// table is one file of the register: its rows by header key, each with its
// spreadsheet row number (the header is row 1 when it is the first row).
type table struct {
	file string
	rows []row
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

// readTable reads a CSV (UTF-8 or GB18030) or .xlsx file (its first sheet)
// whose first non-blank row holds the headers: each a column key of kind or
// its Chinese label. Required columns missing, an unknown extension, an
// unreadable file or too many rows make a problem on row 0.
func readTable(name string, r io.Reader, k kind) (table, *Problem) {
	var raw [][]string
	var err error
	switch strings.ToLower(path.Ext(name)) {
	case ".csv":
		raw, err = readCSV(r)
	case ".xlsx":
		raw, err = readXLSX(r)
	default:
		return table{}, &Problem{File: name, Reason: ReasonFileFormat}
	}
	if err != nil {
		reason := ReasonFileUnreadable
		if errors.Is(err, errTooManyRows) {
			reason = ReasonTooManyRows
		}
		return table{}, &Problem{File: name, Reason: reason, Args: []string{strconv.Itoa(MaxRows)}}
	}
	first := 0
	for first < len(raw) && blank(raw[first]) {
		first++
	}
	if first == len(raw) {
		return table{file: name}, nil
	}
	cols := map[int]int{} // the file's column → the kind's
	found := map[string]bool{}
	for i, h := range raw[first] {
		if key := k.column(h); key != "" {
			for j, c := range k.columns {
				if c.key == key {
					cols[i], found[key] = j, true
				}
			}
		}
	}
	for _, c := range k.columns {
		if c.required && !found[c.key] {
			return table{}, &Problem{File: name, Column: c.key, Reason: ReasonMissingColumn, Args: []string{c.key}}
		}
	}
	t := table{file: name}
	for i := first + 1; i < len(raw); i++ {
		if blank(raw[i]) {
			continue
		}
		cells := make([]string, len(k.columns))
		for j, v := range raw[i] {
			if c, ok := cols[j]; ok {
				cells[c] = v
			}
		}
		raw[i] = nil
		t.rows = append(t.rows, row{n: i + 1, k: &k, cells: cells})
	}
	return t, nil
}

var errTooManyRows = errors.New("too many rows")

func readCSV(r io.Reader) ([][]string, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	b = bytes.TrimPrefix(b, []byte("\ufeff"))
	if !utf8.Valid(b) {
		if b, err = simplifiedchinese.GB18030.NewDecoder().Bytes(b); err != nil {
			return nil, err
		}
	}
	cr := csv.NewReader(bytes.NewReader(b))
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = false
	var rows [][]string
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return rows, nil
		}
		if err != nil {
			return nil, err
		}
		if len(rows) > MaxRows {
			return nil, errTooManyRows
		}
		rows = append(rows, rec)
	}
}

func readXLSX(r io.Reader) ([][]string, error) {
	f, err := excelize.OpenReader(r)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, nil
	}
	rows, err := f.Rows(sheets[0])
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var all [][]string
	for rows.Next() {
		if len(all) > MaxRows {
			return nil, errTooManyRows
		}
		cells, err := rows.Columns()
		if err != nil {
			return nil, err
		}
		all = append(all, cells)
	}
	return all, rows.Error()
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
func problem(t table, r row, column string, err error) Problem {
	e := shebao.AsError(err)
	return Problem{File: t.file, Row: r.n, Column: column, Reason: e.Reason, Args: e.Args}
}
