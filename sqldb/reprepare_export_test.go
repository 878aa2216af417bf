package sqldb

import (
	"context"
	"database/sql/driver"
	"errors"
	"io"
	"reflect"
	"unsafe"

	"modernc.org/libc"
	sqlite3 "modernc.org/sqlite/lib"
)

// CaptureStatementsForTest calls fn with each statement transactions run
// (and RequestFacts outside one) from now on and its arguments (not safe
// for concurrent transactions), until the returned func is called.
func CaptureStatementsForTest(fn func(query string, args []any)) (stop func()) {
	onStatement = fn
	return func() { onStatement = nil }
}

// RepreparesForTest prepares query once on a connection of the SQLite read
// pool, runs it with each set of arguments in turn, and returns how often SQLite had compiled
// it again after each run (sqlite3_stmt_status SQLITE_STMTSTATUS_REPREPARE): a statement
// whose plan depends on a bound value is expired at each new binding and
// compiled anew at its next step, which defeats the statement cache
// (stmtcache.go). The driver's connection and statement handles are read
// by reflection: modernc.org/sqlite exposes no statement status.
func (db *DB) RepreparesForTest(ctx context.Context, query string, argSets ...[]any) ([]int, error) {
	return db.StmtStatusForTest(ctx, sqlite3.SQLITE_STMTSTATUS_REPREPARE, query, argSets...)
}

// VMStepsForTest is RepreparesForTest for the steps of SQLite's virtual
// machine the runs took so far (SQLITE_STMTSTATUS_VM_STEP, cumulative).
func (db *DB) VMStepsForTest(ctx context.Context, query string, argSets ...[]any) ([]int, error) {
	return db.StmtStatusForTest(ctx, sqlite3.SQLITE_STMTSTATUS_VM_STEP, query, argSets...)
}

// StmtStatusForTest is RepreparesForTest for any sqlite3_stmt_status counter.
func (db *DB) StmtStatusForTest(ctx context.Context, op int32, query string, argSets ...[]any) ([]int, error) {
	c, err := db.read.Conn(ctx)
	if err != nil {
		return nil, err
	}
	defer c.Close()
	var sets [][]driver.NamedValue
	for _, args := range argSets {
		named := make([]driver.NamedValue, len(args))
		for i, a := range args {
			v, err := driver.DefaultParameterConverter.ConvertValue(a)
			if err != nil {
				return nil, err
			}
			named[i] = driver.NamedValue{Ordinal: i + 1, Value: v}
		}
		sets = append(sets, named)
	}
	var n []int
	err = c.Raw(func(dc any) error {
		ds, err := dc.(driver.ConnPrepareContext).PrepareContext(ctx, query)
		if err != nil {
			return err
		}
		defer ds.Close()
		tls := (*libc.TLS)(unsafe.Pointer(reflect.ValueOf(dc).Elem().FieldByName("tls").Pointer()))
		pstmt := uintptr(reflect.ValueOf(ds).Elem().FieldByName("pstmt").Uint())
		if pstmt == 0 {
			return errors.New("sqldb: the driver keeps no compiled statement")
		}
		for _, named := range sets {
			rows, err := ds.(driver.StmtQueryContext).QueryContext(ctx, named)
			if err != nil {
				return err
			}
			dest := make([]driver.Value, len(rows.Columns()))
			for err == nil {
				err = rows.Next(dest)
			}
			rows.Close()
			if err != io.EOF {
				return err
			}
			n = append(n, int(sqlite3.Xsqlite3_stmt_status(tls, pstmt, op, 0)))
		}
		return nil
	})
	return n, err
}
