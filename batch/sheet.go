package batch

import (
	"bytes"
	"io"
	"strconv"
	"strings"
	"unicode/utf16"

	"shebao"
	"shebao/sheet"
)

// Limits of an upload. A file above MaxUploadBytes is refused before it is
// parsed; the rest is the bounded reader's (package sheet), with these.
const (
	MaxUploadBytes = 10 << 20
	MaxRows        = 10_000
)

// limits are the reader's bounds for a batch: the header, MaxRows data
// rows and a margin, so that the batch's own row count speaks first.
var limits = sheet.Limits{File: MaxUploadBytes, Rows: MaxRows + 2}

// Sheet is an upload read: the kind's rows in worksheet order (empty rows
// left out), each a request or a malformed row with its reason.
type Sheet struct {
	Kind      shebao.BatchKind
	HeaderRow int
	Rows      []shebao.BatchRow
}

// ReadUpload reads at most MaxUploadBytes of r. A longer file is refused
// with ReasonFileTooLarge (field "file") before anything is parsed.
func ReadUpload(r io.Reader) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxUploadBytes+1))
	if err != nil {
		return nil, &shebao.Error{Code: shebao.EINVALID, Reason: ReasonNotXLSX, Field: "file", Err: err}
	}
	if len(data) > MaxUploadBytes {
		return nil, TooLarge()
	}
	if len(data) == 0 {
		return nil, shebao.Invalid("file", ReasonFileMissing)
	}
	return data, nil
}

// TooLarge is the error of a file above MaxUploadBytes.
func TooLarge() error {
	return shebao.Invalid("file", ReasonFileTooLarge, strconv.Itoa(MaxUploadBytes>>20))
}

// oleMagic starts an OLE compound file: an Excel 97–2003 .xls, or an .xlsx
// encrypted with a password (ECMA-376 puts it in an OLE container).
var oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// sniff tells what a file that is not a plain .xlsx is, by its first bytes.
func sniff(data []byte) error {
	if bytes.HasPrefix(data, oleMagic) {
		if bytes.Contains(data, utf16le("EncryptionInfo")) {
			return shebao.Invalid("file", ReasonEncrypted)
		}
		return shebao.Invalid("file", ReasonOldXLS)
	}
	if !bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		return shebao.Invalid("file", ReasonNotXLSX)
	}
	return nil
}

func utf16le(s string) []byte {
	var b []byte
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u), byte(u>>8))
	}
	return b
}

// open opens an upload as a workbook. Errors: EINVALID (field "file").
func open(data []byte) (*sheet.Book, error) {
	if err := sniff(data); err != nil {
		return nil, err
	}
	b, err := sheet.Open(data, limits)
	if err != nil {
		return nil, notXLSX(err)
	}
	return b, nil
}

// notXLSX gives the reader's "unreadable" the batch's own message.
func notXLSX(err error) error {
	if e := shebao.AsError(err); e.Reason == sheet.ReasonUnreadable {
		return &shebao.Error{Code: shebao.EINVALID, Reason: ReasonNotXLSX, Field: "file", Err: e.Err}
	}
	return err
}

// Parse reads the first worksheet of an .xlsx upload as rows of kind k,
// streaming: the header is the first non-empty row; it must hold the kind's
// Headers (in any order) and nothing else but the annotation columns. Each
// non-empty row below it becomes a BatchRow (ParseRow); rows touched by
// merged cells or holding formulas in the template's columns are
// malformed. Errors: EINVALID (field "file") for a file refused as a whole.
func Parse(data []byte, k shebao.BatchKind, ch shebao.Channel, today shebao.Date) (Sheet, error) {
	if !validKind(k) {
		return Sheet{}, shebao.Invalid("kind", ReasonUnknownKind)
	}
	b, err := open(data)
	if err != nil {
		return Sheet{}, err
	}
	defer b.Close()
	name := b.First()
	p := parser{kind: k, ch: ch, today: today, s: Sheet{Kind: k}}
	if err := b.Rows(name, p.row); err != nil {
		return Sheet{}, notXLSX(err)
	}
	if p.cols == nil {
		return Sheet{}, shebao.Invalid("file", ReasonNoHeader)
	}
	if err := p.marks(b, name); err != nil {
		return Sheet{}, err
	}
	if len(p.s.Rows) == 0 {
		return Sheet{}, shebao.Invalid("file", ReasonNoRows)
	}
	return p.s, nil
}

func unreadable(err error) error {
	return &shebao.Error{Code: shebao.EINVALID, Reason: ReasonNotXLSX, Field: "file", Err: err}
}

// parser holds the state of one Parse.
type parser struct {
	kind  shebao.BatchKind
	ch    shebao.Channel
	today shebao.Date
	cols  []int // column index (0-based) of each of Headers(kind)
	s     Sheet
}

