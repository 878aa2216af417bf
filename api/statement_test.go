package api_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"shebao"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

// TestStatement: the twin of the page /statement answers the unit's
// employees with the bill's amounts and masked ID numbers, the month's
// status, and the workbook with format=xlsx; unit B's operator may not ask
// for unit A's.
func TestStatement(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ta := newTestAPI(t, db)
		ta.insureAtA(ta.fx.alice)
		opa, opb := ta.login("opa"), ta.login("opb")
		w := ta.call("GET", "/api/v1/statement?period=2026-06", opa, nil)
		if w.Code != http.StatusOK {
			t.Fatalf("statement: %d %s", w.Code, w.Body)
		}
		var st struct {
			Status    string `json:"status"`
			Employees []struct {
				PersonID       int64  `json:"person_id"`
				IDNumberMasked string `json:"id_number_masked"`
				TotalFen       int64  `json:"total_fen"`
				Lines          []struct {
					BaseFen int64 `json:"base_fen"`
				} `json:"lines"`
			} `json:"employees"`
		}
		if err := json.Unmarshal(w.Body.Bytes(), &st); err != nil {
			t.Fatal(err)
		}
		if st.Status != "provisional" || len(st.Employees) != 1 || st.Employees[0].TotalFen != 211200 ||
			st.Employees[0].IDNumberMasked != shebao.MaskIDNumber(ta.fx.alice.IDNumber) || len(st.Employees[0].Lines) != 4 {
			t.Fatalf("statement = %s", w.Body)
		}
		if strings.Contains(w.Body.String(), ta.fx.alice.IDNumber) {
			t.Errorf("the whole ID number in %s", w.Body)
		}
		w = ta.call("GET", "/api/v1/statement?period=2026-06&format=xlsx", opa, nil)
		if ct := w.Header().Get("Content-Type"); w.Code != http.StatusOK || !strings.Contains(ct, "spreadsheetml") || w.Body.Len() == 0 {
			t.Fatalf("workbook: %d %s", w.Code, ct)
		}
		if w := ta.call("GET", fmt.Sprintf("/api/v1/statement?period=2026-06&unit_id=%d", ta.fx.unitA.ID), opb, nil); w.Code != http.StatusForbidden {
			t.Errorf("unit B's operator on unit A: %d", w.Code)
		}
	})
}
