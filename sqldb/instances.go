package sqldb

import (
	"context"
	"crypto/rand"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"hash/fnv"
	"io/fs"
	"path"
	"strconv"
	"strings"
	"sync"
	"time"
)

// What several instances on one database share lives here (docs/OPERATIONS.md):
// keys made once, locks held by one instance at a time, and the readings
// the health endpoints and the metrics take.

// Secret returns the 32-byte key stored under name, making it first if no
// instance has yet: the first instance's insert wins and every instance
// reads the same key.
func (db *DB) Secret(ctx context.Context, name string) ([]byte, error) {
	fresh := make([]byte, 32)
	_, _ = rand.Read(fresh) // crypto/rand.Read never fails
	var key []byte
	err := db.inTx(ctx, func(stx *sql.Tx) error {
		if _, err := stx.ExecContext(ctx, `INSERT INTO secrets (name, secret, created_at) VALUES ($1, $2, $3)
			ON CONFLICT (name) DO NOTHING`, name, fresh, time.Now().UnixMicro()); err != nil {
			return err
		}
		return stx.QueryRowContext(ctx, `SELECT secret FROM secrets WHERE name = $1`, name).Scan(&key)
	})
	if err != nil {
		return nil, dbError("secret", err)
	}
	return key, nil
}

// inTx runs fn in a plain read-write transaction of the writer pool.
func (db *DB) inTx(ctx context.Context, fn func(*sql.Tx) error) error {
	stx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer stx.Rollback()
	if err := fn(stx); err != nil {
		return err
	}
	return stx.Commit()
}

// Exclusive runs fn if no other instance is running the job called name,
// and reports whether it ran. On PostgreSQL it holds a session advisory
// lock (pg_try_advisory_lock) on one connection while fn runs; another
// instance asking meanwhile skips the job. SQLite serves one instance, so
// fn always runs.
func (db *DB) Exclusive(ctx context.Context, name string, fn func(context.Context) error) (bool, error) {
	if db.dialect != Postgres {
		return true, fn(ctx)
	}
	conn, err := db.write.Conn(ctx)
	if err != nil {
		return false, fmt.Errorf("sqldb: exclusive %s: %w", name, err)
	}
	defer conn.Close()
	key := lockKey(name)
	var got bool
	if err := conn.QueryRowContext(ctx, `SELECT pg_try_advisory_lock($1)`, key).Scan(&got); err != nil {
		return false, fmt.Errorf("sqldb: exclusive %s: %w", name, err)
	}
	if !got {
		return false, nil
	}
	defer func() {
		// A failed unlock closes the connection, which releases the lock.
		if _, err := conn.ExecContext(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1)`, key); err != nil {
			_ = conn.Raw(func(any) error { return driver.ErrBadConn })
		}
	}()
	return true, fn(ctx)
}

// lockKey is the advisory lock key of a job name.
func lockKey(name string) int64 {
	h := fnv.New64a()
	h.Write([]byte("shebao:" + name))
	return int64(h.Sum64())
}

// Ready reports whether the database answers and its schema is at the
// newest embedded migration: what /readyz asks. It reads one row.
func (db *DB) Ready(ctx context.Context) error {
	var v sql.NullInt64
	err := db.read.QueryRowContext(ctx, `SELECT MAX(version_id) FROM goose_db_version WHERE is_applied`).Scan(&v)
	if err != nil {
		return fmt.Errorf("sqldb: ready: %w", err)
	}
	want, err := db.newestMigration()
	if err != nil {
		return err
	}
	if v.Int64 != want {
		return fmt.Errorf("sqldb: ready: schema at version %d, want %d", v.Int64, want)
	}
	return nil
}

var newest = map[string]int64{}
var newestMu sync.Mutex

// newestMigration is the version of the dialect's newest embedded migration.
func (db *DB) newestMigration() (int64, error) {
	newestMu.Lock()
	defer newestMu.Unlock()
	if v, ok := newest[db.dialect]; ok {
		return v, nil
	}
	dir := "migrations/sqlite"
	if db.dialect == Postgres {
		dir = "migrations/postgres"
	}
	files, err := fs.Glob(migrations, dir+"/*.sql")
	if err != nil {
		return 0, err
	}
	var max int64
	for _, f := range files {
		num, _, _ := strings.Cut(path.Base(f), "_")
		if v, err := strconv.ParseInt(num, 10, 64); err == nil && v > max {
			max = v
		}
	}
	newest[db.dialect] = max
	return max, nil
}

// Stats returns the statistics of the writer pool (the one pool on
// PostgreSQL), for the metrics.
func (db *DB) Stats() sql.DBStats { return db.write.Stats() }

// Retries returns how many transactions InTx ran again after a transient
// lock conflict since the database was opened.
func (db *DB) Retries() int64 { return db.retries.Load() }

// QueueStats returns how many items wait for review and when the oldest
// came in (zero when none): two index reads on items_status.
func (db *DB) QueueStats(ctx context.Context) (int, time.Time, error) {
	var n int
	var oldest sql.NullInt64
	err := db.read.QueryRowContext(ctx, `SELECT COUNT(*), MIN(created_at) FROM items WHERE status = 'in_review'`).Scan(&n, &oldest)
	if err != nil {
		return 0, time.Time{}, fmt.Errorf("sqldb: queue stats: %w", err)
	}
	return n, fromMicros(oldest.Int64), nil
}
