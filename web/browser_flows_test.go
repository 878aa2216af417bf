package web

import (
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/xuri/excelize/v2"

	"shebao/demo"
)

// The main flows of the system, clicked through in Chromium over the demo
// district (browser_harness_test.go), one test each.

// searchRoster searches the unit's roster for an ID number and returns
// the names listed.
func (b *tab) searchRoster(id string) []string {
	b.t.Helper()
	b.open("/roster")
	b.do(fill("q", id))
	b.submit("roster-search")
	return js[[]string](b, "#roster td.name", `[...document.querySelectorAll(s)].map(e => e.innerText.trim())`)
}

// TestBrowserStop stops an active employee from the home page: ID check,
// form, preview, submit; the item is approved at once and the person is
// gone from the roster.
func TestBrowserStop(t *testing.T) {
	t.Parallel()
	d := newDistrict(t)
	op := newTab(t, newBrowser(t), d.url)
	op.login(d.guide.OperatorA, demo.Password, "/")
	id := d.guide.Stop[0]
	names := op.searchRoster(id)
	if len(names) != 1 {
		t.Fatalf("roster before the stop: %q", names)
	}

	op.open("/")
	op.follow(`a.tile[href="/check-id?type=stop"]`)
	op.do(fill("id_number", id))
	op.submit("check-id")
	op.want("#id-ok")
	op.submit("continue")
	op.do(chromedp.SetValue(chromedp.ID("stop_reason"), "resignation"), screenshot("stop-form"))
	op.submit("preview")
	op.want("#pv-ok")
	if got := op.text("#pv-person"); got != names[0] {
		t.Errorf("preview person %q, want %q", got, names[0])
	}
	if op.text("#pv-last") == "" {
		t.Error("the preview does not say the last month paid")
	}
	op.do(screenshot("stop-preview"))
	op.submit("submit")
	if !strings.HasPrefix(op.path(), "/items/") || op.attr("#status", "data-status") != "approved" {
		t.Fatalf("stop result at %s: %q %q", op.path(), op.text("#status"), op.text("#decision"))
	}
	if got := op.text("#item-person"); got != names[0] {
		t.Errorf("item person %q", got)
	}
	if names := op.searchRoster(id); len(names) != 0 || op.count("#no-rows") != 1 {
		t.Errorf("roster after the stop: %q", names)
	}
}

// TestBrowserBackpay previews and submits a back-pay, has a reviewer
// approve it in another browser context, and shows the operator the
// decision on the home page and the item's pages.
func TestBrowserBackpay(t *testing.T) {
	t.Parallel()
	d := newDistrict(t)
	op := newTab(t, newBrowser(t), d.url)
	op.login(d.guide.OperatorA, demo.Password, "/")
	op.follow(`a.tile[href="/backpay"]`)
	// The tour's person was employed eight months before being insured.
	op.do(fill("id_number", d.guide.Backpay), fill("from", "2026-01"), fill("to", "2026-03"), fill("wage", "9000"))
	op.submit("preview")
	op.want("#pv-ok")
	op.do(screenshot("backpay-preview"))
	if n := op.count("#bp-months tbody tr"); n != 3 {
		t.Errorf("%d months previewed, want 3", n)
	}
	fee, total := op.text("#bp-late-fee"), op.text("#bp-total")
	if !strings.HasPrefix(fee, "¥") || fee == "¥0.00" || !strings.HasPrefix(total, "¥") || total == "¥0.00" {
		t.Errorf("late fee %q, total %q", fee, total)
	}
	op.submit("submit")
	itemPath := op.path()
	itemID, ok := strings.CutPrefix(itemPath, "/backpay/items/")
	if !ok || op.attr("#bp-status", "data-status") != "in_review" {
		t.Fatalf("back-pay submitted: at %s, status %q", itemPath, op.text("#bp-status"))
	}
	if got := op.text("#bp-total"); got != total {
		t.Errorf("item total %q, preview said %q", got, total)
	}

	rv := op.session()
	rv.login(d.guide.Reviewer, demo.Password, "/")
	rv.submit("open-queue")
	rv.follow(`#queue tr[data-id="` + itemID + `"] a`)
	rv.want("#approve")
	rv.do(screenshot("backpay-review"))
	rv.submit("approve")
	if !strings.HasPrefix(rv.path(), "/review?decided=") || rv.text("#decided") == "" {
		t.Fatalf("approve: at %s", rv.path())
	}
	if rv.count(`#queue tr[data-id="`+itemID+`"]`) != 0 {
		t.Error("the approved item is still in the queue")
	}

	op.open("/")
	link := `#decisions a[href="/items/` + itemID + `/progress"]`
	op.want(link)
	op.want("#decisions li .status-approved")
	op.do(screenshot("backpay-decision"))
	op.follow(link)
	if got := op.attr("#status", "data-status"); got != "approved" {
		t.Errorf("progress page status %q", got)
	}
	op.open(itemPath)
	if got := op.attr("#bp-status", "data-status"); got != "approved" {
		t.Errorf("back-pay item status %q", got)
	}
	op.open("/")
	op.submit("decisions-seen")
	if op.count("#decisions") != 0 {
		t.Error("decisions still shown after marking them seen")
	}
}

