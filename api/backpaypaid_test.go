package api_test

import (
	"encoding/json"
	"net/http"
	"testing"

	"shebao"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

// TestBackpayPaidRecordsTheAmount: a clerk records alice's approved
// back-pay paid with the amount actually paid; the bill's back-paid month
// then says paid and that amount (the page's twin is web's
// TestMarkBackpayPaid); an amount of 0 is refused.
func TestBackpayPaidRecordsTheAmount(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ta := newTestAPI(t, db)
		token := ta.login("opa")
		itemID := approvedBackpay(t, ta, db, token, "bp-paid-1")
		clerk := ta.login("clerk")
		mark := map[string]any{"unit_id": ta.fx.unitA.ID, "item_id": itemID, "amount_fen": 0}
		wantError(t, ta.call("POST", "/api/v1/bill/backpay-paid", clerk, mark), http.StatusBadRequest, shebao.ReasonAmountZero, "amount")
		mark["amount_fen"] = 200_000
		if w := ta.call("POST", "/api/v1/bill/backpay-paid", clerk, mark); w.Code != http.StatusOK {
			t.Fatalf("mark paid: %d %s", w.Code, w.Body)
		}
		w := ta.call("GET", "/api/v1/bill?period=2026-06", token, nil)
		var b struct {
			Backpay []struct {
				ItemID  int64 `json:"item_id"`
				Paid    bool  `json:"paid"`
				PaidFen int64 `json:"paid_fen"`
			} `json:"backpay"`
		}
		if err := json.Unmarshal(w.Body.Bytes(), &b); w.Code != http.StatusOK || err != nil {
			t.Fatalf("bill: %d %s", w.Code, w.Body)
		}
		if len(b.Backpay) != 1 || !b.Backpay[0].Paid || b.Backpay[0].PaidFen != 200_000 {
			t.Errorf("the bill's back-paid month = %+v, want paid 200000 fen", b.Backpay)
		}
	})
}
