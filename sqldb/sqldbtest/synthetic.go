package sqldbtest

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"strings"
	"time"

	"shebao"
	"shebao/sqldb"
)

// This file serves benchmarks and load tests of the contributions area
// (billing's BenchmarkAssessDistrict, cmd/shebao's bill test): it builds a
// synthetic district with a few statements, and measures the raw database
// writing assessment-shaped rows, the yardstick of the district run's
// speed. It works on the test's own database (OpenURL), through a plain
// connection pool of its own: nothing of it ships in package sqldb.

// rawPool opens a plain pool on the database of rawURL (as sqldb.Open takes
// it), with the settings of sqldb's writer that matter to the speed of a
// write: one connection, fsync on every commit (synchronous FULL), and a
// busy timeout.
func rawPool(rawURL string) (*sql.DB, string, error) {
	if path, ok := strings.CutPrefix(rawURL, "sqlite:"); ok {
		q := url.Values{}
		q.Add("_pragma", "busy_timeout(10000)")
		q.Add("_pragma", "synchronous(FULL)")
		db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
		if err != nil {
			return nil, "", err
		}
		db.SetMaxOpenConns(1)
		return db, sqldb.SQLite, nil
	}
	db, err := sql.Open("pgx", rawURL)
	return db, sqldb.Postgres, err
}

// seqCTE is a recursive common table expression "seq(n)" counting 1..$1,
// valid in SQLite and PostgreSQL.
const seqCTE = `WITH RECURSIVE seq(n) AS (SELECT CAST(1 AS BIGINT) UNION ALL SELECT n + 1 FROM seq WHERE n < $1) `

// SyntheticDistrict adds persons insured persons, perUnit to a unit, each
// with an active coverage of every insurance type from first, with bases
// spread over ¥3,000–¥33,000 (some below the floor, some above the ceiling
// of a usual policy) and units of every risk class. It is meant for an
// empty database. On PostgreSQL it ends by vacuuming and analyzing the
// tables it filled, leaving them as autovacuum keeps them in service
// (statistics, hint bits, visibility map) rather than as the fresh bulk
// load that the first statement to read it would have to settle (shebao
// collects no statistics on SQLite, so neither does this).
func SyntheticDistrict(ctx context.Context, rawURL string, persons, perUnit int, first shebao.Period) error {
	db, dialect, err := rawPool(rawURL)
	if err != nil {
		return err
	}
	defer db.Close()
	units := (persons + perUnit - 1) / perUnit
	type stmt struct {
		q    string
		args []any
	}
	stmts := []stmt{
		{seqCTE + `INSERT INTO units (id, credit_code, name, risk_class, status)
			SELECT n, 'SYN' || CAST(n AS TEXT), 'Unit ' || CAST(n AS TEXT), 1 + n % 8, 'active' FROM seq`, []any{units}},
		{seqCTE + `INSERT INTO persons (id, id_number, name, sex, birth_date)
			SELECT n, 'SYN' || CAST(n AS TEXT), 'Person ' || CAST(n AS TEXT), 'M', 19800101 FROM seq`, []any{persons}},
		{seqCTE + `INSERT INTO coverages (person_id, unit_id, insurance, status, first_period, base)
			SELECT n, 1 + (n - 1) / $2, i.insurance, 'active', $3, 300000 + (n * 7919) % 3000000
			FROM seq CROSS JOIN (SELECT 'pension' AS insurance UNION ALL SELECT 'medical'
				UNION ALL SELECT 'unemployment' UNION ALL SELECT 'injury') i`, []any{persons, perUnit, int32(first)}},
	}
	if dialect == sqldb.Postgres { // keep the identity sequences ahead of the explicit ids
		stmts = append(stmts,
			stmt{`SELECT setval(pg_get_serial_sequence('units', 'id'), (SELECT MAX(id) FROM units))`, nil},
			stmt{`SELECT setval(pg_get_serial_sequence('persons', 'id'), (SELECT MAX(id) FROM persons))`, nil})
	}
	if dialect == sqldb.Postgres {
		stmts = append(stmts, stmt{`VACUUM (ANALYZE) units, persons, coverages`, nil})
	}
	for _, s := range stmts {
		if _, err := db.ExecContext(ctx, s.q, s.args...); err != nil {
			return fmt.Errorf("sqldbtest: synthetic district: %w", err)
		}
	}
	return nil
}

// RawLines measures the raw database: in one transaction, one INSERT …
// SELECT writes a row shaped like an assessment line (same table
// definition, keys and indexes as assessment_lines) for every coverage
// that counts in period p, with no computation. It returns the rows written
// and the time taken, commit included. The scratch table raw_lines keeps
// the rows of earlier calls, as assessment_lines keeps the lines of earlier
// periods, so that a benchmark alternating the two writes each period into
// tables in the same state (one that writes into an empty table gains the
// appends to its person index that a table already holding periods does
// not allow). It goes with the database.
func RawLines(ctx context.Context, rawURL string, p shebao.Period) (int64, time.Duration, error) {
	db, dialect, err := rawPool(rawURL)
	if err != nil {
		return 0, 0, err
	}
	defer db.Close()
	ddl := rawLinesDDL(dialect)
	for _, q := range ddl {
		if _, err := db.ExecContext(ctx, q); err != nil {
			return 0, 0, fmt.Errorf("sqldbtest: raw lines: %w", err)
		}
	}
	start := time.Now()
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return 0, 0, fmt.Errorf("sqldbtest: raw lines: %w", err)
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, `INSERT INTO raw_lines SELECT $1, c.id, c.unit_id, c.person_id,
		c.insurance, c.base, c.base, 'none', 0, 0, 'fen', c.base, c.base
		FROM coverages c WHERE c.first_period <= $1 AND (c.status = 'active' OR c.last_period >= $1)`, int32(p))
	if err != nil {
		return 0, 0, fmt.Errorf("sqldbtest: raw lines: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return 0, 0, fmt.Errorf("sqldbtest: raw lines: %w", err)
	}
	elapsed := time.Since(start)
	n, err := res.RowsAffected()
	return n, elapsed, err
}

// rawLinesDDL returns the definition of the scratch table raw_lines: that
// of assessment_lines under another name.
func rawLinesDDL(dialect string) []string {
	integer, big, strict := "INTEGER", "INTEGER", " STRICT, WITHOUT ROWID"
	if dialect == sqldb.Postgres {
		big, strict = "BIGINT", ""
	}
	return []string{
		`CREATE TABLE IF NOT EXISTS raw_lines (period ` + integer + ` NOT NULL, coverage_id ` + big + ` NOT NULL,
			unit_id ` + big + ` NOT NULL, person_id ` + big + ` NOT NULL, insurance TEXT NOT NULL,
			stored_base ` + big + ` NOT NULL, base ` + big + ` NOT NULL, clamp TEXT NOT NULL,
			employer_rate ` + big + ` NOT NULL, employee_rate ` + big + ` NOT NULL, rounding TEXT NOT NULL,
			employer ` + big + ` NOT NULL, employee ` + big + ` NOT NULL,
			PRIMARY KEY (period, unit_id, coverage_id))` + strict,
		`CREATE INDEX IF NOT EXISTS raw_lines_person ON raw_lines (person_id, period)`,
	}
}
