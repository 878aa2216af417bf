package sqldb

import (
	"context"
	"database/sql"
)

// stmtTx is a transaction that, on SQLite, prepares a statement it runs a
// second time and reuses it for the rest of the transaction, so that a long
// transaction (a seed's, a batch's) does not parse the same SQL thousands of
// times. A short transaction pays one map look-up a statement. Queries that
// return rows (QueryContext) are not cached: a caller may still be reading
// them when it runs the same query again. On PostgreSQL pgx caches prepared
// statements per connection already.
type stmtTx struct {
	*sql.Tx
	stmts map[string]*sql.Stmt // nil: no caching; a nil value: seen once
}

// maxStmts bounds the statements one transaction keeps prepared: SQL built
// from a varying number of arguments is not kept beyond it.
const maxStmts = 128

func newStmtTx(t *sql.Tx, dialect string) stmtTx {
	s := stmtTx{Tx: t}
	if dialect == SQLite {
		s.stmts = map[string]*sql.Stmt{}
	}
	return s
}

// stmt returns query's prepared statement, or nil to run it as it is.
// Statements prepared on the transaction close with it.
func (t stmtTx) stmt(ctx context.Context, query string) *sql.Stmt {
	if t.stmts == nil {
		return nil
	}
	s, seen := t.stmts[query]
	switch {
	case s != nil:
		return s
	case !seen:
		if len(t.stmts) < maxStmts {
			t.stmts[query] = nil
		}
		return nil
	}
	s, err := t.Tx.PrepareContext(ctx, query)
	if err != nil {
		return nil // run as it is, which reports the error
	}
	t.stmts[query] = s
	return s
}

func (t stmtTx) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if s := t.stmt(ctx, query); s != nil {
		return s.ExecContext(ctx, args...)
	}
	return t.Tx.ExecContext(ctx, query, args...)
}

func (t stmtTx) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	if s := t.stmt(ctx, query); s != nil {
		return s.QueryRowContext(ctx, args...)
	}
	return t.Tx.QueryRowContext(ctx, query, args...)
}
