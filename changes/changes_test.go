package changes_test

import (
	"testing"
	"time"

	"shebao"
	"shebao/catalogue"
	"shebao/changes"
	"shebao/demo/demotest"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

// decide does what the review queue does: the conditional status change
// and the type's hook, in one transaction.
func decide(t *testing.T, f *demotest.Fixture, s *changes.Service, id int64, approve bool) error {
	t.Helper()
	at := f.Clock.Now().Add(time.Hour)
	return f.DB.InTx(t.Context(), func(tx shebao.Tx) error {
		it, err := tx.Item(t.Context(), id)
		if err != nil {
			return err
		}
		to := shebao.StatusReturned
		if approve {
			to = shebao.StatusApproved
		}
		if err := tx.SetItemStatus(t.Context(), id, shebao.StatusInReview, to, nil, at); err != nil {
			return err
		}
		return s.Hooks()[it.Type](t.Context(), tx, it, approve, at)
	})
}

func unit(t *testing.T, f *demotest.Fixture, id int64) shebao.Unit {
	t.Helper()
	var u shebao.Unit
	if err := f.DB.View(t.Context(), func(tx shebao.Tx) error {
		var err error
		u, err = tx.Unit(t.Context(), id)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return u
}

// form returns a unit change form prefilled with u's values.
func form(u shebao.Unit) changes.UnitRequest {
	return changes.UnitRequest{Contact: u.Contact, Phone: u.Phone, Address: u.Address, BankAccount: u.BankAccount,
		Name: u.Name, CreditCode: u.CreditCode, LegalRep: u.LegalRep}
}

func fields(cs []shebao.FieldChange) map[string]shebao.FieldChange {
	m := map[string]shebao.FieldChange{}
	for _, c := range cs {
		m[c.Field] = c
	}
	return m
}

func TestUnitChange(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := demotest.Load(t, db)
		s := &changes.Service{Store: db, Clock: f.Clock}
		ctx := t.Context()
		u := f.UnitA

		// Contact details: applied at once, history kept.
		r := form(u)
		r.Phone = "021-66668888"
		res, err := s.ChangeUnit(ctx, f.OpA, r)
		if err != nil || res.Applied.Status != shebao.StatusApproved || res.Review.ID != 0 {
			t.Fatalf("at once: %+v %v", res, err)
		}
		if got := unit(t, f, u.ID); got.Phone != "021-66668888" {
			t.Errorf("unit after change: %+v", got)
		}
		// Identifying details and the deduction account: in review, applied on approval.
		r = form(unit(t, f, u.ID))
		r.Name, r.LegalRep, r.Reason = "示范科技（上海）有限公司", "王五", "工商变更登记"
		r.BankAccount = "6222 0210 0123 4567 89"
		res, err = s.ChangeUnit(ctx, f.OpA, r)
		if err != nil || res.Review.Status != shebao.StatusInReview || res.Applied.ID != 0 {
			t.Fatalf("reviewed: %+v %v", res, err)
		}
		if got := unit(t, f, u.ID); got.Name != u.Name || got.BankAccount != u.BankAccount {
			t.Errorf("changed before review: %+v", got)
		}
		_, err = s.ChangeUnit(ctx, f.OpA, changes.UnitRequest{Contact: u.Contact, Phone: "021-66668888", Address: u.Address,
			BankAccount: "622202100123456789", Name: "又一个名字", CreditCode: u.CreditCode, Reason: "x"})
		demotest.WantError(t, err, shebao.EREFUSED, catalogue.ReasonChangePending)
		if err := decide(t, f, s, res.Review.ID, true); err != nil {
			t.Fatal(err)
		}
		if got := unit(t, f, u.ID); got.Name != r.Name || got.LegalRep != "王五" || got.BankAccount != "622202100123456789" {
			t.Errorf("after approval: %+v", got)
		}
		h, err := s.UnitHistory(ctx, f.OpA, 0, 0, 0)
		if err != nil || h.Total != 4 {
			t.Fatalf("history: %+v %v", h, err)
		}
		byField := fields(h.Changes)
		if c := byField["name"]; c.Old != u.Name || c.New != r.Name || c.ItemID != res.Review.ID || c.By != f.OpA.AccountID {
			t.Errorf("name history: %+v", c)
		}
		if c := byField["bank_account"]; c.Old != "" || c.New != "622202100123456789" {
			t.Errorf("bank account history: %+v", c)
		}
	})
}

func TestUnitChangeBadInput(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := demotest.Load(t, db)
		s := &changes.Service{Store: db, Clock: f.Clock}
		ctx := t.Context()
		u := f.UnitA
		tests := []struct {
			name         string
			edit         func(r *changes.UnitRequest)
			code, reason string
		}{
			{"nothing", func(r *changes.UnitRequest) {}, shebao.EINVALID, catalogue.ReasonNothingChanged},
			{"no reason", func(r *changes.UnitRequest) { r.Name = "新名字" }, shebao.EINVALID, shebao.ReasonRequired},
			{"bad credit code", func(r *changes.UnitRequest) { r.CreditCode = u.CreditCode[:17] + "0"; r.Reason = "x" },
				shebao.EINVALID, ""},
			{"credit code of unit B", func(r *changes.UnitRequest) { r.CreditCode = f.UnitB.CreditCode; r.Reason = "x" },
				shebao.EREFUSED, catalogue.ReasonCreditTaken},
			{"bad phone", func(r *changes.UnitRequest) { r.Phone = "call me" }, shebao.EINVALID, catalogue.ReasonPhoneMalformed},
			{"bad bank account", func(r *changes.UnitRequest) { r.BankAccount = "12-34" }, shebao.EINVALID, catalogue.ReasonBankMalformed},
			{"empty contact", func(r *changes.UnitRequest) { r.Contact = " " }, shebao.EINVALID, shebao.ReasonRequired},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				r := form(u)
				tt.edit(&r)
				_, err := s.ChangeUnit(ctx, f.OpA, r)
				demotest.WantError(t, err, tt.code, tt.reason)
			})
		}
		// A field changed after the request: the approval fails and changes nothing.
		r := form(u)
		r.Name, r.Reason = "新名字", "更名"
		res, err := s.ChangeUnit(ctx, f.OpA, r)
		if err != nil {
			t.Fatal(err)
		}
		err = db.InTx(ctx, func(tx shebao.Tx) error {
			cur, err := tx.Unit(ctx, u.ID)
			if err != nil {
				return err
			}
			cur.Name = "别人改的名字"
			return tx.UpdateUnit(ctx, cur)
		})
		if err != nil {
			t.Fatal(err)
		}
		demotest.WantError(t, decide(t, f, s, res.Review.ID, true), shebao.EREFUSED, catalogue.ReasonChangedSince)
		if it := f.Item(t, res.Review.ID); it.Status != shebao.StatusInReview {
			t.Errorf("a failed hook left the item %s", it.Status)
		}
		// Returned: nothing applied.
		if err := decide(t, f, s, res.Review.ID, false); err != nil {
			t.Fatal(err)
		}
		if got := unit(t, f, u.ID); got.Name != "别人改的名字" {
			t.Errorf("returned change applied: %q", got.Name)
		}
	})
}

