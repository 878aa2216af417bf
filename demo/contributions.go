package demo

import (
	"context"
	"fmt"

	"shebao"
	"shebao/rules"
)

// contributionCases adds the tour's back-pay case and opens a base
// declaration window around today.
func (l *loader) contributionCases(ctx context.Context, a shebao.Unit) error {
	id, err := l.backpayCase(ctx, a)
	if err != nil {
		return err
	}
	l.guide.Backpay = id
	return l.declarationWindow(ctx)
}

// backpayCase creates an employee of a registered eight months ago but
// insured only from two months ago: the months between can be back-paid.
func (l *loader) backpayCase(ctx context.Context, a shebao.Unit) (string, error) {
	p, err := l.person(ctx)
	if err != nil {
		return "", err
	}
	start := l.today.Period().AddMonths(-8).FirstDay().AddDays(4)
	reg := shebao.Registration{SourceID: fmt.Sprintf("DEMO-%d-%d", p.ID, a.ID), PersonID: p.ID, UnitID: a.ID,
		Start: start, RegisteredOn: start}
	if err := l.register(ctx, &reg); err != nil {
		return "", err
	}
	first := l.today.Period().AddMonths(-2)
	pol, err := l.tx.Policy(ctx, first.Year())
	if err != nil {
		return "", err
	}
	base := rules.ClampBase(900000, pol.BaseFloor, pol.BaseCeiling).Base
	at := first.FirstDay().Time().Add(10 * 3600e9)
	it := shebao.Item{Type: shebao.ItemEnroll, UnitID: a.ID, PersonID: p.ID, IDNumber: p.IDNumber, Channel: shebao.Online,
		Period: first, Status: shebao.StatusApproved, Wage: 900000, Base: base, CreatedBy: l.clerk, CreatedAt: at, DecidedAt: at}
	if err := l.tx.InsertItem(ctx, &it); err != nil {
		return "", err
	}
	for _, ins := range shebao.Insurances {
		c := shebao.Coverage{PersonID: p.ID, UnitID: a.ID, Insurance: ins, Status: shebao.CoverageActive,
			FirstPeriod: first, Base: base, ItemID: it.ID}
		if err := l.tx.InsertCoverage(ctx, &c); err != nil {
			return "", err
		}
	}
	return p.IDNumber, nil
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
