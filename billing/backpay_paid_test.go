package billing_test

import (
	"context"
	"testing"
	"time"

	"shebao"
	"shebao/backpay"
	"shebao/billing"
	"shebao/demo/demotest"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

// TestSetBackpayPaid approves a back-pay of the demo's back-pay case
// (2026-03..2026-04) and records it paid: operators and reviewers may not,
// another unit's item or an unknown one is not found, a clerk's mark takes
// the item off what the unit owes (the history and the export still show
// the months), and marking it again (by an admin) changes nothing and
// writes no second audit entry.
func TestSetBackpayPaid(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := t.Context()
		f := demotest.Load(t, db)
		it, q, err := (&backpay.Service{Store: db, Clock: f.Clock}).Submit(ctx, f.OpA,
			backpay.Request{IDNumber: f.Guide.Backpay, From: 202603, To: 202604, Wage: 900000})
		if err != nil || it.Status != shebao.StatusInReview {
			t.Fatalf("submit: %v %+v", err, it)
		}
		err = db.InTx(ctx, func(tx shebao.Tx) error {
			if err := tx.SetItemStatus(ctx, it.ID, shebao.StatusInReview, shebao.StatusApproved, nil, f.Clock.Now()); err != nil {
				return err
			}
			return backpay.Hook(ctx, tx, it, true, f.Clock.Now())
		})
		if err != nil {
			t.Fatal(err)
		}
		s := &billing.Service{Store: db, Clock: f.Clock}
		dues, err := backpayDue(s.Due(ctx, f.OpA, 0))
		if err != nil || len(dues) != 1 || dues[0].ItemID != it.ID || dues[0].Total() != q.Total {
			t.Fatalf("owed back-pay before = %+v, %v; want item %d", dues, err, it.ID)
		}

		demotest.WantError(t, s.SetBackpayPaid(ctx, f.OpA, f.UnitA.ID, it.ID, q.Total), shebao.EFORBIDDEN, shebao.ReasonForbidden)
		demotest.WantError(t, s.SetBackpayPaid(ctx, f.Reviewer, f.UnitA.ID, it.ID, q.Total), shebao.EFORBIDDEN, shebao.ReasonForbidden)
		demotest.WantError(t, s.SetBackpayPaid(ctx, f.Clerk, f.UnitB.ID, it.ID, q.Total), shebao.ENOTFOUND, shebao.ReasonNotFound)
		demotest.WantError(t, s.SetBackpayPaid(ctx, f.Clerk, f.UnitA.ID, it.ID+1000, q.Total), shebao.ENOTFOUND, shebao.ReasonNotFound)
		if dues, _ := backpayDue(s.Due(ctx, f.OpA, 0)); len(dues) != 1 {
			t.Fatalf("a refused mark changed what is owed: %+v", dues)
		}

		demotest.WantError(t, s.SetBackpayPaid(ctx, f.Clerk, f.UnitA.ID, it.ID, 0), shebao.EINVALID, shebao.ReasonAmountZero)
		paid := q.Total - 1_00 // the unit paid ¥1 less than quoted
		if err := s.SetBackpayPaid(ctx, f.Clerk, f.UnitA.ID, it.ID, paid); err != nil {
			t.Fatal(err)
		}
		paidAt := f.Clock.Now()
		if dues, err := backpayDue(s.Due(ctx, f.OpA, 0)); err != nil || len(dues) != 0 {
			t.Errorf("owed back-pay after marking paid = %+v, %v; want none", dues, err)
		}
		f.Clock.Add(time.Hour)
		if err := s.SetBackpayPaid(ctx, f.Admin, f.UnitA.ID, it.ID, q.Total); err != nil {
			t.Fatalf("marking twice: %v", err)
		}

		err = db.View(ctx, func(tx shebao.Tx) error {
			ms, err := tx.ItemBackpayMonths(ctx, it.ID)
			if err != nil {
				return err
			}
			if len(ms) != 2 {
				t.Errorf("item months = %+v", ms)
			}
			for _, m := range ms {
				if !m.PaidAt.Equal(paidAt) || m.PaidFen != paid {
					t.Errorf("month %s paid at %v, %s; want %v, %s (the first mark)", m.Period, m.PaidAt, m.PaidFen, paidAt, paid)
				}
			}
			es, n, err := sqldbtest.AuditLog(ctx, tx, shebao.AuditFilter{Action: "billing.backpay_paid", Limit: 10})
			if err != nil {
				return err
			}
			if n != 1 || len(es) != 1 || es[0].AccountID != f.Clerk.AccountID || es[0].UnitID != f.UnitA.ID || es[0].ItemID != it.ID {
				t.Errorf("audit = %d %+v, want one entry by the clerk", n, es)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}

		// The months stay charged where contributions are listed.
		var rows []billing.BackpayRow
		_, err = s.EachExportRow(context.Background(), f.OpA, 0, 202603, 202604, billing.ExportVisitor{
			Backpay: func(r billing.BackpayRow) error { rows = append(rows, r); return nil }})
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != 2 || !rows[0].Paid || rows[0].PaidFen != paid {
			t.Errorf("export after marking paid: back-pay %+v, want 2 months recorded paid, %s", rows, paid)
		}
	})
}

// backpayDue is the back-pay items of what a unit owes (Service.Due).
func backpayDue(d billing.Due, err error) ([]billing.BackpayDue, error) { return d.Backpay, err }
