package calendar_test

import (
	"testing"
	"time"

	"shebao"
	"shebao/changes"
	"shebao/declaration"
	"shebao/demo/demotest"
	"shebao/review"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

// TestMonth: the calendar's dates are those of their owners (the
// counter's last day, the deduction date of last month, the declaration
// window while open), and its to-do list follows what the unit does: a
// declaration made leaves one employee fewer to declare, a month owed and
// a returned item appear, and the window closed leaves nothing to declare.
func TestMonth(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := t.Context()
		f := demotest.Load(t, db)
		set := demotest.Services(t, db, f.Clock)
		c, err := set.Calendar.Month(ctx, f.OpA, 0)
		if err != nil {
			t.Fatal(err)
		}
		last, open, err := set.Counter.Open(ctx)
		if err != nil {
			t.Fatal(err)
		}
		w, _, wopen, err := set.Declaration.CurrentWindow(ctx)
		if err != nil || !wopen {
			t.Fatalf("the demo's window is not open on %s: %v", demotest.Today, err)
		}
		if c.UnitID != f.UnitA.ID || c.CounterLastDay != shebao.NewDate(2026, 7, last) || c.CounterOpen != open ||
			c.Deduction != set.Collection.DueDate(202606) || c.DeductionPeriod != 202606 ||
			c.Declaration == nil || c.Declaration.To != w.To || c.Period == 0 {
			t.Fatalf("calendar on %s: %+v", demotest.Today, c)
		}
		if c.ToDo.Undeclared == 0 || c.ToDo.Months != 0 {
			t.Fatalf("to do on %s: %+v", demotest.Today, c.ToDo)
		}

		var bases []shebao.PersonBase
		err = db.View(ctx, func(tx shebao.Tx) (err error) { bases, err = tx.UnitBases(ctx, f.UnitA.ID, w.FromPeriod); return err })
		if err != nil || len(bases) == 0 {
			t.Fatalf("unit A's employees: %v", err)
		}
		res, err := set.Declaration.Declare(ctx, f.OpA, 0, declaration.Entry{IDNumber: bases[0].Person.IDNumber,
			Name: bases[0].Person.Name, Wage: "9000", ClientKey: "cal"})
		if err != nil || len(res.Errors) != 0 {
			t.Fatalf("declare: %+v %v", res.Errors, err)
		}
		if c2, _ := set.Calendar.Month(ctx, f.OpA, 0); c2.ToDo.Undeclared != c.ToDo.Undeclared-1 {
			t.Errorf("after one declaration: %d to declare, before %d", c2.ToDo.Undeclared, c.ToDo.Undeclared)
		}

		// Unit B asks for a new bank account; the reviewer returns it.
		u := f.UnitB
		ch, err := set.Changes.ChangeUnit(ctx, f.OpB, changes.UnitRequest{Contact: u.Contact, Phone: u.Phone,
			Address: u.Address, BankAccount: "6222000011112222", Name: u.Name, CreditCode: u.CreditCode,
			LegalRep: u.LegalRep, Reason: "开户行变更"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := set.Review.Decide(ctx, f.Reviewer, review.Decision{ItemID: ch.Review.ID, Reason: "材料不全"}); err != nil {
			t.Fatal(err)
		}
		if cb, err := set.Calendar.Month(ctx, f.OpB, 0); err != nil || cb.ToDo.Returned != 1 {
			t.Errorf("unit B after a return: %+v %v", cb.ToDo, err)
		}
		_, err = set.Calendar.Month(ctx, f.OpB, f.UnitA.ID)
		demotest.WantError(t, err, shebao.EFORBIDDEN, "")

		if _, err := set.Billing.Assess(ctx, 202606, nil); err != nil {
			t.Fatal(err)
		}
		if _, err := set.Billing.Close(ctx, 202606); err != nil {
			t.Fatal(err)
		}
		f.Clock.Set(shebao.NewDate(2026, 8, 3).Time().Add(10 * time.Hour))
		c, err = set.Calendar.Month(ctx, f.Clerk, f.UnitA.ID)
		if err != nil {
			t.Fatal(err)
		}
		owed, _ := set.Collection.UnitOwed(ctx, f.Clerk, f.UnitA.ID)
		if len(owed) != 1 || c.ToDo.Months != 1 || c.ToDo.MonthsOwed != owed[0].Total() || owed[0].LateFee == 0 {
			t.Errorf("on 3 August June is owed: %+v, owed %+v", c.ToDo, owed)
		}
		if c.Declaration != nil || c.ToDo.Undeclared != 0 || c.Deduction != set.Collection.DueDate(202607) ||
			c.CounterLastDay != shebao.NewDate(2026, 8, last) || !c.CounterOpen {
			t.Errorf("on 3 August: %+v", c)
		}
	})
}
