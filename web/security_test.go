package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"testing"

	"shebao"
	"shebao/auth"
	"shebao/services"
	"shebao/session"
)

// TestLoginPageStoresNoSession: anonymous visits to the login page write no
// session row; the login form still works (its CSRF token is a signed
// nonce cookie), and only the login makes a session.
func TestLoginPageStoresNoSession(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		count := func() int {
			n, err := f.db.SessionStore().Count(ctx)
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
		for range 30 {
			if p := f.browser().get("/login"); p.status != http.StatusOK {
				t.Fatalf("GET /login: %d", p.status)
			}
		}
		b := f.browser()
		b.get("/items") // sent to the login page
		if n := count(); n != 0 {
			t.Fatalf("%d session rows after anonymous visits, want 0", n)
		}
		// A login form without its nonce cookie (another browser's token)
		// is refused.
		other := f.browser()
		other.csrf = b.csrf
		if p := other.post("/login", url.Values{"username": {"hr_a"}, "password": {testPassword}}); p.status != http.StatusForbidden {
			t.Errorf("login with another browser's token: %d", p.status)
		}
		b.login("hr_a")
		if n := count(); n != 1 {
			t.Errorf("%d session rows after one login, want 1", n)
		}
	})
}

// setRole changes an account's role in the database directly, as another
// process would, without ending its sessions.
func setRole(t *testing.T, f *fixture, username string, role shebao.Role) {
	t.Helper()
	ctx := context.Background()
	err := f.db.InTx(ctx, func(tx shebao.Tx) error {
		acc, err := tx.AccountByUsername(ctx, username)
		if err != nil {
			return err
		}
		acc.Role = role
		return tx.UpdateAccount(ctx, acc)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestDemotedReviewerCannotApprove: a reviewer demoted to clerk while
// their page is open cannot decide the item they are looking at: every
// request acts with the account's role as it is now.
func TestDemotedReviewerCannotApprove(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		officeStaff(t, f)
		it := inReview(t, f, 0)
		b := f.browser()
		b.login("reviewer")
		path := "/review/" + strconv.FormatInt(it.ID, 10)
		b.get(path)
		setRole(t, f, "reviewer", shebao.RoleClerk)
		p := b.post(path, url.Values{"action": {"approve"}})
		if p.status != http.StatusForbidden {
			t.Errorf("demoted reviewer's approval: %d at %s", p.status, p.url)
		}
		var got shebao.Item
		_ = f.db.View(context.Background(), func(tx shebao.Tx) error {
			var err error
			got, err = tx.Item(context.Background(), it.ID)
			return err
		})
		if got.Status != shebao.StatusInReview {
			t.Errorf("item status %s, want still in review", got.Status)
		}
	})
}

// TestDemotedAdminCannotCreateAdmin: an admin demoted by another admin on
// the accounts page loses the open session at once (its next request goes
// to the login page) and creates no admin.
func TestDemotedAdminCannotCreateAdmin(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		officeStaff(t, f)
		boss := f.browser()
		boss.login("admin")
		boss.get("/admin/staff")
		boss.post("/admin/staff", url.Values{"username": {"admin2"}, "role": {"admin"}, "display_name": {"二号管理员"}})
		issued := boss.get("/admin/staff") // refresh the token after the create page
		_ = issued
		var second shebao.Account
		ctx := context.Background()
		_ = f.db.View(ctx, func(tx shebao.Tx) error {
			var err error
			second, err = tx.AccountByUsername(ctx, "admin2")
			return err
		})
		if second.ID == 0 {
			t.Fatal("admin2 not created")
		}
		// admin2's one-time password is replaced by a known one for the test.
		hash, _ := auth.HashPassword(testPassword, 4)
		second.PasswordHash, second.MustChange = hash, false
		_ = f.db.InTx(ctx, func(tx shebao.Tx) error { return tx.UpdateAccount(ctx, second) })
		b := f.browser()
		b.login("admin2")
		b.get("/admin/staff")
		p := boss.post("/admin/accounts/"+strconv.FormatInt(second.ID, 10)+"/role", url.Values{"role": {"clerk"}})
		if p.status >= 400 {
			t.Fatalf("demote: %d %q", p.status, p.text("#form-error"))
		}
		p = b.post("/admin/staff", url.Values{"username": {"evil"}, "role": {"admin"}})
		if p.url.Path != "/login" {
			t.Errorf("the demoted admin's session goes on: %d at %s", p.status, p.url)
		}
		err := f.db.View(ctx, func(tx shebao.Tx) error { _, err := tx.AccountByUsername(ctx, "evil"); return err })
		if shebao.ErrorCode(err) != shebao.ENOTFOUND {
			t.Errorf("the demoted admin created an account: %v", err)
		}
		// Even a session that survived (role changed behind its back) acts
		// as a clerk.
		setRole(t, f, "admin2", shebao.RoleAdmin)
		b.login("admin2")
		b.get("/admin/staff")
		setRole(t, f, "admin2", shebao.RoleClerk)
		if p = b.post("/admin/staff", url.Values{"username": {"evil"}, "role": {"admin"}}); p.status != http.StatusForbidden {
			t.Errorf("clerk creating an admin: %d", p.status)
		}
	})
}

