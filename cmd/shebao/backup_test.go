package main

import (
	"bytes"
	"context"
	"database/sql"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"shebao"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

// TestBackupRestore takes `shebao backup` while a writer keeps acknowledging
// items, restores the backup as an operator would, and finds every item
// acknowledged before the backup began, each with its audit entry, and an
// intact audit chain, on both databases.
func TestBackupRestore(t *testing.T) {
	for _, dialect := range []string{sqldb.SQLite, sqldb.Postgres} {
		t.Run(dialect, func(t *testing.T) {
			ctx := t.Context()
			dbURL := sqldbtest.URL(t, dialect)
			if _, err := exec.LookPath("pg_restore"); err != nil && dialect == sqldb.Postgres {
				t.Skip("pg_dump and pg_restore are not installed")
			}
			db := migrated(t, dbURL)
			defer db.Close()
			u, p := unitAndPerson(t, db)

			var mu sync.Mutex
			var acked []int64
			stop := make(chan struct{})
			done := make(chan struct{})
			go func() { // the office at work while the backup runs
				defer close(done)
				for i := 0; ; i++ {
					select {
					case <-stop:
						return
					default:
					}
					id, err := ackItem(ctx, db, u, p, i)
					if err != nil {
						t.Error(err)
						return
					}
					mu.Lock()
					acked = append(acked, id)
					mu.Unlock()
				}
			}()
			for n := 0; n < 20; { // some acknowledged before the backup
				mu.Lock()
				n = len(acked)
				mu.Unlock()
				time.Sleep(time.Millisecond)
			}
			mu.Lock()
			before := append([]int64(nil), acked...)
			mu.Unlock()
			out := filepath.Join(t.TempDir(), "shebao.backup")
			var stdout, stderr bytes.Buffer
			err := run(ctx, []string{"backup", "-db", dbURL, "-out", out}, &stdout, &stderr)
			close(stop)
			<-done
			if err != nil {
				t.Fatalf("backup: %v\n%s", err, stderr.String())
			}
			if err := run(ctx, []string{"backup", "-db", dbURL, "-out", out}, &stdout, &stderr); err == nil {
				t.Error("a second backup over the same file: no error")
			}

			db.Close() // the database is lost
			restored := migrated(t, restore(t, dialect, dbURL, out))
			defer restored.Close()
			err = restored.View(ctx, func(tx shebao.Tx) error {
				for _, id := range before {
					if _, err := tx.Item(ctx, id); err != nil {
						t.Errorf("item %d, acknowledged before the backup: %v", id, err)
					}
				}
				rows, _, err := tx.AuditRows(ctx, shebao.AuditFilter{Action: "test.ack", Limit: 500})
				if err == nil && len(rows) < len(before) {
					t.Errorf("%d audit entries in the backup, want at least %d", len(rows), len(before))
				}
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			if c, err := restored.VerifyAudit(ctx); err != nil || !c.OK() {
				t.Errorf("the restored audit chain: %+v %v", c, err)
			}
		})
	}
}

// migrated opens and migrates the database at dbURL for a test.
func migrated(t *testing.T, dbURL string) *sqldb.DB {
	t.Helper()
	db, err := openMigrated(t.Context(), dbURL)
	if err != nil {
		t.Fatal(err)
	}
	return db
}

func unitAndPerson(t *testing.T, db *sqldb.DB) (shebao.Unit, shebao.Person) {
	t.Helper()
	u := shebao.Unit{CreditCode: "91110000000000001X", Name: "备份测试有限公司", Status: shebao.UnitActive}
	p := shebao.Person{IDNumber: "110105199003070011", Name: "张三", Sex: shebao.Female, BirthDate: 19900307,
		PostCategory: shebao.PostWorker}
	err := db.InTx(t.Context(), func(tx shebao.Tx) error {
		if err := tx.CreateUnit(t.Context(), &u); err != nil {
			return err
		}
		return tx.CreatePerson(t.Context(), &p)
	})
	if err != nil {
		t.Fatal(err)
	}
	return u, p
}

// ackItem writes an item and its audit entry in one transaction and returns
// its id once committed: an acknowledged item.
func ackItem(ctx context.Context, db *sqldb.DB, u shebao.Unit, p shebao.Person, i int) (int64, error) {
	at := time.Date(2026, 7, 8, 1, 0, i, 0, time.UTC)
	it := shebao.Item{Type: shebao.ItemStop, UnitID: u.ID, PersonID: p.ID, Channel: shebao.Online,
		Period: 202607, Status: shebao.StatusApproved, CreatedBy: 7, CreatedAt: at, DecidedAt: at,
		UnitName: u.Name, PersonName: p.Name, IDNumber: p.IDNumber}
	err := db.InTx(ctx, func(tx shebao.Tx) error {
		if err := tx.InsertItem(ctx, &it); err != nil {
			return err
		}
		e := shebao.AuditFor(shebao.Actor{AccountID: 7, Username: "op", Role: shebao.RoleOperator, UnitID: u.ID}, at, "test.ack")
		e.PersonID, e.ItemID = p.ID, it.ID
		return tx.Audit(ctx, e)
	})
	return it.ID, err
}

// restore puts the backup back as docs/OPERATIONS.md says and returns the
// restored database's URL: for SQLite the backup file is the database; for
// PostgreSQL the schema is dropped and pg_restore makes it again.
func restore(t *testing.T, dialect, dbURL, backup string) string {
	t.Helper()
	if dialect == sqldb.SQLite {
		path := filepath.Join(t.TempDir(), "restored.db")
		if err := os.Rename(backup, path); err != nil {
			t.Fatal(err)
		}
		return "sqlite:" + path
	}
	u, err := url.Parse(dbURL)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	schema := q.Get("search_path")
	q.Del("search_path")
	u.RawQuery = q.Encode()
	// The schema is lost; pg_restore makes it again from the backup.
	a, err := sql.Open("pgx", u.String())
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	if _, err := a.ExecContext(context.Background(), `DROP SCHEMA `+schema+` CASCADE`); err != nil {
		t.Fatal(err)
	}
	if msg, err := exec.Command("pg_restore", "--no-owner", "--dbname="+u.String(), backup).CombinedOutput(); err != nil {
		t.Fatalf("pg_restore: %v: %s", err, strings.TrimSpace(string(msg)))
	}
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}
