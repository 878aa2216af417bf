package collection

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"shebao"
	"shebao/billing"
	"shebao/rules"
)

// settle records a period of a unit (itemID 0) or a back-pay item paid.
func (s *Service) settle(ctx context.Context, tx shebao.Tx, a shebao.Actor, unitID int64, p shebao.Period, itemID int64, now time.Time) error {
	if itemID != 0 {
		_, err := tx.SetBackpayPaid(ctx, itemID, unitID, a.AccountID, now, 0) // the results hold the amount
		return err
	}
	return tx.SetPeriodPaid(ctx, p, unitID, true, now)
}

// PeriodOwed is a closed period a unit still owes, on today.
type PeriodOwed struct {
	Period shebao.Period
	Due    shebao.Date
	Owed
	Last shebao.CollectionResult // the collector's newest failed or part outcome on it; zero when none
}

// UnitOwed lists the closed periods a unit still owes today, newest first,
// with the late fee grown to today (computed from the clock, never
// stored) and the collector's last word on each. Operators read their own
// unit only (shebao.Actor.ReadFor).
func (s *Service) UnitOwed(ctx context.Context, a shebao.Actor, unitID int64) ([]PeriodOwed, error) {
	unitID, err := a.ReadFor(unitID)
	if err != nil {
		return nil, err
	}
	today := shebao.Today(s.Clock)
	var out []PeriodOwed
	err = s.Store.View(ctx, func(tx shebao.Tx) error {
		sums, err := tx.UnitPeriodSums(ctx, unitID)
		if err != nil {
			return err
		}
		results, err := tx.UnitCollectionResults(ctx, unitID, 100)
		if err != nil {
			return err
		}
		for _, sum := range sums {
			if sum.Paid {
				continue
			}
			po := PeriodOwed{Period: sum.Period, Due: s.DueDate(sum.Period)}
			if po.Owed, err = owedSum(ctx, tx, sum, po.Due, today); err != nil {
				return err
			}
			for _, r := range results {
				if r.Period == sum.Period && r.ItemID == 0 && (r.Outcome == shebao.CollectFailed || r.Outcome == shebao.CollectPartial) {
					po.Last = r
					break
				}
			}
			out = append(out, po)
		}
		return nil
	})
	return out, err
}

// RecordPayment records that a unit paid period p in full at the counter
// today: what it owes today, late fee included, with the clerk's reason;
// the period is then paid. key (the form's client key) makes a double
// click one payment. Clerks and admins only. Errors: EFORBIDDEN; EINVALID
// field "reason"; ENOTFOUND when the unit has no unpaid closed period p.
func (s *Service) RecordPayment(ctx context.Context, a shebao.Actor, unitID int64, p shebao.Period, reason, key string) (Owed, error) {
	if err := staffOnly(a); err != nil {
		return Owed{}, err
	}
	if reason == "" {
		return Owed{}, shebao.Invalid("reason", shebao.ReasonRequired)
	}
	if err := shebao.CheckText("reason", reason, false); err != nil {
		return Owed{}, err
	}
	if err := shebao.CheckText("key", key, false); err != nil {
		return Owed{}, err
	}
	now := s.Clock.Now()
	today := shebao.DateOf(now)
	var o Owed
	src := fmt.Sprintf("counter:%d:%s:%s", unitID, p, key)
	if key == "" {
		src += strconv.FormatInt(now.UnixMicro(), 10)
	}
	err := s.Store.InTx(ctx, func(tx shebao.Tx) error {
		if n, err := tx.CollectionSourceLines(ctx, src); err != nil || n > 0 {
			return err // the same form sent again: recorded once
		}
		sum, err := unpaidSum(ctx, tx, unitID, p)
		if err != nil {
			return err
		}
		due := s.DueDate(p)
		if o, err = owedSum(ctx, tx, sum, due, today); err != nil {
			return err
		}
		pol, err := billing.PolicyFor(ctx, tx, p.Year())
		if err != nil {
			return err
		}
		_, fee := rules.LateFee(o.Principal, due, today, pol.LateFeePerDay)
		added, err := tx.AddCollectionResult(ctx, shebao.CollectionResult{Source: src, Line: 1,
			ListPeriod: p, UnitID: unitID, Period: p, Outcome: shebao.CollectCounter, Reason: reason,
			Principal: o.Principal, Fee: o.LateFee, FeeAccrued: fee, PaidOn: today, RecordedAt: now,
			RecordedBy: a.AccountID})
		if err != nil || !added {
			return err
		}
		if err := s.settle(ctx, tx, a, unitID, p, 0, now); err != nil {
			return err
		}
		e := shebao.AuditFor(a, now, "collection.counter")
		e.UnitID = unitID
		e.Detail = fmt.Sprintf(`{"period":"%s","principal":%d,"late_fee":%d,"reason":%q}`, p, o.Principal, o.LateFee, reason)
		return tx.Audit(ctx, e)
	})
	return o, err
}

