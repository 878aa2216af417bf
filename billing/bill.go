package billing

import (
	"context"

	"shebao"
	"shebao/rules"
)

// Bill is a unit's amount due (应扣费金额) for one period: the monthly
// assessment (the total, the sums per insurance type, and every person's
// lines with how each amount was computed) and, as its own section, the
// period's back-paid months (approved back-pay items, at the amounts they
// quoted, with their late fee). Total is the monthly assessment; Charged
// adds the back-pay: what the period charges in all.
type Bill struct {
	Unit        shebao.Unit
	Period      shebao.Period
	Closed      bool                 // the frozen assessment of a closed period; else computed live
	Run         shebao.AssessmentRun // the period's district run, when there is one
	Policy      shebao.Policy
	Terms       UnitTerms
	Persons     []PersonMonth
	ByInsurance []InsuranceSum
	Employer    shebao.Fen
	Employee    shebao.Fen
	Paid        bool // a closed period that staff recorded paid
	Backpay     []BackpayLine
	BackpaySum  Charges // the sum of Backpay
}

// Total returns the monthly assessment: the employer's and the employees'
// amounts together, back-pay not included.
func (b Bill) Total() shebao.Fen { return b.Employer + b.Employee }

// Monthly returns the monthly assessment's sums as Charges (no late fee).
func (b Bill) Monthly() Charges { return Charges{Employer: b.Employer, Employee: b.Employee} }

// Charged returns what the period charges in all: the monthly assessment
// and the back-pay with its late fee.
func (b Bill) Charged() Charges { return b.Monthly().Plus(b.BackpaySum) }

// Charges are amounts charged: the employer's and the employees' shares
// and the late fee (back-pay only).
type Charges struct {
	Employer shebao.Fen
	Employee shebao.Fen
	LateFee  shebao.Fen
}

// Total returns the employer's and the employees' shares together.
func (c Charges) Total() shebao.Fen { return c.Employer + c.Employee }

// Due returns the shares and the late fee together.
func (c Charges) Due() shebao.Fen { return c.Total() + c.LateFee }

// Plus returns c and d added.
func (c Charges) Plus(d Charges) Charges {
	return Charges{Employer: c.Employer + d.Employer, Employee: c.Employee + d.Employee, LateFee: c.LateFee + d.LateFee}
}

// BackpayLine is one back-paid month of a person in a bill: the base and
// the sums its approved back-pay item quoted (all insurance types together:
// the item quotes no split by type) and the late fee.
type BackpayLine struct {
	ItemID     int64
	PersonID   int64
	PersonName string
	IDNumber   string
	Base       shebao.Fen
	Charges
	Paid    bool       // staff recorded the item paid
	PaidFen shebao.Fen // what staff recorded paid for the whole item by hand; 0: not recorded
}

// InsuranceSum is a bill's sum for one insurance type.
type InsuranceSum struct {
	Insurance shebao.Insurance
	Persons   int
	Employer  shebao.Fen
	Employee  shebao.Fen
}

// Total returns the employer's and the employees' amounts together.
func (s InsuranceSum) Total() shebao.Fen { return s.Employer + s.Employee }

// Bill returns a unit's bill for period p (0: today's business period):
// for a closed period, its frozen assessment; for any other, computed live
// from the coverages that count in p, by the same rule the district run
// uses. Operators see their own unit (unitID is ignored for them). Errors:
// EINVALID (ReasonPeriodMalformed, ReasonPeriodFuture), EFORBIDDEN,
// ENOTFOUND for an unknown unit, EREFUSED (ReasonNoPolicy) when p's year
// has no policy, EREFUSED (ReasonBillFloatOutsideGrades) when p is not
// closed and the unit's floating rate stored for p's year lies outside its
// class's grades (checkLiveFloat).
func (s *Service) Bill(ctx context.Context, a shebao.Actor, unitID int64, p shebao.Period) (Bill, error) {
	unitID, err := a.ReadFor(unitID)
	if err != nil {
		return Bill{}, err
	}
	if p != 0 && !p.Valid() {
		return Bill{}, shebao.Invalid("period", shebao.ReasonPeriodMalformed)
	}
	today := shebao.Today(s.Clock)
	var b Bill
	err = s.Store.View(ctx, func(tx shebao.Tx) error {
		in, err := shebao.PolicyInForce(ctx, tx, today)
		if err != nil {
			return err
		}
		if p == 0 {
			p = in.Period
		} else if p > in.Period {
			return shebao.Invalid("period", shebao.ReasonPeriodFuture)
		}
		b, err = unitBill(ctx, tx, unitID, p, in.Policy)
		return err
	})
	return b, err
}

// unitBill computes or reads a unit's bill in tx. known is a policy the
// caller has read in tx (zero if none): it is p's when it is of p's year.
func unitBill(ctx context.Context, tx shebao.Tx, unitID int64, p shebao.Period, known shebao.Policy) (Bill, error) {
	u, f, run, err := tx.UnitInPeriod(ctx, unitID, p)
	if err != nil {
		return Bill{}, err
	}
	b := Bill{Unit: u, Period: p, Run: run, Closed: run.Status == shebao.AssessmentClosed, Policy: known,
		Terms: termsOf(u, f)}
	if known.Year != p.Year() {
		if b.Policy, err = PolicyFor(ctx, tx, p.Year()); err != nil {
			return Bill{}, err
		}
	}
	if b.Closed {
		err = b.readClosed(ctx, tx)
	} else if err = checkLiveFloat(b.Policy, u, b.Terms, p); err == nil {
		err = b.computeLive(ctx, tx)
	}
	if err != nil {
		return Bill{}, err
	}
	b.sum()
	return b, b.readBackpay(ctx, tx)
}

