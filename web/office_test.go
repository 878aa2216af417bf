package web

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"shebao"
	"shebao/auditlog"
	"shebao/auth"
)

// officeStaff adds an administrator ("admin") to the fixture, and serves
// the pages with a review queue whose back-pay hook counts its calls (the
// queue's own tests put hand-made back-pay items in review).
func officeStaff(t *testing.T, f *fixture) *int {
	t.Helper()
	ctx := context.Background()
	err := f.db.InTx(ctx, func(tx shebao.Tx) error {
		for _, a := range []struct {
			name string
			role shebao.Role
		}{{"admin", shebao.RoleAdmin}} {
			acc, err := auth.NewAccount(a.name, testPassword, a.role, 0, false, 4)
			if err != nil {
				return err
			}
			if err := tx.CreateAccount(ctx, &acc); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	calls := new(int)
	hook := func(ctx context.Context, tx shebao.Tx, it shebao.Item, approved bool, at time.Time) error {
		*calls++
		return nil
	}
	f.restart(shebao.FixedDayClock{Day: testToday})
	f.svc.Review.Hooks = map[shebao.ItemType]shebao.ReviewHook{shebao.ItemBackpay: hook}
	return calls
}

// inReview puts a back-pay item of unit A for the insured person in review.
func inReview(t *testing.T, f *fixture, ago time.Duration) shebao.Item {
	t.Helper()
	ctx := context.Background()
	it := shebao.Item{Type: shebao.ItemBackpay, UnitID: f.unitA.ID, PersonID: f.person["insured"].ID,
		Channel: shebao.Online, Period: 202607, Status: shebao.StatusInReview, Payload: `{"months":"2026-01..2026-03"}`,
		CreatedAt: shebao.FixedDayClock{Day: testToday}.Now().Add(-ago)}
	if err := f.db.InTx(ctx, func(tx shebao.Tx) error { return tx.InsertItem(ctx, &it) }); err != nil {
		t.Fatal(err)
	}
	return it
}

func TestStaffPagesRoles(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		officeStaff(t, f)
		pages := map[string][]string{
			"hr_a":     {"/counter", "/counter/units/1", "/review", "/review/1", "/admin", "/admin/units", "/admin/units/1", "/admin/staff", "/admin/terminals", "/admin/audit", "/admin/audit/export?format=csv"},
			"clerk":    {"/review", "/admin", "/admin/units", "/admin/staff", "/admin/terminals", "/admin/audit", "/admin/audit/export?format=csv"},
			"reviewer": {"/counter", "/counter/units/1", "/admin", "/admin/units", "/admin/units/1", "/admin/staff", "/admin/terminals", "/admin/audit"},
		}
		for name, paths := range pages {
			b := f.browser()
			b.login(name)
			for _, p := range paths {
				if got := b.get(p); got.status != http.StatusForbidden {
					t.Errorf("%s GET %s: %d, want 403", name, p, got.status)
				}
			}
			posts := []string{"/admin/units/new", "/admin/staff", "/admin/terminals", "/admin/accounts/1/reset", "/admin/units/1/status"}
			if name != "reviewer" {
				posts = append(posts, "/review/1")
			}
			for _, p := range posts {
				if got := b.post(p, url.Values{"username": {"x-" + name}, "action": {"approve"}, "status": {"suspended"}, "code": {"K-1"}, "name": {"n"}, "location": {"l"}}); got.status != http.StatusForbidden {
					t.Errorf("%s POST %s: %d, want 403", name, p, got.status)
				}
			}
		}
		// The admin's forms need the session's CSRF token.
		b := f.browser()
		b.login("admin")
		if got := b.post("/admin/staff", url.Values{"csrf": {"forged"}, "username": {"evil"}, "role": {"admin"}}); got.status != http.StatusForbidden {
			t.Errorf("a forged CSRF token: %d", got.status)
		}
	})
}

func TestStaffHome(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		officeStaff(t, f)
		inReview(t, f, 10*time.Minute)
		want := map[string][3]bool{"clerk": {true, false, false}, "reviewer": {false, true, false}, "admin": {true, true, true}}
		for name, w := range want {
			b := f.browser()
			p := b.login(name)
			got := [3]bool{p.has("#home-counter"), p.has("#home-review"), p.has("#home-admin")}
			if got != w {
				t.Errorf("%s's home shows counter/review/admin %v, want %v", name, got, w)
			}
			if w[1] && (!strings.Contains(p.text("#waiting"), "1") || !p.has("#waiting .late")) {
				t.Errorf("%s's home: waiting %q", name, p.text("#waiting"))
			}
		}
	})
}