// unpaidSum returns a unit's sum of closed period p not recorded paid.
// ENOTFOUND when there is none.
func unpaidSum(ctx context.Context, tx shebao.Tx, unitID int64, p shebao.Period) (shebao.UnitPeriodSum, error) {
	sums, err := tx.UnitPeriodSums(ctx, unitID)
	if err != nil {
		return shebao.UnitPeriodSum{}, err
	}
	for _, sum := range sums {
		if sum.Period == p && !sum.Paid {
			return sum, nil
		}
	}
	return shebao.UnitPeriodSum{}, &shebao.Error{Code: shebao.ENOTFOUND, Reason: shebao.ReasonNotFound, Field: "period"}
}

// owedSum is what a unit's sum of a period owes on day on.
func owedSum(ctx context.Context, tx shebao.Tx, sum shebao.UnitPeriodSum, due, on shebao.Date) (Owed, error) {
	pol, err := billing.PolicyFor(ctx, tx, sum.Period.Year())
	if err != nil {
		return Owed{}, err
	}
	c, err := tx.Collected(ctx, sum.UnitID, sum.Period, 0)
	return owedOn(sum.Employer+sum.Employee, c, due, on, pol.LateFeePerDay), err
}

// WaiveFee waives the late fee a unit's closed period p has run up to
// today (Social Insurance Law art. 86 allows it in defined cases): a
// reviewer only, with the reason recorded, audited as collection.waive.
// The principal stays owed and a fee runs on from tomorrow while it does.
// Errors: EFORBIDDEN; EINVALID field "reason"; ENOTFOUND when the period
// is not owed; EREFUSED ReasonNoFee when it owes no late fee.
func (s *Service) WaiveFee(ctx context.Context, a shebao.Actor, unitID int64, p shebao.Period, reason string) (shebao.Fen, error) {
	if a.Role != shebao.RoleReviewer {
		return 0, &shebao.Error{Code: shebao.EFORBIDDEN, Reason: shebao.ReasonForbidden}
	}
	if reason == "" {
		return 0, shebao.Invalid("reason", shebao.ReasonRequired)
	}
	if err := shebao.CheckText("reason", reason, false); err != nil {
		return 0, err
	}
	now := s.Clock.Now()
	today := shebao.DateOf(now)
	var fee shebao.Fen
	err := s.Store.InTx(ctx, func(tx shebao.Tx) error {
		sum, err := unpaidSum(ctx, tx, unitID, p)
		if err != nil {
			return err
		}
		o, err := owedSum(ctx, tx, sum, s.DueDate(p), today)
		if err != nil {
			return err
		}
		if fee = o.LateFee; fee == 0 {
			return shebao.Refused(ReasonNoFee)
		}
		src := fmt.Sprintf("waiver:%d:%s:%d", unitID, p, now.UnixMicro())
		if _, err := tx.AddCollectionResult(ctx, shebao.CollectionResult{Source: src, Line: 1, ListPeriod: p,
			UnitID: unitID, Period: p, Outcome: shebao.CollectWaived, Reason: reason, Fee: fee, PaidOn: today,
			RecordedAt: now, RecordedBy: a.AccountID}); err != nil {
			return err
		}
		e := shebao.AuditFor(a, now, "collection.waive")
		e.UnitID = unitID
		e.Detail = fmt.Sprintf(`{"period":"%s","late_fee":%d,"reason":%q}`, p, fee, reason)
		return tx.Audit(ctx, e)
	})
	return fee, err
}
