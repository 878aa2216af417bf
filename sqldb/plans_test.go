package sqldb_test

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"testing"

	"shebao"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

// plan returns the query plan of query with args, as text: EXPLAIN QUERY
// PLAN on SQLite; EXPLAIN on PostgreSQL, with sequential scans priced out
// (enable_seqscan off), so that the plan shows whether an index can serve
// the query at all, whatever the size of the test's tables, and the
// generic plan that a prepared statement settles on (it cannot look at the
// parameters' values: a partial index serves it only when the query
// implies the index's predicate).
func plan(t *testing.T, db *sqldb.DB, query string, args ...any) string {
	t.Helper()
	ctx := t.Context()
	c, err := db.WriterForTest().Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	stmt := "EXPLAIN QUERY PLAN " + query
	if db.Dialect() == sqldb.Postgres {
		for _, set := range []string{"SET enable_seqscan = off", "SET plan_cache_mode = force_generic_plan",
			"PREPARE hot AS " + query} {
			if _, err := c.ExecContext(ctx, set); err != nil {
				t.Fatalf("%s: %v", set, err)
			}
		}
		defer c.ExecContext(context.WithoutCancel(ctx), "DEALLOCATE hot; RESET ALL")
		stmt, args = "EXPLAIN EXECUTE hot("+literals(args)+")", nil
	}
	rows, err := c.QueryContext(ctx, stmt, args...)
	if err != nil {
		t.Fatalf("explain %s: %v", query, err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var b strings.Builder
	for rows.Next() {
		vals := make([]sql.NullString, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		b.WriteString(vals[len(vals)-1].String + "\n") // the detail (SQLite) or the plan line (PostgreSQL)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// literals writes the test's arguments (integers and plain strings) as SQL.
func literals(args []any) string {
	var out []string
	for _, a := range args {
		if s, ok := a.(string); ok {
			out = append(out, "'"+s+"'")
		} else {
			out = append(out, fmt.Sprint(a))
		}
	}
	return strings.Join(out, ", ")
}

// TestHotQueryPlans: every query of the hot paths (a submission, a
// preview, an authenticated request, the items list) reads through its
// index, so that its cost does not grow with the tables.
func TestHotQueryPlans(t *testing.T) {
	// Unfiltered, the unit's list leaves the index to the planner in either dialect.
	list, listArgs, count, countArgs := sqldb.ItemsQueryForTest(sqldb.Postgres, shebao.ItemFilter{UnitID: 1, Limit: 20})
	tests := []struct {
		name, query string
		args        []any
		want        string // the index the plan must name
		limited     bool   // it stops at a LIMIT: the plan must not read the whole index range first
	}{
		{"idempotency key", sqldb.QItemByClientKey, []any{1, "k"}, "items_client_key", false},
		{"person's coverages", sqldb.QCoverages, []any{1}, "coverages_person", false},
		{"session", sqldb.QFindSession, []any{"t", 0}, "sessions", false},
		{"unit's items, count alone", count, countArgs, "items_unit_created", true},
		{"unit's items, page and count", list, listArgs, "items_unit_created", true},
	}
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		for _, tt := range tests {
			p := plan(t, db, tt.query, tt.args...)
			want := tt.want
			if tt.name == "session" { // its primary key's index
				want = map[string]string{sqldb.SQLite: "sqlite_autoindex_sessions_1", sqldb.Postgres: "sessions_pkey"}[db.Dialect()]
			}
			if !strings.Contains(p, want) || strings.Contains(p, "SCAN items\n") {
				t.Errorf("%s: plan does not use %s:\n%s", tt.name, want, p)
			}
			// A bitmap scan reads every entry of the index range before a
			// LIMIT applies: the unit's whole history, for a count that
			// stops at shebao.CountCap.
			if tt.limited && strings.Contains(p, "Bitmap") {
				t.Errorf("%s: plan reads the whole index range:\n%s", tt.name, p)
			}
		}
	})
}

// TestFactsPlan: the engine's one statement of facts (RequestFacts), in
// each of its forms, reads every part through an index and scans no table.
func TestFactsPlan(t *testing.T) {
	indexes := map[string][]string{
		sqldb.SQLite:   {"INTEGER PRIMARY KEY", "sqlite_autoindex_policies_1", "sqlite_autoindex_persons_1", "coverages_person"},
		sqldb.Postgres: {"units_pkey", "policies_year_region_version_key", "persons_id_number_key", "coverages_person"},
	}
	fullScan := map[string]string{sqldb.SQLite: "\nSCAN ", sqldb.Postgres: "Seq Scan"}
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		for _, regs := range []bool{false, true} {
			for _, key := range []string{"", "k"} {
				q := shebao.FactsQuery{UnitID: 1, IDNumber: "x", FromYear: 2025, ToYear: 2026, Registrations: regs, ClientKey: key}
				query, args := sqldb.FactsQueryForTest(db.Dialect(), q)
				p := "\n" + plan(t, db, query, args...)
				want := indexes[db.Dialect()]
				if regs {
					want = append(want, "registrations_person")
				}
				if key != "" {
					want = append(want, "items_client_key")
				}
				for _, w := range want {
					if !strings.Contains(p, w) {
						t.Errorf("%+v: plan does not use %s:%s", q, w, p)
					}
				}
				if strings.Contains(p, fullScan[db.Dialect()]) {
					t.Errorf("%+v: plan scans a table:%s", q, p)
				}
			}
		}
	})
}
