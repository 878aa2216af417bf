// Package declaration is base declaration (基数申报): in the window the
// year's policy sets, a unit declares each insured employee's average
// monthly wage of the previous year, one person by form or all by an Excel
// upload, and sees each clamped base and what the change does to its
// monthly bill. The base applies from the policy's BaseFromMonth of the
// declaration year (docs/CONTRIBUTIONS.md). Check says what declaring
// entries would do without writing anything; Apply declares them, an entry
// with a ClientKey once only. The form, the upload here and the declare
// kind of package batch all go through these two.
package declaration

// Reasons of this package: each has a message "reason.<code>" in the i18n
// catalogue (i18n/contributions.go).
const (
	ReasonWindowClosed     = "DECLARE_WINDOW_CLOSED"   // args: window from, window to
	ReasonAmountNegative   = "DECLARE_AMOUNT_NEGATIVE" // a wage below zero
	ReasonWageAbsurd       = "DECLARE_WAGE_ABSURD"     // args: 10× the ceiling, the ceiling
	ReasonNameMismatch     = "DECLARE_NAME_MISMATCH"   // the name differs from the person's record
	ReasonNotInsuredHere   = "DECLARE_NOT_INSURED_HERE"
	ReasonDuplicateRow     = "DECLARE_DUPLICATE_ROW"       // args: the row that declared the person first
	ReasonFileTooLarge     = "DECLARE_FILE_TOO_LARGE"      // args: the limit in MB
	ReasonSheetUnreadable  = "DECLARE_SHEET_UNREADABLE"    // not an .xlsx workbook
	ReasonSheetEmpty       = "DECLARE_SHEET_EMPTY"         // no header row or no data
	ReasonSheetColumns     = "DECLARE_SHEET_COLUMNS"       // args: missing headers, the expected headers
	ReasonSheetTooManyRows = "DECLARE_SHEET_TOO_MANY_ROWS" // args: the limit
	ReasonSheetMerged      = "DECLARE_SHEET_MERGED"        // args: the merged range
	ReasonIDAsNumber       = "DECLARE_ID_AS_NUMBER"        // an ID number typed as a number loses digits
	ReasonUndeclaredEarly  = "DECLARE_RULE_EARLY"          // args: the deadline
)
