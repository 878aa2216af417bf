package sqldb_test

import (
	"context"
	"database/sql"
	"strings"
	"testing"

	"shebao"
	"shebao/rules"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

// TestAssessReadsCoveragesFromTheIndex: on SQLite the district statement
// reads each unit's coverages from coverages_unit_status alone, never from
// the table (migration 00015; docs/PERFORMANCE.md, "The assessment (stop
// 10, branch s10-assess)"), and still looks each unit up once.
func TestAssessReadsCoveragesFromTheIndex(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		if db.Dialect() != sqldb.SQLite {
			t.Skip("PostgreSQL hashes the chunk's coverages")
		}
		q, args := sqldb.AssessSQLForTest(rules.DefaultPolicy(2021, 1_000_000), shebao.NewPeriod(2021, 1), 1, 1000, true, db.Dialect())
		p := plan(t, db, q, args...)
		if !strings.Contains(p, "SEARCH c USING COVERING INDEX coverages_unit_status (unit_id=?)") {
			t.Errorf("the coverages are not read from coverages_unit_status alone:\n%s", p)
		}
	})
}

// TestAssessWithoutDeclarations: the statement of a chunk without a base
// declaration in force reads no declarations (docs/PERFORMANCE.md, "The
// assessment (stop 11, branch s11-assess)"), on both databases.
func TestAssessWithoutDeclarations(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		pol := rules.DefaultPolicy(2021, 1_000_000)
		for _, declared := range []bool{false, true} {
			q, args := sqldb.AssessSQLForTest(pol, shebao.NewPeriod(2021, 1), 1, 1000, declared, db.Dialect())
			if got := strings.Contains(plan(t, db, q, args...), "base_declarations"); got != declared {
				t.Errorf("declared %v: the plan reads base_declarations: %v\n%s", declared, got, plan(t, db, q, args...))
			}
		}
	})
}

// TestUnitSumsReadLinesInKeyOrder: the unit sums read a chunk's lines back
// along assessment_lines' key, in unit order, and sort nothing: on
// PostgreSQL this replaced summing the lines the INSERT returned, which
// sorted them by unit (docs/PERFORMANCE.md, "The district assessment
// (stop 12)"); a scan of every period's lines instead would make each
// chunk's cost grow with the table. On PostgreSQL the plan is the one the
// chunk's transaction gets on a database that Analyze settled (as seed,
// demo and import leave it): right after the lines of two chunks of the
// seed's size were written (160,000 short ones: as many pages as the first
// chunk's 80,000 real lines take), which the planner knows only by the
// table's pages, and after the chunk's settings (docs/PERFORMANCE.md, "The district
// assessment (stop 13)").
func TestUnitSumsReadLinesInKeyOrder(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		args := []any{int32(shebao.NewPeriod(2021, 1)), int64(1), int64(1000)}
		if db.Dialect() == sqldb.SQLite {
			p := plan(t, db, sqldb.UnitSumsSQLForTest, args...)
			if !strings.Contains(p, "SEARCH assessment_lines USING PRIMARY KEY (period=? AND unit_id>? AND unit_id<?)") ||
				strings.Contains(p, "B-TREE FOR GROUP BY") {
				t.Errorf("the unit sums do not read the lines along the key, or sort them:\n%s", p)
			}
			return
		}
		ctx := t.Context()
		if err := db.Analyze(ctx); err != nil { // as seed, demo and import leave the database
			t.Fatal(err)
		}
		c, err := db.WriterForTest().Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		defer c.ExecContext(context.WithoutCancel(ctx), "ROLLBACK")
		var p strings.Builder
		for _, q := range []string{"BEGIN",
			`INSERT INTO assessment_lines SELECT 202101, g, (g - 1) / 80 + 1, g, 'unemployment', 300000, 300000,
				'ceiling', 16000, 8000, 'fen', 48000, 24000 FROM generate_series(1, 160000) g`,
			sqldb.UnitSumsSettingsForTest,
			"EXPLAIN " + strings.NewReplacer("$1", literals(args[:1]), "$2", literals(args[1:2]), "$3", literals(args[2:])).
				Replace(sqldb.UnitSumsSQLForTest)} {
			rows, err := c.QueryContext(ctx, q)
			if err != nil {
				t.Fatalf("%s: %v", q, err)
			}
			for rows.Next() {
				var line sql.NullString
				if strings.HasPrefix(q, "EXPLAIN") && rows.Scan(&line) == nil {
					p.WriteString(line.String + "\n")
				}
			}
			if err := rows.Close(); err != nil {
				t.Fatal(err)
			}
		}
		if !strings.Contains(p.String(), "Index Scan using assessment_lines_pkey on assessment_lines") ||
			strings.Contains(p.String(), "Sort") {
			t.Errorf("the unit sums do not read the lines along the key, or sort them:\n%s", p.String())
		}
	})
}
