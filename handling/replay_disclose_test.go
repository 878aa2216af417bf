package handling_test

import (
	"testing"

	"shebao"
	"shebao/demo/demotest"
	"shebao/handling"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

// TestReplayToOperatorNamesNoOtherUnit: a clerk's refused enrollment for
// unit A names unit B, which insures the person; unit A's operator who
// sends the same client key gets that item back without unit B's name, as
// when reading it (docs/SECURITY.md "Personal data shown to operators").
func TestReplayToOperatorNamesNoOtherUnit(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		s, g, opA, _ := district(t, db)
		clerk := demotest.Actor(t, db, g.Clerk)
		req := handling.Request{Type: shebao.ItemEnroll, UnitID: opA.UnitID, IDNumber: g.InsuredElsewhere, Wage: 800000, ClientKey: "shared-key"}
		first := submit(t, s, clerk, req)
		if len(first.Reasons) == 0 || first.Reasons[0] != shebao.ReasonInsuredElsewhere || len(first.ReasonArgs) == 0 {
			t.Fatalf("the clerk reads %v %v, want %s with the unit", first.Reasons, first.ReasonArgs, shebao.ReasonInsuredElsewhere)
		}
		req.UnitID = 0
		again := submit(t, s, opA, req)
		if again.ID != first.ID || !again.Replayed {
			t.Fatalf("the operator's resend = item %d (replayed %v), want %d", again.ID, again.Replayed, first.ID)
		}
		if len(again.Reasons) == 0 || again.Reasons[0] != shebao.ReasonInsuredOtherUnit || len(again.ReasonArgs) != 0 {
			t.Errorf("the operator's replay reads %v %v, want %s without args", again.Reasons, again.ReasonArgs, shebao.ReasonInsuredOtherUnit)
		}
	})
}
