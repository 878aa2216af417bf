package batch_test

import (
	"context"
	"testing"

	"shebao"
	"shebao/batch"
	"shebao/declaration"
	"shebao/handling"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

// A batch a crash left applying, with one row submitted, finishes when a
// new process starts (Resume), without anyone pressing apply, and no row
// makes two items.
func TestResumeAtStartUp(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		fx := newFixture(t, db)
		people := fx.addPeople(t, 0, 4, true)
		var rows [][]any
		for _, p := range people {
			rows = append(rows, []any{p.ID, p.Name, "新参保", "8000"})
		}
		b, err := fx.svc.Upload(ctx, fx.op, 0, shebao.BatchEnroll, "a.xlsx", workbook(t, enrollHeader, rows))
		if err != nil {
			t.Fatal(err)
		}
		before := countItems(t, db, fx.unit.ID)
		if _, run, err := fx.svc.Start(ctx, fx.op, b.ID, false); err != nil || !run {
			t.Fatalf("start: %v %v", run, err)
		}
		if _, err := fx.svc.Handling.Submit(ctx, fx.op, handlingRequest(fx, people[0], batch.ClientKey(b.ID, 2))); err != nil {
			t.Fatal(err)
		}

		// The process died; a new one starts on the same database.
		fresh := &batch.Service{Store: db, Clock: fx.clock, Handling: &handling.Service{Store: db, Clock: fx.clock},
			Declaration: &declaration.Service{Store: db, Clock: fx.clock}}
		if err := fresh.Resume(ctx); err != nil {
			t.Fatal(err)
		}
		fresh.Wait()
		got, err := fresh.Batch(ctx, fx.op, b.ID)
		if err != nil || got.Status != shebao.BatchApplied || got.Applied != 4 {
			t.Fatalf("after start-up: %+v %v", got, err)
		}
		if n := countItems(t, db, fx.unit.ID); n != before+4 {
			t.Fatalf("items %d, want %d", n, before+4)
		}
	})
}
