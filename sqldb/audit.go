package sqldb

import (
	"context"

	"shebao"
)

const auditColumns = `id, at, account_id, username, role, channel, terminal, action, unit_id,
	person_id, item_id, detail`

// Audit appends e to the audit log with the names and codes its unit and
// person have now (kept as they were: see AuditEntry). The entry is written
// as the next link of the chain when the transaction commits (see
// appendAudits), so that the chain's lock is held as briefly as possible.
func (t *tx) Audit(ctx context.Context, e shebao.AuditEntry) error {
	if err := t.auditSnapshot(ctx, &e); err != nil {
		return err
	}
	t.audits = append(t.audits, e)
	return nil
}

// auditSnapshot sets e's unit name and credit code and its person's name
// and ID number from their rows.
func (t *tx) auditSnapshot(ctx context.Context, e *shebao.AuditEntry) error {
	e.UnitName, e.CreditCode, e.PersonName, e.IDNumber = "", "", "", ""
	if e.UnitID == 0 && e.PersonID == 0 {
		return nil
	}
	err := t.tx.QueryRowContext(ctx, `SELECT
		COALESCE((SELECT name FROM units WHERE id = $1), ''),
		COALESCE((SELECT credit_code FROM units WHERE id = $1), ''),
		COALESCE((SELECT name FROM persons WHERE id = $2), ''),
		COALESCE((SELECT id_number FROM persons WHERE id = $2), '')`, e.UnitID, e.PersonID).
		Scan(&e.UnitName, &e.CreditCode, &e.PersonName, &e.IDNumber)
	return dbError("audit snapshot", err)
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
