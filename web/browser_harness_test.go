package web

import (
	"context"
	"encoding/json"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"shebao"
	"shebao/demo"
	"shebao/demo/demotest"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

// The browser harness: one headless Chromium for the whole package, started
// on the first browser test's first use and closed by TestMain; each test
// gets its own incognito browser context in it (newBrowser), so that no
// cookie or storage passes from one test to another. Driven through
// chromedp, over the real pages on httptest (docs/PERFORMANCE.md, "CI time").

// TestMain closes the shared Chromium after the package's tests.
func TestMain(m *testing.M) {
	code := m.Run()
	shared.close()
	os.Exit(code)
}

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

// sharedChromium is the package's one Chromium process.
type sharedChromium struct {
	mu     sync.Mutex
	root   context.Context // the browser's first tab; nil until started
	cancel func()          // stops the browser and its allocator
}

var shared sharedChromium

// browser returns the context of the running Chromium, starting it (or
// starting it again, if it died) on first use.
func (s *sharedChromium) browser(path string) (context.Context, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.root != nil && s.root.Err() == nil {
		return s.root, nil
	}
	s.stop()
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
		chromedp.WindowSize(1280, 1000),
		// The user data directory is a temporary one of chromedp's, removed
		// when the browser stops.
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	root, cancelRoot := chromedp.NewContext(alloc)
	s.root, s.cancel = root, func() { cancelRoot(); cancelAlloc() }
	if err := chromedp.Do(root); err != nil { // starts the browser, bound to root
		s.stop()
		return nil, err
	}
	return root, nil
}

// close stops the browser, gracefully if it runs.
func (s *sharedChromium) close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.root != nil && s.root.Err() == nil {
		ctx, cancel := context.WithTimeout(s.root, 10*time.Second)
		chromedp.Cancel(ctx)
		cancel()
	}
	s.stop()
}

func (s *sharedChromium) stop() {
	if s.cancel != nil {
		s.cancel()
	}
	s.root, s.cancel = nil, nil
}

// newBrowser gives the test a fresh incognito browser context of the shared
// Chromium and returns the context of a tab in it, closed with the browser
// context when the test ends. It skips the test when there is no Chromium,
// unless SHEBAO_REQUIRE_BROWSER=1 (CI), which fails it.
func newBrowser(t *testing.T) context.Context { return newBrowserFor(t, 90*time.Second) }

// newBrowserFor is newBrowser for a test that may take longer than usual.
func newBrowserFor(t *testing.T, limit time.Duration) context.Context {
	t.Helper()
	path := chromium()
	if path == "" {
		if os.Getenv("SHEBAO_REQUIRE_BROWSER") == "1" {
			t.Fatal("no chromium binary found and SHEBAO_REQUIRE_BROWSER=1")
		}
		t.Skip("no chromium binary found")
	}
	root, err := shared.browser(path)
	if err != nil {
		t.Fatalf("starting chromium: %v", err)
	}
	ctx, cancelCtx := chromedp.NewContext(root, chromedp.WithNewBrowserContext())
	ctx, cancelTimeout := context.WithTimeout(ctx, limit)
	t.Cleanup(func() { cancelTimeout(); cancelCtx() })
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

// retype empties the field with the id and types v into it. (chromedp's
// SetValue cannot set "": it reads the empty result back as a failure.)
func retype(id, v string) chromedp.Action[chromedp.Void] {
	q, _ := json.Marshal(id)
	empty := chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := chromedp.Evaluate[bool](`(document.getElementById(`+string(q)+`).value = "") === ""`)(ctx, t)
		return err
	})
	return chromedp.Steps(empty, fill(id, v))
}

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

// tab is one browser session on the server, with its own cookies: one
// person at their own computer. Its methods fail the test on error.
type tab struct {
	t    *testing.T
	ctx  context.Context
	base string // the server's URL
}

// newTab opens a tab on the server in the test's browser context (ctx of
// newBrowser).
func newTab(t *testing.T, ctx context.Context, base string) *tab {
	return &tab{t: t, ctx: ctx, base: base}
}

// session opens a tab in another new browser context of the same Chromium:
// no cookies shared with b, like another person's computer.
func (b *tab) session() *tab {
	b.t.Helper()
	ctx, cancel := chromedp.NewContext(b.ctx, chromedp.WithNewBrowserContext())
	b.t.Cleanup(cancel)
	return &tab{t: b.t, ctx: ctx, base: b.base}
}

