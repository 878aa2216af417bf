package api_test

import (
	"bytes"
	"encoding/csv"
	"net/http"
	"strings"
	"testing"

	"shebao/collection"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

// TestCollectionLoop: a clerk downloads the list of a closed month, checks
// and applies a result file in which unit A's deduction failed (the same
// file again changes nothing), unit A's operator sees the failure and what
// it owes, and a counter payment clears it. Operators may not download the
// list.
func TestCollectionLoop(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ta := newTestAPI(t, db)
		ta.insureAtA(ta.fx.alice)
		if _, err := ta.svc.Billing.Assess(t.Context(), 202606, nil); err != nil {
			t.Fatal(err)
		}
		if _, err := ta.svc.Billing.Close(t.Context(), 202606); err != nil {
			t.Fatal(err)
		}
		opa, clerk := ta.login("opa"), ta.login("clerk")
		if w := ta.call("GET", "/api/v1/collection/list?period=2026-06", opa, nil); w.Code != http.StatusForbidden {
			t.Fatalf("operator's list: %d", w.Code)
		}
		w := ta.call("GET", "/api/v1/collection/list?period=2026-06&format=csv", clerk, nil)
		if w.Code != http.StatusOK {
			t.Fatalf("list: %d %s", w.Code, w.Body)
		}
		recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(w.Body.String(), "\xEF\xBB\xBF"))).ReadAll()
		if err != nil || len(recs) != 3 || recs[1][2] != ta.fx.unitA.CreditCode || recs[1][18] != "2112.00" {
			t.Fatalf("list = %v %v", recs, err)
		}
		var buf bytes.Buffer
		cw := csv.NewWriter(&buf)
		cw.Write(append(recs[0], collection.ResultHeader...))
		cw.Write(append(recs[1], "失败", "", "余额不足"))
		cw.Flush()
		file := buf.String()

		type report struct {
			Applied, Replayed bool
			Errors, Failed    int
		}
		if r := decode[report](t, ta.call("POST", "/api/v1/collection/results?period=2026-06", clerk, file), http.StatusOK); r.Applied || r.Errors != 0 || r.Failed != 1 {
			t.Fatalf("dry run = %+v", r)
		}
		if r := decode[report](t, ta.call("POST", "/api/v1/collection/results?period=2026-06&apply=true", clerk, file), http.StatusOK); !r.Applied {
			t.Fatalf("apply = %+v", r)
		}
		if r := decode[report](t, ta.call("POST", "/api/v1/collection/results?period=2026-06&apply=true", clerk, file), http.StatusOK); r.Applied || !r.Replayed {
			t.Fatalf("the same file again = %+v", r)
		}
		type owed struct {
			Periods []struct {
				Period      string `json:"period"`
				TotalFen    int64  `json:"total_fen"`
				LastOutcome string `json:"last_outcome"`
				LastReason  string `json:"last_reason"`
			} `json:"periods"`
		}
		o := decode[owed](t, ta.call("GET", "/api/v1/collection/owed", opa, nil), http.StatusOK)
		if len(o.Periods) != 1 || o.Periods[0].LastOutcome != "failed" || o.Periods[0].LastReason != "余额不足" || o.Periods[0].TotalFen != 211_200 {
			t.Fatalf("owed = %+v", o)
		}
		body := map[string]any{"unit_id": ta.fx.unitA.ID, "period": "2026-06", "reason": "窗口缴纳"}
		if w := ta.call("POST", "/api/v1/collection/payments", opa, body); w.Code != http.StatusForbidden {
			t.Fatalf("operator's payment: %d", w.Code)
		}
		if w := ta.call("POST", "/api/v1/collection/payments", clerk, body, "Idempotency-Key", "p1"); w.Code != http.StatusOK {
			t.Fatalf("payment: %d %s", w.Code, w.Body)
		}
		if o := decode[owed](t, ta.call("GET", "/api/v1/collection/owed", opa, nil), http.StatusOK); len(o.Periods) != 0 {
			t.Fatalf("owed after paying = %+v", o)
		}
		type account struct {
			Periods []struct {
				Period       string `json:"period"`
				AssessedFen  int64  `json:"assessed_fen"`
				CollectedFen int64  `json:"collected_fen"`
				BalanceFen   int64  `json:"balance_fen"`
			} `json:"periods"`
		}
		if a := decode[account](t, ta.call("GET", "/api/v1/collection/account", opa, nil), http.StatusOK); len(a.Periods) != 1 ||
			a.Periods[0].AssessedFen != 211_200 || a.Periods[0].CollectedFen != 211_200 || a.Periods[0].BalanceFen != 0 {
			t.Fatalf("account = %+v", a)
		}
	})
}
