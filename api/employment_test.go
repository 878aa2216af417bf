package api_test

import (
	"net/http"
	"testing"

	"shebao/api"
	"shebao/employment"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

const employmentKey = "employment-key-0123456789abcdef"

// reportOut is the answer of a push.
type reportOut struct {
	Read, Inserted, Updated, Unchanged, Rejected int
	Rejects                                      []struct {
		Row      int    `json:"row"`
		SourceID string `json:"source_id"`
		Field    string `json:"field"`
		Reason   string `json:"reason"`
		Message  string `json:"message"`
	}
}

func TestPushRegistrations(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ta := newTestAPI(t, db)
		hash, err := employment.ParseToken(employmentKey)
		if err != nil {
			t.Fatal(err)
		}
		clerkToken := ta.login("clerk")
		ta.svc.Employment.TokenHash = hash

		const path = "/api/v1/employment/registrations"
		body := []map[string]string{
			{"source_id": "P-1", "id_number": idNumber(t, 50), "name": "推送一", "credit_code": ta.fx.unitA.CreditCode, "start": "2026-07-01", "registered_on": "2026-07-01"},
			{"source_id": "P-2", "id_number": ta.fx.alice.IDNumber, "name": ta.fx.alice.Name, "credit_code": ta.fx.unitB.CreditCode, "start": "2026-06-01", "registered_on": "2026-06-01", "end": "2026-06-30"},
			{"source_id": "P-3", "id_number": idNumber(t, 51), "name": "推送三", "credit_code": creditCode(t, 99), "start": "2026-07-01", "registered_on": "2026-07-01"},
		}
		wantError(t, ta.call("POST", path, "", body), http.StatusUnauthorized, employment.ReasonTokenRejected, "")
		wantError(t, ta.call("POST", path, "wrong", body), http.StatusUnauthorized, employment.ReasonTokenRejected, "")
		wantError(t, ta.call("POST", path, clerkToken, body), http.StatusUnauthorized, employment.ReasonTokenRejected, "")

		rep := decode[reportOut](t, ta.call("POST", path, employmentKey, body), http.StatusOK)
		if rep.Read != 3 || rep.Inserted != 2 || rep.Rejected != 1 || len(rep.Rejects) != 1 ||
			rep.Rejects[0].Row != 3 || rep.Rejects[0].Field != "credit_code" || rep.Rejects[0].Reason != employment.ReasonUnitUnknown || rep.Rejects[0].Message == "" {
			t.Fatalf("first push = %+v", rep)
		}
		rep = decode[reportOut](t, ta.call("POST", path, employmentKey, body[:2]), http.StatusOK)
		if rep.Read != 2 || rep.Unchanged != 2 {
			t.Errorf("second push = %+v", rep)
		}

		wantError(t, ta.call("POST", path, employmentKey, `[{"source_id":"x","bogus":1}]`), http.StatusBadRequest, api.ReasonJSONUnknown, "bogus")
		wantError(t, ta.call("POST", path, employmentKey, `[]`), http.StatusBadRequest, employment.ReasonNoRows, "body")

		ta.svc.Employment.TokenHash = nil // no key configured: pushes are off
		wantError(t, ta.call("POST", path, employmentKey, body), http.StatusForbidden, employment.ReasonAPIOff, "")
	})
}
