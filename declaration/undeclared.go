package declaration

import (
	"context"
	"encoding/json"
	"time"

	"shebao"
)

// Rules for the bases of employees whose unit did not declare by the
// deadline (Policy.UndeclaredBase).
const (
	UndeclaredKeep  = "keep"  // keep the last base (also the rule when the policy names none)
	UndeclaredFloor = "floor" // raise a last base below the year's floor to the floor
)

// Undeclared is the staff list of units that have not declared for a year.
type Undeclared struct {
	Window Window
	Passed bool // the deadline has passed
	Rule   string
	Units  []shebao.UndeclaredUnit
}

// staffOnly refuses operators.
func staffOnly(a shebao.Actor) error {
	if !a.Role.IsStaff() {
		return &shebao.Error{Code: shebao.EFORBIDDEN, Reason: shebao.ReasonForbidden}
	}
	return nil
}

// Undeclared lists the units with insured employees not declared for the
// current declaration window's year (see CurrentWindow). Staff only.
func (s *Service) Undeclared(ctx context.Context, a shebao.Actor) (Undeclared, error) {
	if err := staffOnly(a); err != nil {
		return Undeclared{}, err
	}
	today := shebao.Today(s.Clock)
	var u Undeclared
	err := s.Store.View(ctx, func(tx shebao.Tx) error {
		pol, err := windowPolicy(ctx, tx, today)
		if err != nil {
			return err
		}
		u = Undeclared{Window: WindowOf(pol), Passed: today > pol.DeclareTo, Rule: ruleOf(pol)}
		u.Units, err = tx.UndeclaredUnits(ctx, pol.Year)
		return err
	})
	return u, err
}

func ruleOf(p shebao.Policy) string {
	if p.UndeclaredBase == UndeclaredFloor {
		return UndeclaredFloor
	}
	return UndeclaredKeep
}

// ApplyRule writes, after the deadline, a rule declaration for every insured
// employee of every unit that did not declare: the last base ("keep"), or
// the last base raised to the floor ("floor"), from the window's
// FromPeriod. It returns how many it wrote; running it again writes none.
// Clerks and admins only. Errors: EREFUSED (ReasonUndeclaredEarly) before
// the deadline has passed.
func (s *Service) ApplyRule(ctx context.Context, a shebao.Actor) (int, error) {
	if a.Role != shebao.RoleClerk && a.Role != shebao.RoleAdmin {
		return 0, &shebao.Error{Code: shebao.EFORBIDDEN, Reason: shebao.ReasonForbidden}
	}
	now := s.Clock.Now()
	today := shebao.DateOf(now)
	n := 0
	err := s.Store.InTx(ctx, func(tx shebao.Tx) error {
		n = 0
		pol, err := windowPolicy(ctx, tx, today)
		if err != nil {
			return err
		}
		if today <= pol.DeclareTo {
			return shebao.Refused(ReasonUndeclaredEarly, pol.DeclareTo.String())
		}
		units, err := tx.UndeclaredUnits(ctx, pol.Year)
		if err != nil {
			return err
		}
		for _, u := range units {
			k, err := applyRuleUnit(ctx, tx, a, u.Unit, pol, now)
			if err != nil {
				return err
			}
			n += k
		}
		return nil
	})
	return n, err
}

// applyRuleUnit writes the rule declarations of one unit and its audit entry.
func applyRuleUnit(ctx context.Context, tx shebao.Tx, a shebao.Actor, u shebao.Unit, pol shebao.Policy, now time.Time) (int, error) {
	w := WindowOf(pol)
	declared, err := tx.Declarations(ctx, u.ID, pol.Year)
	if err != nil {
		return 0, err
	}
	has := map[int64]bool{}
	for _, d := range declared {
		has[d.PersonID] = true
	}
	staff, err := tx.UnitBases(ctx, u.ID, w.FromPeriod.Prev())
	if err != nil {
		return 0, err
	}
	rule, n := ruleOf(pol), 0
	for _, b := range staff {
		if has[b.Person.ID] {
			continue
		}
		d := shebao.BaseDeclaration{UnitID: u.ID, PersonID: b.Person.ID, Year: pol.Year, FromPeriod: w.FromPeriod,
			Wage: b.Base, Base: b.Base, Clamp: "none", Source: shebao.DeclaredByRule, DeclaredAt: now}
		if rule == UndeclaredFloor && d.Base < pol.BaseFloor {
			d.Base, d.Clamp = pol.BaseFloor, "floor"
		}
		if err := tx.PutDeclaration(ctx, &d); err != nil {
			return 0, err
		}
		n++
	}
	e := shebao.AuditFor(a, now, "declare.rule")
	e.UnitID = u.ID
	detail, _ := json.Marshal(map[string]any{"year": pol.Year, "rule": rule, "persons": n,
		"from_period": w.FromPeriod.String()})
	e.Detail = string(detail)
	return n, tx.Audit(ctx, e)
}
