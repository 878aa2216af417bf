package shebao

import (
	"context"
	"time"
)

// AssessmentStatus is where the district assessment (核定) of a period stands.
type AssessmentStatus string

// Assessment statuses. A run moves assessing → assessed; an assessed period
// may be re-assessed (it goes back to assessing while the run works) until it
// is closed; a closed period is frozen.
const (
	AssessmentRunning AssessmentStatus = "assessing" // a run started and has not finished
	AssessmentDone    AssessmentStatus = "assessed"  // the last run finished
	AssessmentClosed  AssessmentStatus = "closed"    // frozen: refuses re-assessment
)

// AssessmentRun is the district assessment of one period, with its totals.
type AssessmentRun struct {
	Period        Period
	Status        AssessmentStatus
	PolicyVersion int // the version of the period's year's policy used
	Units         int // units with at least one line
	Persons       int
	Lines         int
	Employer      Fen
	Employee      Fen
	AssessedAt    time.Time
	ClosedAt      time.Time
}

// AssessmentLine is one stored line of an assessment: one coverage (one
// person, one insurance type) in one period, with how it was computed.
// Clamp is "none", "floor" or "ceiling" (package rules' Clamp).
type AssessmentLine struct {
	Period       Period
	CoverageID   int64
	UnitID       int64
	PersonID     int64
	Insurance    Insurance
	StoredBase   Fen // the coverage's base
	Base         Fen // the base applied: StoredBase clamped to the year's bounds
	Clamp        string
	EmployerRate int64 // per 100,000
	EmployeeRate int64
	Rounding     Rounding
	Employer     Fen
	Employee     Fen

	// Joined for display; not stored on the line.
	PersonName string
	IDNumber   string
}

// UnitPeriodSum is a unit's total of one assessed period and whether staff
// recorded it paid (the tax bureau collects; shebao only records it).
type UnitPeriodSum struct {
	Period   Period
	UnitID   int64
	Persons  int
	Employer Fen
	Employee Fen
	Paid     bool
	PaidAt   time.Time
}

// PeriodCoverage is a coverage that counts in a period, with its person's
// name and ID number for display.
type PeriodCoverage struct {
	Coverage
	PersonName string
	IDNumber   string
}

// UnitRate is a unit's floating work-injury rate for one year, in points
// per 100,000 added to its risk class's rate (negative for a reduction).
type UnitRate struct {
	UnitID      int64
	Year        int
	InjuryFloat int64
	UnitName    string // joined for display
	CreditCode  string // joined for display
	RiskClass   int    // joined for display
}

// AssessmentTx stores floating injury rates and period assessments.
// A coverage counts in period P when FirstPeriod ≤ P and it is active or
// its LastPeriod ≥ P.
type AssessmentTx interface {
	// UnitInjuryFloat returns a unit's floating injury rate for a year; 0
	// when none is set.
	UnitInjuryFloat(ctx context.Context, unitID int64, year int) (int64, error)
	// UnitInPeriod returns a unit (ENOTFOUND when there is none), its
	// floating injury rate for p's year (0 when none is set) and p's
	// assessment (AssessmentRun; zero when p was never assessed), in one
	// read: what a bill of p reads of its unit.
	UnitInPeriod(ctx context.Context, unitID int64, p Period) (Unit, int64, AssessmentRun, error)
	// SetUnitInjuryFloat sets (or replaces) a unit's floating rate for a year.
	SetUnitInjuryFloat(ctx context.Context, r UnitRate) error
	// UnitRates lists the floating rates set for a year, by unit name.
	UnitRates(ctx context.Context, year int) ([]UnitRate, error)
	// PeriodCoverages lists the unit's coverages that count in a period, by
	// person name, person and insurance display order, as the assessment
	// counts them: Base is the base in force in the period (the newest base
	// declaration from then or before, else the coverage's own), and
	// coverages opened by a back-pay item are left out (the item charges
	// their months).
	PeriodCoverages(ctx context.Context, unitID int64, p Period) ([]PeriodCoverage, error)
	// PersonPeriodCoverages is PeriodCoverages for one person at any unit,
	// by unit.
	PersonPeriodCoverages(ctx context.Context, personID int64, p Period) ([]PeriodCoverage, error)

	// AssessmentRun returns a period's assessment. ENOTFOUND when the period
	// was never assessed.
	AssessmentRun(ctx context.Context, p Period) (AssessmentRun, error)
	// StartAssessment marks a period assessing with the policy version used.
	// EREFUSED (ReasonPeriodClosed) when the period is closed.
	StartAssessment(ctx context.Context, p Period, policyVersion int) error
	// CountUnits counts every unit of the district.
	CountUnits(ctx context.Context) (int, error)
	// UnitIDsAfter lists up to limit unit ids above after, ascending.
	UnitIDsAfter(ctx context.Context, after int64, limit int) ([]int64, error)
	// AssessUnits replaces the lines and unit sums of the units with ids in
	// [from, to] for period p with ones computed by policy pol (the rule of
	// package billing's AssessLine, in SQL), and returns the lines written.
	// EREFUSED (ReasonPeriodClosed) when the period is closed.
	AssessUnits(ctx context.Context, p Period, pol Policy, from, to int64) (int, error)
	// FinishAssessment sums a period's unit sums into its run, marks it
	// assessed and returns it.
	FinishAssessment(ctx context.Context, p Period, at time.Time) (AssessmentRun, error)
	// CloseAssessment freezes an assessed period. EREFUSED with
	// ReasonPeriodClosed when it is already closed, ReasonPeriodNotAssessed
	// when it was not assessed to the end.
	CloseAssessment(ctx context.Context, p Period, at time.Time) error

	// AssessmentLines lists a unit's stored lines of a period, by person
	// name, person and insurance display order.
	AssessmentLines(ctx context.Context, p Period, unitID int64) ([]AssessmentLine, error)
	// PersonAssessmentLines lists a person's stored lines in closed periods
	// from..to, by period.
	PersonAssessmentLines(ctx context.Context, personID int64, from, to Period) ([]AssessmentLine, error)
	// UnitPeriodSums lists a unit's sums of every closed period, newest first.
	UnitPeriodSums(ctx context.Context, unitID int64) ([]UnitPeriodSum, error)
	// SetPeriodPaid records whether a unit paid a closed period. ENOTFOUND
	// when the unit has no sum in a closed period p.
	SetPeriodPaid(ctx context.Context, p Period, unitID int64, paid bool, at time.Time) error
}

// Reasons of the contributions area (messages in i18n/billing.go).
const (
	ReasonPeriodClosed      = "PERIOD_CLOSED"        // args: period
	ReasonPeriodNotAssessed = "PERIOD_NOT_ASSESSED"  // args: period
	ReasonPeriodNotEnded    = "PERIOD_NOT_ENDED"     // args: period
	ReasonNoPolicy          = "NO_POLICY"            // args: year
	ReasonPolicyNotNextYear = "POLICY_NOT_NEXT_YEAR" // args: the year that may be edited
	ReasonRateMalformed     = "RATE_MALFORMED"       // a percentage with at most 3 decimals
	ReasonNotInteger        = "NOT_INTEGER"          // a whole number is needed
	ReasonRangeTooLong      = "RANGE_TOO_LONG"       // args: most months
	ReasonRangeReversed     = "RANGE_REVERSED"
	ReasonFileMalformed     = "FILE_MALFORMED" // args: detail
	ReasonFileTooLarge      = "FILE_TOO_LARGE" // args: most bytes
	ReasonExportFormat      = "EXPORT_FORMAT"
)
