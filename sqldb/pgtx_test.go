package sqldb_test

import (
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"shebao"
	"shebao/demo/demotest"
	"shebao/handling"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

// On PostgreSQL a submission's transaction sends its BEGIN with the item's
// INSERT and its audit append with its COMMIT (pgtx.go): a refused
// submission is three round trips (the facts, BEGIN+INSERT, append+COMMIT;
// it was five: BEGIN, facts, INSERT, append, COMMIT), and an approved one
// adds its coverages' INSERT. It locks the head of its chain by its key: no
// statement scans audit_chain for a free head (the scan visited every head
// other transactions held).
func TestSubmissionRoundTripsOnPostgres(t *testing.T) {
	db := sqldbtest.Open(t, sqldb.Postgres)
	ctx := t.Context()
	g, set := smallDemo(t, db)
	svc := set.Handling
	op := demotest.Actor(t, db, g.OperatorA)
	var mu sync.Mutex
	var scans []string
	stop := sqldb.CaptureStatementsForTest(func(q string, _ []any) {
		if strings.Contains(q, "audit_chain") && strings.Contains(q, "ORDER BY id LIMIT 1") {
			mu.Lock()
			scans = append(scans, q)
			mu.Unlock()
		}
	})
	defer stop()
	for _, c := range []struct {
		name   string
		id     string
		status shebao.ItemStatus
		trips  int
	}{
		{"refused", g.Stop[0], shebao.StatusRefused, 3},
		{"approved", g.Enroll[0], shebao.StatusApproved, 4},
	} {
		count := db.CountRoundTrips()
		it, err := svc.Submit(ctx, op, handling.Request{Type: shebao.ItemEnroll, IDNumber: c.id, Wage: 900000, ClientKey: "trips-" + c.name})
		trips := count()
		if err != nil || it.Status != c.status {
			t.Fatalf("%s: %v %+v", c.name, err, it)
		}
		if trips != c.trips {
			t.Errorf("%s submission: %d round trips, want %d", c.name, trips, c.trips)
		}
	}
	// Four transactions of this process hold chains 1 to 4: the next takes 5.
	e := shebao.AuditFor(shebao.Actor{AccountID: 1, Username: "clerk"}, t0, "test.held")
	held, commit, err := db.HoldChainsForTest(ctx, 4, e)
	if err != nil {
		commit()
		t.Fatal(err)
	}
	it, err := svc.Submit(ctx, op, handling.Request{Type: shebao.ItemEnroll, IDNumber: g.Enroll[1], Wage: 900000, ClientKey: "trips-held"})
	if cerr := commit(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatal(err)
	}
	var chain int64
	if err := db.WriterForTest().QueryRowContext(ctx, `SELECT chain FROM audit_log WHERE item_id = $1`, it.ID).Scan(&chain); err != nil {
		t.Fatal(err)
	}
	if chain != 5 {
		t.Errorf("with chains %v held, the submission appended to chain %d, want 5", held, chain)
	}
	if len(scans) != 0 {
		t.Errorf("%d statements scanned audit_chain for a free head: %s", len(scans), scans[0])
	}
	if c, err := db.VerifyAudit(ctx); err != nil || !c.OK() {
		t.Fatalf("VerifyAudit = %+v, %v", c, err)
	}
}

// A PostgreSQL transaction that fails after its BEGIN went with its item's
// INSERT, or whose audit append fails in the round trip of its COMMIT,
// leaves nothing; the pool's connections are outside any transaction, and
// the chains take the next transactions' entries.
func TestFailedTransactionLeavesNoOpenTransaction(t *testing.T) {
	db := sqldbtest.Open(t, sqldb.Postgres)
	ctx := t.Context()
	u := newUnit(t, db, "91110000000000001X", "某某有限公司")
	p := newPerson(t, db, idNumber(1), "张三")
	errFail := errors.New("fail after the INSERT")
	for i := range 40 {
		err := db.InTx(ctx, func(tx shebao.Tx) error {
			it := newItem(u, p, t0)
			it.ClientKey = fmt.Sprint("fail-", i)
			if err := tx.InsertItem(ctx, &it); err != nil {
				return err
			}
			e := shebao.AuditFor(shebao.Actor{AccountID: 1}, t0, "test.fail")
			if i%2 == 1 {
				e.Detail = string([]byte{0}) // PostgreSQL text refuses NUL: the append fails with COMMIT
			}
			if err := tx.Audit(ctx, e); err != nil {
				return err
			}
			if i%2 == 0 {
				return errFail
			}
			return nil
		})
		if err == nil {
			t.Fatalf("transaction %d committed", i)
		}
	}
	var items, entries int
	if err := db.WriterForTest().QueryRowContext(ctx, `SELECT (SELECT count(*) FROM items), (SELECT count(*) FROM audit_log)`).Scan(&items, &entries); err != nil {
		t.Fatal(err)
	}
	if items != 0 || entries != 0 {
		t.Errorf("after 40 failed transactions: %d items, %d audit entries; want none", items, entries)
	}
	// Every connection the pool keeps is outside a transaction, where
	// SAVEPOINT fails.
	pool := db.WriterForTest()
	var conns []*sql.Conn
	for range pool.Stats().Idle {
		c, err := pool.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		conns = append(conns, c)
	}
	for i, c := range conns {
		if _, err := c.ExecContext(ctx, `SAVEPOINT probe`); err == nil {
			t.Errorf("connection %d of %d is inside a transaction", i+1, len(conns))
		}
	}
	appendConcurrently(t, db, u, p)
	wantChain(t, db, 80)
}
