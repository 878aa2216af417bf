package demo

import (
	"context"
	"fmt"
	"time"

	"shebao"
	"shebao/rules"
)

// tourCases creates the people the README's tour uses, one per rule.
func (l *loader) tourCases(ctx context.Context, a, b shebao.Unit) error {
	g := &l.guide
	for i := 0; i < 3; i++ {
		p, err := l.registered(ctx, a, l.today.AddDays(-10))
		if err != nil {
			return err
		}
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
	reg := shebao.Registration{SourceID: "DEMO-TODAY", PersonID: p.ID, UnitID: a.ID, Start: l.today, RegisteredOn: l.today}
	if err := l.register(ctx, &reg); err != nil {
		return err
	}
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
	roster, _, err := l.tx.Roster(ctx, a.ID, "", 3, 0)
	if err != nil {
		return err
	}
	for _, e := range roster {
		g.Stop = append(g.Stop, e.Person.IDNumber)
	}
	return nil
}

// registered creates a person registered with u on the given day.
func (l *loader) registered(ctx context.Context, u shebao.Unit, on shebao.Date) (shebao.Person, error) {
	p, err := l.person(ctx)
	if err != nil {
		return p, err
	}
	reg := shebao.Registration{SourceID: fmt.Sprintf("DEMO-%d-%d", p.ID, u.ID), PersonID: p.ID, UnitID: u.ID, Start: on, RegisteredOn: on}
	return p, l.register(ctx, &reg)
}

// insuredElsewhere creates a person insured at b who has just been
// registered with a: a cannot enroll them until b stops.
func (l *loader) insuredElsewhere(ctx context.Context, a, b shebao.Unit) (string, error) {
	p, err := l.person(ctx)
	if err != nil {
		return "", err
	}
	if err := l.employ(ctx, p, b, l.today.AddDays(-400), l.today.AddDays(-410)); err != nil {
		return "", err
	}
	reg := shebao.Registration{SourceID: fmt.Sprintf("DEMO-%d-%d", p.ID, a.ID), PersonID: p.ID, UnitID: a.ID,
		Start: l.today.AddDays(-5), RegisteredOn: l.today.AddDays(-5)}
	return p.IDNumber, l.register(ctx, &reg)
}

// stoppedEarlier creates a person once insured at b, stopped half a year
// ago, and now registered with a: a can resume their insurance.
func (l *loader) stoppedEarlier(ctx context.Context, a, b shebao.Unit) (string, error) {
	p, err := l.person(ctx)
	if err != nil {
		return "", err
	}
	start := l.today.AddDays(-900)
	if err := l.employ(ctx, p, b, start, start.AddDays(-5)); err != nil {
		return "", err
	}
	stopDay := l.today.AddDays(-180)
	period := rules.BusinessPeriod(stopDay, 15)
	ended := shebao.Registration{SourceID: fmt.Sprintf("DEMO-%d-%d", p.ID, b.ID), PersonID: p.ID, UnitID: b.ID,
		Start: start.AddDays(-5), RegisteredOn: start.AddDays(-5), End: stopDay}
	if err := l.register(ctx, &ended); err != nil {
		return "", err
	}
	if _, err := l.tx.StopCoverages(ctx, p.ID, b.ID, period.Prev()); err != nil {
		return "", err
	}
	at := stopDay.Time().Add(10 * time.Hour)
	it := shebao.Item{Type: shebao.ItemStop, UnitID: b.ID, PersonID: p.ID, IDNumber: p.IDNumber, Channel: shebao.Counter,
		Period: period, Status: shebao.StatusApproved, StopReason: shebao.StopResignation, CreatedBy: l.clerk,
		CreatedAt: at, DecidedAt: at.Add(2 * time.Second)}
	if err := l.tx.InsertItem(ctx, &it); err != nil {
		return "", err
	}
	reg := shebao.Registration{SourceID: fmt.Sprintf("DEMO-%d-%d", p.ID, a.ID), PersonID: p.ID, UnitID: a.ID,
		Start: l.today.AddDays(-5), RegisteredOn: l.today.AddDays(-5)}
	return p.IDNumber, l.register(ctx, &reg)
}
