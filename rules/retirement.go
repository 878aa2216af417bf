package rules

import "shebao"

// RetirementGroup is the group whose statutory retirement age applies to a
// person: men; women whose original age is 55 (cadre posts); women whose
// original age is 50 (worker posts).
type RetirementGroup string

// Retirement groups, named after the original statutory age.
const (
	GroupMale60   RetirementGroup = "male60"
	GroupFemale55 RetirementGroup = "female55"
	GroupFemale50 RetirementGroup = "female50"
)

// GroupOf returns the retirement group of a person. For women it depends on
// the stored post category, not on sex alone (docs/RULES.md#retirement): a woman
// without one is shebao.Invalid("post_category", ReasonRequired). A sex other
// than shebao.Male or shebao.Female is shebao.Invalid("sex", ReasonRequired).
func GroupOf(sex shebao.Sex, post shebao.PostCategory) (RetirementGroup, error) {
	switch {
	case sex == shebao.Male:
		return GroupMale60, nil
	case sex != shebao.Female:
		return "", shebao.Invalid("sex", shebao.ReasonRequired)
	case post == shebao.PostCadre:
		return GroupFemale55, nil
	case post == shebao.PostWorker:
		return GroupFemale50, nil
	}
	return "", shebao.Invalid("post_category", shebao.ReasonRequired)
}

// delaySchedule is how one group's statutory age rises under the 2024
// decision: from the first birth cohort, one month of delay for every step
// months of birth, the first cohort already delayed one month, up to max.
type delaySchedule struct {
	original int           // original statutory age in months
	first    shebao.Period // the first birth month that is delayed
	step     int           // months of birth per month of delay
	max      int           // the final delay in months
}

// scheduleOf returns the schedule of the NPC Standing Committee decision of
// 2024-09-13 (国务院关于渐进式延迟法定退休年龄的办法, art. 1): men 60→63 and
// women 55→58 by one month every four months from January 1965 / January
// 1970; women 50→55 by one month every two months from January 1975.
func scheduleOf(g RetirementGroup) (delaySchedule, bool) {
	switch g {
	case GroupMale60:
		return delaySchedule{original: 60 * 12, first: 196501, step: 4, max: 36}, true
	case GroupFemale55:
		return delaySchedule{original: 55 * 12, first: 197001, step: 4, max: 36}, true
	case GroupFemale50:
		return delaySchedule{original: 50 * 12, first: 197501, step: 2, max: 60}, true
	}
	return delaySchedule{}, false
}

// StatutoryAge returns, for a birth date and a group, the original statutory
// retirement age and the delay added by the 2025 reform, both in months; the
// statutory age is their sum. It agrees with the official comparison tables
// (渐进式延迟法定退休年龄对照表): a man born in January 1965 retires at 60
// years 1 month, one born in December 1965 at 60 years 3 months, and the
// delay reaches 36 months for men born in September 1976, for women (55) born
// in September 1981 and 60 months for women (50) born in November 1984. An
// unknown group gives (0, 0).
func StatutoryAge(birth shebao.Date, g RetirementGroup) (originalMonths, delayMonths int) {
	s, ok := scheduleOf(g)
	if !ok {
		return 0, 0
	}
	since := s.first.MonthsUntil(birth.Period())
	if since < 0 {
		return s.original, 0
	}
	return s.original, min(since/s.step+1, s.max)
}

// MinContributionMonths returns the minimum contribution for a monthly
// pension, in months, for people who retire in year: 15 years through 2029,
// then 6 months more each year from 2030 until it reaches 20 years in 2039
// (国务院关于渐进式延迟法定退休年龄的办法, art. 2).
func MinContributionMonths(year int) int {
	if year <= 2029 {
		return 180
	}
	return min(180+6*(year-2029), 240)
}

// birthField is the field that retirement-review errors on the birth date name.
const birthField = "birth_date"

// checkBirth reports a birth date that ReviewRetirement cannot use.
func checkBirth(birth, today shebao.Date) error {
	if !birth.Valid() {
		return shebao.Invalid(birthField, shebao.ReasonDateMalformed)
	}
	if earliest := shebao.NewDate(1900, 1, 1); birth < earliest || birth > today {
		return shebao.Invalid(birthField, shebao.ReasonDateOutOfRange, earliest.String(), today.String())
	}
	return nil
}

// checkContributed reports a number of contributed months outside 0..1200
// (a hundred years).
func checkContributed(months int) error {
	if months < 0 || months > 1200 {
		return shebao.Invalid("contributed_months", shebao.ReasonOutOfRange, "0", "1200")
	}
	return nil
}
