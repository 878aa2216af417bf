package auditlog

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"

	"github.com/xuri/excelize/v2"

	"shebao"
)

// Format is an export's file format.
type Format string

// Export formats.
const (
	XLSX Format = "xlsx"
	CSV  Format = "csv"
)

// Columns are the keys of the export's columns, in order; the caller names
// them in the reader's language.
var Columns = []string{"at", "username", "role", "channel", "terminal", "action",
	"credit_code", "unit", "id_number", "person", "item", "detail"}

// exportPage is how many rows are read at a time.
const exportPage = 2000

// record returns the export's cells of one row.
func record(r shebao.AuditRow) []string {
	item := ""
	if r.ItemID != 0 {
		item = itoa(r.ItemID)
	}
	return []string{When(r.At), r.Username, string(r.Role), string(r.Channel), r.Terminal, r.Action,
		r.CreditCode, r.UnitName, r.IDNumber, r.PersonName, item, r.Detail}
}

// Export writes every entry matching q, newest first, to w as .xlsx or CSV
// (UTF-8 with a byte-order mark, so that spreadsheet programs read Chinese
// right), with a header row named by header(column key). Errors: EFORBIDDEN;
// EINVALID for a field of q, an unknown format, or more rows than MaxExport
// (ReasonTooMany: the viewer should narrow the filter).
func (s *Service) Export(ctx context.Context, a shebao.Actor, q Query, format Format, header func(string) string, w io.Writer) error {
	if err := mayView(a); err != nil {
		return err
	}
	if format != XLSX && format != CSV {
		return shebao.Invalid("format", shebao.ReasonOutOfRange, string(XLSX), string(CSV))
	}
	max := s.MaxExport
	if max <= 0 {
		max = DefaultMaxExport
	}
	var rows [][]string
	err := s.Store.View(ctx, func(tx shebao.Tx) error {
		f, err := s.filter(ctx, tx, q)
		if err != nil {
			return err
		}
		for f.Offset = 0; ; f.Offset += exportPage {
			f.Limit = exportPage
			page, total, err := tx.AuditRows(ctx, f)
			if err != nil {
				return err
			}
			if total > max {
				return shebao.Invalid("export", ReasonTooMany, strconv.Itoa(total), strconv.Itoa(max))
			}
			for _, r := range page {
				rows = append(rows, record(r))
			}
			if len(page) < exportPage {
				return nil
			}
		}
	})
	if err != nil {
		return err
	}
	head := make([]string, len(Columns))
	for i, c := range Columns {
		head[i] = header(c)
	}
	if format == CSV {
		return writeCSV(w, head, rows)
	}
	return writeXLSX(w, head, rows)
}

func writeCSV(w io.Writer, head []string, rows [][]string) error {
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(head); err != nil {
		return err
	}
	if err := cw.WriteAll(rows); err != nil {
		return err
	}
	return cw.Error()
}

// sheet is the name of the workbook's only sheet.
const sheet = "audit"

func writeXLSX(w io.Writer, head []string, rows [][]string) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	if err := sw.SetColWidth(1, 1, 20); err != nil {
		return err
	}
	if err := sw.SetColWidth(7, 9, 22); err != nil {
		return err
	}
	for i, r := range append([][]string{head}, rows...) {
		cells := make([]any, len(r))
		for j, v := range r {
			cells[j] = v
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := sw.SetRow(cell, cells); err != nil {
			return fmt.Errorf("auditlog: xlsx row %d: %w", i+1, err)
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	_, err = f.WriteTo(w)
	return err
}
