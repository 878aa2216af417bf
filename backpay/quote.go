package backpay

import (
	"strings"

	"shebao"
	"shebao/rules"
)

// Share is one insurance type's contribution of one month.
type Share struct {
	Insurance shebao.Insurance
	Rate      shebao.Rate
	rules.Share
}

// Month is one back-paid month at its own year's policy: the base with its
// clamp, the amounts per insurance type, and the late fee from the day
// after the month's due date (rules.BackpayDue) to today: a quote, stored
// with the item; what the item owes later runs on to the day it is paid
// (rules.Owed, docs/RULES.md "Back-pay and late fees").
type Month struct {
	Period   shebao.Period
	Base     rules.BaseResult
	Shares   []Share
	Employer shebao.Fen
	Employee shebao.Fen
	Due      shebao.Date
	LateDays int
	LateFee  shebao.Fen
	Total    shebao.Fen // Employer + Employee + LateFee
}

// Quote is what a back-pay request comes to: the months that pass with
// their amounts and totals, and the refusals, each naming its months.
type Quote struct {
	Request  Request
	Unit     shebao.Unit
	Person   shebao.Person
	Today    shebao.Date
	Months   []Month
	Refusals []*shebao.Error
	Counter  bool // some months are beyond the online limit: see Documents
	Employer shebao.Fen
	Employee shebao.Fen
	LateFee  shebao.Fen
	Total    shebao.Fen
}

// OK reports whether the request passes as a whole.
func (q Quote) OK() bool { return len(q.Refusals) == 0 && len(q.Months) > 0 }

// Facts are what Compute needs, read in one transaction.
type Facts struct {
	Unit          shebao.Unit
	Person        shebao.Person
	Registrations []shebao.Registration
	Coverages     []shebao.Coverage
	Held          []shebao.BackpayMonth // the person's pending and approved back-pay months
	Policies      map[int]shebao.Policy // by year, for every year of the request that has one
	InjuryFloat   map[int]int64         // the unit's floating injury rate by year
	Current       shebao.Policy         // the policy in force today: its BackpayMonths is the online limit
	Period        shebao.Period         // today's business period (shebao.PolicyInForce)
}

// Compute applies the back-pay rules to a request. It is a pure function:
// the caller passes the facts, the channel and today. At the counter the
// online limit does not apply (the clerk checks the documents).
func Compute(r Request, f Facts, ch shebao.Channel, today shebao.Date) Quote {
	q := Quote{Request: r, Unit: f.Unit, Person: f.Person, Today: today}
	if f.Unit.Status != shebao.UnitActive {
		q.Refusals = append(q.Refusals, shebao.Refused(shebao.ReasonUnitSuspended))
		return q
	}
	earliest, _ := Limits(f)
	var notEmployed, covered, pending, counter, noPolicy []shebao.Period
	for m := r.From; m <= r.To; m = m.Next() {
		pol, hasPolicy := f.Policies[m.Year()]
		switch {
		case !employed(f, m, today):
			notEmployed = append(notEmployed, m)
		case coveredIn(f.Coverages, m) || heldIn(f.Held, m, shebao.BackpayApproved):
			covered = append(covered, m)
		case heldIn(f.Held, m, shebao.BackpayPending):
			pending = append(pending, m)
		case ch != shebao.Counter && m < earliest:
			counter = append(counter, m)
		case !hasPolicy:
			noPolicy = append(noPolicy, m)
		default:
			q.Months = append(q.Months, month(m, r.Wage, pol, f.Unit.RiskClass, f.InjuryFloat[m.Year()], today))
		}
	}
	q.refuse(ReasonNotEmployed, notEmployed)
	q.refuse(ReasonCovered, covered)
	q.refuse(ReasonPending, pending)
	q.refuse(ReasonCounter, counter, earliest.String())
	q.refuse(ReasonNoPolicy, noPolicy)
	q.Counter = len(counter) > 0
	for _, m := range q.Months {
		q.Employer += m.Employer
		q.Employee += m.Employee
		q.LateFee += m.LateFee
		q.Total += m.Total
	}
	return q
}

// Limits returns the months back-pay may take, counted from today's
// business period f.Period (shebao.PolicyInForce; docs/RULES.md#back-pay-and-late-fees):
// latest is the month before it, the last one an enrollment made today
// can no longer pay for; earliest is the oldest taken online, the policy in
// force's BackpayMonths before it (older months go to the counter).
func Limits(f Facts) (earliest, latest shebao.Period) {
	return f.Period.AddMonths(-f.Current.BackpayMonths), f.Period.Prev()
}

func (q *Quote) refuse(reason string, months []shebao.Period, more ...string) {
	if len(months) > 0 {
		q.Refusals = append(q.Refusals, shebao.Refused(reason, append([]string{FormatMonths(months)}, more...)...))
	}
}

// month computes one month at policy p.
func month(m shebao.Period, wage shebao.Fen, p shebao.Policy, riskClass int, injuryFloat int64, today shebao.Date) Month {
	mo := Month{Period: m, Base: rules.ClampBase(wage, p.BaseFloor, p.BaseCeiling), Due: rules.BackpayDue(m)}
	for _, in := range shebao.Insurances {
		rate := p.Rates[in]
		if in == shebao.Injury {
			rate = rules.InjuryRate(p, riskClass, injuryFloat)
		}
		s := Share{Insurance: in, Rate: rate, Share: rules.Contribution(mo.Base.Base, rate)}
		mo.Shares = append(mo.Shares, s)
		mo.Employer += s.Employer
		mo.Employee += s.Employee
	}
	mo.LateDays, mo.LateFee = rules.LateFee(mo.Employer+mo.Employee, mo.Due, today, p.LateFeePerDay)
	mo.Total = mo.Employer + mo.Employee + mo.LateFee
	return mo
}

// employed reports whether a registration of the person with the unit,
// made before today, covers some day of month m.
func employed(f Facts, m shebao.Period, today shebao.Date) bool {
	for _, reg := range f.Registrations {
		if reg.UnitID != f.Unit.ID || reg.RegisteredOn >= today || reg.Start.IsZero() {
			continue
		}
		if reg.Start <= m.LastDay() && (reg.End.IsZero() || reg.End >= m.FirstDay()) {
			return true
		}
	}
	return false
}

// coveredIn reports whether any coverage of the person (any unit, any
// insurance type) counts in month m.
func coveredIn(cs []shebao.Coverage, m shebao.Period) bool {
	for _, c := range cs {
		if c.FirstPeriod <= m && (c.Status == shebao.CoverageActive || c.LastPeriod >= m) {
			return true
		}
	}
	return false
}

func heldIn(held []shebao.BackpayMonth, m shebao.Period, status string) bool {
	for _, h := range held {
		if h.Period == m && h.Status == status {
			return true
		}
	}
	return false
}

// FormatMonths writes ascending months with runs joined, in a form that
// reads in every language: "2024-01 – 2024-03, 2024-07".
func FormatMonths(ms []shebao.Period) string {
	var parts []string
	for i := 0; i < len(ms); {
		j := i
		for j+1 < len(ms) && ms[j+1] == ms[j].Next() {
			j++
		}
		if j == i {
			parts = append(parts, ms[i].String())
		} else {
			parts = append(parts, ms[i].String()+" – "+ms[j].String())
		}
		i = j + 1
	}
	return strings.Join(parts, ", ")
}
