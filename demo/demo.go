// Package demo builds a district — units, people, months of history, and
// the cases that show each handling rule — through the system's own
// services, with the clock set to each day of its history (history.go), so
// that `shebao demo` feels like a real office on the first run and obeys
// every rule the services enforce. `shebao seed` builds bigger districts
// the same way.
package demo

import (
	"context"
	"time"

	"shebao"
	"shebao/auth"
	"shebao/employment"
	"shebao/rules"
)

// demoKioskSecret is the demo terminal's enrolment secret (only its hash
// is stored).
const demoKioskSecret = "demo-kiosk-secret"

// Password is every demo account's password.
const Password = "Shebao2026"

// Guide tells a new user which login and which person shows which rule.
type Guide struct {
	Today            string
	UnitA, UnitB     string   // names of the two tour units
	UnitACode        string   // unit A's credit code
	OperatorA        string   // operator of unit A
	OperatorB        string   // operator of unit B
	FirstLogin       string   // an operator of unit A whose office-issued password must be changed
	Clerk, Reviewer  string   // staff
	Admin            string   // staff
	Enroll           []string // registered with unit A, never insured: enrollment passes
	NoRegistration   string   // no employment registration: 无此人就业备案信息
	RegisteredToday  string   // registered with unit A today: come back tomorrow
	InsuredElsewhere string   // insured at unit B, registered with unit A
	Resume           []string // insured before, stopped, registered with unit A
	Stop             []string // active employees of unit A
	Backpay          string   // registered with unit A 8 months ago, insured from 2 months ago: back-pay
	RetirementShort  string   // a man of unit A turning 60 soon, short of the minimum contribution years
	RetirementNoPost string   // a woman of unit A whose post category is unknown
	Terminal         string   // kiosk terminal code
	TerminalSecret   string

	Persons, Units int        `json:"-"` // the district's size
	Mix            []MonthMix `json:"-"` // the history's items, month by month
}

// MonthMix counts a month's items by channel.
type MonthMix struct {
	Month shebao.Period
	Items map[shebao.Channel]int
}

// Size sets how big the district is.
type Size struct {
	Units         int // units besides the two tour units
	PeoplePerUnit int // average insured employees per unit
	HistoryMonths int // months of item history
	CloseMonths   int // periods before the current one assessed and closed, each on its 16th day
}

// DefaultSize is the size of `shebao demo`'s district.
var DefaultSize = Size{Units: 40, PeoplePerUnit: 45, HistoryMonths: 36, CloseMonths: 3}

// Load fills an empty database with the demo district as of today. Account
// passwords are hashed at the given bcrypt cost (0 for the default).
func Load(ctx context.Context, store shebao.Store, clock shebao.Clock, size Size, cost int) (Guide, error) {
	return Build(ctx, store, clock, size, cost, nil)
}

