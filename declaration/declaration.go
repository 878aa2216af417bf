package declaration

import (
	"context"
	"io"
	"log/slog"
	"slices"
	"strconv"
	"unicode/utf8"

	"shebao"
	"shebao/rules"
)

// MaxClientKey bounds an entry's idempotency key, in characters.
const MaxClientKey = 64

// Service declares bases.
type Service struct {
	Store shebao.Store
	Clock shebao.Clock
	Log   *slog.Logger
}

// Entry is one employee's declaration as typed: on the form (Row 0), in a
// row of the upload, or in a row of a batch (package batch). Name is
// checked against the person's record when given. ClientKey, when set,
// makes the entry idempotent: an entry applied again with a key the unit
// already used returns the item made the first time and writes nothing.
type Entry struct {
	Row       int
	IDNumber  string
	Name      string
	Wage      string
	ClientKey string
}

// Line is a declaration checked or applied: the base with its clamp, the
// base it replaces, the person's monthly total before and after, and the
// change of the monthly contributions by side. Item is set once applied
// (Item.Replayed when an earlier apply with the same ClientKey made it).
type Line struct {
	Row        int
	Person     shebao.Person
	Base       rules.BaseResult
	OldBase    shebao.Fen
	OldMonthly shebao.Fen  // employer + employee, all the person's insurance types
	NewMonthly shebao.Fen  //
	Change     rules.Share // new − old, employer and employee apart
	// LegacyID is the legacy 15-digit ID number a clerk typed, which the
	// person's number was converted from; the item states it
	// (shebao.ItemNotes).
	LegacyID string
	Item     shebao.Item
}

// Result is what a declaration did (Apply) or would do (Check): the lines,
// the rows refused, and the unit's monthly bill (employer + employee, every
// insured employee) at the window's FromPeriod before and after.
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
		w, p, err = windowAt(ctx, tx, today)
		return err
	})
	if err != nil {
		return Window{}, shebao.Policy{}, false, err
	}
	return w, p, w.Open(today), nil
}

// windowAt returns the window and the policy of a declaration made today,
// its bases taking effect from the year's base month or today's business
// period (shebao.BusinessPeriod), whichever is later.
func windowAt(ctx context.Context, tx shebao.Tx, today shebao.Date) (Window, shebao.Policy, error) {
	p, err := windowPolicy(ctx, tx, today)
	if err != nil {
		return Window{}, p, err
	}
	cur, err := shebao.BusinessPeriod(ctx, tx, today)
	if err != nil {
		return Window{}, p, err
	}
	return WindowOf(p).at(cur), p, nil
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

// Declare declares one employee's wage (the per-person form), with the
// entry's ClientKey (a double click makes one item). A refused entry comes
// back in Result.Errors. Errors: those of Apply.
func (s *Service) Declare(ctx context.Context, a shebao.Actor, unitID int64, e Entry) (Result, error) {
	return s.Apply(ctx, a, unitID, []Entry{e})
}

// Upload declares every row of an .xlsx upload (see ParseSheet): good rows
// apply, bad rows are listed with the row, the column and the reason.
// Errors: EINVALID (field "file") for a file refused as a whole, and those
// of Apply.
func (s *Service) Upload(ctx context.Context, a shebao.Actor, unitID int64, r io.Reader) (Result, error) {
	if _, err := a.ActFor(unitID); err != nil {
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
	res, err := s.Apply(ctx, a, unitID, entries)
	if err != nil {
		return Result{}, err
	}
	res.Errors = append(bad, res.Errors...)
	sortErrors(res.Errors)
	return res, nil
}

// Check is the declaration of entries without writing anything (the dry
// run of a batch): each entry is checked as Apply would check it now, and
// comes back as a Line without an item or as a RowError; the bill before
// and after is the one Apply would give. Errors: EREFUSED
// (ReasonWindowClosed, ReasonUnitSuspended), EFORBIDDEN, ENOTFOUND.
func (s *Service) Check(ctx context.Context, a shebao.Actor, unitID int64, entries []Entry) (Result, error) {
	unitID, err := a.ActFor(unitID)
	if err != nil {
		return Result{}, err
	}
	var res Result
	err = s.Store.View(ctx, func(tx shebao.Tx) error {
		c, err := newChecker(ctx, tx, unitID, a.OnItsChannel().Channel, shebao.Today(s.Clock))
		if err != nil {
			return err
		}
		if err := c.refusal(); err != nil {
			return err
		}
		var lines []Line
		var errs []RowError
		for _, e := range entries {
			l, rerr := c.check(e)
			if rerr != nil {
				errs = append(errs, *rerr)
				continue
			}
			lines = append(lines, l)
		}
		res = c.result(lines, errs)
		return nil
	})
	if err != nil {
		return Result{}, err
	}
	sortErrors(res.Errors)
	return res, nil
}

// Apply checks entries and applies the good ones in one transaction: an
// approved declare item (with the entry's ClientKey), the declaration and
// an audit entry each. Refused entries come back in Result.Errors and
// write nothing. An entry whose ClientKey already has an item comes back
// as that item's line (Item.Replayed), even once the window has closed.
// Errors: EREFUSED (ReasonWindowClosed, ReasonUnitSuspended) when an entry
// would need to be declared now and cannot be (nothing is written);
// EFORBIDDEN; ENOTFOUND.
func (s *Service) Apply(ctx context.Context, a shebao.Actor, unitID int64, entries []Entry) (Result, error) {
	unitID, err := a.ActFor(unitID)
	if err != nil {
		return Result{}, err
	}
	for _, e := range entries {
		if utf8.RuneCountInString(e.ClientKey) > MaxClientKey {
			return Result{}, shebao.Invalid("client_key", shebao.ReasonTooLong, strconv.Itoa(MaxClientKey))
		}
	}
	var res Result
	// A conflict means another request used one of these keys since we
	// read: try again, and the next attempt finds its item.
	err = shebao.Retry(func() error {
		return s.Store.InTx(ctx, func(tx shebao.Tx) error {
			var e error
			res, e = s.applyTx(ctx, tx, a, unitID, entries)
			return e
		})
	})
	if err != nil {
		return Result{}, err
	}
	sortErrors(res.Errors)
	return res, nil
}

// sortErrors orders row errors by row, keeping each row's order.
func sortErrors(es []RowError) {
	slices.SortStableFunc(es, func(a, b RowError) int { return a.Row - b.Row })
}
