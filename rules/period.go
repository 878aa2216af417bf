package rules

import "shebao"

// BusinessPeriod returns the business period (业务期) that an item handled
// on today belongs to: days 1..cutoffDay belong to this month's period,
// later days to the next month's (so 16 December belongs to January of the
// next year when the cutoff is 15). The cutoff day is local configuration,
// shebao.Policy.CutoffDay (docs/RULES.md#business-periods).
func BusinessPeriod(today shebao.Date, cutoffDay int) shebao.Period {
	return shebao.Policy{CutoffDay: cutoffDay}.PeriodOf(today)
}

// CounterOpen reports whether the counter takes increase/decrease items
// (enrolment, resumption, stop) on today: only on days 1..lastDay of the
// month, shebao.Policy.CounterLastDay (docs/RULES.md#channels).
// Self-service and online channels take them all month.
func CounterOpen(today shebao.Date, lastDay int) bool {
	return today.Day() >= 1 && today.Day() <= lastDay
}
