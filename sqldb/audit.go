package sqldb

import (
	"context"

	"shebao"
)

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
