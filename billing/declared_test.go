package billing

import (
	"testing"
	"time"

	"shebao"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

// The assessment uses the base in force: a declaration of ¥10,000 from
// July replaces the coverage's ¥8,000 from then on (employer 8,000 × 24.7%
// = 1,976.00 in June, 10,000 × 24.7% = 2,470.00 in July), and it leaves out
// months that an approved back-pay item insured (the item charges them).
func TestDeclaredBaseAndBackpay(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := t.Context()
		savePolicy(t, db, testPolicy())
		u := addUnit(t, db, 1, 1)
		p := addPerson(t, db, u, 1, 800_000, 202601, 0)
		q := addPerson(t, db, u, 2, 900_000, 202607, 0) // insured from July; back-paid January–June
		mustTx(t, db, func(tx shebao.Tx) error {
			d := shebao.BaseDeclaration{UnitID: u.ID, PersonID: p.ID, Year: 2026, FromPeriod: 202607,
				Wage: 1_000_000, Base: 1_000_000, Clamp: "none", Source: "unit", DeclaredAt: time.Now()}
			if err := tx.PutDeclaration(ctx, &d); err != nil {
				return err
			}
			now := time.Date(2026, 7, 10, 10, 0, 0, 0, shebao.Office)
			it := shebao.Item{Type: shebao.ItemBackpay, UnitID: u.ID, PersonID: q.ID, Channel: shebao.Online,
				Period: 202607, Status: shebao.StatusApproved, CreatedAt: now, DecidedAt: now, Payload: "{}"}
			if err := tx.InsertItem(ctx, &it); err != nil {
				return err
			}
			for _, ins := range shebao.Insurances {
				c := shebao.Coverage{PersonID: q.ID, UnitID: u.ID, Insurance: ins, Status: shebao.CoverageStopped,
					FirstPeriod: 202601, LastPeriod: 202606, Base: 900_000, ItemID: it.ID}
				if err := tx.InsertCoverage(ctx, &c); err != nil {
					return err
				}
			}
			return nil
		})
		s := testService(db, 20260710)
		june, err := s.Bill(ctx, staff, u.ID, 202606)
		if err != nil {
			t.Fatal(err)
		}
		if len(june.Persons) != 1 || june.Employer != 197_600 {
			t.Errorf("June: %d persons, employer %v; want only %s at ¥1,976.00", len(june.Persons), june.Employer, p.Name)
		}
		july, err := s.Bill(ctx, staff, u.ID, 202607)
		if err != nil {
			t.Fatal(err)
		}
		// p at 10,000 → 2,470.00; q at 9,000 → 2,223.00
		if len(july.Persons) != 2 || july.Employer != 247_000+222_300 {
			t.Errorf("July: %d persons, employer %v", len(july.Persons), july.Employer)
		}
		for _, pd := range []shebao.Period{202606, 202607} {
			run, err := s.Assess(ctx, pd, nil)
			if err != nil {
				t.Fatal(err)
			}
			live, _ := s.Bill(ctx, staff, u.ID, pd)
			if run.Employer != live.Employer || run.Employee != live.Employee {
				t.Errorf("%s: assessment %v/%v, live bill %v/%v", pd, run.Employer, run.Employee, live.Employer, live.Employee)
			}
		}
		h, err := s.History(ctx, staff, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		if h.Months[0].Period != 202607 || h.Months[0].Lines[0].Base.Base != 1_000_000 || h.Months[1].Lines[0].Base.Base != 800_000 {
			t.Errorf("history bases: %v, %v", h.Months[0].Lines[0].Base, h.Months[1].Lines[0].Base)
		}
	})
}
