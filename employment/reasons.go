package employment

// Reasons of the employment-registration source, in addition to the
// domain's shebao.Reason* codes. Each has a message under "reason.<code>"
// in i18n/employment.go.
const (
	ReasonUnavailable     = "EMPLOYMENT_UNAVAILABLE"         // the remote employment service did not answer in time
	ReasonTokenRejected   = "EMPLOYMENT_TOKEN"               // the employment system's API key is missing or wrong
	ReasonAPIOff          = "EMPLOYMENT_API_OFF"             // no API key is configured: pushes are refused
	ReasonFileFormat      = "IMPORT_FORMAT"                  // not a .csv or .xlsx file
	ReasonFileUnreadable  = "IMPORT_UNREADABLE"              // the file cannot be read as CSV or .xlsx
	ReasonMissingColumn   = "IMPORT_MISSING_COLUMN"          // args: the column's name
	ReasonNoRows          = "IMPORT_EMPTY"                   // a header but no data rows
	ReasonTooManyRows     = "IMPORT_TOO_MANY_ROWS"           // args: the maximum
	ReasonDuplicate       = "REGISTRATION_DUPLICATE"         // args: the row of the first occurrence
	ReasonDuplicateDiffer = "REGISTRATION_DUPLICATE_DIFFERS" // args: the row of the differing occurrence
	ReasonConflict        = "REGISTRATION_CONFLICT"          // args: the stored person's masked ID number, the stored unit's credit code
	ReasonUnitUnknown     = "REGISTRATION_UNIT_UNKNOWN"      // args: the credit code
	ReasonEndBeforeStart  = "REGISTRATION_END_BEFORE_START"
	ReasonRegisteredLater = "REGISTRATION_IN_FUTURE"       // registered after today
	ReasonSourceIDChars   = "REGISTRATION_SOURCE_ID_CHARS" // control characters in the source id
	ReasonNameChars       = "REGISTRATION_NAME_CHARS"      // control characters in the name
)