// Build is Load telling progress after each chunk of units. Master data
// (policies, accounts, units, persons) is written directly; everything that
// happens to them goes through the services.
//
// The history is planned and carried out a chunk of units at a time
// (chunkPersons people, their registrations and items), so that memory
// holds one chunk's plan, not the district's: each chunk is played in time
// order through its months; the office's closings are played with the last
// chunk, once every chunk's items are in. A person's whole history (enrolment,
// stop, resumption at another unit) is planned within their first unit's
// chunk. A district of one chunk (the demo's) is loaded in one transaction.
func Build(ctx context.Context, store shebao.Store, clock shebao.Clock, size Size, cost int, progress Progress) (Guide, error) {
	now := clock.Now()
	today := shebao.DateOf(now)
	hash, err := auth.HashPassword(Password, cost)
	if err != nil {
		return Guide{}, err
	}
	l := &loader{today: today, now: now, hash: hash, size: size,
		since: today.Period().AddMonths(-size.HistoryMonths + 1).FirstDay()}
	per := max(chunkPersons/max(size.PeoplePerUnit, 1), 1) // units per chunk
	mix := map[shebao.Period]map[shebao.Channel]int{}
	for c, last := 0, false; !last; c++ {
		var state []byte
		persons := l.guide.Persons
		if c > 0 {
			if state, err = l.g.src.MarshalBinary(); err != nil {
				return Guide{}, err
			}
		}
		plan := func(tx shebao.Tx) error {
			if c == 0 {
				l.reset(tx)
				if err := l.master(ctx); err != nil {
					return err
				}
			} else {
				l.tx, l.h, l.regs, l.pushes, l.guide.Persons = tx, history{}, nil, nil, persons
				if err := l.g.src.UnmarshalBinary(state); err != nil {
					return err
				}
			}
			chunk := l.units[min(c*per, len(l.units)):min((c+1)*per, len(l.units))]
			last = (c+1)*per >= len(l.units)
			if err := l.plan(ctx, c == 0, chunk, last); err != nil {
				return err
			}
			l.h.schedulePushes(l.pushes)
			return nil
		}
		finish := func(tx shebao.Tx) error {
			if !last {
				return nil
			}
			l.tx = tx
			return l.finish(ctx)
		}
		if err := l.h.run(ctx, store, plan, finish); err != nil {
			return l.guide, err
		}
		l.h.count(mix, l.since.Period())
		if progress != nil {
			progress(min((c+1)*per, len(l.units)), len(l.units))
		}
	}
	l.h = history{}
	l.guide.Mix = mixOf(mix)
	return l.guide, nil
}

// chunkPersons is about how many people's histories a chunk of Build plans
// and holds in memory at once.
const chunkPersons = 5000

// Refresh re-dates the tour's "registered today" registration to today, as
// the employment system would push it, so that the tour shows that rule on
// every day the demo is started.
func Refresh(ctx context.Context, store shebao.Store, clock shebao.Clock, g Guide) error {
	today := shebao.Today(clock)
	var p shebao.Person
	var a shebao.Unit
	err := store.View(ctx, func(tx shebao.Tx) error {
		var err error
		if p, err = tx.PersonByIDNumber(ctx, g.RegisteredToday); err != nil {
			return err
		}
		a, err = tx.UnitByCreditCode(ctx, g.UnitACode)
		return err
	})
	if err != nil {
		return err
	}
	s := &employment.Service{Store: store, Clock: clock}
	_, err = s.Push(ctx, []employment.Record{registration(todaySource, p, a, today, today, 0)})
	return err
}

// todaySource is the source ID of the tour's "registered today" registration.
const todaySource = "DEMO-TODAY"

// loader holds the state of one Load.
type loader struct {
	tx     shebao.Tx
	g      *gen
	h      history
	today  shebao.Date
	now    time.Time
	since  shebao.Date // the first day of the item history
	hash   string
	size   Size
	guide  Guide
	clerk  shebao.Actor
	ops    map[int64]shebao.Actor // unit → its operator, online
	regs   map[string]shebao.Date // registration source ID → the day it was made, in this chunk
	pushes []push                 // the registrations the employment system will send, in this chunk
	a      shebao.Unit            // the tour's unit A
	units  []shebao.Unit          // the other units, unit B first
}

// reset starts a plan afresh in tx: the same seed makes the same plan.
func (l *loader) reset(tx shebao.Tx) {
	l.tx, l.g, l.h, l.guide, l.ops, l.regs, l.pushes, l.units = tx, newGen(l.today), history{}, Guide{}, nil, nil, nil, nil
}

