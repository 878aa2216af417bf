package billing

import (
	"testing"

	"shebao"
	"shebao/rules"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

// A person with a base of ¥6,200.00 at a class-1 unit, in December 2026
// and January 2027, when the policy changes (floor ¥6,000 → ¥6,600,
// pension employer 16% → 15%):
//
//	Dec: pension 992.00/496.00, medical 496.00/124.00, unemployment 31.00/31.00,
//	     injury 12.40 → employer 1,531.40, employee 651.00
//	Jan: base clamped to 6,600: pension 990.00/528.00, medical 528.00/132.00,
//	     unemployment 33.00/33.00, injury 13.20 → employer 1,564.20, employee 693.00
func TestBillYearBoundary(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := t.Context()
		savePolicy(t, db, testPolicy())
		savePolicy(t, db, policy2027())
		a := addUnit(t, db, 1, 1)
		addPerson(t, db, a, 1, 620_000, 202601, 0)
		s := testService(db, 20270110)
		dec, err := s.Bill(ctx, operator(a), 0, 202612)
		if err != nil {
			t.Fatal(err)
		}
		jan, err := s.Bill(ctx, operator(a), 0, 202701)
		if err != nil {
			t.Fatal(err)
		}
		check := func(name string, b Bill, er, ee shebao.Fen, base shebao.Fen, clamp rules.Clamp) {
			t.Helper()
			if b.Employer != er || b.Employee != ee || len(b.Persons) != 1 {
				t.Errorf("%s: %v/%v for %d persons, want %v/%v", name, b.Employer, b.Employee, len(b.Persons), er, ee)
				return
			}
			l := b.Persons[0].Lines[0]
			if l.Insurance != shebao.Pension || l.Base.Base != base || l.Base.Clamp != clamp || l.Base.Wage != 620_000 {
				t.Errorf("%s: pension line %+v", name, l)
			}
		}
		check("Dec live", dec, 153_140, 65_100, 620_000, rules.ClampNone)
		check("Jan live", jan, 156_420, 69_300, 660_000, rules.ClampFloor)
		if dec.Closed || dec.Policy.Year != 2026 || jan.Policy.Year != 2027 {
			t.Errorf("policies: Dec %d closed %v, Jan %d", dec.Policy.Year, dec.Closed, jan.Policy.Year)
		}
		if got := jan.ByInsurance[0]; got.Insurance != shebao.Pension || got.Employer != 99_000 || got.Persons != 1 {
			t.Errorf("Jan pension sum = %+v", got)
		}

		if _, err := s.Assess(ctx, 202612, nil); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Close(ctx, 202612); err != nil {
			t.Fatal(err)
		}
		frozen, err := s.Bill(ctx, staff, a.ID, 202612)
		if err != nil {
			t.Fatal(err)
		}
		check("Dec closed", frozen, 153_140, 65_100, 620_000, rules.ClampNone)
		if !frozen.Closed || frozen.Paid {
			t.Errorf("closed bill: closed %v paid %v", frozen.Closed, frozen.Paid)
		}
	})
}

func TestBillAccessAndOwed(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := t.Context()
		savePolicy(t, db, testPolicy())
		a, b := addUnit(t, db, 1, 1), addUnit(t, db, 2, 3)
		addPerson(t, db, a, 1, 800_000, 202601, 0)
		addPerson(t, db, b, 2, 900_000, 202601, 0)
		s := testService(db, 20260710)

		_, err := s.Bill(ctx, operator(b), a.ID, 202607)
		wantErr(t, err, shebao.EFORBIDDEN, shebao.ReasonForbidden) // never another unit's, never silently its own
		if got, err := s.Bill(ctx, operator(b), 0, 202607); err != nil || got.Unit.ID != b.ID {
			t.Fatalf("operator of B got unit %d, %v; want B", got.Unit.ID, err)
		}
		_, err = s.Bill(ctx, shebao.Actor{Role: shebao.RoleOperator}, 0, 202607)
		wantErr(t, err, shebao.EFORBIDDEN, shebao.ReasonForbidden)
		_, err = s.Bill(ctx, staff, 0, 202607)
		wantErr(t, err, shebao.EINVALID, shebao.ReasonRequired)
		_, err = s.Bill(ctx, staff, a.ID, 202608)
		wantErr(t, err, shebao.EINVALID, shebao.ReasonPeriodFuture)
		_, err = s.Bill(ctx, staff, a.ID, 202600)
		wantErr(t, err, shebao.EINVALID, shebao.ReasonPeriodMalformed)
		_, err = s.Bill(ctx, staff, 999, 202607)
		wantErr(t, err, shebao.ENOTFOUND, shebao.ReasonNotFound)

		for _, p := range []shebao.Period{202605, 202606} {
			if _, err := s.Assess(ctx, p, nil); err != nil {
				t.Fatal(err)
			}
			if _, err := s.Close(ctx, p); err != nil {
				t.Fatal(err)
			}
		}
		owed, err := periodsDue(s.Due(ctx, operator(a), 0))
		if err != nil || len(owed) != 2 || owed[0].Period != 202606 || owed[0].Paid {
			t.Fatalf("owed = %+v, %v", owed, err)
		}
		wantErr(t, s.SetPaid(ctx, operator(a), a.ID, 202606, true), shebao.EFORBIDDEN, shebao.ReasonForbidden)
		if err := s.SetPaid(ctx, staff, a.ID, 202606, true); err != nil {
			t.Fatal(err)
		}
		wantErr(t, s.SetPaid(ctx, staff, a.ID, 202607, true), shebao.ENOTFOUND, shebao.ReasonNotFound)
		owed, _ = periodsDue(s.Due(ctx, operator(a), 0))
		if !owed[0].Paid || owed[0].PaidAt.IsZero() || owed[1].Paid {
			t.Errorf("after paying 2026-06: %+v", owed)
		}
		// 8,000 × (16+8+0.5+0.2)% = 1,976.00 + 8,000 × 10.5% = 840.00
		if owed[1].Employer != 197_600 || owed[1].Employee != 84_000 || owed[1].Persons != 1 {
			t.Errorf("2026-05 sum = %+v", owed[1])
		}
		if due, err := s.Due(ctx, operator(a), 0); err != nil || due.Unpaid != 197_600+84_000 {
			t.Errorf("still owed = %v, %v; want 2026-05's ¥2,816.00 only", due.Unpaid, err)
		}
	})
}

// periodsDue is the closed periods of what a unit owes (Service.Due).
func periodsDue(d Due, err error) ([]shebao.UnitPeriodSum, error) { return d.Periods, err }
