package api_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"shebao"
	"shebao/billing"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

// billOut is the part of a bill answer the test reads.
type billOut struct {
	UnitID      int64  `json:"unit_id"`
	Period      string `json:"period"`
	Closed      bool   `json:"closed"`
	TotalFen    int64  `json:"total_fen"`
	EmployerFen int64  `json:"employer_fen"`
	ByInsurance []struct {
		Insurance   string `json:"insurance"`
		EmployerFen int64  `json:"employer_fen"`
	} `json:"by_insurance"`
	Persons []struct {
		Name  string `json:"name"`
		Lines []struct {
			Insurance       string `json:"insurance"`
			DeclaredBaseFen int64  `json:"declared_base_fen"`
			BaseFen         int64  `json:"base_fen"`
			Clamp           string `json:"clamp"`
			EmployerRate    int64  `json:"employer_rate"`
			Rounding        string `json:"rounding"`
			EmployerFen     int64  `json:"employer_fen"`
		} `json:"lines"`
	} `json:"persons"`
}

// Alice, insured at unit A (class 1) with a declared base of ¥5,000 below
// the floor ¥6,000: employer 6,000 × 24.7% = 1,482.00, employee 630.00.
func TestBill(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ta := newTestAPI(t, db)
		ta.insureAtA(ta.fx.alice)
		opa := ta.login("opa")
		b := decode[billOut](t, ta.call("GET", "/api/v1/bill", opa, nil), http.StatusOK)
		if b.Period != "2026-07" || b.TotalFen != 211_200 || b.EmployerFen != 148_200 || len(b.Persons) != 1 || b.Closed {
			t.Fatalf("bill = %+v", b)
		}
		l := b.Persons[0].Lines[0]
		if l.Insurance != "pension" || l.DeclaredBaseFen != 500_000 || l.BaseFen != 600_000 || l.Clamp != "floor" ||
			l.EmployerRate != 16_000 || l.Rounding != "fen" || l.EmployerFen != 96_000 {
			t.Errorf("pension line = %+v", l)
		}
		b = decode[billOut](t, ta.call("GET", "/api/v1/bill?period=2026-06", opa, nil), http.StatusOK)
		if b.Period != "2026-06" || b.TotalFen != 211_200 {
			t.Errorf("June = %+v", b)
		}

		wantError(t, ta.call("GET", "/api/v1/bill?period=2026-7x", opa, nil), http.StatusBadRequest, shebao.ReasonPeriodMalformed, "period")
		wantError(t, ta.call("GET", "/api/v1/bill?period=2026-09", opa, nil), http.StatusBadRequest, shebao.ReasonPeriodFuture, "period")
		wantError(t, ta.call("GET", "/api/v1/bill?period=2025-07", opa, nil), http.StatusUnprocessableEntity, shebao.ReasonNoPolicy, "")

		opb := ta.login("opb")
		wantError(t, ta.call("GET", fmt.Sprintf("/api/v1/bill?unit_id=%d", ta.fx.unitA.ID), opb, nil), http.StatusForbidden, shebao.ReasonForbidden, "unit_id")
		other := decode[billOut](t, ta.call("GET", "/api/v1/bill", opb, nil), http.StatusOK)
		if other.UnitID != ta.fx.unitB.ID || other.TotalFen != 0 {
			t.Errorf("unit B's operator got %+v", other)
		}
		clerk := ta.login("clerk")
		wantError(t, ta.call("GET", "/api/v1/bill", clerk, nil), http.StatusBadRequest, shebao.ReasonRequired, "unit_id")
		staff := decode[billOut](t, ta.call("GET", fmt.Sprintf("/api/v1/bill?unit_id=%d", ta.fx.unitA.ID), clerk, nil), http.StatusOK)
		if staff.TotalFen != 211_200 {
			t.Errorf("clerk's view of A: %+v", staff)
		}
	})
}

// A floating rate stored outside its class's grades is not billed live:
// 422 BILL_FLOAT_OUTSIDE_GRADES, the message naming the unit and its rate,
// in the request's language (the page's twin: web TestBillRefusesFloatOutsideGrades).
func TestBillRefusesFloatOutsideGrades(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ta := newTestAPI(t, db)
		if err := db.InTx(t.Context(), func(tx shebao.Tx) error {
			return tx.SetUnitInjuryFloat(t.Context(), shebao.UnitRate{UnitID: ta.fx.unitA.ID, Year: 2026, InjuryFloat: -50})
		}); err != nil {
			t.Fatal(err)
		}
		opa := ta.login("opa")
		e := wantError(t, ta.call("GET", "/api/v1/bill", opa, nil), http.StatusUnprocessableEntity, billing.ReasonBillFloatOutsideGrades, "")
		if !strings.Contains(e.Error.Message, ta.fx.unitA.Name) || !strings.Contains(e.Error.Message, "-0.05") {
			t.Errorf("message %q names neither the unit nor its rate", e.Error.Message)
		}
		e = wantError(t, ta.call("GET", "/api/v1/bill", opa, nil, "Accept-Language", "en"), http.StatusUnprocessableEntity, billing.ReasonBillFloatOutsideGrades, "")
		if !strings.Contains(e.Error.Message, "floating work-injury rate") {
			t.Errorf("English message %q", e.Error.Message)
		}
	})
}

// TestBillStatements: GET /api/v1/bill of a month not closed runs 7
// statements whatever the unit's size (docs/PERFORMANCE.md, "The live bill
// (stop 11)" and "The bill per request (stop 12)"): the authentication,
// then in one read transaction (BEGIN, COMMIT) the policy in force, the
// unit with its floating rate and the period's run, the persons with their
// coverages, and the back-pay.
func TestBillStatements(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ta := newTestAPI(t, db)
		ta.insureAtA(ta.fx.alice, ta.fx.carol)
		opa := ta.login("opa")
		stop := db.CountStatements()
		b := decode[billOut](t, ta.call("GET", "/api/v1/bill", opa, nil), http.StatusOK)
		if n := stop(); n != 7 {
			t.Errorf("GET /api/v1/bill ran %d statements, want 7", n)
		}
		if len(b.Persons) != 2 || b.Closed {
			t.Errorf("bill: %d persons, closed %v; want 2, live", len(b.Persons), b.Closed)
		}
	})
}
