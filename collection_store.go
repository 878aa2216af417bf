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

// CollectionBackpay is an approved back-pay item not recorded paid: its
// months (oldest first, each with its employer and employee sums) and what
// was collected on it.
type CollectionBackpay struct {
	CreditCode, UnitName, Account string
	UnitID                        int64
	ItemID                        int64
	From, To                      Period
	Employer                      Fen
	Employee                      Fen
	Months                        []BackpayMonth
	Collected                     Collected
}

// UnitAccount is a unit's deduction account from a day on (table
// unit_accounts): the withholding agreement's account, which a list uses
// when it is in force on the list's due date.
type UnitAccount struct {
	UnitID  int64
	Account string
	From    Date  // in force from this day; 0: from the start
	ItemID  int64 // the reviewed change that set it; 0 for the first
}

// CollectionTx stores the outcomes of collection.
type CollectionTx interface {
	// CollectionMonths streams the unit sums of closed periods in
	// [from, to] to fn, by unit and period; unpaidOnly leaves out the sums
	// recorded paid. Account is the unit's deduction account in force on
	// day on (UnitAccountOn).
	CollectionMonths(ctx context.Context, from, to Period, on Date, unpaidOnly bool, fn func(CollectionMonth) error) error
	// CollectionBackpays streams the approved back-pay items not recorded
	// paid to fn, by unit and item, each with the account in force on day
	// on (see CollectionMonths).
	CollectionBackpays(ctx context.Context, on Date, fn func(CollectionBackpay) error) error
	// Collected sums the results recorded on a unit's period (itemID 0) or
	// back-pay item.
	Collected(ctx context.Context, unitID int64, p Period, itemID int64) (Collected, error)
	// AddCollectionResult records an outcome; false when (source, line) is
	// already recorded, and then nothing changes.
	AddCollectionResult(ctx context.Context, r CollectionResult) (bool, error)
	// CollectionSourceLines counts the lines recorded from a source.
	CollectionSourceLines(ctx context.Context, source string) (int, error)
	// SetUnitAccount records that a unit's deduction account is account
	// from day from (a reviewed change approved, item itemID). A unit with
	// no history yet first gets old, in force from the start.
	SetUnitAccount(ctx context.Context, unitID int64, old, account string, from Date, itemID int64) error
	// UnitAccounts lists a unit's deduction accounts, oldest first.
	UnitAccounts(ctx context.Context, unitID int64) ([]UnitAccount, error)
	// UnitCollectionResults lists a unit's outcomes, newest first, at most limit.
	UnitCollectionResults(ctx context.Context, unitID int64, limit int) ([]CollectionResult, error)
}
