package billing

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"

	"shebao"
	"shebao/sheet"
)

// Export formats.
const (
	FormatXLSX = "xlsx"
	FormatCSV  = "csv"
)

// MaxExportMonths bounds the periods of one export.
const MaxExportMonths = 36

// exportHeader is the header row of an export: one row per person and
// month, amounts in yuan.
var exportHeader = []string{"所属期", "姓名", "身份证号码", "缴费基数",
	"养老保险单位缴费", "养老保险个人缴费", "医疗保险单位缴费", "医疗保险个人缴费",
	"失业保险单位缴费", "失业保险个人缴费", "工伤保险单位缴费",
	"单位缴费合计", "个人缴费合计", "合计", "滞纳金", "应缴合计", "备注"}

// Positions in ExportRow.Amounts.
const (
	colEmployer = 7  // 单位缴费合计
	colEmployee = 8  // 个人缴费合计
	colTotal    = 9  // 合计: employer + employee
	colLateFee  = 10 // 滞纳金 (back-pay only)
	colDue      = 11 // 应缴合计: 合计 + 滞纳金
)

// backpayNote marks a back-paid month in the export's 备注 column.
const backpayNote = "补收"

// ExportRow is one person's contributions in one month: the amounts in fen
// in the order of the export's amount columns. A back-paid month (Backpay,
// 备注 补收) has the sums and the late fee as its item quoted them and no
// amounts per insurance type.
type ExportRow struct {
	Period     shebao.Period
	PersonName string
	IDNumber   string
	Base       shebao.Fen
	Amounts    [12]shebao.Fen // pension ER/EE, medical ER/EE, unemployment ER/EE, injury ER, ER, EE, total, late fee, due
	Backpay    bool
}

// note returns the row's 备注.
func (r ExportRow) note() string {
	if r.Backpay {
		return backpayNote
	}
	return ""
}

// exportRow returns the export row of a person-month.
func exportRow(p shebao.Period, m PersonMonth) ExportRow {
	r := ExportRow{Period: p, PersonName: m.PersonName, IDNumber: m.IDNumber}
	for _, l := range m.Lines {
		if r.Base == 0 || l.Insurance == shebao.Pension {
			r.Base = l.Base.Base
		}
		switch l.Insurance {
		case shebao.Pension:
			r.Amounts[0], r.Amounts[1] = r.Amounts[0]+l.Employer, r.Amounts[1]+l.Employee
		case shebao.Medical:
			r.Amounts[2], r.Amounts[3] = r.Amounts[2]+l.Employer, r.Amounts[3]+l.Employee
		case shebao.Unemployment:
			r.Amounts[4], r.Amounts[5] = r.Amounts[4]+l.Employer, r.Amounts[5]+l.Employee
		case shebao.Injury:
			r.Amounts[6] += l.Employer
		}
	}
	r.Amounts[colEmployer], r.Amounts[colEmployee], r.Amounts[colTotal] = m.Employer, m.Employee, m.Total()
	r.Amounts[colDue] = m.Total()
	return r
}

// Export is a unit's contribution details over a range of periods.
type Export struct {
	Unit     shebao.Unit
	From, To shebao.Period
	Rows     []ExportRow
	Totals   [12]shebao.Fen
}

// Filename returns an ASCII file name for the export in format.
func (e Export) Filename(format string) string {
	return fmt.Sprintf("contributions-%s-%d-%d.%s", e.Unit.CreditCode, e.From, e.To, format)
}

// Export collects a unit's contribution details for periods from..to:
// one row per person and month, each period as Bill shows it (frozen when
// closed, live otherwise), then the period's approved back-paid months
// (备注 补收, with their late fee), with totals. Errors: as Bill, and EINVALID with
// ReasonRangeReversed or ReasonRangeTooLong (field "to").
func (s *Service) Export(ctx context.Context, a shebao.Actor, unitID int64, from, to shebao.Period) (Export, error) {
	unitID, err := a.ReadFor(unitID)
	if err != nil {
		return Export{}, err
	}
	today := shebao.Today(s.Clock)
	e := Export{From: from, To: to}
	err = s.Store.View(ctx, func(tx shebao.Tx) error {
		if err := checkRange(ctx, tx, today, from, to); err != nil {
			return err
		}
		backpaid, err := tx.UnitBackpayMonths(ctx, unitID, from, to)
		if err != nil {
			return err
		}
		persons := personCache{tx: tx, seen: map[int64]shebao.Person{}}
		for p := from; p <= to; p = p.Next() {
			b, err := unitBill(ctx, tx, unitID, p)
			if err != nil {
				return err
			}
			e.Unit = b.Unit
			for _, m := range b.Persons {
				e.add(exportRow(p, m))
			}
			for ; len(backpaid) > 0 && backpaid[0].Period == p; backpaid = backpaid[1:] {
				person, err := persons.get(ctx, backpaid[0].PersonID)
				if err != nil {
					return err
				}
				e.add(backpaidRow(backpaid[0], person))
			}
		}
		return nil
	})
	return e, err
}