func TestCounterPages(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		b := f.browser()
		b.login("clerk")
		p := b.get("/counter?q=" + url.QueryEscape("北京示例"))
		if n := p.doc.Find("#units tbody tr").Length(); n != 1 {
			t.Fatalf("search by name: %d units", n)
		}
		p = b.get("/counter?q=" + f.unitB.CreditCode[:12])
		if n := p.doc.Find("#units tbody tr").Length(); n != 1 || !strings.Contains(p.text("#units"), f.unitB.Name) {
			t.Fatalf("search by credit code: %d units", n)
		}
		unitA := "/counter/units/" + strconv.FormatInt(f.unitA.ID, 10)
		p = b.get(unitA)
		href, _ := p.doc.Find("#handle a").First().Attr("href")
		if p.status != http.StatusOK || !strings.Contains(href, "credit_code="+f.unitA.CreditCode) {
			t.Fatalf("unit page: %d, link %q", p.status, href)
		}
		// The enrollment form comes with the unit filled in.
		if p = b.get(href); p.doc.Find("#credit_code").AttrOr("value", "") != f.unitA.CreditCode {
			t.Errorf("the item form does not carry the unit")
		}
		// A counter-only item: documents are checked.
		form := url.Values{"type": {"card"}, "id_number": {f.person["insured"].IDNumber}, "documents": {"id_original"}}
		b.get(unitA + "/items/new?type=card")
		p = b.post(unitA+"/items/new", form)
		if p.status != http.StatusUnprocessableEntity || p.text("#documents-error") == "" {
			t.Fatalf("missing documents: %d %q", p.status, p.text("#documents-error"))
		}
		form["documents"] = []string{"id_original", "id_copy", "photo", "card_form"}
		form.Set("remark", "加急制卡")
		p = b.post(unitA+"/items/new", form)
		itemIDOf(t, p)
		if p.text("#status") == "" || !strings.Contains(p.text("#item-note"), "加急制卡") {
			t.Errorf("card item page: status %q note %q", p.text("#status"), p.text("#item-note"))
		}
		if docs := p.text("#item-documents"); !strings.Contains(docs, "本人居民身份证原件") || strings.Contains(p.text("#decision"), "结果见上方") {
			t.Errorf("card receipt: documents %q, decision %q", docs, p.text("#decision"))
		}
		// A suspended unit: a clear message, on the unit page and on the form.
		ctx := context.Background()
		f.unitB.Status = shebao.UnitSuspended
		if err := f.db.InTx(ctx, func(tx shebao.Tx) error { return tx.UpdateUnit(ctx, f.unitB) }); err != nil {
			t.Fatal(err)
		}
		p = b.get("/counter/units/" + strconv.FormatInt(f.unitB.ID, 10))
		if !strings.Contains(p.text("#suspended"), f.unitB.Name) || p.has("#handle") {
			t.Errorf("suspended unit page: %q", p.text("#suspended"))
		}
		b.get("/items/new?type=enroll")
		form = itemForm("enroll", f.person["b_new"].IDNumber, "8000", "submit")
		form.Set("credit_code", f.unitB.CreditCode)
		p = b.post("/items/new", form)
		if !strings.Contains(p.text("#credit_code-error"), f.unitB.Name) {
			t.Errorf("acting for a suspended unit: %d %q %q", p.status, p.text("#credit_code-error"), p.text("#main"))
		}
		// On the 16th the unit page warns that the counter no longer takes
		// enrollments, and the engine refuses one.
		f.restart(shebao.FixedDayClock{Day: shebao.NewDate(2026, 7, 16)})
		b = f.browser()
		b.login("clerk")
		if p = b.get(unitA); p.doc.Find("#counter-days.error").Length() != 1 {
			t.Errorf("no closed-counter warning on the 16th: %q", p.text("#counter-days"))
		}
		b.get("/items/new?type=enroll")
		form = itemForm("enroll", f.person["new"].IDNumber, "8000", "submit")
		form.Set("credit_code", f.unitA.CreditCode)
		p = b.post("/items/new", form)
		itemIDOf(t, p)
		if p.doc.Find("#status").AttrOr("data-status", "") != "refused" || !strings.Contains(p.text("#reasons"), "15") {
			t.Errorf("enrollment at the counter on the 16th: %q %q", p.text("#status"), p.text("#reasons"))
		}
	})
}

