package shebao

import (
	"context"
	"time"
)

// BatchTx stores batch uploads (批量业务): the uploaded workbook, what its
// dry run found for each row, and what applying it did. Package sqldb
// implements it; package batch uses it.
type BatchTx interface {
	// InsertBatch stores b with its workbook and rows and sets b.ID.
	InsertBatch(ctx context.Context, b *Batch, file []byte, rows []BatchRow) error
	// Batch returns a batch without its file or rows. ENOTFOUND.
	Batch(ctx context.Context, id int64) (Batch, error)
	// BatchFile returns the workbook a batch was uploaded as. ENOTFOUND.
	BatchFile(ctx context.Context, id int64) ([]byte, error)
	// BatchRows returns a batch's rows in row order.
	BatchRows(ctx context.Context, id int64) ([]BatchRow, error)
	// Batches lists a unit's batches (every unit's when unitID is 0),
	// newest first, with the total count before limit/offset.
	Batches(ctx context.Context, unitID int64, limit, offset int) ([]Batch, int, error)
	// BatchesIn lists every batch in status st, oldest first.
	BatchesIn(ctx context.Context, st BatchStatus) ([]Batch, error)
	// SetBatchStatus moves a batch from status from to status to, writing its
	// counts and the time. ECONFLICT when it is no longer in from.
	SetBatchStatus(ctx context.Context, b Batch, from BatchStatus) error
	// UpdateBatchRows writes the outcome, reason and item of rows already
	// stored (matched by batch and row number).
	UpdateBatchRows(ctx context.Context, batchID int64, rows []BatchRow) error
	// ClaimBatch gives owner the lease of an applying batch until until,
	// if it has none, owner holds it, or it ran out before now; it reports
	// whether owner holds it (docs/OPERATIONS.md, several instances).
	ClaimBatch(ctx context.Context, id int64, owner string, now, until time.Time) (bool, error)
}

// BatchKind is what a batch upload asks for.
type BatchKind string

// Batch kinds.
const (
	BatchEnroll  BatchKind = "enroll"  // new enrollment 新参保 and resumption 续保
	BatchStop    BatchKind = "stop"    // stop 停保
	BatchDeclare BatchKind = "declare" // base declaration 基数申报 (package declaration)
)

// BatchStatus is where a batch stands.
type BatchStatus string

// Batch statuses.
const (
	BatchChecked  BatchStatus = "checked"  // dry run done; nothing applied yet
	BatchApplying BatchStatus = "applying" // the operator asked to apply; rows are being submitted
	BatchApplied  BatchStatus = "applied"  // every good row was submitted
	BatchRejected BatchStatus = "rejected" // all-or-nothing was asked and some row was bad: nothing applied
)

// BatchOutcome is what became of one row.
type BatchOutcome string

// Row outcomes.
const (
	RowOK        BatchOutcome = "ok"        // the dry run passes it
	RowRefused   BatchOutcome = "refused"   // a business rule refuses it (dry run or apply)
	RowMalformed BatchOutcome = "malformed" // the row cannot be read as a request
	RowApplied   BatchOutcome = "applied"   // submitted and approved: Item holds the item
	RowSkipped   BatchOutcome = "skipped"   // good, but not applied (all-or-nothing with bad rows)
)

// Batch is one uploaded workbook and what became of it.
type Batch struct {
	ID           int64
	UnitID       int64
	Kind         BatchKind
	FileName     string
	Status       BatchStatus
	AllOrNothing bool // the operator asked for all rows or none
	Rows         int  // data rows read (empty rows not counted)
	OK           int  // rows the dry run passed
	Refused      int  // rows a rule refused (dry run, or on apply)
	Malformed    int  // rows that could not be read
	Applied      int  // rows submitted and approved
	Done         int  // rows processed by the apply so far (progress)
	// The monthly contributions the good rows add (enrollments), remove
	// (stops, negative) or change (base declarations, new base − old),
	// employer and employee, at the business period.
	CostEmployer Fen
	CostEmployee Fen
	CreatedAt    time.Time
	CreatedBy    int64
	UpdatedAt    time.Time
}

// BatchRow is one data row of a batch: the request it was read as, and its
// outcome with the reason (a reason code of the i18n catalogue with its
// arguments, and the header of the column at fault when there is one).
type BatchRow struct {
	BatchID  int64
	Row      int // worksheet row number, 1-based
	IDNumber string
	// LegacyID is the legacy 15-digit ID number typed in a clerk's batch
	// (the counter channel), which IDNumber was converted from
	// (rules.ParseIDNumberAt); the row's result states the conversion.
	LegacyID   string
	Name       string
	Type       ItemType
	Wage       Fen
	StopReason StopReason
	Outcome    BatchOutcome
	Column     string
	Reason     string
	Args       []string
	Period     Period
	Base       Fen
	Clamp      string
	Employer   Fen // monthly, employer's part (negative for a stop; the change for a declaration)
	Employee   Fen
	PersonID   int64
	ItemID     int64
	Receipt    string
}
