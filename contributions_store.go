package shebao

import (
	"context"
	"time"
)

// Sources of a stored base declaration.
const (
	DeclaredByUnit = "unit" // the unit declared the wage (form or upload)
	DeclaredByRule = "rule" // the office applied the undeclared rule after the deadline
)

// BaseDeclaration is a unit's declaration (基数申报) of one employee's
// average monthly wage of the previous year, and the base it gives from
// FromPeriod on. The assessment of period P uses, for a person at a unit,
// the base of the declaration with the greatest FromPeriod ≤ P, and
// Coverage.Base when there is none (docs/CONTRIBUTIONS.md).
type BaseDeclaration struct {
	ID         int64
	UnitID     int64
	PersonID   int64
	Year       int    // the declaration year: the policy year whose window it was made in
	FromPeriod Period // the month the base takes effect: Year-Policy.BaseFromMonth
	Wage       Fen    // declared average monthly wage of the previous year
	Base       Fen    // the wage clamped to the year's floor and ceiling
	Clamp      string // "none", "floor" or "ceiling" (rules.Clamp)
	Source     string // DeclaredByUnit or DeclaredByRule
	ItemID     int64  // the declare item; 0 for rule rows
	DeclaredAt time.Time
}

// PersonBase is an insured employee of a unit with the base in force for a
// period and the insurance types of the employee's active coverages.
type PersonBase struct {
	Person     Person
	Base       Fen
	Insurances []Insurance
	Declared   bool // Base comes from a declaration, not from Coverage.Base
}

// UndeclaredUnit is a unit with insured employees for whom it has not
// declared a base for a year.
type UndeclaredUnit struct {
	Unit     Unit
	Active   int // employees with active coverage
	Declared int // of them, with a declaration for the year
}

// DeclarationTx stores base declarations.
type DeclarationTx interface {
	// PutDeclaration stores d, replacing the unit's declaration of the same
	// person for the same year, and sets d.ID.
	PutDeclaration(ctx context.Context, d *BaseDeclaration) error
	// Declarations lists a unit's declarations for a year, by person id.
	Declarations(ctx context.Context, unitID int64, year int) ([]BaseDeclaration, error)
	// UnitBases lists the unit's employees with active coverage and the base
	// in force for each in period p, by name.
	UnitBases(ctx context.Context, unitID int64, p Period) ([]PersonBase, error)
	// UndeclaredUnits lists the units that have employees with active
	// coverage but no declaration for year, by name.
	UndeclaredUnits(ctx context.Context, year int) ([]UndeclaredUnit, error)
}

// Back-pay month statuses.
const (
	BackpayPending  = "pending"  // held by an item in review
	BackpayApproved = "approved" // approved: the month is covered
	BackpayReleased = "released" // the item was returned or withdrawn
)

// BackpayMonth is one month of individual back-pay (个人补收) held or
// granted by a back-pay item, with the amounts computed when it was
// submitted.
type BackpayMonth struct {
	ItemID   int64
	PersonID int64
	UnitID   int64
	Period   Period
	Status   string // BackpayPending, BackpayApproved or BackpayReleased
	Base     Fen
	Employer Fen // employer share, all insurance types
	Employee Fen // employee share, all insurance types
	LateDays int
	LateFee  Fen
	PaidAt   time.Time // when staff recorded the item paid; zero while not
	// PaidFen is the amount staff recorded the unit paid for the whole
	// item when marking it paid by hand (the same on each of its months);
	// 0 when not so recorded (a marking before amounts were kept, or an
	// item settled by collection, whose results hold the amounts).
	PaidFen Fen
}

// BackpayTx stores back-pay months.
type BackpayTx interface {
	// InsertBackpayMonths records the months of a back-pay item as pending.
	// ECONFLICT when one of them is already pending or approved for the
	// person (in any item): two racing applications end with one winner.
	InsertBackpayMonths(ctx context.Context, ms []BackpayMonth) error
	// PersonBackpayMonths lists a person's pending and approved months.
	PersonBackpayMonths(ctx context.Context, personID int64) ([]BackpayMonth, error)
	// UnitBackpayMonths lists a unit's approved months in periods from..to,
	// by period, person and item: what billing shows of back-pay (history,
	// export, amount due).
	UnitBackpayMonths(ctx context.Context, unitID int64, from, to Period) ([]BackpayMonth, error)
	// SetBackpayPaid records that unit unitID paid its approved back-pay
	// item itemID (every month of it), by account by at at, with the
	// amount paid for the whole item (0: the collection results hold it),
	// and returns how many months it marked: 0 when the item is already
	// recorded paid. ENOTFOUND when the unit has no approved month of the item.
	SetBackpayPaid(ctx context.Context, itemID, unitID, by int64, at time.Time, amount Fen) (int, error)
	// ItemBackpayMonths lists an item's months, by period.
	ItemBackpayMonths(ctx context.Context, itemID int64) ([]BackpayMonth, error)
	// SetBackpayMonths moves an item's months from status from to status to
	// and returns how many it moved.
	SetBackpayMonths(ctx context.Context, itemID int64, from, to string) (int, error)
}

// ExportTx streams the rows of a unit's contributions export
// (docs/BILLING.md, "Export") from the database's cursor, so that the
// export's memory does not grow with its rows. fn is called row by row
// while the cursor is open: it must not use the transaction.
type ExportTx interface {
	// EachPeriodPerson streams the unit's persons with coverages that count
	// in a period, one row each, in PeriodCoverages' order (by person name
	// and person), with those coverages as PeriodCoverages counts them:
	// the live bill and its export (docs/PERFORMANCE.md, "The live bill").
	EachPeriodPerson(ctx context.Context, unitID int64, p Period, fn func(PeriodPerson) error) error
	// EachAssessmentLine is AssessmentLines, streamed to fn.
	EachAssessmentLine(ctx context.Context, p Period, unitID int64, fn func(AssessmentLine) error) error
}

// PeriodPerson is a person with the coverages that count in a period at
// one unit (EachPeriodPerson), by coverage id. Coverages is reused from
// one person to the next: it is valid during the call only.
type PeriodPerson struct {
	PersonID   int64
	PersonName string
	IDNumber   string
	Coverages  []CoverageBase
}

// CoverageBase is a coverage's insurance type and its base in force in a
// period (the newest base declaration from then or before, else the
// coverage's own).
type CoverageBase struct {
	CoverageID int64
	Insurance  Insurance
	Base       Fen
}
