package sqldb_test

import (
	"testing"
	"time"

	"shebao"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

// TestUnitItemWithoutPerson: an item about a unit has no person, and reads
// back with PersonID 0, payload and note.
func TestUnitItemWithoutPerson(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := t.Context()
		u := newUnit(t, db, "91110000AAAAAAAAA1", "甲公司")
		it := shebao.Item{Type: shebao.ItemUnitChange, UnitID: u.ID, Channel: shebao.Online, Period: 202607,
			Status: shebao.StatusInReview, Payload: `{"reason":"更名"}`, Note: "", CreatedBy: 3, CreatedAt: t0,
			UnitName: u.Name}
		update(t, db, func(tx shebao.Tx) error { return tx.InsertItem(ctx, &it) })
		view(t, db, func(tx shebao.Tx) error {
			got, err := tx.Item(ctx, it.ID)
			diff(t, "item", got, it)
			items, n, err2 := tx.Items(ctx, shebao.ItemFilter{UnitID: u.ID})
			if n != 1 || len(items) != 1 || err2 != nil {
				t.Errorf("Items = %d, %v", n, err2)
			}
			return err
		})
		u.BankAccount, u.LegalRep = "6222 0200 1234 5678", "李四"
		update(t, db, func(tx shebao.Tx) error { return tx.UpdateUnit(ctx, u) })
		view(t, db, func(tx shebao.Tx) error {
			got, err := tx.Unit(ctx, u.ID)
			diff(t, "unit", got, u)
			return err
		})
	})
}

// TestItemEvents: InsertItem and SetItemStatus write the timeline, a status
// change carries the item's note, and a lost race writes nothing.
func TestItemEvents(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := t.Context()
		u := newUnit(t, db, "91110000AAAAAAAAA1", "甲公司")
		p := newPerson(t, db, idNumber(1), "张三")
		it := newItem(u, p, t0)
		it.Type, it.Status, it.DecidedAt = shebao.ItemPersonChange, shebao.StatusInReview, time.Time{}
		update(t, db, func(tx shebao.Tx) error { return tx.InsertItem(ctx, &it) })
		t1 := t0.Add(time.Hour)
		update(t, db, func(tx shebao.Tx) error {
			if err := tx.SetItemNote(ctx, it.ID, "请补充材料"); err != nil {
				return err
			}
			return tx.SetItemStatus(ctx, it.ID, shebao.StatusInReview, shebao.StatusReturned, []string{"DOCS"}, t1)
		})
		err := db.InTx(ctx, func(tx shebao.Tx) error {
			return tx.SetItemStatus(ctx, it.ID, shebao.StatusInReview, shebao.StatusWithdrawn, nil, t1)
		})
		wantCode(t, err, shebao.ECONFLICT)
		view(t, db, func(tx shebao.Tx) error {
			evs, err := tx.ItemEvents(ctx, it.ID)
			for i := range evs {
				evs[i].ID = 0
			}
			diff(t, "events", evs, []shebao.ItemEvent{
				{ItemID: it.ID, Status: shebao.StatusInReview, At: t0.UTC(), By: 7},
				{ItemID: it.ID, From: shebao.StatusInReview, Status: shebao.StatusReturned, Reasons: []string{"DOCS"},
					Note: "请补充材料", At: t1.UTC()},
			})
			return err
		})
	})
}

func TestFieldChanges(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := t.Context()
		u := newUnit(t, db, "91110000AAAAAAAAA1", "甲公司")
		cs := []shebao.FieldChange{
			{Entity: shebao.EntityUnit, EntityID: u.ID, Field: "phone", Old: "1", New: "2", ItemID: 5, At: t0.UTC(), By: 9},
			{Entity: shebao.EntityUnit, EntityID: u.ID, Field: "name", Old: "甲", New: "乙", ItemID: 6, At: t0.Add(time.Minute).UTC(), By: 9},
			{Entity: shebao.EntityPerson, EntityID: u.ID, Field: "phone", Old: "3", New: "4", At: t0.UTC()},
		}
		update(t, db, func(tx shebao.Tx) error {
			for i := range cs {
				if err := tx.InsertFieldChange(ctx, &cs[i]); err != nil {
					return err
				}
			}
			return nil
		})
		view(t, db, func(tx shebao.Tx) error {
			got, n, err := tx.FieldChanges(ctx, shebao.EntityUnit, u.ID, 1, 0)
			if n != 2 {
				t.Errorf("total = %d, want 2", n)
			}
			diff(t, "newest change", got, cs[1:2])
			return err
		})
	})
}

