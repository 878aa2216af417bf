package handling

import (
	"context"

	"shebao"
	"shebao/billing"
	"shebao/rules"
)

// notFound is the answer for anything the actor may not see: an operator
// cannot tell another unit's item from one that does not exist.
func notFound() error { return &shebao.Error{Code: shebao.ENOTFOUND, Reason: shebao.ReasonNotFound} }

// Item returns one item by id, if a may see it. Errors: ENOTFOUND.
func (s *Service) Item(ctx context.Context, a shebao.Actor, id int64) (shebao.Item, error) {
	var it shebao.Item
	err := s.Store.View(ctx, func(tx shebao.Tx) error {
		var err error
		it, err = tx.Item(ctx, id)
		return err
	})
	if err != nil {
		return shebao.Item{}, err
	}
	if !a.MaySee(it.UnitID) {
		return shebao.Item{}, notFound()
	}
	return a.DiscloseItem(it), nil
}

// Items lists the items a may see that match f, newest first, with their
// count as tx.Items makes it: exact up to f.Offset + shebao.CountCap,
// beyond that one more (shebao.CountOf reads it). An operator's filter is
// always narrowed to the own unit.
func (s *Service) Items(ctx context.Context, a shebao.Actor, f shebao.ItemFilter) ([]shebao.Item, int, error) {
	if a.Role == shebao.RoleOperator {
		f.UnitID = a.UnitID
	}
	if !a.MaySee(f.UnitID) {
		return nil, 0, &shebao.Error{Code: shebao.EFORBIDDEN, Reason: shebao.ReasonForbidden}
	}
	f.Limit = shebao.PageLimit(f.Limit)
	var items []shebao.Item
	var total int
	var err error
	if l, ok := s.Store.(itemLister); ok {
		items, total, err = l.ItemsNow(ctx, f)
	} else {
		err = s.Store.View(ctx, func(tx shebao.Tx) error {
			items, total, err = tx.Items(ctx, f)
			return err
		})
	}
	a.DiscloseItems(items)
	return items, total, err
}

// itemLister is a Store that lists items by a single statement, without a
// read transaction of its own (sqldb.DB; docs/PERFORMANCE.md, "Item lists").
type itemLister interface {
	ItemsNow(ctx context.Context, f shebao.ItemFilter) ([]shebao.Item, int, error)
}

// Roster lists a unit's insured employees, filtered by q (name or part of
// the ID number), with the total count.
func (s *Service) Roster(ctx context.Context, a shebao.Actor, unitID int64, q string, limit, offset int) ([]shebao.RosterEntry, int, error) {
	if a.Role == shebao.RoleOperator {
		unitID = a.UnitID
	}
	if !a.MaySee(unitID) || unitID == 0 {
		return nil, 0, notFound()
	}
	var rows []shebao.RosterEntry
	var total int
	err := s.Store.View(ctx, func(tx shebao.Tx) error {
		var err error
		if rows, total, err = tx.Roster(ctx, unitID, q, shebao.PageLimit(limit), offset); err != nil {
			return err
		}
		return basesInForce(ctx, tx, shebao.Today(s.Clock), unitID, rows)
	})
	return rows, total, err
}

// basesInForce sets each roster entry's Base to the base the bill of the
// current business period uses: the base in force then (tx.UnitBases: the
// newest base declaration from then or before, else the coverage's base)
// clamped to that year's floor and ceiling. Without a policy for the year
// the stored bases stay, with BasePeriod 0.
func basesInForce(ctx context.Context, tx shebao.Tx, today shebao.Date, unitID int64, rows []shebao.RosterEntry) error {
	if len(rows) == 0 {
		return nil
	}
	cur, err := shebao.BusinessPeriod(ctx, tx, today)
	if err != nil {
		return err
	}
	pol, err := billing.PolicyFor(ctx, tx, cur.Year())
	if shebao.ErrorCode(err) == shebao.EREFUSED {
		return nil
	} else if err != nil {
		return err
	}
	bases, err := tx.UnitBases(ctx, unitID, cur)
	if err != nil {
		return err
	}
	inForce := make(map[int64]shebao.Fen, len(bases))
	for _, b := range bases {
		inForce[b.Person.ID] = b.Base
	}
	for i := range rows {
		if b, ok := inForce[rows[i].Person.ID]; ok {
			rows[i].Base = rules.ClampBase(b, pol.BaseFloor, pol.BaseCeiling).Base
			rows[i].BasePeriod = cur
		}
	}
	return nil
}

// Unit returns a unit the actor may see.
func (s *Service) Unit(ctx context.Context, a shebao.Actor, id int64) (shebao.Unit, error) {
	if !a.MaySee(id) {
		return shebao.Unit{}, notFound()
	}
	var u shebao.Unit
	err := s.Store.View(ctx, func(tx shebao.Tx) error {
		var err error
		u, err = tx.Unit(ctx, id)
		return err
	})
	return u, err
}
