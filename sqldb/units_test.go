package sqldb_test

import (
	"testing"

	"shebao"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

func TestUnits(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := t.Context()
		u := newUnit(t, db, "91110105MA01234567", "北京星河科技有限公司")
		if u.ID == 0 {
			t.Fatal("CreateUnit did not set ID")
		}
		view(t, db, func(tx shebao.Tx) error {
			got, err := tx.Unit(ctx, u.ID)
			diff(t, "Unit", got, u)
			if err != nil {
				return err
			}
			got, err = tx.UnitByCreditCode(ctx, u.CreditCode)
			diff(t, "UnitByCreditCode", got, u)
			return err
		})

		u.Name, u.Status, u.RiskClass = "北京星河软件有限公司", shebao.UnitSuspended, 3
		update(t, db, func(tx shebao.Tx) error { return tx.UpdateUnit(ctx, u) })
		view(t, db, func(tx shebao.Tx) error {
			got, err := tx.Unit(ctx, u.ID)
			diff(t, "updated unit", got, u)
			return err
		})

		err := db.View(ctx, func(tx shebao.Tx) error { _, err := tx.Unit(ctx, u.ID+100); return err })
		wantCode(t, err, shebao.ENOTFOUND)
		err = db.View(ctx, func(tx shebao.Tx) error { _, err := tx.UnitByCreditCode(ctx, "nope"); return err })
		wantCode(t, err, shebao.ENOTFOUND)
		err = db.InTx(ctx, func(tx shebao.Tx) error { return tx.UpdateUnit(ctx, shebao.Unit{ID: u.ID + 100, CreditCode: "x"}) })
		wantCode(t, err, shebao.ENOTFOUND)
		err = db.InTx(ctx, func(tx shebao.Tx) error {
			return tx.CreateUnit(ctx, &shebao.Unit{CreditCode: u.CreditCode, Name: "dup", CreatedAt: t0})
		})
		wantCode(t, err, shebao.ECONFLICT)
	})
}

func TestUnitsSearch(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := t.Context()
		a := newUnit(t, db, "91110000AAAAAAAAA1", "Beta 100% Foods")
		b := newUnit(t, db, "91110000BBBBBBBBB2", "Alpha Works")
		c := newUnit(t, db, "91110000CCCCCCCCC3", "Gamma_Works")
		tests := []struct {
			q             string
			limit, offset int
			want          []shebao.Unit
			total         int
		}{
			{"", 0, 0, []shebao.Unit{b, a, c}, 3},
			{"", 2, 0, []shebao.Unit{b, a}, 3},
			{"", 2, 2, []shebao.Unit{c}, 3},
			{"works", 0, 0, []shebao.Unit{b, c}, 2},
			{"bbbbb", 0, 0, []shebao.Unit{b}, 1},
			{"100%", 0, 0, []shebao.Unit{a}, 1},
			{"a_w", 0, 0, []shebao.Unit{c}, 1}, // _ is literal, not a wildcard
			{"%", 0, 0, []shebao.Unit{a}, 1},
			{"zzz", 0, 0, nil, 0},
		}
		for _, tt := range tests {
			view(t, db, func(tx shebao.Tx) error {
				got, total, err := tx.Units(ctx, tt.q, tt.limit, tt.offset)
				diff(t, "Units("+tt.q+")", got, tt.want)
				if total != tt.total {
					t.Errorf("Units(%q) total = %d, want %d", tt.q, total, tt.total)
				}
				return err
			})
		}
	})
}

func TestTerminals(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := t.Context()
		k2 := shebao.Terminal{Code: "HALL-02", Name: "二号机", Location: "大厅东", SecretHash: "h2"}
		k1 := shebao.Terminal{Code: "HALL-01", Name: "一号机", Location: "大厅西", SecretHash: "h1"}
		update(t, db, func(tx shebao.Tx) error {
			if err := tx.CreateTerminal(ctx, &k2); err != nil {
				return err
			}
			return tx.CreateTerminal(ctx, &k1)
		})
		view(t, db, func(tx shebao.Tx) error {
			got, err := tx.Terminal(ctx, "HALL-01")
			diff(t, "Terminal", got, k1)
			if err != nil {
				return err
			}
			all, err := tx.Terminals(ctx)
			diff(t, "Terminals", all, []shebao.Terminal{k1, k2})
			return err
		})
		err := db.View(ctx, func(tx shebao.Tx) error { _, err := tx.Terminal(ctx, "HALL-09"); return err })
		wantCode(t, err, shebao.ENOTFOUND)
		err = db.InTx(ctx, func(tx shebao.Tx) error { return tx.CreateTerminal(ctx, &shebao.Terminal{Code: "HALL-01"}) })
		wantCode(t, err, shebao.ECONFLICT)
		k1.SecretHash, k1.TokenHash = "h1b", "t1"
		update(t, db, func(tx shebao.Tx) error { return tx.UpdateTerminal(ctx, k1) })
		view(t, db, func(tx shebao.Tx) error {
			got, err := tx.Terminal(ctx, "HALL-01")
			diff(t, "updated Terminal", got, k1)
			return err
		})
	})
}
