package billing

import (
	"context"
	"slices"

	"shebao"
)

// Due is what a unit still owes, read in one transaction: its closed
// periods (those recorded paid marked Paid) and its approved back-pay items
// not recorded paid, each with the sum it owes.
type Due struct {
	Periods    []shebao.UnitPeriodSum // every closed period, newest first
	Unpaid     shebao.Fen             // the closed periods not recorded paid: their principal not yet collected
	Backpay    []BackpayDue           // approved back-pay items not recorded paid, newest first
	BackpayDue shebao.Fen             // what they still owe today, late fees to today included
}

// Due returns what a unit still owes: the one place that sums it, for the
// pages and the API. The tax bureau collects a back-pay with its item (the
// payment notice the office issues on approval), so an approved item is
// owed until it is collected in full or staff record it paid
// (SetBackpayPaid), beside the closed months. What collection collected
// in part is deducted; a back-pay's late fee runs to today (rules.Owed,
// docs/COLLECTION.md). Errors: EFORBIDDEN, EINVALID (field "unit") when staff name none.
func (s *Service) Due(ctx context.Context, a shebao.Actor, unitID int64) (Due, error) {
	unitID, err := a.ReadFor(unitID)
	if err != nil {
		return Due{}, err
	}
	var d Due
	err = s.Store.View(ctx, func(tx shebao.Tx) error {
		if d.Periods, err = tx.UnitPeriodSums(ctx, unitID); err != nil {
			return err
		}
		ms, err := tx.UnitBackpayMonths(ctx, unitID, 0, latest)
		if err != nil {
			return err
		}
		ms = slices.DeleteFunc(ms, func(m shebao.BackpayMonth) bool { return !m.PaidAt.IsZero() })
		if d.Backpay, err = backpayDues(ctx, tx, ms); err != nil {
			return err
		}
		if err := owedBackpay(ctx, tx, unitID, d.Backpay, ms, shebao.Today(s.Clock)); err != nil {
			return err
		}
		for _, p := range d.Periods {
			if p.Paid {
				continue
			}
			c, err := tx.Collected(ctx, unitID, p.Period, 0)
			if err != nil {
				return err
			}
			d.Unpaid += max(p.Employer+p.Employee-c.Principal, 0)
		}
		return nil
	})
	if err != nil {
		return Due{}, err
	}
	for _, bp := range d.Backpay {
		d.BackpayDue += bp.Total()
	}
	return d, nil
}
