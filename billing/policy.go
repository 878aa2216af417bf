package billing

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"strconv"

	"shebao"
	"shebao/rules"
	"shebao/sheet"
)

// MaxPolicyFile bounds an imported policy file.
const MaxPolicyFile = 1 << 20

// isAdmin reports whether a may edit policies and rates.
func isAdmin(a shebao.Actor) bool { return a.Role == shebao.RoleAdmin }

// EditableYear returns the one year whose policy admins may edit: next year
// (the current year's policy is in force and never changes under open
// periods).
func (s *Service) EditableYear() int { return shebao.Today(s.Clock).Year() + 1 }

// Policies returns the newest version of every year's policy, newest year
// first. Admins only.
func (s *Service) Policies(ctx context.Context, a shebao.Actor) ([]shebao.Policy, error) {
	if !isAdmin(a) {
		return nil, forbidden()
	}
	var out []shebao.Policy
	err := s.Store.View(ctx, func(tx shebao.Tx) error {
		years, err := tx.PolicyYears(ctx)
		if err != nil {
			return err
		}
		for i := len(years) - 1; i >= 0; i-- {
			p, err := tx.Policy(ctx, years[i])
			if err != nil {
				return err
			}
			out = append(out, p)
		}
		return nil
	})
	return out, err
}

// SavePolicy parses a policy form and stores it as a new version of next
// year's policy, with an audit entry. It returns every problem found, one
// per field (EINVALID naming it: see PolicyForm.Policy), or EFORBIDDEN for
// anyone but an admin, and saves nothing then. Grades (or class rates)
// that would leave a unit's floating rate stored for the year outside its
// class's bounds are refused, naming the units on the class's grades
// (ReasonFloatsOutsideGrades, OutsideGrades): the administrator sets those
// units' rates first (0 always fits), then saves.
func (s *Service) SavePolicy(ctx context.Context, a shebao.Actor, f PolicyForm) (shebao.Policy, []error) {
	if !isAdmin(a) {
		return shebao.Policy{}, []error{forbidden()}
	}
	p, errs := f.Policy()
	if next := s.EditableYear(); len(errs) == 0 && p.Year != next {
		errs = append(errs, shebao.Invalid("year", shebao.ReasonPolicyNotNextYear, strconv.Itoa(next)))
	}
	if len(errs) > 0 {
		return shebao.Policy{}, errs
	}
	err := s.Store.InTx(ctx, func(tx shebao.Tx) error {
		outside, err := OutsideGrades(ctx, tx, p)
		if err != nil {
			return err
		}
		if len(outside) > 0 {
			errs = outsideGradesErrors(p, outside)
			return errs[0]
		}
		if err := tx.SavePolicy(ctx, &p); err != nil {
			return err
		}
		e := shebao.AuditFor(a, s.Clock.Now(), "policy.save")
		detail, _ := json.Marshal(struct {
			Version int `json:"version"`
			PolicyForm
		}{p.Version, FormOf(p)})
		e.Detail = string(detail)
		return tx.Audit(ctx, e)
	})
	if len(errs) > 0 {
		return shebao.Policy{}, errs
	}
	if err != nil {
		return shebao.Policy{}, []error{err}
	}
	return p, nil
}

// ImportPolicy reads a policy file (JSON in PolicyForm's shape, at most
// MaxPolicyFile bytes, no unknown keys) and saves it as SavePolicy does.
// A file that is not such JSON gives EINVALID with ReasonFileMalformed (or
// ReasonFileTooLarge) on the field "file".
func (s *Service) ImportPolicy(ctx context.Context, a shebao.Actor, r io.Reader) (shebao.Policy, []error) {
	if !isAdmin(a) {
		return shebao.Policy{}, []error{forbidden()}
	}
	f, err := DecodePolicyFile(r)
	if err != nil {
		return shebao.Policy{}, []error{err}
	}
	return s.SavePolicy(ctx, a, f)
}

// DecodePolicyFile reads a policy file.
func DecodePolicyFile(r io.Reader) (PolicyForm, error) {
	b, err := sheet.ReadAll(r, MaxPolicyFile) // the one bounded read of an upload
	if shebao.AsError(err).Reason == sheet.ReasonTooLarge {
		return PolicyForm{}, shebao.Invalid("file", shebao.ReasonFileTooLarge, strconv.Itoa(MaxPolicyFile))
	}
	if err != nil {
		return PolicyForm{}, err
	}
	d := json.NewDecoder(bytes.NewReader(b))
	d.DisallowUnknownFields()
	var f PolicyForm
	if err := d.Decode(&f); err != nil {
		return PolicyForm{}, shebao.Invalid("file", shebao.ReasonFileMalformed, jsonDetail(err))
	}
	if d.More() {
		return PolicyForm{}, shebao.Invalid("file", shebao.ReasonFileMalformed, "more than one JSON value")
	}
	return f, nil
}

