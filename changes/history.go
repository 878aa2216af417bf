package changes

import (
	"context"

	"shebao"
	"shebao/catalogue"
)

// History is one page of an entity's field history.
type History struct {
	Changes []shebao.FieldChange
	Total   int
}

// UnitHistory returns the field history of the unit a acts for, newest first.
func (s *Service) UnitHistory(ctx context.Context, a shebao.Actor, unitID int64, limit, offset int) (History, error) {
	id, err := a.ActFor(unitID)
	if err != nil {
		return History{}, err
	}
	var h History
	err = s.Store.View(ctx, func(tx shebao.Tx) error {
		h.Changes, h.Total, err = tx.FieldChanges(ctx, shebao.EntityUnit, id, clamp(limit), offset)
		return err
	})
	return h, err
}

// PersonHistory returns the field history of a person insured by the unit a
// acts for, newest first. Errors: those of catalogue.PersonOfUnit.
func (s *Service) PersonHistory(ctx context.Context, a shebao.Actor, unitID int64, idNumber string, limit, offset int) (shebao.Person, History, error) {
	id, err := a.ActFor(unitID)
	if err != nil {
		return shebao.Person{}, History{}, err
	}
	var h History
	var p shebao.Person
	err = s.Store.View(ctx, func(tx shebao.Tx) error {
		if p, _, err = catalogue.PersonOfUnit(ctx, tx, id, idNumber, shebao.Today(s.Clock)); err != nil {
			return err
		}
		h.Changes, h.Total, err = tx.FieldChanges(ctx, shebao.EntityPerson, p.ID, clamp(limit), offset)
		return err
	})
	return p, h, err
}

func clamp(n int) int {
	if n <= 0 || n > 200 {
		return 50
	}
	return n
}
