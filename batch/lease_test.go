package batch_test

import (
	"context"
	"testing"
	"time"

	"shebao"
	"shebao/batch"
	"shebao/declaration"
	"shebao/handling"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

// Two instances on one PostgreSQL: while the instance applying a batch
// holds its lease, another instance's Resume leaves the batch alone; once
// the lease has run out (that instance was killed), the other finishes it.
// On SQLite (one process) a restarted server resumes at once.
func TestLeaseHandsABatchToAnotherInstance(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		fx := newFixture(t, db)
		people := fx.addPeople(t, 0, 3, true)
		var rows [][]any
		for _, p := range people {
			rows = append(rows, []any{p.ID, p.Name, "新参保", "8000"})
		}
		b, err := fx.svc.Upload(ctx, fx.op, 0, shebao.BatchEnroll, "a.xlsx", workbook(t, enrollHeader, rows))
		if err != nil {
			t.Fatal(err)
		}
		if _, run, err := fx.svc.Start(ctx, fx.op, b.ID, false); err != nil || !run {
			t.Fatalf("start: %v %v", run, err)
		}
		lease := func(until time.Time) {
			t.Helper()
			err := db.InTx(ctx, func(tx shebao.Tx) error {
				held, err := tx.ClaimBatch(ctx, b.ID, "instance-a", time.Now(), until)
				if err == nil && !held {
					t.Fatal("instance a could not take its own lease")
				}
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
		}
		other := &batch.Service{Store: db, Clock: fx.clock, Handling: &handling.Service{Store: db, Clock: fx.clock},
			Declaration: &declaration.Service{Store: db, Clock: fx.clock}}
		status := func() shebao.Batch {
			t.Helper()
			got, err := other.Batch(ctx, fx.op, b.ID)
			if err != nil {
				t.Fatal(err)
			}
			return got
		}

		if db.Dialect() == sqldb.Postgres { // SQLite serves one process: a lease there is a crashed run's
			lease(time.Now().Add(batch.Lease)) // instance a is applying it
			if err := other.Resume(ctx); err != nil {
				t.Fatal(err)
			}
			other.Wait()
			if got := status(); got.Status != shebao.BatchApplying || got.Applied != 0 {
				t.Fatalf("another instance applied a batch under a live lease: %+v", got)
			}
		}

		lease(time.Now().Add(-time.Second)) // instance a was killed: its lease ran out
		if err := other.Resume(ctx); err != nil {
			t.Fatal(err)
		}
		other.Wait()
		if got := status(); got.Status != shebao.BatchApplied || got.Applied != 3 {
			t.Fatalf("after the lease ran out: %+v", got)
		}
	})
}