func TestProofsAndKeys(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := t.Context()
		u := newUnit(t, db, "91110000AAAAAAAAA1", "甲公司")
		p := newPerson(t, db, idNumber(1), "张三")
		it := newItem(u, p, t0)
		it.Type = shebao.ItemProof
		update(t, db, func(tx shebao.Tx) error { return tx.InsertItem(ctx, &it) })
		view(t, db, func(tx shebao.Tx) error {
			_, err := tx.NewestProofKey(ctx)
			wantCode(t, err, shebao.ENOTFOUND)
			return nil
		})
		k1 := shebao.ProofKey{ID: "db-1", Secret: []byte{0, 1, 2, 255}, CreatedAt: t0.UTC()}
		k2 := shebao.ProofKey{ID: "db-2", Secret: []byte("second"), CreatedAt: t0.Add(time.Hour).UTC()}
		update(t, db, func(tx shebao.Tx) error {
			if err := tx.InsertProofKey(ctx, k1); err != nil {
				return err
			}
			return tx.InsertProofKey(ctx, k2)
		})
		wantCode(t, db.InTx(ctx, func(tx shebao.Tx) error { return tx.InsertProofKey(ctx, k1) }), shebao.ECONFLICT)
		pr := shebao.Proof{Code: "ABCD-EFGH", ItemID: it.ID, Kind: shebao.ProofPerson, UnitID: u.ID, PersonID: p.ID,
			IssuedAt: t0.UTC(), Content: `{"v":1}`, KeyID: "db-2", Signature: "00ff"}
		update(t, db, func(tx shebao.Tx) error { return tx.InsertProof(ctx, &pr) })
		dup := pr
		wantCode(t, db.InTx(ctx, func(tx shebao.Tx) error { return tx.InsertProof(ctx, &dup) }), shebao.ECONFLICT)
		view(t, db, func(tx shebao.Tx) error {
			got, err := tx.ProofByCode(ctx, "ABCD-EFGH")
			diff(t, "proof", got, pr)
			newest, err2 := tx.NewestProofKey(ctx)
			diff(t, "newest key", newest, k2)
			first, err3 := tx.ProofKey(ctx, "db-1")
			diff(t, "key 1", first, k1)
			_, err4 := tx.ProofByCode(ctx, "ABCD-EFGX")
			wantCode(t, err4, shebao.ENOTFOUND)
			for _, e := range []error{err, err2, err3} {
				if e != nil {
					return e
				}
			}
			return nil
		})
	})
}

// TestDecisions: only items decided after review count, and the seen time
// only moves forward.
func TestDecisions(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := t.Context()
		u := newUnit(t, db, "91110000AAAAAAAAA1", "甲公司")
		p := newPerson(t, db, idNumber(1), "张三")
		acct := shebao.Account{Username: "op", Role: shebao.RoleOperator, UnitID: u.ID}
		update(t, db, func(tx shebao.Tx) error { return tx.CreateAccount(ctx, &acct) })
		atOnce := newItem(u, p, t0)
		reviewed := newItem(u, p, t0)
		reviewed.Status = shebao.StatusInReview
		decided := t0.Add(2 * time.Hour)
		update(t, db, func(tx shebao.Tx) error {
			if err := tx.InsertItem(ctx, &atOnce); err != nil {
				return err
			}
			if err := tx.InsertItem(ctx, &reviewed); err != nil {
				return err
			}
			return tx.SetItemStatus(ctx, reviewed.ID, shebao.StatusInReview, shebao.StatusApproved, nil, decided)
		})
		view(t, db, func(tx shebao.Tx) error {
			seen, err := tx.DecisionsSeenAt(ctx, acct.ID)
			if err != nil || !seen.IsZero() {
				t.Errorf("seen = %v, %v", seen, err)
			}
			ds, err := tx.Decisions(ctx, u.ID, seen, 10)
			if len(ds) != 1 || ds[0].Item.ID != reviewed.ID || !ds[0].At.Equal(decided) {
				t.Errorf("decisions = %+v", ds)
			}
			return err
		})
		update(t, db, func(tx shebao.Tx) error {
			if err := tx.SetDecisionsSeenAt(ctx, acct.ID, decided); err != nil {
				return err
			}
			return tx.SetDecisionsSeenAt(ctx, acct.ID, t0)
		})
		view(t, db, func(tx shebao.Tx) error {
			seen, err := tx.DecisionsSeenAt(ctx, acct.ID)
			if !seen.Equal(decided) {
				t.Errorf("seen = %v, want %v", seen, decided)
			}
			ds, err2 := tx.Decisions(ctx, u.ID, seen, 10)
			if len(ds) != 0 || err2 != nil {
				t.Errorf("decisions after seen = %+v, %v", ds, err2)
			}
			return err
		})
	})
}
