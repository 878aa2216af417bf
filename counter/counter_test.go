package counter_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"shebao"
	"shebao/counter"
	"shebao/demo"
	"shebao/demo/demotest"
	"shebao/handling"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

// day15 is the counter's last day for increase/decrease items in July 2026.
var day15 = shebao.NewDate(2026, 7, 15)

// setup loads the district on day 15 and returns the counter, its clock,
// the clerk and the demo's guide.
func setup(t *testing.T, db *sqldb.DB) (*counter.Service, *demotest.Clock, shebao.Actor, demo.Guide) {
	t.Helper()
	clock := demotest.NewClock(day15)
	g := demotest.District(t, db, clock)
	h := &handling.Service{Store: db, Clock: clock}
	return &counter.Service{Store: db, Clock: clock, Handling: h}, clock, demotest.Actor(t, db, "clerk"), g
}

func countItems(t *testing.T, db *sqldb.DB) int {
	t.Helper()
	var n int
	err := db.View(context.Background(), func(tx shebao.Tx) error {
		var err error
		_, n, err = tx.Items(context.Background(), shebao.ItemFilter{Limit: 1})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func item(t *testing.T, db *sqldb.DB, id int64) shebao.Item {
	t.Helper()
	var it shebao.Item
	err := db.View(context.Background(), func(tx shebao.Tx) error {
		var err error
		it, err = tx.Item(context.Background(), id)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return it
}

func unitID(t *testing.T, db *sqldb.DB, code string) int64 {
	t.Helper()
	var u shebao.Unit
	err := db.View(context.Background(), func(tx shebao.Tx) error {
		var err error
		u, err = tx.UnitByCreditCode(context.Background(), code)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return u.ID
}

func TestCounterDayRule(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		s, clock, clerk, guide := setup(t, db)
		ctx := context.Background()
		a := unitID(t, db, guide.UnitACode)

		// Day 15: the counter takes an enrollment.
		it, err := s.Handling.Submit(ctx, clerk, handling.Request{Type: shebao.ItemEnroll, UnitID: a, IDNumber: guide.Enroll[0], Wage: 800000})
		if err != nil || it.Status != shebao.StatusApproved || it.Channel != shebao.Counter || it.UnitID != a {
			t.Fatalf("day 15 at the counter: %+v %v", it, err)
		}

		// Day 16: the counter refuses it, and says why.
		clock.Add(24 * time.Hour)
		it, err = s.Handling.Submit(ctx, clerk, handling.Request{Type: shebao.ItemEnroll, UnitID: a, IDNumber: guide.Enroll[1], Wage: 800000})
		if err != nil || it.Status != shebao.StatusRefused || len(it.Reasons) == 0 || it.Reasons[0] != shebao.ReasonCounterClosed {
			t.Fatalf("day 16 at the counter: %+v %v", it, err)
		}

		// Day 16: self-service takes the same person.
		op := demotest.Actor(t, db, guide.OperatorA)
		op.Channel, op.Terminal = shebao.SelfService, guide.Terminal
		it, err = s.Handling.Submit(ctx, op, handling.Request{Type: shebao.ItemEnroll, IDNumber: guide.Enroll[1], Wage: 800000})
		if err != nil || it.Status != shebao.StatusApproved || it.Terminal != guide.Terminal {
			t.Fatalf("day 16 on self-service: %+v %v", it, err)
		}

		// Counter-only items are taken all month.
		rec, err := s.Record(ctx, clerk, counter.Request{Type: shebao.ItemCard, UnitID: a, IDNumber: guide.Stop[0],
			Documents: []string{"id_original", "id_copy", "photo", "card_form"}})
		if err != nil || rec.Status != shebao.StatusApproved {
			t.Fatalf("card production on day 16: %+v %v", rec, err)
		}
	})
}

func TestCounterSuspendedUnit(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		s, _, clerk, guide := setup(t, db)
		ctx := context.Background()
		a := unitID(t, db, guide.UnitACode)
		err := db.InTx(ctx, func(tx shebao.Tx) error {
			u, err := tx.Unit(ctx, a)
			if err != nil {
				return err
			}
			u.Status = shebao.UnitSuspended
			return tx.UpdateUnit(ctx, u)
		})
		if err != nil {
			t.Fatal(err)
		}
		before := countItems(t, db)
		_, err = s.ActFor(ctx, clerk, a)
		demotest.WantError(t, err, shebao.EREFUSED, counter.ReasonUnitSuspended)
		if e := shebao.AsError(err); len(e.Args) != 1 || e.Args[0] != guide.UnitA {
			t.Errorf("the message does not name the unit: %v", e.Args)
		}
		_, err = s.Record(ctx, clerk, counter.Request{Type: shebao.ItemCard, UnitID: a, IDNumber: guide.Stop[0],
			Documents: []string{"id_original", "id_copy", "photo", "card_form"}})
		demotest.WantError(t, err, shebao.EREFUSED, counter.ReasonUnitSuspended)
		if after := countItems(t, db); after != before {
			t.Errorf("acting for a suspended unit wrote %d items", after-before)
		}
		// The unit can still be looked at.
		if u, err := s.Unit(ctx, clerk, a); err != nil || u.Status != shebao.UnitSuspended {
			t.Errorf("unit page of a suspended unit: %+v %v", u, err)
		}
	})
}

func TestCounterOnlyItems(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		s, _, clerk, guide := setup(t, db)
		ctx := context.Background()
		a := unitID(t, db, guide.UnitACode)
		req := counter.Request{Type: shebao.ItemMaternity, UnitID: a, IDNumber: guide.Stop[1], ClientKey: "k1",
			Documents: []string{"id_original", "birth_cert", "medical_record", "bank_card", "unit_letter"},
			Remark:    "  津贴按月发放  "}
		it, err := s.Record(ctx, clerk, req)
		if err != nil {
			t.Fatal(err)
		}
		if it.Status != shebao.StatusApproved || it.Channel != shebao.Counter || it.Note != "津贴按月发放" || it.Receipt == "" {
			t.Errorf("recorded item: %+v", it)
		}
		stored := item(t, db, it.ID)
		var p counter.Payload
		if err := json.Unmarshal([]byte(stored.Payload), &p); err != nil || len(p.Checklist) != 6 {
			t.Fatalf("payload %q: %v", stored.Payload, err)
		}
		for _, c := range p.Checklist {
			if c.Checked != (c.Document != "marriage_cert") {
				t.Errorf("checklist line %+v", c)
			}
		}
		if stored.Note != "津贴按月发放" || stored.CreatedBy != clerk.AccountID {
			t.Errorf("stored item: note %q by %d", stored.Note, stored.CreatedBy)
		}
		// The same form sent again returns the same item.
		again, err := s.Record(ctx, clerk, req)
		if err != nil || again.ID != it.ID {
			t.Errorf("repeated submission: %d %v, want %d", again.ID, err, it.ID)
		}
		// Its audit entry names the unit, the person and the item.
		var rows []shebao.AuditEntry
		err = db.View(ctx, func(tx shebao.Tx) error {
			var err error
			rows, _, err = sqldbtest.AuditLog(ctx, tx, shebao.AuditFilter{Action: "item.maternity"})
			return err
		})
		if err != nil || len(rows) != 1 || rows[0].ItemID != it.ID || rows[0].UnitID != a || rows[0].PersonID != it.PersonID || rows[0].Channel != shebao.Counter {
			t.Errorf("audit: %+v %v", rows, err)
		}

		bad := []struct {
			name   string
			req    counter.Request
			code   string
			reason string
		}{
			{"missing documents", counter.Request{Type: shebao.ItemCard, UnitID: a, IDNumber: guide.Stop[0], Documents: []string{"id_original"}},
				shebao.EINVALID, counter.ReasonDocumentsMissing},
			{"unknown document", counter.Request{Type: shebao.ItemCard, UnitID: a, IDNumber: guide.Stop[0], Documents: []string{"passport"}},
				shebao.EINVALID, counter.ReasonUnknownDocument},
			{"not a counter item", counter.Request{Type: shebao.ItemEnroll, UnitID: a, IDNumber: guide.Stop[0]},
				shebao.EINVALID, shebao.ReasonUnknownItemType},
			{"bad ID number", counter.Request{Type: shebao.ItemCard, UnitID: a, IDNumber: "110105", Documents: []string{"id_original", "id_copy", "photo", "card_form"}},
				shebao.EINVALID, shebao.ReasonIDLength},
			{"never insured here", counter.Request{Type: shebao.ItemCard, UnitID: a, IDNumber: guide.NoRegistration, Documents: []string{"id_original", "id_copy", "photo", "card_form"}},
				shebao.EREFUSED, counter.ReasonNotInsuredHere},
			{"unknown unit", counter.Request{Type: shebao.ItemCard, UnitID: 99999, IDNumber: guide.Stop[0], Documents: []string{"id_original", "id_copy", "photo", "card_form"}},
				shebao.ENOTFOUND, ""},
		}
		for _, b := range bad {
			_, err := s.Record(ctx, clerk, b.req)
			if e := shebao.AsError(err); err == nil || e.Code != b.code || (b.reason != "" && e.Reason != b.reason) {
				t.Errorf("%s: %v, want %s %s", b.name, err, b.code, b.reason)
			}
		}
	})
}

func TestCounterRoles(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		s, _, _, guide := setup(t, db)
		ctx := context.Background()
		a := unitID(t, db, guide.UnitACode)
		for _, name := range []string{"reviewer", guide.OperatorA} {
			who := demotest.Actor(t, db, name)
			_, _, err := s.Units(ctx, who, "", 10, 0)
			demotest.WantError(t, err, shebao.EFORBIDDEN, "")
			_, err = s.Record(ctx, who, counter.Request{Type: shebao.ItemCard, UnitID: a, IDNumber: guide.Stop[0]})
			demotest.WantError(t, err, shebao.EFORBIDDEN, "")
		}
		// The clerk finds units by name or by credit code.
		clerk := demotest.Actor(t, db, "clerk")
		for _, q := range []string{guide.UnitA[:6], guide.UnitACode[:10]} {
			units, n, err := s.Units(ctx, clerk, q, 10, 0)
			if err != nil || n != 1 || units[0].ID != a {
				t.Errorf("search %q: %d units %v", q, n, err)
			}
		}
	})
}
