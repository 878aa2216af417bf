// Package changes is information change (信息变更) of a unit and of a
// person. Contact details are applied at once; identifying details (a
// unit's name, credit code and legal representative; a person's name, ID
// number and post category) go to a reviewer with the reason, as an item in
// review whose Payload holds the old and new values, and are applied by the
// type's review hook on approval. Every changed field is kept in the field
// history (shebao.FieldChange), with the item that changed it.
package changes

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"time"
	"unicode/utf8"

	"shebao"
	"shebao/catalogue"
)

// Service is information change.
type Service struct {
	Store shebao.Store
	Clock shebao.Clock
	Log   *slog.Logger
}

// Hooks returns the review hooks of the change item types, for the review
// queue and for withdrawal.
func (s *Service) Hooks() map[shebao.ItemType]shebao.ReviewHook {
	return map[shebao.ItemType]shebao.ReviewHook{
		shebao.ItemUnitChange:   UnitHook,
		shebao.ItemPersonChange: PersonHook,
	}
}

// Change is one field's old and new value.
type Change struct {
	Field string `json:"field"`
	Old   string `json:"old"`
	New   string `json:"new"`
}

// Payload is the JSON of a change item's Payload: the fields it changes
// and, for a reviewed change, the reason the unit gave.
type Payload struct {
	Changes []Change `json:"changes"`
	Reason  string   `json:"reason,omitempty"`
}

// Result is what a change request did: the item applied at once (ID 0 when
// no contact detail changed) and the item sent to review (ID 0 when no
// identifying detail changed).
type Result struct {
	Applied shebao.Item
	Review  shebao.Item
}

// DecodePayload reads a change item's Payload.
func DecodePayload(it shebao.Item) (Payload, error) {
	var p Payload
	if err := json.Unmarshal([]byte(it.Payload), &p); err != nil {
		return p, fmt.Errorf("changes: payload of item %d: %w", it.ID, err)
	}
	return p, nil
}

// Length limits of the fields, in characters.
const (
	maxName    = 100
	maxAddress = 200
	maxReason  = 500
)

// formField is the name of a field in the change forms and in their input
// errors: "chg_" and the field's name (chg_phone, chg_reason, …).
func formField(name string) string { return "chg_" + name }

// text trims s and checks it against a length limit; required fields may
// not be empty.
func text(field, s string, max int, required bool) (string, error) {
	s = strings.TrimSpace(s)
	if required && s == "" {
		return s, shebao.Invalid(field, shebao.ReasonRequired)
	}
	if utf8.RuneCountInString(s) > max {
		return s, shebao.Invalid(field, shebao.ReasonTooLong, fmt.Sprint(max))
	}
	return s, nil
}

// phone checks a phone number: 5–20 characters of digits, spaces, + - ( ).
func phone(field, s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return s, shebao.Invalid(field, shebao.ReasonRequired)
	}
	digits := 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case strings.ContainsRune(" +-()", r):
		default:
			return s, shebao.Invalid(field, catalogue.ReasonPhoneMalformed)
		}
	}
	if digits < 5 || len(s) > 20 {
		return s, shebao.Invalid(field, catalogue.ReasonPhoneMalformed)
	}
	return s, nil
}

// bankAccount checks a bank account number: 8–32 digits, spaces allowed
// between groups and removed. Empty is allowed (no account).
func bankAccount(s string) (string, error) {
	s = strings.Join(strings.Fields(s), "")
	if s == "" {
		return s, nil
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return s, shebao.Invalid(formField(FieldBankAccount), catalogue.ReasonBankMalformed)
		}
	}
	if len(s) < 8 || len(s) > 32 {
		return s, shebao.Invalid(formField(FieldBankAccount), catalogue.ReasonBankMalformed)
	}
	return s, nil
}

// diff appends a Change for field when old and new differ.
func diff(cs []Change, field, old, new string) []Change {
	if old == new {
		return cs
	}
	return append(cs, Change{Field: field, Old: old, New: new})
}

// record writes the history of changes of an entity made by item it.
func record(ctx context.Context, tx shebao.Tx, entity shebao.ChangeEntity, id int64, cs []Change, it shebao.Item, at time.Time) error {
	for _, c := range cs {
		fc := shebao.FieldChange{Entity: entity, EntityID: id, Field: c.Field, Old: c.Old, New: c.New,
			ItemID: it.ID, At: at, By: it.CreatedBy}
		if err := tx.InsertFieldChange(ctx, &fc); err != nil {
			return err
		}
	}
	return nil
}

// pending returns the receipt of an item of type typ waiting for review
// about the unit (personID 0) or the person, or "".
func pending(ctx context.Context, tx shebao.Tx, typ shebao.ItemType, unitID, personID int64) (string, error) {
	f := shebao.ItemFilter{Type: typ, Status: shebao.StatusInReview, Limit: 10}
	if personID != 0 {
		f.PersonID = personID
	} else {
		f.UnitID = unitID
	}
	items, _, err := tx.Items(ctx, f)
	if err != nil {
		return "", err
	}
	for _, it := range items {
		if it.PersonID == personID {
			return it.Receipt, nil
		}
	}
	return "", nil
}

// replay returns what a change form's client key already did (a double
// click): the item applied at once under the key, the reviewed one under
// reviewKey(key); ok when either exists.
func replay(ctx context.Context, tx shebao.Tx, a shebao.Actor, unitID int64, key string, typ shebao.ItemType, idNumber string) (Result, bool, error) {
	applied, ok, err := catalogue.Replay(ctx, tx, a, unitID, key, typ, idNumber)
	if err != nil {
		return Result{}, false, err
	}
	review, okReview, err := catalogue.Replay(ctx, tx, a, unitID, reviewKey(key), typ, idNumber)
	if err != nil {
		return Result{}, false, err
	}
	return Result{Applied: applied, Review: review}, ok || okReview, nil
}

// reviewKey is the client key of a change's reviewed item: the form's key
// names its item applied at once.
func reviewKey(key string) string {
	if key == "" {
		return ""
	}
	return key + "/review"
}

// submit records the at-once and the reviewed items of a change, with the
// request's client key (base.ClientKey; reviewKey for the reviewed item).
func submit(ctx context.Context, tx shebao.Tx, a shebao.Actor, now time.Time, base shebao.Item,
	atOnce []Change, reviewed []Change, reason string) (Result, error) {
	var res Result
	if len(atOnce) > 0 {
		it := base
		it.Status, it.Payload = shebao.StatusApproved, catalogue.JSON(Payload{Changes: atOnce})
		if err := catalogue.Record(ctx, tx, a, &it, now, atOnce); err != nil {
			return res, err
		}
		res.Applied = it
	}
	if len(reviewed) > 0 {
		it := base
		it.ClientKey = reviewKey(base.ClientKey)
		it.Status, it.Payload = shebao.StatusInReview, catalogue.JSON(Payload{Changes: reviewed, Reason: reason})
		if err := catalogue.Record(ctx, tx, a, &it, now, reviewed); err != nil {
			return res, err
		}
		res.Review = it
	}
	return res, nil
}

// inTx runs fn in one transaction.
func (s *Service) inTx(ctx context.Context, fn func(tx shebao.Tx) error) error {
	return s.Store.InTx(ctx, fn)
}
