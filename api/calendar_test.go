package api_test

import (
	"bytes"
	"encoding/csv"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"shebao"
	"shebao/collection"
	"shebao/rules"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

// TestCalendar: the unit's month through the API, the twin of its home
// page: the deduction date of last month (collection's due date), the
// counter's last day, the declaration window while open, and the months
// owed once a deduction failed, with their late fee after the due date.
// Staff name the unit; an operator naming another is refused.
func TestCalendar(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ta := newTestAPI(t, db)
		ta.insureAtA(ta.fx.alice)
		type calendar struct {
			UnitID          int64  `json:"unit_id"`
			CounterLastDay  string `json:"counter_last_day"`
			Deduction       string `json:"deduction_date"`
			DeductionPeriod string `json:"deduction_period"`
			Window          *struct {
				To string `json:"to"`
			} `json:"declaration_window"`
			ToDo struct {
				MonthsOwed    int   `json:"months_owed"`
				MonthsOwedFen int64 `json:"months_owed_fen"`
				Undeclared    int   `json:"undeclared_employees"`
			} `json:"todo"`
		}
		opa, clerk := ta.login("opa"), ta.login("clerk")
		c := decode[calendar](t, ta.call("GET", "/api/v1/calendar", opa, nil), http.StatusOK)
		if c.UnitID != ta.fx.unitA.ID || c.Deduction != ta.svc.Collection.DueDate(202606).String() ||
			c.DeductionPeriod != "2026-06" || c.CounterLastDay == "" || c.Window == nil || c.ToDo.Undeclared == 0 || c.ToDo.MonthsOwed != 0 {
			t.Fatalf("calendar on %s = %+v", today, c)
		}
		if w := ta.call("GET", "/api/v1/calendar?unit_id="+strconv.FormatInt(ta.fx.unitB.ID, 10), opa, nil); w.Code != http.StatusForbidden {
			t.Fatalf("another unit's calendar: %d", w.Code)
		}

		if _, err := ta.svc.Billing.Assess(t.Context(), 202606, nil); err != nil {
			t.Fatal(err)
		}
		if _, err := ta.svc.Billing.Close(t.Context(), 202606); err != nil {
			t.Fatal(err)
		}
		w := ta.call("GET", "/api/v1/collection/list?period=2026-06&format=csv", clerk, nil)
		recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(w.Body.String(), "\xEF\xBB\xBF"))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		cw := csv.NewWriter(&buf)
		cw.Write(append(recs[0], collection.ResultHeader...))
		cw.Write(append(recs[1], "失败", "", "余额不足"))
		cw.Flush()
		if w := ta.call("POST", "/api/v1/collection/results?period=2026-06&apply=true", clerk, buf.String()); w.Code != http.StatusOK {
			t.Fatalf("apply: %d %s", w.Code, w.Body)
		}
		ta.at(shebao.NewDate(2026, 8, 3))
		clerk = ta.login("clerk")
		c = decode[calendar](t, ta.call("GET", "/api/v1/calendar?unit_id="+strconv.FormatInt(ta.fx.unitA.ID, 10), clerk, nil), http.StatusOK)
		_, fee := rules.LateFee(211_200, 20260720, 20260803, 50)
		if c.ToDo.MonthsOwed != 1 || c.ToDo.MonthsOwedFen != int64(211_200+fee) || c.Window != nil || c.Deduction != "2026-08-20" {
			t.Fatalf("calendar on 3 August = %+v, want ¥2112 and its fee %d owed", c, fee)
		}
	})
}
