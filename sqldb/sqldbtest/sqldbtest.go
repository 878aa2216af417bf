// Package sqldbtest gives tests a fresh, migrated shebao database on SQLite
// and, when the environment variable SHEBAO_TEST_POSTGRES holds a
// PostgreSQL URL, on PostgreSQL, so that one suite covers both dialects:
//
//	func TestX(t *testing.T) {
//		sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) { … })
//	}
package sqldbtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"shebao"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver for the admin connection

	"shebao/sqldb"
)

// PostgresEnv names the environment variable holding the URL of a
// PostgreSQL database in which tests may create and drop schemas.
const PostgresEnv = "SHEBAO_TEST_POSTGRES"

// RequirePostgresEnv, set to 1 (as .ci/run does), turns the skip of a
// PostgreSQL test without PostgresEnv into a failure, so that CI cannot pass
// with the production database silently untested.
const RequirePostgresEnv = "SHEBAO_REQUIRE_POSTGRES"

// Each runs fn as the subtests "sqlite" and "postgres", each with its own
// fresh, migrated database. The postgres subtest is skipped unless
// SHEBAO_TEST_POSTGRES is set.
func Each(t *testing.T, fn func(t *testing.T, db *sqldb.DB)) {
	t.Helper()
	for _, d := range []string{sqldb.SQLite, sqldb.Postgres} {
		t.Run(d, func(t *testing.T) {
			fn(t, Open(t, d))
		})
	}
}

// Open returns a fresh, migrated database of the dialect (sqldb.SQLite or
// sqldb.Postgres), closed and removed when the test ends: a SQLite file in
// t.TempDir(), or a PostgreSQL schema with a random name that every
// connection uses through search_path. It skips the test for PostgreSQL when
// SHEBAO_TEST_POSTGRES is not set.
func Open(t testing.TB, dialect string) *sqldb.DB {
	t.Helper()
	db, _ := OpenURL(t, dialect)
	return db
}

// OpenURL is Open, with the database's URL (as sqldb.Open takes it) for
// the helpers that work on it directly (SyntheticDistrict, RawLines).
func OpenURL(t testing.TB, dialect string) (*sqldb.DB, string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	rawURL := URL(t, dialect)
	db, err := sqldb.Open(ctx, rawURL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	return db, rawURL
}

// URL returns the URL of a fresh, empty database of the dialect, removed
// when the test ends (see Open), for tests of programs that open it
// themselves. It skips the test for PostgreSQL when SHEBAO_TEST_POSTGRES is
// not set.
func URL(t testing.TB, dialect string) string {
	t.Helper()
	switch dialect {
	case sqldb.SQLite:
		return "sqlite:" + filepath.Join(t.TempDir(), "shebao.db")
	case sqldb.Postgres:
		return postgresSchema(t)
	}
	t.Fatalf("sqldbtest: unknown dialect %q", dialect)
	return ""
}

// postgresSchema creates a schema with a random name, registers its drop
// with t.Cleanup (which runs after the database's Close, registered later),
// and returns the URL of the test database with search_path set to it.
func postgresSchema(t testing.TB) string {
	base := os.Getenv(PostgresEnv)
	if base == "" {
		if os.Getenv(RequirePostgresEnv) == "1" {
			t.Fatal(PostgresEnv + " is not set and " + RequirePostgresEnv + "=1")
		}
		t.Skip(PostgresEnv + " is not set")
	}
	b := make([]byte, 8)
	rand.Read(b)
	schema := "test_" + hex.EncodeToString(b)
	if err := adminExec(base, `CREATE SCHEMA `+schema); err != nil {
		t.Fatalf("sqldbtest: create schema: %v", err)
	}
	t.Cleanup(func() {
		if err := adminExec(base, `DROP SCHEMA `+schema+` CASCADE`); err != nil {
			t.Errorf("sqldbtest: drop schema %s: %v", schema, err)
		}
	})
	return withSearchPath(t, base, schema)
}

// withSearchPath sets search_path in a postgres:// URL; pgx sends it as a
// run-time parameter of every connection.
func withSearchPath(t testing.TB, base, schema string) string {
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("sqldbtest: %s: %v", PostgresEnv, err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// adminExec runs one statement on a connection of its own, so that no idle
// admin connection stays open while tests run.
func adminExec(rawURL, stmt string) error {
	db, err := sql.Open("pgx", rawURL)
	if err != nil {
		return err
	}
	defer db.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	_, err = db.ExecContext(ctx, stmt)
	return err
}

// AuditLog lists the audit entries matching f, newest first, with the total
// count, as their callers wrote them: Tx.AuditRows without the names the
// store keeps and the chain's hashes.
func AuditLog(ctx context.Context, tx shebao.Tx, f shebao.AuditFilter) ([]shebao.AuditEntry, int, error) {
	rows, total, err := tx.AuditRows(ctx, f)
	es := make([]shebao.AuditEntry, len(rows))
	for i, r := range rows {
		e := r.AuditEntry
		e.UnitName, e.CreditCode, e.PersonName, e.IDNumber, e.PrevHash, e.Hash = "", "", "", "", "", ""
		es[i] = e
	}
	return es, total, err
}
