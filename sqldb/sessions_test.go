package sqldb_test

import (
	"strings"
	"testing"
	"time"

	"shebao"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

// TestSessionStore: a session is found with its account as stored now, by
// one statement; not when it has expired, has been deleted, or its
// account is not one (a session stored before migration 00013).
func TestSessionStore(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := t.Context()
		s := db.SessionStore()
		now := time.Now()
		setAt := time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC)
		acc := shebao.Account{Username: "hr_a", Role: shebao.RoleClerk, Generation: 3, PasswordHash: "$2a$10$hash",
			DisplayName: "人事甲", MustChange: true, PasswordSetAt: setAt, CreatedAt: setAt}
		if err := db.InTx(ctx, func(tx shebao.Tx) error { return tx.CreateAccount(ctx, &acc) }); err != nil {
			t.Fatal(err)
		}
		find := func(token string) ([]byte, shebao.Account, bool) {
			t.Helper()
			stop := db.CountStatements()
			b, a, ok, err := s.FindAccount(ctx, token)
			if n := stop(); n != 1 {
				t.Errorf("FindAccount(%s) ran %d statements, want 1", token, n)
			}
			if err != nil {
				t.Fatal(err)
			}
			return b, a, ok
		}
		commit := func(token, data string, expiry time.Time, accountID int64) {
			t.Helper()
			if err := s.CommitAccount(ctx, token, []byte(data), expiry, accountID); err != nil {
				t.Fatal(err)
			}
		}
		commit("live", "a", now.Add(time.Hour), acc.ID)
		commit("old", "b", now.Add(-time.Second), acc.ID)
		commit("none", "c", now.Add(time.Hour), 0)
		if b, a, ok := find("live"); !ok || string(b) != "a" || a.ID != acc.ID || a.Username != "hr_a" || a.Role != shebao.RoleClerk ||
			a.Generation != 3 || !a.MustChange || !a.PasswordSetAt.Equal(setAt) {
			t.Errorf("FindAccount(live) = %q, %+v, %v", b, a, ok)
		} else if a.PasswordHash != "" || a.DisplayName != "" || !a.CreatedAt.IsZero() {
			// what no request needs is not read, and the hash never reaches a request's context
			t.Errorf("FindAccount(live) read more than a request is judged by: %+v", a)
		}
		for _, token := range []string{"old", "none", "missing"} {
			if _, _, ok := find(token); ok {
				t.Errorf("FindAccount found session %q", token)
			}
		}
		// The account is read as it is now, not as it was at the commit.
		acc.Role, acc.Generation, acc.Disabled = shebao.RoleReviewer, 4, true
		if err := db.InTx(ctx, func(tx shebao.Tx) error { return tx.UpdateAccount(ctx, acc) }); err != nil {
			t.Fatal(err)
		}
		if _, a, _ := find("live"); a.Role != shebao.RoleReviewer || a.Generation != 4 || !a.Disabled {
			t.Errorf("after the change: %+v", a)
		}
		// Commit replaces the data and expiry.
		commit("live", "c", now.Add(2*time.Hour), acc.ID)
		if b, _, ok := find("live"); !ok || string(b) != "c" {
			t.Errorf("FindAccount(live) after Commit = %q, %v", b, ok)
		}
		n, err := s.DeleteExpired(ctx, now)
		if err != nil || n != 1 {
			t.Errorf("DeleteExpired = %d, %v; want 1", n, err)
		}
		for range 2 { // deleting a missing session is no error
			if err := s.DeleteCtx(ctx, "live"); err != nil {
				t.Fatal(err)
			}
		}
		if _, _, ok := find("live"); ok {
			t.Error("FindAccount found a deleted session")
		}
	})
}

// TestSessionLookupPlan: the session's lookup reads one row of sessions and
// one of accounts, each by its primary key.
func TestSessionLookupPlan(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		p := plan(t, db, sqldb.QFindSession, "t", 0)
		want := map[string][]string{
			sqldb.SQLite:   {"SEARCH sessions USING INDEX sqlite_autoindex_sessions_1 (token=?)", "SEARCH accounts USING INTEGER PRIMARY KEY (rowid=?)"},
			sqldb.Postgres: {"sessions_pkey", "accounts_pkey"},
		}[db.Dialect()]
		for _, w := range want {
			if !strings.Contains(p, w) {
				t.Errorf("the plan does not use %s:\n%s", w, p)
			}
		}
	})
}
