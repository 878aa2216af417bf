// Package catalogue holds what the catalogue's self-service items share
// (retirement pre-review, information changes, proofs of insurance, item
// progress): who may act for which unit, finding a person of the unit, the
// reason codes of their refusals, and writing an item with its audit record.
// The items themselves live in the packages named after them: retirement,
// changes, proof and progress.
package catalogue

import (
	"context"
	"encoding/json"
	"strings"
	"time"

	"shebao"
	"shebao/rules"
)

// Reasons of the catalogue's items. Each has a message in package i18n
// (i18n/catalogue.go) under "reason.<code>".
const (
	ReasonNotOfUnit       = "NOT_OF_UNIT"       // the person is not insured by the unit
	ReasonPostCategory    = "POST_CATEGORY"     // a woman without post category: fix it first
	ReasonBirthRange      = "BIRTH_RANGE"       // args: the stored birth date; before 1900 or in the future
	ReasonSexUnknown      = "SEX_UNKNOWN"       // the stored person has no sex: fix it at the counter
	ReasonNothingChanged  = "NOTHING_CHANGED"   // a change form that changes nothing
	ReasonChangePending   = "CHANGE_PENDING"    // args: receipt of the change already in review
	ReasonChangedSince    = "CHANGED_SINCE"     // args: field; it changed after the request
	ReasonIDTaken         = "ID_TAKEN"          // another person has this ID number
	ReasonCreditTaken     = "CREDIT_TAKEN"      // another unit has this credit code
	ReasonPhoneMalformed  = "PHONE_MALFORMED"   // not a phone number
	ReasonBankMalformed   = "BANK_MALFORMED"    // not a bank account number
	ReasonNotWithdrawable = "NOT_WITHDRAWABLE"  // args: status; only items in review can be withdrawn
	ReasonUnknownPost     = "UNKNOWN_POST"      // a post category other than cadre or worker
	ReasonProofNotInsured = "PROOF_NOT_INSURED" // nothing to prove: no coverage at all
)

// NotFound is the answer for anything the actor may not see: an operator
// cannot tell another unit's thing from one that does not exist.
func NotFound() error { return &shebao.Error{Code: shebao.ENOTFOUND, Reason: shebao.ReasonNotFound} }

// ParseID checks an ID number typed for a catalogue item: EINVALID for
// field "id_number" (empty, malformed, or legacy 15-digit: counter only).
func ParseID(s string, today shebao.Date) (rules.IDNumber, error) {
	if strings.TrimSpace(s) == "" {
		return rules.IDNumber{}, shebao.Invalid("id_number", shebao.ReasonRequired)
	}
	return rules.ParseIDNumber(s, today)
}

// PersonOfUnit returns the person with an ID number if the unit insures them
// now (an active coverage of any insurance). Errors: EINVALID for the ID
// number; EREFUSED PERSON_UNKNOWN when nobody has it; EREFUSED NOT_OF_UNIT
// when the unit does not insure them. Staff see every person: unitID 0
// skips the unit check.
func PersonOfUnit(ctx context.Context, tx shebao.Tx, unitID int64, idNumber string, today shebao.Date) (shebao.Person, []shebao.Coverage, error) {
	id, err := ParseID(idNumber, today)
	if err != nil {
		return shebao.Person{}, nil, err
	}
	p, err := tx.PersonByIDNumber(ctx, id.Number)
	if shebao.ErrorCode(err) == shebao.ENOTFOUND {
		return p, nil, shebao.Refused(shebao.ReasonPersonUnknown)
	}
	if err != nil {
		return p, nil, err
	}
	cs, err := tx.Coverages(ctx, p.ID)
	if err != nil {
		return p, nil, err
	}
	if unitID != 0 && !InsuredBy(cs, unitID) {
		return shebao.Person{}, nil, shebao.Refused(ReasonNotOfUnit)
	}
	return p, cs, nil
}

// InsuredBy reports whether one of the coverages is active at the unit.
func InsuredBy(cs []shebao.Coverage, unitID int64) bool {
	for _, c := range cs {
		if c.UnitID == unitID && c.Status == shebao.CoverageActive {
			return true
		}
	}
	return false
}

// Record inserts it (CreatedAt, Channel, Terminal and CreatedBy taken from
// a and now) and its audit record with detail as JSON.
func Record(ctx context.Context, tx shebao.Tx, a shebao.Actor, it *shebao.Item, now time.Time, detail any) error {
	it.Channel, it.Terminal, it.CreatedBy, it.CreatedAt = a.Channel, a.Terminal, a.AccountID, now
	if it.Status != shebao.StatusInReview {
		it.DecidedAt = now
	}
	if err := tx.InsertItem(ctx, it); err != nil {
		return err
	}
	return Audit(ctx, tx, a, now, "item."+string(it.Type), *it, detail)
}

// Audit appends an audit record of an action on an item, with detail as JSON
// (the receipt and status are always included).
func Audit(ctx context.Context, tx shebao.Tx, a shebao.Actor, at time.Time, action string, it shebao.Item, detail any) error {
	e := shebao.AuditFor(a, at, action)
	e.UnitID, e.PersonID, e.ItemID = it.UnitID, it.PersonID, it.ID
	b, err := json.Marshal(map[string]any{"receipt": it.Receipt, "status": it.Status, "detail": detail})
	if err != nil {
		return err
	}
	e.Detail = string(b)
	return tx.Audit(ctx, e)
}

// JSON returns v as JSON text, for an item's Payload; v is a plain struct
// that always marshals.
func JSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic("catalogue: marshal payload: " + err.Error())
	}
	return string(b)
}

// Replay returns the item that a form's client key already made at the unit
// (a double click, a reload), ok true: the catalogue's services answer with
// it instead of making a second item. A key reused for another item type or
// person is refused (shebao.ReplayOf). ok is false for a new key or none.
func Replay(ctx context.Context, tx shebao.Tx, a shebao.Actor, unitID int64, key string, typ shebao.ItemType, idNumber string) (shebao.Item, bool, error) {
	if key == "" {
		return shebao.Item{}, false, nil
	}
	it, err := tx.ItemByClientKey(ctx, unitID, key)
	switch {
	case shebao.ErrorCode(err) == shebao.ENOTFOUND:
		return shebao.Item{}, false, nil
	case err != nil:
		return shebao.Item{}, false, err
	}
	it, err = shebao.ReplayOf(a, it, typ, idNumber)
	return it, err == nil, err
}

// MaxClientKey bounds a form's client key, in bytes.
const MaxClientKey = 64
