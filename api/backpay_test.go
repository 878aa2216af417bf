package api_test

import (
	"encoding/json"
	"net/http"
	"testing"

	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

// TestBackpay previews and submits a back-pay of June 2026 for alice
// (registered with unit A from 2026-06-18). Wage ¥5,000 is below the floor
// ¥6,000: pension 960.00/480.00, medical 480.00/120.00, unemployment
// 30.00/30.00, injury (class 1, 0.2%) 12.00 = 2,112.00; 8 days late at
// 0.05% a day = 8.448 → 8.45.
func TestBackpay(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ta := newTestAPI(t, db)
		token := ta.login("opa")
		body := map[string]any{"id_number": ta.fx.alice.IDNumber, "from": "2026-06", "to": "2026-06", "wage": "5000"}
		w := ta.call("POST", "/api/v1/backpay/preview", token, body)
		var q struct {
			OK       bool  `json:"ok"`
			TotalFen int64 `json:"total_fen"`
			Months   []struct {
				LateDays   int   `json:"late_days"`
				LateFeeFen int64 `json:"late_fee_fen"`
			} `json:"months"`
		}
		if err := json.Unmarshal(w.Body.Bytes(), &q); w.Code != http.StatusOK || err != nil {
			t.Fatalf("preview: %d %s", w.Code, w.Body)
		}
		if !q.OK || q.TotalFen != 212045 || q.Months[0].LateDays != 8 || q.Months[0].LateFeeFen != 845 {
			t.Errorf("preview: %s", w.Body)
		}
		w = ta.call("POST", "/api/v1/backpay", token, body, "Idempotency-Key", "bp-1")
		var out struct {
			Item struct {
				ID     int64  `json:"id"`
				Status string `json:"status"`
			} `json:"item"`
		}
		if err := json.Unmarshal(w.Body.Bytes(), &out); w.Code != http.StatusCreated || err != nil || out.Item.Status != "in_review" {
			t.Fatalf("submit: %d %s", w.Code, w.Body)
		}
		if w = ta.call("POST", "/api/v1/backpay", token, body, "Idempotency-Key", "bp-1"); w.Code != http.StatusOK {
			t.Errorf("replay: %d %s", w.Code, w.Body)
		}
		body["to"] = "2026-07"
		if w = ta.call("POST", "/api/v1/backpay/preview", token, body); w.Code != http.StatusBadRequest {
			t.Errorf("this month: %d %s", w.Code, w.Body)
		}
	})
}
