package api_test

import (
	"context"
	"net/http"
	"testing"

	"shebao"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

// TestLateOnlyFilter: late=true lists only the enrollments made after
// art. 58's 30 days (bob, registered 60 days ago), not alice's on time.
func TestLateOnlyFilter(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ta := newTestAPI(t, db)
		err := db.InTx(context.Background(), func(tx shebao.Tx) error {
			return tx.PutRegistration(context.Background(), &shebao.Registration{SourceID: "r-bob-a", PersonID: ta.fx.bob.ID,
				UnitID: ta.fx.unitA.ID, Start: today.AddDays(-60), RegisteredOn: today.AddDays(-60)})
		})
		if err != nil {
			t.Fatal(err)
		}
		op := ta.login("opa")
		onTime := decode[itemOut](t, ta.call("POST", "/api/v1/items", op, enroll(ta.fx.alice, 800_000)), http.StatusCreated)
		late := decode[itemOut](t, ta.call("POST", "/api/v1/items", op, enroll(ta.fx.bob, 800_000)), http.StatusCreated)
		if onTime.Status != "approved" || late.Status != "approved" {
			t.Fatalf("enrollments: %s %s", onTime.Status, late.Status)
		}
		clerk := ta.login("clerk")
		for _, tok := range []string{op, clerk} {
			list := decode[itemsOut](t, ta.call("GET", "/api/v1/items?late=true", tok, nil), http.StatusOK)
			if list.Total != 1 || len(list.Items) != 1 || list.Items[0].ID != late.ID {
				t.Errorf("late=true lists %+v, want only item %d", list.Items, late.ID)
			}
		}
		if all := decode[itemsOut](t, ta.call("GET", "/api/v1/items", clerk, nil), http.StatusOK); all.Total < 2 {
			t.Errorf("without the filter: %d items", all.Total)
		}
		wantError(t, ta.call("GET", "/api/v1/items?late=yes", clerk, nil), http.StatusBadRequest, "NOT_BOOLEAN", "late")
	})
}
