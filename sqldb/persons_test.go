package sqldb_test

import (
	"testing"

	"shebao"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

func TestPersons(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := t.Context()
		p := newPerson(t, db, idNumber(1), "李娜")
		view(t, db, func(tx shebao.Tx) error {
			got, err := tx.Person(ctx, p.ID)
			diff(t, "Person", got, p)
			if err != nil {
				return err
			}
			got, err = tx.PersonByIDNumber(ctx, p.IDNumber)
			diff(t, "PersonByIDNumber", got, p)
			return err
		})
		p.Name, p.PostCategory, p.Phone = "李娜娜", shebao.PostCadre, "13900000000"
		update(t, db, func(tx shebao.Tx) error { return tx.UpdatePerson(ctx, p) })
		view(t, db, func(tx shebao.Tx) error {
			got, err := tx.Person(ctx, p.ID)
			diff(t, "updated person", got, p)
			return err
		})

		err := db.View(ctx, func(tx shebao.Tx) error { _, err := tx.Person(ctx, p.ID+1); return err })
		wantCode(t, err, shebao.ENOTFOUND)
		err = db.View(ctx, func(tx shebao.Tx) error { _, err := tx.PersonByIDNumber(ctx, idNumber(2)); return err })
		wantCode(t, err, shebao.ENOTFOUND)
		err = db.InTx(ctx, func(tx shebao.Tx) error { return tx.UpdatePerson(ctx, shebao.Person{ID: p.ID + 1, IDNumber: "x"}) })
		wantCode(t, err, shebao.ENOTFOUND)
		err = db.InTx(ctx, func(tx shebao.Tx) error {
			return tx.CreatePerson(ctx, &shebao.Person{IDNumber: p.IDNumber, Name: "dup"})
		})
		wantCode(t, err, shebao.ECONFLICT)
	})
}

func TestRegistrations(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := t.Context()
		u1 := newUnit(t, db, "91110000AAAAAAAAA1", "甲公司")
		u2 := newUnit(t, db, "91110000BBBBBBBBB2", "乙公司")
		p := newPerson(t, db, idNumber(1), "张三")
		old := shebao.Registration{SourceID: "EMP-1", PersonID: p.ID, UnitID: u1.ID, Start: 20240101, RegisteredOn: 20240102, End: 20260331}
		cur := shebao.Registration{SourceID: "EMP-2", PersonID: p.ID, UnitID: u2.ID, Start: 20260401, RegisteredOn: 20260330}
		update(t, db, func(tx shebao.Tx) error {
			if err := tx.PutRegistration(ctx, &old); err != nil {
				return err
			}
			return tx.PutRegistration(ctx, &cur)
		})
		if old.ID == 0 || cur.ID == 0 || old.ID == cur.ID {
			t.Fatalf("ids = %d, %d", old.ID, cur.ID)
		}

		// Importing the same source record again updates it in place.
		again := cur
		again.ID, again.End = 0, 20261231
		update(t, db, func(tx shebao.Tx) error { return tx.PutRegistration(ctx, &again) })
		if again.ID != cur.ID {
			t.Errorf("PutRegistration again: ID = %d, want %d", again.ID, cur.ID)
		}
		view(t, db, func(tx shebao.Tx) error {
			got, err := tx.Registrations(ctx, p.ID)
			diff(t, "Registrations", got, []shebao.Registration{again, old})
			return err
		})

		err := db.InTx(ctx, func(tx shebao.Tx) error {
			return tx.PutRegistration(ctx, &shebao.Registration{PersonID: p.ID, UnitID: u1.ID})
		})
		wantCode(t, err, shebao.EINVALID)
		view(t, db, func(tx shebao.Tx) error {
			got, err := tx.Registrations(ctx, p.ID+1)
			if len(got) != 0 {
				t.Errorf("Registrations of nobody = %v", got)
			}
			return err
		})
	})
}
