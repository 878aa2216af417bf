package declaration

import (
	"context"
	"strconv"
	"strings"

	"shebao"
	"shebao/rules"
)

// checker holds what checking one unit's declarations needs, read once in
// a transaction: the unit, the window's policy, the unit's floating injury
// rate, and its insured employees with the base in force at the window's
// FromPeriod. Its check reads and writes nothing: the same checker serves
// the check-only Check and the writing Apply.
type checker struct {
	unit   shebao.Unit
	pol    shebao.Policy
	window Window
	ch     shebao.Channel
	today  shebao.Date
	float  int64
	staff  []shebao.PersonBase
	byID   map[string]int     // ID number → index in staff
	seen   map[string]int     // ID number → the row that declared the person first
	bases  map[int]shebao.Fen // index in staff → the base declared by this call
}

// newChecker reads a unit's facts for declaring today on channel ch (the
// declaring actor's: it decides how an ID number is read). It refuses nothing:
// refusal says whether anything may be declared. Errors: ENOTFOUND (field
// "unit"), and storage errors.
func newChecker(ctx context.Context, tx shebao.Tx, unitID int64, ch shebao.Channel, today shebao.Date) (*checker, error) {
	unit, err := tx.Unit(ctx, unitID)
	if err != nil {
		return nil, shebao.WithField(err, "unit")
	}
	window, pol, err := windowAt(ctx, tx, today)
	if err != nil {
		return nil, err
	}
	c := &checker{unit: unit, pol: pol, window: window, ch: ch, today: today,
		byID: map[string]int{}, seen: map[string]int{}, bases: map[int]shebao.Fen{}}
	if c.float, err = tx.UnitInjuryFloat(ctx, unitID, pol.Year); err != nil {
		return nil, err
	}
	if c.staff, err = tx.UnitBases(ctx, unitID, c.window.FromPeriod); err != nil {
		return nil, err
	}
	for i, b := range c.staff {
		c.byID[b.Person.IDNumber] = i
	}
	return c, nil
}

// refusal returns why nothing can be declared today (EREFUSED: the window
// is closed, or the unit is suspended), or nil.
func (c *checker) refusal() error {
	if !c.window.Open(c.today) {
		return c.window.Refusal()
	}
	if c.unit.Status != shebao.UnitActive {
		return shebao.Refused(shebao.ReasonUnitSuspended)
	}
	return nil
}

// check checks one entry: the ID number's form, the wage (ParseWage against
// the year's ceiling), the person insured at the unit under the name on
// record and not declared before in this call. It returns the line the
// entry declares (the clamped base, the old base, the person's monthly
// total before and after; no item yet), or the row error. The entry is
// remembered, so that the same person again is refused naming its row.
func (c *checker) check(e Entry) (Line, *RowError) {
	parsed, wage, rerr := checkEntry(e, c.pol, c.ch, c.today)
	if rerr != nil {
		return Line{}, rerr
	}
	id := parsed.Number
	if first, dup := c.seen[id]; dup {
		return Line{}, &RowError{Row: e.Row, Column: HeaderIDNumber, Reason: ReasonDuplicateRow, Args: []string{strconv.Itoa(first)}}
	}
	i, ok := c.byID[id]
	if !ok {
		return Line{}, &RowError{Row: e.Row, Column: HeaderIDNumber, Reason: ReasonNotInsuredHere}
	}
	b := c.staff[i]
	if name := strings.TrimSpace(e.Name); name != "" && !shebao.SameName(name, b.Person.Name) {
		return Line{}, &RowError{Row: e.Row, Column: HeaderName, Reason: ReasonNameMismatch}
	}
	br := rules.ClampBase(wage, c.pol.BaseFloor, c.pol.BaseCeiling)
	c.seen[id], c.bases[i] = e.Row, br.Base
	l := c.line(e.Row, b, br, b.Base)
	l.LegacyID = parsed.Legacy
	return l, nil
}

// line returns the line of a person declared at base br, replacing oldBase.
func (c *checker) line(row int, b shebao.PersonBase, br rules.BaseResult, oldBase shebao.Fen) Line {
	l := Line{Row: row, Person: b.Person, Base: br, OldBase: oldBase}
	old, neu := c.share(b, oldBase), c.share(b, br.Base)
	l.OldMonthly, l.NewMonthly = old.Total(), neu.Total()
	l.Change = rules.Share{Employer: neu.Employer - old.Employer, Employee: neu.Employee - old.Employee}
	return l
}

// share is a person's monthly contribution at base, at the window's policy.
func (c *checker) share(b shebao.PersonBase, base shebao.Fen) rules.Share {
	return MonthlyShare(base, b.Insurances, c.pol, c.unit.RiskClass, c.float)
}

// result returns a Result of the given lines and errors, with the unit's
// monthly bill before and after the bases this call declared.
func (c *checker) result(lines []Line, errs []RowError) Result {
	res := Result{Unit: c.unit, Window: c.window, Lines: lines, Errors: errs}
	for i, b := range c.staff {
		res.OldBill += Monthly(b.Base, b.Insurances, c.pol, c.unit.RiskClass, c.float)
		base, ok := c.bases[i]
		if !ok {
			base = b.Base
		}
		res.NewBill += Monthly(base, b.Insurances, c.pol, c.unit.RiskClass, c.float)
	}
	return res
}
