package api_test

import (
	"strings"
	"testing"

	"shebao"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

func TestBadRequests(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ta := newTestAPI(t, db)
		token := ta.login("opa")
		id := ta.fx.alice.IDNumber
		tests := []struct {
			name          string
			body          string
			headers       []string
			status        int
			reason, field string
		}{
			{"malformed JSON", `{"type": "enroll",`, nil, 400, "JSON_MALFORMED", "body"},
			{"empty body", ``, nil, 400, "JSON_MALFORMED", "body"},
			{"two objects", `{"type":"enroll"} {}`, nil, 400, "JSON_MALFORMED", "body"},
			{"not an object", `["enroll"]`, nil, 400, "JSON_WANT_OBJECT", "body"},
			{"unknown field", `{"type":"enroll","colour":"red"}`, nil, 400, "JSON_UNKNOWN_FIELD", "colour"},
			{"wage_fen a string", `{"type":"enroll","id_number":"` + id + `","wage_fen":"8000"}`, nil, 400, "JSON_WANT_INTEGER", "wage_fen"},
			{"wage_fen a fraction", `{"type":"enroll","id_number":"` + id + `","wage_fen":8000.5}`, nil, 400, "JSON_WANT_INTEGER", "wage_fen"},
			{"wage a number", `{"type":"enroll","id_number":"` + id + `","wage":8000}`, nil, 400, "JSON_WANT_STRING", "wage"},
			{"wage malformed", `{"type":"enroll","id_number":"` + id + `","wage":"8k"}`, nil, 400, shebao.ReasonAmountMalformed, "wage"},
			{"wage zero", `{"type":"enroll","id_number":"` + id + `","wage_fen":0}`, nil, 400, shebao.ReasonAmountZero, "wage_fen"},
			{"wages disagree", `{"type":"enroll","id_number":"` + id + `","wage_fen":800000,"wage":"8000.01"}`, nil, 400, "WAGE_CONFLICT", "wage"},
			{"unknown type", `{"type":"hire","id_number":"` + id + `","wage_fen":800000}`, nil, 400, shebao.ReasonUnknownItemType, "type"},
			{"no ID number", `{"type":"enroll","wage_fen":800000}`, nil, 400, shebao.ReasonRequired, "id_number"},
			{"stop without reason", `{"type":"stop","id_number":"` + id + `"}`, nil, 400, shebao.ReasonUnknownStopReason, "stop_reason"},
			{"form content type", `type=enroll`, []string{"Content-Type", "application/x-www-form-urlencoded"}, 400, "CONTENT_TYPE", "body"},
			{"oversized body", `{"type":"enroll","id_number":"` + strings.Repeat("1", 1<<20) + `"}`, nil, 400, "BODY_TOO_LARGE", "body"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				w := ta.call("POST", "/api/v1/items/preview", token, tt.body, tt.headers...)
				wantError(t, w, tt.status, tt.reason, tt.field)
			})
		}

		queries := []struct{ query, field string }{
			{"?limit=0", "limit"}, {"?limit=500", "limit"}, {"?offset=-1", "offset"},
			{"?status=lost", "status"}, {"?type=hire", "type"}, {"?unit_id=x", "unit_id"},
		}
		for _, q := range queries {
			e := decode[errorOut](t, ta.call("GET", "/api/v1/items"+q.query, token, nil), 400)
			if e.Error.Field != q.field {
				t.Errorf("GET /api/v1/items%s: field %q, want %q", q.query, e.Error.Field, q.field)
			}
		}
		wantError(t, ta.call("GET", "/api/v1/items/abc", token, nil), 404, shebao.ReasonNotFound, "")
		wantError(t, ta.call("GET", "/api/v1/nothing", token, nil), 404, shebao.ReasonNotFound, "")
	})
}

// TestInternalErrorsStayInternal checks that a failure inside storage
// answers 500 with the generic message, never the driver's.
func TestInternalErrorsStayInternal(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ta := newTestAPI(t, db)
		token := ta.login("opa")
		db.Close() // every query now fails inside the driver
		w := ta.call("GET", "/api/v1/items", token, nil)
		e := wantError(t, w, 500, shebao.ReasonInternal, "")
		if e.Error.Code != shebao.EINTERNAL || strings.Contains(strings.ToLower(e.Error.Message), "sql") {
			t.Errorf("internal error leaks detail: %+v", e.Error)
		}
	})
}
