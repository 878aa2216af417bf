// Package sqldb stores shebao's data in SQLite or PostgreSQL. It implements
// shebao.Store with hand-written portable SQL ($N placeholders, integer money
// and days, timestamps as unix microseconds) through database/sql, and keeps
// one set of goose migrations per dialect, embedded, with the same versions.
package sqldb

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"strings"
	"sync/atomic"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" database/sql driver
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
	_ "modernc.org/sqlite" // registers the "sqlite" database/sql driver

	"shebao"
)

// Dialect names, as returned by (*DB).Dialect.
const (
	SQLite   = "sqlite"
	Postgres = "postgres"
)

//go:embed migrations/sqlite/*.sql migrations/postgres/*.sql
var migrations embed.FS

// DB is shebao's database: an implementation of shebao.Store.
//
// For SQLite it holds two pools over the same file: a writer with a single
// connection whose transactions begin IMMEDIATE (so writers queue in Go
// instead of failing with SQLITE_BUSY), and a read-only pool for View, whose
// transactions read a WAL snapshot while the writer works. For PostgreSQL
// both are the same pool.
type DB struct {
	dialect string
	write   *sql.DB
	read    *sql.DB
	stmts   map[*sql.DB]*stmtCache // SQLite: each pool's prepared statements (stmtcache.go)
	url     string                 // PostgreSQL: the URL it was opened with, for pg_dump
	path    string                 // SQLite: the database file, for VACUUM INTO
	retries atomic.Int64           // transactions InTx ran again (Retries)
	group   *committer             // SQLite: runs InTx's transactions, several to a commit (groupcommit.go)
	count   counter                // statements run, while a test counts them (count.go)
	heads   *chainPool             // PostgreSQL: the audit chains this process's transactions hold (auditchain.go)
}

var _ shebao.Store = (*DB)(nil)

// Open connects to the database named by rawURL: "sqlite:PATH" (or
// "sqlite://PATH") for a SQLite file, "postgres://…" or "postgresql://…" for
// PostgreSQL. It does not migrate: call Migrate.
func Open(ctx context.Context, rawURL string) (*DB, error) {
	switch {
	case strings.HasPrefix(rawURL, "sqlite:"):
		path := strings.TrimPrefix(strings.TrimPrefix(rawURL, "sqlite:"), "//")
		if path == "" {
			return nil, fmt.Errorf("sqldb: open %q: no file path", rawURL)
		}
		return openSQLite(ctx, path)
	case strings.HasPrefix(rawURL, "postgres://"), strings.HasPrefix(rawURL, "postgresql://"):
		return openPostgres(ctx, rawURL)
	}
	return nil, fmt.Errorf("sqldb: open: unknown database URL scheme in %q (want sqlite:PATH or postgres://…)", redact(rawURL))
}

// sqliteDSN returns the modernc.org/sqlite DSN for path. The settings apply
// to every connection the pool opens:
//   - foreign_keys: enforce REFERENCES;
//   - busy_timeout: wait for another process's lock instead of failing;
//   - journal_mode WAL: readers do not block the writer nor it them;
//   - synchronous FULL: in WAL mode NORMAL may lose the last transactions on
//     power loss; an acknowledged submission (a receipt shown to a unit) must
//     survive a crash, so every commit is fsynced;
//   - _txlock=immediate (writer only): BEGIN IMMEDIATE takes the write lock at
//     once, so a transaction never fails half-way on lock upgrade;
//   - no mmap_size: pages are read with pread, not through a memory map. A
//     read transaction that begins after another connection's commit drops
//     its page cache, and with a map SQLite also unmaps the whole file
//     (sqlite3OsUnfetch); the map's pages then fault in again one by one.
//     Under the office's mix that cost 27% of the server's CPU and nearly halved
//     its rate (docs/PERFORMANCE.md, "SQLite without a memory map").
//
// The reader sets query_only so that View cannot write.
func sqliteDSN(path string, writer bool) string {
	q := url.Values{}
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "busy_timeout(10000)")
	if writer {
		q.Add("_pragma", "journal_mode(WAL)")
		q.Set("_txlock", "immediate")
	} else {
		q.Add("_pragma", "query_only(1)")
	}
	q.Add("_pragma", "synchronous(FULL)")
	return "file:" + path + "?" + q.Encode()
}

