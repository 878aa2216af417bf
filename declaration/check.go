package declaration

import (
	"strings"
	"time"

	"shebao"
	"shebao/rules"
)

// AbsurdFactor is how many times the ceiling a declared wage may reach
// before the declaration asks the unit to check the figure.
const AbsurdFactor = 10

// ParseWage reads a declared wage in yuan exactly (shebao.ParseYuan): it
// must be a positive amount with at most two decimals, and at most
// AbsurdFactor times the year's ceiling. Errors: EINVALID with
// ReasonAmountEmpty, ReasonAmountMalformed, ReasonAmountTooLarge,
// ReasonAmountNegative, ReasonAmountZero or ReasonWageAbsurd.
func ParseWage(s string, ceiling shebao.Fen) (shebao.Fen, error) {
	t := strings.TrimSpace(s)
	if strings.HasPrefix(t, "-") || strings.HasPrefix(t, "－") {
		return 0, shebao.Invalid("wage", ReasonAmountNegative)
	}
	w, err := shebao.ParseYuan(t)
	if err != nil {
		return 0, shebao.WithField(err, "wage")
	}
	if w == 0 {
		return 0, shebao.Invalid("wage", shebao.ReasonAmountZero)
	}
	if ceiling > 0 && w > AbsurdFactor*ceiling {
		return 0, shebao.Invalid("wage", ReasonWageAbsurd, (AbsurdFactor * ceiling).String(), ceiling.String())
	}
	return w, nil
}

// Window is the declaration window of a policy year.
type Window struct {
	Year     int
	From, To shebao.Date
	// FromPeriod is the month a base declared today takes effect: the
	// year's base month (Policy.BaseFromMonth), or today's business period
	// when that is later. A declaration made from the cutoff day on belongs
	// to next month's period, so it applies from next month, never to a
	// month whose items are closed (docs/CONTRIBUTIONS.md, Effect).
	FromPeriod shebao.Period
}

// WindowOf returns the window of policy p, its bases taking effect from
// the year's base month.
func WindowOf(p shebao.Policy) Window {
	return Window{Year: p.Year, From: p.DeclareFrom, To: p.DeclareTo,
		FromPeriod: shebao.NewPeriod(p.Year, time.Month(p.BaseFromMonth))}
}

// at returns the window for a declaration made in business period cur:
// its bases take effect from cur when cur is after the year's base month.
func (w Window) at(cur shebao.Period) Window {
	w.FromPeriod = max(w.FromPeriod, cur)
	return w
}

// Open reports whether the window is open on today.
func (w Window) Open(today shebao.Date) bool { return w.From <= today && today <= w.To }

// Refusal returns the refusal for a declaration outside the window.
func (w Window) Refusal() *shebao.Error {
	return shebao.Refused(ReasonWindowClosed, w.From.String(), w.To.String())
}

// checkEntry validates one entry's typed fields against the year's policy
// and returns the row error, if any, and the parsed ID number and wage.
// The ID number is read as on channel ch (rules.ParseIDNumberAt): a legacy
// 15-digit number is converted at the counter and sent there elsewhere.
func checkEntry(e Entry, p shebao.Policy, ch shebao.Channel, today shebao.Date) (rules.IDNumber, shebao.Fen, *RowError) {
	if strings.TrimSpace(e.IDNumber) == "" {
		return rules.IDNumber{}, 0, &RowError{Row: e.Row, Column: HeaderIDNumber, Reason: shebao.ReasonRequired}
	}
	id, err := rules.ParseIDNumberAt(e.IDNumber, ch, today)
	if err != nil {
		return rules.IDNumber{}, 0, rowError(e.Row, HeaderIDNumber, err)
	}
	wage, err := ParseWage(e.Wage, p.BaseCeiling)
	if err != nil {
		return rules.IDNumber{}, 0, rowError(e.Row, HeaderWage, err)
	}
	return id, wage, nil
}

func rowError(row int, column string, err error) *RowError {
	e := shebao.AsError(err)
	return &RowError{Row: row, Column: column, Reason: e.Reason, Args: e.Args}
}

// Monthly returns one person's monthly contribution, employer and employee
// together, over the given insurance types at base under policy p, with the
// unit's work-injury risk class and floating rate.
func Monthly(base shebao.Fen, ins []shebao.Insurance, p shebao.Policy, riskClass int, injuryFloat int64) shebao.Fen {
	return MonthlyShare(base, ins, p, riskClass, injuryFloat).Total()
}

// MonthlyShare is Monthly with the employer's and the employee's parts
// apart, each the sum of the insurance types' parts rounded by their rule.
func MonthlyShare(base shebao.Fen, ins []shebao.Insurance, p shebao.Policy, riskClass int, injuryFloat int64) rules.Share {
	var total rules.Share
	for _, in := range ins {
		rate := p.Rates[in]
		if in == shebao.Injury {
			rate = rules.InjuryRate(p, riskClass, injuryFloat)
		}
		c := rules.Contribution(base, rate)
		total.Employer += c.Employer
		total.Employee += c.Employee
	}
	return total
}
