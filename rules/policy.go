package rules

import (
	"strconv"
	"time"

	"shebao"
)

// DefaultPolicy returns a realistic contribution policy for a year and a
// provincial average monthly wage, for demos, seeds and tests: bounds by
// DefaultBounds; pension 16%/8%, medical 8%/2%, unemployment 0.5%/0.5%;
// work-injury class rates 0.2 0.4 0.7 0.9 1.1 1.3 1.6 1.9% (docs/RULES.md#work-injury-rates);
// everything rounded to the fen; a late fee of 0.05% a day
// (Social Insurance Law art. 86); cutoff and counter day 15; back-pay up to
// 36 months online; base declaration in July, bases applying from July.
//
// The shebao.Injury entry of Rates carries only the rounding: the injury
// employer rate depends on the unit and comes from InjuryRate.
func DefaultPolicy(year int, avg shebao.Fen) shebao.Policy {
	floor, ceiling := DefaultBounds(avg)
	return shebao.Policy{
		Year:           year,
		AvgMonthlyWage: avg,
		BaseFloor:      floor,
		BaseCeiling:    ceiling,
		Rates: map[shebao.Insurance]shebao.Rate{
			shebao.Pension:      {Employer: 16_000, Employee: 8_000, Rounding: shebao.RoundFen},
			shebao.Medical:      {Employer: 8_000, Employee: 2_000, Rounding: shebao.RoundFen},
			shebao.Unemployment: {Employer: 500, Employee: 500, Rounding: shebao.RoundFen},
			shebao.Injury:       {Rounding: shebao.RoundFen},
		},
		InjuryClassRates: [8]int64{200, 400, 700, 900, 1100, 1300, 1600, 1900},
		LateFeePerDay:    50,
		CutoffDay:        15,
		CounterLastDay:   15,
		BackpayMonths:    36,
		DeclareFrom:      shebao.NewDate(year, time.July, 1),
		DeclareTo:        shebao.NewDate(year, time.July, 31),
		BaseFromMonth:    7,
	}
}

// ValidatePolicy checks a policy before it is saved, and returns the first
// problem as shebao.Invalid naming the policy field at fault ("year",
// "avg_monthly_wage", "base_floor", "base_ceiling", "rate_<insurance>",
// "rate_<insurance>_employer", "injury_class_rates", "late_fee_per_day",
// "cutoff_day", "counter_last_day", "backpay_months", "declare_from",
// "declare_to", "base_from_month"). Reasons: ReasonRequired,
// ReasonAmountZero, ReasonDateMalformed, and ReasonOutOfRange with the
// lowest and highest allowed values as args.
func ValidatePolicy(p shebao.Policy) error {
	if err := validateMoney(p); err != nil {
		return err
	}
	if err := validateRates(p); err != nil {
		return err
	}
	if err := validateInjuryGrades(p); err != nil {
		return err
	}
	if err := validateUndeclared(p); err != nil {
		return err
	}
	return validateCalendar(p)
}

func validateMoney(p shebao.Policy) error {
	switch {
	case p.Year < 1900 || p.Year > 9999:
		return outOfRange("year", 1900, 9999)
	case p.AvgMonthlyWage <= 0:
		return shebao.Invalid("avg_monthly_wage", shebao.ReasonAmountZero)
	case p.AvgMonthlyWage > shebao.MaxFen:
		return shebao.Invalid("avg_monthly_wage", shebao.ReasonAmountTooLarge)
	case p.BaseFloor <= 0:
		return shebao.Invalid("base_floor", shebao.ReasonAmountZero)
	case p.BaseCeiling > shebao.MaxFen:
		return shebao.Invalid("base_ceiling", shebao.ReasonAmountTooLarge)
	case p.BaseFloor > p.BaseCeiling:
		return shebao.Invalid("base_floor", shebao.ReasonOutOfRange, "0.01", p.BaseCeiling.Yuan())
	}
	return nil
}

func validateRates(p shebao.Policy) error {
	for _, ins := range shebao.Insurances {
		field := "rate_" + string(ins)
		r, ok := p.Rates[ins]
		if !ok {
			return shebao.Invalid(field, shebao.ReasonRequired)
		}
		if r.Rounding != shebao.RoundFen && r.Rounding != shebao.RoundJiaoUp {
			return shebao.Invalid(field+"_rounding", shebao.ReasonRequired)
		}
		if r.Employer < 0 || r.Employer > shebao.RateScale {
			return outOfRange(field+"_employer", 0, shebao.RateScale)
		}
		if r.Employee < 0 || r.Employee > shebao.RateScale {
			return outOfRange(field+"_employee", 0, shebao.RateScale)
		}
	}
	for _, r := range p.InjuryClassRates {
		if r < 0 || r > shebao.RateScale {
			return outOfRange("injury_class_rates", 0, shebao.RateScale)
		}
	}
	if p.LateFeePerDay < 0 || p.LateFeePerDay > shebao.RateScale {
		return outOfRange("late_fee_per_day", 0, shebao.RateScale)
	}
	return nil
}

func validateCalendar(p shebao.Policy) error {
	switch {
	case p.CutoffDay < 1 || p.CutoffDay > 28:
		return outOfRange("cutoff_day", 1, 28)
	case p.CounterLastDay < 1 || p.CounterLastDay > 28:
		return outOfRange("counter_last_day", 1, 28)
	case p.BackpayMonths < 0 || p.BackpayMonths > 1200:
		return outOfRange("backpay_months", 0, 1200)
	case p.BaseFromMonth < 1 || p.BaseFromMonth > 12:
		return outOfRange("base_from_month", 1, 12)
	case !p.DeclareFrom.Valid():
		return shebao.Invalid("declare_from", shebao.ReasonDateMalformed)
	case !p.DeclareTo.Valid():
		return shebao.Invalid("declare_to", shebao.ReasonDateMalformed)
	case p.DeclareTo < p.DeclareFrom:
		return shebao.Invalid("declare_to", shebao.ReasonDateOutOfRange, p.DeclareFrom.String(), "")
	}
	return nil
}

func outOfRange(field string, lo, hi int64) error {
	return shebao.Invalid(field, shebao.ReasonOutOfRange,
		strconv.FormatInt(lo, 10), strconv.FormatInt(hi, 10))
}

// UndeclaredRules are the values of Policy.UndeclaredBase, the rule for
// employees whose unit did not declare their base by the deadline
// (docs/RULES.md#base-declaration; package declaration applies them):
// "keep" the last base (also when empty), or raise a base below the floor
// to the "floor".
var UndeclaredRules = []string{"keep", "floor"}

// ReasonUndeclaredRule: Policy.UndeclaredBase is not one of UndeclaredRules.
const ReasonUndeclaredRule = "POLICY_UNDECLARED_RULE"

func validateUndeclared(p shebao.Policy) error {
	if p.UndeclaredBase == "" {
		return nil
	}
	for _, r := range UndeclaredRules {
		if p.UndeclaredBase == r {
			return nil
		}
	}
	return shebao.Invalid("undeclared_base", ReasonUndeclaredRule)
}
