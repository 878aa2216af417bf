package sheet

import (
	"archive/zip"
	"encoding/csv"
	"io"

	"github.com/xuri/excelize/v2"
)

// Workbook is an .xlsx export written as it goes, whatever its rows: add
// sheets with Stream, write their rows with excelize's StreamWriter (which
// writes every string cell inline, so no shared-strings table grows, and
// keeps at most excelize.StreamChunkSize (16 MB) of a sheet's XML in memory,
// the rest in a temporary file), then Close flushes them and zips the
// workbook straight into the writer given to NewWorkbook. excelize's own
// File.Write would build the whole zipped file in memory first.
// docs/PERFORMANCE.md, "Exports", has the figures.
type Workbook struct {
	File    *excelize.File
	w       io.Writer
	streams []*excelize.StreamWriter // handed out by Stream, flushed by Close
	done    bool
}

// NewWorkbook starts a workbook that Close writes to w. Its one sheet is
// named first.
func NewWorkbook(w io.Writer, first string) (*Workbook, error) {
	f := excelize.NewFile()
	// excelize asks for its zip writer with the buffer it would fill; the
	// zip goes to w instead, and the buffer stays empty.
	f.SetZipWriter(func(io.Writer) excelize.ZipWriter { return zip.NewWriter(w) })
	if err := f.SetSheetName(f.GetSheetName(0), first); err != nil {
		f.Close()
		return nil, err
	}
	return &Workbook{File: f, w: w}, nil
}

// Stream returns a stream writer for the named sheet, adding the sheet when
// the workbook does not have it yet.
func (b *Workbook) Stream(name string) (*excelize.StreamWriter, error) {
	if i, _ := b.File.GetSheetIndex(name); i < 0 {
		if _, err := b.File.NewSheet(name); err != nil {
			return nil, err
		}
	}
	sw, err := b.File.NewStreamWriter(name)
	if err == nil {
		b.streams = append(b.streams, sw)
	}
	return sw, err
}

// Close flushes the stream writers Stream handed out, writes the workbook
// to its writer and removes excelize's temporary files; a failed flush
// abandons the workbook.
func (b *Workbook) Close() error {
	if b.done {
		return nil
	}
	for _, sw := range b.streams {
		if err := sw.Flush(); err != nil {
			b.Abandon()
			return err
		}
	}
	b.done = true
	_, err := b.File.WriteTo(io.Discard) // the zip itself goes to b.w
	if cerr := b.File.Close(); err == nil {
		err = cerr
	}
	return err
}

// Abandon removes excelize's temporary files without writing the workbook.
func (b *Workbook) Abandon() {
	if !b.done {
		b.done = true
		b.File.Close()
	}
}

// NewCSV starts a CSV export on w: UTF-8 with a byte-order mark, so that
// spreadsheet programs read Chinese right. Each record goes out as the
// csv.Writer's buffer fills; Flush it at the end.
func NewCSV(w io.Writer) (*csv.Writer, error) {
	if _, err := io.WriteString(w, "\xEF\xBB\xBF"); err != nil {
		return nil, err
	}
	return csv.NewWriter(w), nil
}
