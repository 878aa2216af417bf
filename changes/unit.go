package changes

import (
	"context"
	"time"

	"shebao"
	"shebao/catalogue"
	"shebao/rules"
)

// UnitRequest is a unit information change: the form's values, prefilled
// with the current ones; only the fields that differ change.
type UnitRequest struct {
	UnitID int64 // staff acting for a unit; an operator's own unit otherwise
	// Applied at once.
	Contact, Phone, Address, BankAccount string
	// Sent to a reviewer, with Reason.
	Name, CreditCode, LegalRep string
	Reason                     string
	ClientKey                  string // the form's key: a double click changes once
}

// Unit fields, as named in the field history and in payloads.
const (
	FieldContact     = "contact"
	FieldPhone       = "phone"
	FieldAddress     = "address"
	FieldBankAccount = "bank_account"
	FieldName        = "name"
	FieldCreditCode  = "credit_code"
	FieldLegalRep    = "legal_rep"
)

// Unit returns the unit a acts for, for the change form. Errors: those of
// catalogue.UnitOf, ENOTFOUND.
func (s *Service) Unit(ctx context.Context, a shebao.Actor, unitID int64) (shebao.Unit, error) {
	id, err := a.ActFor(unitID)
	if err != nil {
		return shebao.Unit{}, err
	}
	var u shebao.Unit
	err = s.Store.View(ctx, func(tx shebao.Tx) error {
		u, err = tx.Unit(ctx, id)
		return err
	})
	return u, err
}

// normalize checks the request's fields. EINVALID names the field at fault.
func (r *UnitRequest) normalize() error {
	var err error
	if r.Contact, err = text(formField(FieldContact), r.Contact, maxName, true); err != nil {
		return err
	}
	if r.Phone, err = phone(formField(FieldPhone), r.Phone); err != nil {
		return err
	}
	if r.Address, err = text(formField(FieldAddress), r.Address, maxAddress, true); err != nil {
		return err
	}
	if r.BankAccount, err = bankAccount(r.BankAccount); err != nil {
		return err
	}
	if r.Name, err = text(formField(FieldName), r.Name, maxName, true); err != nil {
		return err
	}
	if r.CreditCode, err = rules.ParseCreditCode(r.CreditCode); err != nil {
		return shebao.WithField(err, formField(FieldCreditCode))
	}
	if r.LegalRep, err = text(formField(FieldLegalRep), r.LegalRep, maxName, false); err != nil {
		return err
	}
	r.Reason, err = text(formField("reason"), r.Reason, maxReason, false)
	return err
}

// ChangeUnit applies the contact details that changed at once (an item
// approved at once, the field history written) and sends the identifying
// details that changed to a reviewer (an item in review with the old and
// new values and the reason). Errors: EINVALID (a field; NOTHING_CHANGED;
// reason REQUIRED when an identifying detail changes), EREFUSED
// CREDIT_TAKEN (another unit has the credit code) or CHANGE_PENDING (a
// unit change already waits for review; arg: its receipt), EFORBIDDEN.
func (s *Service) ChangeUnit(ctx context.Context, a shebao.Actor, r UnitRequest) (Result, error) {
	unitID, err := a.ActFor(r.UnitID)
	if err != nil {
		return Result{}, err
	}
	if err := r.normalize(); err != nil {
		return Result{}, err
	}
	now := s.Clock.Now()
	var res Result
	err = s.inTx(ctx, func(tx shebao.Tx) error {
		var e error
		res, e = changeUnitTx(ctx, tx, a, unitID, r, now)
		return e
	})
	return res, err
}

