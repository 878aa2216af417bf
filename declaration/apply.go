package declaration

import (
	"context"
	"encoding/json"
	"slices"
	"time"

	"shebao"
	"shebao/rules"
)

// applyTx replays the entries whose ClientKey already has an item, then,
// unless the window is closed or the unit suspended, checks the others and
// writes the good ones.
func (s *Service) applyTx(ctx context.Context, tx shebao.Tx, a shebao.Actor, unitID int64, entries []Entry) (Result, error) {
	now := s.Clock.Now()
	c, err := newChecker(ctx, tx, unitID, a.OnItsChannel().Channel, shebao.DateOf(now))
	if err != nil {
		return Result{}, err
	}
	var lines []Line
	var fresh []Entry
	for _, e := range entries {
		l, found, err := c.replay(ctx, tx, e)
		if err != nil {
			return Result{}, err
		}
		if found {
			lines = append(lines, l)
		} else {
			fresh = append(fresh, e)
		}
	}
	if len(fresh) > 0 || len(entries) == 0 {
		if err := c.refusal(); err != nil {
			return Result{}, err
		}
	}
	var errs []RowError
	for _, e := range fresh {
		l, rerr := c.check(e)
		if rerr != nil {
			errs = append(errs, *rerr)
			continue
		}
		if err := write(ctx, tx, a, c, &l, e.ClientKey, now); err != nil {
			return Result{}, err
		}
		lines = append(lines, l)
	}
	slices.SortStableFunc(lines, func(a, b Line) int { return a.Row - b.Row })
	return c.result(lines, errs), nil
}

// payload is the Payload of a declare item.
type payload struct {
	Year       int         `json:"year"`
	FromPeriod string      `json:"from_period"`
	Clamp      rules.Clamp `json:"clamp"`
	OldBase    int64       `json:"old_base"`
	Row        int         `json:"row"`
	// LegacyID is shebao.ItemNotes' key: the item states the conversion.
	LegacyID string `json:"legacy_id,omitempty"`
}

// replay finds the item an entry's ClientKey made before, and returns its
// line. found is false for an entry without a key or with a new one.
func (c *checker) replay(ctx context.Context, tx shebao.Tx, e Entry) (l Line, found bool, err error) {
	if e.ClientKey == "" {
		return Line{}, false, nil
	}
	it, err := tx.ItemByClientKey(ctx, c.unit.ID, e.ClientKey)
	if shebao.ErrorCode(err) == shebao.ENOTFOUND {
		return Line{}, false, nil
	}
	if err != nil {
		return Line{}, false, err
	}
	if it.Type != shebao.ItemDeclare {
		return Line{}, false, shebao.Errorf(shebao.ECONFLICT, shebao.ReasonConflict,
			"client key %q of unit %d is a %s item", e.ClientKey, c.unit.ID, it.Type)
	}
	var p payload
	_ = json.Unmarshal([]byte(it.Payload), &p) // an unreadable payload leaves the clamp and old base unknown
	br := rules.BaseResult{Wage: it.Wage, Base: it.Base, Floor: c.pol.BaseFloor, Ceiling: c.pol.BaseCeiling, Clamp: p.Clamp}
	if i, ok := c.byID[it.IDNumber]; ok {
		l = c.line(e.Row, c.staff[i], br, shebao.Fen(p.OldBase))
	} else {
		l = Line{Row: e.Row, Person: shebao.Person{ID: it.PersonID, IDNumber: it.IDNumber, Name: it.PersonName},
			Base: br, OldBase: shebao.Fen(p.OldBase)}
	}
	it.Replayed = true
	l.Item, l.LegacyID = it, p.LegacyID
	c.seen[it.IDNumber] = e.Row
	return l, true, nil
}

// write applies one checked line: an approved declare item with the
// entry's ClientKey, the base from the window's FromPeriod, and the audit
// entry. It sets l.Item.
func write(ctx context.Context, tx shebao.Tx, a shebao.Actor, c *checker, l *Line, key string, now time.Time) error {
	u, w := c.unit, c.window
	data, _ := json.Marshal(payload{Year: w.Year, FromPeriod: w.FromPeriod.String(), Clamp: l.Base.Clamp,
		OldBase: int64(l.OldBase), Row: l.Row, LegacyID: l.LegacyID})
	it := shebao.Item{Type: shebao.ItemDeclare, UnitID: u.ID, PersonID: l.Person.ID, IDNumber: l.Person.IDNumber,
		Channel: a.Channel, Terminal: a.Terminal, Period: w.FromPeriod, Status: shebao.StatusApproved,
		Wage: l.Base.Wage, Base: l.Base.Base, Payload: string(data), ClientKey: key, CreatedBy: a.AccountID,
		CreatedAt: now, DecidedAt: now, UnitName: u.Name, PersonName: l.Person.Name}
	if err := tx.InsertItem(ctx, &it); err != nil {
		return err
	}
	d := shebao.BaseDeclaration{UnitID: u.ID, PersonID: l.Person.ID, Year: w.Year, FromPeriod: w.FromPeriod,
		Wage: l.Base.Wage, Base: l.Base.Base, Clamp: string(l.Base.Clamp), Source: shebao.DeclaredByUnit,
		ItemID: it.ID, DeclaredAt: now}
	if err := tx.PutDeclaration(ctx, &d); err != nil {
		return err
	}
	e := shebao.AuditFor(a, now, "item.declare")
	e.UnitID, e.PersonID, e.ItemID = u.ID, l.Person.ID, it.ID
	detail, _ := json.Marshal(map[string]any{"receipt": it.Receipt, "year": w.Year,
		"from_period": w.FromPeriod.String(), "wage": int64(l.Base.Wage), "base": int64(l.Base.Base),
		"clamp": l.Base.Clamp, "old_base": int64(l.OldBase), "client_key": key})
	e.Detail = string(detail)
	l.Item = it
	return tx.Audit(ctx, e)
}
