package sqldb_test

import (
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
// chunk's cost grow with the table.
func TestUnitSumsReadLinesInKeyOrder(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		p := plan(t, db, sqldb.UnitSumsSQLForTest, int32(shebao.NewPeriod(2021, 1)), int64(1), int64(1000))
		want, sorted := "SEARCH assessment_lines USING PRIMARY KEY (period=? AND unit_id>? AND unit_id<?)", "B-TREE FOR GROUP BY"
		if db.Dialect() == sqldb.Postgres {
			want, sorted = "using assessment_lines_pkey on assessment_lines", "Sort"
		}
		if !strings.Contains(p, want) || strings.Contains(p, sorted) {
			t.Errorf("the unit sums do not read the lines along the key, or sort them:\n%s", p)
		}
	})
}