func TestReviewPages(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		calls := officeStaff(t, f)
		it := inReview(t, f, 5*time.Minute)
		fresh := inReview(t, f, time.Minute)
		b := f.browser()
		b.login("reviewer")
		p := b.get("/review")
		rows := p.doc.Find("#queue tbody tr")
		if rows.Length() != 2 || rows.First().AttrOr("data-id", "") != strconv.FormatInt(it.ID, 10) ||
			rows.First().AttrOr("data-late", "") != "true" || rows.Last().AttrOr("data-late", "") != "false" {
			t.Fatalf("queue: %d rows", rows.Length())
		}
		path := "/review/" + strconv.FormatInt(it.ID, 10)
		b.get(path)
		p = b.post(path, url.Values{"action": {"return"}, "reason": {" "}})
		if p.status != http.StatusUnprocessableEntity || p.text("#reason-error") == "" {
			t.Fatalf("return without a reason: %d", p.status)
		}
		p = b.post(path, url.Values{"action": {"return"}, "reason": {"缺少工资流水"}})
		if p.url.Path != "/review" || !strings.Contains(p.text("#decided"), it.Receipt) || p.doc.Find("#queue tbody tr").Length() != 1 {
			t.Fatalf("after the return: %s %q", p.url, p.text("#decided"))
		}
		// Deciding it again: a clear message, nothing changes.
		p = b.post(path, url.Values{"action": {"approve"}})
		if p.status != http.StatusConflict || p.text("#form-error") == "" {
			t.Errorf("second decision: %d %q", p.status, p.text("#form-error"))
		}
		if *calls != 1 {
			t.Errorf("the hook ran %d times", *calls)
		}
		// The unit sees the outcome at once.
		op := f.browser()
		op.login("hr_a")
		p = op.get("/items/" + strconv.FormatInt(it.ID, 10))
		if p.text("#status") == "" || !strings.Contains(p.text("#item-note"), "缺少工资流水") {
			t.Errorf("the unit sees status %q note %q", p.text("#status"), p.text("#item-note"))
		}
		_ = fresh
	})
}

