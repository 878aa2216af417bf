package sqldb_test

import (
	"testing"
	"time"

	"github.com/alexedwards/scs/v2"

	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

var (
	_ scs.Store    = (*sqldb.SessionStore)(nil)
	_ scs.CtxStore = (*sqldb.SessionStore)(nil)
)

func TestSessionStore(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := t.Context()
		s := db.SessionStore()
		now := time.Now()
		find := func(token string) ([]byte, bool) {
			t.Helper()
			b, ok, err := s.FindCtx(ctx, token)
			if err != nil {
				t.Fatal(err)
			}
			return b, ok
		}
		if err := s.CommitCtx(ctx, "live", []byte("a"), now.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		if err := s.Commit("old", []byte("b"), now.Add(-time.Second)); err != nil {
			t.Fatal(err)
		}
		if b, ok := find("live"); !ok || string(b) != "a" {
			t.Errorf("Find(live) = %q, %v", b, ok)
		}
		if _, ok := find("old"); ok {
			t.Error("Find found an expired session")
		}
		if _, ok := find("none"); ok {
			t.Error("Find found a missing session")
		}
		// Commit replaces the data and expiry.
		if err := s.Commit("live", []byte("c"), now.Add(2*time.Hour)); err != nil {
			t.Fatal(err)
		}
		if b, ok, err := s.Find("live"); err != nil || !ok || string(b) != "c" {
			t.Errorf("Find(live) after Commit = %q, %v, %v", b, ok, err)
		}
		n, err := s.DeleteExpired(ctx, now)
		if err != nil || n != 1 {
			t.Errorf("DeleteExpired = %d, %v; want 1", n, err)
		}
		if err := s.Delete("live"); err != nil {
			t.Fatal(err)
		}
		if err := s.DeleteCtx(ctx, "live"); err != nil {
			t.Errorf("deleting a missing session: %v", err)
		}
		if _, ok := find("live"); ok {
			t.Error("Find found a deleted session")
		}
	})
}
