package sqldb

import (
	"context"
	"fmt"

	"shebao"
)

const accountColumns = `id, username, password_hash, role, COALESCE(unit_id, 0), display_name,
	must_change, failed_logins, locked_until, disabled, password_set_at, created_at, generation`

func scanAccount(s scanner) (shebao.Account, error) {
	var a shebao.Account
	var locked, passwordSet, created int64
	err := s.Scan(&a.ID, &a.Username, &a.PasswordHash, &a.Role, &a.UnitID, &a.DisplayName,
		&a.MustChange, &a.FailedLogins, &locked, &a.Disabled, &passwordSet, &created, &a.Generation)
	a.LockedUntil, a.PasswordSetAt, a.CreatedAt = fromMicros(locked), fromMicros(passwordSet), fromMicros(created)
	return a, err
}

// nullID stores the id 0 (none) as NULL in a nullable foreign key.
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// Account returns the account with the given id.
func (t *tx) Account(ctx context.Context, id int64) (shebao.Account, error) {
	a, err := scanAccount(t.tx.QueryRowContext(ctx, qAccount, id))
	return a, dbError(fmt.Sprintf("account %d", id), err)
}

// LockAccount returns the account with the given id for a read-modify-write
// in this transaction: on PostgreSQL the row stays locked until the
// transaction ends (SELECT … FOR UPDATE), so that two concurrent changes of
// one account (a reset and a password change, say) do not lose one
// another's writes; SQLite's single writer already serializes them.
func (t *tx) LockAccount(ctx context.Context, id int64) (shebao.Account, error) {
	q := `SELECT ` + accountColumns + ` FROM accounts WHERE id = $1`
	if t.dialect == Postgres {
		q += ` FOR UPDATE`
	}
	a, err := scanAccount(t.tx.QueryRowContext(ctx, q, id))
	return a, dbError(fmt.Sprintf("lock account %d", id), err)
}

// AccountByUsername returns the account with the given username, compared
// case-insensitively.
func (t *tx) AccountByUsername(ctx context.Context, username string) (shebao.Account, error) {
	a, err := scanAccount(t.tx.QueryRowContext(ctx, `SELECT `+accountColumns+`
		FROM accounts WHERE lower(username) = lower($1)`, username))
	return a, dbError(fmt.Sprintf("account %q", username), err)
}

// CreateAccount inserts a and sets a.ID.
func (t *tx) CreateAccount(ctx context.Context, a *shebao.Account) error {
	err := t.tx.QueryRowContext(ctx, `INSERT INTO accounts
		(username, password_hash, role, unit_id, display_name, must_change, failed_logins,
		 locked_until, disabled, password_set_at, created_at, generation)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
		a.Username, a.PasswordHash, string(a.Role), nullID(a.UnitID), a.DisplayName, a.MustChange,
		a.FailedLogins, micros(a.LockedUntil), a.Disabled, micros(a.PasswordSetAt),
		micros(a.CreatedAt), a.Generation).Scan(&a.ID)
	return dbError(fmt.Sprintf("create account %q", a.Username), err)
}

// UpdateAccount writes every field of a. ENOTFOUND if it does not exist.
func (t *tx) UpdateAccount(ctx context.Context, a shebao.Account) error {
	res, err := t.tx.ExecContext(ctx, `UPDATE accounts SET username = $1, password_hash = $2,
		role = $3, unit_id = $4, display_name = $5, must_change = $6, failed_logins = $7,
		locked_until = $8, disabled = $9, password_set_at = $10, created_at = $11, generation = $12
		WHERE id = $13`,
		a.Username, a.PasswordHash, string(a.Role), nullID(a.UnitID), a.DisplayName, a.MustChange,
		a.FailedLogins, micros(a.LockedUntil), a.Disabled, micros(a.PasswordSetAt),
		micros(a.CreatedAt), a.Generation, a.ID)
	return affectedOne(res, err, fmt.Sprintf("update account %d", a.ID))
}

// Accounts lists the accounts of a unit (unitID > 0) or every staff account
// (unitID 0), by username.
func (t *tx) Accounts(ctx context.Context, unitID int64) ([]shebao.Account, error) {
	var w where
	if unitID > 0 {
		w.add(`unit_id = ?`, unitID)
	} else {
		w.add(`role <> ?`, string(shebao.RoleOperator))
	}
	rows, err := t.tx.QueryContext(ctx, `SELECT `+accountColumns+` FROM accounts`+w.String()+
		` ORDER BY lower(username), id`, w.args...)
	if err != nil {
		return nil, dbError("list accounts", err)
	}
	as, err := collect(rows, scanAccount)
	return as, dbError("list accounts", err)
}

// qAccount reads an account by its primary key.
const qAccount = `SELECT ` + accountColumns + ` FROM accounts WHERE id = $1`
