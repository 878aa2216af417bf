package changes

import (
	"context"
	"strings"
	"time"

	"shebao"
	"shebao/catalogue"
	"shebao/rules"
)

// PersonRequest is a person information change: the person's current ID
// number and the form's values, prefilled with the current ones; only the
// fields that differ change.
type PersonRequest struct {
	UnitID   int64  // staff acting for a unit; an operator's own unit otherwise
	IDNumber string // the person's ID number as stored now
	// Applied at once.
	Phone, Address string
	// Sent to a reviewer, with Reason: corrections of name, ID number and
	// post category (which sets a woman's retirement age).
	Name         string
	NewIDNumber  string
	PostCategory shebao.PostCategory
	Reason       string
	ClientKey    string // the form's key: a double click changes once
}

// Person fields, as named in the field history and in payloads (phone,
// address and name are FieldPhone, FieldAddress and FieldName).
const (
	FieldIDNumber     = "id_number"
	FieldBirthDate    = "birth_date"
	FieldSex          = "sex"
	FieldPostCategory = "post_category"
)

// Person returns a person insured by the unit a acts for, for the change
// form. Errors: those of catalogue.PersonOfUnit and catalogue.UnitOf.
func (s *Service) Person(ctx context.Context, a shebao.Actor, unitID int64, idNumber string) (shebao.Person, error) {
	id, err := a.ActFor(unitID)
	if err != nil {
		return shebao.Person{}, err
	}
	var p shebao.Person
	err = s.Store.View(ctx, func(tx shebao.Tx) error {
		p, _, err = catalogue.PersonOfUnit(ctx, tx, id, idNumber, shebao.Today(s.Clock))
		return err
	})
	return p, err
}

// normalize checks the request's fields against today.
func (r *PersonRequest) normalize(today shebao.Date) error {
	var err error
	if r.Phone, err = phone(formField(FieldPhone), r.Phone); err != nil {
		return err
	}
	if r.Address, err = text(formField(FieldAddress), r.Address, maxAddress, false); err != nil {
		return err
	}
	if r.Name, err = text(formField(FieldName), r.Name, maxName, true); err != nil {
		return err
	}
	if strings.TrimSpace(r.NewIDNumber) == "" {
		r.NewIDNumber = r.IDNumber
	}
	id, err := rules.ParseIDNumber(r.NewIDNumber, today)
	if err != nil {
		return shebao.WithField(err, formField("new_id_number"))
	}
	r.NewIDNumber = id.Number
	switch r.PostCategory {
	case shebao.PostNone, shebao.PostCadre, shebao.PostWorker:
	default:
		return shebao.Invalid(formField(FieldPostCategory), catalogue.ReasonUnknownPost)
	}
	r.Reason, err = text(formField("reason"), r.Reason, maxReason, false)
	return err
}

// ChangePerson applies the phone and address at once and sends corrections
// of name, ID number and post category to a reviewer, like ChangeUnit. An
// ID-number correction re-derives birth date and sex on approval. Errors:
// EINVALID (a field; NOTHING_CHANGED; reason REQUIRED for a correction),
// EREFUSED PERSON_UNKNOWN, NOT_OF_UNIT, ID_TAKEN (another person has the
// corrected number), CHANGE_PENDING; EFORBIDDEN.
func (s *Service) ChangePerson(ctx context.Context, a shebao.Actor, r PersonRequest) (Result, error) {
	unitID, err := a.ActFor(r.UnitID)
	if err != nil {
		return Result{}, err
	}
	now := s.Clock.Now()
	today := shebao.DateOf(now)
	cur, err := catalogue.ParseID(r.IDNumber, today)
	if err != nil {
		return Result{}, err
	}
	r.IDNumber = cur.Number
	if err := r.normalize(today); err != nil {
		return Result{}, err
	}
	var res Result
	err = s.inTx(ctx, func(tx shebao.Tx) error {
		var e error
		res, e = changePersonTx(ctx, tx, a, unitID, r, now)
		return e
	})
	return res, err
}

