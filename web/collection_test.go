package web

import (
	"bytes"
	"encoding/csv"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"shebao/collection"
	"shebao/demo/demotest"
)

// uploadResult posts a result file to the collection page with action.
func uploadResult(t *testing.T, b *browser, period string, data []byte, action string) page {
	t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	w.WriteField("csrf", b.csrf)
	w.WriteField("period", period)
	w.WriteField("action", action)
	fw, _ := w.CreateFormFile("file", "result.csv")
	fw.Write(data)
	w.Close()
	req, _ := http.NewRequest(http.MethodPost, b.f.srv.URL+"/collection/results", &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	return b.do(req)
}

// The loop through the pages: a clerk checks, then applies, a result file
// in which unit A's deduction failed; unit A's home page says what failed,
// why and what to do; the clerk records the payment at the counter with a
// reason on the bill page, and the notice is gone.
func TestCollectionPages(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		ctx := t.Context()
		if _, err := f.svc.Billing.Assess(ctx, 202606, nil); err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.Billing.Close(ctx, 202606); err != nil {
			t.Fatal(err)
		}
		clerk := f.browser()
		clerk.login("clerk")
		if p := clerk.get("/collection"); p.status != http.StatusOK || !p.has("#collection-upload") {
			t.Fatalf("collection page: %d", p.status)
		}
		var list bytes.Buffer
		if _, err := f.svc.Collection.WriteCSV(ctx, demotest.Actor(t, f.db, "clerk"), 202606, &list); err != nil {
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
		if p := uploadResult(t, clerk, "2026-06", buf.Bytes(), "check"); p.status != http.StatusOK || !strings.Contains(p.text("#report-summary"), "检查通过") {
			t.Fatalf("check: %d %q %q", p.status, p.text("#report-summary"), p.text("#form-error"))
		}
		if p := uploadResult(t, clerk, "2026-06", buf.Bytes(), "apply"); !strings.Contains(p.text("#report-summary"), "已导入") {
			t.Fatalf("apply: %q", p.text("#report-summary"))
		}

		hr := f.browser()
		home := hr.login("hr_a")
		if !strings.Contains(home.text("#owed"), "账户余额不足") || !strings.Contains(home.text("#owed"), "窗口缴纳") {
			t.Fatalf("unit A's home: %q", home.text("#owed"))
		}
		if bill := clerk.get("/bill?credit_code=" + f.unitA.CreditCode); !bill.has(`#account tr[data-period="2026-06"]`) || !strings.Contains(bill.text("#arrears"), "账户余额不足") {
			t.Fatalf("unit A's bill: %q %q", bill.text("#account"), bill.text("#arrears"))
		}
		p := clerk.post("/bill/paid", url.Values{"credit_code": {f.unitA.CreditCode}, "period": {"2026-06"},
			"paid": {"1"}, "reason": {"窗口现金缴纳"}, "client_key": {"k1"}})
		if p.status != http.StatusOK {
			t.Fatalf("record payment: %d %s", p.status, p.text("main"))
		}
		if home := hr.get("/"); home.has("#owed") {
			t.Fatalf("after paying at the counter: %q", home.text("#owed"))
		}
	})
}
