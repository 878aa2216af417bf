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

// ExportSums are an export's unit and range and, once its rows are read,
// its sums: the monthly assessment's (Totals, over Rows rows) and the
// back-pay's (BackpaySum, over Backpay rows).
type ExportSums struct {
	Unit       shebao.Unit
	From, To   shebao.Period
	Rows       int
	Totals     [10]shebao.Fen
	Backpay    int
	BackpaySum Charges
}

// Monthly returns the monthly section's sums as Charges.
func (e ExportSums) Monthly() Charges {
	return Charges{Employer: e.Totals[colEmployer], Employee: e.Totals[colEmployee]}
}

// Charged returns what the periods charge in all: both sections.
func (e ExportSums) Charged() Charges { return e.Monthly().Plus(e.BackpaySum) }

// Filename returns an ASCII file name for the export in format.
func (e ExportSums) Filename(format string) string {
	return fmt.Sprintf("contributions-%s-%d-%d.%s", e.Unit.CreditCode, e.From, e.To, format)
}

// ExportVisitor receives an export's rows as they are read. Any of its
// functions may be nil; an error stops the export and is returned.
type ExportVisitor struct {
	Start      func(ExportSums) error // checked, before the first row: the unit and range
	Row        func(ExportRow) error
	MonthlyEnd func(ExportSums) error // after the last monthly row: the monthly sums
	Backpay    func(BackpayRow) error
}

// EachExportRow reads a unit's contribution details for periods from..to,
// each period exactly as Bill shows it (frozen when closed, live
// otherwise), in one read transaction, and passes them to v as the
// database's cursor reads them: the monthly assessment, one row per person
// and month, then the back-paid months. Only one person's lines are held
// at a time. Everything that can refuse the export is checked before
// v.Start. Errors: as Bill, and EINVALID with ReasonRangeReversed or
// ReasonRangeTooLong (field "to").
func (s *Service) EachExportRow(ctx context.Context, a shebao.Actor, unitID int64, from, to shebao.Period, v ExportVisitor) (ExportSums, error) {
	unitID, err := a.ReadFor(unitID)
	if err != nil {
		return ExportSums{}, err
	}
	today := shebao.Today(s.Clock)
	e := ExportSums{From: from, To: to}
	err = s.Store.View(ctx, func(tx shebao.Tx) error {
		if err := checkRange(ctx, tx, today, from, to); err != nil {
			return err
		}
		var months []exportMonth
		if e.Unit, err = tx.Unit(ctx, unitID); err != nil {
			return err
		}
		for p := from; p <= to; p = p.Next() {
			m, err := newExportMonth(ctx, tx, e.Unit, p)
			if err != nil {
				return err
			}
			months = append(months, m)
		}
		if err := call(v.Start, e); err != nil {
			return err
		}
		for _, m := range months {
			err := m.each(ctx, tx, e.Unit.ID, func(pm PersonMonth) error {
				r := exportRow(m.period, pm)
				for i, v := range r.Amounts {
					e.Totals[i] += v
				}
				e.Rows++
				return call(v.Row, r)
			})
			if err != nil {
				return err
			}
		}
		if err := call(v.MonthlyEnd, e); err != nil {
			return err
		}
		return eachBackpayRow(ctx, tx, e.Unit.ID, from, to, func(r BackpayRow) error {
			e.Backpay++
			e.BackpaySum = e.BackpaySum.Plus(r.Charges)
			return call(v.Backpay, r)
		})
	})
	return e, err
}

func call[T any](fn func(T) error, v T) error {
	if fn == nil {
		return nil
	}
	return fn(v)
}

// exportMonth is what reading one period of an export needs: its policy,
// the unit's terms, and whether it is frozen.
type exportMonth struct {
	period shebao.Period
	policy shebao.Policy
	terms  UnitTerms
	closed bool
}

