package web

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

// kioskTab enrols a browser as the fixture's kiosk terminal, with the
// kiosk's idle limit set to idle, and logs hr_a in on it.
func kioskTab(t *testing.T, idle time.Duration) (*fixture, *tab) {
	ctx := newBrowser(t)
	f := newFixture(t, sqldbtest.Open(t, sqldb.SQLite))
	f.svc.Sessions.KioskIdle = idle
	b := newTab(t, ctx, f.srv.URL)
	b.open("/kiosk/enroll?code=HALL-01&secret=hall-01-secret")
	b.login("hr_a", testPassword, "/")
	return f, b
}

// TestBrowserKioskIdle: on a kiosk with an 8-second idle limit, someone who
// keeps typing for longer than the limit keeps the form and the session;
// left alone, the countdown appears, "continue" keeps the session, and
// left alone again the kiosk logs out. It runs alone, not in parallel: its
// steps race an 8-second idle clock, and alongside the other browser tests
// a busy machine delayed a click past the countdown (context deadline in
// .ci/run).
func TestBrowserKioskIdle(t *testing.T) {
	f, b := kioskTab(t, 8*time.Second)
	if b.count("#idle-warning") != 1 || b.count(`meta[http-equiv="refresh"]`) != 0 {
		t.Fatal("the kiosk page has no countdown, or a fixed refresh that runs with script")
	}
	b.open("/items/new?type=enroll")
	id := f.person["new"].IDNumber
	for i := 0; i < len(id); i++ { // 18 keys over about 13.5 s
		b.do(fill("id_number", id[i:i+1]), chromedp.Sleep(750*time.Millisecond))
	}
	if b.path() != "/items/new?type=enroll" {
		t.Fatalf("logged out while typing: at %s", b.path())
	}
	b.do(fill("wage", "8000"))
	b.submit("preview")
	b.want("#pv-ok") // the server's idle clock followed the typing

	b.do(chromedp.WaitVisible(chromedp.ID("idle-countdown")))
	if s := b.text("#idle-warning"); !strings.Contains(s, "继续办理") && !strings.Contains(s, "秒") {
		t.Errorf("countdown says %q", s)
	}
	b.do(click("idle-continue"), chromedp.WaitNotVisible(chromedp.ID("idle-warning")))
	if b.count("#submit") != 1 {
		t.Fatalf("continuing left the preview: at %s", b.path())
	}
	// Past the deadline before "continue": the server kept the session.
	b.do(chromedp.Sleep(5 * time.Second))
	b.submit("submit")
	b.want("#receipt")
	b.do(chromedp.WaitVisible(chromedp.ID("idle-warning")), chromedp.WaitVisible(chromedp.ID("idle-notice")))
	if p := b.path(); p != "/login?idle=1" {
		t.Errorf("left alone: at %s", p)
	}
	b.open("/items")
	if p := b.path(); !strings.HasPrefix(p, "/login") {
		t.Errorf("the session lived on after the idle logout: at %s", p)
	}
}

// TestBrowserRefusalFirst: on a phone-sized kiosk screen, a preview that
// will be refused shows the refusal and what to do first, above the fold,
// and no base nor cost.
func TestBrowserRefusalFirst(t *testing.T) {
	t.Parallel()
	f, b := kioskTab(t, 3*time.Minute)
	b.do(chromedp.EmulateViewport(390, 844))
	b.open("/items/new?type=enroll")
	b.do(fill("id_number", f.person["none"].IDNumber), fill("wage", "8000"))
	b.submit("preview")
	b.want("#refusal")
	if s := b.text("#refusal"); !strings.Contains(s, "无此人就业备案信息") || !strings.Contains(s, "返回修改") {
		t.Errorf("refusal says %q", s)
	}
	if bottom := js[float64](b, "#refusal", `document.querySelector(s).getBoundingClientRect().bottom`); bottom > 844 {
		t.Errorf("the refusal ends at %v px, below the fold", bottom)
	}
	if n := b.count("#pv-base, #pv-cost, #pv-clamp, #submit"); n != 0 {
		t.Errorf("a refused preview shows %d of base, cost, clamp and submit", n)
	}
	if first := js[string](b, "main h1 + *", `document.querySelector(s).id`); first != "refusal" {
		t.Errorf("after the title comes #%s, not the refusal", first)
	}
}

// media emulates the CSS media type ("print" or "" for the screen).
func media(m string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: m})
		return err
	})
}

// TestBrowserReceipt: after an enrollment at the kiosk, the receipt has a
// print button, and printed it is the receipt alone: no navigation, no
// buttons, no idle countdown, nothing wider than the page.
func TestBrowserReceipt(t *testing.T) {
	t.Parallel()
	f, b := kioskTab(t, 3*time.Minute)
	b.open("/items/new?type=enroll")
	b.do(fill("id_number", f.person["new"].IDNumber), fill("wage", "8000"))
	b.submit("preview")
	b.submit("submit")
	b.want("#receipt")
	if !js[bool](b, "#print", `document.querySelector(s).checkVisibility()`) {
		t.Fatal("no visible print button on the kiosk")
	}
	for _, sel := range []string{"#item-base", "#item-cost", "#item-id", "#item-decided", "#item-unit"} {
		if b.text(sel) == "" {
			t.Errorf("the receipt has no %s", sel)
		}
	}
	b.do(media("print"))
	visible := func(sel string) bool {
		return js[bool](b, sel, `[...document.querySelectorAll(s)].some(e => e.checkVisibility())`)
	}
	if !visible("#receipt") || !visible("#item-cost") {
		t.Error("printed, the receipt is not shown")
	}
	for _, sel := range []string{"header.top", "#print", "#progress-link", "footer.bottom", "#idle-warning"} {
		if visible(sel) {
			t.Errorf("printed, %s shows", sel)
		}
	}
	b.do(media(""))
}
