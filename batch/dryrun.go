package batch

import (
	"context"
	"strconv"

	"shebao"
	"shebao/billing"
	"shebao/handling"
)

// DryRun checks rows of a batch of kind k as they would be decided now,
// writing nothing. An enrollment or stop row goes through handling.Preview
// (the engine's own rules); it comes back RowOK with the period, the base
// and its clamp and what it adds to (enrollment) or removes from (stop) the
// unit's monthly contributions, or RowRefused with the engine's reason. The
// rows of a base declaration go through declaration's Check together
// (checkDeclare). The second row with an ID number already seen in the
// file is malformed. Errors: those of Preview or Check that are not about
// a row (EFORBIDDEN, ENOTFOUND unit, EINTERNAL).
func (s *Service) DryRun(ctx context.Context, a shebao.Actor, unitID int64, k shebao.BatchKind, rows []shebao.BatchRow) ([]shebao.BatchRow, error) {
	out := make([]shebao.BatchRow, len(rows))
	seen := map[string]int{}
	var todo []int // the rows to check
	for i, r := range rows {
		out[i] = r
		if r.Outcome == shebao.RowMalformed {
			continue
		}
		if first, dup := seen[r.IDNumber]; dup {
			out[i] = malformed(r, HeaderIDNumber, ReasonDuplicateID, strconv.Itoa(first))
			continue
		}
		seen[r.IDNumber] = r.Row
		todo = append(todo, i)
	}
	if k == shebao.BatchDeclare {
		return out, s.checkDeclare(ctx, a, unitID, out, todo)
	}
	costs := costBook{s: s, terms: map[int]costTerms{}}
	for _, i := range todo {
		checked, err := s.checkRow(ctx, a, unitID, rows[i], &costs)
		if err != nil {
			return nil, err
		}
		out[i] = checked
	}
	return out, nil
}

// request is the engine's request for a row.
func request(unitID int64, r shebao.BatchRow) handling.Request {
	return handling.Request{Type: r.Type, UnitID: unitID, IDNumber: typedID(r), Wage: r.Wage, StopReason: r.StopReason}
}

// typedID is the ID number as the row typed it: the legacy number a
// clerk's row was converted from, so that the engine converts it again and
// its item states the conversion as at the counter (docs/RULES.md#identifiers).
func typedID(r shebao.BatchRow) string {
	if r.LegacyID != "" {
		return r.LegacyID
	}
	return r.IDNumber
}

// checkRow previews one well-formed row.
func (s *Service) checkRow(ctx context.Context, a shebao.Actor, unitID int64, r shebao.BatchRow, costs *costBook) (shebao.BatchRow, error) {
	pv, err := s.Handling.Preview(ctx, a, request(unitID, r))
	if err != nil {
		if shebao.ErrorCode(err) == shebao.EINVALID && shebao.AsError(err).Field != "unit" {
			e := shebao.AsError(err)
			return malformed(r, columnOf(e.Field), e.Reason, e.Args...), nil
		}
		return r, err
	}
	r.PersonID = pv.Person.ID
	d := pv.Decision
	r.Period = d.Period
	switch {
	case pv.Person.ID == 0:
		return refused(r, shebao.ReasonPersonUnknown), nil
	case r.Name != "" && !shebao.SameName(r.Name, pv.Person.Name):
		e := a.Disclose(shebao.RefusedNaming(ReasonNameMismatch, ReasonNameDiffers, pv.Person.Name))
		return refused(r, e.Reason, e.Args...), nil
	case d.Refusal != nil:
		return refused(r, d.Refusal.Reason, d.Refusal.Args...), nil
	}
	r.Outcome = shebao.RowOK
	base := d.Base.Base
	if r.Type != shebao.ItemStop {
		r.Base, r.Clamp = base, string(d.Base.Clamp)
	} else if base, err = activeBase(ctx, s.Store, pv.Person.ID, unitID); err != nil {
		return r, err
	}
	employer, employee, err := costs.monthly(ctx, pv.Unit, d.Period, base)
	if err != nil {
		return r, err
	}
	if r.Type == shebao.ItemStop {
		employer, employee = -employer, -employee
	}
	r.Employer, r.Employee = employer, employee
	return r, nil
}

func refused(r shebao.BatchRow, reason string, args ...string) shebao.BatchRow {
	r.Outcome, r.Column, r.Reason, r.Args = shebao.RowRefused, "", reason, args
	return r
}

// columnOf names the column of an engine error's field.
func columnOf(field string) string {
	switch field {
	case "id_number":
		return HeaderIDNumber
	case "wage":
		return HeaderWage
	case "stop_reason":
		return HeaderStopReason
	case "type":
		return HeaderType
	}
	return ""
}

// activeBase returns the base of a person's active coverage at a unit (0
// when none): what a stop takes off the unit's monthly contributions.
func activeBase(ctx context.Context, store shebao.Store, personID, unitID int64) (shebao.Fen, error) {
	var base shebao.Fen
	err := store.View(ctx, func(tx shebao.Tx) error {
		cs, err := tx.Coverages(ctx, personID)
		for _, c := range cs {
			if c.UnitID == unitID && c.Status == shebao.CoverageActive && c.Base > base {
				base = c.Base
			}
		}
		return err
	})
	return base, err
}

// costBook computes monthly costs with billing.MonthlyCost, reading each
// period year's policy and the unit's floating injury rate once.
type costBook struct {
	s     *Service
	terms map[int]costTerms
}

type costTerms struct {
	policy   shebao.Policy
	unit     billing.UnitTerms
	noPolicy bool // the period's year has no policy yet: no cost is shown
}

func (c *costBook) monthly(ctx context.Context, u shebao.Unit, p shebao.Period, base shebao.Fen) (shebao.Fen, shebao.Fen, error) {
	t, ok := c.terms[p.Year()]
	if !ok {
		err := c.s.Store.View(ctx, func(tx shebao.Tx) error {
			var err error
			t.policy, err = billing.PolicyFor(ctx, tx, p.Year())
			if shebao.ErrorCode(err) == shebao.EREFUSED {
				t.noPolicy = true
				return nil
			}
			if err != nil {
				return err
			}
			t.unit, err = billing.TermsFor(ctx, tx, u, p.Year())
			return err
		})
		if err != nil {
			return 0, 0, err
		}
		c.terms[p.Year()] = t
	}
	if t.noPolicy {
		return 0, 0, nil
	}
	employer, employee := billing.MonthlyCost(t.policy, t.unit, base)
	return employer, employee, nil
}
