package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestLogin(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		t.Run("anonymous pages go to login", func(t *testing.T) {
			b := f.browser()
			p := b.get("/items")
			if p.url.Path != "/login" || !p.has("form[action='/login']") {
				t.Fatalf("got %s", p.url)
			}
			if p.has("#idle-notice") {
				t.Error("idle notice without an idle logout")
			}
		})
		t.Run("success shows the catalogue", func(t *testing.T) {
			p := f.browser().login("hr_a")
			if got := p.text("#period"); !strings.Contains(got, "2026-07") {
				t.Errorf("period = %q", got)
			}
			if n := p.doc.Find(".tiles a.tile").Length(); n != len(selfItems) {
				t.Errorf("%d self-service items, want %d", n, len(selfItems))
			}
			if n := p.doc.Find(".counter-item").Length(); n != 4 {
				t.Errorf("%d counter items, want 4", n)
			}
			if p.doc.Find("#counter\\.card .bring li").Length() < 3 {
				t.Error("card production lists too little to bring")
			}
		})
		t.Run("failure", func(t *testing.T) {
			p := f.browser().post("/login", url.Values{"username": {"hr_a"}, "password": {"wrong1234"}})
			if p.status != http.StatusUnprocessableEntity || p.url.Path != "/login" {
				t.Fatalf("status %d at %s", p.status, p.url)
			}
			if got := p.text("#form-error"); !strings.Contains(got, "用户名或密码不正确") {
				t.Errorf("message = %q", got)
			}
			if v, _ := p.doc.Find("#username").Attr("value"); v != "hr_a" {
				t.Errorf("username not kept: %q", v)
			}
		})
		t.Run("empty and oversized fields", func(t *testing.T) {
			b := f.browser()
			p := b.post("/login", url.Values{"username": {""}, "password": {"x"}})
			if got := p.text("#username-error"); !strings.Contains(got, "用户名") {
				t.Errorf("empty username: %q", got)
			}
			p = b.post("/login", url.Values{"username": {strings.Repeat("a", 65)}, "password": {"x"}})
			if got := p.text("#username-error"); !strings.Contains(got, "64") {
				t.Errorf("long username: %q", got)
			}
		})
		t.Run("lockout", func(t *testing.T) {
			b := f.browser()
			for range 5 {
				b.post("/login", url.Values{"username": {"hr_b"}, "password": {"wrong1234"}})
			}
			// Locked now, the right password is refused exactly as an
			// unknown username is: the page tells no one the account exists.
			locked := b.post("/login", url.Values{"username": {"hr_b"}, "password": {testPassword}})
			unknown := b.post("/login", url.Values{"username": {"hr_zz"}, "password": {testPassword}})
			if locked.status != http.StatusUnprocessableEntity || locked.text("#form-error") != unknown.text("#form-error") ||
				locked.status != unknown.status {
				t.Errorf("right password while locked: %d %q; unknown username: %d %q", locked.status,
					locked.text("#form-error"), unknown.status, unknown.text("#form-error"))
			}
		})
	})
}

func TestMustChangePassword(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		b := f.browser()
		p := b.post("/login", url.Values{"username": {"hr_a_new"}, "password": {testPassword}})
		if p.url.Path != "/password" || !p.has("#must-change") {
			t.Fatalf("first login landed on %s", p.url)
		}
		for _, path := range []string{"/", "/items", "/items/new?type=enroll", "/roster"} {
			if p := b.get(path); p.url.Path != "/password" {
				t.Errorf("%s reachable before the change: %s", path, p.url)
			}
		}
		p = b.post("/items/new", itemForm("enroll", f.person["new"].IDNumber, "8000", "submit"))
		if p.url.Path != "/password" {
			t.Errorf("POST reachable before the change: %s", p.url)
		}
		p = b.post("/password", url.Values{"old_password": {testPassword}, "new_password": {"short1"}, "confirm": {"short1"}})
		if got := p.text("#new_password-error"); !strings.Contains(got, "至少 8 位") {
			t.Errorf("weak password: %q", got)
		}
		p = b.post("/password", url.Values{"old_password": {testPassword}, "new_password": {"Neues2026pw"}, "confirm": {"Neues2026px"}})
		if got := p.text("#confirm-error"); got == "" {
			t.Error("mismatch not shown beside confirm")
		}
		p = b.post("/password", url.Values{"old_password": {"nope12345"}, "new_password": {"Neues2026pw"}, "confirm": {"Neues2026pw"}})
		if got := p.text("#old_password-error"); got == "" {
			t.Error("wrong old password not shown beside the field")
		}
		p = b.post("/password", url.Values{"old_password": {testPassword}, "new_password": {"Neues2026pw"}, "confirm": {"Neues2026pw"}})
		if p.url.Path != "/" || !p.has("#changed-notice") {
			t.Fatalf("after the change: %s", p.url)
		}
		if p := b.get("/items"); p.url.Path != "/items" {
			t.Errorf("still blocked after the change: %s", p.url)
		}
	})
}

func TestCSRF(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		b := f.browser()
		b.login("hr_a")
		for _, token := range []string{"", "forged"} {
			form := itemForm("enroll", f.person["new"].IDNumber, "8000", "submit")
			form.Set("csrf", token)
			p := b.post("/items/new", form)
			if p.status != http.StatusForbidden || !strings.Contains(p.text("#error-message"), "页面已过期") {
				t.Errorf("token %q: status %d %q", token, p.status, p.text("#error-message"))
			}
		}
		p := f.browser().post("/login", url.Values{"csrf": {"x"}, "username": {"hr_a"}, "password": {testPassword}})
		if p.status != http.StatusForbidden {
			t.Errorf("login without the session's token: %d", p.status)
		}
		p = b.get("/items")
		if p.has("#items") {
			t.Error("a forged POST created an item")
		}
		// A cross-site browser POST is refused by net/http's protection too.
		req, _ := http.NewRequest(http.MethodPost, f.srv.URL+"/logout", strings.NewReader("csrf="+b.csrf))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Sec-Fetch-Site", "cross-site")
		if p := b.do(req); p.status != http.StatusForbidden {
			t.Errorf("cross-site POST: %d", p.status)
		}
	})
}

func TestLogout(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		b := f.browser()
		b.login("hr_a")
		p := b.post("/logout", url.Values{})
		if p.url.Path != "/login" {
			t.Fatalf("after logout: %s", p.url)
		}
		if p := b.get("/"); p.url.Path != "/login" {
			t.Errorf("still logged in: %s", p.url)
		}
	})
}