func TestAdminPages(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		officeStaff(t, f)
		b := f.browser()
		b.login("admin")
		b.get("/admin/units/new")
		form := url.Values{"credit_code": {f.unitA.CreditCode[:17] + "0"}, "name": {"新单位"}, "address": {"北京"}, "contact": {"李"}, "risk_class": {"3"}}
		if p := b.post("/admin/units/new", form); p.text("#credit_code-error") == "" {
			t.Errorf("bad credit code accepted: %d", p.status)
		}
		form.Set("risk_class", "9")
		if p := b.post("/admin/units/new", form); p.text("#credit_code-error") == "" || p.text("#risk_class-error") == "" {
			t.Errorf("bad credit code and risk class 9: %d, errors %q and %q", p.status,
				p.text("#credit_code-error"), p.text("#risk_class-error"))
		}
		form.Set("credit_code", creditCode(t, "9111010599999999"))
		form.Set("risk_class", "9")
		if p := b.post("/admin/units/new", form); p.text("#risk_class-error") == "" {
			t.Errorf("risk class 9 accepted: %d", p.status)
		}
		form.Set("risk_class", "3")
		p := b.post("/admin/units/new", form)
		if !strings.HasPrefix(p.url.Path, "/admin/units/") || p.text("#unit-status") == "" {
			t.Fatalf("created unit: %s %d", p.url, p.status)
		}
		unitPath := p.url.Path
		p = b.post(unitPath+"/operators", url.Values{"username": {"hr_new"}, "display_name": {"新经办"}})
		otp := p.text("#issued-password")
		if otp == "" {
			t.Fatalf("no one-time password shown: %d", p.status)
		}
		// The new operator must change the password first.
		op := f.browser()
		lp := op.post("/login", url.Values{"username": {"hr_new"}, "password": {otp}})
		if lp.url.Path != "/password" {
			t.Errorf("first login lands on %s", lp.url)
		}
		// Suspend, then reset hr_a's password.
		b.get(unitPath)
		if p = b.post(unitPath+"/status", url.Values{"status": {"suspended"}}); p.doc.Find("#unit-status").AttrOr("class", "") != "status status-suspended" {
			t.Errorf("suspend: %q", p.text("#unit-status"))
		}
		var hrA shebao.Account
		f.db.View(context.Background(), func(tx shebao.Tx) error {
			var err error
			hrA, err = tx.AccountByUsername(context.Background(), "hr_a")
			return err
		})
		p = b.post("/admin/accounts/"+strconv.FormatInt(hrA.ID, 10)+"/reset", url.Values{})
		if p.text("#issued-password") == "" {
			t.Fatalf("reset: %d", p.status)
		}
		// Terminals.
		b.get("/admin/terminals")
		p = b.post("/admin/terminals", url.Values{"code": {"hall-02"}, "name": {"二号机"}, "location": {"二楼"}})
		if !strings.Contains(p.text("#enroll-url"), "/kiosk/enroll?code=HALL-02&secret=") {
			t.Errorf("terminal enrol URL not shown: %q", p.text("#created"))
		}
		if p = b.get("/admin/terminals"); strings.Contains(p.text("#main"), "secret=") {
			t.Errorf("the enrolment URL is shown again: %q", p.text("#main"))
		}
		// The audit log shows all of it, and exports it.
		p = b.get("/admin/audit?username=admin")
		if n := p.doc.Find("#audit tbody tr").Length(); n < 5 {
			t.Errorf("admin's audit entries: %d", n)
		}
		// Named in the reader's language, the detail as a list, not JSON.
		created := p.doc.Find(`#audit tr[data-action="account.create"]`).First()
		if a, ch, role, det := created.Find(".action").Text(), created.Find(".channel").Text(), created.Find(".role").Text(),
			created.Find(".detail").Text(); a != "新建账号" || !strings.HasPrefix(ch, "窗口") || role != "管理员" ||
			!strings.Contains(det, "账号：") || strings.Contains(det, "{") {
			t.Errorf("account.create row: action %q, channel %q, role %q, detail %q", a, ch, role, det)
		}
		if p = b.get("/admin/audit?from=2026-07-09&to=2026-07-01"); p.text("#to-error") == "" {
			t.Errorf("reversed range: %d", p.status)
		}
		resp, err := b.hc.Get(f.srv.URL + "/admin/audit/export?format=xlsx&action=account.")
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		x, err := excelize.OpenReader(bytes.NewReader(body))
		if err != nil {
			t.Fatalf("export does not open (%d %s): %v", resp.StatusCode, resp.Header.Get("Content-Type"), err)
		}
		rows, _ := x.GetRows(x.GetSheetName(0))
		if len(rows) != 3 || rows[0][0] != "时间" { // header, create, reset
			t.Fatalf("export rows: %q", rows)
		}
		// Labels for people, codes in their own columns.
		col := func(key string) int { return slices.Index(auditlog.Columns, key) }
		if r := rows[2]; r[col("action")] != "新建账号" || r[col("action_code")] != "account.create" ||
			r[col("role")] != "管理员" || r[col("role_code")] != "admin" || r[col("channel")] != "窗口" ||
			r[col("channel_code")] != "counter" || strings.Contains(r[col("detail")], "{") ||
			!strings.HasPrefix(r[col("detail_raw")], "{") {
			t.Errorf("export row: %q", r)
		}
	})
}