// TestBrowserUnitChangeReturned asks to change the unit's name, has a
// reviewer return it with a reason, and shows the operator the reason.
func TestBrowserUnitChangeReturned(t *testing.T) {
	t.Parallel()
	d := newDistrict(t)
	op := newTab(t, newBrowser(t), d.url)
	op.login(d.guide.OperatorA, demo.Password, "/")
	op.follow(`a.tile[href="/changes/unit"]`)
	op.do(retype("chg_name", d.guide.UnitA+"（北京）"), fill("chg_reason", "经市场监管部门核准变更名称"))
	op.submit("submit-change")
	op.want("#change-review")
	progress := op.attr("#change-review a", "href")
	itemID := strings.TrimSuffix(strings.TrimPrefix(progress, "/items/"), "/progress")
	op.open("/changes/unit")
	if got := js[string](op, "#chg_name", `document.querySelector(s).value`); got != d.guide.UnitA {
		t.Errorf("the name changed before review: %q", got)
	}

	const reason = "请上传市场监管部门的核准通知书"
	rv := op.session()
	rv.login(d.guide.Reviewer, demo.Password, "/")
	rv.open("/review")
	rv.follow(`#queue tr[data-id="` + itemID + `"] a`)
	rv.do(screenshot("unit-change-review"))
	rv.submit("return")
	rv.want("#reason-error") // returning needs a reason
	rv.do(fill("reason", reason))
	rv.submit("return")
	rv.want("#decided")

	op.open("/")
	op.want(`#decisions a[href="` + progress + `"]`)
	if got := op.text("#decisions li"); !strings.Contains(got, reason) {
		t.Errorf("home page decision %q, want the reason", got)
	}
	op.follow(`#decisions a[href="` + progress + `"]`)
	if st, note := op.attr("#status", "data-status"), op.text("#note"); st != "returned" || note != reason {
		t.Errorf("progress page: status %q, note %q", st, note)
	}
	op.do(screenshot("unit-change-returned"))
	op.open("/changes/unit")
	if got := js[string](op, "#chg_name", `document.querySelector(s).value`); got != d.guide.UnitA {
		t.Errorf("a returned change renamed the unit: %q", got)
	}
}

// TestBrowserProof issues a proof of the unit's insurance and checks its
// code on the public verify page, without login: valid as printed,
// invalid with one character changed.
func TestBrowserProof(t *testing.T) {
	t.Parallel()
	d := newDistrict(t)
	op := newTab(t, newBrowser(t), d.url)
	op.login(d.guide.OperatorA, demo.Password, "/")
	op.follow(`a.tile[href="/proofs/new"]`)
	op.submit("issue-unit")
	op.want("#proof-qr")
	code := op.text("#proof-code")
	if code == "" || op.text("#proof-unit") != d.guide.UnitA {
		t.Fatalf("proof: code %q, unit %q", code, op.text("#proof-unit"))
	}
	op.do(screenshot("proof"))

	pub := op.session()
	pub.open("/verify")
	pub.do(fill("code", code))
	if st := pub.submit("verify"); st != http.StatusOK || pub.attr("#verdict", "data-verdict") != "valid" {
		t.Fatalf("verify %s: %d %q", code, st, pub.text("#verdict"))
	}
	if got := pub.text("#proof-unit"); got != d.guide.UnitA {
		t.Errorf("verified unit %q", got)
	}
	pub.do(screenshot("verify-valid"))
	pub.do(retype("code", strings.ToLower(code))) // as typed from the printout, in any case
	if st := pub.submit("verify"); st != http.StatusOK || pub.attr("#verdict", "data-verdict") != "valid" {
		t.Errorf("verify %s in lower case: %d %q", code, st, pub.text("#verdict"))
	}

	last := code[len(code)-1]
	other := "A"
	if last == 'A' {
		other = "B"
	}
	pub.do(retype("code", code[:len(code)-1]+other))
	if st := pub.submit("verify"); st != http.StatusNotFound || pub.attr("#verdict", "data-verdict") != "unknown" {
		t.Errorf("altered code: %d %q", st, pub.text("#verdict"))
	}
	if pub.count("#proof-unit") != 0 {
		t.Error("an invalid code shows a proof")
	}
}

