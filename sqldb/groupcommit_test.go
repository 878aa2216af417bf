package sqldb_test

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"shebao"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

// auditedUnit creates a unit with code and audits it in tx.
func auditedUnit(ctx context.Context, tx shebao.Tx, code string) error {
	u := shebao.Unit{CreditCode: code, Name: "单位" + code, Status: shebao.UnitActive, CreatedAt: t0}
	if err := tx.CreateUnit(ctx, &u); err != nil {
		return err
	}
	e := shebao.AuditFor(shebao.Actor{AccountID: 1}, t0, "unit.create")
	e.UnitID = u.ID
	return tx.Audit(ctx, e)
}

// unitExists reports whether a unit with code is stored.
func unitExists(t *testing.T, db *sqldb.DB, code string) bool {
	t.Helper()
	err := db.View(t.Context(), func(tx shebao.Tx) error { _, err := tx.UnitByCreditCode(t.Context(), code); return err })
	if err != nil && shebao.ErrorCode(err) != shebao.ENOTFOUND {
		t.Fatal(err)
	}
	return err == nil
}

func auditEntries(t *testing.T, db *sqldb.DB) int {
	t.Helper()
	c, err := db.VerifyAudit(t.Context())
	if err != nil || !c.OK() {
		t.Fatalf("VerifyAudit = %+v, %v", c, err)
	}
	return c.Entries
}

// Many transactions at once, a third failing with their own error after
// writing, a third failing on a unique constraint: each caller gets its own
// result, the failed ones leave nothing (neither their rows nor their audit
// entries), the others are all stored, and the audit chain holds.
func TestConcurrentTransactionsGetTheirOwnResults(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := t.Context()
		update(t, db, func(tx shebao.Tx) error { return auditedUnit(ctx, tx, "TAKEN") })
		before := auditEntries(t, db)
		const n = 90
		errs := make([]error, n)
		start := make(chan struct{})
		var wg sync.WaitGroup
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				errs[i] = db.InTx(ctx, func(tx shebao.Tx) error {
					switch i % 3 {
					case 1:
						if err := auditedUnit(ctx, tx, fmt.Sprintf("U%d", i)); err != nil {
							return err
						}
						return fmt.Errorf("member %d: %w", i, errMine)
					case 2:
						if err := auditedUnit(ctx, tx, fmt.Sprintf("U%d", i)); err != nil {
							return err
						}
						return auditedUnit(ctx, tx, "TAKEN")
					}
					return auditedUnit(ctx, tx, fmt.Sprintf("U%d", i))
				})
			}()
		}
		close(start)
		wg.Wait()
		for i, err := range errs {
			code := fmt.Sprintf("U%d", i)
			switch i % 3 {
			case 0:
				if err != nil {
					t.Errorf("member %d: %v", i, err)
				}
			case 1:
				if !errors.Is(err, errMine) || err.Error() != fmt.Sprintf("member %d: %v", i, errMine) {
					t.Errorf("member %d got %v, want its own error", i, err)
				}
			case 2:
				wantCode(t, err, shebao.ECONFLICT)
			}
			if got, want := unitExists(t, db, code), i%3 == 0; got != want {
				t.Errorf("unit of member %d stored: %v, want %v", i, got, want)
			}
		}
		if got := auditEntries(t, db) - before; got != n/3 {
			t.Errorf("%d audit entries added, want %d (one per committed transaction)", got, n/3)
		}
	})
}

var errMine = errors.New("this member's own failure")

