package declaration

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"slices"
	"strconv"
	"strings"
	"time"

	"shebao"
	"shebao/rules"
)

// Service declares bases.
type Service struct {
	Store shebao.Store
	Clock shebao.Clock
	Log   *slog.Logger
}

// Entry is one employee's declaration as typed: on the form (Row 0) or in a
// row of the upload. Name is checked against the person's record when given.
type Entry struct {
	Row      int
	IDNumber string
	Name     string
	Wage     string
}

// Line is a declaration that was applied: the base with its clamp, the
// base it replaces, and the person's monthly total before and after.
type Line struct {
	Row        int
	Person     shebao.Person
	Base       rules.BaseResult
	OldBase    shebao.Fen
	OldMonthly shebao.Fen // employer + employee, all the person's insurance types
	NewMonthly shebao.Fen
	Item       shebao.Item
}

// Result is what a declaration did: the lines applied, the rows refused,
// and the unit's monthly bill (employer + employee, every insured employee)
// at the window's FromPeriod before and after.
type Result struct {
	Unit    shebao.Unit
	Window  Window
	Lines   []Line
	Errors  []RowError
	OldBill shebao.Fen
	NewBill shebao.Fen
}

// CurrentWindow returns the declaration window that today falls in, or,
// when none is open, the current year's, so that a page can say when it
// opens or when it closed. ok reports whether it is open.
func (s *Service) CurrentWindow(ctx context.Context) (w Window, p shebao.Policy, ok bool, err error) {
	today := shebao.Today(s.Clock)
	err = s.Store.View(ctx, func(tx shebao.Tx) error {
		p, err = windowPolicy(ctx, tx, today)
		return err
	})
	if err != nil {
		return Window{}, shebao.Policy{}, false, err
	}
	w = WindowOf(p)
	return w, p, w.Open(today), nil
}

// windowPolicy returns the policy whose window contains today: the
// current year's, or next year's when its window is already open (an
// office may open it in December); else the current year's.
func windowPolicy(ctx context.Context, tx shebao.Tx, today shebao.Date) (shebao.Policy, error) {
	cur, err := tx.Policy(ctx, today.Year())
	if err != nil {
		return shebao.Policy{}, err
	}
	if !WindowOf(cur).Open(today) {
		if next, err := tx.Policy(ctx, today.Year()+1); err == nil && WindowOf(next).Open(today) {
			return next, nil
		}
	}
	return cur, nil
}

// Declare declares one employee's wage (the per-person form). A refused
// entry comes back in Result.Errors with Row 0. Errors: EREFUSED
// (ReasonWindowClosed) outside the window; EFORBIDDEN; ENOTFOUND.
func (s *Service) Declare(ctx context.Context, a shebao.Actor, unitID int64, e Entry) (Result, error) {
	e.Row = 0
	return s.declare(ctx, a, unitID, []Entry{e}, nil)
}

// Upload declares every row of an .xlsx upload (see ParseSheet): good rows
// apply, bad rows are listed with the row, the column and the reason.
// Errors: EINVALID (field "file") for a file refused as a whole, EREFUSED
// outside the window, EFORBIDDEN, ENOTFOUND.
func (s *Service) Upload(ctx context.Context, a shebao.Actor, unitID int64, r io.Reader) (Result, error) {
	if _, err := unitFor(a, unitID); err != nil {
		return Result{}, err
	}
	data, err := ReadUpload(r)
	if err != nil {
		return Result{}, err
	}
	rows, bad, err := ParseSheet(data)
	if err != nil {
		return Result{}, err
	}
	if len(rows) == 0 && len(bad) == 0 {
		return Result{}, shebao.Invalid("file", ReasonSheetEmpty)
	}
	entries := make([]Entry, len(rows))
	for i, r := range rows {
		entries[i] = Entry{Row: r.Row, IDNumber: r.IDNumber, Name: r.Name, Wage: r.Wage}
	}
	return s.declare(ctx, a, unitID, entries, bad)
}

// unitFor returns the unit an actor declares for: an operator's own unit;
// the given one for a clerk or an admin.
func unitFor(a shebao.Actor, unitID int64) (int64, error) {
	switch {
	case a.Role == shebao.RoleOperator && a.UnitID != 0:
		return a.UnitID, nil
	case a.Role == shebao.RoleClerk || a.Role == shebao.RoleAdmin:
		if unitID == 0 {
			return 0, shebao.Invalid("unit", shebao.ReasonRequired)
		}
		return unitID, nil
	}
	return 0, &shebao.Error{Code: shebao.EFORBIDDEN, Reason: shebao.ReasonForbidden}
}

func (s *Service) declare(ctx context.Context, a shebao.Actor, unitID int64, entries []Entry, bad []RowError) (Result, error) {
	unitID, err := unitFor(a, unitID)
	if err != nil {
		return Result{}, err
	}
	var res Result
	for attempt := 0; attempt < 3; attempt++ {
		err = s.Store.InTx(ctx, func(tx shebao.Tx) error {
			var e error
			res, e = s.declareTx(ctx, tx, a, unitID, entries)
			return e
		})
		if shebao.ErrorCode(err) != shebao.ECONFLICT {
			break
		}
	}
	if err != nil {
		return Result{}, err
	}
	res.Errors = append(bad, res.Errors...)
	sortErrors(res.Errors)
	return res, nil
}

