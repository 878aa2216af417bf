package billing

import (
	"context"
	"fmt"

	"shebao"
)

// Export formats.
const (
	FormatXLSX = "xlsx"
	FormatCSV  = "csv"
)

// MaxExportMonths bounds the periods of one export.
const MaxExportMonths = 36

// Positions in ExportRow.Amounts.
const (
	colEmployer = 7 // 单位缴费合计
	colEmployee = 8 // 个人缴费合计
	colTotal    = 9 // 合计: employer + employee
)

// ExportRow is one person's monthly assessment in one month: the amounts
// in fen in the order of the monthly section's amount columns.
type ExportRow struct {
	Period     shebao.Period
	PersonName string
	IDNumber   string
	Base       shebao.Fen
	Amounts    [10]shebao.Fen // pension ER/EE, medical ER/EE, unemployment ER/EE, injury ER, ER, EE, total
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
	return r
}

// BackpayRow is one back-paid month of the export's back-pay section.
type BackpayRow struct {
	Period shebao.Period
	BackpayLine
}

// Export is a unit's contribution details over a range of periods, in the
// bill's two sections: the monthly assessment (Rows, with Totals) and the
// back-pay (Backpay, with BackpaySum).
type Export struct {
	Unit       shebao.Unit
	From, To   shebao.Period
	Rows       []ExportRow
	Totals     [10]shebao.Fen
	Backpay    []BackpayRow
	BackpaySum Charges
}

// Monthly returns the monthly section's sums as Charges.
func (e Export) Monthly() Charges {
	return Charges{Employer: e.Totals[colEmployer], Employee: e.Totals[colEmployee]}
}

// Charged returns what the periods charge in all: both sections.
func (e Export) Charged() Charges { return e.Monthly().Plus(e.BackpaySum) }

// Filename returns an ASCII file name for the export in format.
func (e Export) Filename(format string) string {
	return fmt.Sprintf("contributions-%s-%d-%d.%s", e.Unit.CreditCode, e.From, e.To, format)
}

// Export collects a unit's contribution details for periods from..to, each
// period exactly as Bill shows it (frozen when closed, live otherwise): its
// monthly assessment, one row per person, and its back-paid months in the
// back-pay section. Errors: as Bill, and EINVALID with ReasonRangeReversed
// or ReasonRangeTooLong (field "to").
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
		for p := from; p <= to; p = p.Next() {
			b, err := unitBill(ctx, tx, unitID, p, shebao.Policy{})
			if err != nil {
				return err
			}
			e.addBill(b)
		}
		return nil
	})
	return e, err
}

// addBill adds a period's bill: its persons and its back-paid months.
func (e *Export) addBill(b Bill) {
	e.Unit = b.Unit
	for _, m := range b.Persons {
		r := exportRow(b.Period, m)
		for i, v := range r.Amounts {
			e.Totals[i] += v
		}
		e.Rows = append(e.Rows, r)
	}
	for _, l := range b.Backpay {
		e.Backpay = append(e.Backpay, BackpayRow{Period: b.Period, BackpayLine: l})
	}
	e.BackpaySum = e.BackpaySum.Plus(b.BackpaySum)
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
