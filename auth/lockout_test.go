package auth_test

import (
	"context"
	"reflect"
	"sync"
	"testing"

	"shebao"
	"shebao/demo"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

// countActions counts the audit entries of each login action.
func countActions(t *testing.T, db *sqldb.DB, actions ...string) map[string]int {
	t.Helper()
	n := map[string]int{}
	err := db.View(context.Background(), func(tx shebao.Tx) error {
		for _, a := range actions {
			es, _, err := sqldbtest.AuditLog(context.Background(), tx, shebao.AuditFilter{Action: a, Limit: 1000})
			if err != nil {
				return err
			}
			n[a] = len(es)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// burst sends the passwords at once for one username and returns how many
// logged in and the distinct refusals.
func burst(s interface {
	Login(context.Context, string, string, shebao.Channel, string) (shebao.Account, error)
}, username string, pws []string) (ok int, refusals map[string]int) {
	var mu sync.Mutex
	var wg sync.WaitGroup
	refusals = map[string]int{}
	start := make(chan struct{})
	for _, pw := range pws {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			_, err := s.Login(context.Background(), username, pw, shebao.Online, "")
			mu.Lock()
			defer mu.Unlock()
			if err == nil {
				ok++
			} else {
				refusals[reason(err)]++
			}
		}()
	}
	close(start)
	wg.Wait()
	return ok, refusals
}

// TestParallelGuessesAreBounded fires 100 wrong passwords at once for one
// account: exactly 5 are compared (the audit log records each evaluated
// guess as login.failed or login.locked, each refused one as
// login.refused), every answer is LOGIN_FAILED, and then a burst with the
// right password inside it logs in not once.
func TestParallelGuessesAreBounded(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		s, _, g := setup(t, db)
		wrong := make([]string, 100)
		for i := range wrong {
			wrong[i] = "wrong-guess-" + string(rune('a'+i%26))
		}
		ok, refusals := burst(s, g.OperatorA, wrong)
		if ok != 0 || refusals[shebao.ReasonLoginFailed] != 100 {
			t.Fatalf("first burst: %d logged in, refusals %v", ok, refusals)
		}
		n := countActions(t, db, "login.failed", "login.locked", "login.refused")
		if evaluated := n["login.failed"] + n["login.locked"]; evaluated != 5 || n["login.locked"] != 1 || n["login.refused"] != 95 {
			t.Fatalf("audit after 100 parallel guesses: %v, want 4 failed, 1 locked, 95 refused", n)
		}
		mixed := append([]string(nil), wrong...)
		for i := 0; i < len(mixed); i += 10 {
			mixed[i] = demo.Password
		}
		ok, refusals = burst(s, g.OperatorA, mixed)
		if ok != 0 || refusals[shebao.ReasonLoginFailed] != 100 {
			t.Fatalf("burst with the right password while locked: %d logged in, refusals %v", ok, refusals)
		}
		n2 := countActions(t, db, "login.failed", "login.locked", "login.refused")
		if n2["login.failed"] != n["login.failed"] || n2["login.locked"] != n["login.locked"] || n2["login.refused"] != 195 {
			t.Errorf("passwords compared while locked: %v", n2)
		}
	})
}

// TestRefusalsSayNothingOfUsernames: a wrong password for a locked or a
// disabled account gets exactly the answer of an unknown username.
func TestRefusalsSayNothingOfUsernames(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		s, _, g := setup(t, db)
		ctx := context.Background()
		_, unknown := s.Login(ctx, "nobody-here", "Wrong2026pw", shebao.Online, "")
		for i := 0; i < 6; i++ {
			_, _ = s.Login(ctx, g.OperatorA, "Wrong2026pw", shebao.Online, "")
		}
		_, locked := s.Login(ctx, g.OperatorA, "Wrong2026pw", shebao.Online, "")
		_, lockedRight := s.Login(ctx, g.OperatorA, demo.Password, shebao.Online, "")
		err := db.InTx(ctx, func(tx shebao.Tx) error {
			acc, err := tx.AccountByUsername(ctx, g.OperatorB)
			if err != nil {
				return err
			}
			acc.Disabled = true
			return tx.UpdateAccount(ctx, acc)
		})
		if err != nil {
			t.Fatal(err)
		}
		_, disabled := s.Login(ctx, g.OperatorB, "Wrong2026pw", shebao.Online, "")
		for name, got := range map[string]error{"locked": locked, "locked, right password": lockedRight, "disabled": disabled} {
			if !reflect.DeepEqual(got, unknown) {
				t.Errorf("%s: %#v, want the unknown username's %#v", name, got, unknown)
			}
		}
		_, disabledRight := s.Login(ctx, g.OperatorB, demo.Password, shebao.Online, "")
		if reason(disabledRight) != shebao.ReasonAccountOff {
			t.Errorf("disabled, right password: %v", disabledRight)
		}
	})
}
