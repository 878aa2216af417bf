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
	if !t.snap.take(&e, *t.tx.ran) {
		if err := t.auditSnapshot(ctx, &e); err != nil {
			return err
		}
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
	err := t.tx.QueryRowContext(ctx, qAuditSnapshot, e.UnitID, e.PersonID).
		Scan(&e.UnitName, &e.CreditCode, &e.PersonName, &e.IDNumber)
	return dbError("audit snapshot", err)
}

// snapshotColumns reads an audit entry's names (auditSnapshot): the
// unit's, whose id is the parameter unit, and the person's (person).
func snapshotColumns(unit, person string) string {
	return `COALESCE((SELECT name FROM units WHERE id = ` + unit + `), ''),
	COALESCE((SELECT credit_code FROM units WHERE id = ` + unit + `), ''),
	COALESCE((SELECT name FROM persons WHERE id = ` + person + `), ''),
	COALESCE((SELECT id_number FROM persons WHERE id = ` + person + `), '')`
}

var qAuditSnapshot = `SELECT ` + snapshotColumns("$1", "$2")

// auditSnap is what a statement that wrote a row about a unit and a person
// read of their names (InsertItem), for the audit entry about them that
// follows: after it, as long as the transaction has run no other statement
// (ran), the rows still hold those names.
type auditSnap struct {
	unitID, personID                           int64
	unitName, creditCode, personName, idNumber string
	ran                                        int // the transaction's statements when it was read
}

// take sets e's names from s when s is about e's unit and person and no
// statement has run since it was read (ran: the statements so far).
func (s *auditSnap) take(e *shebao.AuditEntry, ran int) bool {
	if s == nil || s.ran != ran || s.unitID != e.UnitID || s.personID != e.PersonID {
		return false
	}
	e.UnitName, e.CreditCode, e.PersonName, e.IDNumber = s.unitName, s.creditCode, s.personName, s.idNumber
	return true
}
