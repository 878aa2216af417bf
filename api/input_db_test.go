package api_test

import (
	"net/http"
	"testing"

	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

// TestFreeTextRule: control characters in a JSON field, a query parameter
// or the Idempotency-Key get a field error, never a 500, on both databases.
func TestFreeTextRule(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ta := newTestAPI(t, db)
		w := ta.call("POST", "/api/v1/login", "", map[string]any{"username": "opa\x00", "password": password})
		wantError(t, w, http.StatusBadRequest, "TEXT_CONTROL", "username")
		w = ta.call("POST", "/api/v1/login", "", map[string]any{"username": "\u202eopa", "password": password})
		wantError(t, w, http.StatusBadRequest, "TEXT_CONTROL", "username")
		token := ta.login("opa")
		w = ta.call("GET", "/api/v1/items?status=%1b", token, nil)
		wantError(t, w, http.StatusBadRequest, "TEXT_CONTROL", "status")
		w = ta.call("POST", "/api/v1/items", token, map[string]any{"type": "enroll", "id_number": ta.fx.alice.IDNumber, "wage": "8000"},
			"Idempotency-Key", "k\xff\xfe")
		wantError(t, w, http.StatusBadRequest, "TEXT_ENCODING", "client_key")
		// Credentials with bytes no token has are unknown credentials, not a 500.
		if w := ta.call("GET", "/api/v1/me", "t\xff\xfe", nil); w.Code != http.StatusUnauthorized {
			t.Errorf("bearer token with invalid UTF-8: %d %s", w.Code, w.Body.String())
		}
		w = ta.call("POST", "/api/v1/employment/registrations", "", `[]`, "Authorization", "ApiKey k\xff\xfe")
		if w.Code >= 500 {
			t.Errorf("API key with invalid UTF-8: %d %s", w.Code, w.Body.String())
		}
	})
}
