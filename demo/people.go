package demo

import (
	"context"
	"fmt"
	"math"
	"time"

	"shebao"
	"shebao/handling"
	"shebao/rules"
)

// unit creates a unit registered with the office on day since.
func (l *loader) unit(ctx context.Context, name string, risk int, since shebao.Date) (shebao.Unit, error) {
	u := shebao.Unit{CreditCode: l.g.creditCode(), Name: name, Address: "北京市朝阳区" + places[l.g.r.IntN(len(places))] + "路" + fmt.Sprint(1+l.g.r.IntN(200)) + "号",
		Contact: l.g.name(), Phone: fmt.Sprintf("010-%08d", l.g.r.IntN(1e8)), Industry: trades[l.g.r.IntN(len(trades))],
		RiskClass: risk, Status: shebao.UnitActive, CreatedAt: since.Time().Add(9 * time.Hour)}
	l.guide.Units++
	return u, l.tx.CreateUnit(ctx, &u)
}

// workforce plans n employees of u, each registered and then enrolled on a
// day of the history. When others is not nil, about one in ten later
// leaves (stop), and half of those resume at another of these units.
func (l *loader) workforce(ctx context.Context, u shebao.Unit, n int, others []shebao.Unit) error {
	for i := 0; i < n; i++ {
		p, err := l.person(ctx)
		if err != nil {
			return err
		}
		day := l.enroll(p, u, l.historyMonth())
		if others == nil || l.g.r.IntN(10) > 0 {
			continue
		}
		stop, ok := l.stop(p, u, day.AddDays(60+l.g.r.IntN(540)), day)
		if !ok || l.g.r.IntN(2) == 0 {
			continue
		}
		l.resume(p, others[l.g.r.IntN(len(others))], stop)
	}
	return nil
}

// enroll plans p's registration with u and p's enrollment in month m (or,
// when no day of m serves, another month of the history), through a
// channel of that month's mix, and returns the enrollment's day.
func (l *loader) enroll(p shebao.Person, u shebao.Unit, m shebao.Period) shebao.Date {
	for {
		ch := l.channel(m)
		day, ok := l.dayIn(m, ch, m.FirstDay())
		if !ok {
			m = l.historyMonth()
			continue
		}
		l.employ(p, u, day, day.AddDays(-1-l.g.r.IntN(20)), ch, l.wage(day))
		return day
	}
}

// employ plans p's registration with u on day on and p's enrollment on day
// through channel ch.
func (l *loader) employ(p shebao.Person, u shebao.Unit, day, on shebao.Date, ch shebao.Channel, wage shebao.Fen) {
	l.register(p, u, on, 0, day)
	l.item(day, u, ch, handling.Request{Type: shebao.ItemEnroll, IDNumber: p.IDNumber, Wage: wage})
}

// register plans the employment system's push of p's registration with u
// made on day on (and ended on end, if not 0), by day by at the latest.
func (l *loader) register(p shebao.Person, u shebao.Unit, on, end, by shebao.Date) {
	src := fmt.Sprintf("DEMO-%d-%d", p.ID, u.ID)
	if l.regs == nil {
		l.regs = map[string]shebao.Date{}
	}
	if _, ok := l.regs[src]; !ok {
		l.regs[src] = on
	}
	from := on
	if end != 0 {
		from = end
	}
	l.pushes = append(l.pushes, push{rec: registration(src, p, u, on, on, end), from: from, by: by})
}

// stop plans p's leaving u in the month of day from, after day after: the
// employment system ends the registration, and the unit stops p's
// insurance the same day. ok is false when that day is not yet past.
func (l *loader) stop(p shebao.Person, u shebao.Unit, from, after shebao.Date) (shebao.Date, bool) {
	m := from.Period()
	ch := l.channel(m)
	day, ok := l.dayIn(m, ch, max(m.FirstDay(), after.AddDays(30)))
	if !ok {
		return 0, false
	}
	on := l.regs[fmt.Sprintf("DEMO-%d-%d", p.ID, u.ID)]
	l.register(p, u, on, max(day.AddDays(-l.g.r.IntN(5)), on), l.today.AddDays(-1))
	reason := shebao.StopResignation
	if l.g.r.IntN(5) == 0 {
		reason = shebao.StopDismissal
	}
	l.item(day, u, ch, handling.Request{Type: shebao.ItemStop, IDNumber: p.IDNumber, StopReason: reason})
	return day, true
}

