package api_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"shebao"
	"shebao/api"
	"shebao/services"
	"shebao/session"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

// TestPageSessionIsNoBearer: the value of a page session's cookie does
// not work as a bearer token.
func TestPageSessionIsNoBearer(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ta := newTestAPI(t, db)
		var acc shebao.Account
		err := db.View(context.Background(), func(tx shebao.Tx) error {
			var err error
			acc, err = tx.AccountByUsername(context.Background(), "opa")
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		ctx, err := ta.sess.Load(context.Background(), "")
		if err != nil {
			t.Fatal(err)
		}
		if err := ta.sess.Login(ctx, acc, shebao.Online, "", session.Page); err != nil {
			t.Fatal(err)
		}
		pageToken, _, err := ta.sess.Commit(ctx)
		if err != nil {
			t.Fatal(err)
		}
		wantError(t, ta.call("GET", "/api/v1/items", pageToken, nil), 401, shebao.ReasonNotLoggedIn, "")
		decode[map[string]any](t, ta.call("GET", "/api/v1/items", ta.login("opa"), nil), http.StatusOK)
	})
}

// TestPasswordChangeEndsOtherTokens: after a password change only the
// token the change returned works; every other token of the account ends.
func TestPasswordChangeEndsOtherTokens(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ta := newTestAPI(t, db)
		t1, t2 := ta.login("opa"), ta.login("opa")
		other := ta.login("opb")
		w := ta.call("POST", "/api/v1/password", t1, map[string]any{"old_password": password,
			"new_password": "Changed2026a", "confirm": "Changed2026a"})
		out := decode[loginOut](t, w, http.StatusOK)
		for name, tok := range map[string]string{"the changing token": t1, "another token": t2} {
			wantError(t, ta.call("GET", "/api/v1/items", tok, nil), 401, shebao.ReasonNotLoggedIn, "")
			_ = name
		}
		decode[map[string]any](t, ta.call("GET", "/api/v1/items", out.Token, nil), http.StatusOK)
		decode[map[string]any](t, ta.call("GET", "/api/v1/items", other, nil), http.StatusOK)
	})
}

// TestHSTS: with secure cookies the API sends Strict-Transport-Security.
func TestHSTS(t *testing.T) {
	db := sqldbtest.Open(t, sqldb.SQLite)
	for _, secure := range []bool{false, true} {
		svc, err := services.New(services.Config{DB: db, Secure: secure})
		if err != nil {
			t.Fatal(err)
		}
		h := api.New(api.Deps{Services: svc})
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest("GET", "/api/v1/openapi.yaml", nil))
		if got := w.Header().Get("Strict-Transport-Security"); (got != "") != secure {
			t.Errorf("secure %v: HSTS %q", secure, got)
		}
	}
}
