package collection

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"shebao"
	"shebao/rules"
)

// outcomes maps what a collector writes in 扣款结果 to an outcome.
var outcomes = map[string]string{
	"成功": shebao.CollectPaid, "扣款成功": shebao.CollectPaid, "paid": shebao.CollectPaid,
	"部分": shebao.CollectPartial, "部分扣款": shebao.CollectPartial, "partial": shebao.CollectPartial,
	"失败": shebao.CollectFailed, "扣款失败": shebao.CollectFailed, "failed": shebao.CollectFailed,
}

// check checks every row of a result file against what is owed now, and
// counts the rows with an error. A replayed file is not checked again: its
// rows are recorded already.
func (s *Service) check(ctx context.Context, tx shebao.Tx, r *Report, rows []map[string]string) error {
	perDay, err := rates(ctx, tx, r.Period, rateYears)
	if err != nil {
		return err
	}
	seen := map[string]int{}
	for _, m := range rows {
		row, _ := strconv.Atoi(m[""])
		o := Outcome{Row: row, Key: m[colKey], CreditCode: m[colCode], Outcome: outcomes[m[colResult]],
			Reason: m[colReason]}
		if !r.Replayed {
			e, err := s.checkRow(ctx, tx, r.Period, m, &o, perDay)
			if err != nil {
				return err
			}
			if e == nil && seen[o.Key+"/"+o.CreditCode] > 0 {
				e = shebao.Invalid(colKey, ReasonDuplicateLine, strconv.Itoa(seen[o.Key+"/"+o.CreditCode]))
			}
			seen[o.Key+"/"+o.CreditCode] = row
			if o.Err = e; e != nil {
				o.Outcome = ""
				r.Errors++
			}
		}
		r.count(o)
		r.Rows = append(r.Rows, o)
	}
	return nil
}

func (r *Report) count(o Outcome) {
	switch o.Outcome {
	case shebao.CollectPaid:
		r.Paid++
	case shebao.CollectPartial:
		r.Partial++
	case shebao.CollectFailed:
		r.Failed++
	}
	r.Collected += o.Collected
}

// checkRow checks one row: the list, the unit, the line and what it owes,
// the outcome and the amount collected. The error's field is the column.
func (s *Service) checkRow(ctx context.Context, tx shebao.Tx, p shebao.Period, m map[string]string, o *Outcome, perDay map[int]int64) (*shebao.Error, error) {
	if lp, err := shebao.ParsePeriod(m[colList]); err != nil || lp != p {
		return shebao.Invalid(colList, ReasonOtherList, p.String()), nil
	}
	u, err := tx.UnitByCreditCode(ctx, o.CreditCode)
	if shebao.ErrorCode(err) == shebao.ENOTFOUND {
		return shebao.Invalid(colCode, ReasonUnknownUnit, o.CreditCode), nil
	}
	if err != nil {
		return nil, err
	}
	o.unitID, o.due = u.ID, s.DueDate(p)
	e, err := s.owedLine(ctx, tx, o, perDay)
	if e != nil || err != nil {
		return e, err
	}
	amount, err := shebao.ParseYuan(m[colAmount])
	if err != nil {
		return shebao.Invalid(colAmount, ReasonBadAmount), nil
	}
	if amount != o.line.Total() {
		return shebao.Invalid(colAmount, ReasonAmountDiffers, o.line.Total().String()), nil
	}
	paid := shebao.Fen(0)
	if v := m[colPaid]; v != "" {
		if paid, err = shebao.ParseYuan(v); err != nil || paid < 0 {
			return shebao.Invalid(colPaid, ReasonBadAmount), nil
		}
	}
	switch o.Outcome {
	case shebao.CollectPaid:
		if m[colPaid] != "" && paid != amount {
			return shebao.Invalid(colPaid, ReasonAmountDiffers, amount.String()), nil
		}
		paid = amount
	case shebao.CollectFailed:
		if paid != 0 {
			return shebao.Invalid(colPaid, ReasonBadAmount), nil
		}
		if o.Reason == "" {
			return shebao.Invalid(colReason, ReasonNoReason), nil
		}
	case shebao.CollectPartial:
		if paid <= 0 || paid >= amount {
			return shebao.Invalid(colPaid, ReasonBadAmount), nil
		}
	default:
		return shebao.Invalid(colResult, ReasonBadOutcome, m[colResult]), nil
	}
	if err := shebao.CheckText(colReason, o.Reason, false); err != nil {
		return shebao.Invalid(colReason, ReasonNoReason), nil
	}
	o.Collected, o.Owed = paid, amount-paid
	return nil, nil
}