// add appends a row and adds it to the totals.
func (e *Export) add(r ExportRow) {
	for i, v := range r.Amounts {
		e.Totals[i] += v
	}
	e.Rows = append(e.Rows, r)
}

// checkRange checks an export's range of periods.
func checkRange(ctx context.Context, tx shebao.Tx, today shebao.Date, from, to shebao.Period) error {
	if err := checkPeriod(ctx, tx, today, from, "from"); err != nil {
		return err
	}
	if err := checkPeriod(ctx, tx, today, to, "to"); err != nil {
		return err
	}
	if to < from {
		return shebao.Invalid("to", shebao.ReasonRangeReversed)
	}
	if from.MonthsUntil(to)+1 > MaxExportMonths {
		return shebao.Invalid("to", shebao.ReasonRangeTooLong, fmt.Sprint(MaxExportMonths))
	}
	return nil
}

// WriteCSV writes e as CSV: UTF-8 with a byte-order mark (so that Excel
// reads the Chinese headers), amounts as yuan with two decimals, and a
// totals row.
func (e Export) WriteCSV(w io.Writer) error {
	if _, err := io.WriteString(w, "\xEF\xBB\xBF"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.Write(exportHeader)
	for _, r := range e.Rows {
		rec := []string{r.Period.String(), sheet.Text(r.PersonName), sheet.Text(r.IDNumber), r.Base.Yuan()}
		for i, v := range r.Amounts {
			rec = append(rec, csvAmount(r, i, v))
		}
		cw.Write(append(rec, r.note()))
	}
	rec := []string{"合计", "", "", ""}
	for _, v := range e.Totals {
		rec = append(rec, v.Yuan())
	}
	cw.Write(append(rec, ""))
	cw.Flush()
	return cw.Error()
}

// perInsurance reports whether amount column i is one insurance type's,
// which a back-paid row leaves empty.
func perInsurance(i int) bool { return i < colEmployer }

// csvAmount writes amount column i of r: empty for a back-paid row's
// insurance columns, else the yuan.
func csvAmount(r ExportRow, i int, v shebao.Fen) string {
	if r.Backpay && perInsurance(i) {
		return ""
	}
	return v.Yuan()
}

// ExportSheet is the name of an .xlsx export's only sheet.
const ExportSheet = "缴费明细"

// WriteXLSX writes e as an .xlsx workbook: Chinese headers, one row per
// person and month, amounts as numbers in yuan formatted with two decimals
// (each converted once from integer fen), ID numbers as text, and a totals
// row summed in fen.
func (e Export) WriteXLSX(w io.Writer) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", ExportSheet); err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	money, err := f.NewStyle(&excelize.Style{NumFmt: 4}) // #,##0.00
	if err != nil {
		return err
	}
	boldMoney, err := f.NewStyle(&excelize.Style{NumFmt: 4, Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(ExportSheet)
	if err != nil {
		return err
	}
	if err := widths(sw); err != nil {
		return err
	}
	header := make([]any, len(exportHeader))
	for i, h := range exportHeader {
		header[i] = excelize.Cell{StyleID: bold, Value: h}
	}
	if err := sw.SetRow("A1", header); err != nil {
		return err
	}
	row := 2
	for _, r := range e.Rows {
		cells := []any{r.Period.String(), sheet.Text(r.PersonName), sheet.Text(r.IDNumber), yuanCell(r.Base, money)}
		for i, v := range r.Amounts {
			if r.Backpay && perInsurance(i) {
				cells = append(cells, nil)
				continue
			}
			cells = append(cells, yuanCell(v, money))
		}
		cells = append(cells, r.note())
		if err := sw.SetRow(cellName(row), cells); err != nil {
			return err
		}
		row++
	}
	cells := []any{excelize.Cell{StyleID: bold, Value: "合计"}, nil, nil, nil}
	for _, v := range e.Totals {
		cells = append(cells, yuanCell(v, boldMoney))
	}
	if err := sw.SetRow(cellName(row), cells); err != nil {
		return err
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	_, err = f.WriteTo(w)
	return err
}

// widths sets the export's column widths.
func widths(sw *excelize.StreamWriter) error {
	for _, c := range []struct {
		from, to int
		w        float64
	}{{1, 1, 10}, {2, 2, 12}, {3, 3, 22}, {4, len(exportHeader) - 1, 14}, {len(exportHeader), len(exportHeader), 8}} {
		if err := sw.SetColWidth(c.from, c.to, c.w); err != nil {
			return err
		}
	}
	return nil
}

// yuanCell is a cell holding f as a number of yuan.
func yuanCell(f shebao.Fen, style int) excelize.Cell {
	return excelize.Cell{StyleID: style, Value: float64(f) / 100}
}

// cellName returns the name of the first cell of a row: "A7".
func cellName(row int) string { return fmt.Sprintf("A%d", row) }
