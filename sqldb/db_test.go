package sqldb_test

import (
	"errors"
	"path/filepath"
	"sync"
	"testing"

	"shebao"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

func TestInTxRollsBack(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := t.Context()
		boom := errors.New("boom")
		err := db.InTx(ctx, func(tx shebao.Tx) error {
			if err := tx.CreateUnit(ctx, &shebao.Unit{CreditCode: "X", Name: "x", CreatedAt: t0}); err != nil {
				return err
			}
			return boom
		})
		if err != boom {
			t.Fatalf("InTx = %v, want fn's error as is", err)
		}
		wantCode(t, db.View(ctx, func(tx shebao.Tx) error { _, err := tx.UnitByCreditCode(ctx, "X"); return err }), shebao.ENOTFOUND)
	})
}

func TestViewIsReadOnly(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := t.Context()
		err := db.View(ctx, func(tx shebao.Tx) error {
			return tx.CreateUnit(ctx, &shebao.Unit{CreditCode: "X", Name: "x", CreatedAt: t0})
		})
		if err == nil {
			t.Fatal("View allowed a write")
		}
		if db.Dialect() != sqldb.SQLite && db.Dialect() != sqldb.Postgres {
			t.Errorf("Dialect() = %q", db.Dialect())
		}
	})
}

func TestMigrateTwice(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		if err := db.Migrate(t.Context()); err != nil {
			t.Fatal(err)
		}
	})
}

func TestOpenURLs(t *testing.T) {
	dir := t.TempDir()
	for _, u := range []string{"sqlite:" + filepath.Join(dir, "a.db"), "sqlite://" + filepath.Join(dir, "b.db")} {
		db, err := sqldb.Open(t.Context(), u)
		if err != nil {
			t.Fatalf("Open(%q): %v", u, err)
		}
		if err := db.Migrate(t.Context()); err != nil {
			t.Fatalf("Migrate(%q): %v", u, err)
		}
		db.Close()
	}
	for _, u := range []string{"mysql://x", "sqlite:", "/tmp/x.db"} {
		if db, err := sqldb.Open(t.Context(), u); err == nil {
			db.Close()
			t.Errorf("Open(%q) succeeded", u)
		}
	}
}

func TestSQLiteSettings(t *testing.T) {
	db := sqldbtest.Open(t, sqldb.SQLite)
	w := db.WriterForTest()
	for pragma, want := range map[string]string{"journal_mode": "wal", "synchronous": "2", "foreign_keys": "1", "busy_timeout": "10000"} {
		var got string
		if err := w.QueryRowContext(t.Context(), "PRAGMA "+pragma).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("PRAGMA %s = %s, want %s", pragma, got, want)
		}
	}
}

// TestViewDuringWrite checks that a reader is not blocked by an open write
// transaction and sees the state before it.
func TestViewDuringWrite(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := t.Context()
		inside, release := make(chan struct{}), make(chan struct{})
		done := make(chan error)
		go func() {
			done <- db.InTx(ctx, func(tx shebao.Tx) error {
				if err := tx.CreateUnit(ctx, &shebao.Unit{CreditCode: "X", Name: "x", CreatedAt: t0}); err != nil {
					return err
				}
				close(inside)
				<-release
				return nil
			})
		}()
		<-inside
		wantCode(t, db.View(ctx, func(tx shebao.Tx) error { _, err := tx.UnitByCreditCode(ctx, "X"); return err }), shebao.ENOTFOUND)
		close(release)
		if err := <-done; err != nil {
			t.Fatal(err)
		}
		view(t, db, func(tx shebao.Tx) error { _, err := tx.UnitByCreditCode(ctx, "X"); return err })
	})
}

// TestPostgresPoolKeepsConnections checks that a PostgreSQL pool keeps the
// connections a burst of concurrent requests opened: each one closed is a
// new backend for the next burst, with cold catalog caches and its
// statements to prepare and plan again (docs/PERFORMANCE.md, "PostgreSQL's
// backends").
func TestPostgresPoolKeepsConnections(t *testing.T) {
	db := sqldbtest.Open(t, sqldb.Postgres)
	ctx := t.Context()
	const n = 20 // more than the 8 idle connections the pool used to keep
	var started, release sync.WaitGroup
	started.Add(n)
	release.Add(1)
	errs := make(chan error, n)
	for range n {
		go func() {
			errs <- db.View(ctx, func(tx shebao.Tx) error {
				_, err := tx.UnitByCreditCode(ctx, "X")
				started.Done()
				release.Wait()
				if shebao.ErrorCode(err) == shebao.ENOTFOUND {
					err = nil
				}
				return err
			})
		}()
	}
	started.Wait() // n transactions hold n connections
	release.Done()
	for range n {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	s := db.Stats()
	if s.MaxIdleClosed != 0 || s.Idle < n {
		t.Errorf("after %d concurrent transactions: %d connections idle, %d closed as surplus idle ones; want %d kept, none closed",
			n, s.Idle, s.MaxIdleClosed, n)
	}
}
