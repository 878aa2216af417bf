package declaration_test

import (
	"context"
	"testing"

	"shebao"
	"shebao/declaration"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

// TestLegacyIDFollowsTheChannel: a declaration typed with a legacy 15-digit
// ID number is converted for a clerk (the item states the conversion) and
// sent to the counter for an operator (docs/RULES.md#identifiers).
func TestLegacyIDFollowsTheChannel(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		var p shebao.Person
		for _, e := range f.staff {
			if e.Person.IDNumber[6:8] == "19" {
				p = e.Person
				break
			}
		}
		if p.ID == 0 {
			t.Fatal("no employee born in the 1900s")
		}
		legacy := p.IDNumber[:6] + p.IDNumber[8:17]
		res, err := f.s.Declare(ctx, f.op, 0, declaration.Entry{IDNumber: legacy, Wage: "9000"})
		if err != nil || len(res.Errors) != 1 || res.Errors[0].Reason != shebao.ReasonIDLegacy {
			t.Errorf("the operator's legacy number: %v %v, want %s", err, rowErrors(res.Errors), shebao.ReasonIDLegacy)
		}
		var clerk shebao.Actor
		err = db.View(ctx, func(tx shebao.Tx) error {
			acc, err := tx.AccountByUsername(ctx, "clerk")
			clerk = shebao.Actor{AccountID: acc.ID, Username: acc.Username, Role: acc.Role, Channel: shebao.Counter}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		res, err = f.s.Declare(ctx, clerk, f.unit.ID, declaration.Entry{IDNumber: legacy, Wage: "9000"})
		if err != nil || len(res.Lines) != 1 {
			t.Fatalf("the clerk's legacy number: %v %v", err, rowErrors(res.Errors))
		}
		l := res.Lines[0]
		if l.Person.ID != p.ID || l.LegacyID != legacy || shebao.NotesOf(l.Item).LegacyID != legacy {
			t.Errorf("the clerk's line: person %d, legacy %q, notes %+v; want %d from %q", l.Person.ID, l.LegacyID, shebao.NotesOf(l.Item), p.ID, legacy)
		}
	})
}
