// Package cataloguetest gives the catalogue's tests (retirement, changes,
// proof, progress) a small demo district on a fixed clock, the actors of
// its accounts, and insured persons with chosen birth dates and histories.
package cataloguetest

import (
	"fmt"
	"testing"
	"time"

	"shebao"
	"shebao/demo"
	"shebao/rules"
	"shebao/sqldb"
)

// Today is the fixed office day of the tests: a Wednesday, before the cutoff.
var Today = shebao.NewDate(2026, 7, 8)

// Clock is a fixed clock at 10:00 office time on Today, moved by Add.
type Clock struct{ T time.Time }

// Now returns the clock's time.
func (c *Clock) Now() time.Time { return c.T }

// Add moves the clock on.
func (c *Clock) Add(d time.Duration) { c.T = c.T.Add(d) }

// Fixture is a loaded district.
type Fixture struct {
	DB     *sqldb.DB
	Clock  *Clock
	Guide  demo.Guide
	UnitA  shebao.Unit
	UnitB  shebao.Unit
	OpA    shebao.Actor // operator of unit A, online
	OpB    shebao.Actor // operator of unit B, online
	Clerk  shebao.Actor
	Review shebao.Actor
	seq    int
}

// Load loads a small demo district (bcrypt cost 4) into db as of Today.
func Load(t testing.TB, db *sqldb.DB) *Fixture {
	t.Helper()
	f := &Fixture{DB: db, Clock: &Clock{T: Today.Time().Add(10 * time.Hour)}}
	g, err := demo.Load(t.Context(), db, f.Clock, demo.Size{Units: 1, PeoplePerUnit: 3, HistoryMonths: 3}, 4)
	if err != nil {
		t.Fatal(err)
	}
	f.Guide = g
	err = db.View(t.Context(), func(tx shebao.Tx) error {
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
	f.Clerk, f.Review = f.Actor(t, g.Clerk), f.Actor(t, g.Reviewer)
	return f
}

// Actor returns the actor of an account: online for operators, the counter
// for staff.
func (f *Fixture) Actor(t testing.TB, username string) shebao.Actor {
	t.Helper()
	var acc shebao.Account
	err := f.DB.View(t.Context(), func(tx shebao.Tx) error {
		var err error
		acc, err = tx.AccountByUsername(t.Context(), username)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	ch := shebao.Online
	if acc.Role.IsStaff() {
		ch = shebao.Counter
	}
	return shebao.Actor{AccountID: acc.ID, Username: acc.Username, Role: acc.Role, UnitID: acc.UnitID, Channel: ch}
}

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

// WantError fails the test unless err has the code and, when reason is not
// empty, the reason.
func WantError(t testing.TB, err error, code, reason string) {
	t.Helper()
	e := shebao.AsError(err)
	if err == nil || e.Code != code || (reason != "" && e.Reason != reason) {
		t.Fatalf("error = %v, want %s %s", err, code, reason)
	}
}
