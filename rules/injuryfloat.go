package rules

import (
	"strconv"
	"strings"

	"shebao"
)

// NationalInjuryGrades returns the lowest and highest floating grade of a
// work-injury risk class (1–8), in percent of the class rate, under the
// national floating rule of 2015 (docs/RULES.md#work-injury-rates): class 1
// may float up to 120% or 150% only; classes 2–8 up to 120% or 150% or
// down to 80% or 50%. A province sets its own grades within these
// (Policy.InjuryFloatMin, InjuryFloatMax).
func NationalInjuryGrades(riskClass int) (minPct, maxPct int64) {
	if riskClass == 1 {
		return 100, 150
	}
	return 50, 150
}

// InjuryFloatBounds returns the lowest and highest floating rate (per
// 100,000, added to the class rate) a unit of riskClass may have under
// policy p: the class rate times the policy's grades for the class (the
// national grades when the policy sets none) minus the class rate. A class
// outside 1–8 may not float (0, 0).
func InjuryFloatBounds(p shebao.Policy, riskClass int) (lo, hi int64) {
	if !ValidRiskClass(riskClass) {
		return 0, 0
	}
	minPct, maxPct := p.InjuryFloatMin[riskClass-1], p.InjuryFloatMax[riskClass-1]
	if maxPct == 0 {
		minPct, maxPct = NationalInjuryGrades(riskClass)
	}
	base := p.InjuryClassRates[riskClass-1]
	return ceilDiv(base*minPct, 100) - base, base*maxPct/100 - base
}

// ceilDiv is a/b rounded up, for a ≥ 0 and b > 0.
func ceilDiv(a, b int64) int64 { return (a + b - 1) / b }

// Reasons of the floating injury rate, with messages in package i18n
// (messages_rulesfix.go).
const (
	// ReasonInjuryFloatBounds: a floating rate outside the unit's class
	// bounds; args: the class, the class rate, the lowest and the highest
	// floating rate (percentage points), the lowest and highest rate.
	ReasonInjuryFloatBounds = "INJURY_FLOAT_BOUNDS"
	// ReasonInjuryGrades: a class's lowest grade above 100% or highest
	// below it; args: the class.
	ReasonInjuryGrades = "INJURY_GRADES"
)

// CheckInjuryFloat refuses a floating rate (per 100,000) outside
// InjuryFloatBounds for the unit's class: EINVALID on "injury_float" with
// ReasonInjuryFloatBounds.
func CheckInjuryFloat(p shebao.Policy, riskClass int, float int64) error {
	lo, hi := InjuryFloatBounds(p, riskClass)
	if float >= lo && float <= hi {
		return nil
	}
	base := int64(0)
	if ValidRiskClass(riskClass) {
		base = p.InjuryClassRates[riskClass-1]
	}
	return shebao.Invalid("injury_float", ReasonInjuryFloatBounds, itoa64(int64(riskClass)), percent(base),
		percent(lo), percent(hi), percent(base+lo), percent(base+hi))
}

// validateInjuryGrades checks the policy's floating grades: per class
// 0 ≤ min ≤ 100 ≤ max ≤ 300 (percent of the class rate), or both 0 for
// the national grades.
func validateInjuryGrades(p shebao.Policy) error {
	for i := range p.InjuryFloatMax {
		lo, hi := p.InjuryFloatMin[i], p.InjuryFloatMax[i]
		if lo == 0 && hi == 0 {
			continue
		}
		if lo < 0 || lo > 100 || hi < 100 || hi > 300 {
			return shebao.Invalid("injury_grades_"+itoa64(int64(i+1)), ReasonInjuryGrades, itoa64(int64(i+1)))
		}
	}
	return nil
}

// FormatPercent writes a rate per 100,000 as a percentage without
// trailing zeros: 16000 → "16", 500 → "0.5", 50 → "0.05", -100 → "-0.1".
func FormatPercent(v int64) string {
	sign := ""
	if v < 0 {
		sign, v = "-", -v
	}
	s := strconv.FormatInt(v/1000, 10)
	if frac := v % 1000; frac != 0 {
		s += "." + strings.TrimRight(strconv.FormatInt(1000+frac, 10)[1:], "0")
	}
	return sign + s
}

func percent(v int64) string { return FormatPercent(v) }

func itoa64(n int64) string { return strconv.FormatInt(n, 10) }
