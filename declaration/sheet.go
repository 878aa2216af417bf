package declaration

import (
	"io"
	"strconv"
	"strings"

	"shebao"
	"shebao/sheet"
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
// parsed; the rest is the bounded reader's (package sheet), with these.
const (
	MaxUploadBytes = 1000 << 10
	MaxRows        = 10_000
)

var limits = sheet.Limits{File: MaxUploadBytes, Rows: MaxRows + 2}

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

// ParseSheet reads the first worksheet of an .xlsx upload, streaming
// (package sheet): a header row (row 1) with the three Headers (in any
// order; other columns are ignored) and one employee per row below it.
// Empty rows are skipped. Rows touched by merged cells are returned as
// RowErrors. ID numbers must be text (a number loses digits); wages may be
// numbers or numbers stored as text. A file that is not a readable
// workbook, lacks a header, or has too many rows is an EINVALID
// *shebao.Error for field "file".
func ParseSheet(data []byte) ([]SheetRow, []RowError, error) {
	if len(data) > MaxUploadBytes {
		return nil, nil, shebao.Invalid("file", ReasonFileTooLarge, strconv.Itoa(MaxUploadBytes>>10))
	}
	b, err := sheet.Open(data, limits)
	if err != nil {
		return nil, nil, unreadable(err)
	}
	defer b.Close()
	name := b.First()
	var p parser
	if err := b.Rows(name, p.row); err != nil {
		return nil, nil, unreadable(err)
	}
	if !p.headed {
		return nil, nil, shebao.Invalid("file", ReasonSheetEmpty)
	}
	facts, err := b.Facts(name, map[int]bool{p.cols[0] + 1: true, p.cols[2] + 1: true}, 1)
	if err != nil {
		return nil, nil, unreadable(err)
	}
	return p.body(facts)
}

// unreadable gives the reader's "unreadable" the declaration's message.
func unreadable(err error) error {
	if e := shebao.AsError(err); e.Reason == sheet.ReasonUnreadable {
		return &shebao.Error{Code: shebao.EINVALID, Reason: ReasonSheetUnreadable, Field: "file", Err: e.Err}
	}
	return err
}

// parser holds the state of one ParseSheet.
type parser struct {
	headed bool
	cols   [3]int // column index of each of Headers
	rows   []rawRow
}

// rawRow is a data row as read: its cells in the template's columns, and
// whether any cell of the row holds something.
type rawRow struct {
	SheetRow
	touched bool
}

// row takes one row of the stream: row 1 is the header.
func (p *parser) row(n int, cells []string) error {
	if n == 1 {
		p.headed = true
		return p.header(cells)
	}
	if !p.headed {
		return shebao.Invalid("file", ReasonSheetEmpty)
	}
	if n-1 > MaxRows {
		return shebao.Invalid("file", ReasonSheetTooManyRows, strconv.Itoa(MaxRows))
	}
	cell := func(k int) string {
		if c := p.cols[k]; c < len(cells) {
			return strings.TrimSpace(cells[c])
		}
		return ""
	}
	r := rawRow{SheetRow: SheetRow{Row: n, IDNumber: cell(0), Name: cell(1), Wage: cell(2)}, touched: rowTouched(cells)}
	if r.touched {
		p.rows = append(p.rows, r)
	}
	return nil
}

// header finds the column of each header in row 1.
func (p *parser) header(cells []string) error {
	var missing []string
	for i, h := range Headers {
		p.cols[i] = -1
		for j, cell := range cells {
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
	return nil
}

// normalizeHeader makes headers typed with full-width brackets or spaces match.
func normalizeHeader(s string) string {
	s = strings.NewReplacer("（", "(", "）", ")", " ", "", "\u3000", "").Replace(s)
	return strings.TrimSpace(s)
}

// body checks the data rows read: merged cells and cell kinds.
func (p *parser) body(facts sheet.Facts) ([]SheetRow, []RowError, error) {
	var good []SheetRow
	var bad []RowError
	for _, raw := range p.rows {
		r, n := raw.SheetRow, raw.Row
		rng, merged := facts.Merged(n)
		if r.IDNumber == "" && r.Name == "" && r.Wage == "" {
			if merged {
				bad = append(bad, RowError{Row: n, Reason: ReasonSheetMerged, Args: []string{rng}})
			}
			continue
		}
		if merged {
			bad = append(bad, RowError{Row: n, Reason: ReasonSheetMerged, Args: []string{rng}})
			continue
		}
		if e, ok := p.cellKinds(facts, &r); !ok {
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
func (p *parser) cellKinds(facts sheet.Facts, r *SheetRow) (RowError, bool) {
	if facts.Numbers[sheet.Cell{Row: r.Row, Col: p.cols[0] + 1}] && r.IDNumber != "" {
		return RowError{Row: r.Row, Column: HeaderIDNumber, Reason: ReasonIDAsNumber}, false
	}
	if facts.Numbers[sheet.Cell{Row: r.Row, Col: p.cols[2] + 1}] && r.Wage != "" {
		v, perr := strconv.ParseFloat(r.Wage, 64)
		if perr != nil {
			return RowError{Row: r.Row, Column: HeaderWage, Reason: shebao.ReasonAmountMalformed}, false
		}
		r.Wage = strconv.FormatFloat(v, 'f', -1, 64)
	}
	return RowError{}, true
}
