// Package batch is batch work from Excel (批量业务): a unit downloads a
// template, fills in one row per person (new enrollment or resumption,
// stop, or base declaration), and uploads it. Every row is first checked
// without writing anything — by the handling engine, or for a base
// declaration by package declaration's Check — (the dry run: what would
// happen and what it costs a month); on the operator's word the good rows
// are applied, each with a ClientKey of its own so that a retry never makes
// a second item; and the same workbook comes back with a status and a
// reason column on every row. docs/BATCH.md describes the formats and the
// behaviour.
package batch

// Reasons of this package: each has a message "reason.<code>" in the i18n
// catalogue (i18n/batch.go).
const (
	ReasonFileMissing     = "BATCH_FILE_MISSING"      // no file was chosen
	ReasonFileTooLarge    = "BATCH_FILE_TOO_LARGE"    // args: the limit in MB
	ReasonNotXLSX         = "BATCH_NOT_XLSX"          // not an .xlsx workbook (renamed, damaged)
	ReasonOldXLS          = "BATCH_OLD_XLS"           // an Excel 97–2003 .xls workbook
	ReasonEncrypted       = "BATCH_ENCRYPTED"         // a password-protected workbook
	ReasonNoHeader        = "BATCH_NO_HEADER"         // the first sheet is empty
	ReasonColumnsMissing  = "BATCH_COLUMNS_MISSING"   // args: the missing headers, the expected headers
	ReasonColumnUnknown   = "BATCH_COLUMN_UNEXPECTED" // args: the unexpected header, the expected headers
	ReasonColumnTwice     = "BATCH_COLUMN_TWICE"      // args: the header found twice
	ReasonOtherTemplate   = "BATCH_OTHER_TEMPLATE"    // args: the kind the headers belong to
	ReasonTooManyRows     = "BATCH_TOO_MANY_ROWS"     // args: the limit
	ReasonNoRows          = "BATCH_NO_ROWS"           // a header and no data
	ReasonUnknownKind     = "BATCH_UNKNOWN_KIND"      // the kind asked for is not one of Kinds
	ReasonMerged          = "BATCH_MERGED"            // args: the merged range
	ReasonFormula         = "BATCH_FORMULA"           // args: the cell holding a formula
	ReasonIDAsNumber      = "BATCH_ID_AS_NUMBER"      // an ID number typed as a number has lost digits
	ReasonDuplicateID     = "BATCH_DUPLICATE_ID"      // args: the row that has the same ID number first
	ReasonNameMismatch    = "BATCH_NAME_MISMATCH"     // args: the name on record (staff only: Actor.Disclose)
	ReasonNameDiffers     = "BATCH_NAME_DIFFERS"      // BATCH_NAME_MISMATCH as an operator reads it: no name on record
	ReasonUnknownType     = "BATCH_UNKNOWN_TYPE"      // args: the value, the values allowed
	ReasonUnknownStop     = "BATCH_UNKNOWN_STOP"      // args: the value, the values allowed
	ReasonAllOrNothing    = "BATCH_ALL_OR_NOTHING"    // args: how many rows are bad
	ReasonNotApplied      = "BATCH_NOT_APPLIED"       // a good row left alone because all-or-nothing failed
	ReasonCellTooLong     = "BATCH_CELL_TOO_LONG"     // args: the limit in characters
	ReasonAlreadyApplying = "BATCH_APPLYING"          // the batch is being applied; wait
)
