package sqldb

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"shebao"
)

// Group commit on SQLite (docs/PERFORMANCE.md, "Many operators at once").
// SQLite has one writer; each commit waits for an fsync. InTx therefore
// hands its fn to one committer goroutine, which gathers the transactions
// queued while it works into one BEGIN IMMEDIATE … COMMIT:
//
//   - each fn runs, on its caller's goroutine, inside a SAVEPOINT of its
//     own; a fn that fails (or panics) is rolled back to its savepoint, its
//     caller gets its own error (or panic), and the others go on;
//   - each caller is answered only after the shared COMMIT, and its fsync,
//     has returned; a failed COMMIT fails every member, each of which InTx
//     runs again if the error is transient;
//   - the committer never waits for company: it starts with whatever is
//     queued, and takes more while it runs them, up to maxGroup members or
//     until the group has run for groupBudget;
//   - the audit chain's head is read once per group and written once before
//     COMMIT (groupChain): entries are chained in the order the members ran,
//     which is the order of the commit, and the kept members' entries are
//     inserted together just before the head is written.
//
// If a member's failure takes the whole transaction with it (SQLite rolls
// back a transaction on some errors, such as an interrupted write), the
// members that had run are run again in a fresh transaction.

const (
	// maxGroup bounds the transactions that share one commit.
	maxGroup = 64
	// groupBudget stops a group taking more members once its members have
	// run this long, so that the first of them is not kept waiting for the
	// commit by a long queue.
	groupBudget = 10 * time.Millisecond
)

// errClosed is InTx's error after Close.
var errClosed = errors.New("sqldb: the database is closed")

// member is one InTx call waiting for the committer. Its fn runs on the
// caller's goroutine (as it would without group commit): the committer
// opens the member's savepoint and hands it the transaction (turn), the
// caller runs fn and says how it went (ran), and the committer keeps or
// undoes its work and, after COMMIT, answers (done).
type member struct {
	ctx  context.Context
	fn   func(shebao.Tx) error
	turn chan *tx     // the committer's: run fn now
	ran  chan outcome // the caller's: fn's outcome
	done chan outcome // the committer's: the answer
	runs int          // how often its group was lost under it
}

// outcome is a member's result: fn's error or the commit's, or fn's panic
// (the caller re-panics by itself).
type outcome struct {
	err      error
	panicked bool
}

// errExited is the outcome of a fn that neither returned nor panicked
// (runtime.Goexit, as t.Fatal calls).
var errExited = errors.New("sqldb: the transaction's function exited its goroutine")

// committer runs the SQLite writer's transactions (see above).
type committer struct {
	db      *DB
	queue   chan *member
	mu      sync.RWMutex // held for reading while queueing; Close takes it to stop
	closed  bool
	stopped chan struct{}
	budget  time.Duration // groupBudget
	commits atomic.Int64  // groups committed
	members atomic.Int64  // transactions committed in them
}

func newCommitter(db *DB) *committer {
	c := &committer{db: db, queue: make(chan *member, maxGroup), stopped: make(chan struct{}), budget: groupBudget}
	go c.loop()
	return c
}

// run queues fn and waits for its outcome. It waits even when ctx ends
// meanwhile, since fn may be running: fn's effects on its caller's
// variables are over when run returns.
func (c *committer) run(ctx context.Context, fn func(shebao.Tx) error) error {
	m := &member{ctx: ctx, fn: fn, turn: make(chan *tx, 1), ran: make(chan outcome, 1), done: make(chan outcome, 1)}
	c.mu.RLock()
	if c.closed {
		c.mu.RUnlock()
		return errClosed
	}
	select {
	case c.queue <- m:
	case <-ctx.Done():
		c.mu.RUnlock()
		return fmt.Errorf("sqldb: begin: %w", ctx.Err())
	}
	c.mu.RUnlock()
	for {
		select {
		case t := <-m.turn: // again when its group was lost
			runTurn(ctx, t, fn, m.ran)
		case o := <-m.done:
			return o.err
		}
	}
}

// runTurn runs fn and appends its audit entries, and tells the committer
// how it went, whether fn returns, panics (the panic goes on) or exits the
// goroutine.
func runTurn(ctx context.Context, t *tx, fn func(shebao.Tx) error, ran chan<- outcome) {
	o := outcome{err: errExited}
	defer func() {
		if v := recover(); v != nil {
			ran <- outcome{panicked: true}
			panic(v)
		}
		ran <- o
	}()
	if err := fn(t); err != nil {
		o = outcome{err: err}
		return
	}
	o = outcome{err: t.appendAudits(ctx)}
}

