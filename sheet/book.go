package sheet

import (
	"archive/zip"
	"bytes"
	"errors"
	"strconv"
	"strings"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"shebao"
)

// MaxHeavy is how many uploads are read at once; the others wait their
// turn (Open and ReadCSV take a slot, Close and ReadCSV's end give it back),
// so that several large files at once cannot add up.
const MaxHeavy = 2

var (
	slots       = make(chan struct{}, MaxHeavy)
	slotWaiters atomic.Int64
)

// take waits for one of the MaxHeavy slots; give gives it back.
func take() {
	select {
	case slots <- struct{}{}:
		return
	default:
	}
	slotWaiters.Add(1)
	slots <- struct{}{}
	slotWaiters.Add(-1)
}

func give() { <-slots }

// Reading reports the uploads being read (holding a slot) and those
// waiting for one, for the metrics and the tests.
func Reading() (reading, waiting int) { return len(slots), int(slotWaiters.Load()) }

// spillBytes is the size above which excelize keeps a worksheet in a
// temporary file rather than in memory.
const spillBytes = 1 << 20

// Book is an uploaded .xlsx workbook opened for reading. Close it.
type Book struct {
	f      *excelize.File
	zr     *zip.Reader
	limits Limits
	closed bool
}

// Open opens an uploaded .xlsx within limits l (zero fields: Default). It
// waits for one of the MaxHeavy slots, then checks the zip (checkZip)
// before excelize unpacks anything. Errors are EINVALID for field "file":
// ReasonTooLarge, ReasonUnpacked, ReasonUnreadable.
func Open(data []byte, l Limits) (*Book, error) {
	l = l.with()
	if int64(len(data)) > l.File {
		return nil, TooLarge(l.File)
	}
	if !bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		return nil, Unreadable(errors.New("sheet: not a zip file"))
	}
	take()
	b, err := open(data, l)
	if err != nil {
		give()
		return nil, err
	}
	return b, nil
}

func open(data []byte, l Limits) (*Book, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, Unreadable(err)
	}
	if err := checkZip(zr, l); err != nil {
		return nil, err
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		UnzipSizeLimit: l.Unpacked, UnzipXMLSizeLimit: min(spillBytes, l.Unpacked)})
	if err != nil {
		return nil, Unreadable(err)
	}
	if len(f.GetSheetList()) == 0 {
		f.Close()
		return nil, Unreadable(errors.New("sheet: no worksheet"))
	}
	return &Book{f: f, zr: zr, limits: l}, nil
}

// Close removes excelize's temporary files and gives the slot back.
func (b *Book) Close() error {
	if b.closed {
		return nil
	}
	b.closed = true
	defer give()
	return b.f.Close()
}

// File is the workbook itself, for writing a copy of an upload that was
// read within the limits (the batch's annotated workbook).
func (b *Book) File() *excelize.File { return b.f }

// First returns the name of the workbook's first worksheet.
func (b *Book) First() string { return b.f.GetSheetList()[0] }

// Rows streams the rows of the named worksheet to fn: n is the 1-based row
// number, cells the raw values (a number or date cell as stored, never in
// its display format), at most Limits.Cols of them. Blank rows are passed
// too; they do not count against Limits.Rows. An error of fn stops the
// reading and is returned. Errors: ReasonCellTooLong, ReasonRowTooWide,
// ReasonTooManyRows, ReasonUnreadable.
func (b *Book) Rows(sheet string, fn func(n int, cells []string) error) error {
	rows, err := b.f.Rows(sheet)
	if err != nil {
		return Unreadable(err)
	}
	defer rows.Close()
	n, filled := 0, 0
	for rows.Next() {
		n++
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return Unreadable(err)
		}
		if cells, err = b.limits.row(n, cells); err != nil {
			return err
		}
		if !Blank(cells) {
			if filled++; filled > b.limits.Rows {
				return tooManyRows(b.limits)
			}
		}
		if err := fn(n, cells); err != nil {
			return err
		}
	}
	if err := rows.Error(); err != nil {
		return Unreadable(err)
	}
	return nil
}

// row applies the per-cell and per-row limits to row n.
func (l Limits) row(n int, cells []string) ([]string, error) {
	if len(cells) > l.Cols {
		if !Blank(cells[l.Cols:]) {
			return nil, shebao.Invalid("file", ReasonRowTooWide, strconv.Itoa(n), strconv.Itoa(l.Cols))
		}
		cells = cells[:l.Cols]
	}
	size := 0
	for _, c := range cells {
		if len(c) > l.Cell && utf8.RuneCountInString(c) > l.Cell {
			return nil, shebao.Invalid("file", ReasonCellTooLong, strconv.Itoa(n), strconv.Itoa(l.Cell))
		}
		size += len(c)
	}
	if size > l.RowBytes {
		return nil, shebao.Invalid("file", ReasonRowTooLong, strconv.Itoa(n), Size(int64(l.RowBytes)))
	}
	return cells, nil
}

// Blank reports whether every cell is empty or blank space.
func Blank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimFunc(c, func(r rune) bool { return unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff' }) != "" {
			return false
		}
	}
	return true
}

func tooManyRows(l Limits) error {
	return shebao.Invalid("file", ReasonTooManyRows, strconv.Itoa(l.Rows))
}