// open loads the page at path and returns its HTTP status.
func (b *tab) open(path string) int {
	b.t.Helper()
	return b.load(chromedp.Navigate(b.base + path))
}

// submit clicks the button or link with the id and returns the HTTP status
// of the page that loads.
func (b *tab) submit(id string) int {
	b.t.Helper()
	return b.load(click(id))
}

// load runs actions that load a page and returns the page's HTTP status.
func (b *tab) load(actions ...chromedp.Action[chromedp.Void]) int {
	b.t.Helper()
	resp, err := chromedp.RunResponse(b.ctx, actions...)
	if err != nil {
		b.t.Fatalf("%s: %v", b.path(), err)
	}
	if resp == nil {
		return 0
	}
	return int(resp.Status)
}

// follow clicks the first element matching the CSS selector (a link) and
// returns the HTTP status of the page that loads.
func (b *tab) follow(sel string) int {
	b.t.Helper()
	return b.load(chromedp.Click(chromedp.CSS(sel)))
}

// want fails the test unless the page shows an element matching sel.
func (b *tab) want(sel string) {
	b.t.Helper()
	if b.count(sel) == 0 {
		b.t.Fatalf("%s: no %s; page says %q", b.path(), sel, b.text("#form-error, #error-message, .refusal, main"))
	}
}

// do runs actions on the page.
func (b *tab) do(actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	run(b.t, b.ctx, chromedp.Steps(actions...))
}

// path returns the path and query of the page shown.
func (b *tab) path() string {
	b.t.Helper()
	loc, err := chromedp.Run(b.ctx, chromedp.Location())
	if err != nil {
		b.t.Fatal(err)
	}
	return strings.TrimPrefix(loc, b.base)
}

// js evaluates a JavaScript expression of the selector sel (as the
// variable s) and returns its value.
func js[T any](b *tab, sel, expr string, opts ...chromedp.EvaluateOption) T {
	b.t.Helper()
	q, _ := json.Marshal(sel)
	return run(b.t, b.ctx, chromedp.Evaluate[T](`(() => { const s = `+string(q)+`; return `+expr+`; })()`, opts...))
}

// text returns the visible text of the first element matching sel,
// trimmed, or "" when there is none. It does not wait.
func (b *tab) text(sel string) string {
	b.t.Helper()
	return strings.TrimSpace(js[string](b, sel, `document.querySelector(s)?.innerText ?? ""`))
}

// attr returns an attribute of the first element matching sel, or "".
func (b *tab) attr(sel, name string) string {
	b.t.Helper()
	q, _ := json.Marshal(name)
	return js[string](b, sel, `document.querySelector(s)?.getAttribute(`+string(q)+`) ?? ""`)
}

// count returns how many elements match sel.
func (b *tab) count(sel string) int {
	b.t.Helper()
	return js[int](b, sel, `document.querySelectorAll(s).length`)
}

// login logs in with the login page and fails the test unless it lands
// where want says ("/" for the home page, "/password" for a first login).
func (b *tab) login(username, password, want string) {
	b.t.Helper()
	b.open("/login")
	b.do(fill("username", username), fill("password", password))
	b.submit("login-submit")
	if got := b.path(); got != want {
		b.t.Fatalf("login %s: at %s, want %s: %q", username, got, want, b.text("#form-error"))
	}
}

// district is the demo district served by the real pages, wired as package
// app wires them (app imports web, so web's tests cannot import app).
type district struct {
	db    *sqldb.DB
	guide demo.Guide
	url   string
}

// districtSize keeps the demo district small, so that it loads quickly.
var districtSize = demo.Size{Units: 1, PeoplePerUnit: 4, HistoryMonths: 3}

// newDistrict loads the demo district into a fresh SQLite database as of
// testToday and serves its pages.
func newDistrict(t *testing.T) *district {
	t.Helper()
	db := sqldbtest.Open(t, sqldb.SQLite)
	clock := shebao.FixedDayClock{Day: testToday}
	g, err := demo.Load(t.Context(), db, clock, districtSize, 4)
	if err != nil {
		t.Fatal(err)
	}
	h, err := New(Deps{Services: demotest.Services(t, db, clock)})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return &district{db: db, guide: g, url: srv.URL}
}
