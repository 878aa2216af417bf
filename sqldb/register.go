package sqldb

import (
	"context"
	"fmt"

	"shebao"
)

// UpdateCoverage writes a coverage's status, last period and base.
func (t *tx) UpdateCoverage(ctx context.Context, c shebao.Coverage) error {
	res, err := t.tx.ExecContext(ctx, `UPDATE coverages SET status = $1, last_period = $2, base = $3 WHERE id = $4`,
		string(c.Status), int32(c.LastPeriod), int64(c.Base), c.ID)
	return affectedOne(res, err, fmt.Sprintf("update coverage %d", c.ID))
}

// Readiness counts what a live office needs, in one query.
func (t *tx) Readiness(ctx context.Context) (shebao.Readiness, error) {
	var r shebao.Readiness
	var last int64
	err := t.tx.QueryRowContext(ctx, `SELECT
		(SELECT COUNT(*) FROM accounts WHERE role = 'admin' AND disabled = $1),
		(SELECT COUNT(*) FROM units),
		(SELECT COUNT(*) FROM persons),
		(SELECT COUNT(*) FROM coverages WHERE status = 'active'),
		(SELECT COUNT(*) FROM terminals),
		(SELECT COUNT(*) FROM proof_keys),
		(SELECT COALESCE(MAX(at), 0) FROM employment_imports),
		(SELECT COUNT(*) FROM accounts WHERE role = 'operator' AND password_hash = '')`, false).
		Scan(&r.Admins, &r.Units, &r.Persons, &r.ActiveCoverages, &r.Terminals, &r.ProofKeys, &last, &r.AwaitingLetters)
	if last != 0 {
		r.LastArrival = fromMicros(last)
	}
	return r, dbError("readiness", err)
}

// OperatorAccounts lists operator accounts with their units.
func (t *tx) OperatorAccounts(ctx context.Context, awaiting bool, limit int) ([]shebao.OperatorAccount, error) {
	q := `SELECT a.id, a.username, a.password_hash, a.role, COALESCE(a.unit_id, 0), a.display_name,
		a.must_change, a.failed_logins, a.locked_until, a.disabled, a.password_set_at, a.created_at,
		u.credit_code, u.name, u.address
		FROM accounts a JOIN units u ON u.id = a.unit_id WHERE a.role = 'operator'`
	if awaiting {
		q += ` AND a.password_hash = ''`
	}
	q += ` ORDER BY u.credit_code, lower(a.username), a.id`
	args := []any{}
	if limit > 0 {
		q += ` LIMIT $1`
		args = append(args, limit)
	}
	rows, err := t.tx.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, dbError("operator accounts", err)
	}
	out, err := collect(rows, func(s scanner) (shebao.OperatorAccount, error) {
		var o shebao.OperatorAccount
		var locked, passwordSet, created int64
		a := &o.Account
		err := s.Scan(&a.ID, &a.Username, &a.PasswordHash, &a.Role, &a.UnitID, &a.DisplayName,
			&a.MustChange, &a.FailedLogins, &locked, &a.Disabled, &passwordSet, &created,
			&o.Unit.CreditCode, &o.Unit.Name, &o.Unit.Address)
		a.LockedUntil, a.PasswordSetAt, a.CreatedAt = fromMicros(locked), fromMicros(passwordSet), fromMicros(created)
		o.Unit.ID = a.UnitID
		return o, err
	})
	return out, dbError("operator accounts", err)
}
