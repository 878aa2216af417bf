package billing

import (
	"encoding/csv"
	"fmt"
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

// sheetRow is one row of the export: cells are strings, or amounts in fen
// (shebao.Fen), or nil (an empty cell of a totals row).
type sheetRow struct {
	kind  rowKind
	cells []any
}

// sheet lays the export out in rows: the monthly assessment (one row per
// person and month, a subtotal), the back-pay (one row per back-paid month,
// a subtotal), and the totals of both and of the whole.
func (e Export) sheet(t Translator) []sheetRow {
	header := func(cols []string) sheetRow {
		r := sheetRow{kind: kindHeader}
		for _, c := range cols {
			r.cells = append(r.cells, t("billing.export.col."+c))
		}
		return r
	}
	title := func(key string) sheetRow { return sheetRow{kind: kindTitle, cells: []any{t(key)}} }
	rows := []sheetRow{title("billing.export.monthly"), header(monthlyCols)}
	for _, r := range e.Rows {
		cells := []any{r.Period.String(), sheet.Text(r.PersonName), sheet.Text(r.IDNumber), r.Base}
		for _, v := range r.Amounts {
			cells = append(cells, v)
		}
		rows = append(rows, sheetRow{kind: kindData, cells: cells})
	}
	sub := []any{t("billing.export.subtotal"), nil, nil, nil}
	for _, v := range e.Totals {
		sub = append(sub, v)
	}
	rows = append(rows, sheetRow{kind: kindTotal, cells: sub}, sheetRow{},
		title("billing.export.backpay"), header(backpayCols))
	for _, r := range e.Backpay {
		rows = append(rows, sheetRow{kind: kindData, cells: append([]any{r.Period.String(), sheet.Text(r.PersonName),
			sheet.Text(r.IDNumber), r.Base}, charges(r.Charges, strconv.FormatInt(r.ItemID, 10))...)})
	}
	rows = append(rows, sheetRow{kind: kindTotal, cells: append([]any{t("billing.export.subtotal"), nil, nil, nil},
		charges(e.BackpaySum, nil)...)}, sheetRow{}, title("billing.export.summary"), header(summaryCols),
		sheetRow{kind: kindData, cells: append([]any{t("billing.export.part.monthly")}, charges(e.Monthly())...)},
		sheetRow{kind: kindData, cells: append([]any{t("billing.export.part.backpay")}, charges(e.BackpaySum)...)},
		sheetRow{kind: kindTotal, cells: append([]any{t("billing.export.part.all")}, charges(e.Charged())...)})
	return rows
}

// charges returns the cells of c: employer, employee, total, late fee, due,
// then more.
func charges(c Charges, more ...any) []any {
	return append([]any{c.Employer, c.Employee, c.Total(), c.LateFee, c.Due()}, more...)
}

// WriteCSV writes e as CSV: UTF-8 with a byte-order mark (so that Excel
// reads the Chinese headers), the sections apart by an empty line, amounts
// as yuan with two decimals. Names and ID numbers pass sheet.Text (in
// sheet), as in the workbook.
func (e Export) WriteCSV(w io.Writer, t Translator) error {
	if _, err := io.WriteString(w, "\xEF\xBB\xBF"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	for _, r := range e.sheet(t) {
		rec := make([]string, len(r.cells))
		for i, c := range r.cells {
			switch v := c.(type) {
			case shebao.Fen:
				rec[i] = v.Yuan()
			case string:
				rec[i] = v
			}
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// WriteXLSX writes e as an .xlsx workbook of one sheet, laid out as the
// CSV: titles, headers and sums in bold, amounts as numbers in yuan
// formatted with two decimals (each converted once from integer fen), ID
// numbers as text.
func (e Export) WriteXLSX(w io.Writer, t Translator) error {
	f := excelize.NewFile()
	defer f.Close()
	name := t("billing.export.sheet")
	if err := f.SetSheetName("Sheet1", name); err != nil {
		return err
	}
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	if err := widths(sw); err != nil {
		return err
	}
	for i, r := range e.sheet(t) {
		if err := sw.SetRow(cellName(i+1), st.cells(r)); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	_, err = f.WriteTo(w)
	return err
}

// styles are an export workbook's cell styles.
type styles struct{ bold, money, boldMoney int }

func newStyles(f *excelize.File) (styles, error) {
	var s styles
	var err error
	if s.bold, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}}); err != nil {
		return s, err
	}
	if s.money, err = f.NewStyle(&excelize.Style{NumFmt: 4}); err != nil { // #,##0.00
		return s, err
	}
	s.boldMoney, err = f.NewStyle(&excelize.Style{NumFmt: 4, Font: &excelize.Font{Bold: true}})
	return s, err
}

// cells returns a row's cells, styled by its kind.
func (s styles) cells(r sheetRow) []any {
	bold := r.kind != kindData
	out := make([]any, len(r.cells))
	for i, c := range r.cells {
		switch v := c.(type) {
		case shebao.Fen:
			style := s.money
			if bold {
				style = s.boldMoney
			}
			out[i] = excelize.Cell{StyleID: style, Value: float64(v) / 100}
		case string:
			if bold {
				out[i] = excelize.Cell{StyleID: s.bold, Value: v}
			} else {
				out[i] = v
			}
		}
	}
	return out
}

// widths sets the export's column widths.
func widths(sw *excelize.StreamWriter) error {
	for _, c := range []struct {
		from, to int
		w        float64
	}{{1, 1, 10}, {2, 2, 12}, {3, 3, 22}, {4, len(monthlyCols), 14}} {
		if err := sw.SetColWidth(c.from, c.to, c.w); err != nil {
			return err
		}
	}
	return nil
}

// cellName returns the name of the first cell of a row: "A7".
func cellName(row int) string { return fmt.Sprintf("A%d", row) }
