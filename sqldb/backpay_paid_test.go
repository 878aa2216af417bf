package sqldb_test

import (
	"testing"

	"shebao"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

// TestSetBackpayPaid checks the conditional update behind recording a
// back-pay item paid: only approved months of the unit's item are marked,
// once (a second mark changes nothing and keeps the first time), and the
// reads return when they were marked.
func TestSetBackpayPaid(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := t.Context()
		u := newUnit(t, db, "91110105MA0000001X", "甲公司")
		other := newUnit(t, db, "91110105MA0000002X", "乙公司")
		p := newPerson(t, db, idNumber(1), "张三")
		it := newItem(u, p, t0)
		update(t, db, func(tx shebao.Tx) error {
			if err := tx.InsertItem(ctx, &it); err != nil {
				return err
			}
			return tx.InsertBackpayMonths(ctx, []shebao.BackpayMonth{
				{ItemID: it.ID, PersonID: p.ID, UnitID: u.ID, Period: 202603, Base: 800000, Employer: 100, Employee: 50, LateFee: 7},
				{ItemID: it.ID, PersonID: p.ID, UnitID: u.ID, Period: 202604, Base: 800000, Employer: 100, Employee: 50, LateFee: 3},
			})
		})
		update(t, db, func(tx shebao.Tx) error {
			_, err := tx.SetBackpayPaid(ctx, it.ID, u.ID, 7, t0, 100)
			wantCode(t, err, shebao.ENOTFOUND) // still pending
			_, err = tx.SetBackpayMonths(ctx, it.ID, shebao.BackpayPending, shebao.BackpayApproved)
			return err
		})
		update(t, db, func(tx shebao.Tx) error {
			_, err := tx.SetBackpayPaid(ctx, it.ID, other.ID, 7, t0, 100)
			wantCode(t, err, shebao.ENOTFOUND)
			n, err := tx.SetBackpayPaid(ctx, it.ID, u.ID, 7, t0, 100)
			if err != nil || n != 2 {
				t.Errorf("first mark: %d, %v; want 2 months", n, err)
			}
			n, err = tx.SetBackpayPaid(ctx, it.ID, u.ID, 8, t0.AddDate(0, 0, 1), 100)
			if err != nil || n != 0 {
				t.Errorf("second mark: %d, %v; want 0", n, err)
			}
			return nil
		})
		view(t, db, func(tx shebao.Tx) error {
			ms, err := tx.UnitBackpayMonths(ctx, u.ID, 202601, 202612)
			if err != nil {
				return err
			}
			if len(ms) != 2 {
				t.Fatalf("unit months = %+v", ms)
			}
			for _, m := range ms {
				if !m.PaidAt.Equal(t0) {
					t.Errorf("month %s paid at %v, want %v", m.Period, m.PaidAt, t0)
				}
			}
			ms, err = tx.PersonBackpayMonths(ctx, p.ID)
			if err != nil || len(ms) != 2 || !ms[0].PaidAt.Equal(t0) {
				t.Errorf("person months = %+v, %v", ms, err)
			}
			return nil
		})
	})
}
