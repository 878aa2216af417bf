package web

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

// chromium returns the path of a Chromium binary, or "".
func chromium() string {
	for _, p := range []string{"/usr/bin/chromium", "/usr/bin/chromium-browser"} {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// newBrowser starts a headless Chromium for the test; it skips the test
// when there is none, unless SHEBAO_REQUIRE_BROWSER=1 (CI), which fails it.
func newBrowser(t *testing.T) context.Context {
	path := chromium()
	if path == "" {
		if os.Getenv("SHEBAO_REQUIRE_BROWSER") == "1" {
			t.Fatal("no chromium binary found and SHEBAO_REQUIRE_BROWSER=1")
		}
		t.Skip("no chromium binary found")
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 1000),
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(alloc)
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() { cancelTimeout(); cancelCtx(); cancelAlloc() })
	return ctx
}

// screenshot saves the page to $SHEBAO_SCREENSHOTS/shebao-name.png when
// that directory is set, for looking at the pages during development.
func screenshot(name string) chromedp.Action[chromedp.Void] {
	dir := os.Getenv("SHEBAO_SCREENSHOTS")
	return func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		if dir == "" {
			return chromedp.Void{}, nil
		}
		buf, err := chromedp.FullScreenshot(100)(ctx, t)
		if err != nil {
			return chromedp.Void{}, err
		}
		return chromedp.Void{}, os.WriteFile(filepath.Join(dir, "shebao-"+name+".png"), buf, 0o644)
	}
}

// fill types v into the field with the id.
func fill(id, v string) chromedp.Action[chromedp.Void] { return chromedp.SendKeys(chromedp.ID(id), v) }

// click clicks the element with the id.
func click(id string) chromedp.Action[chromedp.Void] { return chromedp.Click(chromedp.ID(id)) }

// wait waits until an element matching the CSS selector is visible.
func wait(sel string) chromedp.Action[chromedp.Void] { return chromedp.WaitVisible(chromedp.CSS(sel)) }

// run runs one action and fails the test on error.
func run[T any](t *testing.T, ctx context.Context, a chromedp.Action[T]) T {
	t.Helper()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestBrowserEnroll drives the real pages in Chromium on a kiosk terminal:
// log in with an office-issued password, change it, enroll a registered
// person through preview and submit, and see an unregistered one refused.
func TestBrowserEnroll(t *testing.T) {
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
