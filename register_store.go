package shebao

import (
	"context"
	"time"
)

// RegisterTx is the storage of going live: the register import and the
// readiness check (packages register and readiness).
type RegisterTx interface {
	// UpdateCoverage writes c's status, last period and base. ENOTFOUND if
	// it does not exist; ECONFLICT when it would make a second active
	// coverage of the person and type.
	UpdateCoverage(ctx context.Context, c Coverage) error
	// Readiness counts what a live office needs.
	Readiness(ctx context.Context) (Readiness, error)
	// OperatorAccounts lists operator accounts with their units, by unit
	// credit code and username: only those without a password yet (awaiting
	// their letter) when awaiting is set; at most limit when limit > 0.
	OperatorAccounts(ctx context.Context, awaiting bool, limit int) ([]OperatorAccount, error)

	// The register import's batched reads and writes: a chunk of rows a
	// statement (docs/MIGRATION.md). The lookups return what is stored,
	// keyed by the key asked for; what is not stored is absent. The inserts
	// do not set ids.
	UnitsByCreditCodes(ctx context.Context, codes []string) (map[string]Unit, error)
	PersonsByIDNumbers(ctx context.Context, ids []string) (map[string]Person, error)
	CoveragesOfPersons(ctx context.Context, personIDs []int64) ([]Coverage, error)
	DeclarationsOfPersons(ctx context.Context, year int, personIDs []int64) ([]BaseDeclaration, error)
	InsertUnits(ctx context.Context, us []Unit) error
	InsertPersons(ctx context.Context, ps []Person) error
	// InsertCoverages inserts coverages; ECONFLICT when one would be a
	// second active coverage of its person and type.
	InsertCoverages(ctx context.Context, cs []Coverage) error
	// PutDeclarations stores declarations as PutDeclaration does; no two may
	// share unit, person and year.
	PutDeclarations(ctx context.Context, ds []BaseDeclaration) error
	RegistrationsBySourceIDs(ctx context.Context, sourceIDs []string) (map[string]Registration, error)
	// PutRegistrations stores registrations as PutRegistration does; no
	// two may share a source id.
	PutRegistrations(ctx context.Context, rs []Registration) error
	// AccountsByUsernames returns the accounts by lower-case username.
	AccountsByUsernames(ctx context.Context, usernames []string) (map[string]Account, error)
	// InsertOperators inserts unit operator accounts without a password.
	InsertOperators(ctx context.Context, as []Account) error
}

// OperatorAccount is a unit's operator account with its unit.
type OperatorAccount struct {
	Account Account
	Unit    Unit
}

// Readiness is what the database holds of what a live office needs.
type Readiness struct {
	Admins          int // enabled administrator accounts
	Units           int
	Persons         int
	ActiveCoverages int
	Terminals       int
	ProofKeys       int       // signing keys kept in the database
	LastArrival     time.Time // newest employment registrations' arrival (file or push); zero for none
	AwaitingLetters int       // operator accounts created by the register import that have no password yet
}
