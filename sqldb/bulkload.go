package sqldb

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// Bulk loading writes generated rows straight into a table, around every
// service and check: it exists for benchmark districts (package demo/bulk,
// `shebao seed -bulk`; docs/PERFORMANCE.md), whose generator makes the
// rows valid. The tables it may write are listed in bulkTables.

// bulkTables are the tables BulkLoad writes.
var bulkTables = map[string]bool{"units": true, "persons": true, "registrations": true, "coverages": true}

// bulkBatch is the rows of one multi-row INSERT on SQLite, and
// bulkTxRows the rows of one of its transactions.
const (
	bulkBatch  = 200
	bulkTxRows = 100_000
)

// BulkLoad writes n rows into table (one of units, persons, registrations,
// coverages), row(i, vals) filling the values of row i in the order of
// cols. Memory stays at one batch of rows: PostgreSQL receives them by
// COPY (one transaction), SQLite by prepared multi-row INSERTs in
// transactions of bulkTxRows rows. The rows are not checked: the caller
// makes them valid.
func (db *DB) BulkLoad(ctx context.Context, table string, cols []string, n int, row func(i int, vals []any)) error {
	if !bulkTables[table] {
		return fmt.Errorf("sqldb: bulk load: table %q is not bulk-loaded", table)
	}
	op := "bulk load " + table
	if db.dialect == Postgres {
		return dbError(op, db.copyRows(ctx, table, cols, n, row))
	}
	return dbError(op, db.insertRows(ctx, table, cols, n, row))
}

// copyRows sends the rows by COPY on one of the pool's connections. The
// foreign keys' checks, which PostgreSQL runs as a trigger per row and
// reference (40 million row locks for a city's 20 million coverages, most
// of its build), are off for the COPY when the role may turn them off
// (session_replication_role, a superuser's): the generator makes every
// reference valid. Otherwise they run.
func (db *DB) copyRows(ctx context.Context, table string, cols []string, n int, row func(int, []any)) error {
	conn, err := db.write.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `SET session_replication_role = replica`); err == nil {
		defer conn.ExecContext(context.WithoutCancel(ctx), `RESET session_replication_role`)
	}
	return conn.Raw(func(dc any) error {
		c, ok := dc.(*stdlib.Conn)
		if !ok {
			return fmt.Errorf("not a pgx connection: %T", dc)
		}
		vals, i := make([]any, len(cols)), 0
		_, err := c.Conn().CopyFrom(ctx, pgx.Identifier{table}, cols, pgx.CopyFromFunc(func() ([]any, error) {
			if i == n {
				return nil, nil
			}
			row(i, vals)
			i++
			return vals, nil
		}))
		return err
	})
}

// insertRows writes the rows with a prepared INSERT of bulkBatch rows (and
// one for the remainder) on the writer.
func (db *DB) insertRows(ctx context.Context, table string, cols []string, n int, row func(int, []any)) error {
	for from := 0; from < n; from += bulkTxRows {
		to := min(from+bulkTxRows, n)
		if err := db.insertTx(ctx, table, cols, from, to, row); err != nil {
			return err
		}
	}
	return nil
}

func (db *DB) insertTx(ctx context.Context, table string, cols []string, from, to int, row func(int, []any)) error {
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var st *sql.Stmt
	args := make([]any, 0, bulkBatch*len(cols))
	for i := from; i < to; i += bulkBatch {
		k := min(bulkBatch, to-i)
		if st == nil || k < bulkBatch {
			if st != nil {
				st.Close()
			}
			if st, err = tx.PrepareContext(ctx, insertRowsSQL(table, cols, k)); err != nil {
				return err
			}
		}
		args = args[:k*len(cols)]
		for j := range k {
			row(i+j, args[j*len(cols):(j+1)*len(cols)])
		}
		if _, err := st.ExecContext(ctx, args...); err != nil {
			return err
		}
	}
	if st != nil {
		st.Close()
	}
	return tx.Commit()
}

// insertRowsSQL returns an INSERT of k rows of cols into table.
func insertRowsSQL(table string, cols []string, k int) string {
	one := "(" + strings.TrimSuffix(strings.Repeat("?, ", len(cols)), ", ") + ")"
	return "INSERT INTO " + table + " (" + strings.Join(cols, ", ") + ") VALUES " +
		strings.TrimSuffix(strings.Repeat(one+", ", k), ", ")
}

// BulkDone ends a bulk load: on PostgreSQL it moves the bulk-loaded
// tables' identity sequences past their explicit ids, then settles the
// database (Analyze). SQLite needs neither.
func (db *DB) BulkDone(ctx context.Context) error {
	if db.dialect != Postgres {
		return nil
	}
	for t := range bulkTables {
		q := `SELECT setval(pg_get_serial_sequence('` + t + `', 'id'), (SELECT COALESCE(MAX(id), 0) + 1 FROM ` + t + `), false)`
		if _, err := db.write.ExecContext(ctx, q); err != nil {
			return dbError("bulk load: sequence of "+t, err)
		}
	}
	return db.Analyze(ctx)
}

// Analyze settles the database after a load of many rows (a bulk load,
// the demo's district, a register import): on PostgreSQL it vacuums and
// analyzes every table of shebao's schema (the first of the search path),
// leaving them as autovacuum keeps tables in
// service (statistics for the planner, hint bits, the visibility map that
// index-only scans read) rather than as a fresh load that the first
// requests would settle, or, with autovacuum off, never (docs/OPERATIONS.md,
// "PostgreSQL's own settings"). On SQLite it does nothing: its plans are
// fixed by the schema's indexes (plans_test.go), not by statistics.
func (db *DB) Analyze(ctx context.Context) error {
	if db.dialect != Postgres {
		return nil
	}
	rows, err := db.write.QueryContext(ctx, `SELECT quote_ident(tablename) FROM pg_tables
		WHERE schemaname = current_schema() ORDER BY tablename`)
	if err != nil {
		return dbError("vacuum", err)
	}
	tables, err := collect(rows, func(s scanner) (t string, err error) { return t, s.Scan(&t) })
	if err != nil || len(tables) == 0 {
		return dbError("vacuum", err)
	}
	_, err = db.write.ExecContext(ctx, `VACUUM (ANALYZE) `+strings.Join(tables, ", "))
	return dbError("vacuum", err)
}
