package api_test

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"shebao"
	"shebao/backpay"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

// TestBillBackpaySection approves alice's back-pay of June 2026 (¥2,112.00
// + late fee ¥8.45, as in TestBackpay) and checks that the bill of June
// lists it as its own section, apart from the monthly assessment, with
// what the period charges in all: the figures the page and the export show.
func TestBillBackpaySection(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ta := newTestAPI(t, db)
		token := ta.login("opa")
		itemID := approvedBackpay(t, ta, db, token, "bp-1")
		w := ta.call("GET", "/api/v1/bill?period=2026-06", token, nil)
		var b struct {
			TotalFen          int64 `json:"total_fen"`
			BackpayLateFeeFen int64 `json:"backpay_late_fee_fen"`
			ChargedFen        int64 `json:"charged_fen"`
			Backpay           []struct {
				ItemID      int64 `json:"item_id"`
				EmployerFen int64 `json:"employer_fen"`
				EmployeeFen int64 `json:"employee_fen"`
				LateFeeFen  int64 `json:"late_fee_fen"`
			} `json:"backpay"`
		}
		if err := json.Unmarshal(w.Body.Bytes(), &b); w.Code != http.StatusOK || err != nil {
			t.Fatalf("bill: %d %s", w.Code, w.Body)
		}
		if len(b.Backpay) != 1 || b.Backpay[0].ItemID != itemID || b.Backpay[0].LateFeeFen != 845 ||
			b.Backpay[0].EmployerFen+b.Backpay[0].EmployeeFen != 211200 || b.ChargedFen != b.TotalFen+211200+845 {
			t.Errorf("bill of 2026-06: %s", w.Body)
		}
	})
}

// approvedBackpay submits alice's back-pay of June 2026 as the operator of
// token, under the client key key, approves it as a reviewer would, and
// returns its item id.
func approvedBackpay(t *testing.T, ta *testAPI, db *sqldb.DB, token, key string) int64 {
	t.Helper()
	body := map[string]any{"id_number": ta.fx.alice.IDNumber, "from": "2026-06", "to": "2026-06", "wage": "5000"}
	var out struct {
		Item struct {
			ID int64 `json:"id"`
		} `json:"item"`
	}
	w := ta.call("POST", "/api/v1/backpay", token, body, "Idempotency-Key", key)
	if err := json.Unmarshal(w.Body.Bytes(), &out); w.Code != http.StatusCreated || err != nil {
		t.Fatalf("submit: %d %s", w.Code, w.Body)
	}
	err := db.InTx(context.Background(), func(tx shebao.Tx) error {
		ctx := context.Background()
		it, err := tx.Item(ctx, out.Item.ID)
		if err != nil {
			return err
		}
		if err := tx.SetItemStatus(ctx, it.ID, shebao.StatusInReview, shebao.StatusApproved, nil, time.Now()); err != nil {
			return err
		}
		return backpay.Hook(ctx, tx, it, true, time.Now())
	})
	if err != nil {
		t.Fatal(err)
	}
	return out.Item.ID
}
