// Package demo loads a demo district: dozens of units, thousands of people,
// years of history, and the cases that show each handling rule, so that
// `shebao demo` feels like a real office on the first run.
package demo

import (
	"context"
	"time"

	"shebao"
	"shebao/auth"
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
}

// Size sets how big the district is.
type Size struct {
	Units         int // units besides the two tour units
	PeoplePerUnit int // average insured employees per unit
	HistoryMonths int // months of item history
}

// DefaultSize is the size of `shebao demo`'s district.
var DefaultSize = Size{Units: 40, PeoplePerUnit: 70, HistoryMonths: 36}

// Load fills an empty database with the demo district as of today. Account
// passwords are hashed at the given bcrypt cost (0 for the default).
func Load(ctx context.Context, store shebao.Store, clock shebao.Clock, size Size, cost int) (Guide, error) {
	today := shebao.Today(clock)
	hash, err := auth.HashPassword(Password, cost)
	if err != nil {
		return Guide{}, err
	}
	l := &loader{g: newGen(today), today: today, now: clock.Now(), hash: hash, size: size}
	err = store.InTx(ctx, func(tx shebao.Tx) error {
		l.tx = tx
		return l.load(ctx)
	})
	return l.guide, err
}

// Refresh re-dates the tour's "registered today" registration to today, so
// that the tour shows that rule on every day the demo is started.
func Refresh(ctx context.Context, store shebao.Store, clock shebao.Clock, g Guide) error {
	today := shebao.Today(clock)
	return store.InTx(ctx, func(tx shebao.Tx) error {
		p, err := tx.PersonByIDNumber(ctx, g.RegisteredToday)
		if err != nil {
			return err
		}
		a, err := tx.UnitByCreditCode(ctx, g.UnitACode)
		if err != nil {
			return err
		}
		r := shebao.Registration{SourceID: "DEMO-TODAY", PersonID: p.ID, UnitID: a.ID, Start: today, RegisteredOn: today}
		return tx.PutRegistration(ctx, &r)
	})
}

// loader holds the state of one Load.
type loader struct {
	tx    shebao.Tx
	g     *gen
	today shebao.Date
	now   time.Time
	hash  string
	size  Size
	guide Guide
	clerk int64

	report shebao.ImportReport // the registrations written, as one file import
	seen   map[string]bool     // source IDs of the registrations written
}

func (l *loader) load(ctx context.Context) error {
	if err := l.policies(ctx); err != nil {
		return err
	}
	if err := l.staff(ctx); err != nil {
		return err
	}
	a, err := l.unit(ctx, "示范科技有限公司", 2, l.size.PeoplePerUnit)
	if err != nil {
		return err
	}
	b, err := l.unit(ctx, "东方物流有限公司", 4, l.size.PeoplePerUnit)
	if err != nil {
		return err
	}
	l.guide.UnitA, l.guide.UnitB, l.guide.UnitACode, l.guide.Today = a.Name, b.Name, a.CreditCode, l.today.String()
	if l.guide.OperatorA, err = l.operator(ctx, a, "demo-a", false); err != nil {
		return err
	}
	if l.guide.OperatorB, err = l.operator(ctx, b, "demo-b", false); err != nil {
		return err
	}
	if l.guide.FirstLogin, err = l.operator(ctx, a, "demo-new", true); err != nil {
		return err
	}
	for i := 0; i < l.size.Units; i++ {
		u, err := l.unit(ctx, l.g.unitName(), 1+l.g.r.IntN(8), l.size.PeoplePerUnit/2+l.g.r.IntN(l.size.PeoplePerUnit+1))
		if err != nil {
			return err
		}
		if _, err := l.operator(ctx, u, "op"+u.CreditCode[10:17], false); err != nil {
			return err
		}
	}
	if err := l.tourCases(ctx, a, b); err != nil {
		return err
	}
	if err := l.retirementCases(ctx, a); err != nil {
		return err
	}
	if err := l.contributionCases(ctx, a); err != nil {
		return err
	}
	if err := l.recordImport(ctx); err != nil {
		return err
	}
	return l.terminal(ctx)
}

// policies stores a policy for each year from four years back to next year.
func (l *loader) policies(ctx context.Context) error {
	for y := l.today.Year() - 4; y <= l.today.Year()+1; y++ {
		p := rules.DefaultPolicy(y, avgWage(y))
		if err := l.tx.SavePolicy(ctx, &p); err != nil {
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

func (l *loader) staff(ctx context.Context) error {
	for _, s := range []struct {
		name string
		role shebao.Role
		dst  *string
	}{{"clerk", shebao.RoleClerk, &l.guide.Clerk}, {"reviewer", shebao.RoleReviewer, &l.guide.Reviewer}, {"admin", shebao.RoleAdmin, &l.guide.Admin}} {
		a := shebao.Account{Username: s.name, PasswordHash: l.hash, Role: s.role, DisplayName: s.name, CreatedAt: l.now, PasswordSetAt: l.now}
		if err := l.tx.CreateAccount(ctx, &a); err != nil {
			return err
		}
		*s.dst = s.name
		if s.role == shebao.RoleClerk {
			l.clerk = a.ID
		}
	}
	return nil
}

func (l *loader) operator(ctx context.Context, u shebao.Unit, username string, mustChange bool) (string, error) {
	a := shebao.Account{Username: username, PasswordHash: l.hash, Role: shebao.RoleOperator, UnitID: u.ID,
		DisplayName: u.Contact, MustChange: mustChange, CreatedAt: l.now, PasswordSetAt: l.now}
	return username, l.tx.CreateAccount(ctx, &a)
}

func (l *loader) terminal(ctx context.Context) error {
	t := shebao.Terminal{Code: "HALL-01", Name: "大厅自助终端 1 号", Location: "一楼办事大厅", SecretHash: auth.HashSecret(demoKioskSecret)}
	if err := l.tx.CreateTerminal(ctx, &t); err != nil {
		return err
	}
	l.guide.Terminal, l.guide.TerminalSecret = t.Code, demoKioskSecret
	e := shebao.AuditEntry{At: l.now, Action: "demo.load", Detail: "demo district loaded"}
	return l.tx.Audit(ctx, e)
}
