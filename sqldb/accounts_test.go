package sqldb_test

import (
	"errors"
	"testing"
	"time"

	"shebao"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

func TestAccounts(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := t.Context()
		u := newUnit(t, db, "91110000AAAAAAAAA1", "甲公司")
		op := shebao.Account{Username: "Zhang.HR", PasswordHash: "$argon2id$x", Role: shebao.RoleOperator,
			UnitID: u.ID, DisplayName: "张", MustChange: true, PasswordSetAt: t0, CreatedAt: t0}
		clerk := shebao.Account{Username: "clerk1", PasswordHash: "h", Role: shebao.RoleClerk, CreatedAt: t0}
		admin := shebao.Account{Username: "Admin", PasswordHash: "h", Role: shebao.RoleAdmin, CreatedAt: t0}
		update(t, db, func(tx shebao.Tx) error {
			return errors.Join(tx.CreateAccount(ctx, &op), tx.CreateAccount(ctx, &clerk), tx.CreateAccount(ctx, &admin))
		})
		view(t, db, func(tx shebao.Tx) error {
			got, err := tx.Account(ctx, op.ID)
			diff(t, "Account", got, op)
			if err != nil {
				return err
			}
			got, err = tx.AccountByUsername(ctx, "zhang.hr")
			diff(t, "AccountByUsername", got, op)
			if err != nil {
				return err
			}
			unit, err := tx.Accounts(ctx, u.ID)
			diff(t, "Accounts(unit)", unit, []shebao.Account{op})
			if err != nil {
				return err
			}
			staff, err := tx.Accounts(ctx, 0)
			diff(t, "Accounts(staff)", staff, []shebao.Account{admin, clerk})
			return err
		})

		op.FailedLogins, op.LockedUntil, op.Disabled, op.MustChange = 5, t0.Add(15*time.Minute), true, false
		update(t, db, func(tx shebao.Tx) error { return tx.UpdateAccount(ctx, op) })
		view(t, db, func(tx shebao.Tx) error {
			got, err := tx.Account(ctx, op.ID)
			diff(t, "updated account", got, op)
			return err
		})

		wantCode(t, db.View(ctx, func(tx shebao.Tx) error { _, err := tx.Account(ctx, 999); return err }), shebao.ENOTFOUND)
		wantCode(t, db.View(ctx, func(tx shebao.Tx) error { _, err := tx.AccountByUsername(ctx, "nobody"); return err }), shebao.ENOTFOUND)
		wantCode(t, db.InTx(ctx, func(tx shebao.Tx) error {
			return tx.UpdateAccount(ctx, shebao.Account{ID: 999, Role: shebao.RoleAdmin})
		}), shebao.ENOTFOUND)
		wantCode(t, db.InTx(ctx, func(tx shebao.Tx) error {
			return tx.CreateAccount(ctx, &shebao.Account{Username: "ZHANG.hr", Role: shebao.RoleClerk})
		}), shebao.ECONFLICT)
	})
}