// row takes one row of the stream: the header first, then the data rows.
func (p *parser) row(n int, cells []string) error {
	if blank(cells) {
		return nil
	}
	if p.cols == nil {
		if err := p.header(cells); err != nil {
			return err
		}
		p.s.HeaderRow = n
		return nil
	}
	if len(p.s.Rows) == MaxRows {
		return shebao.Invalid("file", ReasonTooManyRows, strconv.Itoa(MaxRows))
	}
	vals := make([]string, len(p.cols))
	for i, c := range p.cols {
		if c < len(cells) {
			vals[i] = cells[c]
		}
	}
	if blank(vals) {
		return nil // something outside the template's columns only
	}
	p.s.Rows = append(p.s.Rows, ParseRow(p.kind, n, vals, p.ch, p.today))
	return nil
}

func blank(cells []string) bool {
	for _, c := range cells {
		if clean(c) != "" {
			return false
		}
	}
	return true
}

// header finds the column of each of the kind's headers, and refuses a
// header row with a missing, repeated or unexpected column, or one that is
// the other kind's template.
func (p *parser) header(cells []string) error {
	want := Headers(p.kind)
	p.cols = make([]int, len(want))
	for i := range p.cols {
		p.cols[i] = -1
	}
	var unexpected []string
	for j, c := range cells {
		h := normalizeHeader(c)
		if h == "" || h == HeaderStatus || h == HeaderResult || h == "Status" || h == "Result" {
			continue
		}
		i := indexOf(want, h)
		switch {
		case i < 0:
			unexpected = append(unexpected, clean(c))
		case p.cols[i] >= 0:
			return shebao.Invalid("file", ReasonColumnTwice, want[i])
		default:
			p.cols[i] = j
		}
	}
	var missing []string
	for i, c := range p.cols {
		if c < 0 {
			missing = append(missing, want[i])
		}
	}
	if len(missing) > 0 {
		if other, ok := otherKind(p.kind, cells); ok {
			return shebao.Invalid("file", ReasonOtherTemplate, string(other))
		}
		return shebao.Invalid("file", ReasonColumnsMissing, strings.Join(missing, "、"), strings.Join(want, "、"))
	}
	if len(unexpected) > 0 {
		return shebao.Invalid("file", ReasonColumnUnknown, strings.Join(unexpected, "、"), strings.Join(want, "、"))
	}
	return nil
}

// otherKind returns the kind, other than k, whose template a header row is.
func otherKind(k shebao.BatchKind, cells []string) (shebao.BatchKind, bool) {
	for _, other := range Kinds {
		if other != k && matches(cells, Headers(other)) {
			return other, true
		}
	}
	return "", false
}

// matches reports whether a header row holds every one of headers.
func matches(cells []string, headers []string) bool {
	for _, h := range headers {
		found := false
		for _, c := range cells {
			found = found || normalizeHeader(c) == h
		}
		if !found {
			return false
		}
	}
	return true
}

func indexOf(list []string, s string) int {
	for i, v := range list {
		if v == s {
			return i
		}
	}
	return -1
}

// normalizeHeader makes headers typed with full-width brackets, spaces or
// line breaks match.
func normalizeHeader(s string) string {
	s = strings.NewReplacer("（", "(", "）", ")", " ", "", "\u3000", "", "\n", "", "\r", "", "*", "").Replace(s)
	return clean(s)
}

// marks flags the rows that merged cells touch or that hold a formula in
// one of the template's columns (the reader's Facts pass reads them).
func (p *parser) marks(b *sheet.Book, name string) error {
	cols := map[int]bool{}
	for _, c := range p.cols {
		cols[c+1] = true
	}
	facts, err := b.Facts(name, cols, p.s.HeaderRow)
	if err != nil {
		return notXLSX(err)
	}
	idCol := p.cols[0] + 1
	for i := range p.s.Rows {
		r := &p.s.Rows[i]
		if rng, ok := facts.Merged(r.Row); ok {
			*r = malformed(shebao.BatchRow{Row: r.Row, IDNumber: r.IDNumber, Name: r.Name}, "", ReasonMerged, rng)
		} else if cell, ok := facts.Formulas[r.Row]; ok {
			*r = malformed(shebao.BatchRow{Row: r.Row, IDNumber: r.IDNumber, Name: r.Name}, "", ReasonFormula, cell)
		} else if facts.Numbers[sheet.Cell{Row: r.Row, Col: idCol}] && digits(r.IDNumber) > maxDigits {
			// A number cell cannot hold 18 digits: Excel kept 15 and the
			// rest are zeros, whatever the check character says.
			*r = malformed(shebao.BatchRow{Row: r.Row, IDNumber: r.IDNumber, Name: r.Name}, HeaderIDNumber, ReasonIDAsNumber)
		}
	}
	return nil
}

// digits counts the decimal digits of s.
func digits(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			n++
		}
	}
	return n
}
