package employment

import (
	"bytes"
	"encoding/csv"
	"io"

	"github.com/xuri/excelize/v2"
)

// The writers of the employment service's files, for the tests' fixtures
// (the external test package uses them through this file).

// WriteCSV writes records as a CSV file with the employment service's
// Chinese headers, for templates and tests.
func WriteCSV(w io.Writer, recs []Record) error {
	cw := csv.NewWriter(w)
	header := make([]string, len(Columns))
	for i, c := range Columns {
		header[i] = HeaderOf(c)
	}
	if err := cw.Write(header); err != nil {
		return err
	}
	for _, r := range recs {
		if err := cw.Write([]string{r.SourceID, r.IDNumber, r.Name, r.CreditCode, r.Start, r.RegisteredOn, r.End}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// WriteXLSX writes records as an .xlsx file with the Chinese headers; every
// cell is text, as the employment service exports them.
func WriteXLSX(w io.Writer, recs []Record) error {
	f := excelize.NewFile()
	defer f.Close()
	sheet := f.GetSheetName(0)
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	header := make([]any, len(Columns))
	for i, c := range Columns {
		header[i] = HeaderOf(c)
	}
	if err := sw.SetRow("A1", header); err != nil {
		return err
	}
	for i, r := range recs {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(cell, []any{r.SourceID, r.IDNumber, r.Name, r.CreditCode, r.Start, r.RegisteredOn, r.End}); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		return err
	}
	_, err = w.Write(buf.Bytes())
	return err
}