func changeUnitTx(ctx context.Context, tx shebao.Tx, a shebao.Actor, unitID int64, r UnitRequest, now time.Time) (Result, error) {
	u, err := tx.Unit(ctx, unitID)
	if err != nil {
		return Result{}, err
	}
	if res, ok, err := replay(ctx, tx, a, unitID, r.ClientKey, shebao.ItemUnitChange, ""); err != nil || ok {
		return res, err
	}
	var atOnce, reviewed []Change
	atOnce = diff(atOnce, FieldContact, u.Contact, r.Contact)
	atOnce = diff(atOnce, FieldPhone, u.Phone, r.Phone)
	atOnce = diff(atOnce, FieldAddress, u.Address, r.Address)
	// The bank account is the deduction account of the withholding
	// agreement (docs/COLLECTION.md): reviewed before it takes effect.
	reviewed = diff(reviewed, FieldBankAccount, u.BankAccount, r.BankAccount)
	reviewed = diff(reviewed, FieldName, u.Name, r.Name)
	reviewed = diff(reviewed, FieldCreditCode, u.CreditCode, r.CreditCode)
	reviewed = diff(reviewed, FieldLegalRep, u.LegalRep, r.LegalRep)
	if len(atOnce)+len(reviewed) == 0 {
		return Result{}, shebao.Invalid("", catalogue.ReasonNothingChanged)
	}
	if len(reviewed) > 0 {
		if err := checkUnitReview(ctx, tx, u, r); err != nil {
			return Result{}, err
		}
	}
	period, err := shebao.BusinessPeriod(ctx, tx, shebao.DateOf(now))
	if err != nil {
		return Result{}, err
	}
	base := shebao.Item{Type: shebao.ItemUnitChange, UnitID: unitID, Period: period, UnitName: u.Name,
		ClientKey: r.ClientKey}
	res, err := submit(ctx, tx, a, now, base, atOnce, reviewed, r.Reason)
	if err != nil {
		return res, err
	}
	if len(atOnce) > 0 {
		if err := applyUnit(ctx, tx, u, atOnce, res.Applied, now); err != nil {
			return res, err
		}
	}
	return res, nil
}

// checkUnitReview checks what a reviewed unit change needs: a reason, a
// credit code no other unit has, and no other unit change in review.
func checkUnitReview(ctx context.Context, tx shebao.Tx, u shebao.Unit, r UnitRequest) error {
	if r.Reason == "" {
		return shebao.Invalid(formField("reason"), shebao.ReasonRequired)
	}
	if err := creditFree(ctx, tx, u.ID, r.CreditCode); err != nil {
		return err
	}
	receipt, err := pending(ctx, tx, shebao.ItemUnitChange, u.ID, 0)
	if err != nil {
		return err
	}
	if receipt != "" {
		return shebao.Refused(catalogue.ReasonChangePending, receipt)
	}
	return nil
}

// creditFree refuses a credit code that another unit has.
func creditFree(ctx context.Context, tx shebao.Tx, unitID int64, code string) error {
	other, err := tx.UnitByCreditCode(ctx, code)
	switch {
	case shebao.ErrorCode(err) == shebao.ENOTFOUND:
		return nil
	case err != nil:
		return err
	case other.ID != unitID:
		return shebao.Refused(catalogue.ReasonCreditTaken)
	}
	return nil
}

// applyUnit writes changes to u, checking that each field still holds its
// old value (CHANGED_SINCE otherwise), and records the field history.
func applyUnit(ctx context.Context, tx shebao.Tx, u shebao.Unit, cs []Change, it shebao.Item, at time.Time) error {
	fields := map[string]*string{
		FieldContact: &u.Contact, FieldPhone: &u.Phone, FieldAddress: &u.Address,
		FieldBankAccount: &u.BankAccount, FieldName: &u.Name, FieldCreditCode: &u.CreditCode,
		FieldLegalRep: &u.LegalRep,
	}
	for _, c := range cs {
		f, ok := fields[c.Field]
		if !ok {
			return shebao.Errorf(shebao.EINTERNAL, shebao.ReasonInternal, "unit change %d: unknown field %q", it.ID, c.Field)
		}
		if *f != c.Old {
			return shebao.Refused(catalogue.ReasonChangedSince, c.Field)
		}
		*f = c.New
	}
	if err := tx.UpdateUnit(ctx, u); err != nil {
		return err
	}
	for _, c := range cs {
		if c.Field == FieldBankAccount { // the deduction account from the day approved (docs/COLLECTION.md)
			if err := tx.SetUnitAccount(ctx, u.ID, c.Old, c.New, shebao.DateOf(at), it.ID); err != nil {
				return err
			}
		}
	}
	return record(ctx, tx, shebao.EntityUnit, u.ID, cs, it, at)
}

// UnitHook is the review hook of unit changes: on approval it applies the
// identifying details (each must still hold its old value; the credit code
// must still be free); a returned or withdrawn change holds nothing.
func UnitHook(ctx context.Context, tx shebao.Tx, it shebao.Item, approved bool, at time.Time) error {
	if !approved {
		return nil
	}
	p, err := DecodePayload(it)
	if err != nil {
		return err
	}
	u, err := tx.Unit(ctx, it.UnitID)
	if err != nil {
		return err
	}
	for _, c := range p.Changes {
		if c.Field == FieldCreditCode {
			if err := creditFree(ctx, tx, u.ID, c.New); err != nil {
				return err
			}
		}
	}
	return applyUnit(ctx, tx, u, p.Changes, it, at)
}