func changePersonTx(ctx context.Context, tx shebao.Tx, a shebao.Actor, unitID int64, r PersonRequest, now time.Time) (Result, error) {
	today := shebao.DateOf(now)
	p, _, err := catalogue.PersonOfUnit(ctx, tx, unitID, r.IDNumber, today)
	if err != nil {
		return Result{}, err
	}
	if res, ok, err := replay(ctx, tx, a, unitID, r.ClientKey, shebao.ItemPersonChange, p.IDNumber); err != nil || ok {
		return res, err
	}
	var atOnce, reviewed []Change
	atOnce = diff(atOnce, FieldPhone, p.Phone, r.Phone)
	atOnce = diff(atOnce, FieldAddress, p.Address, r.Address)
	reviewed = diff(reviewed, FieldName, p.Name, r.Name)
	reviewed = diff(reviewed, FieldIDNumber, p.IDNumber, r.NewIDNumber)
	if r.PostCategory != shebao.PostNone {
		reviewed = diff(reviewed, FieldPostCategory, string(p.PostCategory), string(r.PostCategory))
	}
	if len(atOnce)+len(reviewed) == 0 {
		return Result{}, shebao.Invalid("", catalogue.ReasonNothingChanged)
	}
	if len(reviewed) > 0 {
		if err := checkPersonReview(ctx, tx, p, r); err != nil {
			return Result{}, err
		}
	}
	period, err := shebao.BusinessPeriod(ctx, tx, today)
	if err != nil {
		return Result{}, err
	}
	base := shebao.Item{Type: shebao.ItemPersonChange, UnitID: unitID, PersonID: p.ID, Period: period,
		PersonName: p.Name, IDNumber: p.IDNumber, ClientKey: r.ClientKey}
	res, err := submit(ctx, tx, a, now, base, atOnce, reviewed, r.Reason)
	if err != nil {
		return res, err
	}
	if len(atOnce) > 0 {
		if err := applyPerson(ctx, tx, p, atOnce, res.Applied, now); err != nil {
			return res, err
		}
	}
	return res, nil
}

// checkPersonReview checks what a correction needs: a reason, an ID number
// no other person has, and no other person change in review.
func checkPersonReview(ctx context.Context, tx shebao.Tx, p shebao.Person, r PersonRequest) error {
	if r.Reason == "" {
		return shebao.Invalid(formField("reason"), shebao.ReasonRequired)
	}
	if err := idFree(ctx, tx, p.ID, r.NewIDNumber); err != nil {
		return err
	}
	receipt, err := pending(ctx, tx, shebao.ItemPersonChange, 0, p.ID)
	if err != nil {
		return err
	}
	if receipt != "" {
		return shebao.Refused(catalogue.ReasonChangePending, receipt)
	}
	return nil
}

// idFree refuses an ID number that another person has.
func idFree(ctx context.Context, tx shebao.Tx, personID int64, idNumber string) error {
	other, err := tx.PersonByIDNumber(ctx, idNumber)
	switch {
	case shebao.ErrorCode(err) == shebao.ENOTFOUND:
		return nil
	case err != nil:
		return err
	case other.ID != personID:
		return shebao.Refused(catalogue.ReasonIDTaken)
	}
	return nil
}

// applyPerson writes changes to p, checking that each field still holds its
// old value, re-deriving birth date and sex from a corrected ID number, and
// records the field history (the derived fields too).
func applyPerson(ctx context.Context, tx shebao.Tx, p shebao.Person, cs []Change, it shebao.Item, at time.Time) error {
	fields := map[string]*string{FieldPhone: &p.Phone, FieldAddress: &p.Address, FieldName: &p.Name, FieldIDNumber: &p.IDNumber}
	post := string(p.PostCategory)
	fields[FieldPostCategory] = &post
	var derived []Change
	for _, c := range cs {
		f, ok := fields[c.Field]
		if !ok {
			return shebao.Errorf(shebao.EINTERNAL, shebao.ReasonInternal, "person change %d: unknown field %q", it.ID, c.Field)
		}
		if *f != c.Old {
			return shebao.Refused(catalogue.ReasonChangedSince, c.Field)
		}
		*f = c.New
		if c.Field != FieldIDNumber {
			continue
		}
		// The number was valid when submitted; its birth date cannot have become future since.
		id, err := rules.ParseIDNumber(c.New, shebao.DateOf(at))
		if err != nil {
			return err
		}
		derived = diff(derived, FieldBirthDate, p.BirthDate.String(), id.Birth.String())
		derived = diff(derived, FieldSex, string(p.Sex), string(id.Sex))
		p.BirthDate, p.Sex = id.Birth, id.Sex
	}
	p.PostCategory = shebao.PostCategory(post)
	if err := tx.UpdatePerson(ctx, p); err != nil {
		return err
	}
	return record(ctx, tx, shebao.EntityPerson, p.ID, append(cs, derived...), it, at)
}

// PersonHook is the review hook of person changes: on approval it applies
// the corrections (each field must still hold its old value; a corrected ID
// number must still be free); a returned or withdrawn change holds nothing.
func PersonHook(ctx context.Context, tx shebao.Tx, it shebao.Item, approved bool, at time.Time) error {
	if !approved {
		return nil
	}
	pl, err := DecodePayload(it)
	if err != nil {
		return err
	}
	p, err := tx.Person(ctx, it.PersonID)
	if err != nil {
		return err
	}
	for _, c := range pl.Changes {
		if c.Field == FieldIDNumber {
			if err := idFree(ctx, tx, p.ID, c.New); err != nil {
				return err
			}
		}
	}
	return applyPerson(ctx, tx, p, pl.Changes, it, at)
}
