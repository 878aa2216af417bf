package billing

import (
	"context"
	"encoding/csv"
	"io"
	"strconv"

	"github.com/xuri/excelize/v2"

	"shebao"
	"shebao/sheet"
)

// Translator returns the message of a catalogue key in the reader's
// language (i18n.T bound to a language): the export's titles and column
// headers come from the catalogue.
type Translator func(key string, args ...string) string

// The columns of the export's three sections, as catalogue keys
// "billing.export.col."+name.
var (
	monthlyCols = []string{"period", "name", "id_number", "base", "pension_er", "pension_ee", "medical_er",
		"medical_ee", "unemployment_er", "unemployment_ee", "injury_er", "employer", "employee", "total"}
	backpayCols = []string{"period", "name", "id_number", "base", "employer", "employee", "total", "late_fee",
		"due", "item"}
	summaryCols = []string{"part", "employer", "employee", "total", "late_fee", "due"}
)

// rowKind is how a row of the export is shown.
type rowKind int

const (
	kindBlank  rowKind = iota // between sections
	kindTitle                 // a section's title, one cell
	kindHeader                // column headers
	kindData
	kindTotal // a section's sums
)

// rowWriter writes the export's rows as they come: cells are strings, or
// amounts in fen (shebao.Fen), or nil (an empty cell of a totals row).
type rowWriter interface {
	row(kind rowKind, cells []any) error
	close() error // ends the file; abandon drops it
	abandon()
}

// WriteExport writes a unit's contribution details for periods from..to
// in format (FormatXLSX or FormatCSV) as EachExportRow reads them: once
// everything that can refuse the export is checked, it calls start with
// the file's name and writes to the writer start returns, row by row, so
// that the memory it takes does not grow with the rows (docs/BILLING.md,
// "Export"; docs/PERFORMANCE.md, "Exports"). An error after start has been
// called leaves the file cut short: the caller must not pass it on as
// whole. Errors: EINVALID (ReasonExportFormat, field "format"), and as
// EachExportRow.
//
// The file has the bill's sections: the monthly assessment (one row per
// person and month, a subtotal), the back-pay (one row per back-paid
// month, a subtotal), and the totals of both and of the whole.
func (s *Service) WriteExport(ctx context.Context, a shebao.Actor, unitID int64, from, to shebao.Period,
	format string, t Translator, start func(filename string) (io.Writer, error)) (ExportSums, error) {
	if format != FormatXLSX && format != FormatCSV {
		return ExportSums{}, shebao.Invalid("format", shebao.ReasonExportFormat)
	}
	var out rowWriter
	title := func(key string) error { return out.row(kindTitle, []any{t(key)}) }
	header := func(cols []string) error {
		cells := make([]any, len(cols))
		for i, c := range cols {
			cells[i] = t("billing.export.col." + c)
		}
		return out.row(kindHeader, cells)
	}
	cells := make([]any, 0, len(monthlyCols))
	e, err := s.EachExportRow(ctx, a, unitID, from, to, ExportVisitor{
		Start: func(e ExportSums) error {
			w, err := start(e.Filename(format))
			if err != nil {
				return err
			}
			if out, err = newRowWriter(w, format, t); err != nil {
				return err
			}
			if err := title("billing.export.monthly"); err != nil {
				return err
			}
			return header(monthlyCols)
		},
		Row: func(r ExportRow) error {
			cells = append(cells[:0], r.Period.String(), sheet.Text(r.PersonName), sheet.Text(r.IDNumber), r.Base)
			for _, v := range r.Amounts {
				cells = append(cells, v)
			}
			return out.row(kindData, cells)
		},
		MonthlyEnd: func(e ExportSums) error {
			sub := []any{t("billing.export.subtotal"), nil, nil, nil}
			for _, v := range e.Totals {
				sub = append(sub, v)
			}
			if err := out.row(kindTotal, sub); err != nil {
				return err
			}
			if err := out.row(kindBlank, nil); err != nil {
				return err
			}
			if err := title("billing.export.backpay"); err != nil {
				return err
			}
			return header(backpayCols)
		},
		Backpay: func(r BackpayRow) error {
			return out.row(kindData, append([]any{r.Period.String(), sheet.Text(r.PersonName),
				sheet.Text(r.IDNumber), r.Base}, charges(r.Charges, strconv.FormatInt(r.ItemID, 10))...))
		},
	})
	if err == nil {
		err = writeTotals(out, e, title, header, t)
	}
	if out == nil {
		return e, err
	}
	if err != nil {
		out.abandon()
		return e, err
	}
	return e, out.close()
}