// TestBrowserAdminOperator creates a unit and an operator for it; the
// operator logs in with the one-time password and must change it first.
func TestBrowserAdminOperator(t *testing.T) {
	t.Parallel()
	d := newDistrict(t)
	admin := newTab(t, newBrowser(t), d.url)
	admin.login(d.guide.Admin, demo.Password, "/")
	admin.follow(`#home-admin a[href="/admin/units"]`)
	admin.submit("new-unit")
	const name = "浦江新材料有限公司"
	admin.do(fill("credit_code", creditCode(t, "9131011500000012")), fill("name", name),
		fill("address", "上海市闵行区江川路 1 号"), fill("contact", "周敏"), fill("phone", "021-55550101"),
		fill("industry", "制造业"), retype("risk_class", "3"))
	admin.submit("create")
	if !strings.HasPrefix(admin.path(), "/admin/units/") || admin.text("h1") != name {
		t.Fatalf("create unit: at %s: %q", admin.path(), admin.text("#form-error, .field-error"))
	}
	admin.do(fill("username", "pujiang-hr"), fill("display_name", "周敏"))
	admin.submit("create-operator")
	pw := admin.text("#issued-password")
	if admin.text("#issued-username") != "pujiang-hr" || len(pw) < 8 {
		t.Fatalf("issued: %q %q", admin.text("#issued-username"), pw)
	}
	admin.do(screenshot("admin-issued"))

	op := admin.session()
	op.login("pujiang-hr", pw, "/password")
	op.want("#must-change")
	if op.open("/roster"); op.path() != "/password" {
		t.Errorf("before changing the password the operator reached %s", op.path())
	}
	op.do(fill("old_password", pw), fill("new_password", "Pujiang2026hr"), fill("confirm", "Pujiang2026hr"))
	op.submit("password-submit")
	op.want("#changed-notice")
	op.open("/roster")
	if got := op.text("h1"); !strings.Contains(got, name) {
		t.Errorf("the new operator's roster is of %q", got)
	}

	// The audit log, with the demo's entries, fits a 1280 px window; the
	// channel, role and time do not wrap; actions are named, not coded.
	admin.open("/admin/audit")
	admin.want("#audit")
	admin.do(screenshot("audit"))
	// A cell's text is on one line when its range has one box per line.
	fits := run(t, admin.ctx, chromedp.Evaluate[string](`(() => {
		const t = document.getElementById("audit");
		const lines = e => { const r = document.createRange(); r.selectNodeContents(e); return new Set([...r.getClientRects()].map(b => Math.round(b.top))).size; };
		const wrapped = sel => [...t.querySelectorAll(sel)].filter(e => e.textContent.trim() && lines(e) > 1).map(e => e.textContent);
		const out = [];
		if (document.documentElement.scrollWidth > window.innerWidth || t.getBoundingClientRect().right > window.innerWidth) {
			out.push("width " + document.documentElement.scrollWidth);
		}
		out.push(...wrapped("tbody td:first-child"), ...wrapped("small.role"), ...wrapped("td.channel .label"));
		return out.join(" | ");
	})()`))
	if fits != "" {
		t.Errorf("the audit table does not fit a 1280 px window, or a time, role or channel wraps: %s", fits)
	}
	if a := admin.text(`#audit tr[data-action="account.create"] .action`); a == "" || strings.Contains(a, "account.create") {
		t.Errorf("the action is shown as %q", a)
	}
}

