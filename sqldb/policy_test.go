package sqldb_test

import (
	"testing"

	"shebao"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

func TestPolicy(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := t.Context()
		p := shebao.Policy{Year: 2026, AvgMonthlyWage: 1200000, BaseFloor: 720000, BaseCeiling: 3600000,
			Rates: map[shebao.Insurance]shebao.Rate{
				shebao.Pension: {Employer: 16000, Employee: 8000, Rounding: shebao.RoundFen},
				shebao.Medical: {Employer: 9800, Employee: 2000, Rounding: shebao.RoundJiaoUp},
			},
			InjuryClassRates: [8]int64{200, 400, 700, 900, 1100, 1300, 1600, 1900},
			LateFeePerDay:    50, CutoffDay: 15, CounterLastDay: 15, BackpayMonths: 36,
			DeclareFrom: 20260701, DeclareTo: 20260731, BaseFromMonth: 7}
		wantCode(t, db.View(ctx, func(tx shebao.Tx) error { _, err := tx.Policy(ctx, 2026); return err }), shebao.ENOTFOUND)

		v1 := p
		update(t, db, func(tx shebao.Tx) error { return tx.SavePolicy(ctx, &v1) })
		v2 := p
		v2.BaseFloor = 730000
		update(t, db, func(tx shebao.Tx) error { return tx.SavePolicy(ctx, &v2) })
		old := shebao.Policy{Year: 2025, BaseFloor: 1}
		update(t, db, func(tx shebao.Tx) error { return tx.SavePolicy(ctx, &old) })
		if v1.Version != 1 || v2.Version != 2 || old.Version != 1 {
			t.Errorf("versions = %d, %d, %d; want 1, 2, 1", v1.Version, v2.Version, old.Version)
		}
		view(t, db, func(tx shebao.Tx) error {
			got, err := tx.Policy(ctx, 2026)
			diff(t, "Policy", got, v2)
			if err != nil {
				return err
			}
			years, err := tx.PolicyYears(ctx)
			diff(t, "PolicyYears", years, []int{2025, 2026})
			return err
		})
	})
}
