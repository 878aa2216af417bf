package rules

import "shebao"

// jiaoNumerator is one jiao (10 fen) in Round's numerator units.
const jiaoNumerator = 10 * shebao.RateScale

// Round rounds an exact amount to money. The amount is numerator/100,000
// fen, where numerator is a base in fen times a rate per 100,000 (so no
// fraction is ever lost before rounding). RoundFen rounds half up to the fen;
// RoundJiaoUp rounds up to the next whole jiao (10 fen) and leaves an exact
// multiple of a jiao as it is. Any other rounding rounds like RoundFen
// (ValidatePolicy rejects such policies). A negative numerator (a reversal)
// rounds to the negation of its magnitude's rounding, so that a reversal
// cancels the original exactly.
func Round(numerator int64, r shebao.Rounding) shebao.Fen {
	if numerator < 0 {
		if numerator == -numerator { // math.MinInt64 has no magnitude
			numerator++
		}
		return -Round(-numerator, r)
	}
	if r == shebao.RoundJiaoUp {
		q := numerator / jiaoNumerator
		if numerator%jiaoNumerator != 0 {
			q++
		}
		return shebao.Fen(q * 10)
	}
	return shebao.Fen(divHalfUp(numerator, shebao.RateScale))
}

// Share is a contribution split into the employer's and the employee's part.
type Share struct {
	Employer shebao.Fen
	Employee shebao.Fen
}

// Total returns the employer's and the employee's part together.
func (s Share) Total() shebao.Fen { return s.Employer + s.Employee }

// Contribution returns one month's contribution for one insurance type:
// base × rate for each side, each rounded on its own with the rate's
// rounding rule (docs/RULES.md#contributions).
func Contribution(base shebao.Fen, r shebao.Rate) Share {
	return Share{
		Employer: Round(int64(base)*r.Employer, r.Rounding),
		Employee: Round(int64(base)*r.Employee, r.Rounding),
	}
}

// ValidRiskClass reports whether c is a work-injury industry risk class, 1–8.
func ValidRiskClass(c int) bool { return c >= 1 && c <= 8 }

// InjuryRate returns a unit's work-injury rate: the base rate of its
// industry risk class (1–8, p.InjuryClassRates) plus the unit's floating
// adjustment in points per 100,000 (费率浮动, negative for a reduction),
// never below 0. Employees pay nothing for work injury (docs/RULES.md#work-injury-rates).
// The rounding is the policy's rounding for shebao.Injury (RoundFen when the policy has none). A class outside 1–8 gives a zero
// rate: callers check a unit's class with ValidRiskClass when it is stored.
func InjuryRate(p shebao.Policy, riskClass int, floatPer100k int64) shebao.Rate {
	rounding := p.Rates[shebao.Injury].Rounding
	if rounding == "" {
		rounding = shebao.RoundFen
	}
	if !ValidRiskClass(riskClass) {
		return shebao.Rate{Rounding: rounding}
	}
	employer := max(p.InjuryClassRates[riskClass-1]+floatPer100k, 0)
	return shebao.Rate{Employer: employer, Employee: 0, Rounding: rounding}
}
