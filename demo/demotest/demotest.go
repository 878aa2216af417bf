// Package demotest gives tests a small demo district (demo.Load, bcrypt cost
// 4) on a clock they can move, the actors of its accounts, and helpers to
// add insured persons with chosen birth dates and histories.
package demotest

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"shebao"
	"shebao/auth"
	"shebao/demo"
	"shebao/rules"
	"shebao/sqldb"
)

// Today is the tests' usual office day: a Wednesday, before the cutoff.
var Today = shebao.NewDate(2026, 7, 8)

// Size is the district the tests load: small, so that each test is quick.
var Size = demo.Size{Units: 1, PeoplePerUnit: 4, HistoryMonths: 3}

// Clock is a clock a test sets: it reports a fixed instant until moved.
type Clock struct {
	mu sync.Mutex
	t  time.Time
}

// NewClock returns a clock at 10:00 office time on day.
func NewClock(day shebao.Date) *Clock {
	return &Clock{t: day.Time().Add(10 * time.Hour)}
}

// Now returns the clock's time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// Set moves the clock to t.
func (c *Clock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

// Add moves the clock on by d.
func (c *Clock) Add(d time.Duration) { c.Set(c.Now().Add(d)) }

// District loads the small demo district into db as of the clock's day.
func District(t testing.TB, db *sqldb.DB, clock shebao.Clock) demo.Guide {
	t.Helper()
	g, err := demo.Load(context.Background(), db, clock, Size, 4)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// Actor returns the actor of the account with the given username, on the
// counter channel for staff and online for operators.
func Actor(t testing.TB, db *sqldb.DB, username string) shebao.Actor {
	t.Helper()
	var acc shebao.Account
	err := db.View(context.Background(), func(tx shebao.Tx) error {
		var err error
		acc, err = tx.AccountByUsername(context.Background(), username)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return shebao.Actor{AccountID: acc.ID, Username: acc.Username, Role: acc.Role, UnitID: acc.UnitID}.OnItsChannel()
}

// WantError fails the test unless err carries the code and, when reason is
// not empty, the reason.
func WantError(t testing.TB, err error, code, reason string) {
	t.Helper()
	e := shebao.AsError(err)
	if err == nil || e.Code != code || (reason != "" && e.Reason != reason) {
		t.Fatalf("error = %v, want %s %s", err, code, reason)
	}
}

// Fixture is a loaded district.
type Fixture struct {
	DB       *sqldb.DB
	Clock    *Clock
	Guide    demo.Guide
	UnitA    shebao.Unit
	UnitB    shebao.Unit
	OpA      shebao.Actor // operator of unit A, online
	OpB      shebao.Actor // operator of unit B, online
	Clerk    shebao.Actor
	Reviewer shebao.Actor
	Admin    shebao.Actor
	seq      int
}

// Load loads the small demo district into db as of Today, on a clock the
// test can move.
func Load(t testing.TB, db *sqldb.DB) *Fixture {
	t.Helper()
	f := &Fixture{DB: db, Clock: NewClock(Today)}
	g := District(t, db, f.Clock)
	f.Guide = g
	err := db.View(t.Context(), func(tx shebao.Tx) error {
		var err error
		if f.UnitA, err = tx.UnitByCreditCode(t.Context(), g.UnitACode); err != nil {
			return err
		}
		units, _, err := tx.Units(t.Context(), g.UnitB, 1, 0)
		if err != nil || len(units) != 1 {
			return fmt.Errorf("unit B: %v", err)
		}
		f.UnitB = units[0]
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	f.OpA, f.OpB = f.Actor(t, g.OperatorA), f.Actor(t, g.OperatorB)
	f.Clerk, f.Reviewer, f.Admin = f.Actor(t, g.Clerk), f.Actor(t, g.Reviewer), f.Actor(t, g.Admin)
	return f
}

// Actor returns the actor of an account of the district.
func (f *Fixture) Actor(t testing.TB, username string) shebao.Actor { return Actor(t, f.DB, username) }

// IDNumber returns a valid ID number for a birth date and sex, distinct on
// each call.
func (f *Fixture) IDNumber(birth shebao.Date, sex shebao.Sex) string {
	f.seq++
	seq := 2*f.seq + 100 // even: female
	if sex == shebao.Male {
		seq++
	}
	first17 := fmt.Sprintf("310104%08d%03d", int32(birth), seq%1000)
	return first17 + string(rules.IDCheckChar(first17))
}

// Insured creates a person born on birth, insured for pension (and the
// other insurances) at unit from first, through last (0: still active).
// The person's ID number encodes birth and sex.
func (f *Fixture) Insured(t testing.TB, unitID int64, sex shebao.Sex, post shebao.PostCategory, birth shebao.Date, first, last shebao.Period) shebao.Person {
	t.Helper()
	p := shebao.Person{IDNumber: f.IDNumber(birth, sex), Name: fmt.Sprintf("测试%d", f.seq), Sex: sex,
		BirthDate: birth, PostCategory: post, Phone: "13900000000", Address: "上海市"}
	err := f.DB.InTx(t.Context(), func(tx shebao.Tx) error {
		if err := tx.CreatePerson(t.Context(), &p); err != nil {
			return err
		}
		return f.cover(t, tx, p, unitID, first, last)
	})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// Cover adds coverage of every insurance for p at a unit from first through
// last (0: active).
func (f *Fixture) Cover(t testing.TB, p shebao.Person, unitID int64, first, last shebao.Period) {
	t.Helper()
	if err := f.DB.InTx(t.Context(), func(tx shebao.Tx) error { return f.cover(t, tx, p, unitID, first, last) }); err != nil {
		t.Fatal(err)
	}
}

func (f *Fixture) cover(t testing.TB, tx shebao.Tx, p shebao.Person, unitID int64, first, last shebao.Period) error {
	st := shebao.CoverageActive
	if last != 0 {
		st = shebao.CoverageStopped
	}
	for _, in := range shebao.Insurances {
		c := shebao.Coverage{PersonID: p.ID, UnitID: unitID, Insurance: in, Status: st, FirstPeriod: first,
			LastPeriod: last, Base: 800000}
		if err := tx.InsertCoverage(t.Context(), &c); err != nil {
			return err
		}
	}
	return nil
}

// Item reads an item.
func (f *Fixture) Item(t testing.TB, id int64) shebao.Item {
	t.Helper()
	var it shebao.Item
	err := f.DB.View(t.Context(), func(tx shebao.Tx) error {
		var err error
		it, err = tx.Item(t.Context(), id)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return it
}

// Current returns what a session of actor a, logged in at account
// generation gen, acts as at its next request: auth's verdict on the
// account as stored now, as the pages and the API get it (read with the
// session: session.Manager.Actor).
func Current(t testing.TB, db *sqldb.DB, au *auth.Service, a shebao.Actor, gen int64) (shebao.Actor, shebao.Account, error) {
	t.Helper()
	var acc shebao.Account
	err := db.View(context.Background(), func(tx shebao.Tx) error {
		var err error
		acc, err = tx.Account(context.Background(), a.AccountID)
		return err
	})
	if err != nil && shebao.ErrorCode(err) != shebao.ENOTFOUND {
		t.Fatal(err)
	}
	return au.Current(a, gen, acc)
}
