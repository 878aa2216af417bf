package sqldb_test

import (
	"sync"
	"sync/atomic"
	"testing"

	"shebao"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

// More audited transactions than there are chains, on two servers, racing
// to insure one person (docs/SECURITY.md, "Tamper evidence: hash chains"):
// a decision on one server has inserted the person's coverage and not yet
// committed; 32 enrollments on the other server each hold a chain's head
// (their item's INSERT took it) and wait to insert the same coverage. The
// decision then comes to append and finds every head held. Waiting for
// one, it would wait for a transaction that waits for it, until PostgreSQL
// aborted one as a deadlock a second later. It must not: it runs again,
// taking a head first, none of the 32 is aborted, and the person is
// insured once.
func TestRaceBeyondEveryHeadDoesNotDeadlock(t *testing.T) {
	db, url := sqldbtest.OpenURL(t, sqldb.Postgres)
	other, err := sqldb.Open(t.Context(), url) // another server on the same database
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	ctx := t.Context()
	u := newUnit(t, db, "91110000000000001X", "某某有限公司")
	p := newPerson(t, db, idNumber(1), "张三")
	cov := shebao.Coverage{PersonID: p.ID, UnitID: u.ID, Insurance: shebao.Pension, Status: shebao.CoverageActive,
		FirstPeriod: 202607, Base: 800000}
	entry := func(action string, itemID int64) shebao.AuditEntry {
		e := shebao.AuditFor(shebao.Actor{AccountID: 1, Username: "clerk"}, t0, action)
		e.UnitID, e.PersonID, e.ItemID = u.ID, p.ID, itemID
		return e
	}

	inserted, release := make(chan struct{}), make(chan struct{})
	decided := make(chan error, 1)
	runs := 0
	go func() {
		decided <- db.InTx(ctx, func(tx shebao.Tx) error {
			c := cov
			if err := tx.InsertCoverage(ctx, &c); err != nil {
				return err
			}
			if runs++; runs == 1 {
				close(inserted)
				<-release
			}
			return tx.Audit(ctx, entry("test.decide", 0))
		})
	}()
	<-inserted

	const enrollments = 32
	errs := make([]error, enrollments)
	var wg sync.WaitGroup
	var ended atomic.Int64
	for i := range errs {
		wg.Go(func() {
			defer ended.Add(1)
			errs[i] = other.InTx(ctx, func(tx shebao.Tx) error {
				it := newItem(u, p, t0)
				if err := tx.InsertItem(ctx, &it); err != nil {
					return err
				}
				c := cov
				c.ItemID = it.ID
				if err := tx.InsertCoverage(ctx, &c); err != nil {
					return err
				}
				return tx.Audit(ctx, entry("test.enroll", it.ID))
			})
		})
	}
	// Each waits for the decision's coverage (or has failed: then no
	// race).
	for waiting := 0; waiting+int(ended.Load()) < enrollments; {
		err := db.WriterForTest().QueryRowContext(ctx, `SELECT count(*) FROM pg_stat_activity
			WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE 'INSERT INTO coverages%'`).Scan(&waiting)
		if err != nil {
			t.Fatal(err)
		}
	}
	close(release)
	derr := <-decided
	wg.Wait()

	won := 0
	for _, err := range append(errs, derr) {
		switch shebao.ErrorCode(err) {
		case "":
			won++
		case shebao.ECONFLICT:
		default:
			t.Errorf("a racer failed: %v", err)
		}
	}
	if won != 1 {
		t.Errorf("%d of %d racers insured the person, want 1", won, enrollments+1)
	}
	if n := other.Retries(); n != 0 {
		t.Errorf("%d of the enrollments holding a head were aborted and run again (a deadlock), want none", n)
	}
	var active int
	if err := db.WriterForTest().QueryRowContext(ctx, `SELECT count(*) FROM coverages WHERE person_id = $1 AND status = 'active'`, p.ID).Scan(&active); err != nil || active != 1 {
		t.Errorf("active coverages = %d (%v), want 1", active, err)
	}
	if c, err := db.VerifyAudit(ctx); err != nil || !c.OK() || c.Entries != 1 {
		t.Errorf("VerifyAudit = %+v, %v; want the winner's one entry, intact", c, err)
	}
}
