package sqldb_test

import (
	"testing"

	"shebao"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

// TestFactsAsStored: the facts statement reads the unit and the person as
// tx.Unit and tx.PersonByIDNumber do, whatever their texts hold (the unit's
// and the person's texts travel packed, each after its length: colons,
// digits, empty texts, several-byte characters and newlines), in and
// outside a transaction; and its rows have 11 columns, not 17 (the driver's
// cost of a row grows with its columns, filler included).
func TestFactsAsStored(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := t.Context()
		u := shebao.Unit{CreditCode: "91110105MA0123456X", Name: "3:北京星河", Address: "1:2:3", Contact: "",
			Phone: "010:", Industry: "软件:服务 😀", RiskClass: 2, Status: shebao.UnitActive, CreatedAt: t0,
			BankAccount: "12\n34", LegalRep: "0:"}
		p := shebao.Person{IDNumber: "110105199003071001", Name: "李:丽", Sex: shebao.Female, BirthDate: 19900307,
			PostCategory: shebao.PostWorker, Phone: "", Address: "北京市\t朝阳区 9:"}
		update(t, db, func(tx shebao.Tx) error {
			if err := tx.CreateUnit(ctx, &u); err != nil {
				return err
			}
			return tx.CreatePerson(ctx, &p)
		})
		q := shebao.FactsQuery{UnitID: u.ID, IDNumber: p.IDNumber, FromYear: 2025, ToYear: 2026, Registrations: true}
		outside, err := db.RequestFacts(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		view(t, db, func(tx shebao.Tx) error {
			inside, err := tx.RequestFacts(ctx, q)
			if err != nil {
				return err
			}
			wantU, err := tx.Unit(ctx, u.ID)
			if err != nil {
				return err
			}
			wantP, err := tx.PersonByIDNumber(ctx, p.IDNumber)
			if err != nil {
				return err
			}
			for name, f := range map[string]shebao.RequestFacts{"outside": outside, "inside": inside} {
				diff(t, name+": unit", f.Unit, wantU)
				diff(t, name+": person", f.Person, wantP)
			}
			diff(t, "the unit as created", wantU, u)
			return nil
		})
		query, args := sqldb.FactsQueryForTest(db.Dialect(), q)
		cols, err := db.ColumnsForTest(query, args...)
		if err != nil {
			t.Fatal(err)
		}
		if len(cols) != 11 {
			t.Errorf("the facts' rows have %d columns, want 11", len(cols))
		}
	})
}
