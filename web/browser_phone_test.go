package web

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"shebao/demo"
)

// The phone and the desktop: every page of every role, in one Chromium
// over one demo district, at 390 px and at 1366 px wide; axe-core on each.

// viewport is a window size the pages must fit.
type viewport struct {
	name          string
	width, height int64
	mobile        bool
}

var (
	phone   = viewport{"phone", 390, 844, true}
	desktop = viewport{"desktop", 1366, 900, false}
)

// size resizes the tab's window to v.
func (b *tab) size(v viewport) {
	b.t.Helper()
	var opts []chromedp.EmulateViewportOption
	if v.mobile {
		opts = append(opts, chromedp.EmulatePortrait, chromedp.EmulateMobile)
	}
	b.do(chromedp.EmulateViewport(v.width, v.height, opts...))
}

// overflow returns how many pixels the page is wider than the window v.
// (A phone's browser zooms out to a page too wide: window.innerWidth grows
// with it, so the page is measured against the window's own width.)
func (b *tab) overflow(v viewport) int {
	b.t.Helper()
	return js[int](b, "html", `document.documentElement.scrollWidth`) - int(v.width)
}

// axeScript returns axe-core's script, installed by .ci/run with npm, or
// "" when it is absent (CI, with SHEBAO_REQUIRE_BROWSER=1, fails then).
func axeScript(t *testing.T) string {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("..", ".ci", "node", "node_modules", "axe-core", "axe.min.js"))
	if err != nil {
		if os.Getenv("SHEBAO_REQUIRE_BROWSER") == "1" {
			t.Fatalf("axe-core is not installed (npm install --prefix .ci/node axe-core@4): %v", err)
		}
		t.Log("axe-core is not installed: no accessibility check")
		return ""
	}
	return string(src)
}

// axeViolation is one serious or critical finding of axe-core.
type axeViolation struct {
	ID     string   `json:"id"`
	Impact string   `json:"impact"`
	Help   string   `json:"help"`
	Nodes  []string `json:"nodes"`
}

// axe runs axe-core on the page and returns its serious and critical
// violations.
func (b *tab) axe(script string) []axeViolation {
	b.t.Helper()
	if !js[bool](b, "", `typeof axe !== "undefined"`) {
		run(b.t, b.ctx, chromedp.Evaluate[bool](script+";true"))
	}
	const check = `axe.run(document, {resultTypes: ["violations"]}).then(r => r.violations
		.filter(v => v.impact === "serious" || v.impact === "critical")
		.map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.target.join(" "))})))`
	return run(b.t, b.ctx, chromedp.Evaluate[[]axeViolation](check, chromedp.EvalAwaitPromise))
}

// tourShot writes the window's picture to docs/tour/name-size.png when
// SHEBAO_TOUR=1 (docs/TOUR.md), so that CI never rewrites them.
func (b *tab) tourShot(name string, v viewport) {
	b.t.Helper()
	if os.Getenv("SHEBAO_TOUR") != "1" {
		return
	}
	png := run(b.t, b.ctx, chromedp.CaptureScreenshot())
	if err := os.WriteFile(filepath.Join("..", "docs", "tour", name+"-"+v.name+".png"), png, 0o644); err != nil {
		b.t.Fatal(err)
	}
}

// rolePages is what one role sees: its account, its pages without
// parameters, and links to follow from a page for pages with parameters.
type rolePages struct {
	role, username string
	paths          []string
	follow         [][2]string // page, CSS selector of a link on it
	tour           []string    // paths pictured in docs/TOUR.md
}

func TestBrowserEveryPageFits(t *testing.T) {
	t.Parallel()
	d := newDistrict(t)
	first := newTab(t, newBrowserFor(t, 5*time.Minute), d.url)
	script := axeScript(t)
	operator := []string{"/", "/items/new?type=enroll", "/items/new", "/items", "/roster", "/password",
		"/check-id?type=stop", "/retirement", "/changes/unit", "/changes/person", "/changes/history",
		"/proofs/new", "/bill", "/bill?period=2020-01", "/declaration", "/backpay", "/batches", "/nowhere",
		"/statement?period=2026-05"}
	staff := []string{"/", "/items", "/stats", "/password", "/bill?credit_code=" + d.guide.UnitACode,
		"/statement?credit_code=" + d.guide.UnitACode}
	roles := []rolePages{
		{role: "public", paths: []string{"/login", "/verify", "/verify?code=NOPE", "/kiosk/enroll", "/nowhere"}, tour: []string{"/login"}},
		{role: "operator", username: d.guide.OperatorA, paths: operator,
			follow: [][2]string{{"/roster", `#roster a[href^="/persons/"]`}, {"/items", `#items a[href^="/items/"]`}},
			tour:   []string{"/", "/items/new?type=enroll", "/roster", "/bill"}},
		{role: "clerk", username: d.guide.Clerk,
			paths:  append([]string{"/counter", "/employment", "/declaration/undeclared"}, staff...),
			follow: [][2]string{{"/counter?q=" + d.guide.UnitACode, `a[href^="/counter/units/"]`}},
			tour:   []string{"/counter"}},
		{role: "reviewer", username: d.guide.Reviewer,
			paths:  append([]string{"/review", "/collection/waivers?credit_code=" + d.guide.UnitACode}, staff...),
			follow: [][2]string{{"/items", `#items a[href^="/items/"]`}},
			tour:   []string{"/review"}},
		{role: "admin", username: d.guide.Admin,
			paths: append([]string{"/admin", "/admin/units", "/admin/units/new", "/admin/staff", "/admin/terminals",
				"/admin/register", "/admin/audit", "/admin/policies", "/counter", "/review", "/employment"}, staff...),
			follow: [][2]string{{"/admin/units", `a[href^="/admin/units/"]:not([href$="/new"])`}},
			tour:   []string{"/admin/audit"}},
	}
	// Each role in its own browser context, in parallel with the others.
	for _, r := range roles {
		t.Run(r.role, func(t *testing.T) {
			t.Parallel()
			for _, p := range pagesFit(t, first, r, script) {
				t.Error(p)
			}
		})
	}
}

