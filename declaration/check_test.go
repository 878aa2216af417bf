package declaration_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"shebao"
	"shebao/declaration"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

// declareItems counts the unit's declare items.
func (f *fixture) declareItems(t *testing.T) int {
	t.Helper()
	ctx := context.Background()
	var n int
	err := f.db.View(ctx, func(tx shebao.Tx) error {
		var err error
		_, n, err = tx.Items(ctx, shebao.ItemFilter{UnitID: f.unit.ID, Type: shebao.ItemDeclare, Limit: 1})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestCheckThenApply: Check writes nothing and says what Apply then does.
func TestCheckThenApply(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		p0, p1 := f.staff[0].Person, f.staff[1].Person
		entries := []declaration.Entry{
			{Row: 2, IDNumber: p0.IDNumber, Wage: "50000", ClientKey: "k2"},
			{Row: 3, IDNumber: p1.IDNumber, Name: "别人", Wage: "9000", ClientKey: "k3"},
			{Row: 4, IDNumber: p0.IDNumber, Wage: "9000", ClientKey: "k4"},
		}
		check, err := f.s.Check(ctx, f.op, 0, entries)
		if err != nil {
			t.Fatal(err)
		}
		if n := f.declareItems(t); n != 0 {
			t.Fatalf("Check wrote %d items", n)
		}
		applied, err := f.s.Apply(ctx, f.op, 0, entries)
		if err != nil {
			t.Fatal(err)
		}
		if len(applied.Lines) != 1 || applied.Lines[0].Item.ID == 0 || applied.Lines[0].Item.ClientKey != "k2" {
			t.Fatalf("applied %+v", applied.Lines)
		}
		if d := cmp.Diff(rowErrors(check.Errors), rowErrors(applied.Errors)); d != "" {
			t.Errorf("errors of Check and Apply differ (-check +apply):\n%s", d)
		}
		c, a := check.Lines[0], applied.Lines[0]
		if c.Base != a.Base || c.OldBase != a.OldBase || c.Change != a.Change || check.NewBill != applied.NewBill || check.OldBill != applied.OldBill {
			t.Errorf("check %+v %d→%d, apply %+v %d→%d", c, check.OldBill, check.NewBill, a, applied.OldBill, applied.NewBill)
		}
		if c.Change.Total() != c.NewMonthly-c.OldMonthly || c.Change.Employer <= 0 || c.Change.Employee <= 0 {
			t.Errorf("change %+v, monthly %d → %d", c.Change, c.OldMonthly, c.NewMonthly)
		}

		// The same entries again: the keyed good entry is found, not
		// declared twice, even after the window has closed.
		f.clock.Day = shebao.NewDate(2026, 8, 5)
		again, err := f.s.Apply(ctx, f.op, 0, entries[:1])
		if err != nil || len(again.Lines) != 1 || !again.Lines[0].Item.Replayed || again.Lines[0].Item.ID != a.Item.ID ||
			again.Lines[0].Base.Clamp != a.Base.Clamp || again.Lines[0].OldBase != a.OldBase {
			t.Fatalf("replay: %+v %v", again.Lines, err)
		}
		if n := f.declareItems(t); n != 1 {
			t.Fatalf("%d declare items, want 1", n)
		}
		// A new entry after the window: refused as a whole, nothing written.
		if _, err := f.s.Apply(ctx, f.op, 0, entries); shebao.AsError(err).Reason != declaration.ReasonWindowClosed {
			t.Errorf("apply after the window: %v", err)
		}
		if _, err := f.s.Check(ctx, f.op, 0, entries); shebao.AsError(err).Reason != declaration.ReasonWindowClosed {
			t.Errorf("check after the window: %v", err)
		}
		if n := f.declareItems(t); n != 1 {
			t.Fatalf("%d declare items, want 1", n)
		}
	})
}
