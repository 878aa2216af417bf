package collection_test

import (
	"testing"

	"shebao"
	"shebao/backpay"
	"shebao/demo/demotest"
	"shebao/review"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

// TestBackpayPaidByHandCountsTheAmount: a back-pay item staff record paid
// by hand counts collected in the unit's account by the amount recorded
// with the marking (here the principal only, no late fee), not in full.
func TestBackpayPaidByHandCountsTheAmount(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := t.Context()
		f := demotest.Load(t, db)
		set := demotest.Services(t, db, f.Clock)
		it, q, err := set.Backpay.Submit(ctx, f.OpA, backpay.Request{IDNumber: f.Guide.Backpay,
			From: 202511, To: 202604, Wage: 900000})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := set.Review.Decide(ctx, f.Reviewer, review.Decision{ItemID: it.ID, Approve: true}); err != nil {
			t.Fatal(err)
		}
		principal := q.Employer + q.Employee
		if err := set.Billing.SetBackpayPaid(ctx, f.Clerk, f.UnitA.ID, it.ID, principal); err != nil {
			t.Fatal(err)
		}
		acc, err := set.Collection.Account(ctx, f.OpA, 0)
		if err != nil {
			t.Fatal(err)
		}
		var bp, fees, collected shebao.Fen
		for _, a := range acc {
			if a.Period >= 202511 && a.Period <= 202604 {
				bp, fees, collected = bp+a.Backpay, fees+a.LateFee, collected+a.Collected
			}
		}
		if bp != principal || fees == 0 || collected != principal {
			t.Errorf("account of the back-pay: %s, fees %s, collected %s; want %s collected (recorded paid)", bp, fees, collected, principal)
		}
	})
}
