package rules

import (
	"slices"

	"shebao"
)

// LateFee returns the late fee (滞纳金, Social Insurance Law art. 86) on an
// amount paid late: perDay/100,000 of the amount for each day late
// (shebao.Policy.LateFeePerDay; 50 = 0.05% a day).
//
// Day count: the days late are the days from the day after due through on,
// both inclusive, that is due.DaysUntil(on): due 2026-07-15 and on
// 2026-07-16 is 1 day; on ≤ due is 0 days and no fee. The fee is computed
// exactly on the total (amount × perDay × days / 100,000) and rounded half up
// to the fen once, not day by day, so it does not depend on how the days are
// grouped. The product is exact in int64 for any amount up to shebao.MaxFen
// at 0.05% a day for over 50,000 years.
func LateFee(amount shebao.Fen, due, on shebao.Date, perDay int64) (days int, fee shebao.Fen) {
	if on <= due {
		return 0, 0
	}
	days = due.DaysUntil(on)
	return days, Round(int64(amount)*perDay*int64(days), shebao.RoundFen)
}

// Charge is an amount due on a day, running a late fee of PerDay/100,000
// of what is unpaid for each day after Due (one closed month of a unit, or
// one month of a back-pay item).
type Charge struct {
	Amount shebao.Fen
	Due    shebao.Date
	PerDay int64
}

// Arrears is what charges still owe on a day.
type Arrears struct {
	Principal shebao.Fen // not yet collected
	LateFee   shebao.Fen // run up and not yet collected
	Days      int        // days late of the oldest charge still unpaid
}

// Remaining returns what is left of charges once paid is collected on
// them: the principal is applied to the charges in order (the caller
// passes them oldest due first), each taking what it can.
func Remaining(cs []Charge, paid shebao.Fen) []Charge {
	out := make([]Charge, 0, len(cs))
	for _, c := range cs {
		take := min(max(paid, 0), c.Amount)
		paid -= take
		if c.Amount -= take; c.Amount > 0 {
			out = append(out, c)
		}
	}
	return out
}

// Fees returns the late fee charges run up from the day after each one's
// due date to on (LateFee of each, summed) and the days late of the first.
func Fees(cs []Charge, on shebao.Date) (days int, fee shebao.Fen) {
	for i, c := range cs {
		d, f := LateFee(c.Amount, c.Due, on, c.PerDay)
		if i == 0 {
			days = d
		}
		fee += f
	}
	return days, fee
}

// Owed is the one rule of what charges owe on day on (docs/RULES.md
// "Collection and late fees on arrears"): the principal not collected
// (collections pay the oldest charge first), and the late fee: what each
// part collected late had run up on the day it was collected (c.FeeAccrued,
// see Accrued), plus what the rest runs up to on, less the fee collected
// and waived (c.Fee). The fee is linear in the principal, so counting each
// part from its due date to the day it was paid is the law's "on the
// unpaid amount, day by day" (Social Insurance Law art. 86).
func Owed(cs []Charge, c shebao.Collected, on shebao.Date) Arrears {
	rest := Remaining(cs, c.Principal)
	var a Arrears
	for _, r := range rest {
		a.Principal += r.Amount
	}
	var fee shebao.Fen
	a.Days, fee = Fees(rest, on)
	a.LateFee = max(c.FeeAccrued+fee-c.Fee, 0)
	return a
}

// Accrued returns the late fee that principal paid on day on had run up,
// before being what was collected on the charges earlier: the fee, to on,
// of the part of the charges the payment settles. It is stored with the
// payment (shebao.Collected.FeeAccrued), so that Owed needs no history.
func Accrued(cs []Charge, before, paid shebao.Fen, on shebao.Date) shebao.Fen {
	rest := Remaining(cs, before)
	var part []Charge
	for _, r := range rest {
		take := min(max(paid, 0), r.Amount)
		paid -= take
		if take > 0 {
			part = append(part, Charge{Amount: take, Due: r.Due, PerDay: r.PerDay})
		}
	}
	_, fee := Fees(part, on)
	return fee
}

// BackpayDue is the due date of a back-paid month: its last day
// (docs/RULES.md "Back-pay and late fees").
func BackpayDue(p shebao.Period) shebao.Date { return p.LastDay() }

// BackpayCharges returns the charges of a back-pay item's months, oldest
// first: each month's employer and employee sums, due on BackpayDue, at
// the late fee of the month's year (perDay).
func BackpayCharges(ms []shebao.BackpayMonth, perDay func(year int) int64) []Charge {
	out := make([]Charge, 0, len(ms))
	for _, m := range ms {
		out = append(out, Charge{Amount: m.Employer + m.Employee, Due: BackpayDue(m.Period), PerDay: perDay(m.Period.Year())})
	}
	slices.SortStableFunc(out, func(a, b Charge) int { return int(a.Due) - int(b.Due) })
	return out
}
