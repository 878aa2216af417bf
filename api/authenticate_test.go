package api_test

import (
	"net/http"
	"testing"
	"time"

	"shebao"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

// TestAuthenticationIsOneStatement: a request authenticates by one
// statement, which reads its session and its account together
// (docs/PERFORMANCE.md, "Authentication in one statement"): GET
// /api/v1/me, which reads nothing else, runs exactly one, and so does a
// request whose token is unknown or has expired.
func TestAuthenticationIsOneStatement(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ta := newTestAPI(t, db)
		token, expired := ta.login("opa"), ta.login("opb")
		expire(t, db, expired)
		for _, c := range []struct {
			name, token string
			status      int
		}{
			{"live token", token, http.StatusOK},
			{"unknown token", "no-such-token", http.StatusUnauthorized},
			{"expired token", expired, http.StatusUnauthorized},
		} {
			stop := db.CountStatements()
			w := ta.call("GET", "/api/v1/me", c.token, nil)
			if n := stop(); n != 1 {
				t.Errorf("%s: GET /api/v1/me ran %d statements, want 1", c.name, n)
			}
			if w.Code != c.status {
				t.Errorf("%s: status %d, want %d: %s", c.name, w.Code, c.status, w.Body)
			}
		}
	})
}

// expire moves the stored expiry of token's session into the past, as the
// wall clock would after the session's lifetime.
func expire(t *testing.T, db *sqldb.DB, token string) {
	t.Helper()
	store := db.SessionStore()
	data, acc, found, err := store.FindAccount(t.Context(), token)
	if err != nil || !found {
		t.Fatalf("session of %s: found %v, %v", token, found, err)
	}
	if err := store.CommitAccount(t.Context(), token, data, time.Now().Add(-time.Second), acc.ID); err != nil {
		t.Fatal(err)
	}
}

// TestOpenTokenSeesAccountChanges: an open token acts at its next request
// with its account as stored then, read with the session: a role changed
// behind its back (no new generation) is the role it acts with; an
// administrator's role change (a new generation), or a disabling, ends it.
func TestOpenTokenSeesAccountChanges(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ta := newTestAPI(t, db)
		token := ta.login("rev")
		if w := ta.call("GET", "/api/v1/review", token, nil); w.Code != http.StatusOK {
			t.Fatalf("reviewer's queue: %d %s", w.Code, w.Body)
		}
		change := func(f func(*shebao.Account)) {
			t.Helper()
			err := db.InTx(t.Context(), func(tx shebao.Tx) error {
				acc, err := tx.AccountByUsername(t.Context(), "rev")
				if err != nil {
					return err
				}
				f(&acc)
				return tx.UpdateAccount(t.Context(), acc)
			})
			if err != nil {
				t.Fatal(err)
			}
		}
		change(func(a *shebao.Account) { a.Role = shebao.RoleClerk })
		if me := decode[loginOut](t, ta.call("GET", "/api/v1/me", token, nil), http.StatusOK); me.Account.Role != string(shebao.RoleClerk) {
			t.Errorf("after the role change the token acts as %q, want clerk", me.Account.Role)
		}
		wantError(t, ta.call("GET", "/api/v1/review", token, nil), http.StatusForbidden, shebao.ReasonForbidden, "")

		change(func(a *shebao.Account) { a.Role, a.Generation = shebao.RoleReviewer, a.Generation+1 })
		wantError(t, ta.call("GET", "/api/v1/me", token, nil), http.StatusUnauthorized, shebao.ReasonNotLoggedIn, "")

		token = ta.login("rev")
		change(func(a *shebao.Account) { a.Disabled = true })
		wantError(t, ta.call("GET", "/api/v1/me", token, nil), http.StatusUnauthorized, shebao.ReasonNotLoggedIn, "")
	})
}
