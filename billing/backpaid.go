package billing

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"shebao"
	"shebao/rules"
)

// Back-paid months (个人补收) are not assessed monthly: an approved back-pay
// item charges them, with the late fee, at the amounts quoted when it was
// submitted (backpay_months, status approved). This file is where billing
// reads them, the one mechanism for every place contributions are listed:
// the bill of a period (and so the export and the API), the contribution
// history and the amount due's owed part.

// latest is the greatest period a range of back-paid months may reach.
const latest = shebao.Period(999912)

// BackpayDue is an approved back-pay item of a unit, as the amount due
// lists it among what the unit still owes: its months and the amounts
// quoted when it was submitted, what collection collected on them, and
// the late fee still owed today (rules.Owed: it runs to the day of
// payment).
type BackpayDue struct {
	ItemID     int64
	PersonID   int64
	PersonName string
	IDNumber   string
	From, To   shebao.Period
	Months     int
	Employer   shebao.Fen
	Employee   shebao.Fen
	Collected  shebao.Fen // principal collected in part so far
	LateFee    shebao.Fen // owed today
}

// Total returns what the item still owes: employer and employee less what
// was collected, and the late fee.
func (d BackpayDue) Total() shebao.Fen { return d.Employer + d.Employee - d.Collected + d.LateFee }

// SetBackpayPaid records that a unit paid its approved back-pay item
// itemID (every month of the item) with the amount actually paid for the
// whole item (integer fen, more than 0: what the unit's account counts
// collected, docs/COLLECTION.md); staff only (clerks and admins), audited
// as billing.backpay_paid. Marking an item already recorded paid changes
// nothing and writes no audit entry. Errors: EINVALID on "amount",
// EFORBIDDEN, ENOTFOUND when the unit has no approved back-pay item itemID.
func (s *Service) SetBackpayPaid(ctx context.Context, a shebao.Actor, unitID, itemID int64, amount shebao.Fen) error {
	if a.Role != shebao.RoleClerk && a.Role != shebao.RoleAdmin {
		return forbidden()
	}
	if amount <= 0 {
		return shebao.Invalid("amount", shebao.ReasonAmountZero)
	}
	now := s.Clock.Now()
	return s.Store.InTx(ctx, func(tx shebao.Tx) error {
		n, err := tx.SetBackpayPaid(ctx, itemID, unitID, a.AccountID, now, amount)
		if err != nil || n == 0 {
			return err
		}
		e := shebao.AuditFor(a, now, "billing.backpay_paid")
		e.UnitID = unitID
		e.ItemID = itemID
		e.Detail = fmt.Sprintf("item %d: %d months, %d fen paid", itemID, n, amount)
		return tx.Audit(ctx, e)
	})
}

// owedBackpay sets what each item of ds (grouped from ms) still owes on
// day on: the principal collected and the late fee, by rules.Owed over
// the item's months, each at its year's late fee.
func owedBackpay(ctx context.Context, tx shebao.Tx, unitID int64, ds []BackpayDue, ms []shebao.BackpayMonth, on shebao.Date) error {
	perDay := map[int]int64{}
	for _, m := range ms {
		if _, ok := perDay[m.Period.Year()]; !ok {
			pol, err := PolicyFor(ctx, tx, m.Period.Year())
			if err != nil {
				return err
			}
			perDay[m.Period.Year()] = pol.LateFeePerDay
		}
	}
	for i := range ds {
		d := &ds[i]
		item := slices.DeleteFunc(slices.Clone(ms), func(m shebao.BackpayMonth) bool { return m.ItemID != d.ItemID })
		c, err := tx.Collected(ctx, unitID, 0, d.ItemID)
		if err != nil {
			return err
		}
		a := rules.Owed(rules.BackpayCharges(item, func(y int) int64 { return perDay[y] }), c, on)
		d.Collected, d.LateFee = c.Principal, a.LateFee
	}
	return nil
}

// backpayDues groups approved months by item, newest item first.
func backpayDues(ctx context.Context, tx shebao.Tx, ms []shebao.BackpayMonth) ([]BackpayDue, error) {
	byItem := map[int64]*BackpayDue{}
	var order []int64
	persons := personCache{tx: tx, seen: map[int64]shebao.Person{}}
	for _, m := range ms {
		d, ok := byItem[m.ItemID]
		if !ok {
			p, err := persons.get(ctx, m.PersonID)
			if err != nil {
				return nil, err
			}
			d = &BackpayDue{ItemID: m.ItemID, PersonID: m.PersonID, PersonName: p.Name, IDNumber: p.IDNumber,
				From: m.Period}
			byItem[m.ItemID] = d
			order = append(order, m.ItemID)
		}
		d.To = max(d.To, m.Period)
		d.From = min(d.From, m.Period)
		d.Months++
		d.Employer += m.Employer
		d.Employee += m.Employee
		d.LateFee += m.LateFee
	}
	out := make([]BackpayDue, 0, len(order))
	for _, id := range order {
		out = append(out, *byItem[id])
	}
	slices.SortFunc(out, func(x, y BackpayDue) int { return cmp.Compare(y.ItemID, x.ItemID) })
	return out, nil
}

// personCache reads each person once.
type personCache struct {
	tx   shebao.Tx
	seen map[int64]shebao.Person
}

func (c personCache) get(ctx context.Context, id int64) (shebao.Person, error) {
	if p, ok := c.seen[id]; ok {
		return p, nil
	}
	p, err := c.tx.Person(ctx, id)
	if err == nil {
		c.seen[id] = p
	}
	return p, err
}

// backpaidMonth is a history month of an approved back-pay month: the
// amounts as quoted, no lines per insurance type (the item quotes the
// month's employer and employee sums).
func backpaidMonth(m shebao.BackpayMonth, p shebao.Person, u shebao.Unit) HistoryMonth {
	return HistoryMonth{Period: m.Period, UnitID: u.ID, UnitName: u.Name, Backpay: true, ItemID: m.ItemID,
		Base: m.Base, LateFee: m.LateFee, Paid: !m.PaidAt.IsZero(), PaidFen: m.PaidFen,
		PersonMonth: PersonMonth{PersonID: p.ID, PersonName: p.Name, IDNumber: p.IDNumber,
			Employer: m.Employer, Employee: m.Employee}}
}
