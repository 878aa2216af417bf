package declaration

import (
	"bytes"
	"errors"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"shebao"
)

// The upload's column headers, in the template's order.
const (
	HeaderIDNumber = "身份证号码"
	HeaderName     = "姓名"
	HeaderWage     = "上年度月平均工资(元)"
)

// Headers lists the template's headers in order.
var Headers = []string{HeaderIDNumber, HeaderName, HeaderWage}

// Limits of an upload. A file above MaxUploadBytes is refused before it is
// parsed; MaxUnzipBytes bounds what excelize may inflate (a zip bomb).
const (
	MaxUploadBytes = 1000 << 10
	MaxUnzipBytes  = 64 << 20
	MaxRows        = 10_000
)

// SheetRow is one data row of an upload, as typed: the wage is parsed
// later, against the year's ceiling.
type SheetRow struct {
	Row      int // the worksheet's row number, 1-based (the header is row 1)
	IDNumber string
	Name     string
	Wage     string // the wage as written: text, or a number's shortest decimal form
}

// RowError is a row the declaration could not take, with the column at
// fault (a header name; "" for the whole row) and the reason.
type RowError struct {
	Row    int
	Column string
	Reason string
	Args   []string
}

// Error implements error, for logs and tests.
func (e RowError) Error() string {
	return "row " + strconv.Itoa(e.Row) + " " + e.Column + ": " + e.Reason + " " + strings.Join(e.Args, ", ")
}

// ReadUpload reads at most MaxUploadBytes of r. A longer file is refused
// with ReasonFileTooLarge before anything is parsed.
func ReadUpload(r io.Reader) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxUploadBytes+1))
	if err != nil {
		return nil, shebao.Errorf(shebao.EINVALID, ReasonSheetUnreadable, "read upload: %v", err)
	}
	if len(data) > MaxUploadBytes {
		return nil, shebao.Invalid("file", ReasonFileTooLarge, strconv.Itoa(MaxUploadBytes>>10))
	}
	return data, nil
}

// ParseSheet reads the first worksheet of an .xlsx upload: a header row
// with the three Headers (in any order; other columns are ignored) and one
// employee per row below it. Empty rows are skipped. Rows touched by merged
// cells are returned as RowErrors. ID numbers must be text (a number loses
// digits); wages may be numbers or numbers stored as text. A file that is
// not a readable workbook, lacks a header, or has too many rows is an
// EINVALID *shebao.Error for field "file".
func ParseSheet(data []byte) ([]SheetRow, []RowError, error) {
	if len(data) > MaxUploadBytes {
		return nil, nil, shebao.Invalid("file", ReasonFileTooLarge, strconv.Itoa(MaxUploadBytes>>10))
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		UnzipSizeLimit: MaxUnzipBytes, UnzipXMLSizeLimit: MaxUnzipBytes})
	if err != nil {
		return nil, nil, &shebao.Error{Code: shebao.EINVALID, Reason: ReasonSheetUnreadable, Field: "file", Err: err}
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, nil, shebao.Invalid("file", ReasonSheetEmpty)
	}
	rows, err := f.GetRows(sheets[0], excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, nil, &shebao.Error{Code: shebao.EINVALID, Reason: ReasonSheetUnreadable, Field: "file", Err: err}
	}
	p := parser{f: f, sheet: sheets[0]}
	if err := p.header(rows); err != nil {
		return nil, nil, err
	}
	if err := p.merged(); err != nil {
		return nil, nil, err
	}
	return p.body(rows)
}

// parser holds the state of one ParseSheet.
type parser struct {
	f          *excelize.File
	sheet      string
	cols       [3]int         // column index of each of Headers
	mergedRows map[int]string // data row → the merged range touching it
}

// header finds the header row (row 1) and the column of each header.
func (p *parser) header(rows [][]string) error {
	if len(rows) == 0 {
		return shebao.Invalid("file", ReasonSheetEmpty)
	}
	var missing []string
	for i, h := range Headers {
		p.cols[i] = -1
		for j, cell := range rows[0] {
			if normalizeHeader(cell) == normalizeHeader(h) {
				p.cols[i] = j
				break
			}
		}
		if p.cols[i] < 0 {
			missing = append(missing, h)
		}
	}
	if len(missing) > 0 {
		return shebao.Invalid("file", ReasonSheetColumns, strings.Join(missing, "、"), strings.Join(Headers, "、"))
	}
	if len(rows)-1 > MaxRows {
		return shebao.Invalid("file", ReasonSheetTooManyRows, strconv.Itoa(MaxRows))
	}
	return nil
}

