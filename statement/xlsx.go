package statement

import (
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"

	"shebao"
	"shebao/sheet"
)

// Translator returns the message of a catalogue key in the reader's
// language (i18n.T bound to a language): the workbook's headers, insurance
// types and statuses come from the catalogue.
type Translator func(key string, args ...string) string

// Columns are the workbook's columns, as catalogue keys "statement.col."+name.
var Columns = []string{"period", "name", "id_number", "kind", "insurance", "base", "employer", "employee",
	"total", "status"}

// Filename returns an ASCII file name for the unit's workbook of the month.
func (st Statement) Filename() string {
	return fmt.Sprintf("statement-%s-%s.xlsx", st.Unit.CreditCode, st.Period)
}

// WriteXLSX streams the unit's statements of the month as one workbook
// (excelize's stream writer): a title row, the headers, one row per
// employee and insurance type, one per back-paid month, and a subtotal row
// per employee. Amounts are numbers in yuan (format #,##0.00); names pass
// sheet.Text, so that no cell is read as a formula.
func (st Statement) WriteXLSX(w io.Writer, t Translator) error {
	f := excelize.NewFile()
	defer f.Close()
	name := t("statement.sheet")
	if err := f.SetSheetName("Sheet1", name); err != nil {
		return err
	}
	money, err := f.NewStyle(&excelize.Style{NumFmt: 4})
	if err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	row := 0
	put := func(cells ...any) error {
		row++
		addr, _ := excelize.CoordinatesToCellName(1, row)
		return sw.SetRow(addr, cells)
	}
	yuan := func(v shebao.Fen) any { return excelize.Cell{StyleID: money, Value: float64(v) / 100} }
	if err := put(sheet.Text(t("statement.book_title", st.Unit.Name, st.Period.String()))); err != nil {
		return err
	}
	head := make([]any, len(Columns))
	for i, c := range Columns {
		head[i] = t("statement.col." + c)
	}
	if err := put(head...); err != nil {
		return err
	}
	period := st.Period.String()
	status := t("statement.status." + string(st.Status))
	for _, e := range st.Employees {
		who := []any{period, sheet.Text(e.Name), e.IDNumber}
		for _, l := range e.Lines {
			if err := put(append(who, t("statement.kind.monthly"), t("billing.ins."+string(l.Insurance)),
				yuan(l.Base), yuan(l.Employer), yuan(l.Employee), yuan(l.Total()), status)...); err != nil {
				return err
			}
		}
		for _, b := range e.Backpay {
			paid := t("statement.status.owed")
			if b.Paid {
				paid = t("statement.status.paid")
			}
			if b.PaidFen > 0 {
				paid += " " + t("billing.backpay_paid_fen", b.PaidFen.String())
			}
			if err := put(append(who, t("statement.kind.backpay"), t("statement.all_types"),
				yuan(b.Base), yuan(b.Employer), yuan(b.Employee), yuan(b.Employer+b.Employee), paid)...); err != nil {
				return err
			}
		}
		if len(e.Lines) > 0 {
			if err := put(append(who, t("statement.subtotal"), nil, nil, yuan(e.Employer), yuan(e.Employee),
				yuan(e.Total()), nil)...); err != nil {
				return err
			}
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	_, err = f.WriteTo(w)
	return err
}
