package counter

import (
	"context"

	"shebao"
	"shebao/rules"
)

// UnitByCreditCode finds a unit by the credit code a member of staff typed,
// whatever its status. Errors name the field credit_code: EINVALID when the
// code is malformed (saying what is wrong with it) or names no unit;
// EFORBIDDEN for anyone but staff.
func (s *Service) UnitByCreditCode(ctx context.Context, a shebao.Actor, raw string) (shebao.Unit, error) {
	if !a.Role.IsStaff() {
		return shebao.Unit{}, forbidden()
	}
	code, err := rules.CreditCodeForLookup(raw)
	if err != nil {
		return shebao.Unit{}, shebao.WithField(err, "credit_code")
	}
	var unit shebao.Unit
	err = s.Store.View(ctx, func(tx shebao.Tx) error {
		unit, err = tx.UnitByCreditCode(ctx, code)
		return err
	})
	if shebao.ErrorCode(err) == shebao.ENOTFOUND {
		if _, bad := rules.ParseCreditCode(code); bad != nil {
			return shebao.Unit{}, shebao.WithField(bad, "credit_code") // say what is wrong with it
		}
		return shebao.Unit{}, shebao.Invalid("credit_code", shebao.ReasonNotFound)
	}
	return unit, err
}

// Open returns the counter's last day for increase and decrease items
// under the policy in force today, and whether the counter takes them today
// (OpenIn). EREFUSED ReasonNoPolicy when there is no policy.
func (s *Service) Open(ctx context.Context) (lastDay int, open bool, err error) {
	var f shebao.InForce
	err = s.Store.View(ctx, func(tx shebao.Tx) error {
		f, err = shebao.PolicyInForce(ctx, tx, shebao.Today(s.Clock))
		return err
	})
	if err != nil {
		return 0, false, err
	}
	lastDay, open = OpenIn(f)
	return lastDay, open, nil
}

// OpenIn is Open for a caller that has already read the policy in force
// (the unit's calendar): the counter's last day for increase and decrease
// items, and whether f's day is one of the counter's (rules.CounterOpen).
func OpenIn(f shebao.InForce) (lastDay int, open bool) {
	return f.Policy.CounterLastDay, rules.CounterOpen(f.Day, f.Policy.CounterLastDay)
}
