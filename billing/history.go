package billing

import (
	"context"
	"slices"

	"shebao"
)

// maxHistoryMonths bounds a contribution history page.
const maxHistoryMonths = 120

// HistoryMonth is one person's contributions at one unit in one period.
type HistoryMonth struct {
	Period   shebao.Period
	UnitID   int64
	UnitName string
	Closed   bool // from the frozen assessment; else computed live
	// Back-pay (补收): the month was charged by the approved back-pay item
	// ItemID at the amounts quoted on submission (Employer, Employee and
	// LateFee; no Lines), not by the monthly assessment.
	Backpay bool
	ItemID  int64
	Base    shebao.Fen // the base applied (of the first line for an assessed month)
	LateFee shebao.Fen // back-pay only
	// Paid says staff recorded the month paid: the unit's closed period
	// (Service.SetPaid), or the back-pay item (Service.SetBackpayPaid).
	Paid bool
	// PaidFen is what staff recorded paid for the whole back-pay item by
	// hand (0: not recorded; shebao.BackpayMonth.PaidFen).
	PaidFen shebao.Fen
	PersonMonth
}

// Due returns what the month charges: employer, employee and late fee.
func (m HistoryMonth) Due() shebao.Fen { return m.Total() + m.LateFee }

// charges returns the month's amounts as Charges.
func (m HistoryMonth) charges() Charges {
	return Charges{Employer: m.Employer, Employee: m.Employee, LateFee: m.LateFee}
}

// History is a person's contribution history, newest period first.
type History struct {
	Person shebao.Person
	Months []HistoryMonth
}

// HistoryTotals sums a history's months by what they are for the unit, as
// the amount due counts them: a month is owed once its period is closed
// (or its back-pay item approved) until staff record it paid; a month of a
// period not closed is assessed live and not owed yet.
type HistoryTotals struct {
	Paid Charges // closed months and back-pay recorded paid
	Owed Charges // closed months and approved back-pay not recorded paid
	Live Charges // months of periods not closed: may still change
}

// All returns every month listed together.
func (t HistoryTotals) All() Charges { return t.Paid.Plus(t.Owed).Plus(t.Live) }

// Totals sums the history's months (see HistoryTotals).
func (h History) Totals() HistoryTotals {
	var t HistoryTotals
	for _, m := range h.Months {
		switch {
		case m.Paid:
			t.Paid = t.Paid.Plus(m.charges())
		case m.Closed || m.Backpay:
			t.Owed = t.Owed.Plus(m.charges())
		default:
			t.Live = t.Live.Plus(m.charges())
		}
	}
	return t
}

// History returns a person's contributions per period and unit, newest
// first, up to the current business period and at most ten years back:
// closed periods from their frozen assessment, others computed live from
// the person's coverages. Operators see only the months at their own unit,
// and only people who were ever insured there. Errors: EFORBIDDEN,
// ENOTFOUND for a person the actor may not see.
func (s *Service) History(ctx context.Context, a shebao.Actor, personID int64) (History, error) {
	if a.Role != shebao.RoleOperator && !a.Role.IsStaff() {
		return History{}, forbidden()
	}
	today := shebao.Today(s.Clock)
	var h History
	err := s.Store.View(ctx, func(tx shebao.Tx) error {
		var err error
		if h.Person, err = tx.Person(ctx, personID); err != nil {
			return err
		}
		covs, err := tx.Coverages(ctx, personID)
		if err != nil {
			return err
		}
		covs = slices.DeleteFunc(covs, func(c shebao.Coverage) bool { return !a.MaySee(c.UnitID) })
		if len(covs) == 0 {
			return &shebao.Error{Code: shebao.ENOTFOUND, Reason: shebao.ReasonNotFound}
		}
		cur, err := shebao.BusinessPeriod(ctx, tx, today)
		if err != nil {
			return err
		}
		h.Months, err = history(ctx, tx, a, h.Person, covs, cur)
		return err
	})
	return h, err
}

// history builds the months of a person's history from covs up to cur.
func history(ctx context.Context, tx shebao.Tx, a shebao.Actor, p shebao.Person, covs []shebao.Coverage, cur shebao.Period) ([]HistoryMonth, error) {
	from := cur.AddMonths(1 - maxHistoryMonths)
	first := slices.MinFunc(covs, func(x, y shebao.Coverage) int { return int(x.FirstPeriod - y.FirstPeriod) }).FirstPeriod
	from = max(from, first)
	stored, err := tx.PersonAssessmentLines(ctx, p.ID, from, cur)
	if err != nil {
		return nil, err
	}
	c := newBillCache(tx)
	backpaid, err := c.backpaid(ctx, a, p, from, cur)
	if err != nil {
		return nil, err
	}
	var out []HistoryMonth
	for pd := cur; pd >= from; pd = pd.Prev() {
		ms, err := c.personMonths(ctx, pd, p, stored)
		if e := shebao.AsError(err); err != nil && e.Reason == shebao.ReasonNoPolicy {
			ms = nil // a year before the office's first policy: nothing assessed to show
		} else if err != nil {
			return nil, err
		}
		for _, m := range ms {
			if a.MaySee(m.UnitID) {
				if len(m.Lines) > 0 {
					m.Base = m.Lines[0].Base.Base
				}
				out = append(out, m)
			}
		}
		out = append(out, backpaid[pd]...)
	}
	return out, nil
}

