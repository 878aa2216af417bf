package stats

import (
	"strconv"
	"time"
)

// Ratio is an exact fraction Num/Den of item counts. Percentages are
// computed from it with integers only and rounded half away from zero to
// one decimal, so that the figures a test counts by hand come out exactly.
type Ratio struct {
	Num, Den int64
}

// Tenths returns the ratio in tenths of a percent (125 for 12.5%), rounded
// half away from zero; false when Den is 0.
func (r Ratio) Tenths() (int64, bool) {
	if r.Den == 0 {
		return 0, false
	}
	num, den := r.Num, r.Den
	if den < 0 {
		num, den = -num, -den
	}
	neg := num < 0
	if neg {
		num = -num
	}
	q := (2000*num + den) / (2 * den)
	if neg {
		q = -q
	}
	return q, true
}

// Percent formats the ratio as a percentage with one decimal ("12.5%"),
// or "—" when Den is 0.
func (r Ratio) Percent() string {
	t, ok := r.Tenths()
	if !ok {
		return "—"
	}
	return tenths(t) + "%"
}

// Change is a count against its base: month on month, or against the same
// month a year earlier.
type Change struct {
	Cur, Base int
}

// Ratio returns the growth (Cur−Base)/Base.
func (c Change) Ratio() Ratio { return Ratio{Num: int64(c.Cur - c.Base), Den: int64(c.Base)} }

// Percent formats the growth with its sign and one decimal ("+12.5%",
// "-3.0%", "0.0%"), or "—" when the base is 0: growth from nothing has no
// percentage.
func (c Change) Percent() string {
	t, ok := c.Ratio().Tenths()
	if !ok {
		return "—"
	}
	s := tenths(t) + "%"
	if t > 0 {
		s = "+" + s
	}
	return s
}

// tenths formats t tenths as a decimal with one place.
func tenths(t int64) string {
	sign := ""
	if t < 0 {
		sign, t = "-", -t
	}
	return sign + strconv.FormatInt(t/10, 10) + "." + strconv.FormatInt(t%10, 10)
}

// FormatDuration writes a time from submission to decision as m:ss, or
// h:mm:ss from an hour on, rounded to the second: the same in every
// language.
func FormatDuration(d time.Duration) string {
	s := int64((d + time.Second/2) / time.Second)
	h, m, sec := s/3600, s/60%60, s%60
	two := func(n int64) string {
		if n < 10 {
			return "0" + strconv.FormatInt(n, 10)
		}
		return strconv.FormatInt(n, 10)
	}
	if h > 0 {
		return strconv.FormatInt(h, 10) + ":" + two(m) + ":" + two(sec)
	}
	return strconv.FormatInt(m, 10) + ":" + two(sec)
}

// AvgText is the channel's average time to decision, as FormatDuration writes it.
func (c ChannelSummary) AvgText() string { return FormatDuration(c.Avg) }

// P95Text is the channel's 95th-percentile time to decision, as FormatDuration writes it.
func (c ChannelSummary) P95Text() string { return FormatDuration(c.P95) }
