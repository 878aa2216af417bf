package admin

import (
	"context"

	"shebao"
	"shebao/rules"
)

// UnitInput is a new unit as typed by an admin.
type UnitInput struct {
	CreditCode string
	Name       string
	Address    string
	Contact    string
	Phone      string
	Industry   string
	RiskClass  int // work-injury industry risk class, 1–8
	// LicenceChecked says the administrator compared the code with the
	// business licence: a code whose only fault is its check character (a
	// known anomaly of some codes issued before 2016) is then accepted.
	LicenceChecked bool
}

// unit checks the input and returns the unit to store. Errors: EINVALID
// naming the field at fault.
func (in UnitInput) unit() (shebao.Unit, error) {
	var u shebao.Unit
	var errs shebao.FieldErrors
	add := func(err error) {
		if err != nil {
			errs = append(errs, shebao.AsError(err))
		}
	}
	var err error
	u.CreditCode, err = rules.ParseCreditCode(in.CreditCode)
	if err != nil && in.LicenceChecked && shebao.AsError(err).Reason == shebao.ReasonCreditCheck {
		u.CreditCode, err = rules.CreditCodeForLookup(in.CreditCode)
	}
	add(err)
	fields := []struct {
		dst      *string
		field    string
		val      string
		max      int
		required bool
	}{
		{&u.Name, "name", in.Name, 100, true},
		{&u.Address, "address", in.Address, 200, true},
		{&u.Contact, "contact", in.Contact, 50, true},
		{&u.Phone, "phone", in.Phone, 30, false},
		{&u.Industry, "industry", in.Industry, 50, false},
	}
	for _, f := range fields {
		*f.dst, err = text(f.field, f.val, f.max, f.required)
		add(err)
	}
	if in.RiskClass < 1 || in.RiskClass > 8 {
		add(shebao.Invalid("risk_class", shebao.ReasonOutOfRange, "1", "8"))
	}
	u.RiskClass = in.RiskClass
	return u, errs.Err()
}

// Units lists the units whose name or credit code contains q, by name, with
// the total count. Errors: EFORBIDDEN.
func (s *Service) Units(ctx context.Context, a shebao.Actor, q string, limit, offset int) ([]shebao.Unit, int, error) {
	if err := mayAdminister(a); err != nil {
		return nil, 0, err
	}
	var units []shebao.Unit
	var total int
	err := s.Store.View(ctx, func(tx shebao.Tx) error {
		var err error
		units, total, err = tx.Units(ctx, q, limit, offset)
		return err
	})
	return units, total, err
}

// Unit returns a unit with its operator accounts. Errors: EFORBIDDEN, ENOTFOUND.
func (s *Service) Unit(ctx context.Context, a shebao.Actor, id int64) (shebao.Unit, []shebao.Account, error) {
	if err := mayAdminister(a); err != nil {
		return shebao.Unit{}, nil, err
	}
	var u shebao.Unit
	var accs []shebao.Account
	err := s.Store.View(ctx, func(tx shebao.Tx) error {
		var err error
		if u, err = tx.Unit(ctx, id); err != nil {
			return err
		}
		accs, err = tx.Accounts(ctx, id)
		return err
	})
	return u, accs, err
}

// CreateUnit creates an active unit. Errors: EFORBIDDEN; EINVALID naming the
// field at fault (credit_code with the reasons of rules.ParseCreditCode or
// ReasonCreditTaken, name, address, contact, phone, industry, risk_class):
// when several fields are wrong, a shebao.FieldErrors with one per field.
func (s *Service) CreateUnit(ctx context.Context, a shebao.Actor, in UnitInput) (shebao.Unit, error) {
	if err := mayAdminister(a); err != nil {
		return shebao.Unit{}, err
	}
	u, err := in.unit()
	if err != nil {
		return u, err
	}
	now := s.Clock.Now()
	u.Status, u.CreatedAt = shebao.UnitActive, now
	err = s.Store.InTx(ctx, func(tx shebao.Tx) error {
		if err := tx.CreateUnit(ctx, &u); err != nil {
			if shebao.ErrorCode(err) == shebao.ECONFLICT {
				return shebao.Invalid("credit_code", ReasonCreditTaken)
			}
			return err
		}
		return audit(ctx, tx, a, now, "unit.create", u.ID, map[string]any{"credit_code": u.CreditCode,
			"name": u.Name, "address": u.Address, "contact": u.Contact, "risk_class": u.RiskClass,
			"licence_checked": in.LicenceChecked})
	})
	return u, err
}

// SetUnitStatus activates or suspends a unit. A suspended unit's operators
// and the counter can handle no items for it until it is activated again.
// Setting the status it already has changes nothing. Errors: EFORBIDDEN,
// EINVALID (an unknown status), ENOTFOUND.
func (s *Service) SetUnitStatus(ctx context.Context, a shebao.Actor, id int64, st shebao.UnitStatus) (shebao.Unit, error) {
	if err := mayAdminister(a); err != nil {
		return shebao.Unit{}, err
	}
	if st != shebao.UnitActive && st != shebao.UnitSuspended {
		return shebao.Unit{}, shebao.Invalid("status", shebao.ReasonOutOfRange, string(shebao.UnitActive), string(shebao.UnitSuspended))
	}
	now := s.Clock.Now()
	var u shebao.Unit
	err := s.Store.InTx(ctx, func(tx shebao.Tx) error {
		var err error
		if u, err = tx.Unit(ctx, id); err != nil || u.Status == st {
			return err
		}
		from := u.Status
		u.Status = st
		if err := tx.UpdateUnit(ctx, u); err != nil {
			return err
		}
		action := "unit.suspend"
		if st == shebao.UnitActive {
			action = "unit.activate"
		}
		return audit(ctx, tx, a, now, action, u.ID, map[string]any{"from": from, "to": st})
	})
	return u, err
}
