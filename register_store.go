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
