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

func TestCheckPassword(t *testing.T) {
	for _, c := range []struct{ pw, user, reason string }{
		{"Shebao2026", "opa", ""}, // the demo's password
		{"Neues2026pw", "wang.hr", ""},
		{"lower-case-1", "opa", ""}, // lower, symbol, digit
		{"short1A", "opa", shebao.ReasonPasswordWeak},
		{"password1", "opa", auth.ReasonPasswordClasses},
		{"aaaaaaa1", "opa", auth.ReasonPasswordClasses},
		{"ABCDEFGH", "opa", auth.ReasonPasswordClasses},
		{"Wang.hr2026", "wang.hr", auth.ReasonPasswordUsername},
		{"xWANG.HR9", "wang.hr", auth.ReasonPasswordUsername},
		{"Password1", "opa", auth.ReasonPasswordCommon},
		{"P@ssw0rd1", "opa", auth.ReasonPasswordCommon},
		{"Qwerty@123", "opa", auth.ReasonPasswordCommon},
	} {
		err := auth.CheckPassword(c.pw, c.user)
		if got := reason(err); err == nil && c.reason != "" || err != nil && got != c.reason {
			t.Errorf("CheckPassword(%q, %q) = %v, want %q", c.pw, c.user, err, c.reason)
		}
	}
}

// TestPasswordHistory: none of the last five passwords may be chosen again.
func TestPasswordHistory(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		s, _, g := setup(t, db)
		ctx := context.Background()
		a := actorOf(t, s, g.OperatorA, demo.Password)
		pws := []string{demo.Password, "Second2026a", "Third2026a", "Fourth2026a", "Fifth2026a"}
		for i := 1; i < len(pws); i++ {
			if _, err := s.ChangePassword(ctx, a, pws[i-1], pws[i], pws[i]); err != nil {
				t.Fatalf("change %d: %v", i, err)
			}
		}
		current := pws[len(pws)-1]
		for _, old := range pws[:len(pws)-1] {
			if _, err := s.ChangePassword(ctx, a, current, old, old); reason(err) != auth.ReasonPasswordReused {
				t.Errorf("back to %q: %v, want reused", old, err)
			}
		}
		if _, err := s.ChangePassword(ctx, a, current, "Sixth2026a", "Sixth2026a"); err != nil {
			t.Fatal(err)
		}
		// demo.Password is now the sixth password back: allowed again.
		if _, err := s.ChangePassword(ctx, a, "Sixth2026a", demo.Password, demo.Password); err != nil {
			t.Errorf("a password six changes old: %v", err)
		}
	})
}

// TestStaffPasswordMaxAge: with MaxAge set, a staff password older than it
// must be changed first; operators are not concerned; off by default.
func TestStaffPasswordMaxAge(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		s, clock, g := setup(t, db)
		ctx := context.Background()
		clock.Add(100 * 24 * time.Hour)
		if acc, err := s.Login(ctx, g.Clerk, demo.Password, shebao.Online, ""); err != nil || acc.MustChange {
			t.Fatalf("no max age: %+v %v", acc.MustChange, err)
		}
		s.MaxAge = 90 * 24 * time.Hour
		acc, err := s.Login(ctx, g.Clerk, demo.Password, shebao.Online, "")
		if err != nil || !acc.MustChange {
			t.Fatalf("clerk's 100-day-old password: must change %v, %v", acc.MustChange, err)
		}
		a := shebao.Actor{AccountID: acc.ID, Username: acc.Username, Role: acc.Role}
		if _, cur, err := demotest.Current(t, db, s, a, acc.Generation); err != nil || !cur.MustChange {
			t.Errorf("current: must change %v, %v", cur.MustChange, err)
		}
		if acc, err := s.Login(ctx, g.OperatorA, demo.Password, shebao.Online, ""); err != nil || acc.MustChange {
			t.Errorf("operator: must change %v, %v", acc.MustChange, err)
		}
		if _, err := s.ChangePassword(ctx, a, demo.Password, "Renewed2026a", "Renewed2026a"); err != nil {
			t.Fatal(err)
		}
		if acc, err := s.Login(ctx, g.Clerk, "Renewed2026a", shebao.Online, ""); err != nil || acc.MustChange {
			t.Errorf("after the change: must change %v, %v", acc.MustChange, err)
		}
	})
}

// TestChangeEndsOtherSessions: a password change moves the account to a
// new generation; a session of the old one is refused.
func TestChangeEndsOtherSessions(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		s, _, g := setup(t, db)
		ctx := context.Background()
		acc, err := s.Login(ctx, g.OperatorA, demo.Password, shebao.Online, "")
		if err != nil {
			t.Fatal(err)
		}
		a := shebao.Actor{AccountID: acc.ID, Username: acc.Username, Role: acc.Role, UnitID: acc.UnitID}
		if _, _, err := demotest.Current(t, db, s, a, acc.Generation); err != nil {
			t.Fatal(err)
		}
		changed, err := s.ChangePassword(ctx, a, demo.Password, "Changed2026a", "Changed2026a")
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := demotest.Current(t, db, s, a, acc.Generation); reason(err) != shebao.ReasonNotLoggedIn {
			t.Errorf("a session from before the change: %v, want ended", err)
		}
		if _, _, err := demotest.Current(t, db, s, a, changed.Generation); err != nil {
			t.Errorf("the session moved to the new generation: %v", err)
		}
	})
}

func actorOf(t *testing.T, s *auth.Service, username, pw string) shebao.Actor {
	t.Helper()
	acc, err := s.Login(context.Background(), username, pw, shebao.Online, "")
	if err != nil {
		t.Fatal(err)
	}
	return shebao.Actor{AccountID: acc.ID, Username: acc.Username, Role: acc.Role, UnitID: acc.UnitID}
}
