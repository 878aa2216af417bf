package auth_test

import (
	"context"
	"testing"
	"time"

	"shebao"
	"shebao/auth"
	"shebao/demo"
	"shebao/demo/demotest"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

func setup(t *testing.T, db *sqldb.DB) (*auth.Service, *demotest.Clock, demo.Guide) {
	t.Helper()
	clock := demotest.NewClock(demotest.Today)
	g := demotest.District(t, db, clock)
	return &auth.Service{Store: db, Clock: clock, Cost: 4}, clock, g
}

func reason(err error) string { return shebao.AsError(err).Reason }

func TestLoginLocksAfterRepeatedFailures(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		s, clock, g := setup(t, db)
		ctx := context.Background()
		if _, err := s.Login(ctx, g.OperatorA, demo.Password, shebao.Online, ""); err != nil {
			t.Fatalf("right password: %v", err)
		}
		if _, err := s.Login(ctx, "nobody", demo.Password, shebao.Online, ""); reason(err) != shebao.ReasonLoginFailed {
			t.Errorf("unknown user: %v", err)
		}
		for i := 1; i <= 4; i++ {
			if _, err := s.Login(ctx, g.OperatorA, "wrong-pass-1", shebao.Online, ""); reason(err) != shebao.ReasonLoginFailed {
				t.Fatalf("failure %d: %v", i, err)
			}
		}
		// The fifth failure locks, and says no more than an unknown username.
		if _, err := s.Login(ctx, g.OperatorA, "wrong-pass-1", shebao.Online, ""); reason(err) != shebao.ReasonLoginFailed {
			t.Fatalf("fifth failure: %v, want login failed", err)
		}
		if _, err := s.Login(ctx, g.OperatorA, demo.Password, shebao.Online, ""); reason(err) != shebao.ReasonLoginFailed {
			t.Fatalf("right password while locked: %v, want refused", err)
		}
		clock.Add(16 * time.Minute)
		if _, err := s.Login(ctx, g.OperatorA, demo.Password, shebao.Online, ""); err != nil {
			t.Fatalf("after the lock: %v", err)
		}
		// Other accounts were never affected.
		if _, err := s.Login(ctx, g.OperatorB, demo.Password, shebao.Online, ""); err != nil {
			t.Fatalf("other account: %v", err)
		}
	})
}

func TestPasswordChange(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		s, _, g := setup(t, db)
		ctx := context.Background()
		acc, err := s.Login(ctx, g.FirstLogin, demo.Password, shebao.SelfService, "HALL-01")
		if err != nil || !acc.MustChange {
			t.Fatalf("first login: %+v %v, want MustChange", acc, err)
		}
		a := shebao.Actor{AccountID: acc.ID, Username: acc.Username, Role: acc.Role, UnitID: acc.UnitID}
		for _, c := range []struct{ old, pw, confirm, reason string }{
			{demo.Password, "short1", "short1", shebao.ReasonPasswordWeak},
			{demo.Password, "lettersonly", "lettersonly", auth.ReasonPasswordClasses},
			{demo.Password, "Good2026pw", "Good2026px", shebao.ReasonPasswordMismatch},
			{demo.Password, demo.Password, demo.Password, shebao.ReasonPasswordSame},
			{"wrong-old-1", "Good2026pw", "Good2026pw", shebao.ReasonOldPasswordWrong},
		} {
			if _, err := s.ChangePassword(ctx, a, c.old, c.pw, c.confirm); reason(err) != c.reason {
				t.Errorf("change %q→%q: %v, want %s", c.old, c.pw, err, c.reason)
			}
		}
		if _, err := s.ChangePassword(ctx, a, demo.Password, "Good2026pw", "Good2026pw"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Login(ctx, g.FirstLogin, demo.Password, shebao.Online, ""); reason(err) != shebao.ReasonLoginFailed {
			t.Errorf("old password still works: %v", err)
		}
		acc, err = s.Login(ctx, g.FirstLogin, "Good2026pw", shebao.Online, "")
		if err != nil || acc.MustChange {
			t.Errorf("new password: %+v %v, want logged in without MustChange", acc, err)
		}
	})
}

func TestGuessingTheOldPasswordLocks(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		s, _, g := setup(t, db)
		ctx := context.Background()
		acc, err := s.Login(ctx, g.OperatorA, demo.Password, shebao.Online, "")
		if err != nil {
			t.Fatal(err)
		}
		a := shebao.Actor{AccountID: acc.ID, Role: acc.Role, UnitID: acc.UnitID}
		for i := 0; i < 5; i++ {
			_, _ = s.ChangePassword(ctx, a, "guess-nr-1", "Good2026pw", "Good2026pw")
		}
		if _, err := s.ChangePassword(ctx, a, demo.Password, "Good2026pw", "Good2026pw"); reason(err) != shebao.ReasonLoginLocked {
			t.Errorf("after five wrong guesses: %v, want locked", err)
		}
	})
}

func TestStaffLoginIsCounterChannel(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		s, _, g := setup(t, db)
		ctx := context.Background()
		if _, err := s.Login(ctx, g.Clerk, demo.Password, shebao.SelfService, "HALL-01"); err != nil {
			t.Fatal(err)
		}
		var log []shebao.AuditEntry
		err := db.View(ctx, func(tx shebao.Tx) error {
			var err error
			log, _, err = sqldbtest.AuditLog(ctx, tx, shebao.AuditFilter{Action: "login", Limit: 10})
			return err
		})
		if err != nil || len(log) == 0 {
			t.Fatalf("audit: %v %v", log, err)
		}
		if log[0].Channel != shebao.Counter || log[0].Terminal != "" {
			t.Errorf("clerk's login audited as %s/%s, want counter", log[0].Channel, log[0].Terminal)
		}
	})
}
