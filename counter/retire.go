package counter

import (
	"context"
	"strconv"

	"shebao"
	"shebao/retirement"
	"shebao/rules"
)

// Reasons of the counter's retirement payment, with messages in package
// i18n (bugs8.go).
const (
	// ReasonRetireShort: the pre-review finds the minimum contribution not
	// met; args: months short, months contributed, the minimum.
	ReasonRetireShort = "COUNTER_RETIRE_SHORT"
	// ReasonRetireNotDue: the minimum is met at the statutory month, but
	// that month is not reached and elastic early retirement is not open
	// now; args: the statutory month.
	ReasonRetireNotDue = "COUNTER_RETIRE_NOT_DUE"
)

// RetireCheck returns the retirement pre-review of a person of the unit,
// for the clerk to see before recording a retirement payment; it records
// nothing. Errors: EFORBIDDEN, EINVALID for the ID number or an unknown
// person, EREFUSED for a suspended unit, a person the unit has never
// insured, or a person the pre-review cannot assess (no post category, …).
func (s *Service) RetireCheck(ctx context.Context, a shebao.Actor, unitID int64, idNumber string) (retirement.Result, error) {
	if _, err := atCounter(a); err != nil {
		return retirement.Result{}, err
	}
	today := shebao.Today(s.Clock)
	id, err := rules.ParseIDNumberAt(idNumber, shebao.Counter, today)
	if err != nil {
		return retirement.Result{}, shebao.WithField(err, "id_number")
	}
	var res retirement.Result
	err = s.Store.View(ctx, func(tx shebao.Tx) error {
		_, p, cs, err := s.parties(ctx, tx, Request{UnitID: unitID, IDNumber: id.Number})
		if err != nil {
			return err
		}
		res, err = retirement.Assess(p, cs, today)
		return err
	})
	return res, err
}

// retire checks a retirement payment against the pre-review and applies
// it: without the clerk's reason (pl.OverrideReason) it is refused unless
// the person may retire with a monthly pension now (Result.CanRetireNow);
// recorded, it stops the person's active coverages at the unit with period
// as their last month, so the person leaves the roster and is billed no
// more from the next period. The pre-review's answer and the number of
// coverages stopped go into the payload.
func retire(ctx context.Context, tx shebao.Tx, p shebao.Person, u shebao.Unit, cs []shebao.Coverage,
	period shebao.Period, pl *Payload, today shebao.Date) error {
	res, err := retirement.Assess(p, cs, today)
	if err != nil {
		return err
	}
	if !res.CanRetireNow() && pl.OverrideReason == "" {
		return retireRefusal(res)
	}
	rp := res.Payload()
	pl.Retirement = &rp
	pl.Stopped, err = tx.StopCoverages(ctx, p.ID, u.ID, period)
	return err
}

// retireRefusal is the refusal of a retirement the pre-review does not
// support; it names the field of the clerk's reason.
func retireRefusal(res retirement.Result) error {
	rv := res.Review
	e := shebao.Refused(ReasonRetireNotDue, rv.StatutoryMonth.String())
	if !rv.Eligible {
		e = shebao.Refused(ReasonRetireShort, strconv.Itoa(rv.ShortMonths), strconv.Itoa(rv.ContributedMonths),
			strconv.Itoa(rv.MinMonths))
	}
	e.Field = "override_reason"
	return e
}
