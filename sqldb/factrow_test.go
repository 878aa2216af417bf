package sqldb_test

import (
	"testing"

	"shebao"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

// The engine's facts come back as they were stored, whatever characters
// the names hold (on SQLite they travel as a JSON array a row): quotes,
// backslashes, control characters, characters beyond the BMP; in a
// transaction and outside one.
func TestRequestFactsKeepText(t *testing.T) {
	odd := []string{`引号"与\反斜杠/`, "换行\n制表\t回车\r\x01\x1f", "😀𠀀 表情", `\u0041 "" \\`, ""}
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := t.Context()
		u := shebao.Unit{CreditCode: "91110000ODDTEXT001", Name: odd[0], Address: odd[1], Contact: odd[2],
			Phone: odd[3], Industry: odd[4], LegalRep: odd[0] + odd[2], Status: shebao.UnitActive, CreatedAt: t0, RiskClass: 3}
		p := shebao.Person{IDNumber: idNumber(7), Name: odd[2], Sex: shebao.Female, BirthDate: 19900307,
			PostCategory: shebao.PostWorker, Phone: odd[3], Address: odd[1]}
		update(t, db, func(tx shebao.Tx) error {
			if err := tx.CreateUnit(ctx, &u); err != nil {
				return err
			}
			return tx.CreatePerson(ctx, &p)
		})
		q := shebao.FactsQuery{UnitID: u.ID, IDNumber: p.IDNumber, FromYear: 2025, ToYear: 2026, Registrations: true}
		out, err := db.RequestFacts(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		var in shebao.RequestFacts
		update(t, db, func(tx shebao.Tx) (err error) {
			in, err = tx.RequestFacts(ctx, q)
			return err
		})
		for _, f := range []shebao.RequestFacts{out, in} {
			diff(t, "unit", f.Unit, u)
			diff(t, "person", f.Person, p)
		}
	})
}
