package shebao

import "context"

// OfficeTx stores what the office side needs: the review queue,
// employment-registration imports and statistics.
type OfficeTx interface {
	ReviewTx
	AuditViewTx
	EmploymentTx // employment_store.go
	StatsTx      // stats_store.go
}

// ReviewTx stores what the review queue needs beyond ItemTx.
type ReviewTx interface {
	// ReviewQueue lists the items in status in_review, oldest first (of one
	// type when typ is not empty), with unit and person names joined, and
	// the total count before limit/offset.
	ReviewQueue(ctx context.Context, typ ItemType, limit, offset int) ([]Item, int, error)
	// SetItemNote sets the note of item id shown to the unit (a reviewer's
	// reason, a clerk's remark). ENOTFOUND if there is no such item.
	SetItemNote(ctx context.Context, id int64, note string) error
}

// AuditViewTx reads the audit log for the office's audit viewer.
type AuditViewTx interface {
	// AuditRows lists entries matching f, newest first, with the total
	// count before Limit/Offset.
	AuditRows(ctx context.Context, f AuditFilter) ([]AuditRow, int, error)
}

// AuditRow is an audit entry as the viewer shows it: with the names and
// codes of its unit and person as they were when it was made.
type AuditRow struct {
	AuditEntry
}
