package billing

import (
	"testing"
	"time"

	"shebao"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

// The district run uses each coverage's base in force whether or not its
// chunk holds declarations (a chunk without one in force skips the lookup):
// a declaration of an earlier year still in force, one that starts after
// the period, and units without any, in chunks of two units.
func TestAssessDeclarationsByChunk(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := t.Context()
		pol := savePolicy(t, db, testPolicy())
		var units []shebao.Unit
		var persons []shebao.Person
		for i := 1; i <= 12; i++ { // 12 units: chunks of 2
			u := addUnit(t, db, i, 1+i%8)
			units = append(units, u)
			persons = append(persons, addPerson(t, db, u, i, 800_000, 202501, 0))
		}
		declare := func(i, year int, from shebao.Period, base shebao.Fen) {
			mustTx(t, db, func(tx shebao.Tx) error {
				d := shebao.BaseDeclaration{UnitID: units[i].ID, PersonID: persons[i].ID, Year: year, FromPeriod: from,
					Wage: base, Base: base, Clamp: "none", Source: "unit", DeclaredAt: time.Now()}
				return tx.PutDeclaration(ctx, &d)
			})
		}
		declare(0, 2025, 202507, 1_000_000) // in force from last year on
		declare(5, 2026, 202607, 1_200_000) // from July on: not in June
		want := map[shebao.Period]map[int]shebao.Fen{
			202606: {0: 1_000_000},
			202607: {0: 1_000_000, 5: 1_200_000},
		}
		s := testService(db, 20260810)
		for _, pd := range []shebao.Period{202606, 202607} {
			if _, err := s.Assess(ctx, pd, nil); err != nil {
				t.Fatal(err)
			}
			compareLines(t, db, pol, pd)
			mustTx(t, db, func(tx shebao.Tx) error {
				for i, u := range units {
					lines, err := tx.AssessmentLines(ctx, pd, u.ID)
					if err != nil {
						return err
					}
					base := want[pd][i]
					if base == 0 {
						base = 800_000
					}
					if len(lines) != len(shebao.Insurances) {
						t.Errorf("%s unit %d: %d lines", pd, i, len(lines))
					}
					for _, l := range lines {
						if l.StoredBase != base {
							t.Errorf("%s unit %d %s: base %v, want %v", pd, i, l.Insurance, l.StoredBase, base)
						}
					}
				}
				return nil
			})
		}
	})
}
