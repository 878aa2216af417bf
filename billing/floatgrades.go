package billing

import (
	"context"
	"strconv"
	"strings"

	"shebao"
	"shebao/rules"
)

// Units whose floating injury rate stored for a year lies outside their
// class's grades under that year's policy (docs/RULES.md#work-injury-rates).
const (
	// ReasonFloatsOutsideGrades refuses a policy save, on the field of
	// the class's grades; args: the class, how many units, the units.
	ReasonFloatsOutsideGrades = "INJURY_FLOATS_OUTSIDE_GRADES"
	// ReasonAssessFloatsOutsideGrades refuses an assessment run; args:
	// how many units, the units.
	ReasonAssessFloatsOutsideGrades = "ASSESS_FLOATS_OUTSIDE_GRADES"
	// ReasonBillFloatOutsideGrades refuses a live bill (and its export) of a
	// unit whose rate is outside; args: the period, the unit with its
	// class, its rate and the class's bounds (describeFloat).
	ReasonBillFloatOutsideGrades = "BILL_FLOAT_OUTSIDE_GRADES"
)

// OutsideGrades returns the units whose floating rate stored for p.Year
// lies outside their class's bounds under p (rules.CheckInjuryFloat), by
// unit name. A policy save and the assessment run call it: the first
// refuses grades that would strand a stored rate, the second refuses to
// assess with one.
func OutsideGrades(ctx context.Context, tx shebao.Tx, p shebao.Policy) ([]shebao.UnitRate, error) {
	rs, err := tx.UnitRates(ctx, p.Year)
	if err != nil {
		return nil, err
	}
	var out []shebao.UnitRate
	for _, r := range rs {
		if outsideGrades(p, r) {
			out = append(out, r)
		}
	}
	return out, nil
}

// outsideGrades reports whether a unit's stored floating rate lies outside
// its class's bounds under p (rules.CheckInjuryFloat): the one test of a
// stored rate, for OutsideGrades and the live bill (checkLiveFloat).
func outsideGrades(p shebao.Policy, r shebao.UnitRate) bool {
	return rules.CheckInjuryFloat(p, r.RiskClass, r.InjuryFloat) != nil
}

// checkLiveFloat refuses to compute unit u's contributions of period pd
// live (the bill of a period not closed, and its export) with a floating
// rate stored for pd's year outside its class's grades under pol, as the
// assessment run refuses to assess with it (docs/RULES.md#work-injury-rates).
func checkLiveFloat(pol shebao.Policy, u shebao.Unit, terms UnitTerms, pd shebao.Period) error {
	r := shebao.UnitRate{UnitID: u.ID, Year: pd.Year(), InjuryFloat: terms.InjuryFloat, UnitName: u.Name,
		CreditCode: u.CreditCode, RiskClass: terms.RiskClass}
	if !outsideGrades(pol, r) {
		return nil
	}
	return shebao.Refused(ReasonBillFloatOutsideGrades, pd.String(), describeFloat(pol, r))
}

// outsideGradesErrors are a policy save's errors for the units OutsideGrades
// found: one per class, on the field of the class's grades, naming each
// unit with its rate and the class's new bounds.
func outsideGradesErrors(p shebao.Policy, rs []shebao.UnitRate) []error {
	byClass := map[int][]string{}
	var classes []int
	for _, r := range rs {
		if _, ok := byClass[r.RiskClass]; !ok {
			classes = append(classes, r.RiskClass)
		}
		byClass[r.RiskClass] = append(byClass[r.RiskClass], describeFloat(p, r))
	}
	var errs []error
	for _, c := range classes {
		errs = append(errs, shebao.Invalid("injury_grades_"+strconv.Itoa(c), ReasonFloatsOutsideGrades,
			strconv.Itoa(c), strconv.Itoa(len(byClass[c])), strings.Join(byClass[c], "; ")))
	}
	return errs
}

// outsideGradesRefusal is the assessment run's refusal for the units
// OutsideGrades found.
func outsideGradesRefusal(p shebao.Policy, rs []shebao.UnitRate) error {
	units := make([]string, len(rs))
	for i, r := range rs {
		units[i] = describeFloat(p, r)
	}
	return shebao.Refused(ReasonAssessFloatsOutsideGrades, strconv.Itoa(len(rs)), strings.Join(units, "; "))
}

// describeFloat names a unit, its class, its stored floating rate and the
// class's bounds under p, in percentage points.
func describeFloat(p shebao.Policy, r shebao.UnitRate) string {
	lo, hi := rules.InjuryFloatBounds(p, r.RiskClass)
	return r.UnitName + " (" + r.CreditCode + ", " + strconv.Itoa(r.RiskClass) + ": " +
		rules.FormatPercent(r.InjuryFloat) + " ∉ [" + rules.FormatPercent(lo) + ", " + rules.FormatPercent(hi) + "])"
}
