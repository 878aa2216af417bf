package sqldb

import (
	"context"

	"shebao"
)

const auditColumns = `id, at, account_id, username, role, channel, terminal, action, unit_id,
	person_id, item_id, detail`

// Audit appends e to the audit log.
func (t *tx) Audit(ctx context.Context, e shebao.AuditEntry) error {
	_, err := t.tx.ExecContext(ctx, `INSERT INTO audit_log
		(at, account_id, username, role, channel, terminal, action, unit_id, person_id, item_id, detail)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
		micros(e.At), e.AccountID, e.Username, string(e.Role), string(e.Channel), e.Terminal,
		e.Action, e.UnitID, e.PersonID, e.ItemID, e.Detail)
	return dbError("audit "+e.Action, err)
}

// AuditLog lists entries matching every set field of f, newest first, with
// the total count before Limit and Offset. Action matches as a prefix.
func (t *tx) AuditLog(ctx context.Context, f shebao.AuditFilter) ([]shebao.AuditEntry, int, error) {
	var w where
	if f.UnitID != 0 {
		w.add(`unit_id = ?`, f.UnitID)
	}
	if f.PersonID != 0 {
		w.add(`person_id = ?`, f.PersonID)
	}
	if f.AccountID != 0 {
		w.add(`account_id = ?`, f.AccountID)
	}
	if f.Action != "" {
		w.add(`action LIKE ?`+likeEscape, escapeLike(f.Action)+"%")
	}
	if !f.From.IsZero() {
		w.add(`at >= ?`, micros(f.From))
	}
	if !f.To.IsZero() {
		w.add(`at < ?`, micros(f.To))
	}
	var total int
	if err := t.tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM audit_log`+w.String(), w.args...).Scan(&total); err != nil {
		return nil, 0, dbError("count audit log", err)
	}
	pg, args := w.page(f.Limit, f.Offset)
	rows, err := t.tx.QueryContext(ctx, `SELECT `+auditColumns+` FROM audit_log`+w.String()+
		` ORDER BY at DESC, id DESC`+pg, args...)
	if err != nil {
		return nil, 0, dbError("list audit log", err)
	}
	es, err := collect(rows, func(s scanner) (shebao.AuditEntry, error) {
		var e shebao.AuditEntry
		var at int64
		err := s.Scan(&e.ID, &at, &e.AccountID, &e.Username, &e.Role, &e.Channel, &e.Terminal,
			&e.Action, &e.UnitID, &e.PersonID, &e.ItemID, &e.Detail)
		e.At = fromMicros(at)
		return e, err
	})
	return es, total, dbError("list audit log", err)
}
