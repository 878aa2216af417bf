package register

// Reasons of the register import, with messages in i18n/golive.go.
const (
	ReasonFileFormat       = "REGISTER_FILE_FORMAT"       // not .csv or .xlsx
	ReasonFileUnreadable   = "REGISTER_FILE_UNREADABLE"   // not a readable CSV or .xlsx file
	ReasonTooManyRows      = "REGISTER_TOO_MANY_ROWS"     // arg: the most rows a file may have
	ReasonMissingColumn    = "REGISTER_MISSING_COLUMN"    // arg: the column
	ReasonUnknownFile      = "REGISTER_UNKNOWN_FILE"      // a file whose name is not one of the register's
	ReasonFileTwice        = "REGISTER_FILE_TWICE"        // units.csv and units.xlsx both
	ReasonDuplicate        = "REGISTER_DUPLICATE"         // arg: the row the same key is on first
	ReasonUnknownUnit      = "REGISTER_UNKNOWN_UNIT"      // arg: the credit code: in neither units file nor database
	ReasonUnknownPerson    = "REGISTER_UNKNOWN_PERSON"    // the ID number is in neither persons file nor database
	ReasonBadValue         = "REGISTER_BAD_VALUE"         // arg: the values allowed
	ReasonRiskClass        = "REGISTER_RISK_CLASS"        // not 1–8
	ReasonPeriodOrder      = "REGISTER_PERIOD_ORDER"      // "to" before "from"
	ReasonPeriodFuture     = "REGISTER_PERIOD_FUTURE"     // arg: the current period
	ReasonOverlap          = "REGISTER_OVERLAP"           // arg: the row of the overlapping span
	ReasonTwoActive        = "REGISTER_TWO_ACTIVE"        // arg: the other unit's name: one active coverage per person and type
	ReasonBaseBounds       = "REGISTER_BASE_BOUNDS"       // warning; args: floor, ceiling, year
	ReasonNoPolicy         = "REGISTER_NO_POLICY"         // arg: the year; import the policy years first
	ReasonAccountElsewhere = "REGISTER_ACCOUNT_ELSEWHERE" // the username belongs to another unit or to staff
)
