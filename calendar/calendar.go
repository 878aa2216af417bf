// Package calendar is a unit's month at a glance (docs/COLLECTION.md, "The
// unit's calendar"): the dates that matter this month, each read from the
// rule that owns it, and what the unit still has to do. The unit's home
// page and GET /api/v1/calendar show it.
package calendar

import (
	"context"

	"shebao"
	"shebao/billing"
	"shebao/collection"
	"shebao/counter"
	"shebao/declaration"
	"shebao/progress"
)

// Service builds a unit's calendar from the services that own its dates.
type Service struct {
	Store       shebao.Store
	Clock       shebao.Clock
	Billing     *billing.Service     // the business period (InForce), back-pay owed (Due)
	Collection  *collection.Service  // the deduction date (DueDate), months owed (UnitOwed)
	Declaration *declaration.Service // the base-declaration window (CurrentWindow)
	Progress    *progress.Service    // items returned to the unit, not yet seen (Unseen)
}

// Calendar is a unit's month: dates, then what is still to do.
type Calendar struct {
	UnitID int64
	Today  shebao.Date
	// Period is today's business period and CutoffDay the day from which
	// items belong to next month's (shebao.PolicyInForce); zero without a
	// policy, and then no counter day either.
	Period    shebao.Period
	CutoffDay int
	// CounterLastDay is the counter's last day for increase and decrease
	// items this month (counter.Service.Open); CounterOpen whether today is
	// one of its days.
	CounterLastDay shebao.Date
	CounterOpen    bool
	// Deduction is this month's deduction date, of last month's
	// contributions (collection.Service.DueDate).
	Deduction       shebao.Date
	DeductionPeriod shebao.Period
	// Declaration is the base-declaration window when it is open today
	// (declaration.Service.CurrentWindow); nil when closed.
	Declaration *declaration.Window
	ToDo        ToDo
	// Owed and Unseen are what ToDo counts: the closed months owed
	// (collection.Service.UnitOwed) and the decisions the operator has not
	// seen (progress.Service.Unseen), for the home page to list without
	// reading them again.
	Owed   []collection.PeriodOwed
	Unseen progress.Unseen
}

// ToDo is what the unit still has to do.
type ToDo struct {
	Months     int        // closed months owed
	MonthsOwed shebao.Fen // their principal and late fee to today
	Backpay    int        // approved back-pay items not paid
	BackpayDue shebao.Fen // what they owe today, late fee included
	Undeclared int        // insured employees without a declaration, while the window is open
	Returned   int        // items a reviewer returned, not yet seen (operators)
}

// Empty reports whether nothing is left to do.
func (t ToDo) Empty() bool {
	return t.Months == 0 && t.Backpay == 0 && t.Undeclared == 0 && t.Returned == 0
}

// Month returns the calendar of the unit a reads (shebao.Actor.ReadFor:
// an operator their own, staff the one they name). Errors: EFORBIDDEN,
// EINVALID (field "unit") when staff name none.
func (s *Service) Month(ctx context.Context, a shebao.Actor, unitID int64) (Calendar, error) {
	unitID, err := a.ReadFor(unitID)
	if err != nil {
		return Calendar{}, err
	}
	today := shebao.Today(s.Clock)
	c := Calendar{UnitID: unitID, Today: today, DeductionPeriod: today.Period().Prev()}
	c.Deduction = s.Collection.DueDate(c.DeductionPeriod)
	f, err := s.Billing.InForce(ctx)
	switch {
	case err == nil:
		c.Period, c.CutoffDay = f.Period, f.Policy.CutoffDay
		last, open := counter.OpenIn(f) // the policy just read
		c.CounterLastDay, c.CounterOpen = shebao.NewDate(today.Year(), today.Period().Month(), last), open
	case shebao.ErrorCode(err) != shebao.EREFUSED: // no policy: no period and no counter day
		return Calendar{}, err
	}
	if err := s.declaration(ctx, &c); err != nil {
		return Calendar{}, err
	}
	return c, s.toDo(ctx, a, &c)
}

// declaration sets the open window and how many insured employees of the
// unit have no declaration for its year.
func (s *Service) declaration(ctx context.Context, c *Calendar) error {
	w, _, open, err := s.Declaration.CurrentWindow(ctx)
	if shebao.ErrorCode(err) == shebao.ENOTFOUND || shebao.ErrorCode(err) == shebao.EREFUSED || (err == nil && !open) {
		return nil
	}
	if err != nil {
		return err
	}
	c.Declaration = &w
	return s.Store.View(ctx, func(tx shebao.Tx) error {
		bases, err := tx.UnitBases(ctx, c.UnitID, w.FromPeriod)
		if err != nil {
			return err
		}
		decls, err := tx.Declarations(ctx, c.UnitID, w.Year)
		if err != nil {
			return err
		}
		declared := make(map[int64]bool, len(decls))
		for _, d := range decls {
			declared[d.PersonID] = true
		}
		for _, b := range bases {
			if !declared[b.Person.ID] {
				c.ToDo.Undeclared++
			}
		}
		return nil
	})
}

// toDo sets what is owed (collection.Service.UnitOwed, billing.Service.Due)
// and the returned items the operator has not seen.
func (s *Service) toDo(ctx context.Context, a shebao.Actor, c *Calendar) error {
	owed, err := s.Collection.UnitOwed(ctx, a, c.UnitID)
	if err != nil {
		return err
	}
	c.Owed = owed
	for _, o := range owed {
		c.ToDo.Months++
		c.ToDo.MonthsOwed += o.Total()
	}
	due, err := s.Billing.Due(ctx, a, c.UnitID)
	if err != nil {
		return err
	}
	c.ToDo.Backpay, c.ToDo.BackpayDue = len(due.Backpay), due.BackpayDue
	un, err := s.Progress.Unseen(ctx, a)
	if err != nil {
		return err
	}
	c.Unseen = un
	for _, d := range un.Decisions {
		if d.Item.Status == shebao.StatusReturned {
			c.ToDo.Returned++
		}
	}
	return nil
}
