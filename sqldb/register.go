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
