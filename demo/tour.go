package demo

import (
	"context"
	"errors"

	"shebao"
	"shebao/employment"
)

// tourCases creates the people the README's tour uses, one per rule, and
// plans the registrations and items that put them in their state today.
func (l *loader) tourCases(ctx context.Context, a, b shebao.Unit) error {
	g := &l.guide
	for i := 0; i < 3; i++ {
		p, err := l.person(ctx)
		if err != nil {
			return err
		}
		on := l.today.AddDays(-10)
		l.register(p, a, on, 0, l.today.AddDays(-1))
		g.Enroll = append(g.Enroll, p.IDNumber)
	}
	p, err := l.person(ctx)
	if err != nil {
		return err
	}
	g.NoRegistration = p.IDNumber
	if p, err = l.person(ctx); err != nil {
		return err
	}
	l.h.add(event{at: l.now, kind: evRegister, regs: []employment.Record{registration(todaySource, p, a, l.today, l.today, 0)}})
	g.RegisteredToday = p.IDNumber
	if g.InsuredElsewhere, err = l.insuredElsewhere(ctx, a, b); err != nil {
		return err
	}
	for i := 0; i < 2; i++ {
		id, err := l.stoppedEarlier(ctx, a, b)
		if err != nil {
			return err
		}
		g.Resume = append(g.Resume, id)
	}
	return nil
}

// insuredElsewhere creates a person insured at b for about a year who has
// just been registered with a: a cannot enroll them until b stops.
func (l *loader) insuredElsewhere(ctx context.Context, a, b shebao.Unit) (string, error) {
	p, err := l.person(ctx)
	if err != nil {
		return "", err
	}
	l.enroll(p, b, l.today.AddDays(-400).Period())
	on := l.today.AddDays(-5)
	l.register(p, a, on, 0, l.today.AddDays(-1))
	return p.IDNumber, nil
}

// stoppedEarlier creates a person once insured at b, who left about half a
// year ago and is now registered with a: a can resume their insurance.
func (l *loader) stoppedEarlier(ctx context.Context, a, b shebao.Unit) (string, error) {
	p, err := l.person(ctx)
	if err != nil {
		return "", err
	}
	start := l.enroll(p, b, l.today.AddDays(-900).Period())
	if _, ok := l.stop(p, b, l.today.AddDays(-180), start); !ok {
		return "", errNotPast
	}
	on := l.today.AddDays(-5)
	l.register(p, a, on, 0, l.today.AddDays(-1))
	return p.IDNumber, nil
}

// errNotPast reports a tour case planned on a day that is not yet past: a
// bug of the plan.
var errNotPast = errors.New("demo: a tour case's day is not past")