// TestPasswordChangeEndsOtherPageSessions: a password change on one browser
// logs out the account's other browsers; the changing one stays in.
func TestPasswordChangeEndsOtherPageSessions(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		one, two := f.browser(), f.browser()
		one.login("hr_a")
		two.login("hr_a")
		one.get("/password")
		p := one.post("/password", url.Values{"old_password": {testPassword}, "new_password": {"Changed2026a"}, "confirm": {"Changed2026a"}})
		if p.url.Path != "/" {
			t.Fatalf("change: %d at %s %q", p.status, p.url, p.text("#new_password-error"))
		}
		if p := one.get("/items"); p.url.Path != "/items" {
			t.Errorf("the changing browser was logged out: %s", p.url)
		}
		if p := two.get("/items"); p.url.Path != "/login" {
			t.Errorf("the other browser is still logged in: %s", p.url)
		}
	})
}

// TestAPITokenIsNoPageCookie: an API session's token set as the pages'
// cookie does not log a browser in.
func TestAPITokenIsNoPageCookie(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		var acc shebao.Account
		_ = f.db.View(ctx, func(tx shebao.Tx) error {
			var err error
			acc, err = tx.AccountByUsername(ctx, "hr_a")
			return err
		})
		sm := session.New(session.Config{Store: f.db.SessionStore(), Clock: shebao.FixedDayClock{Day: testToday}})
		sctx, err := sm.Load(ctx, "")
		if err != nil {
			t.Fatal(err)
		}
		if err := sm.Login(sctx, acc, shebao.Online, "", session.Bearer); err != nil {
			t.Fatal(err)
		}
		token, _, err := sm.Commit(sctx)
		if err != nil {
			t.Fatal(err)
		}
		b := f.browser()
		u, _ := url.Parse(f.srv.URL)
		b.hc.Jar.SetCookies(u, []*http.Cookie{{Name: sm.Cookie.Name, Value: token}})
		if p := b.get("/items"); p.url.Path != "/login" {
			t.Errorf("an API token as the page cookie: %s", p.url)
		}
	})
}

// TestHSTS: with secure cookies the pages send Strict-Transport-Security.
func TestHSTS(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		clock := shebao.FixedDayClock{Day: testToday}
		for _, secure := range []bool{false, true} {
			svc, err := services.New(services.Config{DB: f.db, Clock: clock, HashCost: 4, Secure: secure})
			if err != nil {
				t.Fatal(err)
			}
			h, err := New(Deps{Services: svc})
			if err != nil {
				t.Fatal(err)
			}
			w := httptest.NewRecorder()
			h.ServeHTTP(w, httptest.NewRequest("GET", "/login", nil))
			if got := w.Header().Get("Strict-Transport-Security"); (got != "") != secure {
				t.Errorf("secure %v: HSTS %q", secure, got)
			}
		}
	})
}

// TestTerminalSecretPage: the admin's "regenerate secret" shows a new
// enrolment URL once; the kiosk enrolled with the old one stops being one,
// and the old URL no longer enrols.
func TestTerminalSecretPage(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		officeStaff(t, f)
		adm := f.browser()
		adm.login("admin")
		adm.get("/admin/terminals")
		p := adm.post("/admin/terminals", url.Values{"code": {"HALL-05"}, "name": {"五号机"}, "location": {"二楼"}})
		oldURL := p.text("#enroll-url")
		kiosk := f.browser()
		if p := kiosk.get(oldURL[len(f.srv.URL):]); !p.has("#terminal-name") {
			t.Fatalf("enrolment with %q failed: %d", oldURL, p.status)
		}
		p = adm.post("/admin/terminals/HALL-05/secret", url.Values{})
		newURL := p.text("#enroll-url")
		if newURL == "" || newURL == oldURL {
			t.Fatalf("regenerate: %d %q", p.status, newURL)
		}
		if p := kiosk.get("/login"); p.has("#terminal-name") {
			t.Error("the kiosk enrolled with the old secret is still a terminal")
		}
		if p := f.browser().get(oldURL[len(f.srv.URL):]); p.status != http.StatusForbidden {
			t.Errorf("the old enrolment URL: %d", p.status)
		}
		if p := kiosk.get(newURL[len(f.srv.URL):]); !p.has("#terminal-name") {
			t.Errorf("enrolment with the new URL failed: %d", p.status)
		}
	})
}
