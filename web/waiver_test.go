package web

import (
	"bytes"
	"encoding/csv"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"shebao"
	"shebao/collection"
	"shebao/demo/demotest"
)

// failMonth closes 2026-06 and applies a result file in which unit A's
// deduction failed.
func failMonth(t *testing.T, f *fixture) {
	t.Helper()
	ctx := t.Context()
	if _, err := f.svc.Billing.Assess(ctx, 202606, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Billing.Close(ctx, 202606); err != nil {
		t.Fatal(err)
	}
	clerk := demotest.Actor(t, f.db, "clerk")
	var list bytes.Buffer
	if _, err := f.svc.Collection.WriteCSV(ctx, clerk, 202606, &list); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(list.String(), "\xEF\xBB\xBF"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	cw := csv.NewWriter(&buf)
	cw.Write(append(recs[0], collection.ResultHeader...))
	for _, r := range recs[1 : len(recs)-1] {
		if r[2] == f.unitA.CreditCode {
			cw.Write(append(r, "失败", "", "账户余额不足"))
		} else {
			cw.Write(append(r, "成功", "", ""))
		}
	}
	cw.Flush()
	if r, err := f.svc.Collection.Import(ctx, clerk, 202606, buf.Bytes(), true); err != nil || !r.Applied {
		t.Fatalf("import: %+v %v", r, err)
	}
}

// The waiver page: ten days after the due date a reviewer finds unit A,
// sees June's late fee, is asked for a reason, waives it with one (the
// page says so, the fee is gone, the audit log has it) and cannot waive
// it twice; clerks are refused the page.
func TestWaiverPage(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		failMonth(t, f)
		f.restart(shebao.FixedDayClock{Day: 20260730})
		rev := f.browser()
		rev.login("reviewer")
		if p := rev.get("/"); !p.has(`#office-nav a[href="/collection/waivers"]`) {
			t.Errorf("the reviewer's navigation has no link to the waivers")
		}
		p := rev.get("/collection/waivers?credit_code=" + f.unitA.CreditCode)
		month := `#waiver-months [data-period="2026-06"]`
		if p.status != http.StatusOK || !p.has(month+" form") || !strings.Contains(p.text(month), "逾期 10 天") {
			t.Fatalf("waiver page: %d %q", p.status, p.text("main"))
		}
		form := url.Values{"credit_code": {f.unitA.CreditCode}, "period": {"2026-06"}}
		if p := rev.post("/collection/waivers", form); p.status != http.StatusUnprocessableEntity || p.text("#form-error") == "" {
			t.Fatalf("no reason: %d %q", p.status, p.text("#form-error"))
		}
		form.Set("reason", "不可抗力（洪灾）")
		p = rev.post("/collection/waivers", form)
		if p.status != http.StatusOK || !strings.Contains(p.text("#waived"), "2026-06") || p.has(month+" form") {
			t.Fatalf("after the waiver: %d %q %q", p.status, p.text("#waived"), p.text(month))
		}
		if p := rev.post("/collection/waivers", form); p.status != http.StatusUnprocessableEntity || p.text("#form-error") == "" {
			t.Fatalf("waived twice: %d %q", p.status, p.text("#form-error"))
		}
		var rows []shebao.AuditRow
		err := f.db.View(t.Context(), func(tx shebao.Tx) (err error) {
			rows, _, err = tx.AuditRows(t.Context(), shebao.AuditFilter{Action: "collection.waive", Limit: 10})
			return err
		})
		if err != nil || len(rows) != 1 || !strings.Contains(rows[0].Detail, "洪灾") {
			t.Fatalf("audit: %+v %v", rows, err)
		}
		clerk := f.browser()
		clerk.login("clerk")
		if p := clerk.get("/collection/waivers?credit_code=" + f.unitA.CreditCode); p.status != http.StatusForbidden {
			t.Errorf("a clerk on the waiver page: %d", p.status)
		}
	})
}
