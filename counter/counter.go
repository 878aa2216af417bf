// Package counter is the office's counter (窗口): a clerk picks a unit that
// came in person and handles its items on its behalf, on the counter
// channel. Enrollment, resumption and stop go through the handling engine
// (which refuses them after the counter's last day of the month); the
// counter-only items (card production, retirement payment, maternity benefit
// payment) are recorded here, approved at once with their document checklist.
package counter

import (
	"context"
	"log/slog"

	"shebao"
	"shebao/handling"
)

// Service is the counter.
type Service struct {
	Store    shebao.Store
	Clock    shebao.Clock
	Handling *handling.Service
	Log      *slog.Logger
}

// Reasons of the counter, with messages in package i18n (office.go).
const (
	// ReasonUnitSuspended: the clerk picked a suspended unit; args: its name.
	ReasonUnitSuspended = "COUNTER_UNIT_SUSPENDED"
	// ReasonNotInsuredHere: a counter-only item for a person the unit has
	// never insured; args: the unit's name.
	ReasonNotInsuredHere = "COUNTER_NOT_INSURED_HERE"
	// ReasonDocumentsMissing: required documents of the checklist were not
	// ticked; args: how many.
	ReasonDocumentsMissing = "COUNTER_DOCUMENTS_MISSING"
	// ReasonUnknownDocument: a document not on the item's checklist.
	ReasonUnknownDocument = "COUNTER_UNKNOWN_DOCUMENT"
)

// forbidden is the error for an actor who is not at the counter.
func forbidden() error { return &shebao.Error{Code: shebao.EFORBIDDEN, Reason: shebao.ReasonForbidden} }

// atCounter checks that a may work at the counter (clerks, and admins who
// stand in for them) and returns a with the counter channel.
func atCounter(a shebao.Actor) (shebao.Actor, error) {
	if a.Role != shebao.RoleClerk && a.Role != shebao.RoleAdmin {
		return a, forbidden()
	}
	return a.OnItsChannel(), nil
}

// Units lists the units whose name or credit code contains q, by name, with
// the total count. Errors: EFORBIDDEN for anyone not at the counter.
func (s *Service) Units(ctx context.Context, a shebao.Actor, q string, limit, offset int) ([]shebao.Unit, int, error) {
	if _, err := atCounter(a); err != nil {
		return nil, 0, err
	}
	limit = shebao.PageLimit(limit)
	var units []shebao.Unit
	var total int
	err := s.Store.View(ctx, func(tx shebao.Tx) error {
		var err error
		units, total, err = tx.Units(ctx, q, limit, offset)
		return err
	})
	return units, total, err
}

// Unit returns a unit, whatever its status, for the counter's unit page.
// Errors: EFORBIDDEN, ENOTFOUND.
func (s *Service) Unit(ctx context.Context, a shebao.Actor, id int64) (shebao.Unit, error) {
	if _, err := atCounter(a); err != nil {
		return shebao.Unit{}, err
	}
	var u shebao.Unit
	err := s.Store.View(ctx, func(tx shebao.Tx) error {
		var err error
		u, err = tx.Unit(ctx, id)
		return err
	})
	return u, err
}

// ActFor returns the unit a clerk is to act for. Errors: EFORBIDDEN,
// ENOTFOUND, and EREFUSED (ReasonUnitSuspended) for a suspended unit: the
// clerk is told before typing a form, and nothing is written.
func (s *Service) ActFor(ctx context.Context, a shebao.Actor, unitID int64) (shebao.Unit, error) {
	u, err := s.Unit(ctx, a, unitID)
	if err != nil {
		return u, err
	}
	if u.Status != shebao.UnitActive {
		return u, shebao.Refused(ReasonUnitSuspended, u.Name)
	}
	return u, nil
}
