package sqldb

import (
	"context"
	"database/sql"
	"sync/atomic"
)

// counter counts the statements a DB runs while on (CountStatements), and
// the round trips they take (CountRoundTrips).
type counter struct {
	on      atomic.Bool
	n       atomic.Int64
	batched atomic.Int64 // statements sent in the round trip of another
}

// add counts one statement; c may be nil (a transaction made by a test).
func (c *counter) add() {
	if c != nil && c.on.Load() {
		c.n.Add(1)
	}
}

// batched says that one statement counted went in another's round trip.
func (c *counter) addBatched() {
	if c != nil && c.on.Load() {
		c.batched.Add(1)
	}
}

// CountStatements counts the statements db sends to the database from now
// on, until the returned stop, which returns the count: every statement in
// a transaction or outside one (the session's lookup, a session's write, a
// request's facts),
// and the BEGIN and the COMMIT (or ROLLBACK) of each transaction of its
// own (View; InTx on PostgreSQL) as one each; on SQLite, InTx's statements
// but not the BEGIN and COMMIT its group shares with other callers
// (groupcommit.go). On PostgreSQL each is a round trip but those sent
// together (pgtx.go: CountRoundTrips). Tests hold a request to a number of
// statements with it (docs/PERFORMANCE.md, "Authentication in one
// statement"); one count at a time per DB.
func (db *DB) CountStatements() (stop func() int) {
	db.count.n.Store(0)
	db.count.batched.Store(0)
	db.count.on.Store(true)
	return func() int {
		db.count.on.Store(false)
		return int(db.count.n.Load())
	}
}

// CountRoundTrips is CountStatements counting the round trips to the
// database instead: on PostgreSQL an InTx transaction sends its BEGIN and
// its COMMIT with other statements (pgtx.go).
func (db *DB) CountRoundTrips() (stop func() int) {
	statements := db.CountStatements()
	return func() int { return statements() - int(db.count.batched.Load()) }
}

// queryRow runs one statement of one row outside any transaction on pool,
// prepared on SQLite (stmtCache.queryRow), and counts it.
func (db *DB) queryRow(ctx context.Context, pool *sql.DB, scan func(*sql.Row) error, query string, args ...any) error {
	db.count.add()
	return db.stmts[pool].queryRow(ctx, pool, scan, query, args...)
}

// query is queryRow for a statement of several rows (stmtCache.query).
func (db *DB) query(ctx context.Context, pool *sql.DB, read func(*sql.Rows, error) error, query string, args ...any) error {
	db.count.add()
	return db.stmts[pool].query(ctx, pool, read, query, args...)
}
