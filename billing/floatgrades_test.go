package billing

import (
	"strings"
	"testing"

	"shebao"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

// TestGradesCheckStoredFloats: new grades that would leave a unit's stored
// floating rate outside its class's range are refused, naming the unit;
// once the rate is set within, the policy saves. An assessment run with a
// stored rate outside the grades is refused, not run with it.
func TestGradesCheckStoredFloats(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := t.Context()
		savePolicy(t, db, testPolicy())
		u := addUnit(t, db, 1, 4) // 0.9%: national grades 50%–150%
		addPerson(t, db, u, 1, 800_000, 202601, 0)
		s := testService(db, 20261120)
		if err := s.SetInjuryFloat(ctx, staff, u.ID, 2027, "-0.45"); err != nil {
			t.Fatal(err)
		}
		f := FormOf(policy2027())
		f.InjuryGrades[3] = "80-150" // class 4 may no longer fall below 0.72%
		_, errs := s.SavePolicy(ctx, staff, f)
		if len(errs) != 1 {
			t.Fatalf("narrower grades over a stored rate: %v, want one refusal", errs)
		}
		e := shebao.AsError(errs[0])
		if e.Reason != ReasonFloatsOutsideGrades || e.Field != "injury_grades_4" || len(e.Args) != 3 || !strings.Contains(e.Args[2], u.Name) {
			t.Errorf("refusal %+v, want %s on injury_grades_4 naming %s", e, ReasonFloatsOutsideGrades, u.Name)
		}
		if err := s.SetInjuryFloat(ctx, staff, u.ID, 2027, "0"); err != nil {
			t.Fatal(err)
		}
		if _, errs := s.SavePolicy(ctx, staff, f); len(errs) > 0 {
			t.Fatalf("with the rate within: %v", errs)
		}

		// A rate stored outside this year's grades (before the rule) stops the run.
		mustTx(t, db, func(tx shebao.Tx) error {
			return tx.SetUnitInjuryFloat(ctx, shebao.UnitRate{UnitID: u.ID, Year: 2026, InjuryFloat: -500})
		})
		_, err := s.Assess(ctx, 202610, nil)
		wantErr(t, err, shebao.EREFUSED, ReasonAssessFloatsOutsideGrades)
	})
}