// normalizeHeader makes headers typed with full-width brackets or spaces match.
func normalizeHeader(s string) string {
	s = strings.NewReplacer("（", "(", "）", ")", " ", "", "\u3000", "").Replace(s)
	return strings.TrimSpace(s)
}

// merged records the data rows that merged cells touch. A merge inside the
// header row alone is harmless once the headers were found.
func (p *parser) merged() error {
	ms, err := p.f.GetMergeCells(p.sheet, true)
	if err != nil {
		return &shebao.Error{Code: shebao.EINVALID, Reason: ReasonSheetUnreadable, Field: "file", Err: err}
	}
	p.mergedRows = map[int]string{}
	for _, m := range ms {
		_, r1, err1 := excelize.CellNameToCoordinates(m.GetStartAxis())
		_, r2, err2 := excelize.CellNameToCoordinates(m.GetEndAxis())
		if err := errors.Join(err1, err2); err != nil {
			return &shebao.Error{Code: shebao.EINVALID, Reason: ReasonSheetUnreadable, Field: "file", Err: err}
		}
		if r2-r1 > MaxRows {
			return shebao.Invalid("file", ReasonSheetTooManyRows, strconv.Itoa(MaxRows))
		}
		for r := max(r1, 2); r <= r2; r++ {
			if _, ok := p.mergedRows[r]; !ok {
				p.mergedRows[r] = m.GetStartAxis() + ":" + m.GetEndAxis()
			}
		}
	}
	return nil
}

// body reads the data rows below the header.
func (p *parser) body(rows [][]string) ([]SheetRow, []RowError, error) {
	var good []SheetRow
	var bad []RowError
	for i := 1; i < len(rows); i++ {
		n := i + 1
		cell := func(k int) string {
			if c := p.cols[k]; c < len(rows[i]) {
				return strings.TrimSpace(rows[i][c])
			}
			return ""
		}
		r := SheetRow{Row: n, IDNumber: cell(0), Name: cell(1), Wage: cell(2)}
		if r.IDNumber == "" && r.Name == "" && r.Wage == "" {
			if rng, ok := p.mergedRows[n]; ok && rowTouched(rows[i]) {
				bad = append(bad, RowError{Row: n, Reason: ReasonSheetMerged, Args: []string{rng}})
			}
			continue
		}
		if rng, ok := p.mergedRows[n]; ok {
			bad = append(bad, RowError{Row: n, Reason: ReasonSheetMerged, Args: []string{rng}})
			continue
		}
		if e, ok := p.cellKinds(&r); !ok {
			bad = append(bad, e)
			continue
		}
		good = append(good, r)
	}
	return good, bad, nil
}

// rowTouched reports whether a row has any non-blank cell.
func rowTouched(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return true
		}
	}
	return false
}

// cellKinds checks the ID number is text and rewrites a numeric wage cell
// to its shortest decimal form (4494.3, not 4494.3000000000002).
func (p *parser) cellKinds(r *SheetRow) (RowError, bool) {
	idType, err := p.cellType(r.Row, p.cols[0])
	if err == nil && (idType == excelize.CellTypeNumber || idType == excelize.CellTypeUnset) && r.IDNumber != "" {
		return RowError{Row: r.Row, Column: HeaderIDNumber, Reason: ReasonIDAsNumber}, false
	}
	wageType, err := p.cellType(r.Row, p.cols[2])
	if err == nil && (wageType == excelize.CellTypeNumber || wageType == excelize.CellTypeUnset) && r.Wage != "" {
		v, perr := strconv.ParseFloat(r.Wage, 64)
		if perr != nil {
			return RowError{Row: r.Row, Column: HeaderWage, Reason: shebao.ReasonAmountMalformed}, false
		}
		r.Wage = strconv.FormatFloat(v, 'f', -1, 64)
	}
	return RowError{}, true
}

func (p *parser) cellType(row, col int) (excelize.CellType, error) {
	name, err := excelize.CoordinatesToCellName(col+1, row)
	if err != nil {
		return excelize.CellTypeUnset, err
	}
	return p.f.GetCellType(p.sheet, name)
}