// declareTx checks every entry against the unit's insured employees and
// applies the good ones: an item, the declaration and an audit entry each.
func (s *Service) declareTx(ctx context.Context, tx shebao.Tx, a shebao.Actor, unitID int64, entries []Entry) (Result, error) {
	now := s.Clock.Now()
	today := shebao.DateOf(now)
	unit, err := tx.Unit(ctx, unitID)
	if err != nil {
		return Result{}, shebao.WithField(err, "unit")
	}
	pol, err := windowPolicy(ctx, tx, today)
	if err != nil {
		return Result{}, err
	}
	res := Result{Unit: unit, Window: WindowOf(pol)}
	if !res.Window.Open(today) {
		return Result{}, res.Window.Refusal()
	}
	if unit.Status != shebao.UnitActive {
		return Result{}, shebao.Refused(shebao.ReasonUnitSuspended)
	}
	injuryFloat, err := tx.UnitInjuryFloat(ctx, unitID, pol.Year)
	if err != nil {
		return Result{}, err
	}
	staff, err := tx.UnitBases(ctx, unitID, res.Window.FromPeriod)
	if err != nil {
		return Result{}, err
	}
	byID := make(map[string]int, len(staff))
	for i, b := range staff {
		byID[b.Person.IDNumber] = i
		res.OldBill += Monthly(b.Base, b.Insurances, pol, unit.RiskClass, injuryFloat)
	}
	newBases := map[int]shebao.Fen{}
	seen := map[string]int{}
	for _, e := range entries {
		id, wage, rerr := checkEntry(e, pol, today)
		if rerr == nil {
			rerr = checkPerson(e, id, seen, byID, staff)
		}
		if rerr != nil {
			res.Errors = append(res.Errors, *rerr)
			continue
		}
		seen[id] = e.Row
		b := staff[byID[id]]
		line := Line{Row: e.Row, Person: b.Person, Base: rules.ClampBase(wage, pol.BaseFloor, pol.BaseCeiling),
			OldBase: b.Base, OldMonthly: Monthly(b.Base, b.Insurances, pol, unit.RiskClass, injuryFloat)}
		line.NewMonthly = Monthly(line.Base.Base, b.Insurances, pol, unit.RiskClass, injuryFloat)
		if err := apply(ctx, tx, a, unit, res.Window, &line, now); err != nil {
			return Result{}, err
		}
		newBases[byID[id]] = line.Base.Base
		res.Lines = append(res.Lines, line)
	}
	for i, b := range staff {
		base, ok := newBases[i]
		if !ok {
			base = b.Base
		}
		res.NewBill += Monthly(base, b.Insurances, pol, unit.RiskClass, injuryFloat)
	}
	return res, nil
}

// checkPerson checks that an entry names an insured employee of the unit,
// once, under the name on record.
func checkPerson(e Entry, id string, seen map[string]int, byID map[string]int, staff []shebao.PersonBase) *RowError {
	if first, dup := seen[id]; dup {
		return &RowError{Row: e.Row, Column: HeaderIDNumber, Reason: ReasonDuplicateRow, Args: []string{strconv.Itoa(first)}}
	}
	i, ok := byID[id]
	if !ok {
		return &RowError{Row: e.Row, Column: HeaderIDNumber, Reason: ReasonNotInsuredHere}
	}
	if name := strings.TrimSpace(e.Name); name != "" && name != staff[i].Person.Name {
		return &RowError{Row: e.Row, Column: HeaderName, Reason: ReasonNameMismatch}
	}
	return nil
}

// apply writes one declaration: an approved declare item, the base from
// the window's FromPeriod, and the audit entry.
func apply(ctx context.Context, tx shebao.Tx, a shebao.Actor, u shebao.Unit, w Window, l *Line, now time.Time) error {
	payload, _ := json.Marshal(map[string]any{"year": w.Year, "from_period": w.FromPeriod.String(),
		"clamp": l.Base.Clamp, "old_base": int64(l.OldBase), "row": l.Row})
	it := shebao.Item{Type: shebao.ItemDeclare, UnitID: u.ID, PersonID: l.Person.ID, IDNumber: l.Person.IDNumber,
		Channel: a.Channel, Terminal: a.Terminal, Period: w.FromPeriod, Status: shebao.StatusApproved,
		Wage: l.Base.Wage, Base: l.Base.Base, Payload: string(payload), CreatedBy: a.AccountID,
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
		"clamp": l.Base.Clamp, "old_base": int64(l.OldBase)})
	e.Detail = string(detail)
	l.Item = it
	return tx.Audit(ctx, e)
}

// sortErrors orders row errors by row, keeping each row's order.
func sortErrors(es []RowError) {
	slices.SortStableFunc(es, func(a, b RowError) int { return a.Row - b.Row })
}
