package employment_test

import (
	"testing"

	"shebao"
	"shebao/employment"
	"shebao/rules"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

// TestLegacyIDFollowsTheChannel: a clerk's file (the counter channel)
// converts a legacy 15-digit ID number and its report states the
// conversion, kept with the report; a push from the employment system is
// no counter and is refused ID_LEGACY (docs/RULES.md#identifiers).
func TestLegacyIDFollowsTheChannel(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		svc, unit := newService(t, db)
		const legacy = "110105900101123"
		want, err := rules.UpgradeIDNumber(legacy, shebao.DateOf(now))
		if err != nil {
			t.Fatal(err)
		}
		recs := []employment.Record{{Row: 1, SourceID: "JY-OLD-1", IDNumber: legacy, Name: "老号码", CreditCode: unit.CreditCode,
			Start: "2026-06-01", RegisteredOn: "2026-06-02"}}
		var err2 error
		if svc.TokenHash, err2 = employment.ParseToken("a-long-enough-secret-token-0001"); err2 != nil {
			t.Fatal(err2)
		}
		pushed, err := svc.Push(t.Context(), recs)
		if err != nil {
			t.Fatal(err)
		}
		if len(pushed.Rejects) != 1 || pushed.Rejects[0].Reason != shebao.ReasonIDLegacy {
			t.Errorf("the push took the legacy number: %+v", pushed.Rejects)
		}

		rep, err := svc.ImportFile(t.Context(), staff, "regs.csv", csvFile(t, recs))
		if err != nil {
			t.Fatal(err)
		}
		if rep.Inserted != 1 || len(rep.Conversions) != 1 || rep.Conversions[0].LegacyID != legacy {
			t.Fatalf("the clerk's file: %+v", rep)
		}
		err = db.View(t.Context(), func(tx shebao.Tx) error {
			_, err := tx.PersonByIDNumber(t.Context(), want.Number)
			return err
		})
		if err != nil {
			t.Errorf("the person is not known by the converted number %s: %v", want.Number, err)
		}
		st, err := svc.Status(t.Context(), staff)
		if err != nil {
			t.Fatal(err)
		}
		if got := st.Last[shebao.ImportFile].Conversions; len(got) != 1 || got[0].LegacyID != legacy || got[0].SourceID != "JY-OLD-1" {
			t.Errorf("the stored report's conversions = %+v", got)
		}
	})
}