// backpaid returns the person's approved back-pay months from..to that a
// may see, by period: the months the monthly assessment leaves out.
func (c *billCache) backpaid(ctx context.Context, a shebao.Actor, p shebao.Person, from, to shebao.Period) (map[shebao.Period][]HistoryMonth, error) {
	ms, err := c.tx.PersonBackpayMonths(ctx, p.ID)
	if err != nil {
		return nil, err
	}
	out := map[shebao.Period][]HistoryMonth{}
	for _, m := range ms {
		if m.Status != shebao.BackpayApproved || m.Period < from || m.Period > to || !a.MaySee(m.UnitID) {
			continue
		}
		u, err := c.unit(ctx, m.UnitID)
		if err != nil {
			return nil, err
		}
		out[m.Period] = append(out[m.Period], backpaidMonth(m, p, u))
	}
	return out, nil
}

// billCache caches what a history reads once per year and unit.
type billCache struct {
	tx       shebao.Tx
	policies map[int]shebao.Policy
	units    map[int64]shebao.Unit
	runs     map[shebao.Period]bool // closed
	// paidPeriods: per unit, its closed periods recorded paid
	paidPeriods map[int64]map[shebao.Period]bool
}

func newBillCache(tx shebao.Tx) *billCache {
	return &billCache{tx: tx, policies: map[int]shebao.Policy{}, units: map[int64]shebao.Unit{},
		runs: map[shebao.Period]bool{}, paidPeriods: map[int64]map[shebao.Period]bool{}}
}

// personMonths returns a person's months in period pd, one per unit: the
// frozen lines of a closed period, else the coverages that count in pd with
// the base in force then, assessed live.
func (c *billCache) personMonths(ctx context.Context, pd shebao.Period, p shebao.Person, stored []shebao.AssessmentLine) ([]HistoryMonth, error) {
	closed, err := c.closed(ctx, pd)
	if err != nil {
		return nil, err
	}
	if closed {
		return c.storedMonths(ctx, pd, p, stored)
	}
	counted, err := c.tx.PersonPeriodCoverages(ctx, p.ID, pd)
	if err != nil {
		return nil, err
	}
	byUnit := map[int64][]shebao.Coverage{}
	var order []int64
	for _, cv := range counted {
		if _, ok := byUnit[cv.UnitID]; !ok {
			order = append(order, cv.UnitID)
		}
		byUnit[cv.UnitID] = append(byUnit[cv.UnitID], cv.Coverage)
	}
	var out []HistoryMonth
	for _, id := range order {
		pol, u, err := c.policyAndUnit(ctx, pd.Year(), id)
		if err != nil {
			return nil, err
		}
		terms, err := TermsFor(ctx, c.tx, u, pd.Year())
		if err != nil {
			return nil, err
		}
		m := AssessPerson(pol, terms, byUnit[id])
		m.PersonName, m.IDNumber = p.Name, p.IDNumber
		out = append(out, HistoryMonth{Period: pd, UnitID: id, UnitName: u.Name, PersonMonth: m})
	}
	return out, nil
}

// storedMonths returns a person's frozen months in a closed period.
func (c *billCache) storedMonths(ctx context.Context, pd shebao.Period, p shebao.Person, stored []shebao.AssessmentLine) ([]HistoryMonth, error) {
	var out []HistoryMonth
	for _, l := range stored {
		if l.Period != pd {
			continue
		}
		pol, u, err := c.policyAndUnit(ctx, pd.Year(), l.UnitID)
		if err != nil {
			return nil, err
		}
		if len(out) == 0 || out[len(out)-1].UnitID != l.UnitID {
			paid, err := c.paid(ctx, l.UnitID, pd)
			if err != nil {
				return nil, err
			}
			out = append(out, HistoryMonth{Period: pd, UnitID: l.UnitID, UnitName: u.Name, Closed: true, Paid: paid,
				PersonMonth: PersonMonth{PersonID: p.ID, PersonName: p.Name, IDNumber: p.IDNumber}})
		}
		out[len(out)-1].add(storedLine(pol, l))
	}
	return out, nil
}

// paid reports whether staff recorded a unit's closed period paid.
func (c *billCache) paid(ctx context.Context, unitID int64, pd shebao.Period) (bool, error) {
	if _, ok := c.paidPeriods[unitID]; !ok {
		sums, err := c.tx.UnitPeriodSums(ctx, unitID)
		if err != nil {
			return false, err
		}
		c.paidPeriods[unitID] = map[shebao.Period]bool{}
		for _, s := range sums {
			c.paidPeriods[unitID][s.Period] = s.Paid
		}
	}
	return c.paidPeriods[unitID][pd], nil
}

func (c *billCache) closed(ctx context.Context, pd shebao.Period) (bool, error) {
	if v, ok := c.runs[pd]; ok {
		return v, nil
	}
	run, err := c.tx.AssessmentRun(ctx, pd)
	if err != nil && shebao.ErrorCode(err) != shebao.ENOTFOUND {
		return false, err
	}
	c.runs[pd] = err == nil && run.Status == shebao.AssessmentClosed
	return c.runs[pd], nil
}

func (c *billCache) policyAndUnit(ctx context.Context, year int, unitID int64) (shebao.Policy, shebao.Unit, error) {
	pol, ok := c.policies[year]
	if !ok {
		var err error
		if pol, err = PolicyFor(ctx, c.tx, year); err != nil {
			return pol, shebao.Unit{}, err
		}
		c.policies[year] = pol
	}
	u, err := c.unit(ctx, unitID)
	return pol, u, err
}

func (c *billCache) unit(ctx context.Context, id int64) (shebao.Unit, error) {
	if u, ok := c.units[id]; ok {
		return u, nil
	}
	u, err := c.tx.Unit(ctx, id)
	if err == nil {
		c.units[id] = u
	}
	return u, err
}