// pagesFit logs the role in, in a new browser context of first's Chromium,
// opens each of its pages at both sizes and returns what does not fit and
// what axe-core finds.
func pagesFit(t *testing.T, first *tab, r rolePages, script string) []string {
	var problems []string
	b := (&tab{t: t, ctx: first.ctx, base: first.base}).session()
	if r.username != "" {
		b.login(r.username, demo.Password, "/")
	}
	pages := r.paths
	for _, f := range r.follow {
		b.open(f[0])
		href := b.attr(f[1], "href")
		if href == "" {
			problems = append(problems, fmt.Sprintf("%s %s: no link %s", r.role, f[0], f[1]))
			continue
		}
		pages = append(pages, href)
	}
	if r.role != "operator" && r.role != "public" { // the staff home's search must not scroll the navigation away
		b.size(phone)
		b.open("/")
		if top := js[float64](b, "#office-nav", `document.querySelector(s).getBoundingClientRect().top`); top < 0 {
			problems = append(problems, fmt.Sprintf("%s /: the navigation is scrolled out of view on a phone", r.role))
		}
	}
	for _, p := range pages {
		b.size(phone)
		b.open(p)
		if over := b.overflow(phone); over > 0 {
			problems = append(problems, fmt.Sprintf("%s %s at %d px: %d px too wide", r.role, p, phone.width, over))
		}
		for _, v := range []viewport{desktop, phone} {
			b.size(v)
			if v == desktop {
				if over := b.overflow(v); over > 0 {
					problems = append(problems, fmt.Sprintf("%s %s at %d px: %d px too wide", r.role, p, v.width, over))
				}
			}
			if slices.Contains(r.tour, p) {
				b.tourShot(r.role+strings.NewReplacer("/", "-", "?", "-", "=", "-").Replace(strings.TrimSuffix(p, "/")), v)
			}
		}
		if script == "" {
			continue
		}
		for _, v := range b.axe(script) {
			j, _ := json.Marshal(v.Nodes)
			problems = append(problems, fmt.Sprintf("%s %s: axe %s (%s): %s %s", r.role, p, v.ID, v.Impact, v.Help, j))
		}
	}
	return problems
}

// press sends keys to the element with the focus.
func (b *tab) press(keys string) { b.t.Helper(); b.do(chromedp.KeyEvent(keys)) }

// enter presses Enter on the element with the focus and returns the HTTP
// status of the page it loads.
func (b *tab) enter() int { b.t.Helper(); return b.load(chromedp.KeyEvent("\r")) }

// hasFocus waits until the element with the id has the focus (autofocus
// is applied once the page has loaded), and fails the test when it never has.
func (b *tab) hasFocus(id string) {
	b.t.Helper()
	q, _ := json.Marshal(id)
	run(b.t, b.ctx, chromedp.Poll[bool](`document.activeElement?.id === `+string(q), chromedp.WithPollingTimeout(10*time.Second)))
}

// tabTo presses Tab until the element matching sel has the focus, and
// fails the test when it never does or when the focus cannot be seen.
func (b *tab) tabTo(sel string) {
	b.t.Helper()
	for range 80 {
		if js[bool](b, sel, `document.activeElement?.matches(s) ?? false`) {
			if style := js[string](b, sel, `getComputedStyle(document.activeElement).outlineStyle`); style == "none" {
				b.t.Errorf("%s: %s has the focus with no outline", b.path(), sel)
			}
			return
		}
		b.press("\t")
	}
	b.t.Fatalf("%s: Tab never reaches %s", b.path(), sel)
}

// TestBrowserKeyboardEnroll does the main flow by keyboard alone: log in,
// choose enrollment on the home page, check the ID number, fill the form,
// preview and submit.
func TestBrowserKeyboardEnroll(t *testing.T) {
	t.Parallel()
	d := newDistrict(t)
	b := newTab(t, newBrowser(t), d.url)
	b.open("/login")
	b.hasFocus("username")
	b.press(d.guide.OperatorA)
	b.tabTo("#password")
	b.press(demo.Password)
	b.enter()
	if b.path() != "/" {
		t.Fatalf("login by keyboard: at %s: %q", b.path(), b.text("#form-error"))
	}
	b.tabTo(`a.tile[href="/check-id?type=enroll"]`)
	b.enter()
	b.hasFocus("id_number")
	b.press(d.guide.Enroll[0])
	b.enter()
	b.want("#id-ok")
	b.tabTo("#continue")
	b.enter()
	b.tabTo("#wage")
	b.press("8000")
	b.tabTo("#preview")
	b.enter()
	b.want("#pv-ok")
	b.tabTo("#submit")
	b.enter()
	if got := b.attr("#status", "data-status"); got != "approved" {
		t.Errorf("enrollment by keyboard: status %q: %q", got, b.text("main"))
	}
}
