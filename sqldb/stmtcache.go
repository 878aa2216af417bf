package sqldb

import (
	"context"
	"database/sql"
	"sync"
)

// On SQLite, parsing a statement took a fifth of the server's CPU under
// load (modernc.org/sqlite prepares every statement it runs; pgx keeps a
// cache of its own, so PostgreSQL needs none): each SQLite pool keeps its
// statements prepared. A statement seen for the first time inside a
// transaction runs unprepared and is prepared on the pool after the
// transaction ends (preparing inside it could wait for the writer's single
// connection, which the transaction holds). database/sql then prepares it
// once on each connection of the pool. The cache is bounded.
//
// SQLite compiles a prepared statement again when a parameter its plan
// looked at is bound to a value that could change the plan. SQLite 3.54
// looks at a bare parameter of a `col = $1` term that the chosen index does
// not use, to tell 0 or 1 from other values: a statement run for unit 1,
// then unit 2, then unit 1 was compiled on every run. The statements of
// the load's mix therefore compare ids as `col = CAST($1 AS BIGINT)`, which
// the planner does not look into (TestMixNotReprepared; docs/PERFORMANCE.md,
// "Per-request overhead (stop 9)").

// maxStmts bounds the statements a pool keeps prepared.
const maxStmts = 500

// stmtCache is one pool's prepared statements.
type stmtCache struct {
	pool    *sql.DB
	mu      sync.Mutex
	stmts   map[string]*sql.Stmt
	pending map[string]bool // seen, to prepare when no transaction holds a connection
}

func newStmtCache(pool *sql.DB) *stmtCache {
	return &stmtCache{pool: pool, stmts: map[string]*sql.Stmt{}, pending: map[string]bool{}}
}

// get returns the prepared statement of query, or nil (it is then prepared
// by the next preparePending).
func (c *stmtCache) get(query string) *sql.Stmt {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if s := c.stmts[query]; s != nil {
		return s
	}
	if len(c.stmts)+len(c.pending) < maxStmts {
		c.pending[query] = true
	}
	return nil
}

// preparePending prepares the statements seen since the last call. A
// statement that fails to prepare is left unprepared.
func (c *stmtCache) preparePending(ctx context.Context) {
	if c == nil {
		return
	}
	c.mu.Lock()
	var todo []string
	for q := range c.pending {
		todo = append(todo, q)
	}
	clear(c.pending)
	c.mu.Unlock()
	for _, q := range todo {
		s, err := c.pool.PrepareContext(context.WithoutCancel(ctx), q)
		if err != nil {
			continue
		}
		c.mu.Lock()
		if c.stmts[q] == nil {
			c.stmts[q], s = s, nil
		}
		c.mu.Unlock()
		if s != nil {
			s.Close()
		}
	}
}

// queryRow runs query on pool outside any transaction (one statement reads
// one snapshot) and hands its row to scan: prepared when the cache has it;
// otherwise unprepared, and prepared once scan is done and the row's
// connection is back in the pool. c may be nil (PostgreSQL: pgx caches).
func (c *stmtCache) queryRow(ctx context.Context, pool *sql.DB, scan func(*sql.Row) error, query string, args ...any) error {
	if st := c.get(query); st != nil {
		return scan(st.QueryRowContext(ctx, args...))
	}
	err := scan(pool.QueryRowContext(ctx, query, args...))
	c.preparePending(ctx)
	return err
}

// query is queryRow for a statement of several rows: read gets the rows
// (or the error of running the statement) and must close them.
func (c *stmtCache) query(ctx context.Context, pool *sql.DB, read func(*sql.Rows, error) error, query string, args ...any) error {
	if onStatement != nil {
		onStatement(query, args)
	}
	if st := c.get(query); st != nil {
		return read(st.QueryContext(ctx, args...))
	}
	err := read(pool.QueryContext(ctx, query, args...))
	c.preparePending(ctx)
	return err
}

// close closes the prepared statements.
func (c *stmtCache) close() {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, s := range c.stmts {
		s.Close()
	}
	clear(c.stmts)
}

// onStatement, when set (by tests and benchmarks, before any transaction),
// is called with each statement a transaction runs and its arguments, and
// with each statement run by query outside a transaction. Counting what a
// request sends, BEGIN and COMMIT included, is CountStatements (count.go).
var onStatement func(query string, args []any)

// sqlTx is a transaction that runs the cached statements prepared.
type sqlTx struct {
	*sql.Tx
	cache *stmtCache // nil: none (PostgreSQL)
	ran   *int       // statements run so far (auditSnap)
	count *counter   // the DB's (CountStatements); nil: none
	// detach: run each statement under its context without the context's
	// cancellation (detach); SQLite's group transaction.
	detach bool
	// pg: an InTx transaction on PostgreSQL, on a connection of its own
	// (pgtx.go); Tx is then nil.
	pg *pgTx
}

