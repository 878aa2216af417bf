// Package sheet is the one reader of uploaded files (batches, declarations,
// the employment import, the policy import): every read is bounded in
// bytes, in what a workbook may unpack to, per cell, per row and in rows,
// and at most MaxHeavy uploads are read at once. It also owns what an
// export writes in a cell of user text (Text), and how a large export is
// written as it goes (Workbook, NewCSV). docs/SECURITY.md, "Uploads and
// input", and docs/PERFORMANCE.md, "Exports", have the figures.
package sheet

import (
	"io"
	"strconv"

	"shebao"
)

// Reasons of an upload refused as a whole (field "file").
const (
	ReasonTooLarge    = "UPLOAD_TOO_LARGE"          // args: the limit ("10 MB")
	ReasonUnpacked    = "UPLOAD_UNPACKED_TOO_LARGE" // args: the limit
	ReasonUnreadable  = "UPLOAD_NOT_READABLE"
	ReasonCellTooLong = "UPLOAD_CELL_TOO_LONG" // args: row, limit in characters
	ReasonRowTooWide  = "UPLOAD_ROW_TOO_WIDE"  // args: row, limit in columns
	ReasonRowTooLong  = "UPLOAD_ROW_TOO_LONG"  // args: row, limit ("2 KB")
	ReasonTooManyRows = "UPLOAD_TOO_MANY_ROWS" // args: limit
	ReasonBusy        = "UPLOAD_BUSY"
)

// Limits bound one upload. Zero fields take Default's value.
type Limits struct {
	File     int64 // bytes of the file as uploaded
	Unpacked int64 // bytes a workbook's parts may unpack to, all together
	Part     int64 // bytes any part other than a worksheet may unpack to
	Token    int   // bytes of one XML token, and of one cell or shared string element
	Row      int   // bytes of one row element of a worksheet
	Cell     int   // characters of one cell's value
	RowBytes int   // bytes of one row's values, all cells together
	Cols     int   // cells of one row (blank cells past it are ignored)
	Rows     int   // non-blank rows, the header included
}

// Default is the limits of an upload unless its reader says otherwise:
// far above any real file of the office's templates, and low enough that
// one upload adds less than 64 MB to the server's memory (measured in
// TestUploadMemoryBounded).
var Default = Limits{
	File:     10 << 20,
	Unpacked: 64 << 20,
	Part:     4 << 20,
	Token:    64 << 10,
	Row:      1 << 20,
	Cell:     256,
	RowBytes: 2048,
	Cols:     64,
	Rows:     20_001,
}

// with fills l's zero fields from Default.
func (l Limits) with() Limits {
	d := Default
	set := func(v *int64, dv int64) {
		if *v == 0 {
			*v = dv
		}
	}
	seti := func(v *int, dv int) {
		if *v == 0 {
			*v = dv
		}
	}
	set(&l.File, d.File)
	set(&l.Unpacked, d.Unpacked)
	set(&l.Part, d.Part)
	seti(&l.Token, d.Token)
	seti(&l.Row, d.Row)
	seti(&l.Cell, d.Cell)
	seti(&l.RowBytes, d.RowBytes)
	seti(&l.Cols, d.Cols)
	seti(&l.Rows, d.Rows)
	return l
}

// ReadAll reads an uploaded file of at most max bytes. A longer one is
// refused with ReasonTooLarge (field "file") after reading max+1 bytes,
// and an empty one with shebao.ReasonRequired.
func ReadAll(r io.Reader, max int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, Unreadable(err)
	}
	if int64(len(data)) > max {
		return nil, TooLarge(max)
	}
	if len(data) == 0 {
		return nil, shebao.Invalid("file", shebao.ReasonRequired)
	}
	return data, nil
}

// TooLarge is the error of a file above max bytes.
func TooLarge(max int64) error {
	return shebao.Invalid("file", ReasonTooLarge, Size(max))
}

// Unreadable is the error of a file that is not what its reader reads.
func Unreadable(err error) error {
	return &shebao.Error{Code: shebao.EINVALID, Reason: ReasonUnreadable, Field: "file", Err: err}
}

// Size writes a byte count for people: "10 MB", "1000 KB", "512 B".
func Size(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return strconv.FormatInt(n>>20, 10) + " MB"
	case n >= 1<<10:
		return strconv.FormatInt(n>>10, 10) + " KB"
	}
	return strconv.FormatInt(n, 10) + " B"
}