func openSQLite(ctx context.Context, path string) (*DB, error) {
	w, err := sql.Open("sqlite", sqliteDSN(path, true))
	if err != nil {
		return nil, fmt.Errorf("sqldb: open sqlite %s: %w", path, err)
	}
	w.SetMaxOpenConns(1)
	w.SetConnMaxIdleTime(0)
	// The writer's first connection creates the file and switches it to WAL
	// before any reader opens it.
	if err := w.PingContext(ctx); err != nil {
		w.Close()
		return nil, fmt.Errorf("sqldb: open sqlite %s: %w", path, err)
	}
	r, err := sql.Open("sqlite", sqliteDSN(path, false))
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("sqldb: open sqlite %s: %w", path, err)
	}
	r.SetMaxOpenConns(8)
	r.SetMaxIdleConns(8)
	db := &DB{dialect: SQLite, write: w, read: r, path: path,
		stmts: map[*sql.DB]*stmtCache{w: newStmtCache(w), r: newStmtCache(r)}}
	db.group = newCommitter(db)
	return db, nil
}

// pgConns is how many connections a PostgreSQL pool opens, and keeps.
//
// The pool keeps every connection it opens, idle or not, until it has been
// idle for pgConnIdle: a connection closed and opened again is a new
// backend, which loads its catalog caches, prepares pgx's cached
// statements again and plans each with custom plans for its first five
// runs. One request of each of the mix's operations cost such a backend
// 70-110 ms of CPU against 7-9 ms warm (the facts' first run planned in
// 33-37 ms); a pool that kept 8 idle of 32 started 27-70 backends in a 15 s
// run of the mix at C=100, in bursts after each dip of the load
// (docs/PERFORMANCE.md, "PostgreSQL's backends").
const (
	pgConns    = 32
	pgConnIdle = 5 * time.Minute
)

func openPostgres(ctx context.Context, rawURL string) (*DB, error) {
	p, err := sql.Open("pgx", rawURL)
	if err != nil {
		return nil, fmt.Errorf("sqldb: open postgres %s: %w", redact(rawURL), err)
	}
	p.SetMaxOpenConns(pgConns)
	p.SetMaxIdleConns(pgConns)
	p.SetConnMaxIdleTime(pgConnIdle)
	if err := p.PingContext(ctx); err != nil {
		p.Close()
		return nil, fmt.Errorf("sqldb: open postgres %s: %w", redact(rawURL), err)
	}
	return &DB{dialect: Postgres, write: p, read: p, url: rawURL, heads: new(chainPool)}, nil
}

// redact removes a password from a database URL for messages.
func redact(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil || u.User == nil {
		return rawURL
	}
	return u.Redacted()
}

// Close closes every connection.
func (db *DB) Close() error {
	if db.group != nil {
		db.group.close()
	}
	for _, c := range db.stmts {
		c.close()
	}
	err := db.write.Close()
	if db.read != db.write {
		err = errors.Join(err, db.read.Close())
	}
	return err
}

// Dialect returns SQLite or Postgres.
func (db *DB) Dialect() string { return db.dialect }