func newExportMonth(ctx context.Context, tx shebao.Tx, u shebao.Unit, p shebao.Period) (exportMonth, error) {
	m := exportMonth{period: p}
	var err error
	if m.policy, err = PolicyFor(ctx, tx, p.Year()); err != nil {
		return m, err
	}
	if m.terms, err = TermsFor(ctx, tx, u, p.Year()); err != nil {
		return m, err
	}
	run, err := tx.AssessmentRun(ctx, p)
	switch {
	case err == nil:
		m.closed = run.Status == shebao.AssessmentClosed
	case shebao.ErrorCode(err) != shebao.ENOTFOUND:
		return m, err
	}
	if !m.closed {
		return m, checkLiveFloat(m.policy, u, m.terms, p)
	}
	return m, nil
}

// each passes the unit's person-months of the period to fn, frozen or live.
func (m exportMonth) each(ctx context.Context, tx shebao.Tx, unitID int64, fn func(PersonMonth) error) error {
	if m.closed {
		return eachClosedPerson(ctx, tx, m.policy, m.period, unitID, fn)
	}
	return eachLivePerson(ctx, tx, m.policy, m.terms, m.period, unitID, fn)
}

// linesPerArray is how many lines eachLivePerson's arrays hold: the
// lines of 16 persons insured for every type.
const linesPerArray = 64

// eachLivePerson assesses the unit's coverages that count in period p, one
// person at a time as the cursor reads them (by person), and passes each
// person-month to fn. The persons' lines share arrays of linesPerArray
// lines (one allocation per person was a twentieth of a live bill's
// bytes: docs/PERFORMANCE.md, "The bill per request (stop 12)").
func eachLivePerson(ctx context.Context, tx shebao.Tx, pol shebao.Policy, terms UnitTerms, p shebao.Period, unitID int64, fn func(PersonMonth) error) error {
	var lines []Line
	return tx.EachPeriodPerson(ctx, unitID, p, func(pp shebao.PeriodPerson) error {
		if cap(lines)-len(lines) < len(pp.Coverages) {
			lines = make([]Line, 0, max(linesPerArray, len(pp.Coverages)))
		}
		m := assessBases(pol, terms, pp.PersonID, pp.Coverages, lines)
		lines = lines[:len(lines)+len(m.Lines)]
		m.PersonName, m.IDNumber = pp.PersonName, pp.IDNumber
		return fn(m)
	})
}

// eachClosedPerson reads the unit's frozen lines of period p, one person
// at a time as the cursor reads them (by person), and passes each
// person-month to fn.
func eachClosedPerson(ctx context.Context, tx shebao.Tx, pol shebao.Policy, p shebao.Period, unitID int64, fn func(PersonMonth) error) error {
	var m PersonMonth
	err := tx.EachAssessmentLine(ctx, p, unitID, func(l shebao.AssessmentLine) error {
		if len(m.Lines) > 0 && l.PersonID != m.PersonID {
			if err := fn(m); err != nil {
				return err
			}
			m = PersonMonth{}
		}
		if len(m.Lines) == 0 {
			m = PersonMonth{PersonID: l.PersonID, PersonName: l.PersonName, IDNumber: l.IDNumber}
		}
		m.add(storedLine(pol, l))
		return nil
	})
	if err != nil || len(m.Lines) == 0 {
		return err
	}
	return fn(m)
}

// eachBackpayRow passes the unit's approved back-paid months of periods
// from..to to fn, by period, person and item. They are read whole: each
// is a month of a back-pay item that a reviewer approved one by one.
func eachBackpayRow(ctx context.Context, tx shebao.Tx, unitID int64, from, to shebao.Period, fn func(BackpayRow) error) error {
	ms, err := tx.UnitBackpayMonths(ctx, unitID, from, to)
	if err != nil {
		return err
	}
	persons := personCache{tx: tx, seen: map[int64]shebao.Person{}}
	for _, m := range ms {
		l, err := backpayLine(ctx, persons, m)
		if err != nil {
			return err
		}
		if err := fn(BackpayRow{Period: m.Period, BackpayLine: l}); err != nil {
			return err
		}
	}
	return nil
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
