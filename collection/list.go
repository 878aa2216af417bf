package collection

import (
	"context"
	"strconv"

	"shebao"
)

// Kinds of a line of a collection list.
const (
	KindMonth   = "当月" // the period's own contributions
	KindArrears = "欠费" // an earlier closed period still owed, with its late fee
	KindBackpay = "补收" // an approved back-pay item not paid, with its late fee to the due date
)

// Line is one line of a month's collection list (docs/COLLECTION.md).
type Line struct {
	ListPeriod shebao.Period // the month the list collects
	Key        string        // "M-202606" (a period of the unit) or "B-123" (a back-pay item)
	Kind       string
	UnitID     int64
	CreditCode string
	UnitName   string
	Account    string
	Period     shebao.Period // the period settled (a back-pay: its first month)
	To         shebao.Period // a back-pay's last month
	ItemID     int64
	ByType     map[shebao.Insurance][2]shebao.Fen // the month's own line only
	Employer   shebao.Fen
	Employee   shebao.Fen
	Collected  shebao.Fen // collected before this list
	LateFee    shebao.Fen // owed on the due date
	Amount     shebao.Fen // to deduct: Employer + Employee − Collected + LateFee
	Due        shebao.Date
}

// monthKey is the key of a line settling period p of a unit.
func monthKey(p shebao.Period) string { return "M-" + strconv.Itoa(int(p)) }

// backpayKey is the key of a line settling a back-pay item.
func backpayKey(item int64) string { return "B-" + strconv.FormatInt(item, 10) }

// Totals sums a list's amounts.
type Totals struct {
	Lines                                      int
	Employer, Employee, Collected, Fee, Amount shebao.Fen
}

func (t *Totals) add(l Line) {
	t.Lines++
	t.Employer += l.Employer
	t.Employee += l.Employee
	t.Collected += l.Collected
	t.Fee += l.LateFee
	t.Amount += l.Amount
}

// CanList returns List's refusal of a for p, if any (EFORBIDDEN, or a
// period not closed), without reading the list: a transport streaming the
// file calls it before the first byte, when the status can still change.
func (s *Service) CanList(ctx context.Context, a shebao.Actor, p shebao.Period) error {
	if err := staffOnly(a); err != nil {
		return err
	}
	return s.Store.View(ctx, func(tx shebao.Tx) error { return checkClosed(ctx, tx, p, "period") })
}

// List streams the collection list of closed period p to fn in one read
// transaction: per unit the period's own line, then (unless NoArrears) the
// earlier closed periods still owed, with their late fee to p's due date;
// then every approved back-pay item not recorded paid (whenever approved),
// with what it still owes and its late fee to the due date. Each line
// carries the unit's deduction account in force on the due date. Staff
// only. Errors:
// EFORBIDDEN; EINVALID/EREFUSED (field "period") for a period not closed.
func (s *Service) List(ctx context.Context, a shebao.Actor, p shebao.Period, fn func(Line) error) (Totals, error) {
	var t Totals
	if err := staffOnly(a); err != nil {
		return t, err
	}
	due := s.DueDate(p)
	emit := func(l Line) error {
		l.ListPeriod, l.Due = p, due
		l.Amount = l.Employer + l.Employee - l.Collected + l.LateFee
		if l.Amount <= 0 {
			return nil
		}
		t.add(l)
		return fn(l)
	}
	err := s.Store.View(ctx, func(tx shebao.Tx) error {
		if err := checkClosed(ctx, tx, p, "period"); err != nil {
			return err
		}
		perDay, err := rates(ctx, tx, p, rateYears)
		if err != nil {
			return err
		}
		from := p
		if !s.NoArrears {
			from = p.AddMonths(-120)
		}
		err = tx.CollectionMonths(ctx, from, p, due, true, func(m shebao.CollectionMonth) error {
			l := Line{Key: monthKey(m.Period), Kind: KindMonth, UnitID: m.UnitID, CreditCode: m.CreditCode,
				UnitName: m.UnitName, Account: m.Account, Period: m.Period,
				Employer: m.Employer, Employee: m.Employee, Collected: m.Collected.Principal}
			if m.Period == p {
				l.ByType = m.ByType
			} else {
				l.Kind = KindArrears
				o := owedOn(m.Employer+m.Employee, m.Collected, s.DueDate(m.Period), due, perDay[m.Period.Year()])
				l.LateFee = o.LateFee
			}
			return emit(l)
		})
		if err != nil {
			return err
		}
		return tx.CollectionBackpays(ctx, due, func(b shebao.CollectionBackpay) error {
			o := owed(backpayCharges(b.Months, perDay), b.Collected, due)
			l := Line{Key: backpayKey(b.ItemID), Kind: KindBackpay, UnitID: b.UnitID, CreditCode: b.CreditCode,
				UnitName: b.UnitName, Account: b.Account, Period: b.From, To: b.To,
				ItemID: b.ItemID, Employer: b.Employer, Employee: b.Employee,
				Collected: b.Collected.Principal, LateFee: o.LateFee}
			return emit(l)
		})
	})
	return t, err
}
