package shebao

import (
	"context"
	"time"
)

// EmploymentTx stores what arrives from the employment service (就业备案):
// registrations looked up by their own id, and the reports of the imports
// and pushes that brought them. Part of OfficeTx.
type EmploymentTx interface {
	// RegistrationBySourceID returns the registration with the employment
	// service's id. ENOTFOUND when there is none.
	RegistrationBySourceID(ctx context.Context, sourceID string) (Registration, error)
	// RecordImport stores the report of one import and sets r.ID.
	RecordImport(ctx context.Context, r *ImportReport) error
	// ImportReports lists the newest reports, newest first: of one channel,
	// or of every channel when ch is empty; at most limit of them.
	ImportReports(ctx context.Context, ch ImportChannel, limit int) ([]ImportReport, error)
}

// ImportChannel is how registrations reached shebao.
type ImportChannel string

// Import channels.
const (
	ImportFile ImportChannel = "file" // a CSV or .xlsx file uploaded by staff
	ImportAPI  ImportChannel = "api"  // pushed by the employment system
)

// ImportChannels lists every import channel.
var ImportChannels = []ImportChannel{ImportFile, ImportAPI}

// ImportReport is what one import (a file, or one push of the API) did:
// how many rows it read, and what became of each.
type ImportReport struct {
	ID        int64
	Channel   ImportChannel
	Source    string // the file's name; "" for a push
	At        time.Time
	AccountID int64 // who uploaded the file; 0 for a push
	Username  string
	Read      int // data rows read
	Inserted  int // new registrations
	Updated   int // stored registrations whose dates changed
	Unchanged int // rows identical to what was stored
	Rejected  int // rows not taken; Rejects says why
	Rejects   []ImportReject
	// Conversions are the rows taken whose legacy 15-digit ID number was
	// converted: a clerk's file only (the counter's rule,
	// docs/RULES.md#identifiers).
	Conversions []ImportConversion
}

// ImportConversion is a row of an import taken with a legacy 15-digit ID
// number, converted to 18 characters (rules.ParseIDNumberAt).
type ImportConversion struct {
	Row      int
	SourceID string
	LegacyID string // the 15 digits typed
}

// ImportReject is one row an import did not take, and why.
type ImportReject struct {
	Row      int    // the row number: the spreadsheet's row (header is row 1), or the array index + 1 of a push
	SourceID string // the row's 备案编号, when it had one
	Field    string // the column at fault: source_id, id_number, name, credit_code, start, registered_on, end
	Reason   string // a reason code with a message "reason.<code>"
	Args     []string
}