func TestPersonChange(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := demotest.Load(t, db)
		s := &changes.Service{Store: db, Clock: f.Clock}
		ctx := t.Context()
		p := f.Insured(t, f.UnitA.ID, shebao.Female, "", 19800101, 201001, 0)
		other := f.Insured(t, f.UnitB.ID, shebao.Male, "", 19810101, 201001, 0)

		// Phone and address: at once.
		res, err := s.ChangePerson(ctx, f.OpA, changes.PersonRequest{IDNumber: p.IDNumber, Phone: "13911112222",
			Address: "上海市浦东新区", Name: p.Name})
		if err != nil || res.Applied.ID == 0 || res.Review.ID != 0 {
			t.Fatalf("at once: %+v %v", res, err)
		}
		// Another person's ID number: refused at once.
		_, err = s.ChangePerson(ctx, f.OpA, changes.PersonRequest{IDNumber: p.IDNumber, Phone: "13911112222",
			Address: "上海市浦东新区", Name: p.Name, NewIDNumber: other.IDNumber, Reason: "录入错误"})
		demotest.WantError(t, err, shebao.EREFUSED, catalogue.ReasonIDTaken)
		// An ID-number correction, with the post category: in review, then
		// approved; birth date and sex follow the new number.
		corrected := f.IDNumber(19790315, shebao.Male)
		res, err = s.ChangePerson(ctx, f.OpA, changes.PersonRequest{IDNumber: p.IDNumber, Phone: "13911112222",
			Address: "上海市浦东新区", Name: "张三丰", NewIDNumber: corrected, PostCategory: shebao.PostCadre, Reason: "录入错误"})
		if err != nil || res.Review.Status != shebao.StatusInReview {
			t.Fatalf("correction: %+v %v", res, err)
		}
		if err := decide(t, f, s, res.Review.ID, true); err != nil {
			t.Fatal(err)
		}
		got, h, err := s.PersonHistory(ctx, f.OpA, 0, corrected, 0, 0)
		if err != nil {
			t.Fatal(err)
		}
		if got.Name != "张三丰" || got.BirthDate != 19790315 || got.Sex != shebao.Male || got.PostCategory != shebao.PostCadre ||
			got.Phone != "13911112222" {
			t.Errorf("person after approval: %+v", got)
		}
		byField := fields(h.Changes)
		for _, name := range []string{"phone", "address", "name", "id_number", "birth_date", "sex", "post_category"} {
			if _, ok := byField[name]; !ok {
				t.Errorf("no history of %s: %+v", name, h.Changes)
			}
		}
		if c := byField["id_number"]; c.Old != p.IDNumber || c.New != corrected {
			t.Errorf("id history: %+v", c)
		}
	})
}