// TestBrowserStatsAndBill shows a clerk the statistics, with the charts of
// the district's months, and the amount due of a unit.
func TestBrowserStatsAndBill(t *testing.T) {
	t.Parallel()
	d := newDistrict(t)
	clerk := newTab(t, newBrowser(t), d.url)
	clerk.login(d.guide.Clerk, demo.Password, "/")
	clerk.follow(`#office-nav a[href="/stats"]`)
	clerk.want("#chart-bars svg")
	clerk.do(screenshot("stats"))
	// Bars are the filled rectangles with a height, less the 12×12 legend.
	bars := js[int](clerk, "#chart-bars svg rect", `[...document.querySelectorAll(s)].filter(r =>
		r.getAttribute("fill") !== "transparent" && r.getAttribute("width") !== "12" && +r.getAttribute("height") > 0).length`)
	busy := js[int](clerk, "#months tbody tr", `[...document.querySelectorAll(s)].filter(r => +r.cells[4].innerText > 0).length`)
	if busy < 2 || bars < busy {
		t.Errorf("%d months with items, %d bars", busy, bars)
	}
	if w := js[float64](clerk, "#chart-bars svg", `document.querySelector(s).getBoundingClientRect().width`); w < 200 {
		t.Errorf("the bar chart is drawn %.0f px wide", w)
	}
	if clerk.count("#chart-shares svg") != 1 {
		t.Error("no share chart")
	}

	clerk.open("/bill")
	clerk.do(fill("credit_code", d.guide.UnitACode))
	clerk.follow(`form.filters button[type="submit"]`)
	clerk.want("#total")
	clerk.do(screenshot("bill"))
	if total := clerk.text("#total"); !strings.HasPrefix(total, "¥") || total == "¥0.00" {
		t.Errorf("bill total %q", total)
	}
	if !strings.Contains(clerk.text("h1"), d.guide.UnitA) || clerk.count("#by-person tr.line") == 0 {
		t.Errorf("bill of %q with %d lines", clerk.text("h1"), clerk.count("#by-person tr.line"))
	}
}

// TestBrowserBatch uploads a workbook with one good and one bad row, reads
// the dry run, applies it and finds the annotated workbook.
func TestBrowserBatch(t *testing.T) {
	t.Parallel()
	d := newDistrict(t)
	file := filepath.Join(t.TempDir(), "参保名单.xlsx")
	wb := excelize.NewFile()
	for i, row := range [][]any{{"身份证号码", "姓名", "业务类型", "月工资(元)"},
		{d.guide.Enroll[0], "", "新参保", "8000"}, {d.guide.NoRegistration, "", "新参保", "8000"}} {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := wb.SetSheetRow("Sheet1", cell, &row); err != nil {
			t.Fatal(err)
		}
	}
	if err := wb.SaveAs(file); err != nil {
		t.Fatal(err)
	}
	wb.Close()

	op := newTab(t, newBrowser(t), d.url)
	op.login(d.guide.OperatorA, demo.Password, "/")
	op.follow(`a.tile[href="/batches"]`)
	op.do(chromedp.SetValue(chromedp.ID("kind"), "enroll"), chromedp.SetUploadFiles(chromedp.ID("file"), []string{file}))
	op.submit("upload")
	op.want("#dry-run-note")
	op.do(screenshot("batch-dry-run"))
	if ok, bad := op.text("#rows-ok"), op.text("#rows-refused"); !strings.Contains(ok, "1") || !strings.Contains(bad, "1") {
		t.Errorf("dry run: %q · %q", ok, bad)
	}
	if got := op.text(`#batch-rows tr[data-row="3"]`); !strings.Contains(got, "就业备案") {
		t.Errorf("problem row: %q", got)
	}
	if cost := op.text("#batch-cost"); cost == "" || cost == "¥0.00" {
		t.Errorf("cost %q", cost)
	}
	op.submit("apply")
	if got := op.attr("#batch", "data-status"); got != "applied" || !strings.Contains(op.text("#rows-applied"), "1") {
		t.Fatalf("applied: %q %q", got, op.text("#batch-summary"))
	}
	if op.count("#batch-apply") != 0 {
		t.Error("an applied batch still offers to apply")
	}
	op.do(screenshot("batch-applied"))
	href := op.attr("#download", "href")
	if !strings.HasSuffix(href, "/workbook.xlsx") {
		t.Fatalf("download link %q", href)
	}
	// What the link downloads, fetched with the page's cookies.
	got := js[string](op, "#download", `fetch(document.querySelector(s).href).then(async r =>
		r.status + " " + r.headers.get("content-type") + " " + (await r.arrayBuffer()).byteLength)`, chromedp.EvalAwaitPromise)
	if !strings.HasPrefix(got, "200 application/vnd.openxmlformats-officedocument.spreadsheetml.sheet ") {
		t.Errorf("workbook download: %s", got)
	}
	if names := op.searchRoster(d.guide.Enroll[0]); len(names) != 1 {
		t.Errorf("the good row's person on the roster: %q", names)
	}
}
