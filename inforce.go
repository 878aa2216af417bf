package shebao

import (
	"context"
	"strconv"
)

// PolicyReader reads the contribution policy of a year (Tx has it): the
// newest version, ENOTFOUND when the year has none.
type PolicyReader interface {
	Policy(ctx context.Context, year int) (Policy, error)
}

// InForce is the office's calendar on a day: the business period that the
// day's items belong to and the policy in force for that period.
type InForce struct {
	Day    Date
	Period Period
	Policy Policy
}

// PolicyInForce returns the policy in force for business on day and day's
// business period. It is the one owner of both (docs/ARCHITECTURE.md):
//
//   - The policy of a year is that year's newest version; while a year's
//     policy is not yet published, the previous year's stays in force. With
//     neither, EREFUSED ReasonNoPolicy (args: the year): nothing is handled
//     without a policy.
//   - The cutoff day is read from the policy in force for day's year: days
//     1..CutoffDay belong to this month's period, later days to the next
//     month's (Policy.PeriodOf).
//   - The policy returned is the one in force for the period's year, so on
//     16 December it is next year's once published.
func PolicyInForce(ctx context.Context, r PolicyReader, day Date) (InForce, error) {
	p, err := policyOfYear(ctx, r, day.Year())
	if err != nil {
		return InForce{}, err
	}
	f := InForce{Day: day, Period: p.PeriodOf(day), Policy: p}
	if y := f.Period.Year(); y != day.Year() {
		if f.Policy, err = policyOfYear(ctx, r, y); err != nil {
			return InForce{}, err
		}
	}
	return f, nil
}

// PolicyYears returns the years whose policies PolicyInForce may read for
// day: the year before day's (its policy stays in force until day's year
// has one) to the year of day's business period, which is day's month or
// the next (PeriodOf), so the next year only in December.
func PolicyYears(day Date) (from, to int) {
	return day.Year() - 1, day.Period().Next().Year()
}

// policyOfYear returns year's policy, or the previous year's while year's
// is not yet published.
func policyOfYear(ctx context.Context, r PolicyReader, year int) (Policy, error) {
	for y := year; y >= year-1; y-- {
		p, err := r.Policy(ctx, y)
		if ErrorCode(err) == ENOTFOUND {
			continue
		}
		return p, err
	}
	return Policy{}, Refused(ReasonNoPolicy, strconv.Itoa(year))
}

// PeriodOf returns the business period (业务期) of an item handled on day
// under the policy's cutoff day: days 1..CutoffDay belong to this month's
// period, later days to the next month's (16 December belongs to January).
func (p Policy) PeriodOf(day Date) Period {
	if day.Day() > p.CutoffDay {
		return day.Period().Next()
	}
	return day.Period()
}

// BusinessPeriod returns day's business period (PolicyInForce).
func BusinessPeriod(ctx context.Context, r PolicyReader, day Date) (Period, error) {
	f, err := PolicyInForce(ctx, r, day)
	return f.Period, err
}