// owedLine finds the line a key names and what it owes on o.due.
func (s *Service) owedLine(ctx context.Context, tx shebao.Tx, o *Outcome, perDay map[int]int64) (*shebao.Error, error) {
	kind, num, _ := strings.Cut(o.Key, "-")
	n, err := strconv.ParseInt(num, 10, 64)
	unknown := shebao.Invalid(colKey, ReasonUnknownLine, o.Key)
	switch {
	case err != nil:
		return unknown, nil
	case kind == "M":
		o.period = shebao.Period(n)
		sums, err := tx.UnitPeriodSums(ctx, o.unitID)
		if err != nil {
			return nil, err
		}
		for _, sum := range sums {
			if sum.Period != o.period {
				continue
			}
			if sum.Paid {
				return shebao.Invalid(colKey, ReasonAlreadyPaid), nil
			}
			c, err := tx.Collected(ctx, o.unitID, o.period, 0)
			o.charges = []rules.Charge{{Amount: sum.Employer + sum.Employee, Due: s.DueDate(o.period), PerDay: perDay[o.period.Year()]}}
			o.before, o.line = c.Principal, owed(o.charges, c, o.due)
			return nil, err
		}
	case kind == "B":
		o.itemID = n
		ms, err := tx.ItemBackpayMonths(ctx, n)
		if err != nil || len(ms) == 0 {
			return unknown, err
		}
		for _, bm := range ms {
			if bm.UnitID != o.unitID || bm.Status != shebao.BackpayApproved || !bm.PaidAt.IsZero() {
				return unknown, nil
			}
		}
		c, err := tx.Collected(ctx, o.unitID, 0, n)
		o.charges = backpayCharges(ms, perDay)
		o.before, o.line = c.Principal, owed(o.charges, c, o.due)
		return nil, err
	}
	return unknown, nil
}

// apply records every row checked, settles the lines collected in full
// and writes one audit entry for the file.
func (s *Service) apply(ctx context.Context, tx shebao.Tx, a shebao.Actor, r *Report) error {
	now := s.Clock.Now()
	for _, o := range r.Rows {
		principal := min(o.Collected, o.line.Principal)
		fee := rules.Accrued(o.charges, o.before, principal, o.due)
		res := shebao.CollectionResult{Source: r.Source, Line: o.Row, ListPeriod: r.Period, UnitID: o.unitID,
			Period: o.period, ItemID: o.itemID, Outcome: o.Outcome, Reason: o.Reason, Principal: principal,
			Fee: o.Collected - principal, FeeAccrued: fee, PaidOn: o.due, RecordedAt: now, RecordedBy: a.AccountID}
		if _, err := tx.AddCollectionResult(ctx, res); err != nil {
			return err
		}
		if o.Owed > 0 {
			continue
		}
		if err := s.settle(ctx, tx, a, o.unitID, o.period, o.itemID, now); err != nil {
			return err
		}
	}
	e := shebao.AuditFor(a, now, "collection.import")
	e.Detail = fmt.Sprintf(`{"period":"%s","source":"%s","rows":%d,"paid":%d,"partial":%d,"failed":%d,"collected":%d}`,
		r.Period, r.Source, len(r.Rows), r.Paid, r.Partial, r.Failed, r.Collected)
	return tx.Audit(ctx, e)
}
