// Package stafftest gives the office side's tests (counter, review, admin,
// auditlog) a small demo district on a clock they can move, and the actors
// of its accounts.
package stafftest

import (
	"context"
	"sync"
	"testing"
	"time"

	"shebao"
	"shebao/demo"
	"shebao/sqldb"
)

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

// District loads the demo district into db as of the clock's day, with
// bcrypt cost 4.
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
	ch := shebao.Online
	if acc.Role.IsStaff() {
		ch = shebao.Counter
	}
	return shebao.Actor{AccountID: acc.ID, Username: acc.Username, Role: acc.Role, UnitID: acc.UnitID, Channel: ch}
}

// WantCode fails the test unless err carries the code and, when reason is
// not empty, the reason.
func WantCode(t testing.TB, err error, code, reason string) {
	t.Helper()
	e := shebao.AsError(err)
	if err == nil || e.Code != code || (reason != "" && e.Reason != reason) {
		t.Fatalf("error = %v, want %s %s", err, code, reason)
	}
}
