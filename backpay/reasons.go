// Package backpay is individual back-pay (个人补收): for past months in
// which a person was employed at a unit (per the employment registration)
// but not insured, each month at its own year's policy, plus the late fee
// up to today. The unit sees the amount before it submits; the item then
// waits for a reviewer, whose decision calls Hook (docs/CONTRIBUTIONS.md).
package backpay

// Reasons of this package: each has a message "reason.<code>" in the i18n
// catalogue (i18n/contributions.go). Those naming months take the months
// as their first argument ("2024-01 至 2024-03、2024-07").
const (
	ReasonNotPast      = "BACKPAY_NOT_PAST"       // args: the latest month back-pay takes
	ReasonRangeTooLong = "BACKPAY_RANGE_TOO_LONG" // args: most months
	ReasonNotEmployed  = "BACKPAY_NOT_EMPLOYED"   // args: months
	ReasonCovered      = "BACKPAY_COVERED"        // args: months
	ReasonPending      = "BACKPAY_PENDING"        // args: months
	ReasonCounter      = "BACKPAY_COUNTER"        // args: months, the earliest month online
	ReasonNoPolicy     = "BACKPAY_NO_POLICY"      // args: months (their year has no policy)
)

// Documents lists the i18n keys of what to bring to the counter for
// back-pay beyond the online limit.
var Documents = []string{"backpay.doc.application", "backpay.doc.contract", "backpay.doc.payroll",
	"backpay.doc.id", "backpay.doc.registration"}