// TestPersonChangeCollision: the corrected number was free at submission
// but another person has it by the time of approval: the approval fails.
func TestPersonChangeCollision(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := demotest.Load(t, db)
		s := &changes.Service{Store: db, Clock: f.Clock}
		ctx := t.Context()
		p := f.Insured(t, f.UnitA.ID, shebao.Male, "", 19800101, 201001, 0)
		corrected := f.IDNumber(19800102, shebao.Male)
		res, err := s.ChangePerson(ctx, f.OpA, changes.PersonRequest{IDNumber: p.IDNumber, Phone: p.Phone,
			Address: p.Address, Name: p.Name, NewIDNumber: corrected, Reason: "录入错误"})
		if err != nil {
			t.Fatal(err)
		}
		err = db.InTx(ctx, func(tx shebao.Tx) error {
			q := shebao.Person{IDNumber: corrected, Name: "后来者", Sex: shebao.Male, BirthDate: 19800102}
			return tx.CreatePerson(ctx, &q)
		})
		if err != nil {
			t.Fatal(err)
		}
		demotest.WantError(t, decide(t, f, s, res.Review.ID, true), shebao.EREFUSED, catalogue.ReasonIDTaken)
	})
}

// TestChangeIsolation: unit B's operator cannot change or see unit A's
// person, and sees only its own unit's history.
func TestChangeIsolation(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := demotest.Load(t, db)
		s := &changes.Service{Store: db, Clock: f.Clock}
		ctx := t.Context()
		p := f.Insured(t, f.UnitA.ID, shebao.Male, "", 19800101, 201001, 0)
		_, err := s.ChangePerson(ctx, f.OpB, changes.PersonRequest{IDNumber: p.IDNumber, Phone: "13900000001", Name: p.Name})
		demotest.WantError(t, err, shebao.EREFUSED, catalogue.ReasonNotOfUnit)
		_, _, err = s.PersonHistory(ctx, f.OpB, 0, p.IDNumber, 0, 0)
		demotest.WantError(t, err, shebao.EREFUSED, catalogue.ReasonNotOfUnit)
		_, err = s.Person(ctx, f.OpB, f.UnitA.ID, p.IDNumber)
		demotest.WantError(t, err, shebao.EFORBIDDEN, shebao.ReasonForbidden) // another unit named
		_, err = s.Person(ctx, f.OpB, 0, p.IDNumber)
		demotest.WantError(t, err, shebao.EREFUSED, catalogue.ReasonNotOfUnit)
		r := form(f.UnitA)
		r.Phone = "021-12345678"
		if _, err := s.ChangeUnit(ctx, f.OpA, r); err != nil {
			t.Fatal(err)
		}
		// An operator naming another unit is refused (shebao.Actor.ActFor).
		_, err = s.Unit(ctx, f.OpB, f.UnitA.ID)
		demotest.WantError(t, err, shebao.EFORBIDDEN, shebao.ReasonForbidden)
		_, err = s.UnitHistory(ctx, f.OpB, f.UnitA.ID, 0, 0)
		demotest.WantError(t, err, shebao.EFORBIDDEN, shebao.ReasonForbidden)
		h, err := s.UnitHistory(ctx, f.OpB, 0, 0, 0)
		if err != nil || h.Total != 0 {
			t.Errorf("unit B sees %d changes (%v)", h.Total, err)
		}
	})
}