// detach returns ctx without its cancellation, unless it has ended: a
// statement that starts after its caller gave up still fails at once with
// ctx's error, as database/sql fails it; one that starts before runs to
// its end. For a context that can be cancelled, modernc.org/sqlite starts
// a goroutine a statement, with a channel and a progress handler, to
// interrupt it, and database/sql another a query to close its rows: two
// goroutines for each statement of a submission and for a preview's facts,
// for statements of well under a millisecond (docs/PERFORMANCE.md,
// "Submissions on SQLite (stop 11)"). In a group transaction an
// interrupted write could take the other members' work with it.
func detach(ctx context.Context) context.Context {
	if ctx.Err() != nil {
		return ctx
	}
	return context.WithoutCancel(ctx)
}

func newSQLTx(stx *sql.Tx, cache *stmtCache, count *counter) sqlTx {
	return sqlTx{Tx: stx, cache: cache, ran: new(int), count: count}
}

// statement counts a statement about to run.
func (t sqlTx) statement(query string, args []any) {
	*t.ran++
	t.count.add()
	if onStatement != nil {
		onStatement(query, args)
	}
}

// ExecContext runs a statement.
func (t sqlTx) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	ctx, s := t.prepared(ctx, query, args)
	if s != nil {
		return s.ExecContext(ctx, args...)
	}
	return t.execUncached(ctx, query, args...)
}

// QueryContext runs a query.
func (t sqlTx) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	ctx, s := t.prepared(ctx, query, args)
	if s != nil {
		return s.QueryContext(ctx, args...)
	}
	return t.queryUncached(ctx, query, args...)
}

// prepared counts a statement and returns the context it runs under and,
// on SQLite, its prepared statement in this transaction when the cache
// holds the query (nil otherwise).
func (t sqlTx) prepared(ctx context.Context, query string, args []any) (context.Context, *sql.Stmt) {
	t.statement(query, args)
	if t.pg != nil {
		return ctx, nil
	}
	if t.detach {
		ctx = detach(ctx)
	}
	if s := t.cache.get(query); s != nil {
		return ctx, t.StmtContext(ctx, s)
	}
	return ctx, nil
}

// execUncached runs a statement unprepared and uncounted (bulk statements,
// too many texts to cache; their callers count them).
func (t sqlTx) execUncached(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if t.pg != nil {
		if err := t.pg.begin(ctx); err != nil {
			return nil, err
		}
		return t.pg.conn.ExecContext(ctx, query, args...)
	}
	return t.Tx.ExecContext(ctx, query, args...)
}

// queryUncached is execUncached for a query.
func (t sqlTx) queryUncached(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if t.pg != nil {
		if err := t.pg.begin(ctx); err != nil {
			return nil, err
		}
		return t.pg.conn.QueryContext(ctx, query, args...)
	}
	return t.Tx.QueryContext(ctx, query, args...)
}

// QueryRowContext runs a query of one row.
func (t sqlTx) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	t.statement(query, args)
	if t.pg != nil {
		if err := t.pg.begin(ctx); err != nil {
			// A Row carries no error of ours: it fails on a cancelled
			// context, and InTx returns BEGIN's error (t.pg.err).
			ctx, cancel := context.WithCancel(ctx)
			cancel()
			return t.pg.conn.QueryRowContext(ctx, query, args...)
		}
		return t.pg.conn.QueryRowContext(ctx, query, args...)
	}
	if t.detach {
		ctx = detach(ctx)
	}
	if s := t.cache.get(query); s != nil {
		return t.StmtContext(ctx, s).QueryRowContext(ctx, args...)
	}
	return t.Tx.QueryRowContext(ctx, query, args...)
}

// queryRead runs a read that takes no lock. On PostgreSQL, before the
// transaction has begun, it runs on its own without BEGIN (pgtx.go).
func (t sqlTx) queryRead(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if t.pg != nil && !t.pg.begun {
		t.statement(query, args)
		return t.pg.conn.QueryContext(ctx, query, args...)
	}
	return t.QueryContext(ctx, query, args...)
}

// scanRow runs a statement of one row and scans it into dest. On
// PostgreSQL the transaction's BEGIN, when not yet sent, goes with it in
// one round trip (pgtx.go).
func (t sqlTx) scanRow(ctx context.Context, query string, args []any, dest ...any) error {
	if t.pg != nil && !t.pg.begun {
		t.statement(query, args)
		return t.pg.batch(ctx, query, args, dest, false)
	}
	return t.QueryRowContext(ctx, query, args...).Scan(dest...)
}

// execAtCommit runs a statement that must be the transaction's last before
// COMMIT. On PostgreSQL it goes with COMMIT, in one round trip, and its
// error (dbError(op, …)) is the commit's (pgtx.go).
func (t sqlTx) execAtCommit(ctx context.Context, op, query string, args ...any) error {
	if t.pg != nil {
		t.statement(query, args)
		t.pg.atCommit(op, query, args)
		return nil
	}
	_, err := t.ExecContext(ctx, query, args...)
	return dbError(op, err)
}
