package employment

import (
	"io"
	"path"
	"strconv"
	"strings"

	"shebao"
	"shebao/sheet"
)

// MaxRows bounds the data rows of one file or push; MaxFileBytes a file.
const (
	MaxRows      = 20000
	MaxFileBytes = 10 << 20
)

// limits are the bounded reader's (package sheet) for an import file: a
// registration's cells are short, so that MaxRows of them stay small.
var limits = sheet.Limits{File: MaxFileBytes, Rows: MaxRows + 2, Cell: 128, RowBytes: 1024}

// ReadFile reads the registration rows of a file by its name's extension:
// .csv (UTF-8, with or without a byte-order mark, or GB18030) or
// .xlsx (the first sheet). The first row is the header; columns are found by
// their header text, in any order. Errors are EINVALID for field "file":
// an unknown extension, an unreadable file, a missing required column, no
// data rows, more than MaxRows, and the reader's limits.
func ReadFile(name string, r io.Reader) ([]Record, error) {
	switch strings.ToLower(path.Ext(name)) {
	case ".csv":
		return ReadCSV(r)
	case ".xlsx":
		return ReadXLSX(r)
	}
	return nil, shebao.Invalid("file", ReasonFileFormat)
}

// ReadCSV reads the registration rows of a CSV file in UTF-8 or, as Excel
// saves CSV on Chinese systems, in GB18030.
func ReadCSV(r io.Reader) ([]Record, error) {
	data, err := sheet.ReadAll(r, MaxFileBytes)
	if err != nil {
		return nil, unreadable(err)
	}
	var rs recordSet
	if err := sheet.ReadCSV(data, limits, rs.row); err != nil {
		return nil, unreadable(err)
	}
	return rs.done()
}

// ReadXLSX reads the registration rows of the first sheet of an .xlsx file.
// Cells are read raw, so that a date cell is its serial number (ParseDate
// reads it) rather than text in the sheet's display format.
func ReadXLSX(r io.Reader) ([]Record, error) {
	data, err := sheet.ReadAll(r, MaxFileBytes)
	if err != nil {
		return nil, unreadable(err)
	}
	b, err := sheet.Open(data, limits)
	if err != nil {
		return nil, unreadable(err)
	}
	defer b.Close()
	var rs recordSet
	if err := b.Rows(b.First(), rs.row); err != nil {
		return nil, unreadable(err)
	}
	return rs.done()
}

// unreadable gives the reader's "unreadable" and "empty" the import's
// messages; its other limits speak for themselves.
func unreadable(err error) error {
	switch e := shebao.AsError(err); e.Reason {
	case sheet.ReasonUnreadable:
		return &shebao.Error{Code: shebao.EINVALID, Reason: ReasonFileUnreadable, Field: "file", Err: e.Err}
	case shebao.ReasonRequired:
		return shebao.Invalid("file", ReasonNoRows)
	case sheet.ReasonTooManyRows:
		return shebao.Invalid("file", ReasonTooManyRows, strconv.Itoa(MaxRows))
	}
	return err
}

// recordSet turns a sheet's rows, streamed, into Records: the first
// non-blank row is the header, blank rows are skipped, and each Record
// keeps its row number.
type recordSet struct {
	cols map[string]int
	out  []Record
}

func (rs *recordSet) row(n int, cells []string) error {
	if blank(cells) {
		return nil
	}
	if rs.cols == nil {
		cols, err := columnsOf(cells)
		rs.cols = cols
		return err
	}
	if len(rs.out) == MaxRows {
		return shebao.Invalid("file", ReasonTooManyRows, strconv.Itoa(MaxRows))
	}
	rs.out = append(rs.out, recordOf(n, cells, rs.cols))
	return nil
}

func (rs *recordSet) done() ([]Record, error) {
	if len(rs.out) == 0 {
		return nil, shebao.Invalid("file", ReasonNoRows)
	}
	return rs.out, nil
}

// columnsOf maps column keys to their index in the header row. Every
// column but ColEnd is required.
func columnsOf(header []string) (map[string]int, error) {
	cols := map[string]int{}
	for i, h := range header {
		key := clean(h)
		if c, ok := headers[key]; ok {
			key = c
		}
		for _, c := range Columns {
			if strings.EqualFold(key, c) {
				if _, dup := cols[c]; !dup {
					cols[c] = i
				}
			}
		}
	}
	for _, c := range Columns {
		if _, ok := cols[c]; !ok && c != ColEnd {
			return nil, shebao.Invalid("file", ReasonMissingColumn, HeaderOf(c))
		}
	}
	return cols, nil
}

// recordOf returns the Record of one row; cells past the row's end are "".
func recordOf(n int, row []string, cols map[string]int) Record {
	cell := func(c string) string {
		if i, ok := cols[c]; ok && i < len(row) {
			return row[i]
		}
		return ""
	}
	return Record{Row: n, SourceID: cell(ColSourceID), IDNumber: cell(ColIDNumber), Name: cell(ColName),
		CreditCode: cell(ColCreditCode), Start: cell(ColStart), RegisteredOn: cell(ColRegisteredOn), End: cell(ColEnd)}
}

func blank(row []string) bool {
	for _, c := range row {
		if clean(c) != "" {
			return false
		}
	}
	return true
}