// Migrate brings the schema up to the newest embedded migration. Versions
// are applied in order only: goose refuses a database that already has a
// higher version than a pending one, so a new migration takes the next free
// number in both dialects.
func (db *DB) Migrate(ctx context.Context) error {
	dialect, dir := goose.DialectSQLite3, "migrations/sqlite"
	if db.dialect == Postgres {
		dialect, dir = goose.DialectPostgres, "migrations/postgres"
	}
	fsys, err := fs.Sub(migrations, dir)
	if err != nil {
		return fmt.Errorf("sqldb: migrate: %w", err)
	}
	var opts []goose.ProviderOption
	if db.dialect == Postgres {
		// Instances started together migrate one at a time: a session
		// advisory lock, keyed by the URL (its schema), while goose runs.
		locker, err := lock.NewPostgresSessionLocker(lock.WithLockID(lockKey("migrate:" + db.url)))
		if err != nil {
			return fmt.Errorf("sqldb: migrate: %w", err)
		}
		opts = append(opts, goose.WithSessionLocker(locker))
	}
	p, err := goose.NewProvider(dialect, db.write, fsys, opts...)
	if err != nil {
		return fmt.Errorf("sqldb: migrate: %w", err)
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("sqldb: migrate: %w", err)
	}
	return db.sealAudit(ctx)
}

// maxAttempts bounds how often InTx runs a transaction that failed on
// SQLITE_BUSY or a PostgreSQL serialization failure or deadlock.
const maxAttempts = 3

// InTx runs fn in one read-write transaction, committing when fn returns nil
// and rolling back otherwise; fn's error is returned as is. It returns once
// the commit is durable. A transaction that fails on a transient lock
// conflict is run again (fn must not have effects outside the transaction).
// On SQLite, transactions of concurrent callers share one commit, each
// inside a savepoint of its own (groupcommit.go); fn still runs on its
// caller's goroutine. On PostgreSQL, the transaction sends its BEGIN and
// its COMMIT together with its statements where it can (pgtx.go). Do not
// call InTx from inside fn: on SQLite the single writer is taken, and it
// would wait forever.
func (db *DB) InTx(ctx context.Context, fn func(shebao.Tx) error) error {
	if db.group != nil {
		return db.retry(ctx, func() error { return db.group.run(ctx, fn) })
	}
	return db.inTxAlone(ctx, fn)
}

// inTxAlone is InTx in a transaction of fn's own, for work that must not
// share it (sealing the audit chain rewrites its head). On PostgreSQL a
// transaction that found every audit chain's head held when it came to
// append (errEveryHeadHeld) runs again at once, within the same attempt,
// taking a head first, as do its later attempts: heads are scarce.
func (db *DB) inTxAlone(ctx context.Context, fn func(shebao.Tx) error) error {
	headFirst := false
	return db.retry(ctx, func() error {
		err := db.run(ctx, db.write, nil, headFirst, fn)
		if errors.Is(err, errEveryHeadHeld) && !headFirst {
			db.retries.Add(1)
			headFirst = true
			err = db.run(ctx, db.write, nil, true, fn)
		}
		return err
	})
}

// retry runs try, and again after a transient lock conflict, up to
// maxAttempts times.
func (db *DB) retry(ctx context.Context, try func() error) error {
	for attempt := 1; ; attempt++ {
		err := try()
		if err == nil || attempt == maxAttempts || !retryable(err) {
			return err
		}
		db.retries.Add(1)
		select {
		case <-ctx.Done():
			return err
		case <-time.After(time.Duration(attempt*attempt) * 10 * time.Millisecond):
		}
	}
}

// View runs fn in a read-only transaction that sees one consistent snapshot
// (so that a count and the page it counts agree): on SQLite a WAL read
// transaction on the reader pool, on PostgreSQL READ ONLY REPEATABLE READ,
// which never fails with a serialization error.
func (db *DB) View(ctx context.Context, fn func(shebao.Tx) error) error {
	opts := &sql.TxOptions{ReadOnly: true}
	if db.dialect == Postgres {
		opts.Isolation = sql.LevelRepeatableRead
	}
	return db.run(ctx, db.read, opts, false, fn)
}

