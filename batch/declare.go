package batch

import (
	"context"

	"shebao"
	"shebao/declaration"
)

// A base declaration batch goes through package declaration, not through
// the handling engine: its dry run is declaration's Check of every row
// together (one read of the unit's employees), and its apply is
// declaration's Apply of a chunk of rows at a time, each row with its
// ClientKey, so that a repeated or resumed apply makes one item per row.

// declareEntry is the declaration entry of a batch row: the wage as exact
// yuan, which declaration parses back to the same fen.
func declareEntry(r shebao.BatchRow) declaration.Entry {
	return declaration.Entry{Row: r.Row, IDNumber: typedID(r), Name: r.Name, Wage: r.Wage.Yuan()}
}

// checkDeclare checks the rows out[i] for i in todo with declaration's
// Check, in place: a good row becomes RowOK with the base it would have
// from the window's first month, the clamp, and the change of the unit's
// monthly contributions; a bad one refused or malformed with the reason.
// Outside the window (or for a suspended unit) every such row is refused.
func (s *Service) checkDeclare(ctx context.Context, a shebao.Actor, unitID int64, out []shebao.BatchRow, todo []int) error {
	if len(todo) == 0 {
		return nil
	}
	entries := make([]declaration.Entry, len(todo))
	for j, i := range todo {
		entries[j] = declareEntry(out[i])
	}
	res, err := s.Declaration.Check(ctx, a, unitID, entries)
	if shebao.ErrorCode(err) == shebao.EREFUSED {
		e := shebao.AsError(err)
		for _, i := range todo {
			out[i] = refused(out[i], e.Reason, e.Args...)
		}
		return nil
	}
	if err != nil {
		return err
	}
	lines, errs := byRow(res)
	for _, i := range todo {
		r := &out[i]
		if l, ok := lines[r.Row]; ok {
			*r = declared(*r, l, res.Window.FromPeriod)
		} else if e, ok := errs[r.Row]; ok {
			*r = declareRefusal(*r, e)
		}
	}
	return nil
}

// declareRows applies the good rows of part with declaration's Apply in one
// transaction, updating them in place, and returns the rows it changed.
// When the window has closed (or the unit was suspended) since the dry run,
// the rows are applied one by one: a row applied before, found by its key,
// stands; the others are refused with the reason.
func (s *Service) declareRows(ctx context.Context, a shebao.Actor, b shebao.Batch, part []shebao.BatchRow) ([]shebao.BatchRow, error) {
	var entries []declaration.Entry
	for _, r := range part {
		if r.Outcome == shebao.RowOK {
			e := declareEntry(r)
			e.ClientKey = ClientKey(b.ID, r.Row)
			entries = append(entries, e)
		}
	}
	if len(entries) == 0 {
		return nil, nil
	}
	res, err := s.Declaration.Apply(ctx, a, b.UnitID, entries)
	if shebao.ErrorCode(err) == shebao.EREFUSED {
		res, err = s.declareEach(ctx, a, b.UnitID, entries)
	}
	if err != nil {
		return nil, err
	}
	lines, errs := byRow(res)
	var changed []shebao.BatchRow
	for i := range part {
		r := &part[i]
		if r.Outcome != shebao.RowOK {
			continue
		}
		if l, ok := lines[r.Row]; ok {
			*r = declared(*r, l, l.Item.Period)
			r.Outcome, r.ItemID, r.Receipt = shebao.RowApplied, l.Item.ID, l.Item.Receipt
		} else if e, ok := errs[r.Row]; ok {
			*r = declareRefusal(*r, e)
			r.Employer, r.Employee = 0, 0
		}
		changed = append(changed, *r)
	}
	return changed, nil
}

// declareEach applies entries one at a time, turning a refusal of the whole
// declaration (the window, the unit) into the entry's row error.
func (s *Service) declareEach(ctx context.Context, a shebao.Actor, unitID int64, entries []declaration.Entry) (declaration.Result, error) {
	var all declaration.Result
	for _, e := range entries {
		res, err := s.Declaration.Apply(ctx, a, unitID, []declaration.Entry{e})
		if shebao.ErrorCode(err) == shebao.EREFUSED {
			x := shebao.AsError(err)
			all.Errors = append(all.Errors, declaration.RowError{Row: e.Row, Reason: x.Reason, Args: x.Args})
			continue
		}
		if err != nil {
			return declaration.Result{}, err
		}
		all.Lines = append(all.Lines, res.Lines...)
		all.Errors = append(all.Errors, res.Errors...)
	}
	return all, nil
}

// byRow indexes a declaration result's lines and errors by row.
func byRow(res declaration.Result) (map[int]declaration.Line, map[int]declaration.RowError) {
	lines := make(map[int]declaration.Line, len(res.Lines))
	for _, l := range res.Lines {
		lines[l.Row] = l
	}
	errs := make(map[int]declaration.RowError, len(res.Errors))
	for _, e := range res.Errors {
		if _, ok := errs[e.Row]; !ok {
			errs[e.Row] = e
		}
	}
	return lines, errs
}

// declared is a row with what its declaration does: the base from period
// p with its clamp, and the change of the monthly contributions.
func declared(r shebao.BatchRow, l declaration.Line, p shebao.Period) shebao.BatchRow {
	r.Outcome, r.Column, r.Reason, r.Args = shebao.RowOK, "", "", nil
	r.PersonID, r.Period = l.Person.ID, p
	r.Base, r.Clamp = l.Base.Base, string(l.Base.Clamp)
	r.Employer, r.Employee = l.Change.Employer, l.Change.Employee
	return r
}

// declareRefusal is a row with a declaration's row error: refused when a
// fact of the person, the unit or the window is against it; malformed
// (with the column) when the cells are.
func declareRefusal(r shebao.BatchRow, e declaration.RowError) shebao.BatchRow {
	switch e.Reason {
	case declaration.ReasonNotInsuredHere, declaration.ReasonNameMismatch, declaration.ReasonWindowClosed,
		shebao.ReasonUnitSuspended:
		return refused(r, e.Reason, e.Args...)
	}
	return malformed(r, e.Column, e.Reason, e.Args...)
}
