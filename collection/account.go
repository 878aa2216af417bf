package collection

import (
	"context"
	"slices"

	"shebao"
	"shebao/billing"
)

// AccountPeriod is one period of a unit's account (as the best employer
// portals keep it): what was charged, collected and waived, and the
// balance still owed today.
type AccountPeriod struct {
	Period    shebao.Period
	Assessed  shebao.Fen // the closed period's sum
	Backpay   shebao.Fen // approved back-pay of months in it
	LateFee   shebao.Fen // late fees: run up to today (or to payment), and back-pay's as quoted
	Collected shebao.Fen
	Waived    shebao.Fen
	Balance   shebao.Fen // Assessed + Backpay + LateFee − Collected − Waived
}

// Account returns a unit's account period by period, newest first: its
// closed periods and the periods of its approved back-pay. A period
// recorded paid without a result (marked by hand before collection
// existed) counts as collected in full. Operators read their own unit only.
func (s *Service) Account(ctx context.Context, a shebao.Actor, unitID int64) ([]AccountPeriod, error) {
	unitID, err := a.ReadFor(unitID)
	if err != nil {
		return nil, err
	}
	today := shebao.Today(s.Clock)
	byPeriod := map[shebao.Period]*AccountPeriod{}
	var order []shebao.Period
	at := func(p shebao.Period) *AccountPeriod {
		if byPeriod[p] == nil {
			byPeriod[p] = &AccountPeriod{Period: p}
			order = append(order, p)
		}
		return byPeriod[p]
	}
	err = s.Store.View(ctx, func(tx shebao.Tx) error {
		sums, err := tx.UnitPeriodSums(ctx, unitID)
		if err != nil {
			return err
		}
		results, err := tx.UnitCollectionResults(ctx, unitID, 100_000)
		if err != nil {
			return err
		}
		recorded := map[shebao.Period]bool{}
		for _, r := range results {
			if r.ItemID != 0 {
				continue
			}
			recorded[r.Period] = true
			ap := at(r.Period)
			ap.LateFee += r.FeeAccrued
			if r.Outcome == shebao.CollectWaived {
				ap.Waived += r.Fee
			} else {
				ap.Collected += r.Principal + r.Fee
			}
		}
		for _, sum := range sums {
			ap := at(sum.Period)
			ap.Assessed = sum.Employer + sum.Employee
			if sum.Paid && !recorded[sum.Period] {
				ap.Collected += ap.Assessed
			}
			if sum.Paid {
				continue
			}
			c, err := tx.Collected(ctx, unitID, sum.Period, 0)
			if err != nil {
				return err
			}
			pol, err := billing.PolicyFor(ctx, tx, sum.Period.Year())
			if err != nil {
				return err
			}
			o := owedOn(ap.Assessed, shebao.Collected{Principal: c.Principal}, s.DueDate(sum.Period), today, pol.LateFeePerDay)
			ap.LateFee += o.LateFee // the fee still running on what is not collected
		}
		months, err := tx.UnitBackpayMonths(ctx, unitID, 0, shebao.NewPeriod(9999, 12))
		if err != nil {
			return err
		}
		for _, m := range months {
			ap := at(m.Period)
			ap.Backpay += m.Employer + m.Employee
			ap.LateFee += m.LateFee
			if !m.PaidAt.IsZero() {
				ap.Collected += m.Employer + m.Employee + m.LateFee
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	out := make([]AccountPeriod, 0, len(order))
	for _, p := range order {
		ap := *byPeriod[p]
		ap.Balance = ap.Assessed + ap.Backpay + ap.LateFee - ap.Collected - ap.Waived
		out = append(out, ap)
	}
	slices.SortFunc(out, func(a, b AccountPeriod) int { return int(b.Period) - int(a.Period) })
	return out, nil
}
