// Package statement is the statement the law asks an employer to give
// each employee (Social Insurance Law art. 60: the employer tells each
// employee monthly what was paid for them): per employee and month, the
// insurance types, the base, the employer's and the employee's amounts,
// and whether the month was collected. It computes nothing itself: the
// amounts are the unit's bill (billing.Service.Bill, frozen when the month
// is closed) and the collection status is the collection service's
// (collection.Service.UnitOwed). docs/COLLECTION.md, "The employee's
// statement".
package statement

import (
	"context"

	"shebao"
	"shebao/billing"
	"shebao/collection"
)

// Status is whether a unit's month was collected, as its employees' statements say.
type Status string

// The statuses of a month.
const (
	// Provisional: the month is not closed; the amounts are computed from
	// the coverages today and may still change; nothing is deducted yet.
	Provisional Status = "provisional"
	// Due: closed and waiting for its deduction on the due date.
	Due Status = "due"
	// Paid: collected in full (by the collector or at the counter).
	Paid Status = "paid"
	// Partial: collected in part; the rest is owed.
	Partial Status = "partial"
	// Owed: not collected: the deduction failed or the due date passed.
	Owed Status = "owed"
)

// Service reads statements. Billing and Collection are the owners of the
// amounts and of the collection status.
type Service struct {
	Billing    *billing.Service
	Collection *collection.Service
}

// Statement is a unit's statements of one month: one per employee.
type Statement struct {
	Unit      shebao.Unit
	Period    shebao.Period
	Status    Status
	DueDate   shebao.Date // the month's deduction day (collection.Service.DueDate)
	Reason    string      // the collector's reason of a failed or part deduction
	Employees []Employee
}

// Employee is one employee's statement of the month: the monthly
// contributions by insurance type and the months back-paid in it.
type Employee struct {
	PersonID int64
	Name     string
	IDNumber string // masked (shebao.MaskIDNumber): the statement never needs the whole number
	Lines    []Line
	Employer shebao.Fen // the monthly lines' sums
	Employee shebao.Fen
	Backpay  []Backpay
}

// Total returns the employer's and the employee's monthly amounts together.
func (e Employee) Total() shebao.Fen { return e.Employer + e.Employee }

// Line is one insurance type of an employee's month.
type Line struct {
	Insurance shebao.Insurance
	Base      shebao.Fen // the base applied
	Employer  shebao.Fen
	Employee  shebao.Fen
}

// Total returns the employer's and the employee's amount together.
func (l Line) Total() shebao.Fen { return l.Employer + l.Employee }

// Backpay is a month back-paid for the employee in this month's bill (an
// approved back-pay item), all insurance types together as the item
// quoted them, with whether the item was recorded paid.
type Backpay struct {
	ItemID   int64
	Base     shebao.Fen
	Employer shebao.Fen
	Employee shebao.Fen
	Paid     bool
	PaidFen  shebao.Fen // what staff recorded paid for the whole item by hand; 0: not recorded
}

// Month returns a unit's statements of period p, one per employee with
// a monthly assessment or a back-paid month in it, by name as the bill
// lists them; personID, when not 0, keeps that employee only (ENOTFOUND
// when they have none that month). Operators read their own unit only,
// staff any (shebao.Actor.ReadFor, through the bill). Errors: as
// billing.Service.Bill.
func (s *Service) Month(ctx context.Context, a shebao.Actor, unitID int64, p shebao.Period, personID int64) (Statement, error) {
	b, err := s.Billing.Bill(ctx, a, unitID, p)
	if err != nil {
		return Statement{}, err
	}
	st := Statement{Unit: b.Unit, Period: p, DueDate: s.Collection.DueDate(p)}
	if err := s.status(ctx, a, b, &st); err != nil {
		return Statement{}, err
	}
	at := map[int64]int{}
	employee := func(id int64, name, idNumber string) *Employee {
		if i, ok := at[id]; ok {
			return &st.Employees[i]
		}
		at[id] = len(st.Employees)
		st.Employees = append(st.Employees, Employee{PersonID: id, Name: name, IDNumber: shebao.MaskIDNumber(idNumber)})
		return &st.Employees[len(st.Employees)-1]
	}
	for _, m := range b.Persons {
		if personID != 0 && m.PersonID != personID {
			continue
		}
		e := employee(m.PersonID, m.PersonName, m.IDNumber)
		for _, l := range m.Lines {
			e.Lines = append(e.Lines, Line{Insurance: l.Insurance, Base: l.Base.Base, Employer: l.Employer, Employee: l.Employee})
		}
		e.Employer, e.Employee = m.Employer, m.Employee
	}
	for _, l := range b.Backpay {
		if personID != 0 && l.PersonID != personID {
			continue
		}
		e := employee(l.PersonID, l.PersonName, l.IDNumber)
		e.Backpay = append(e.Backpay, Backpay{ItemID: l.ItemID, Base: l.Base, Employer: l.Employer, Employee: l.Employee, Paid: l.Paid, PaidFen: l.PaidFen})
	}
	if personID != 0 && len(st.Employees) == 0 {
		return Statement{}, &shebao.Error{Code: shebao.ENOTFOUND, Reason: shebao.ReasonNotFound, Field: "person"}
	}
	return st, nil
}

// status fills the month's collection status from the bill (closed,
// recorded paid) and, for a closed month not paid, from what the unit
// owes today (collection.Service.UnitOwed).
func (s *Service) status(ctx context.Context, a shebao.Actor, b billing.Bill, st *Statement) error {
	switch {
	case !b.Closed:
		st.Status = Provisional
		return nil
	case b.Paid:
		st.Status = Paid
		return nil
	}
	owed, err := s.Collection.UnitOwed(ctx, a, b.Unit.ID)
	if err != nil {
		return err
	}
	st.Status = Due
	for _, o := range owed {
		if o.Period != b.Period {
			continue
		}
		st.Reason = o.Last.Reason
		switch {
		case o.Principal < b.Total():
			st.Status = Partial
		case o.Days > 0 || o.Last.Outcome == shebao.CollectFailed:
			st.Status = Owed
		}
	}
	return nil
}
