// Package collection is the loop from the amount due (应扣费金额) to money
// received: the collection list of a closed month (托收清单), the result
// file the collector sends back, and what a unit still owes with its late
// fee growing day by day. docs/COLLECTION.md.
package collection

import (
	"context"
	"log/slog"

	"shebao"
	"shebao/billing"
	"shebao/rules"
)

// DefaultDueDay is the day of the month after a period on which its
// contributions are deducted, unless the office configures another
// (docs/RULES.md, "Collection due date").
const DefaultDueDay = 20

// Service is the collection service. Every method opens its own
// transactions on Store and reads "today" from Clock.
type Service struct {
	Store shebao.Store
	Clock shebao.Clock
	Log   *slog.Logger
	// DueDay is the deduction day in the month after a period (1–28);
	// DefaultDueDay when 0.
	DueDay int
	// NoArrears leaves the arrears of earlier months off a month's list.
	NoArrears bool
}

// DueDate returns the day period p's contributions are deducted: DueDay of
// the month after p. The late fee runs from the day after.
func (s *Service) DueDate(p shebao.Period) shebao.Date {
	d := s.DueDay
	if d < 1 || d > 28 {
		d = DefaultDueDay
	}
	n := p.Next()
	return shebao.NewDate(n.Year(), n.Month(), d)
}

// staffOnly refuses every actor but clerks and admins.
func staffOnly(a shebao.Actor) error {
	if a.Role != shebao.RoleClerk && a.Role != shebao.RoleAdmin {
		return &shebao.Error{Code: shebao.EFORBIDDEN, Reason: shebao.ReasonForbidden}
	}
	return nil
}

// Owed is what is still owed on one period of a unit (or one back-pay
// item) on a day: the contributions not collected and the late fee.
type Owed struct {
	Principal shebao.Fen
	LateFee   shebao.Fen
	Days      int // days late on that day
}

// Total is the principal and the late fee together.
func (o Owed) Total() shebao.Fen { return o.Principal + o.LateFee }

// owedOn is what a period's sum (total, due on due) still owes on day
// on, given what was collected on it: rules.Owed, the one rule of every
// late fee, on one charge.
func owedOn(total shebao.Fen, c shebao.Collected, due, on shebao.Date, perDay int64) Owed {
	return owed([]rules.Charge{{Amount: total, Due: due, PerDay: perDay}}, c, on)
}

// owed is what charges still owe on day on (rules.Owed).
func owed(cs []rules.Charge, c shebao.Collected, on shebao.Date) Owed {
	a := rules.Owed(cs, c, on)
	return Owed{Principal: a.Principal, LateFee: a.LateFee, Days: a.Days}
}

// backpayCharges returns a back-pay item's charges, each month at its
// year's late fee from perDay (read by rates).
func backpayCharges(ms []shebao.BackpayMonth, perDay map[int]int64) []rules.Charge {
	return rules.BackpayCharges(ms, func(y int) int64 { return perDay[y] })
}

// rateYears is how many years before a list's the late fees are read
// for: a back-pay reaches back at most 240 months (backpay.MaxMonths).
const rateYears = 21

// rates returns the late fee per day of each year's policy from
// p.Year()-back to p.Year() (years without a policy are left out), read
// before a list is streamed so that no query runs inside another.
func rates(ctx context.Context, tx shebao.Tx, p shebao.Period, back int) (map[int]int64, error) {
	m := make(map[int]int64)
	for y := p.Year() - back; y <= p.Year(); y++ {
		pol, err := billing.PolicyFor(ctx, tx, y)
		if shebao.ErrorCode(err) == shebao.EREFUSED {
			continue
		}
		if err != nil {
			return nil, err
		}
		m[y] = pol.LateFeePerDay
	}
	return m, nil
}

// checkClosed refuses a period that is not closed: only a closed month is
// collected (its assessment is frozen).
func checkClosed(ctx context.Context, tx shebao.Tx, p shebao.Period, field string) error {
	if !p.Valid() {
		return shebao.Invalid(field, shebao.ReasonPeriodMalformed)
	}
	run, err := tx.AssessmentRun(ctx, p)
	if shebao.ErrorCode(err) == shebao.ENOTFOUND || (err == nil && run.Status != shebao.AssessmentClosed) {
		return shebao.WithField(shebao.Refused(ReasonNotClosed, p.String()), field)
	}
	return err
}
