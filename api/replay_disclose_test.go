package api_test

import (
	"net/http"
	"strings"
	"testing"

	"shebao"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

// TestReplayToOperatorNamesNoOtherUnit: an operator who resends the
// Idempotency-Key of a clerk's refused item for their unit gets the item
// back without the unit that insures the person, as when reading it.
func TestReplayToOperatorNamesNoOtherUnit(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ta := newTestAPI(t, db)
		decode[itemOut](t, ta.call("POST", "/api/v1/items", ta.login("opb"), enroll(ta.fx.carol, 800_000)), http.StatusCreated)
		body := enroll(ta.fx.carol, 800_000)
		body["unit_id"] = ta.fx.unitA.ID
		first := decode[itemOut](t, ta.call("POST", "/api/v1/items", ta.login("clerk"), body, "Idempotency-Key", "shared-1"), http.StatusCreated)
		if len(first.Reasons) == 0 || first.Reasons[0].Code != shebao.ReasonInsuredElsewhere || !strings.Contains(first.Reasons[0].Message, ta.fx.unitB.Name) {
			t.Fatalf("the clerk reads %+v, want %s naming unit B", first.Reasons, shebao.ReasonInsuredElsewhere)
		}
		w := ta.call("POST", "/api/v1/items", ta.login("opa"), enroll(ta.fx.carol, 800_000), "Idempotency-Key", "shared-1")
		again := decode[itemOut](t, w, http.StatusOK)
		if again.ID != first.ID {
			t.Fatalf("the resend answered item %d, want %d", again.ID, first.ID)
		}
		if strings.Contains(w.Body.String(), ta.fx.unitB.Name) || len(again.Reasons) == 0 || again.Reasons[0].Code != shebao.ReasonInsuredOtherUnit {
			t.Errorf("the operator's replay reads %s, want %s without unit B", w.Body, shebao.ReasonInsuredOtherUnit)
		}
	})
}
