package demo

import (
	"context"
	"fmt"
	"math"
	"time"

	"shebao"
	"shebao/rules"
)

// unit creates a unit with n insured employees, each with an employment
// registration and an enrollment item in the month insurance began.
func (l *loader) unit(ctx context.Context, name string, risk, n int) (shebao.Unit, error) {
	u := shebao.Unit{CreditCode: l.g.creditCode(), Name: name, Address: "北京市朝阳区" + places[l.g.r.IntN(len(places))] + "路" + fmt.Sprint(1+l.g.r.IntN(200)) + "号",
		Contact: l.g.name(), Phone: fmt.Sprintf("010-%08d", l.g.r.IntN(1e8)), Industry: trades[l.g.r.IntN(len(trades))],
		RiskClass: risk, Status: shebao.UnitActive, CreatedAt: l.now}
	if err := l.tx.CreateUnit(ctx, &u); err != nil {
		return u, err
	}
	for i := 0; i < n; i++ {
		p, err := l.person(ctx)
		if err != nil {
			return u, err
		}
		created := l.historyDay()
		if err := l.employ(ctx, p, u, created, created.AddDays(-l.g.r.IntN(20)-1)); err != nil {
			return u, err
		}
	}
	return u, nil
}

// historyDay returns a working day in the last HistoryMonths months; later
// months are more likely, as an office's volume grows.
func (l *loader) historyDay() shebao.Date {
	months := l.size.HistoryMonths
	back := months - 1 - int(float64(months)*math.Sqrt(l.g.r.Float64()))
	if back < 0 {
		back = 0
	}
	p := l.today.Period().AddMonths(-back)
	d := p.FirstDay().AddDays(l.g.r.IntN(28))
	if d >= l.today {
		d = l.today.AddDays(-1 - l.g.r.IntN(10))
	}
	return d
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
	return p, l.tx.CreatePerson(ctx, &p)
}

// employ registers p's employment with u and enrolls p on day created,
// through a channel whose share follows the office's move to self-service.
func (l *loader) employ(ctx context.Context, p shebao.Person, u shebao.Unit, created, registered shebao.Date) error {
	reg := shebao.Registration{SourceID: fmt.Sprintf("DEMO-%d-%d", p.ID, u.ID), PersonID: p.ID, UnitID: u.ID,
		Start: registered, RegisteredOn: registered}
	if err := l.register(ctx, &reg); err != nil {
		return err
	}
	period := rules.BusinessPeriod(created, 15)
	wage := shebao.Fen(400000 + l.g.r.IntN(2000000)/100*100)
	pol, err := l.tx.Policy(ctx, period.Year())
	if err != nil {
		return err
	}
	base := rules.ClampBase(wage, pol.BaseFloor, pol.BaseCeiling)
	at := created.Time().Add(time.Duration(8*3600+l.g.r.IntN(9*3600)) * time.Second)
	it := shebao.Item{Type: shebao.ItemEnroll, UnitID: u.ID, PersonID: p.ID, IDNumber: p.IDNumber, Channel: l.channel(created),
		Period: period, Status: shebao.StatusApproved, Wage: wage, Base: base.Base, CreatedBy: l.clerk,
		CreatedAt: at, DecidedAt: at.Add(time.Duration(1+l.g.r.IntN(5)) * time.Second)}
	if it.Channel == shebao.SelfService {
		it.Terminal = "HALL-01"
	}
	if err := l.tx.InsertItem(ctx, &it); err != nil {
		return err
	}
	for _, ins := range shebao.Insurances {
		c := shebao.Coverage{PersonID: p.ID, UnitID: u.ID, Insurance: ins, Status: shebao.CoverageActive,
			FirstPeriod: period, Base: base.Base, ItemID: it.ID}
		if err := l.tx.InsertCoverage(ctx, &c); err != nil {
			return err
		}
	}
	return nil
}

// channel picks a channel for an item created on day d: the counter's share
// falls from about 70% three years ago to about 25% now.
func (l *loader) channel(d shebao.Date) shebao.Channel {
	age := d.Period().MonthsUntil(l.today.Period())
	counterPct := 25 + age*45/36
	switch x := l.g.r.IntN(100); {
	case x < counterPct:
		return shebao.Counter
	case x < counterPct+(100-counterPct)*55/100:
		return shebao.SelfService
	default:
		return shebao.Online
	}
}
