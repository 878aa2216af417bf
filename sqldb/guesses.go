package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// ClaimGuess counts a password guess before it is compared, in one
// conditional UPDATE … RETURNING: concurrent guesses are serialized by the
// row's write lock (SQLite's single writer; PostgreSQL re-checks the WHERE
// clause on the row it waited for), so no count is lost and no guess gets
// past a lock another guess has just set. See docs/SECURITY.md.
func (t *tx) ClaimGuess(ctx context.Context, id int64, max int, now, until time.Time) (claimed, locked bool, err error) {
	var lockedUntil int64
	err = t.tx.QueryRowContext(ctx, `UPDATE accounts SET
		failed_logins = CASE WHEN failed_logins + 1 >= $2 THEN 0 ELSE failed_logins + 1 END,
		locked_until = CASE WHEN failed_logins + 1 >= $2 THEN $3 ELSE locked_until END
		WHERE id = $1 AND locked_until <= $4 RETURNING locked_until`,
		id, max, micros(until), micros(now)).Scan(&lockedUntil)
	if errors.Is(err, sql.ErrNoRows) {
		return false, false, nil
	}
	if err != nil {
		return false, false, dbError(fmt.Sprintf("claim guess for account %d", id), err)
	}
	return true, lockedUntil > micros(now), nil
}

// ClearFailures forgets an account's counted failures and lifts its lock.
func (t *tx) ClearFailures(ctx context.Context, id int64) error {
	_, err := t.tx.ExecContext(ctx, `UPDATE accounts SET failed_logins = 0, locked_until = 0 WHERE id = $1`, id)
	return dbError(fmt.Sprintf("clear failures of account %d", id), err)
}

// PasswordHistory returns the hashes of an account's last n passwords,
// newest first.
func (t *tx) PasswordHistory(ctx context.Context, id int64, n int) ([]string, error) {
	rows, err := t.tx.QueryContext(ctx, `SELECT hash FROM password_history WHERE account_id = $1
		ORDER BY id DESC LIMIT $2`, id, n)
	if err != nil {
		return nil, dbError("password history", err)
	}
	hs, err := collect(rows, func(s scanner) (string, error) {
		var h string
		return h, s.Scan(&h)
	})
	return hs, dbError("password history", err)
}

// AddPasswordHistory records a password hash of an account.
func (t *tx) AddPasswordHistory(ctx context.Context, id int64, hash string, at time.Time) error {
	_, err := t.tx.ExecContext(ctx, `INSERT INTO password_history (account_id, hash, set_at) VALUES ($1, $2, $3)`,
		id, hash, micros(at))
	return dbError("add password history", err)
}
