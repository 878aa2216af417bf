package billing

import (
	"testing"

	"shebao"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

// A person insured at A in January–April 2026 and at B from May sees, as
// staff, every month; A's operator only A's months; B's only B's; a third
// unit's operator nobody. March is closed and read from the assessment.
func TestHistory(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := t.Context()
		savePolicy(t, db, testPolicy())
		a, b, c := addUnit(t, db, 1, 1), addUnit(t, db, 2, 1), addUnit(t, db, 3, 1)
		p := addPerson(t, db, a, 1, 800_000, 202601, 202604)
		mustTx(t, db, func(tx shebao.Tx) error {
			for _, ins := range shebao.Insurances {
				cv := shebao.Coverage{PersonID: p.ID, UnitID: b.ID, Insurance: ins, Status: shebao.CoverageActive,
					FirstPeriod: 202605, Base: 500_000}
				if err := tx.InsertCoverage(ctx, &cv); err != nil {
					return err
				}
			}
			return nil
		})
		s := testService(db, 20260710)
		if _, err := s.Assess(ctx, 202603, nil); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Close(ctx, 202603); err != nil {
			t.Fatal(err)
		}
		all, err := s.History(ctx, staff, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(all.Months) != 7 || all.Months[0].Period != 202607 || all.Months[6].Period != 202601 {
			t.Fatalf("staff sees %d months", len(all.Months))
		}
		// July at B: the floor ¥6,000: employer 6,000 × 24.7% = 1,482.00.
		if m := all.Months[0]; m.UnitID != b.ID || m.Employer != 148_200 || m.Closed {
			t.Errorf("July = %+v", m)
		}
		if m := all.Months[4]; m.Period != 202603 || !m.Closed || m.Employer != 197_600 || len(m.Lines) != 4 {
			t.Errorf("March = %+v", m)
		}
		ha, err := s.History(ctx, operator(a), p.ID)
		if err != nil || len(ha.Months) != 4 || ha.Months[0].Period != 202604 {
			t.Errorf("A's operator sees %d months (%v)", len(ha.Months), err)
		}
		hb, err := s.History(ctx, operator(b), p.ID)
		if err != nil || len(hb.Months) != 3 {
			t.Errorf("B's operator sees %d months (%v)", len(hb.Months), err)
		}
		_, err = s.History(ctx, operator(c), p.ID)
		wantErr(t, err, shebao.ENOTFOUND, shebao.ReasonNotFound)
	})
}

// TestHistoryTotals: a person insured at one unit from January 2026, March
// and April closed, March recorded paid. On 2026-07-10 the history's
// totals say what they sum, as the amount due does: March paid, April
// still owed (the unit's unpaid closed months), January, February and May
// to July live (not owed yet), and all of them together.
func TestHistoryTotals(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := t.Context()
		savePolicy(t, db, testPolicy())
		u := addUnit(t, db, 1, 1)
		p := addPerson(t, db, u, 1, 800_000, 202601, 0)
		s := testService(db, 20260710)
		for _, pd := range []shebao.Period{202603, 202604} {
			if _, err := s.Assess(ctx, pd, nil); err != nil {
				t.Fatal(err)
			}
			if _, err := s.Close(ctx, pd); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.SetPaid(ctx, staff, u.ID, 202603, true); err != nil {
			t.Fatal(err)
		}
		h, err := s.History(ctx, operator(u), p.ID)
		if err != nil {
			t.Fatal(err)
		}
		month := Charges{Employer: 197_600, Employee: 84_000} // ¥8,000 at class 1
		times := func(n shebao.Fen) Charges { return Charges{Employer: n * month.Employer, Employee: n * month.Employee} }
		var unpaid shebao.Fen // the unit's closed months not recorded paid, as the amount due sums them
		mustTx(t, db, func(tx shebao.Tx) error {
			sums, err := tx.UnitPeriodSums(ctx, u.ID)
			for _, o := range sums {
				if !o.Paid {
					unpaid += o.Employer + o.Employee
				}
			}
			return err
		})
		tot := h.Totals()
		if tot.Paid != month || tot.Owed != month || tot.Owed.Due() != unpaid || tot.Live != times(5) || tot.All() != times(7) {
			t.Errorf("totals %+v (all %+v), want paid and owed one month %+v (unit owes %v), live 5", tot, tot.All(), month, unpaid)
		}
	})
}
