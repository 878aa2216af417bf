package auditlog

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"

	"github.com/xuri/excelize/v2"

	"shebao"
	"shebao/sheet"
)

// Format is an export's file format.
type Format string

// Export formats.
const (
	XLSX Format = "xlsx"
	CSV  Format = "csv"
)

// Columns are the keys of the export's columns, in order; the caller names
// them in the reader's language. The first twelve are for people: role,
// channel, action and detail in the reader's language. The last four keep
// the machine-readable codes (role_code, channel_code, action_code and the
// detail as recorded, usually JSON), for filtering and for other programs.
var Columns = []string{"at", "username", "role", "channel", "terminal", "action",
	"credit_code", "unit", "id_number", "person", "item", "detail",
	"role_code", "channel_code", "action_code", "detail_raw"}

// Labeller names an export's columns and coded values in the reader's
// language; the web layer implements it with the message catalogue.
type Labeller interface {
	Header(column string) string   // a key of Columns
	Role(shebao.Role) string       // "" for none
	Channel(shebao.Channel) string // "" for none
	Action(action string) string   // any action, known or not
	Detail(detail string) string   // an entry's Detail, as one line of text
}

// exportPage is how many rows are read at a time.
const exportPage = 2000

// record returns the export's cells of one row, in the order of Columns.
func record(r shebao.AuditRow, l Labeller) []string {
	item := ""
	if r.ItemID != 0 {
		item = itoa(r.ItemID)
	}
	return sheet.Texts([]string{When(r.At), r.Username, l.Role(r.Role), l.Channel(r.Channel), r.Terminal, l.Action(r.Action),
		r.CreditCode, r.UnitName, r.IDNumber, r.PersonName, item, l.Detail(r.Detail),
		string(r.Role), string(r.Channel), r.Action, r.Detail})
}

// Export writes every entry matching q, newest first, to w as .xlsx or CSV
// (UTF-8 with a byte-order mark, so that spreadsheet programs read Chinese
// right), with a header row and the coded values named by l (Columns says
// which columns are for people and which keep the codes). Errors: EFORBIDDEN;
// EINVALID for a field of q, an unknown format, or more rows than MaxExport
// (ReasonTooMany: the viewer should narrow the filter).
func (s *Service) Export(ctx context.Context, a shebao.Actor, q Query, format Format, l Labeller, w io.Writer) error {
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
				rows = append(rows, record(r, l))
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
		head[i] = l.Header(c)
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
const sheetName = "audit"

func writeXLSX(w io.Writer, head []string, rows [][]string) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", sheetName); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheetName)
	if err != nil {
		return err
	}
	if err := sw.SetColWidth(1, 1, 20); err != nil {
		return err
	}
	if err := sw.SetColWidth(7, 9, 22); err != nil {
		return err
	}
	if err := sw.SetColWidth(12, 12, 60); err != nil { // the detail, for people
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