// jsonDetail says where a JSON file is wrong, without Go's type names.
func jsonDetail(err error) string {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return "offset " + strconv.FormatInt(se.Offset, 10)
	case errors.As(err, &te):
		return te.Field
	}
	return err.Error()
}

// SetInjuryFloat sets a unit's floating work-injury rate for the current
// or next year, as a percentage ("-0.1" lowers the class rate by 0.1
// points), with an audit entry. Admins only. The rate must stay within the
// unit's risk class grades (InjuryFloatAllowed). Errors: EINVALID on
// "year" or "injury_float" (rules.ReasonInjuryFloatBounds: outside the
// class's bounds), ENOTFOUND for an unknown unit.
func (s *Service) SetInjuryFloat(ctx context.Context, a shebao.Actor, unitID int64, year int, percent string) error {
	if !isAdmin(a) {
		return forbidden()
	}
	if cur := shebao.Today(s.Clock).Year(); year != cur && year != cur+1 {
		return shebao.Invalid("year", shebao.ReasonOutOfRange, strconv.Itoa(cur), strconv.Itoa(cur+1))
	}
	v, err := ParseInjuryFloat(percent)
	if err != nil {
		return err
	}
	return s.Store.InTx(ctx, func(tx shebao.Tx) error {
		u, err := tx.Unit(ctx, unitID)
		if err != nil {
			return err
		}
		if err := InjuryFloatAllowed(ctx, tx, u.RiskClass, year, v, shebao.Today(s.Clock)); err != nil {
			return err
		}
		if err := tx.SetUnitInjuryFloat(ctx, shebao.UnitRate{UnitID: unitID, Year: year, InjuryFloat: v}); err != nil {
			return err
		}
		e := shebao.AuditFor(a, s.Clock.Now(), "policy.injury_float")
		e.UnitID = unitID
		e.Detail = strconv.Itoa(year) + " " + FormatPercent(v) + "%"
		return tx.Audit(ctx, e)
	})
}

// InjuryFloatAllowed checks a floating injury rate v (per 100,000) for a
// unit of riskClass in year against the class's bounds
// (rules.CheckInjuryFloat) under that year's policy, or, while that year
// has none, the policy in force today. Errors: EINVALID on "injury_float",
// EREFUSED NO_POLICY without any policy.
func InjuryFloatAllowed(ctx context.Context, tx shebao.Tx, riskClass, year int, v int64, today shebao.Date) error {
	p, err := tx.Policy(ctx, year)
	if shebao.ErrorCode(err) == shebao.ENOTFOUND {
		var in shebao.InForce
		in, err = shebao.PolicyInForce(ctx, tx, today)
		p = in.Policy
	}
	if err != nil {
		return err
	}
	return rules.CheckInjuryFloat(p, riskClass, v)
}

// ParseInjuryFloat reads a unit's floating work-injury rate as a percentage
// ("-0.1" lowers the class rate by 0.1 points), −10 … +10 points at most
// (whatever the class; InjuryFloatAllowed holds it to the class). Errors:
// EINVALID on "injury_float".
func ParseInjuryFloat(percent string) (int64, error) {
	v, err := ParsePercent(percent, true)
	if err != nil {
		return 0, shebao.WithField(err, "injury_float")
	}
	if v < -shebao.RateScale/10 || v > shebao.RateScale/10 {
		return 0, shebao.Invalid("injury_float", shebao.ReasonOutOfRange, "-10", "10")
	}
	return v, nil
}

// UnitRates lists the floating rates set for a year. Admins only.
func (s *Service) UnitRates(ctx context.Context, a shebao.Actor, year int) ([]shebao.UnitRate, error) {
	if !isAdmin(a) {
		return nil, forbidden()
	}
	var rs []shebao.UnitRate
	err := s.Store.View(ctx, func(tx shebao.Tx) error {
		var err error
		rs, err = tx.UnitRates(ctx, year)
		return err
	})
	return rs, err
}
