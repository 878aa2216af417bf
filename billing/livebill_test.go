package billing

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"shebao"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

// The live bill of a month (EachPeriodPerson, one row per person) equals,
// person by person and line by line, the bill of the same month once the
// district run assessed and closed it, on both databases: over units of
// every risk class with floating rates, edge bases, base declarations (the
// newest one from the month or before wins), a person with two coverages
// of one insurance type in the month, a stopped person and back-paid months.
func TestLiveBillEqualsClosed(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := t.Context()
		savePolicy(t, db, withRounding(testPolicy(), shebao.Medical, shebao.RoundJiaoUp))
		randomDistrict(t, db, 11)
		u := addUnit(t, db, 100, 4)
		p := addPerson(t, db, u, 1001, 800_000, 202601, 0)
		q := addPerson(t, db, u, 1002, 700_000, 202601, 202607) // stopped in July; resumed below
		addPerson(t, db, u, 1003, 650_000, 202601, 202606)      // stopped before July: not billed
		mustTx(t, db, func(tx shebao.Tx) error {
			for _, d := range []shebao.BaseDeclaration{
				{UnitID: u.ID, PersonID: p.ID, Year: 2025, FromPeriod: 202501, Wage: 900_000, Base: 900_000},
				{UnitID: u.ID, PersonID: p.ID, Year: 2026, FromPeriod: 202607, Wage: 1_234_567, Base: 1_234_567},
				{UnitID: u.ID, PersonID: p.ID, Year: 2027, FromPeriod: 202701, Wage: 2_000_000, Base: 2_000_000},
			} {
				d.Clamp, d.Source, d.DeclaredAt = "none", "unit", time.Now()
				if err := tx.PutDeclaration(ctx, &d); err != nil {
					return err
				}
			}
			c := shebao.Coverage{PersonID: q.ID, UnitID: u.ID, Insurance: shebao.Pension, Status: shebao.CoverageActive,
				FirstPeriod: 202607, Base: 777_777}
			return tx.InsertCoverage(ctx, &c)
		})
		s := testService(db, 20260810)
		var units []int64
		mustTx(t, db, func(tx shebao.Tx) (err error) {
			units, err = tx.UnitIDsAfter(ctx, 0, 1000)
			return err
		})
		live := map[int64]Bill{}
		for _, id := range units {
			b, err := s.Bill(ctx, staff, id, 202607)
			if err != nil {
				t.Fatal(err)
			}
			live[id] = b
		}
		if b := live[u.ID]; len(b.Persons) != 2 || b.Persons[0].Lines[0].Base.Wage != 1_234_567 || len(b.Persons[1].Lines) != 5 {
			t.Fatalf("unit %s: %+v; want p at the July declaration and q with two pension lines", u.Name, b.Persons)
		}
		if _, err := s.Assess(ctx, 202607, nil); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Close(ctx, 202607); err != nil {
			t.Fatal(err)
		}
		for _, id := range units {
			closed, err := s.Bill(ctx, staff, id, 202607)
			if err != nil {
				t.Fatal(err)
			}
			l := live[id]
			if !closed.Closed || l.Closed {
				t.Fatalf("unit %d: closed %v, live %v", id, closed.Closed, l.Closed)
			}
			if d := cmp.Diff(closed.Persons, l.Persons); d != "" {
				t.Errorf("unit %s: live persons differ from the closed assessment (-closed +live):\n%s", l.Unit.Name, d)
			}
			if d := cmp.Diff(closed.ByInsurance, l.ByInsurance); d != "" || closed.Monthly() != l.Monthly() {
				t.Errorf("unit %s: sums differ: %v vs %v\n%s", l.Unit.Name, closed.Monthly(), l.Monthly(), d)
			}
		}
	})
}

// A floating rate stored for the year outside its class's grades (before
// stop 9's check) is not billed live, as the district run does not assess
// with it: the bill and the export of a month not closed are refused,
// naming the unit, its rate and the bounds; a closed month still shows.
func TestLiveBillRefusesFloatOutsideGrades(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := t.Context()
		savePolicy(t, db, testPolicy())
		u := addUnit(t, db, 1, 4) // 0.9%: national grades 50%–150%, float −0.45 … +0.45
		addPerson(t, db, u, 1, 800_000, 202601, 0)
		s := testService(db, 20260810)
		if _, err := s.Assess(ctx, 202606, nil); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Close(ctx, 202606); err != nil {
			t.Fatal(err)
		}
		mustTx(t, db, func(tx shebao.Tx) error {
			return tx.SetUnitInjuryFloat(ctx, shebao.UnitRate{UnitID: u.ID, Year: 2026, InjuryFloat: -500})
		})
		_, err := s.Bill(ctx, operator(u), 0, 202607)
		wantErr(t, err, shebao.EREFUSED, ReasonBillFloatOutsideGrades)
		args := shebao.AsError(err).Args
		if len(args) != 2 || args[0] != "2026-07" || !strings.Contains(args[1], u.Name) ||
			!strings.Contains(args[1], "-0.5") || !strings.Contains(args[1], "-0.45") || !strings.Contains(args[1], "0.45") {
			t.Errorf("refusal args %q, want the period and the unit with its rate and bounds", args)
		}
		_, err = s.EachExportRow(ctx, operator(u), 0, 202606, 202607, ExportVisitor{})
		wantErr(t, err, shebao.EREFUSED, ReasonBillFloatOutsideGrades)
		closed, err := s.Bill(ctx, operator(u), 0, 202606)
		if err != nil || !closed.Closed || closed.Employer == 0 {
			t.Errorf("closed June: %v, %+v", err, closed.Monthly())
		}
		mustTx(t, db, func(tx shebao.Tx) error {
			return tx.SetUnitInjuryFloat(ctx, shebao.UnitRate{UnitID: u.ID, Year: 2026, InjuryFloat: -450})
		})
		if _, err := s.Bill(ctx, operator(u), 0, 202607); err != nil {
			t.Errorf("with the rate within the grades: %v", err)
		}
	})
}
