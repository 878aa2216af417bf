package collection_test

import (
	"testing"
	"time"

	"shebao"
	"shebao/changes"
	"shebao/demo/demotest"
	"shebao/review"
	"shebao/services"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

// closeMonth assesses and closes period p.
func closeMonth(t *testing.T, set *services.Set, p shebao.Period) {
	t.Helper()
	if _, err := set.Billing.Assess(t.Context(), p, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := set.Billing.Close(t.Context(), p); err != nil {
		t.Fatal(err)
	}
}

// changeAccount has unit u's operator ask for a new bank account and a
// reviewer approve it on the clock's day.
func changeAccount(t *testing.T, set *services.Set, f *demotest.Fixture, op shebao.Actor, u shebao.Unit, account string) {
	t.Helper()
	res, err := set.Changes.ChangeUnit(t.Context(), op, changes.UnitRequest{Contact: u.Contact, Phone: u.Phone,
		Address: u.Address, BankAccount: account, Name: u.Name, CreditCode: u.CreditCode, LegalRep: u.LegalRep,
		Reason: "开户行变更"})
	if err != nil || res.Review.ID == 0 {
		t.Fatalf("change the account: %+v %v", res, err)
	}
	if _, err := set.Review.Decide(t.Context(), f.Reviewer, review.Decision{ItemID: res.Review.ID, Approve: true}); err != nil {
		t.Fatal(err)
	}
}

// accounts returns the deduction account of each unit's month line on p's list.
func accounts(t *testing.T, set *services.Set, f *demotest.Fixture, p shebao.Period) map[string]string {
	t.Helper()
	recs, _ := listRows(t, set.Collection, f.Clerk, p)
	out := map[string]string{}
	for _, r := range recs[1 : len(recs)-1] {
		if r[6] == "当月" {
			out[r[2]] = r[4]
		}
	}
	return out
}

// TestAccountOnDueDate: the list uses the deduction account in force on
// its due date. A change approved before the due date is on that month's
// list; one approved after it is not (the list exported later still shows
// the old account), and is on the next month's.
func TestAccountOnDueDate(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := demotest.Load(t, db)
		set := demotest.Services(t, db, f.Clock)
		const jun, jul = shebao.Period(202606), shebao.Period(202607)
		closeMonth(t, set, jun) // due 2026-07-20
		const oldB = "6222000055556666"

		changeAccount(t, set, f, f.OpA, f.UnitA, "6222000011112222") // 8 July: before the due date
		changeAccount(t, set, f, f.OpB, f.UnitB, oldB)
		f.Clock.Set(shebao.NewDate(2026, 7, 21).Time().Add(9 * time.Hour))
		u, err := set.Changes.Unit(t.Context(), f.OpB, 0)
		if err != nil {
			t.Fatal(err)
		}
		changeAccount(t, set, f, f.OpB, u, "6222000033334444") // 21 July: after it

		got := accounts(t, set, f, jun)
		if got[f.UnitA.CreditCode] != "6222000011112222" {
			t.Errorf("unit A, changed before the due date: %q on June's list", got[f.UnitA.CreditCode])
		}
		if got[f.UnitB.CreditCode] != oldB {
			t.Errorf("unit B, changed after the due date: %q on June's list, want the old %q", got[f.UnitB.CreditCode], oldB)
		}
		var hist []shebao.UnitAccount
		err = db.View(t.Context(), func(tx shebao.Tx) (err error) { hist, err = tx.UnitAccounts(t.Context(), f.UnitB.ID); return err })
		if err != nil || len(hist) != 3 || hist[1].Account != oldB || hist[1].From != 20260708 || hist[2].From != 20260721 || hist[2].ItemID == 0 {
			t.Errorf("unit B's accounts: %+v %v", hist, err)
		}

		f.Clock.Set(shebao.NewDate(2026, 8, 3).Time().Add(9 * time.Hour))
		closeMonth(t, set, jul) // due 2026-08-20
		if got := accounts(t, set, f, jul); got[f.UnitB.CreditCode] != "6222000033334444" {
			t.Errorf("unit B on July's list: %q, want the new account", got[f.UnitB.CreditCode])
		}
	})
}