// On SQLite, transactions queued while the writer works join its commit;
// a member that panics (in its caller's goroutine), that exits its goroutine
// (as t.Fatal does), or whose caller gave up while it waited, leaves nothing
// and does not stop the others.
func TestQueuedTransactionsShareACommit(t *testing.T) {
	db := sqldbtest.Open(t, sqldb.SQLite)
	db.SetGroupBudgetForTest(time.Hour) // the group takes every queued member
	ctx := t.Context()
	before := auditEntries(t, db)
	commits0, _ := db.GroupCommitsForTest()

	inside, release := make(chan struct{}), make(chan struct{})
	first := make(chan error)
	go func() {
		first <- db.InTx(ctx, func(tx shebao.Tx) error {
			close(inside)
			<-release
			return auditedUnit(ctx, tx, "FIRST")
		})
	}()
	<-inside // the writer is busy: what comes now queues

	const n = 20
	const panics, gaveUp, exits = 3, 7, 11
	errs := make([]error, n)
	recovered := make([]any, n)
	cancelled, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { recovered[i] = recover() }()
			c := ctx
			if i == gaveUp {
				c = cancelled
			}
			errs[i] = db.InTx(c, func(tx shebao.Tx) error {
				if err := auditedUnit(ctx, tx, fmt.Sprintf("Q%d", i)); err != nil {
					return err
				}
				switch i {
				case panics:
					panic("member 3 panics")
				case exits:
					runtime.Goexit()
				}
				return nil
			})
		}()
	}
	for db.QueuedForTest() < n {
		runtime.Gosched()
	}
	cancel()
	close(release)
	if err := <-first; err != nil {
		t.Fatal(err)
	}
	wg.Wait()
	for i := range n {
		stored := unitExists(t, db, fmt.Sprintf("Q%d", i))
		switch i {
		case panics:
			if recovered[i] != "member 3 panics" || stored {
				t.Errorf("panicking member: recovered %v in its caller, stored %v; want its panic and nothing stored", recovered[i], stored)
			}
		case exits:
			if errs[i] != nil || recovered[i] != nil || stored {
				t.Errorf("member that exited its goroutine: %v, panic %v, stored %v; want nothing", errs[i], recovered[i], stored)
			}
		case gaveUp:
			if !errors.Is(errs[i], context.Canceled) || stored {
				t.Errorf("member whose caller gave up: %v, stored %v; want context.Canceled and nothing stored", errs[i], stored)
			}
		default:
			if errs[i] != nil || recovered[i] != nil || !stored {
				t.Errorf("member %d: %v, panic %v, stored %v", i, errs[i], recovered[i], stored)
			}
		}
	}
	if commits, _ := db.GroupCommitsForTest(); commits-commits0 != 1 {
		t.Errorf("%d commits for 1 + %d transactions queued behind it, want 1", commits-commits0, n)
	}
	if got := auditEntries(t, db) - before; got != n-2 {
		t.Errorf("%d audit entries added, want %d", got, n-2)
	}
}

// A group's audit entries are inserted a few rows a statement (up to 8,
// each statement's text prepared once), not in one statement whose text
// depends on the group's size; the chain holds across the statements.
func TestGroupAuditEntriesInFewRowStatements(t *testing.T) {
	db := sqldbtest.Open(t, sqldb.SQLite)
	db.SetGroupBudgetForTest(time.Hour) // the group takes every queued member
	ctx := t.Context()
	before := auditEntries(t, db)
	inside, release := make(chan struct{}), make(chan struct{})
	first := make(chan error)
	go func() {
		first <- db.InTx(ctx, func(tx shebao.Tx) error {
			close(inside)
			<-release
			return auditedUnit(ctx, tx, "FIRST")
		})
	}()
	<-inside
	const n = 20
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			errs[i] = db.InTx(ctx, func(tx shebao.Tx) error { return auditedUnit(ctx, tx, fmt.Sprintf("A%d", i)) })
		})
	}
	for db.QueuedForTest() < n {
		runtime.Gosched()
	}
	var inserts []int // rows of each INSERT INTO audit_log
	var count int
	stop := sqldb.CountStatementsForTest(&count, func(q string) {
		if strings.HasPrefix(q, "INSERT INTO audit_log") {
			inserts = append(inserts, strings.Count(q, "("))
		}
	})
	close(release)
	if err := <-first; err != nil {
		t.Fatal(err)
	}
	wg.Wait()
	stop()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("member %d: %v", i, err)
		}
	}
	// Each statement has its column list's parenthesis and one a row.
	if want := []int{9, 9, 6}; !slices.Equal(inserts, want) {
		t.Errorf("INSERT INTO audit_log statements with %v parentheses, want %v (8, 8 and 5 rows)", inserts, want)
	}
	if got := auditEntries(t, db) - before; got != n+1 {
		t.Errorf("%d audit entries added, want %d", got, n+1)
	}
}

// A member's statements run without their context's cancellation once
// begun (no goroutine a statement to interrupt them), but one that starts
// after its caller gave up still fails with the context's error, and the
// member leaves nothing.
func TestMemberStatementAfterCancel(t *testing.T) {
	db := sqldbtest.Open(t, sqldb.SQLite)
	ctx, cancel := context.WithCancel(t.Context())
	err := db.InTx(ctx, func(tx shebao.Tx) error {
		if err := auditedUnit(ctx, tx, "BEFORE"); err != nil {
			return err
		}
		cancel()
		return auditedUnit(ctx, tx, "AFTER")
	})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("InTx = %v, want context.Canceled", err)
	}
	for _, code := range []string{"BEFORE", "AFTER"} {
		if unitExists(t, db, code) {
			t.Errorf("unit %s stored", code)
		}
	}
}
