package billing

import (
	"fmt"
	"testing"
	"time"

	"shebao"
	"shebao/rules"
	"shebao/sqldb"
)

// fixedClock is a clock stopped at one instant.
type fixedClock time.Time

func (c fixedClock) Now() time.Time { return time.Time(c) }

// at returns a clock stopped at 10:00 on the office day d.
func at(d shebao.Date) fixedClock { return fixedClock(d.Time().Add(10 * time.Hour)) }

// testService returns a service on db with the clock on day d.
func testService(db *sqldb.DB, d shebao.Date) *Service {
	return &Service{Store: db, Clock: at(d)}
}

// mustTx runs fn in a read-write transaction and fails the test on error.
func mustTx(t testing.TB, db *sqldb.DB, fn func(tx shebao.Tx) error) {
	t.Helper()
	if err := db.InTx(t.Context(), fn); err != nil {
		t.Fatal(err)
	}
}

// savePolicy stores p as a new version of its year.
func savePolicy(t testing.TB, db *sqldb.DB, p shebao.Policy) shebao.Policy {
	t.Helper()
	mustTx(t, db, func(tx shebao.Tx) error { return tx.SavePolicy(t.Context(), &p) })
	return p
}

// policy2027 is 2027's policy: average ¥11,000.00 (floor ¥6,600.00,
// ceiling ¥33,000.00) and a pension employer rate lowered to 15%.
func policy2027() shebao.Policy {
	p := rules.DefaultPolicy(2027, 1_100_000)
	p.Rates = map[shebao.Insurance]shebao.Rate{}
	for k, v := range rules.DefaultPolicy(2027, 1_100_000).Rates {
		p.Rates[k] = v
	}
	r := p.Rates[shebao.Pension]
	r.Employer = 15_000
	p.Rates[shebao.Pension] = r
	return p
}

// addUnit creates a unit of a risk class.
func addUnit(t testing.TB, db *sqldb.DB, n, class int) shebao.Unit {
	t.Helper()
	u := shebao.Unit{CreditCode: fmt.Sprintf("TESTUNIT%010d", n), Name: fmt.Sprintf("单位%03d", n),
		RiskClass: class, Status: shebao.UnitActive}
	mustTx(t, db, func(tx shebao.Tx) error { return tx.CreateUnit(t.Context(), &u) })
	return u
}

// addPerson creates a person insured at u for every insurance type from
// first with base, stopped after last when last is not zero.
func addPerson(t testing.TB, db *sqldb.DB, u shebao.Unit, n int, base shebao.Fen, first, last shebao.Period) shebao.Person {
	t.Helper()
	p := shebao.Person{IDNumber: fmt.Sprintf("1101051990%07dX", n), Name: fmt.Sprintf("职工%05d", n), Sex: shebao.Male, BirthDate: 19900101}
	mustTx(t, db, func(tx shebao.Tx) error {
		if err := tx.CreatePerson(t.Context(), &p); err != nil {
			return err
		}
		for _, ins := range shebao.Insurances {
			c := shebao.Coverage{PersonID: p.ID, UnitID: u.ID, Insurance: ins, Status: shebao.CoverageActive,
				FirstPeriod: first, Base: base}
			if last != 0 {
				c.Status, c.LastPeriod = shebao.CoverageStopped, last
			}
			if err := tx.InsertCoverage(t.Context(), &c); err != nil {
				return err
			}
		}
		return nil
	})
	return p
}

// wantErr fails the test unless err has the code and reason.
func wantErr(t testing.TB, err error, code, reason string) {
	t.Helper()
	e := shebao.AsError(err)
	if err == nil || e.Code != code || e.Reason != reason {
		t.Fatalf("error = %v, want %s %s", err, code, reason)
	}
}

// staff is an admin actor.
var staff = shebao.Actor{AccountID: 1, Username: "admin", Role: shebao.RoleAdmin, Channel: shebao.Counter}

// operator returns an operator actor of unit u.
func operator(u shebao.Unit) shebao.Actor {
	return shebao.Actor{AccountID: 2, Username: "op", Role: shebao.RoleOperator, UnitID: u.ID, Channel: shebao.Online}
}