// close stops taking transactions, lets the committer finish the queued
// ones and waits for it.
func (c *committer) close() {
	c.mu.Lock()
	if !c.closed {
		c.closed = true
		close(c.queue)
	}
	c.mu.Unlock()
	<-c.stopped
}

func (c *committer) loop() {
	defer close(c.stopped)
	for first := range c.queue {
		group := []*member{first}
		for len(group) > 0 {
			group = c.db.commitGroup(group, c.queue, c.budget)
		}
	}
}

// commitGroup runs first and the members it takes from queue in one
// transaction, answers each of them, and returns those to run again in a
// fresh transaction (their group was lost under them).
func (db *DB) commitGroup(first []*member, queue <-chan *member, budget time.Duration) (again []*member) {
	ctx := context.Background() // no member's context may end the group
	cache := db.stmts[db.write]
	defer cache.preparePending(ctx)
	stx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		for _, m := range first {
			m.reply(outcome{err: fmt.Errorf("sqldb: begin: %w", err)})
		}
		return nil
	}
	defer stx.Rollback() // no-op after Commit
	g := &group{tx: newSQLTx(stx, cache, &db.count)}
	g.tx.detach = true // members' statements: see detach
	start := time.Now()
	pending, n := first, 0
	for ; len(pending) > 0 || n < maxGroup && time.Since(start) < budget; n++ {
		var m *member
		if len(pending) > 0 {
			m, pending = pending[0], pending[1:]
		} else {
			select {
			case next, ok := <-queue:
				if !ok {
					queue = nil
					continue
				}
				m = next
			default:
			}
			if m == nil {
				break
			}
		}
		if lost := g.runMember(ctx, db.dialect, m); lost != nil {
			return g.lose(lost, pending)
		}
	}
	if len(g.ran) == 0 {
		return nil
	}
	if err := g.chain.store(ctx, g.tx); err != nil {
		g.fail(err)
		return nil
	}
	if err := stx.Commit(); err != nil {
		g.fail(fmt.Errorf("sqldb: commit: %w", err))
		return nil
	}
	if c := db.group; c != nil {
		c.commits.Add(1)
		c.members.Add(int64(len(g.ran)))
	}
	for _, m := range g.ran {
		m.reply(outcome{})
	}
	return nil
}

// group is one shared transaction of the committer.
type group struct {
	tx    sqlTx
	chain groupChain
	ran   []*member // run, released into the transaction, waiting for COMMIT
}

// runMember runs m's fn and its audit entries inside a savepoint, and keeps
// or undoes them. It returns non-nil when the transaction itself is gone
// (m has had its answer then).
func (g *group) runMember(ctx context.Context, dialect string, m *member) (lost error) {
	if err := m.ctx.Err(); err != nil {
		m.reply(outcome{err: fmt.Errorf("sqldb: begin: %w", err)})
		return nil
	}
	if _, err := g.tx.ExecContext(ctx, `SAVEPOINT member`); err != nil {
		m.reply(outcome{err: fmt.Errorf("sqldb: savepoint: %w", err)})
		return err
	}
	m.turn <- &tx{tx: g.tx, dialect: dialect, chain: &g.chain}
	o := <-m.ran
	if o.err == nil && !o.panicked {
		if _, err := g.tx.ExecContext(ctx, `RELEASE member`); err != nil {
			m.reply(outcome{err: fmt.Errorf("sqldb: release savepoint: %w", err)})
			return err
		}
		g.chain.keep()
		g.ran = append(g.ran, m)
		return nil
	}
	g.chain.undo()
	m.reply(o)
	if _, err := g.tx.ExecContext(ctx, `ROLLBACK TO member`); err != nil {
		return err
	}
	if _, err := g.tx.ExecContext(ctx, `RELEASE member`); err != nil {
		return err
	}
	return nil
}

// lose handles a transaction lost under its group (cause: why): the members
// that had run, and those not yet run, are returned to run again, each at
// most maxAttempts times; beyond that they get the cause.
func (g *group) lose(cause error, pending []*member) (again []*member) {
	for _, m := range append(g.ran, pending...) {
		if m.runs++; m.runs >= maxAttempts {
			m.reply(outcome{err: fmt.Errorf("sqldb: the shared transaction failed: %w", cause)})
			continue
		}
		again = append(again, m)
	}
	return again
}

// fail answers every member that had run with err.
func (g *group) fail(err error) {
	for _, m := range g.ran {
		m.reply(outcome{err: err})
	}
}

func (m *member) reply(o outcome) { m.done <- o }
