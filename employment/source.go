package employment

import (
	"context"

	"shebao"
)

// Source answers which employment registrations a person has: the one
// question the handling engine asks of the employment service. Local reads
// the copies that imports and pushes keep in shebao's database; Remote asks
// a remote employment service at the moment of handling.
type Source interface {
	// Registrations returns the registrations of the person with the given
	// (normalised) ID number with any unit shebao knows, newest
	// RegisteredOn first; none for a person shebao does not know. A remote
	// source that does not answer in time returns an EREFUSED error with
	// ReasonUnavailable.
	Registrations(ctx context.Context, idNumber string) ([]shebao.Registration, error)
}

// Local is the Source of the registrations stored in shebao's database.
type Local struct {
	Store shebao.Store
}

var _ Source = Local{}

// Registrations returns the person's stored registrations.
func (l Local) Registrations(ctx context.Context, idNumber string) ([]shebao.Registration, error) {
	var regs []shebao.Registration
	err := l.Store.View(ctx, func(tx shebao.Tx) error {
		p, err := tx.PersonByIDNumber(ctx, idNumber)
		if shebao.ErrorCode(err) == shebao.ENOTFOUND {
			return nil
		}
		if err != nil {
			return err
		}
		regs, err = tx.Registrations(ctx, p.ID)
		return err
	})
	return regs, err
}
