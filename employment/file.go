package employment

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

// MaxRows bounds the data rows of one file or push.
const MaxRows = 20000

// ReadFile reads the registration rows of a file by its name's extension:
// .csv (UTF-8, with or without a byte-order mark, or GB18030) or
// .xlsx (the first sheet). The first row is the header; columns are found by
// their header text, in any order. Errors are EINVALID for field "file":
// an unknown extension, an unreadable file, a missing required column, no
// data rows, more than MaxRows.
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
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, &shebao.Error{Code: shebao.EINVALID, Reason: ReasonFileUnreadable, Field: "file", Err: err}
	}
	if !utf8.Valid(b) {
		if b, err = simplifiedchinese.GB18030.NewDecoder().Bytes(b); err != nil {
			return nil, &shebao.Error{Code: shebao.EINVALID, Reason: ReasonFileUnreadable, Field: "file", Err: err}
		}
	}
	cr := csv.NewReader(bytes.NewReader(b))
	cr.FieldsPerRecord = -1 // short rows are checked cell by cell
	cr.LazyQuotes = true
	var rows [][]string
	for {
		row, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, &shebao.Error{Code: shebao.EINVALID, Reason: ReasonFileUnreadable, Field: "file", Err: err}
		}
		if len(rows) > MaxRows {
			return nil, shebao.Invalid("file", ReasonTooManyRows, strconv.Itoa(MaxRows))
		}
		rows = append(rows, row)
	}
	return records(rows)
}

// ReadXLSX reads the registration rows of the first sheet of an .xlsx file.
// Cells are read raw, so that a date cell is its serial number (ParseDate
// reads it) rather than text in the sheet's display format.
func ReadXLSX(r io.Reader) ([]Record, error) {
	f, err := excelize.OpenReader(r, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, &shebao.Error{Code: shebao.EINVALID, Reason: ReasonFileUnreadable, Field: "file", Err: err}
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, shebao.Invalid("file", ReasonNoRows)
	}
	rows, err := f.Rows(sheets[0])
	if err != nil {
		return nil, &shebao.Error{Code: shebao.EINVALID, Reason: ReasonFileUnreadable, Field: "file", Err: err}
	}
	defer rows.Close()
	var all [][]string
	for rows.Next() {
		if len(all) > MaxRows {
			return nil, shebao.Invalid("file", ReasonTooManyRows, strconv.Itoa(MaxRows))
		}
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, &shebao.Error{Code: shebao.EINVALID, Reason: ReasonFileUnreadable, Field: "file", Err: err}
		}
		all = append(all, cells)
	}
	if err := rows.Error(); err != nil {
		return nil, &shebao.Error{Code: shebao.EINVALID, Reason: ReasonFileUnreadable, Field: "file", Err: err}
	}
	return records(all)
}

// records turns a sheet's rows into Records: the first non-blank row is the
// header, blank rows are skipped, and each Record keeps its row number.
func records(rows [][]string) ([]Record, error) {
	first := 0
	for first < len(rows) && blank(rows[first]) {
		first++
	}
	if first == len(rows) {
		return nil, shebao.Invalid("file", ReasonNoRows)
	}
	cols, err := columnsOf(rows[first])
	if err != nil {
		return nil, err
	}
	var out []Record
	for i := first + 1; i < len(rows); i++ {
		if blank(rows[i]) {
			continue
		}
		out = append(out, recordOf(i+1, rows[i], cols))
	}
	if len(out) == 0 {
		return nil, shebao.Invalid("file", ReasonNoRows)
	}
	if len(out) > MaxRows {
		return nil, shebao.Invalid("file", ReasonTooManyRows, strconv.Itoa(MaxRows))
	}
	return out, nil
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
