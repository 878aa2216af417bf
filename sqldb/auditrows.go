package sqldb

import (
	"context"

	"shebao"
)

// AuditRows lists audit entries matching every set field of f, newest first,
// with the names and codes of their unit and person as they were when each
// entry was made, and the total count before Limit and Offset. Action
// matches as a prefix.
func (t *tx) AuditRows(ctx context.Context, f shebao.AuditFilter) ([]shebao.AuditRow, int, error) {
	var w where
	if f.UnitID != 0 {
		w.add(`a.unit_id = ?`, f.UnitID)
	}
	if f.PersonID != 0 {
		w.add(`a.person_id = ?`, f.PersonID)
	}
	if f.AccountID != 0 {
		w.add(`a.account_id = ?`, f.AccountID)
	}
	if f.Action != "" {
		w.add(`a.action LIKE ?`+likeEscape, escapeLike(f.Action)+"%")
	}
	if !f.From.IsZero() {
		w.add(`a.at >= ?`, micros(f.From))
	}
	if !f.To.IsZero() {
		w.add(`a.at < ?`, micros(f.To))
	}
	var total int
	if err := t.tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM audit_log a`+w.String(), w.args...).Scan(&total); err != nil {
		return nil, 0, dbError("count audit rows", err)
	}
	pg, args := w.page(f.Limit, f.Offset)
	rows, err := t.tx.QueryContext(ctx, `SELECT a.id, a.at, a.account_id, a.username, a.role, a.channel,
		a.terminal, a.action, a.unit_id, a.person_id, a.item_id, a.detail,
		a.unit_name, a.credit_code, a.person_name, a.id_number, a.prev_hash, a.hash
		FROM audit_log a`+
		w.String()+` ORDER BY a.at DESC, a.id DESC`+pg, args...)
	if err != nil {
		return nil, 0, dbError("list audit rows", err)
	}
	out, err := collect(rows, func(s scanner) (shebao.AuditRow, error) {
		var r shebao.AuditRow
		var at int64
		err := s.Scan(&r.ID, &at, &r.AccountID, &r.Username, &r.Role, &r.Channel, &r.Terminal,
			&r.Action, &r.UnitID, &r.PersonID, &r.ItemID, &r.Detail,
			&r.UnitName, &r.CreditCode, &r.PersonName, &r.IDNumber, &r.PrevHash, &r.Hash)
		r.At = fromMicros(at)
		return r, err
	})
	return out, total, dbError("list audit rows", err)
}
