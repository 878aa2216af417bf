package sqldb

import (
	"database/sql"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"shebao"
)

// dbError turns a driver error into a domain error at the storage boundary:
// no rows is ENOTFOUND, a unique violation is ECONFLICT, and anything else is
// wrapped with op for the log (callers treat it as EINTERNAL).
func dbError(op string, err error) error {
	if err == nil {
		return nil
	}
	wrapped := fmt.Errorf("sqldb: %s: %w", op, err)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return &shebao.Error{Code: shebao.ENOTFOUND, Reason: shebao.ReasonNotFound, Err: wrapped}
	case isUniqueViolation(err):
		return &shebao.Error{Code: shebao.ECONFLICT, Reason: shebao.ReasonConflict, Err: wrapped}
	}
	return wrapped
}

// notFound returns an ENOTFOUND error for op.
func notFound(op string) error {
	return &shebao.Error{Code: shebao.ENOTFOUND, Reason: shebao.ReasonNotFound,
		Err: fmt.Errorf("sqldb: %s: %w", op, sql.ErrNoRows)}
}

// conflict returns an ECONFLICT error for a conditional change that found
// the row in another state.
func conflict(op string) error {
	return &shebao.Error{Code: shebao.ECONFLICT, Reason: shebao.ReasonConflict,
		Err: fmt.Errorf("sqldb: %s: the row changed first", op)}
}

// isUniqueViolation reports whether err is a UNIQUE or PRIMARY KEY violation.
func isUniqueViolation(err error) bool {
	var se *sqlite.Error
	if errors.As(err, &se) {
		c := se.Code()
		return c == sqlite3.SQLITE_CONSTRAINT_UNIQUE || c == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Code == "23505" // unique_violation
	}
	return false
}

// retryable reports whether err is a transient lock conflict after which
// the whole transaction may be run again: SQLITE_BUSY or SQLITE_LOCKED (any
// extended code), or a PostgreSQL serialization failure or deadlock.
func retryable(err error) bool {
	var se *sqlite.Error
	if errors.As(err, &se) {
		c := se.Code() & 0xff
		return c == sqlite3.SQLITE_BUSY || c == sqlite3.SQLITE_LOCKED
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Code == "40001" || pe.Code == "40P01"
	}
	return false
}