// resume plans p's registration with u and p's resumption there a few
// weeks to months after stopping on day stopped, if that is past.
func (l *loader) resume(p shebao.Person, u shebao.Unit, stopped shebao.Date) {
	m := stopped.AddDays(20 + l.g.r.IntN(200)).Period()
	ch := l.channel(m)
	day, ok := l.dayIn(m, ch, max(m.FirstDay(), stopped.AddDays(20)))
	if !ok {
		return
	}
	if _, seen := l.regs[fmt.Sprintf("DEMO-%d-%d", p.ID, u.ID)]; seen {
		return // back at a unit p has left: not in the demo's plan
	}
	on := max(day.AddDays(-1-l.g.r.IntN(10)), stopped.AddDays(1))
	l.register(p, u, on, 0, day)
	l.item(day, u, ch, handling.Request{Type: shebao.ItemResume, IDNumber: p.IDNumber, Wage: l.wage(day)})
}

// item plans an item of u submitted on day through channel ch.
func (l *loader) item(day shebao.Date, u shebao.Unit, ch shebao.Channel, r handling.Request) {
	r.UnitID = u.ID
	l.h.add(event{at: at(day, l.g.r.IntN(8*3600)), kind: evItem, actor: l.actor(u, ch), req: r})
}

// historyMonth returns the month of a random day of the history; later
// days are more likely, as an office's volume grows (twice as many items a
// day at the end as at the start).
func (l *loader) historyMonth() shebao.Period {
	days := l.since.DaysUntil(l.today)
	x := math.Sqrt(1+3*l.g.r.Float64()) - 1 // density ∝ 1+x on [0, 1)
	return l.since.AddDays(int(x * float64(days))).Period()
}

// dayIn returns a working day of month m, not before from and before today,
// on which channel ch serves: the counter takes items on days 1 to the
// policy's counter day only (rules.CounterOpen), self-service all month.
func (l *loader) dayIn(m shebao.Period, ch shebao.Channel, from shebao.Date) (shebao.Date, bool) {
	var days []shebao.Date
	for d := max(from, m.FirstDay()); d <= m.LastDay() && d < l.today; d = d.AddDays(1) {
		wd := d.Time().Weekday()
		if wd == time.Saturday || wd == time.Sunday {
			continue
		}
		if ch == shebao.Counter && !rules.CounterOpen(d, defaults.CounterLastDay) {
			continue
		}
		days = append(days, d)
	}
	if len(days) == 0 {
		return 0, false
	}
	return days[l.g.r.IntN(len(days))], true
}

// defaults is the demo's policy apart from its wages: its cutoff and
// counter days are every year's.
var defaults = rules.DefaultPolicy(2026, 0)

// channel picks the channel of an item in month m: the office's move to
// self-service, from about 10% of items at the start of the history to
// 45% at its end, online from 20% to 30%, the counter the rest.
func (l *loader) channel(m shebao.Period) shebao.Channel {
	span := max(l.size.HistoryMonths-1, 1)
	t := min(max(span-m.MonthsUntil(l.today.Period()), 0), span) // months since the history began
	self, online := 10+35*t/span, 20+10*t/span
	switch x := l.g.r.IntN(100); {
	case x < self:
		return shebao.SelfService
	case x < self+online:
		return shebao.Online
	default:
		return shebao.Counter
	}
}

// wage returns a declared monthly wage for an item on day: spread around
// the year's average wage (median about 90% of it, from a third to four
// times), in whole hundreds of yuan.
func (l *loader) wage(day shebao.Date) shebao.Fen {
	pct := int64(100 * math.Exp(0.45*l.g.r.NormFloat64()-0.1))
	pct = min(max(pct, 33), 400)
	return max(avgWage(day.Year())*shebao.Fen(pct)/100/10000*10000, 100000)
}

func (l *loader) person(ctx context.Context) (shebao.Person, error) {
	sex := shebao.Male
	if l.g.r.IntN(2) == 0 {
		sex = shebao.Female
	}
	id := l.g.idNumber(1966, 2004, sex)
	info, err := rules.ParseIDNumber(id, l.today)
	if err != nil {
		return shebao.Person{}, err
	}
	p := shebao.Person{IDNumber: id, Name: l.g.name(), Sex: info.Sex, BirthDate: info.Birth,
		Phone: fmt.Sprintf("13%09d", l.g.r.IntN(1e9))}
	if sex == shebao.Female {
		p.PostCategory = []shebao.PostCategory{shebao.PostCadre, shebao.PostWorker}[l.g.r.IntN(2)]
	}
	l.guide.Persons++
	return p, l.tx.CreatePerson(ctx, &p)
}
