package api_test

import (
	"bytes"
	"net/http"
	"testing"

	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

// TestReadsWriteNoSession: requests that only read, made within a minute of
// the login, leave the stored session as the login wrote it (the session's
// idle clock is refreshed at most once a minute: package session).
func TestReadsWriteNoSession(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ta := newTestAPI(t, db)
		token := ta.login("opa")
		store := db.SessionStore()
		before, _, found, err := store.FindAccount(t.Context(), token)
		if err != nil || !found {
			t.Fatalf("session after login: found %v, %v", found, err)
		}
		for _, path := range []string{"/api/v1/me", "/api/v1/items", "/api/v1/roster", "/api/v1/bill"} {
			if w := ta.call("GET", path, token, nil); w.Code != http.StatusOK {
				t.Fatalf("GET %s: %d %s", path, w.Code, w.Body)
			}
		}
		preview := map[string]any{"type": "enroll", "id_number": ta.fx.alice.IDNumber, "wage_fen": 900000}
		if w := ta.call("POST", "/api/v1/items/preview", token, preview); w.Code != http.StatusOK {
			t.Fatalf("preview: %d %s", w.Code, w.Body)
		}
		after, _, _, err := store.FindAccount(t.Context(), token)
		if err != nil || !bytes.Equal(before, after) {
			t.Errorf("reads rewrote the session (%v)", err)
		}
	})
}
