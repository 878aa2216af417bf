package shebao

import (
	"context"
	"time"
)

// Outcomes of a line of a collection list (docs/COLLECTION.md).
const (
	CollectPaid    = "paid"    // collected in full
	CollectPartial = "partial" // collected in part
	CollectFailed  = "failed"  // not collected: Reason says why
	CollectCounter = "counter" // paid at the counter, recorded by staff
	CollectWaived  = "waived"  // the late fee to that day waived by a reviewer (Fee holds it)
)

// CollectionMonth is a unit's assessed sum of one closed period as the
// collection list gives it: per insurance type, employer and employee.
type CollectionMonth struct {
	UnitID     int64
	CreditCode string
	UnitName   string
	Account    string // the deduction account (the unit's bank account)
	Period     Period
	ByType     map[Insurance][2]Fen // employer, employee
	Employer   Fen
	Employee   Fen
	Paid       bool // recorded settled
	Collected  Collected
}

// Collected is what the results recorded so far have collected on one
// period of a unit (ItemID 0) or one back-pay item.
type Collected struct {
	Principal  Fen // contributions collected
	Fee        Fen // late fee collected
	FeeAccrued Fen // the late fee the principal collected had run up when paid
}

// CollectionResult is one recorded outcome (table collection_results).
type CollectionResult struct {
	ID         int64
	Source     string // the SHA-256 of the result file, or "counter:…"
	Line       int
	ListPeriod Period
	UnitID     int64
	Period     Period
	ItemID     int64
	Outcome    string
	Reason     string
	Principal  Fen
	Fee        Fen
	FeeAccrued Fen
	PaidOn     Date
	RecordedAt time.Time
	RecordedBy int64
}

// CollectionBackpay is an approved back-pay item not recorded paid, summed
// over its months.
type CollectionBackpay struct {
	CreditCode, UnitName, Account string
	UnitID                        int64
	ItemID                        int64
	From, To                      Period
	Employer                      Fen
	Employee                      Fen
	LateFee                       Fen
	Collected                     Collected
}

// CollectionTx stores the outcomes of collection.
type CollectionTx interface {
	// CollectionMonths streams the unit sums of closed periods in
	// [from, to] to fn, by unit and period; unpaidOnly leaves out the sums
	// recorded paid.
	CollectionMonths(ctx context.Context, from, to Period, unpaidOnly bool, fn func(CollectionMonth) error) error
	// CollectionBackpays streams the approved back-pay items not recorded
	// paid to fn, by unit and item.
	CollectionBackpays(ctx context.Context, fn func(CollectionBackpay) error) error
	// Collected sums the results recorded on a unit's period (itemID 0) or
	// back-pay item.
	Collected(ctx context.Context, unitID int64, p Period, itemID int64) (Collected, error)
	// AddCollectionResult records an outcome; false when (source, line) is
	// already recorded, and then nothing changes.
	AddCollectionResult(ctx context.Context, r CollectionResult) (bool, error)
	// CollectionSourceLines counts the lines recorded from a source.
	CollectionSourceLines(ctx context.Context, source string) (int, error)
	// UnitCollectionResults lists a unit's outcomes, newest first, at most limit.
	UnitCollectionResults(ctx context.Context, unitID int64, limit int) ([]CollectionResult, error)
}
