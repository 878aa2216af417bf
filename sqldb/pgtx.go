package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// InTx on PostgreSQL (docs/PERFORMANCE.md, "Submissions on PostgreSQL
// (stop 12)"). The transaction runs on a connection of its own, and this
// package, not database/sql, sends its BEGIN and its COMMIT, so that they
// share round trips with its statements (a pgx batch: one network round
// trip, one Sync; a statement that fails skips the rest of the batch):
//
//   - BEGIN goes with the transaction's first write, when that is an
//     item's INSERT (sqlTx.scanRow), and otherwise just before its first
//     statement;
//   - a read that takes no lock (sqlTx.queryRead: the request's facts) run
//     before the transaction has begun runs on its own: at READ COMMITTED
//     every statement inside a transaction reads a snapshot of its own,
//     taken as it starts, so the read sees what it would have seen inside;
//   - the audit append (appendAudits) goes with COMMIT: if it fails, the
//     COMMIT is skipped and the transaction rolled back;
//   - a transaction that has sent no statement but such reads sends no
//     BEGIN and no COMMIT.
//
// A refused submission was auth, BEGIN, facts, INSERT, audit, COMMIT: six
// round trips, five of them holding a connection in a transaction; it is
// auth, facts, BEGIN+INSERT, audit+COMMIT: four, and two in a transaction.
// A transaction that fails is rolled back (end); a connection that comes
// back to the pool inside a transaction all the same is closed by pgx's
// driver (stdlib.Conn.ResetSession).

// pgTx is one InTx transaction's connection on PostgreSQL.
type pgTx struct {
	conn  *sql.Conn
	count *counter
	begun bool  // BEGIN sent, COMMIT or ROLLBACK not yet
	err   error // BEGIN's failure, which a QueryRowContext could not return
	// final is the audit append that goes with COMMIT (atCommit).
	final struct {
		op    string
		query string
		args  []any
	}
}

// pgConn runs f on the transaction's pgx connection.
func (p *pgTx) pgConn(f func(*pgx.Conn) error) error {
	return p.conn.Raw(func(dc any) error {
		c, ok := dc.(*stdlib.Conn)
		if !ok {
			return fmt.Errorf("sqldb: the PostgreSQL driver's connection is a %T", dc)
		}
		return f(c.Conn())
	})
}

// begin sends BEGIN, unless it has been sent.
func (p *pgTx) begin(ctx context.Context) error {
	if p.begun {
		return nil
	}
	p.count.add()
	if _, err := p.conn.ExecContext(ctx, "begin"); err != nil {
		p.err = fmt.Errorf("sqldb: begin: %w", err)
		return p.err
	}
	p.begun = true
	return nil
}

// batch sends, in one round trip, BEGIN unless it has been sent, query,
// and COMMIT when commit is set. With dest, query returns one row, scanned
// into dest. It returns query's error, or COMMIT's wrapped.
func (p *pgTx) batch(ctx context.Context, query string, args []any, dest []any, commit bool) error {
	begin := !p.begun
	if begin {
		p.count.add()
		p.count.addBatched() // query rides with BEGIN
	}
	if commit {
		p.count.add()
		p.count.addBatched()
	}
	var commitErr error
	err := p.pgConn(func(c *pgx.Conn) error {
		b := &pgx.Batch{}
		if begin {
			b.Queue("begin")
		}
		b.Queue(query, args...)
		if commit {
			b.Queue("commit")
		}
		br := c.SendBatch(ctx, b)
		err := func() error {
			if begin {
				if _, err := br.Exec(); err != nil {
					return fmt.Errorf("begin: %w", err)
				}
				p.begun = true
			}
			if dest != nil {
				if err := br.QueryRow().Scan(dest...); err != nil {
					return err
				}
			} else if _, err := br.Exec(); err != nil {
				return err
			}
			if commit {
				tag, err := br.Exec()
				if err == nil && tag.String() != "COMMIT" {
					err = fmt.Errorf("the transaction was rolled back (%s)", tag)
				}
				if err != nil {
					commitErr = fmt.Errorf("%w: %w", errCommit, err)
					return commitErr
				}
				p.begun = false
			}
			return nil
		}()
		if cerr := br.Close(); err == nil {
			err = cerr
		}
		return err
	})
	if commitErr != nil {
		return commitErr
	}
	return err
}

// atCommit keeps the statement that goes with COMMIT; op names it in its
// error.
func (p *pgTx) atCommit(op, query string, args []any) {
	p.final.op, p.final.query, p.final.args = op, query, args
}

// commit sends COMMIT, with the statement kept by atCommit if any; nothing
// when the transaction has not begun and keeps none.
func (p *pgTx) commit(ctx context.Context) error {
	if f := p.final; f.query != "" {
		p.final.query, p.final.args = "", nil
		err := p.batch(ctx, f.query, f.args, nil, true)
		if err != nil && !errors.Is(err, errCommit) {
			return dbError(f.op, err)
		}
		return err
	}
	if !p.begun {
		return nil
	}
	p.count.add()
	return p.pgConn(func(c *pgx.Conn) error {
		tag, err := c.Exec(ctx, "commit")
		if err == nil && tag.String() != "COMMIT" {
			err = fmt.Errorf("the transaction was rolled back (%s)", tag)
		}
		if err != nil {
			return fmt.Errorf("%w: %w", errCommit, err)
		}
		p.begun = false
		return nil
	})
}

// end rolls back a transaction that has begun and not committed, and puts
// the connection back in the pool. (pgx's driver closes a connection that
// comes back inside a transaction, should the ROLLBACK fail.)
func (p *pgTx) end(ctx context.Context) {
	if p.begun {
		p.count.add()
		_, _ = p.conn.ExecContext(context.WithoutCancel(ctx), "rollback")
	}
	p.conn.Close()
}

// errCommit marks a failed COMMIT (pgTx.batch).
var errCommit = errors.New("sqldb: commit")
