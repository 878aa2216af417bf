package api_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"shebao"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

func TestLogin(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ta := newTestAPI(t, db)
		w := ta.call("POST", "/api/v1/login", "", map[string]any{"username": "opa", "password": password})
		out := decode[loginOut](t, w, http.StatusOK)
		if out.Token == "" || out.TokenType != "Bearer" || out.Channel != "online" || out.Terminal != "" {
			t.Errorf("login = %+v", out)
		}
		if out.Account.Username != "opa" || out.Account.Role != "operator" || out.Account.UnitID != ta.fx.unitA.ID || out.Account.MustChange {
			t.Errorf("account = %+v", out.Account)
		}
		exp, err := time.Parse(time.RFC3339, out.ExpiresAt)
		if err != nil || !strings.HasSuffix(out.ExpiresAt, "+08:00") || !exp.After(time.Now()) {
			t.Errorf("expires_at = %q (%v)", out.ExpiresAt, err)
		}
		me := decode[loginOut](t, ta.call("GET", "/api/v1/me", out.Token, nil), http.StatusOK)
		if me.Account.Username != "opa" || me.Channel != "online" {
			t.Errorf("me = %+v", me)
		}

		tests := []struct {
			name, username, password string
			status                   int
			reason, field            string
		}{
			{"wrong password", "opa", "nope12345", 401, shebao.ReasonLoginFailed, ""},
			{"unknown user", "nobody", password, 401, shebao.ReasonLoginFailed, ""},
			{"no username", " ", password, 400, shebao.ReasonRequired, "username"},
			{"no password", "opa", "", 400, shebao.ReasonRequired, "password"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				w := ta.call("POST", "/api/v1/login", "", map[string]any{"username": tt.username, "password": tt.password})
				wantError(t, w, tt.status, tt.reason, tt.field)
			})
		}
	})
}

func TestLoginLocked(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ta := newTestAPI(t, db)
		bad := map[string]any{"username": "lockme", "password": "wrong-pass-1"}
		for range 2 {
			wantError(t, ta.call("POST", "/api/v1/login", "", bad), 401, shebao.ReasonLoginFailed, "")
		}
		// The third failure (MaxFailures) locks the account …
		wantError(t, ta.call("POST", "/api/v1/login", "", bad), 401, shebao.ReasonLoginFailed, "")
		// … and then even the right password is refused, with exactly the
		// answer an unknown username gets.
		good := map[string]any{"username": "lockme", "password": password}
		locked := ta.call("POST", "/api/v1/login", "", good)
		unknown := ta.call("POST", "/api/v1/login", "", map[string]any{"username": "nobody-here", "password": password})
		if locked.Code != 401 || locked.Code != unknown.Code || locked.Body.String() != unknown.Body.String() {
			t.Errorf("locked: %d %s; unknown username: %d %s", locked.Code, locked.Body, unknown.Code, unknown.Body)
		}
	})
}

func TestKioskLogin(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ta := newTestAPI(t, db)
		body := func(code, secret string) map[string]any {
			return map[string]any{"username": "opa", "password": password,
				"terminal": map[string]string{"code": code, "secret": secret}}
		}
		out := decode[loginOut](t, ta.call("POST", "/api/v1/login", "", body(terminalCode, terminalSecret)), http.StatusOK)
		if out.Channel != "self_service" || out.Terminal != terminalCode {
			t.Errorf("kiosk login = %+v", out)
		}
		exp, _ := time.Parse(time.RFC3339, out.ExpiresAt)
		if time.Until(exp) > 5*time.Minute {
			t.Errorf("kiosk session expires at %s, want within the kiosk idle time", out.ExpiresAt)
		}
		wantError(t, ta.call("POST", "/api/v1/login", "", body(terminalCode, "guess")), 401, "TERMINAL_REJECTED", "terminal")
		wantError(t, ta.call("POST", "/api/v1/login", "", body("HALL-99", terminalSecret)), 401, "TERMINAL_REJECTED", "terminal")
		wantError(t, ta.call("POST", "/api/v1/login", "", body(terminalCode, "")), 400, shebao.ReasonRequired, "terminal.secret")
	})
}

