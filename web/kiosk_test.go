package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

func TestKiosk(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		b := f.browser()
		p := b.get("/kiosk/enroll?code=HALL-01&secret=wrong")
		if p.status != http.StatusForbidden {
			t.Errorf("wrong secret: %d", p.status)
		}
		p = b.get("/kiosk/enroll?code=HALL-01&secret=hall-01-secret")
		if p.url.Path != "/login" || !strings.Contains(p.text("#terminal-name"), "一楼大厅 1 号机") {
			t.Fatalf("after enrolment: %s %q", p.url, p.text("#terminal-name"))
		}
		p = b.login("hr_a")
		// Without script the page still logs out after the idle limit.
		if ns := p.doc.Find("head noscript").Text(); !strings.Contains(ns, `content="180;url=/logout-idle"`) || !p.has("#idle-warning") {
			t.Errorf("idle refresh = %q", ns)
		}
		if !p.has("body.kiosk") {
			t.Error("no kiosk styling")
		}
		id := b.submit("enroll", f.person["new"].IDNumber, "8000")
		p = b.get("/items/" + id)
		if got := p.text("#main"); !strings.Contains(got, "大厅自助终端") || !strings.Contains(got, "HALL-01") {
			t.Errorf("item does not show the kiosk channel: %q", got)
		}
		p = b.get("/logout-idle")
		if p.url.String() != f.srv.URL+"/login?idle=1" || !p.has("#idle-notice") {
			t.Errorf("idle logout: %s", p.url)
		}
		if p := b.get("/"); p.url.Path != "/login" {
			t.Errorf("still logged in after the idle logout: %s", p.url)
		}
		// A forged terminal cookie is no terminal.
		o := f.browser()
		u, _ := url.Parse(f.srv.URL)
		o.hc.Jar.SetCookies(u, []*http.Cookie{{Name: terminalCookie, Value: "HALL-01:guess"}})
		if p := o.login("hr_a"); p.has("#idle-warning") {
			t.Error("a forged terminal cookie made a kiosk session")
		}
	})
}

// TestKioskIdle lets a kiosk session go idle on a clock that runs fast.
func TestKioskIdle(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		clock := &stepClock{now: testToday.Time().Add(10 * time.Hour)}
		f.restart(clock)
		b := f.browser()
		b.get("/kiosk/enroll?code=HALL-01&secret=hall-01-secret")
		b.login("hr_a")
		clock.add(4 * time.Minute)
		p := b.get("/items")
		if p.url.String() != f.srv.URL+"/login?idle=1" || !p.has("#idle-notice") {
			t.Errorf("after 4 idle minutes: %s", p.url)
		}
	})
}

// fixtureOnlineIdle: an online session is not ended by the kiosk rule.
func TestOnlineNotKioskIdle(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		clock := &stepClock{now: testToday.Time().Add(10 * time.Hour)}
		f.restart(clock)
		b := f.browser()
		b.login("hr_a")
		clock.add(4 * time.Minute)
		if p := b.get("/items"); p.url.Path != "/items" {
			t.Errorf("online session ended after 4 minutes: %s", p.url)
		}
		if p := b.get("/logout-idle"); p.url.Path != "/" {
			t.Errorf("logout-idle ended an online session: %s", p.url)
		}
	})
}

// TestKioskAlive: "continue" without script goes back to the page; with
// script it answers 204; either way only for a logged-in session.
func TestKioskAlive(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		b := f.browser()
		b.get("/kiosk/enroll?code=HALL-01&secret=hall-01-secret")
		p := b.login("hr_a")
		csrf, _ := p.doc.Find(`#idle-form input[name="csrf"]`).Attr("value")
		p = b.post("/kiosk/alive", url.Values{"csrf": {csrf}, "next": {"/items"}})
		if p.url.Path != "/items" {
			t.Errorf("continue without script: at %s", p.url)
		}
		p = b.post("/kiosk/alive", url.Values{"csrf": {csrf}, "script": {"1"}})
		if p.status != http.StatusNoContent {
			t.Errorf("continue with script: %d", p.status)
		}
	})
}
