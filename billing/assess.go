// Package billing is the contributions side of shebao: the monthly
// assessment (核定) of every insured person-month, a unit's amount due
// (应扣费金额) with each figure explained, the district run of `shebao bill`,
// contribution exports (.xlsx, CSV), the versioned policy years that admins
// edit and import, and units' floating work-injury rates.
//
// The rule itself is AssessLine, a pure function; sqldb's AssessUnits runs
// the same rule in SQL for the district run, and a test holds the two equal.
package billing

import (
	"slices"

	"shebao"
	"shebao/rules"
)

// UnitTerms is what a unit contributes to its rates: its work-injury
// industry risk class (1–8) and its floating rate for the year, in points
// per 100,000 (negative for a reduction).
type UnitTerms struct {
	RiskClass   int
	InjuryFloat int64
}

// Line is one insurance type's contribution for one person-month, with
// everything needed to explain it: the coverage's base, the base applied
// after the year's clamp, the rates and the rounding rule.
type Line struct {
	CoverageID int64
	Insurance  shebao.Insurance
	Base       rules.BaseResult // Wage: the coverage's base; Base: the base applied
	Rate       shebao.Rate      // per 100,000, with the rounding rule
	Employer   shebao.Fen
	Employee   shebao.Fen
}

// Total returns the employer's and the employee's amount together.
func (l Line) Total() shebao.Fen { return l.Employer + l.Employee }

// EmployerExact returns the employer's amount before rounding, in
// 1/100,000 fen (base × rate), for explanations.
func (l Line) EmployerExact() int64 { return int64(l.Base.Base) * l.Rate.Employer }

// EmployeeExact returns the employee's amount before rounding, in
// 1/100,000 fen.
func (l Line) EmployeeExact() int64 { return int64(l.Base.Base) * l.Rate.Employee }

// RateFor returns the rate of one insurance type for a unit under a policy:
// the policy's rate, or for work injury the unit's class rate plus its
// floating rate (rules.InjuryRate).
func RateFor(p shebao.Policy, u UnitTerms, ins shebao.Insurance) shebao.Rate {
	if ins == shebao.Injury {
		return rules.InjuryRate(p, u.RiskClass, u.InjuryFloat)
	}
	return p.Rates[ins]
}

// AssessLine assesses one insurance type of one person-month: the base
// clamped to the year's floor and ceiling (rules.ClampBase), then the
// employer's and the employee's amount, each base × rate rounded on its own
// by the insurance type's rule (rules.Contribution).
func AssessLine(p shebao.Policy, u UnitTerms, ins shebao.Insurance, base shebao.Fen) Line {
	b := rules.ClampBase(base, p.BaseFloor, p.BaseCeiling)
	r := RateFor(p, u, ins)
	s := rules.Contribution(b.Base, r)
	return Line{Insurance: ins, Base: b, Rate: r, Employer: s.Employer, Employee: s.Employee}
}

// PersonMonth is one person's assessment in one period: a line per
// insurance type and the sums.
type PersonMonth struct {
	PersonID   int64
	PersonName string
	IDNumber   string
	Lines      []Line
	Employer   shebao.Fen
	Employee   shebao.Fen
}

// Total returns the person-month's employer and employee amounts together.
func (m PersonMonth) Total() shebao.Fen { return m.Employer + m.Employee }

// AssessPerson assesses one person-month from the person's coverages that
// count in the period (at one unit), in insurance display order.
func AssessPerson(p shebao.Policy, u UnitTerms, covs []shebao.Coverage) PersonMonth {
	if len(covs) == 0 {
		return PersonMonth{}
	}
	bases := make([]shebao.CoverageBase, len(covs))
	for i, c := range covs {
		bases[i] = shebao.CoverageBase{CoverageID: c.ID, Insurance: c.Insurance, Base: c.Base}
	}
	return assessBases(p, u, covs[0].PersonID, bases, nil)
}

// assessBases assesses one person-month from the bases in force of the
// person's coverages that count in the period (at one unit), in insurance
// display order. The lines are stored after buf's elements when its
// capacity has room for them (the persons of a live bill share arrays,
// eachLivePerson), else in an array of their own.
func assessBases(p shebao.Policy, u UnitTerms, personID int64, bases []shebao.CoverageBase, buf []Line) PersonMonth {
	n := len(buf)
	if cap(buf)-n < len(bases) {
		buf, n = make([]Line, 0, len(bases)), 0
	}
	m := PersonMonth{PersonID: personID, Lines: buf[n : n : n+len(bases)]}
	for _, c := range bases {
		l := AssessLine(p, u, c.Insurance, c.Base)
		l.CoverageID = c.CoverageID
		m.add(l)
	}
	m.sortLines()
	return m
}

func (m *PersonMonth) add(l Line) {
	m.Lines = append(m.Lines, l)
	m.Employer += l.Employer
	m.Employee += l.Employee
}

func (m *PersonMonth) sortLines() {
	slices.SortStableFunc(m.Lines, func(a, b Line) int {
		return insuranceRank(a.Insurance) - insuranceRank(b.Insurance)
	})
}

// insuranceRank returns an insurance type's display position.
func insuranceRank(in shebao.Insurance) int {
	if i := slices.Index(shebao.Insurances, in); i >= 0 {
		return i
	}
	return len(shebao.Insurances)
}

// MonthlyCost returns what insuring one person with a monthly base costs a
// unit per month under a policy, for every insurance type: the employer's
// and the employee's part (the enrollment preview's "this adds ¥X a month").
func MonthlyCost(p shebao.Policy, u UnitTerms, base shebao.Fen) (employer, employee shebao.Fen) {
	for _, ins := range shebao.Insurances {
		l := AssessLine(p, u, ins, base)
		employer += l.Employer
		employee += l.Employee
	}
	return employer, employee
}
