package stats

import (
	"strconv"
	"strings"

	"shebao"
)

// MaxMonths bounds the range of one report: five years of months.
const MaxMonths = 60

// The fields that range errors name (the form's from and to).
const (
	FieldFrom = "month_from"
	FieldTo   = "month_to"
)

// DefaultMonths is the range shown when none is asked for: the last twelve
// months up to this one.
const DefaultMonths = 12

// Reasons of the statistics, with messages in i18n/stats.go.
const (
	ReasonRangeTooLong  = "STATS_RANGE_TOO_LONG" // args: the months asked for, the maximum
	ReasonRangeReversed = "STATS_RANGE_REVERSED" // args: from, to
)

// ParseRange reads a report's range from the form's from and to (YYYY-MM).
// Empty values default to the DefaultMonths months ending in today's month
// (an empty from: the DefaultMonths months ending in to). Errors, EINVALID
// naming FieldFrom or FieldTo: a malformed month (ReasonPeriodMalformed), a month after
// today's (ReasonPeriodFuture), one before 2000 (ReasonOutOfRange), an end before the start
// (ReasonRangeReversed, field to), more than MaxMonths months
// (ReasonRangeTooLong, field from).
func ParseRange(fromText, toText string, today shebao.Date) (shebao.Period, shebao.Period, error) {
	this := today.Period()
	to := this
	if s := strings.TrimSpace(toText); s != "" {
		p, err := parseMonth(s, FieldTo, this)
		if err != nil {
			return 0, 0, err
		}
		to = p
	}
	from := to.AddMonths(1 - DefaultMonths)
	if s := strings.TrimSpace(fromText); s != "" {
		p, err := parseMonth(s, FieldFrom, this)
		if err != nil {
			return 0, 0, err
		}
		from = p
	}
	if to < from {
		return 0, 0, shebao.Invalid(FieldTo, ReasonRangeReversed, from.String(), to.String())
	}
	if n := from.MonthsUntil(to) + 1; n > MaxMonths {
		return 0, 0, shebao.Invalid(FieldFrom, ReasonRangeTooLong, strconv.Itoa(n), strconv.Itoa(MaxMonths))
	}
	return from, to, nil
}

// earliest is the first month a report may show.
const earliest shebao.Period = 200001

// parseMonth reads one month of the range.
func parseMonth(s, field string, this shebao.Period) (shebao.Period, error) {
	if len(s) > 10 {
		return 0, shebao.Invalid(field, shebao.ReasonPeriodMalformed)
	}
	p, err := shebao.ParsePeriod(s)
	if err != nil || !p.Valid() {
		return 0, shebao.Invalid(field, shebao.ReasonPeriodMalformed)
	}
	if p < earliest {
		return 0, shebao.Invalid(field, shebao.ReasonOutOfRange, earliest.String(), this.String())
	}
	if p > this {
		return 0, shebao.Invalid(field, shebao.ReasonPeriodFuture)
	}
	return p, nil
}