// master writes the master data: policies, staff, the kiosk, the units and
// their operators.
func (l *loader) master(ctx context.Context) error {
	if err := l.policies(ctx); err != nil {
		return err
	}
	if err := l.staff(ctx); err != nil {
		return err
	}
	if err := l.terminal(ctx); err != nil {
		return err
	}
	a, err := l.unit(ctx, "示范科技有限公司", 2, l.tourSince())
	if err != nil {
		return err
	}
	b, err := l.unit(ctx, "东方物流有限公司", 4, l.tourSince())
	if err != nil {
		return err
	}
	l.guide.UnitA, l.guide.UnitB, l.guide.UnitACode, l.guide.Today = a.Name, b.Name, a.CreditCode, l.today.String()
	if l.guide.FirstLogin, err = l.operator(ctx, a, "demo-new", true); err != nil {
		return err
	}
	if l.guide.OperatorA, err = l.operator(ctx, a, "demo-a", false); err != nil {
		return err
	}
	if l.guide.OperatorB, err = l.operator(ctx, b, "demo-b", false); err != nil {
		return err
	}
	l.a, l.units = a, []shebao.Unit{b}
	for i := 0; i < l.size.Units; i++ {
		u, err := l.unit(ctx, l.g.unitName(), 1+l.g.r.IntN(8), l.since)
		if err != nil {
			return err
		}
		if _, err := l.operator(ctx, u, "op"+u.CreditCode[8:17], false); err != nil {
			return err
		}
		l.units = append(l.units, u)
	}
	return nil
}

// plan creates the people of a chunk of units and plans their history;
// the first chunk also has unit A's people and the tour's cases, the last
// the office's closings.
func (l *loader) plan(ctx context.Context, first bool, chunk []shebao.Unit, last bool) error {
	if first {
		if err := l.workforce(ctx, l.a, l.size.PeoplePerUnit, nil); err != nil {
			return err
		}
	}
	for _, u := range chunk {
		if err := l.workforce(ctx, u, l.size.PeoplePerUnit/2+l.g.r.IntN(l.size.PeoplePerUnit+1), l.units); err != nil {
			return err
		}
	}
	if first {
		if err := l.tourCases(ctx, l.a, l.units[0]); err != nil {
			return err
		}
		if err := l.retirementCases(ctx, l.a); err != nil {
			return err
		}
		if err := l.backpayCase(ctx, l.a); err != nil {
			return err
		}
	}
	if last {
		ids := []int64{l.a.ID}
		for _, u := range l.units {
			ids = append(ids, u.ID)
		}
		l.closings(ids)
	}
	return nil
}

// finish completes the guide once the history has run.
func (l *loader) finish(ctx context.Context) error {
	a, err := l.tx.UnitByCreditCode(ctx, l.guide.UnitACode)
	if err != nil {
		return err
	}
	roster, _, err := l.tx.Roster(ctx, a.ID, "", 3, 0)
	if err != nil {
		return err
	}
	for _, e := range roster {
		l.guide.Stop = append(l.guide.Stop, e.Person.IDNumber)
	}
	if err := l.declarationWindow(ctx); err != nil {
		return err
	}
	return l.tx.Audit(ctx, shebao.AuditEntry{At: l.now, Action: "demo.load", Detail: "demo district loaded"})
}

// tourSince is when the tour units and the staff began: before the
// retirement cases' long histories.
func (l *loader) tourSince() shebao.Date {
	return shebao.NewDate(l.today.Year()-policyYears, 1, 2)
}

// policyYears is how many years back the demo's policies go: the
// retirement cases' histories start within them.
const policyYears = 21

// policies stores the demo's policies (SavePolicies).
func (l *loader) policies(ctx context.Context) error { return SavePolicies(ctx, l.tx, l.today) }

// SavePolicies stores the demo's policy for each year from policyYears
// before today's to the next.
func SavePolicies(ctx context.Context, tx shebao.Tx, today shebao.Date) error {
	for y := today.Year() - policyYears; y <= today.Year()+1; y++ {
		p := rules.DefaultPolicy(y, avgWage(y))
		if err := tx.SavePolicy(ctx, &p); err != nil {
			return err
		}
	}
	return nil
}

// avgWage is the demo's average monthly wage of a year: ¥11,200 in 2026,
// growing 4% a year, in whole yuan.
func avgWage(year int) shebao.Fen {
	w := int64(11200)
	for y := 2026; y < year; y++ {
		w = w * 104 / 100
	}
	for y := 2026; y > year; y-- {
		w = w * 100 / 104
	}
	return shebao.Fen(w * 100)
}
