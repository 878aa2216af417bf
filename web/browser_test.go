package web

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

// TestBrowserEnroll drives the real pages in Chromium on a kiosk terminal:
// log in with an office-issued password, change it, enroll a registered
// person through preview and submit, and see an unregistered one refused.
func TestBrowserEnroll(t *testing.T) {
	t.Parallel()
	ctx := newBrowser(t)
	f := newFixture(t, sqldbtest.Open(t, sqldb.SQLite))
	base := f.srv.URL
	run(t, ctx, chromedp.Steps(
		chromedp.Navigate(base+"/kiosk/enroll?code=HALL-01&secret=hall-01-secret"),
		wait("#terminal-name"),
		screenshot("login"),
		fill("username", "hr_a_new"),
		fill("password", testPassword),
		click("login-submit"),
		wait("#must-change, #period"),
	))
	if loc := run(t, ctx, chromedp.Location()); strings.HasSuffix(loc, "/password") {
		run(t, ctx, chromedp.Steps(
			screenshot("password"),
			fill("old_password", testPassword),
			fill("new_password", "Kiosk2026pw"),
			fill("confirm", "Kiosk2026pw"),
			click("password-submit"),
			wait("#changed-notice"),
			screenshot("home"),
		))
	}
	run(t, ctx, chromedp.Steps(
		chromedp.Navigate(base+"/items/new?type=enroll"),
		wait("#id_number"),
		fill("id_number", f.person["new"].IDNumber),
		fill("wage", "3000"),
		click("preview"),
		wait("#pv-ok"),
		screenshot("preview"),
		click("submit"),
		wait("#receipt"),
		screenshot("result"),
	))
	status := run(t, ctx, chromedp.AttributeValue(chromedp.ID("status"), "data-status"))
	receipt := run(t, ctx, chromedp.Text(chromedp.ID("receipt")))
	if status.Value != "approved" || !strings.HasPrefix(receipt, "SB") {
		t.Errorf("result: status %q, receipt %q", status.Value, receipt)
	}

	run(t, ctx, chromedp.Steps(
		chromedp.Navigate(base+"/items/new?type=enroll"),
		wait("#id_number"),
		fill("id_number", f.person["none"].IDNumber),
		fill("wage", "8000"),
		click("preview"),
		wait("#refusal"),
		screenshot("refusal"),
	))
	refusal := run(t, ctx, chromedp.Text(chromedp.ID("refusal")))
	buttons := run(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll("#submit").length`))
	if !strings.Contains(refusal, "无此人就业备案信息") || buttons != 0 {
		t.Errorf("unregistered person: refusal %q, %d submit buttons", refusal, buttons)
	}
	// The lists, and the language switch, for the screenshots.
	run(t, ctx, chromedp.Steps(
		chromedp.Navigate(base+"/items"), wait("#items"), screenshot("items"),
		chromedp.Navigate(base+"/roster"), wait("#roster"), screenshot("roster"),
		click("lang-switch"), wait("html[lang=en] #roster"), screenshot("roster-en"),
	))
}
