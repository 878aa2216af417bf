package demo

import (
	"context"

	"shebao"
	"shebao/rules"
)

// backpayCase creates an employee of a registered eight months ago but
// insured only from two months ago: the months between can be back-paid.
func (l *loader) backpayCase(ctx context.Context, a shebao.Unit) error {
	p, err := l.person(ctx)
	if err != nil {
		return err
	}
	first := l.today.Period().AddMonths(-2)
	day, _ := l.dayIn(first, shebao.Online, first.FirstDay())
	for rules.BusinessPeriod(day, defaults.CutoffDay) != first { // the item's period is first
		day, _ = l.dayIn(first, shebao.Online, first.FirstDay())
	}
	l.employ(p, a, day, l.today.Period().AddMonths(-8).FirstDay().AddDays(4), shebao.Online, 900000)
	l.guide.Backpay = p.IDNumber
	return nil
}

// closings plans the office's assessment of each of the CloseMonths
// periods before the current one, run and closed on the period's 16th day,
// when the period's last items are in; the units pay each closed period
// but the last two on its 25th day, which a clerk records.
func (l *loader) closings(units []int64) {
	cur := rules.BusinessPeriod(l.today, defaults.CutoffDay)
	for i := l.size.CloseMonths; i >= 1; i-- {
		p := cur.AddMonths(-i)
		t := at(p.FirstDay().AddDays(15), -5400)
		if t.After(l.now) {
			t = l.now
		}
		l.h.add(event{at: t, kind: evClose, period: p})
		if i > 2 {
			l.h.add(event{at: at(p.FirstDay().AddDays(24), 3600), kind: evPaid, period: p, actor: l.clerk, units: units})
		}
	}
}

// declarationWindow makes base declaration open on the demo's day: when
// this year's window (July) does not contain today, next year's policy
// gets a new version whose window runs from a week ago to three weeks
// ahead, its bases applying from January.
func (l *loader) declarationWindow(ctx context.Context) error {
	cur, err := l.tx.Policy(ctx, l.today.Year())
	if err != nil {
		return err
	}
	if cur.DeclareFrom <= l.today && l.today <= cur.DeclareTo {
		return nil
	}
	next, err := l.tx.Policy(ctx, l.today.Year()+1)
	if err != nil {
		return err
	}
	next.DeclareFrom, next.DeclareTo, next.BaseFromMonth = l.today.AddDays(-7), l.today.AddDays(21), 1
	return l.tx.SavePolicy(ctx, &next)
}
