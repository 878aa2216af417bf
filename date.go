package shebao

import (
	"fmt"
	"time"
	_ "time/tzdata" // the office's zone must load on machines without a zoneinfo database
)

// Office is the office's time zone, Asia/Shanghai. Every calendar day and
// business period in shebao is a day or month in this zone.
var Office = mustZone("Asia/Shanghai")

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// Clock tells the time. Everything that depends on "today" takes a Clock (or
// a time passed in by its caller), so that every period rule is testable on
// any day.
type Clock interface {
	Now() time.Time
}

// SystemClock is the real clock.
type SystemClock struct{}

// Now returns the current time.
func (SystemClock) Now() time.Time { return time.Now() }

// FixedDayClock is a clock that reports a fixed office day while letting the
// time of day run, for demos and tests that must happen "on" a given date.
type FixedDayClock struct {
	Day  Date
	Base Clock // the clock whose time of day is kept; SystemClock if nil
}

// Now returns the current time of day on the fixed day.
func (c FixedDayClock) Now() time.Time {
	base := c.Base
	if base == nil {
		base = SystemClock{}
	}
	t := base.Now().In(Office)
	y, m, d := c.Day.Parts()
	return time.Date(y, m, d, t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), Office)
}

// Date is a calendar day in the office's zone, encoded as yyyymmdd
// (20260708), so that dates compare with < and store as integers.
// The zero Date means "no date".
type Date int32

// NewDate returns the date y-m-d. It does not normalise: use Valid to check.
func NewDate(y int, m time.Month, d int) Date { return Date(y*10000 + int(m)*100 + d) }

// DateOf returns the office day on which t falls.
func DateOf(t time.Time) Date {
	y, m, d := t.In(Office).Date()
	return NewDate(y, m, d)
}

// Today returns the office day of c.
func Today(c Clock) Date { return DateOf(c.Now()) }

// Parts returns the year, month and day of d.
func (d Date) Parts() (int, time.Month, int) {
	return int(d) / 10000, time.Month(int(d) / 100 % 100), int(d) % 100
}

// Year returns the year of d.
func (d Date) Year() int { return int(d) / 10000 }

// Day returns the day of the month of d.
func (d Date) Day() int { return int(d) % 100 }

// IsZero reports whether d is the zero Date.
func (d Date) IsZero() bool { return d == 0 }

// Valid reports whether d is a real calendar day between 1800 and 9999.
func (d Date) Valid() bool {
	y, m, dd := d.Parts()
	if y < 1800 || y > 9999 || m < 1 || m > 12 || dd < 1 {
		return false
	}
	return DateOf(d.Time()) == d
}

// Time returns midnight at the start of d in the office's zone.
func (d Date) Time() time.Time {
	y, m, dd := d.Parts()
	return time.Date(y, m, dd, 0, 0, 0, 0, Office)
}

// AddDays returns the day n days after d (before, for negative n).
func (d Date) AddDays(n int) Date {
	y, m, dd := d.Parts()
	return DateOf(time.Date(y, m, dd+n, 12, 0, 0, 0, Office))
}

// DaysUntil returns the number of days from d to e (negative when e is earlier).
func (d Date) DaysUntil(e Date) int {
	y1, m1, d1 := d.Parts()
	y2, m2, d2 := e.Parts()
	a := time.Date(y1, m1, d1, 0, 0, 0, 0, time.UTC)
	b := time.Date(y2, m2, d2, 0, 0, 0, 0, time.UTC)
	return int(b.Sub(a).Hours() / 24)
}

// Period returns the calendar month that contains d.
func (d Date) Period() Period { y, m, _ := d.Parts(); return NewPeriod(y, m) }

// String formats d as 2006-01-02, or "" for the zero Date.
func (d Date) String() string {
	if d == 0 {
		return ""
	}
	y, m, dd := d.Parts()
	return fmt.Sprintf("%04d-%02d-%02d", y, int(m), dd)
}

// ParseDate reads a date written as 2006-01-02 (or 20060102).
func ParseDate(s string) (Date, error) {
	for _, layout := range []string{"2006-01-02", "20060102", "2006/1/2"} {
		if t, err := time.Parse(layout, s); err == nil {
			d := NewDate(t.Year(), t.Month(), t.Day())
			if d.Valid() {
				return d, nil
			}
		}
	}
	return 0, Invalid("", ReasonDateMalformed)
}

// Period is a business period (业务期, 费款所属期): a month, encoded as yyyymm
// (202607), so that periods compare with < and store as integers.
type Period int32

// NewPeriod returns the period of month m of year y.
func NewPeriod(y int, m time.Month) Period { return Period(y*100 + int(m)) }

// Year returns the year of p.
func (p Period) Year() int { return int(p) / 100 }

// Month returns the month of p.
func (p Period) Month() time.Month { return time.Month(int(p) % 100) }

// Valid reports whether p is a month between 1800-01 and 9999-12.
func (p Period) Valid() bool {
	return p.Year() >= 1800 && p.Year() <= 9999 && p.Month() >= 1 && p.Month() <= 12
}

// AddMonths returns the period n months after p (before, for negative n).
func (p Period) AddMonths(n int) Period {
	idx := p.Year()*12 + int(p.Month()) - 1 + n
	return NewPeriod(idx/12, time.Month(idx%12+1))
}

// Next returns the period after p.
func (p Period) Next() Period { return p.AddMonths(1) }

// Prev returns the period before p.
func (p Period) Prev() Period { return p.AddMonths(-1) }

// MonthsUntil returns how many months lie from p to q (q−p; 0 when equal).
func (p Period) MonthsUntil(q Period) int {
	return (q.Year()*12 + int(q.Month())) - (p.Year()*12 + int(p.Month()))
}

// FirstDay returns the first day of p.
func (p Period) FirstDay() Date { return NewDate(p.Year(), p.Month(), 1) }

// LastDay returns the last day of p.
func (p Period) LastDay() Date { return p.Next().FirstDay().AddDays(-1) }

// String formats p as 2006-01, or "" for the zero Period.
func (p Period) String() string {
	if p == 0 {
		return ""
	}
	return fmt.Sprintf("%04d-%02d", p.Year(), int(p.Month()))
}

// ParsePeriod reads a period written as 2006-01 (or 200601); a period
// that is not Valid (such as 0000-01) is malformed.
func ParsePeriod(s string) (Period, error) {
	for _, layout := range []string{"2006-01", "200601", "2006/1"} {
		if t, err := time.Parse(layout, s); err == nil {
			if p := NewPeriod(t.Year(), t.Month()); p.Valid() {
				return p, nil
			}
		}
	}
	return 0, Invalid("", ReasonPeriodMalformed)
}