func TestBearerRequired(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ta := newTestAPI(t, db)
		w := ta.call("GET", "/api/v1/items", "", nil)
		wantError(t, w, 401, shebao.ReasonNotLoggedIn, "")
		if w.Header().Get("WWW-Authenticate") == "" {
			t.Error("401 without WWW-Authenticate")
		}
		wantError(t, ta.call("GET", "/api/v1/items", "not-a-token", nil), 401, shebao.ReasonNotLoggedIn, "")
		wantError(t, ta.call("GET", "/api/v1/items", "", nil, "Authorization", "Basic b3BhOnB3"), 401, shebao.ReasonNotLoggedIn, "")
		// The pages' session cookie does not authenticate the API.
		token := ta.login("opa")
		wantError(t, ta.call("GET", "/api/v1/items", "", nil, "Cookie", "shebao_session="+token), 401, "BEARER_REQUIRED", "")

		decode[map[string]any](t, ta.call("GET", "/api/v1/items", token, nil), http.StatusOK)
		if w := ta.call("POST", "/api/v1/logout", token, nil); w.Code != http.StatusNoContent {
			t.Fatalf("logout = %d %s", w.Code, w.Body)
		}
		wantError(t, ta.call("GET", "/api/v1/items", token, nil), 401, shebao.ReasonNotLoggedIn, "")
	})
}

func TestMustChangePassword(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ta := newTestAPI(t, db)
		w := ta.call("POST", "/api/v1/login", "", map[string]any{"username": "newop", "password": password})
		out := decode[loginOut](t, w, http.StatusOK)
		if !out.Account.MustChange {
			t.Fatalf("account = %+v, want must_change", out.Account)
		}
		old := out.Token
		wantError(t, ta.call("GET", "/api/v1/items", old, nil), 403, shebao.ReasonMustChangePass, "")
		wantError(t, ta.call("POST", "/api/v1/items/preview", old, map[string]any{"type": "enroll"}), 403, shebao.ReasonMustChangePass, "")

		change := func(oldPw, newPw, confirm string) map[string]any {
			return map[string]any{"old_password": oldPw, "new_password": newPw, "confirm": confirm}
		}
		wantError(t, ta.call("POST", "/api/v1/password", old, change(password, "Better2026", "Better2027")), 400, shebao.ReasonPasswordMismatch, "confirm")
		wantError(t, ta.call("POST", "/api/v1/password", old, change(password, "short1", "short1")), 400, shebao.ReasonPasswordWeak, "new_password")
		wantError(t, ta.call("POST", "/api/v1/password", old, change("wrong-old-1", "Better2026", "Better2026")), 400, shebao.ReasonOldPasswordWrong, "old_password")

		w = ta.call("POST", "/api/v1/password", old, change(password, "Better2026", "Better2026"))
		changed := decode[loginOut](t, w, http.StatusOK)
		if changed.Token == "" || changed.Token == old || changed.Account.MustChange {
			t.Fatalf("password change = %+v", changed)
		}
		wantError(t, ta.call("GET", "/api/v1/items", old, nil), 401, shebao.ReasonNotLoggedIn, "")
		decode[map[string]any](t, ta.call("GET", "/api/v1/items", changed.Token, nil), http.StatusOK)
	})
}

func TestMessagesInLanguage(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ta := newTestAPI(t, db)
		bad := map[string]any{"username": "nobody", "password": "wrong-pass-1"}
		tests := []struct {
			acceptLanguage string
			want           string
		}{
			{"", "用户名或密码不正确"},
			{"zh-CN,zh;q=0.9", "用户名或密码不正确"},
			{"en-US,en;q=0.8", "Wrong username or password"},
		}
		for _, tt := range tests {
			w := ta.call("POST", "/api/v1/login", "", bad, "Accept-Language", tt.acceptLanguage)
			e := wantError(t, w, 401, shebao.ReasonLoginFailed, "")
			if !strings.Contains(e.Error.Message, tt.want) {
				t.Errorf("Accept-Language %q: message %q, want %q", tt.acceptLanguage, e.Error.Message, tt.want)
			}
		}
		// The message names the field, in the request's language.
		token := ta.login("opa")
		item := map[string]any{"type": "enroll", "id_number": flipCheck(idNumber(t, 9)), "wage_fen": 800000}
		zh := wantError(t, ta.call("POST", "/api/v1/items/preview", token, item), 400, shebao.ReasonIDCheck, "id_number")
		en := wantError(t, ta.call("POST", "/api/v1/items/preview", token, item, "Accept-Language", "en"), 400, shebao.ReasonIDCheck, "id_number")
		if !strings.Contains(zh.Error.Message, "身份证号码") || !strings.Contains(en.Error.Message, "ID number") {
			t.Errorf("messages %q / %q, want the field named", zh.Error.Message, en.Error.Message)
		}
	})
}
