package admin_test

import (
	"context"
	"sync"
	"testing"

	"shebao"
	"shebao/demo"
	"shebao/demo/demotest"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

// TestTerminalSecrets: only hashes are stored; enrolment gives the kiosk a
// token that is not the secret; regenerating the secret withdraws both the
// old secret and the enrolled kiosk's token.
func TestTerminalSecrets(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		s, au, a, _ := setup(t, db)
		ctx := context.Background()
		k, secret, err := s.CreateTerminal(ctx, a, "HALL-09", "九号机", "二楼")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := au.Terminal(ctx, "HALL-09", secret); err != nil {
			t.Fatalf("the secret: %v", err)
		}
		if _, err := au.Terminal(ctx, "HALL-09", k.SecretHash); err == nil {
			t.Error("the stored hash works as the secret")
		}
		_, token, err := au.EnrollTerminal(ctx, "HALL-09", secret)
		if err != nil || token == "" || token == secret {
			t.Fatalf("enrol: %q %v", token, err)
		}
		if _, err := au.KioskTerminal(ctx, "HALL-09", token); err != nil {
			t.Fatalf("the kiosk's token: %v", err)
		}
		if _, err := au.KioskTerminal(ctx, "HALL-09", secret); err == nil {
			t.Error("the secret works as a kiosk token")
		}
		_, secret2, err := s.RegenerateSecret(ctx, a, "hall-09")
		if err != nil || secret2 == secret {
			t.Fatalf("regenerate: %v", err)
		}
		for what, err := range map[string]error{
			"old secret": func() error { _, err := au.Terminal(ctx, "HALL-09", secret); return err }(),
			"old token":  func() error { _, err := au.KioskTerminal(ctx, "HALL-09", token); return err }(),
			"unknown":    func() error { _, err := au.Terminal(ctx, "HALL-99", secret2); return err }(),
		} {
			demotest.WantError(t, err, shebao.EUNAUTHORIZED, "TERMINAL_REJECTED")
			_ = what
		}
		if _, err := au.Terminal(ctx, "HALL-09", secret2); err != nil {
			t.Errorf("new secret: %v", err)
		}
		if n := len(audited(t, db, "terminal.")); n != 3 { // create, enroll, secret
			t.Errorf("%d terminal audit entries, want 3", n)
		}
	})
}

// TestAccountChangesEndSessions: a role change, a disabling and a reset
// each end the account's sessions (auth.Service.Current refuses the
// generation they were made in); a demoted admin can no longer create an
// admin, whatever the session remembers.
func TestAccountChangesEndSessions(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		s, au, a, g := setup(t, db)
		ctx := context.Background()
		second, err := s.CreateStaff(ctx, a, shebao.RoleAdmin, "admin2", "")
		if err != nil {
			t.Fatal(err)
		}
		acc, err := au.Login(ctx, "admin2", second.Password, shebao.Online, "")
		if err != nil {
			t.Fatal(err)
		}
		sess := shebao.Actor{AccountID: acc.ID, Username: acc.Username, Role: acc.Role}
		if _, err := s.SetRole(ctx, a, acc.ID, shebao.RoleClerk); err != nil {
			t.Fatal(err)
		}
		_, _, err = demotest.Current(t, db, au, sess, acc.Generation)
		demotest.WantError(t, err, shebao.EUNAUTHORIZED, shebao.ReasonNotLoggedIn)
		// Even with the generation it has now, the account acts as a clerk.
		cur, _, err := demotest.Current(t, db, au, sess, acc.Generation+1)
		if err != nil || cur.Role != shebao.RoleClerk {
			t.Fatalf("current: %+v %v", cur, err)
		}
		_, err = s.CreateStaff(ctx, cur, shebao.RoleAdmin, "admin3", "")
		demotest.WantError(t, err, shebao.EFORBIDDEN, shebao.ReasonForbidden)

		op := demotest.Actor(t, db, g.OperatorA)
		opAcc, err := au.Login(ctx, g.OperatorA, demo.Password, shebao.Online, "")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.ResetPassword(ctx, a, op.AccountID); err != nil {
			t.Fatal(err)
		}
		_, _, err = demotest.Current(t, db, au, op, opAcc.Generation)
		demotest.WantError(t, err, shebao.EUNAUTHORIZED, shebao.ReasonNotLoggedIn)
	})
}

// TestConcurrentChangesLoseNoGeneration: 20 administrative changes of one
// account at once each move it to a new generation; none is lost (a lost
// one could leave a session alive that a change meant to end).
func TestConcurrentChangesLoseNoGeneration(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		s, _, a, g := setup(t, db)
		ctx := context.Background()
		op := demotest.Actor(t, db, g.OperatorA)
		generation := func() int64 {
			var acc shebao.Account
			if err := db.View(ctx, func(tx shebao.Tx) error {
				var err error
				acc, err = tx.Account(ctx, op.AccountID)
				return err
			}); err != nil {
				t.Fatal(err)
			}
			return acc.Generation
		}
		start := generation()
		var wg sync.WaitGroup
		for i := range 20 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if _, err := s.SetDisabled(ctx, a, op.AccountID, i%2 == 0); err != nil {
					t.Error(err)
				}
			}()
		}
		wg.Wait()
		if got := generation(); got != start+20 {
			t.Errorf("generation %d after 20 changes from %d", got, start)
		}
	})
}
