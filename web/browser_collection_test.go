package web

import (
	"encoding/csv"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"shebao"
	"shebao/collection"
	"shebao/demo"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

// The whole collection loop in Chromium (docs/COLLECTION.md, issue 12):
// a month is closed; a clerk downloads its collection list from the
// collection page and imports the collector's result, in which unit A's
// deduction failed; unit A's operator sees the failure, its reason and the
// late fee, which grows as the office's clock moves on; the clerk records
// the payment at the counter with a reason; the arrears are gone from the
// unit's home page and bill, and its employees' statement says paid.

// lateFeeOnHome returns the late fee the home page's notice of period p shows.
func (b *tab) lateFeeOnHome(p string) shebao.Fen {
	b.t.Helper()
	line := js[string](b, "#owed li.owed-period",
		`[...document.querySelectorAll(s)].map(e => e.innerText).find(t => t.includes(`+"`"+p+"`"+`)) ?? ""`)
	m := regexp.MustCompile(`滞纳金 (¥[0-9,.]+)`).FindStringSubmatch(line)
	if m == nil {
		b.t.Fatalf("no late fee for %s on the home page: %q", p, b.text("#owed"))
	}
	fee, err := shebao.ParseYuan(m[1])
	if err != nil {
		b.t.Fatal(err)
	}
	return fee
}

// again opens the home page and logs in as username when the session has
// ended (the clock moved on past its idle time).
func (b *tab) again(username string) {
	b.t.Helper()
	b.open("/")
	if strings.HasPrefix(b.path(), "/login") {
		b.login(username, testPassword, "/")
	}
}

// TestBrowserCollectionLoop is the loop above. The clock is the office's
// (injectable): moving it on ends the sessions, so each person logs in
// again afterwards, as they would the next day.
func TestBrowserCollectionLoop(t *testing.T) {
	t.Parallel()
	ctx := newBrowserFor(t, 5*time.Minute)
	f := newFixture(t, sqldbtest.Open(t, sqldb.SQLite))
	clock := &stepClock{now: testToday.Time().Add(10 * time.Hour)}
	f.restart(clock)
	const p = shebao.Period(202606)
	if _, err := f.svc.Billing.Assess(t.Context(), p, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Billing.Close(t.Context(), p); err != nil {
		t.Fatal(err)
	}

	// The clerk downloads the list through the page's export form's URL,
	// with the session's cookie, and the collector marks unit A failed.
	clerk := newTab(t, ctx, f.srv.URL)
	clerk.login("clerk", testPassword, "/")
	clerk.open("/collection")
	clerk.want("#collection-export")
	list := js[string](clerk, "#export-csv", `(async () => { const f = document.querySelector("#collection-export");
		const r = await fetch(f.action + "?period=" + f.period.value + "&format=csv"); return await r.text(); })()`,
		chromedp.EvalAwaitPromise)
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(list, "\xEF\xBB\xBF"))).ReadAll()
	if err != nil || len(recs) < 3 {
		t.Fatalf("the list: %v %q", err, list)
	}
	var file strings.Builder
	w := csv.NewWriter(&file)
	w.Write(append(append([]string{}, recs[0]...), collection.ResultHeader...))
	failed := 0
	for _, r := range recs[1 : len(recs)-1] {
		if r[2] == f.unitA.CreditCode {
			failed++
			w.Write(append(append([]string{}, r...), "失败", "", "账户余额不足"))
		} else {
			w.Write(append(append([]string{}, r...), "成功", "", ""))
		}
	}
	w.Flush()
	if failed != 1 {
		t.Fatalf("unit A has %d lines in the list: %q", failed, recs)
	}
	path := filepath.Join(t.TempDir(), "result-2026-06.csv")
	if err := os.WriteFile(path, []byte(file.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	upload := func(button string) string {
		t.Helper()
		clerk.open("/collection?period=2026-06")
		clerk.do(chromedp.SetUploadFiles(chromedp.ID("file"), []string{path}))
		clerk.submit(button)
		return clerk.text("#report-summary")
	}
	if s := upload("check"); !strings.Contains(s, "检查通过") {
		t.Fatalf("the check: %q %q", s, clerk.text("#form-error, #report-rows"))
	}
	if s := upload("apply"); !strings.Contains(s, "已导入") || !strings.Contains(s, "失败 1 行") {
		t.Fatalf("the import: %q", s)
	}
	clerk.do(screenshot("collection-imported"))

	// Unit A's operator: the failure, its reason and what to do; no fee
	// before the deduction day, a fee that grows after it.
	hr := clerk.session()
	hr.login("hr_a", testPassword, "/")
	hr.want("#owed .failed")
	if s := hr.text("#owed"); !strings.Contains(s, "账户余额不足") || !strings.Contains(s, "窗口缴纳") {
		t.Fatalf("unit A's home page: %q", s)
	}
	if fee := hr.lateFeeOnHome("2026-06"); fee != 0 {
		t.Errorf("a late fee before the deduction day: %s", fee)
	}
	clock.add(15 * 24 * time.Hour)
	hr.again("hr_a") // 23 July: three days late
	fee3 := hr.lateFeeOnHome("2026-06")
	clock.add(3 * 24 * time.Hour)
	hr.again("hr_a") // 26 July: six days late
	fee6 := hr.lateFeeOnHome("2026-06")
	if fee3 <= 0 || fee6 <= fee3 {
		t.Fatalf("the late fee does not grow: %s on day 3, %s on day 6", fee3, fee6)
	}
	hr.open("/statement?period=2026-06")
	if st := hr.attr(".statement-doc [data-status]", "data-status"); st != "owed" {
		t.Errorf("the employees' statement of a failed month: %q", st)
	}
	hr.do(screenshot("collection-owed"))

	// The clerk records the payment at the counter with a reason.
	clerk.again("clerk")
	clerk.open("/bill?credit_code=" + f.unitA.CreditCode + "&period=2026-06")
	row := `#owed tr[data-period="2026-06"]`
	clerk.want(row + ` input[name="reason"]`)
	clerk.do(chromedp.SendKeys(chromedp.CSS(row+` input[name="reason"]`), "窗口现金缴纳"))
	if st := clerk.follow(row + ` button[type="submit"]`); st != http.StatusOK {
		t.Fatalf("record the payment: %d %q", st, clerk.text("main"))
	}
	if n := clerk.count(`#arrears li[data-period="2026-06"]`); n != 0 {
		t.Errorf("the bill still lists the arrears: %q", clerk.text("#arrears"))
	}

	// The arrears are gone from the unit's home page and bill.
	hr.open("/")
	if hr.count("#owed") != 0 {
		t.Errorf("unit A's home page after paying: %q", hr.text("#owed"))
	}
	hr.open("/bill?period=2026-06")
	if hr.count("#arrears") != 0 || !strings.Contains(hr.text("#bill-source"), "已缴") {
		t.Errorf("unit A's bill after paying: %q %q", hr.text("#arrears"), hr.text("#bill-source"))
	}
	if bal := hr.text(`#account tr[data-period="2026-06"] td:last-child`); bal != "¥0.00" {
		t.Errorf("unit A's account balance of 2026-06: %q", bal)
	}
	hr.open("/statement?period=2026-06")
	if st := hr.attr(".statement-doc [data-status]", "data-status"); st != "paid" {
		t.Errorf("the employees' statement after paying: %q", st)
	}
	hr.do(screenshot("collection-paid"))
}

// pdfPages prints the page to PDF (A4, the print style sheet) and counts
// its pages.
func (b *tab) pdfPages() int {
	b.t.Helper()
	pdf := run(b.t, b.ctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4)))
	return len(regexp.MustCompile(`/Type\s*/Page[^s]`).FindAll(pdf, -1))
}

// TestBrowserStatementPrint prints a unit's statements to its employees:
// one page per employee, and one page for one employee.
func TestBrowserStatementPrint(t *testing.T) {
	t.Parallel()
	d := newDistrict(t)
	b := newTab(t, newBrowserFor(t, 3*time.Minute), d.url)
	b.login(d.guide.OperatorA, demo.Password, "/")
	b.open("/statement?period=2026-06")
	n := b.count(".statement-doc")
	if n < 2 {
		t.Fatalf("%d statements: %q", n, b.text("main"))
	}
	if pages := b.pdfPages(); pages != n {
		t.Errorf("%d statements print on %d pages", n, pages)
	}
	b.follow(".statement-doc a.only-this")
	if n, pages := b.count(".statement-doc"), b.pdfPages(); n != 1 || pages != 1 {
		t.Errorf("one employee: %d statements on %d pages", n, pages)
	}
}