// writeTotals writes the back-pay's subtotal and the totals section.
func writeTotals(out rowWriter, e ExportSums, title func(string) error, header func([]string) error, t Translator) error {
	for _, r := range []struct {
		kind  rowKind
		cells []any
	}{
		{kindTotal, append([]any{t("billing.export.subtotal"), nil, nil, nil}, charges(e.BackpaySum)...)},
		{kindBlank, nil},
	} {
		if err := out.row(r.kind, r.cells); err != nil {
			return err
		}
	}
	if err := title("billing.export.summary"); err != nil {
		return err
	}
	if err := header(summaryCols); err != nil {
		return err
	}
	for _, r := range []struct {
		kind  rowKind
		cells []any
	}{
		{kindData, append([]any{t("billing.export.part.monthly")}, charges(e.Monthly())...)},
		{kindData, append([]any{t("billing.export.part.backpay")}, charges(e.BackpaySum)...)},
		{kindTotal, append([]any{t("billing.export.part.all")}, charges(e.Charged())...)},
	} {
		if err := out.row(r.kind, r.cells); err != nil {
			return err
		}
	}
	return nil
}

// charges returns the cells of c: employer, employee, total, late fee, due,
// then more.
func charges(c Charges, more ...any) []any {
	return append([]any{c.Employer, c.Employee, c.Total(), c.LateFee, c.Due()}, more...)
}

func newRowWriter(w io.Writer, format string, t Translator) (rowWriter, error) {
	if format == FormatCSV {
		cw, err := sheet.NewCSV(w)
		return &csvRows{w: cw}, err
	}
	return newXLSXRows(w, t)
}

// csvRows writes the export as CSV: UTF-8 with a byte-order mark (so that
// Excel reads the Chinese headers), the sections apart by an empty line,
// amounts as yuan with two decimals. Names and ID numbers pass sheet.Text,
// as in the workbook.
type csvRows struct {
	w   *csv.Writer
	rec []string
}

func (c *csvRows) row(_ rowKind, cells []any) error {
	c.rec = c.rec[:0]
	for _, v := range cells {
		switch v := v.(type) {
		case shebao.Fen:
			c.rec = append(c.rec, v.Yuan())
		case string:
			c.rec = append(c.rec, v)
		default:
			c.rec = append(c.rec, "")
		}
	}
	return c.w.Write(c.rec)
}

func (c *csvRows) close() error {
	c.w.Flush()
	return c.w.Error()
}

func (c *csvRows) abandon() {}

// xlsxRows writes the export as an .xlsx workbook of one sheet, laid out
// as the CSV: titles, headers and sums in bold, amounts as numbers in yuan
// formatted with two decimals (each converted once from integer fen), ID
// numbers as text.
type xlsxRows struct {
	book              *sheet.Workbook
	sw                *excelize.StreamWriter
	n                 int
	bold, money, bmon int
	out               []any
}

func newXLSXRows(w io.Writer, t Translator) (*xlsxRows, error) {
	b, err := sheet.NewWorkbook(w, t("billing.export.sheet"))
	if err != nil {
		return nil, err
	}
	x := &xlsxRows{book: b}
	if err := x.start(t("billing.export.sheet")); err != nil {
		b.Abandon()
		return nil, err
	}
	return x, nil
}

func (x *xlsxRows) start(name string) error {
	var err error
	f := x.book.File
	if x.bold, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}}); err != nil {
		return err
	}
	if x.money, err = f.NewStyle(&excelize.Style{NumFmt: 4}); err != nil { // #,##0.00
		return err
	}
	if x.bmon, err = f.NewStyle(&excelize.Style{NumFmt: 4, Font: &excelize.Font{Bold: true}}); err != nil {
		return err
	}
	if x.sw, err = x.book.Stream(name); err != nil {
		return err
	}
	for _, c := range []struct {
		from, to int
		w        float64
	}{{1, 1, 10}, {2, 2, 12}, {3, 3, 22}, {4, len(monthlyCols), 14}} {
		if err := x.sw.SetColWidth(c.from, c.to, c.w); err != nil {
			return err
		}
	}
	return nil
}

// row writes a row's cells, styled by its kind.
func (x *xlsxRows) row(kind rowKind, cells []any) error {
	bold := kind != kindData
	x.out = x.out[:0]
	for _, c := range cells {
		switch v := c.(type) {
		case shebao.Fen:
			style := x.money
			if bold {
				style = x.bmon
			}
			x.out = append(x.out, excelize.Cell{StyleID: style, Value: float64(v) / 100})
		case string:
			if bold {
				x.out = append(x.out, excelize.Cell{StyleID: x.bold, Value: v})
			} else {
				x.out = append(x.out, v)
			}
		default:
			x.out = append(x.out, nil)
		}
	}
	x.n++
	return x.sw.SetRow("A"+strconv.Itoa(x.n), x.out)
}

func (x *xlsxRows) close() error { return x.book.Close() }

func (x *xlsxRows) abandon() { x.book.Abandon() }