// run runs fn in a transaction of pool; headFirst: a PostgreSQL
// read-write transaction takes an audit chain's head first (takeHeadFirst).
func (db *DB) run(ctx context.Context, pool *sql.DB, opts *sql.TxOptions, headFirst bool, fn func(shebao.Tx) error) error {
	cache := db.stmts[pool]
	err := db.runTx(ctx, pool, opts, headFirst, cache, fn)
	cache.preparePending(ctx) // the transaction's connection is back in the pool
	return err
}

func (db *DB) runTx(ctx context.Context, pool *sql.DB, opts *sql.TxOptions, headFirst bool, cache *stmtCache, fn func(shebao.Tx) error) error {
	if db.dialect == Postgres && opts == nil {
		return db.runPgTx(ctx, pool, headFirst, fn)
	}
	db.count.add() // BEGIN
	stx, err := pool.BeginTx(ctx, opts)
	if err != nil {
		return fmt.Errorf("sqldb: begin: %w", err)
	}
	defer db.count.add() // COMMIT or ROLLBACK
	t := &tx{tx: newSQLTx(stx, cache, &db.count), dialect: db.dialect, heads: db.heads}
	defer func() {
		stx.Rollback()      // no-op after Commit; runs on panic too
		t.heads.give(t.own) // after COMMIT or ROLLBACK, which released its head
	}()
	if err := fn(t); err != nil {
		return err
	}
	if err := t.appendAudits(ctx); err != nil {
		return err
	}
	if err := stx.Commit(); err != nil {
		return fmt.Errorf("sqldb: commit: %w", err)
	}
	return nil
}

// runPgTx is runTx for a read-write transaction on PostgreSQL, which sends
// its BEGIN and COMMIT with its statements (pgtx.go).
func (db *DB) runPgTx(ctx context.Context, pool *sql.DB, headFirst bool, fn func(shebao.Tx) error) error {
	conn, err := pool.Conn(ctx)
	if err != nil {
		return fmt.Errorf("sqldb: begin: %w", err)
	}
	p := &pgTx{conn: conn, count: &db.count}
	t := &tx{tx: sqlTx{pg: p, ran: new(int), count: &db.count}, dialect: db.dialect, heads: db.heads}
	defer func() {
		p.end(ctx)          // ROLLBACK unless committed; runs on panic too
		t.heads.give(t.own) // after COMMIT or ROLLBACK, which released its head
	}()
	if headFirst {
		if err := t.takeHeadFirst(ctx); err != nil {
			return err
		}
	}
	if err := fn(t); err != nil {
		if p.err != nil && !errors.Is(err, p.err) {
			return errors.Join(p.err, err)
		}
		return err
	}
	if p.err != nil {
		return p.err
	}
	if err := t.appendAudits(ctx); err != nil {
		return err
	}
	return p.commit(ctx)
}

// tx implements shebao.Tx over one database/sql transaction.
type tx struct {
	tx      sqlTx
	dialect string
	audits  []shebao.AuditEntry // appended to the log at commit
	chain   *groupChain         // SQLite group commit: the chain's head as the group sees it
	snap    *auditSnap          // names the last item's INSERT read, for its audit entry
	head    *heldHead           // PostgreSQL: the chain's head the item's INSERT took
	// headTried: an item's INSERT tried to take a head (PostgreSQL).
	headTried bool
	heads     *chainPool // PostgreSQL: the process's chains (nil on SQLite)
	own       int        // the chain the process handed this transaction (0: none yet)
}

var _ shebao.Tx = (*tx)(nil)

// scanner is a *sql.Row or *sql.Rows.
type scanner interface {
	Scan(dest ...any) error
}

// micros returns t as unix microseconds; the zero time is 0.
func micros(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMicro()
}

// fromMicros returns the UTC time of v unix microseconds; 0 is the zero time.
func fromMicros(v int64) time.Time {
	if v == 0 {
		return time.Time{}
	}
	return time.UnixMicro(v).UTC()
}
