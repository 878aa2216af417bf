package sqldb_test

import (
	"testing"
	"time"

	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

// TestAnalyzeSettlesPostgres: after a load, Analyze leaves PostgreSQL's
// tables as autovacuum keeps them in service — statistics for the planner
// (reltuples, -1 for a table never analyzed) and the visibility map that
// index-only scans read (relallvisible) — even where autovacuum is off, as
// on the test machines.
func TestAnalyzeSettlesPostgres(t *testing.T) {
	db := sqldbtest.Open(t, sqldb.Postgres)
	ctx := t.Context()
	for i := range 3 {
		newPerson(t, db, idNumber(i), "张三")
	}
	stats := func() (tuples float64, visible int) {
		t.Helper()
		err := db.WriterForTest().QueryRowContext(ctx, `SELECT c.reltuples, c.relallvisible FROM pg_class c
			JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relname = 'persons'`).
			Scan(&tuples, &visible)
		if err != nil {
			t.Fatal(err)
		}
		return tuples, visible
	}
	if tuples, _ := stats(); tuples >= 0 {
		t.Skipf("persons was analyzed before Analyze (reltuples %v): autovacuum is on here", tuples)
	}
	// VACUUM marks a page all-visible only when no open transaction could
	// still need to see it otherwise: another package's test on the same
	// server may hold a snapshot older than these rows for a moment, so
	// Analyze runs again, a bounded number of times, until it can.
	var tuples float64
	var visible int
	for try := 0; try < 50 && visible == 0; try++ {
		if try > 0 {
			time.Sleep(100 * time.Millisecond)
		}
		if err := db.Analyze(ctx); err != nil {
			t.Fatal(err)
		}
		tuples, visible = stats()
	}
	if tuples != 3 || visible == 0 {
		t.Errorf("after Analyze: persons has reltuples %v, relallvisible %d; want 3 and > 0", tuples, visible)
	}
}