// readBackpay reads the period's approved back-paid months of the unit.
func (b *Bill) readBackpay(ctx context.Context, tx shebao.Tx) error {
	return eachBackpayRow(ctx, tx, b.Unit.ID, b.Period, b.Period, func(r BackpayRow) error {
		b.Backpay = append(b.Backpay, r.BackpayLine)
		b.BackpaySum = b.BackpaySum.Plus(r.Charges)
		return nil
	})
}

// backpayLine returns the bill's line of a back-paid month.
func backpayLine(ctx context.Context, persons personCache, m shebao.BackpayMonth) (BackpayLine, error) {
	p, err := persons.get(ctx, m.PersonID)
	if err != nil {
		return BackpayLine{}, err
	}
	return BackpayLine{ItemID: m.ItemID, PersonID: p.ID, PersonName: p.Name, IDNumber: p.IDNumber, Base: m.Base,
		Charges: Charges{Employer: m.Employer, Employee: m.Employee, LateFee: m.LateFee}, Paid: !m.PaidAt.IsZero(),
		PaidFen: m.PaidFen}, nil
}

// computeLive assesses the unit's coverages that count in the period.
func (b *Bill) computeLive(ctx context.Context, tx shebao.Tx) error {
	return eachLivePerson(ctx, tx, b.Policy, b.Terms, b.Period, b.Unit.ID, b.addPerson)
}

func (b *Bill) addPerson(m PersonMonth) error {
	b.Persons = append(b.Persons, m)
	return nil
}

// readClosed reads the unit's frozen lines and whether the period is paid.
func (b *Bill) readClosed(ctx context.Context, tx shebao.Tx) error {
	if err := eachClosedPerson(ctx, tx, b.Policy, b.Period, b.Unit.ID, b.addPerson); err != nil {
		return err
	}
	sums, err := tx.UnitPeriodSums(ctx, b.Unit.ID)
	if err != nil {
		return err
	}
	for _, s := range sums {
		if s.Period == b.Period {
			b.Paid = s.Paid
		}
	}
	return nil
}

// storedLine turns a stored line back into a Line with its explanation.
func storedLine(pol shebao.Policy, l shebao.AssessmentLine) Line {
	return Line{
		CoverageID: l.CoverageID,
		Insurance:  l.Insurance,
		Base: rules.BaseResult{Wage: l.StoredBase, Base: l.Base, Floor: pol.BaseFloor,
			Ceiling: pol.BaseCeiling, Clamp: rules.Clamp(l.Clamp)},
		Rate:     shebao.Rate{Employer: l.EmployerRate, Employee: l.EmployeeRate, Rounding: l.Rounding},
		Employer: l.Employer,
		Employee: l.Employee,
	}
}

// sum fills the totals and the sums per insurance type.
func (b *Bill) sum() {
	by := make([]InsuranceSum, len(shebao.Insurances))
	for i, ins := range shebao.Insurances {
		by[i].Insurance = ins
	}
	for _, m := range b.Persons {
		b.Employer += m.Employer
		b.Employee += m.Employee
		for _, l := range m.Lines {
			i := insuranceRank(l.Insurance)
			if i == len(by) {
				by = append(by, InsuranceSum{Insurance: l.Insurance})
			}
			by[i].Persons++
			by[i].Employer += l.Employer
			by[i].Employee += l.Employee
		}
	}
	b.ByInsurance = by
}

// SetPaid records that a unit paid (or did not pay) a closed period; staff
// only (clerks and admins), audited. Errors: EFORBIDDEN, ENOTFOUND when the
// unit has no sum in a closed period p.
func (s *Service) SetPaid(ctx context.Context, a shebao.Actor, unitID int64, p shebao.Period, paid bool) error {
	if a.Role != shebao.RoleClerk && a.Role != shebao.RoleAdmin {
		return forbidden()
	}
	now := s.Clock.Now()
	return s.Store.InTx(ctx, func(tx shebao.Tx) error {
		if err := tx.SetPeriodPaid(ctx, p, unitID, paid, now); err != nil {
			return err
		}
		e := shebao.AuditFor(a, now, "billing.paid")
		e.UnitID = unitID
		e.Detail = p.String()
		if !paid {
			e.Action = "billing.unpaid"
		}
		return tx.Audit(ctx, e)
	})
}

// Cost is what insuring one more person adds to a unit's monthly bill.
type Cost struct {
	Period   shebao.Period
	Employer shebao.Fen
	Employee shebao.Fen
}

// Total returns the employer's and the employee's part together.
func (c Cost) Total() shebao.Fen { return c.Employer + c.Employee }

// CostPreview returns what insuring one person with a monthly base from
// period p adds to unit u's monthly bill, under p's year's policy and u's
// floating rate (MonthlyCost). It reads no person: the caller (the
// enrollment preview) has already checked the actor may act for u.
// Errors: EREFUSED (ReasonNoPolicy) when p's year has no policy.
func (s *Service) CostPreview(ctx context.Context, u shebao.Unit, p shebao.Period, base shebao.Fen) (Cost, error) {
	c := Cost{Period: p}
	err := s.Store.View(ctx, func(tx shebao.Tx) error {
		pol, err := PolicyFor(ctx, tx, p.Year())
		if err != nil {
			return err
		}
		terms, err := TermsFor(ctx, tx, u, p.Year())
		if err != nil {
			return err
		}
		c.Employer, c.Employee = MonthlyCost(pol, terms, base)
		return nil
	})
	return c, err
}
