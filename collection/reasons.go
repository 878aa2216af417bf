package collection

// Reasons of the collection area (messages in i18n/collection.go).
const (
	ReasonNotClosed     = "COLLECT_NOT_CLOSED"     // args: period
	ReasonColumnMissing = "COLLECT_COLUMN_MISSING" // args: the header
	ReasonUnknownUnit   = "COLLECT_UNKNOWN_UNIT"   // args: credit code
	ReasonUnknownLine   = "COLLECT_UNKNOWN_LINE"   // args: line key
	ReasonOtherList     = "COLLECT_OTHER_LIST"     // args: the list's period
	ReasonAmountDiffers = "COLLECT_AMOUNT_DIFFERS" // args: the amount owed
	ReasonBadAmount     = "COLLECT_BAD_AMOUNT"
	ReasonBadOutcome    = "COLLECT_BAD_OUTCOME" // args: the value
	ReasonNoReason      = "COLLECT_NO_REASON"
	ReasonDuplicateLine = "COLLECT_DUPLICATE_LINE" // args: first row
	ReasonAlreadyPaid   = "COLLECT_ALREADY_PAID"
	ReasonNoFee         = "COLLECT_NO_FEE"
)
