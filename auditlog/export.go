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
// which columns are for people and which keep the codes). It reads and
// writes exportPage entries at a time, in one read transaction, so that
// its memory does not grow with the rows (docs/PERFORMANCE.md, "Exports");
// every refusal comes before the first byte written to w. Errors:
// EFORBIDDEN; EINVALID for a field of q, an unknown format, or more rows
// than MaxExport (ReasonTooMany: the viewer should narrow the filter).
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
	head := make([]string, len(Columns))
	for i, c := range Columns {
		head[i] = l.Header(c)
	}
	var out rows
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
			if out == nil {
				if out, err = newRows(w, format, head); err != nil {
					return err
				}
			}
			for _, r := range page {
				if err := out.write(record(r, l)); err != nil {
					return err
				}
			}
			if len(page) < exportPage {
				return nil
			}
		}
	})
	if out == nil {
		return err
	}
	if err != nil {
		out.abandon()
		return err
	}
	return out.close()
}

// rows writes an export's rows as they are read.
type rows interface {
	write(cells []string) error
	close() error
	abandon()
}

func newRows(w io.Writer, format Format, head []string) (rows, error) {
	var out rows
	var err error
	if format == CSV {
		out, err = newCSVRows(w)
	} else {
		out, err = newXLSXRows(w)
	}
	if err != nil {
		return nil, err
	}
	if err := out.write(head); err != nil {
		out.abandon()
		return nil, err
	}
	return out, nil
}

type csvRows struct{ w *csv.Writer }

func newCSVRows(w io.Writer) (*csvRows, error) {
	cw, err := sheet.NewCSV(w)
	return &csvRows{cw}, err
}

func (c *csvRows) write(cells []string) error { return c.w.Write(cells) }

func (c *csvRows) close() error {
	c.w.Flush()
	return c.w.Error()
}

func (c *csvRows) abandon() {}

// sheetName is the name of the workbook's only sheet.
const sheetName = "audit"

type xlsxRows struct {
	book  *sheet.Workbook
	sw    *excelize.StreamWriter
	n     int
	cells []any
}

func newXLSXRows(w io.Writer) (*xlsxRows, error) {
	b, err := sheet.NewWorkbook(w, sheetName)
	if err != nil {
		return nil, err
	}
	x := &xlsxRows{book: b}
	if err := x.start(); err != nil {
		b.Abandon()
		return nil, err
	}
	return x, nil
}

func (x *xlsxRows) start() error {
	var err error
	if x.sw, err = x.book.Stream(sheetName); err != nil {
		return err
	}
	for _, c := range []struct {
		from, to int
		w        float64
	}{{1, 1, 20}, {7, 9, 22}, {12, 12, 60}} { // 12: the detail, for people
		if err := x.sw.SetColWidth(c.from, c.to, c.w); err != nil {
			return err
		}
	}
	return nil
}

func (x *xlsxRows) write(cells []string) error {
	x.cells = x.cells[:0]
	for _, v := range cells {
		x.cells = append(x.cells, v)
	}
	x.n++
	if err := x.sw.SetRow("A"+strconv.Itoa(x.n), x.cells); err != nil {
		return fmt.Errorf("auditlog: xlsx row %d: %w", x.n, err)
	}
	return nil
}

func (x *xlsxRows) close() error { return x.book.Close() }

func (x *xlsxRows) abandon() { x.book.Abandon() }
