package sqldb

import (
	"context"

	"shebao"
)

// Audit appends e to the audit log.
func (t *tx) Audit(ctx context.Context, e shebao.AuditEntry) error {
	_, err := t.tx.ExecContext(ctx, `INSERT INTO audit_log
		(at, account_id, username, role, channel, terminal, action, unit_id, person_id, item_id, detail)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
		micros(e.At), e.AccountID, e.Username, string(e.Role), string(e.Channel), e.Terminal,
		e.Action, e.UnitID, e.PersonID, e.ItemID, e.Detail)
	return dbError("audit "+e.Action, err)
}
