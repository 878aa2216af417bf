package collection

import (
	"context"
	"slices"

	"shebao"
	"shebao/billing"
	"shebao/rules"
)

// AccountPeriod is one period of a unit's account (as the best employer
// portals keep it): what was charged, collected and waived, and the
// balance still owed today.
type AccountPeriod struct {
	Period    shebao.Period
	Assessed  shebao.Fen // the closed period's sum
	Backpay   shebao.Fen // approved back-pay of months in it
	LateFee   shebao.Fen // late fees run up to today, or to the day paid
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
		perDay := map[int]int64{}
		for _, m := range months {
			if _, ok := perDay[m.Period.Year()]; !ok {
				pol, err := billing.PolicyFor(ctx, tx, m.Period.Year())
				if err != nil {
					return err
				}
				perDay[m.Period.Year()] = pol.LateFeePerDay
			}
		}
		for _, item := range byItem(months) {
			for i, bm := range backpayAccount(item, backpayCharges(item, perDay), results, today) {
				ap := at(item[i].Period)
				ap.Backpay += bm.Backpay
				ap.LateFee += bm.LateFee
				ap.Collected += bm.Collected
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

// byItem groups approved back-pay months (by period) by item, each item's
// months oldest first, items in the order first seen.
func byItem(ms []shebao.BackpayMonth) [][]shebao.BackpayMonth {
	var out [][]shebao.BackpayMonth
	idx := map[int64]int{}
	for _, m := range ms {
		i, ok := idx[m.ItemID]
		if !ok {
			i = len(out)
			idx[m.ItemID] = i
			out = append(out, nil)
		}
		out[i] = append(out[i], m)
	}
	return out
}

// backpayAccount spreads a back-pay item over its months (ms, with their
// charges cs in the same order) for the account: each result's principal
// pays the oldest months first and each part's late fee runs to the day it
// was paid (as rules.Accrued counts it when the result is recorded); the
// rest runs to today, or to the day staff recorded the item paid (then
// collected: the amount recorded with the marking, oldest months first, or
// in full for a marking without one); the fee collected is spread oldest
// first too. The
// months add up to what rules.Owed says of the item.
func backpayAccount(ms []shebao.BackpayMonth, cs []rules.Charge, results []shebao.CollectionResult, today shebao.Date) []AccountPeriod {
	out := make([]AccountPeriod, len(cs))
	rest := make([]shebao.Fen, len(cs))
	for i, c := range cs {
		out[i].Backpay, rest[i] = c.Amount, c.Amount
	}
	var feePaid shebao.Fen
	for j := len(results) - 1; j >= 0; j-- { // oldest first
		r := results[j]
		if r.ItemID != ms[0].ItemID {
			continue
		}
		feePaid += r.Fee
		paid := r.Principal
		for i, c := range cs {
			take := min(paid, rest[i])
			paid, rest[i] = paid-take, rest[i]-take
			_, fee := rules.LateFee(take, c.Due, r.PaidOn, c.PerDay)
			out[i].LateFee += fee
			out[i].Collected += take
		}
	}
	end, byHand := today, !ms[0].PaidAt.IsZero()
	if byHand {
		end = shebao.DateOf(ms[0].PaidAt)
	}
	byHandPaid := ms[0].PaidFen // the amount recorded with the marking; 0: counted in full
	if byHandPaid > 0 {
		byHandPaid += feePaid // the fee the results collected before counts too
	}
	for i, c := range cs {
		_, fee := rules.LateFee(rest[i], c.Due, end, c.PerDay)
		out[i].LateFee += fee
		if byHand && byHandPaid == 0 {
			out[i].Collected = out[i].Backpay + out[i].LateFee
			continue
		}
		if byHand {
			take := min(byHandPaid, out[i].Backpay+out[i].LateFee-out[i].Collected)
			byHandPaid -= take
			out[i].Collected += take
			continue
		}
		take := min(feePaid, out[i].LateFee)
		feePaid -= take
		out[i].Collected += take
	}
	if !byHand && len(out) > 0 {
		out[len(out)-1].Collected += feePaid
	}
	if byHand && len(out) > 0 {
		out[len(out)-1].Collected += byHandPaid // paid more than owed
	}
	return out
}
