package batch_test

import (
	"context"
	"strings"
	"testing"

	"shebao"
	"shebao/batch"
	"shebao/i18n"
	"shebao/rules"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

// TestLegacyIDFollowsTheChannel: a legacy 15-digit ID number in a batch is
// read as on the uploader's channel (docs/RULES.md#identifiers): a clerk's
// row is converted, states the conversion and makes an item that states it
// too; an operator's row is sent to the counter, as the single form does.
func TestLegacyIDFollowsTheChannel(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		fx := newFixture(t, db)
		const legacy = "110105900101123"
		id, err := rules.UpgradeIDNumber(legacy, day)
		if err != nil {
			t.Fatal(err)
		}
		err = db.InTx(ctx, func(tx shebao.Tx) error {
			p := shebao.Person{IDNumber: id.Number, Name: "老号码", Sex: id.Sex, BirthDate: id.Birth}
			if err := tx.CreatePerson(ctx, &p); err != nil {
				return err
			}
			r := shebao.Registration{SourceID: "T-legacy", PersonID: p.ID, UnitID: fx.unit.ID,
				Start: shebao.NewDate(2026, 6, 1), RegisteredOn: shebao.NewDate(2026, 6, 1)}
			return tx.PutRegistration(ctx, &r)
		})
		if err != nil {
			t.Fatal(err)
		}
		file := workbook(t, enrollHeader, [][]any{{legacy, "老号码", "新参保", 8000}})

		b, err := fx.svc.Upload(ctx, fx.op, 0, shebao.BatchEnroll, "op.xlsx", file)
		if err != nil {
			t.Fatal(err)
		}
		_, rows, _ := fx.svc.Rows(ctx, fx.op, b.ID)
		if rows[0].Outcome != shebao.RowMalformed || rows[0].Reason != shebao.ReasonIDLegacy {
			t.Errorf("the operator's row: %s %s, want malformed %s", rows[0].Outcome, rows[0].Reason, shebao.ReasonIDLegacy)
		}

		clerk := clerkActor(t, fx)
		b, err = fx.svc.Upload(ctx, clerk, fx.unit.ID, shebao.BatchEnroll, "clerk.xlsx", file)
		if err != nil {
			t.Fatal(err)
		}
		_, rows, _ = fx.svc.Rows(ctx, clerk, b.ID)
		if r := rows[0]; r.Outcome != shebao.RowOK || r.IDNumber != id.Number || r.LegacyID != legacy {
			t.Fatalf("the clerk's row: %s %s %q from %q, want ok %q from %q", r.Outcome, r.Reason, r.IDNumber, r.LegacyID, id.Number, legacy)
		}
		note := i18n.T(i18n.ZH, "note.legacy_id", shebao.MaskIDNumber(legacy))
		if got := batch.RowText(i18n.ZH, rows[0]); !strings.Contains(got, note) {
			t.Errorf("the clerk's row says %q, without the conversion", got)
		}
		if _, err := fx.svc.Begin(ctx, clerk, b.ID, false); err != nil {
			t.Fatal(err)
		}
		_, rows, _ = fx.svc.Rows(ctx, clerk, b.ID)
		if rows[0].Outcome != shebao.RowApplied || !strings.Contains(batch.RowText(i18n.ZH, rows[0]), note) {
			t.Fatalf("the applied row: %s %q", rows[0].Outcome, batch.RowText(i18n.ZH, rows[0]))
		}
		var it shebao.Item
		err = db.View(ctx, func(tx shebao.Tx) error {
			var err error
			it, err = tx.Item(ctx, rows[0].ItemID)
			return err
		})
		if err != nil || it.IDNumber != id.Number || shebao.NotesOf(it).LegacyID != legacy {
			t.Errorf("the item: %q, notes %+v, %v; want %q converted from %q", it.IDNumber, shebao.NotesOf(it), err, id.Number, legacy)
		}
	})
}

// clerkActor is the district's clerk, on the counter channel.
func clerkActor(t *testing.T, fx *fixture) shebao.Actor {
	t.Helper()
	var a shebao.Actor
	err := fx.db.View(context.Background(), func(tx shebao.Tx) error {
		acc, err := tx.AccountByUsername(context.Background(), fx.guide.Clerk)
		a = shebao.Actor{AccountID: acc.ID, Username: acc.Username, Role: acc.Role, Channel: shebao.Counter}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return a
}
