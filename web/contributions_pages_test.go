package web

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/xuri/excelize/v2"
)

// The fixture's 2026 policy: floor ¥4,494, ceiling ¥22,472; today
// 2026-07-08 lies in the declaration window (July).

func TestDeclarationPages(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		b := f.browser()
		b.login("hr_a")
		p := b.get("/declaration")
		if p.status != http.StatusOK || !strings.Contains(p.text("#decl-window"), "2026-07-31") {
			t.Fatalf("form: %d %q", p.status, p.text("#decl-window"))
		}
		id := f.person["insured"].IDNumber
		p = b.post("/declaration", url.Values{"id_number": {id}, "wage": {"abc"}})
		if p.status != http.StatusUnprocessableEntity || p.text("#wage-error") == "" {
			t.Errorf("bad wage: %d %q", p.status, p.text("#wage-error, #form-error"))
		}
		// The form previews first and writes nothing; then it declares.
		p = b.post("/declaration", url.Values{"id_number": {id}, "name": {"刘洋"}, "wage": {"30000"}, "action": {"preview"}})
		if c, _ := p.doc.Find("#pv-clamp").Attr("data-clamp"); c != "ceiling" || !p.has("#submit") || p.has("#decl-lines") {
			t.Fatalf("preview: %d clamp %q %q", p.status, c, p.text("#main"))
		}
		if n := f.declareItems(t); n != 0 {
			t.Fatalf("%d declare items after the preview", n)
		}
		form := url.Values{}
		p.doc.Find(`#main form input[type="hidden"]`).Each(func(_ int, s *goquery.Selection) {
			form.Set(s.AttrOr("name", ""), s.AttrOr("value", ""))
		})
		form.Set("action", "submit")
		p = b.post("/declaration", form)
		if c, _ := p.doc.Find("#decl-lines td[data-clamp]").Attr("data-clamp"); p.status != http.StatusOK || c != "ceiling" {
			t.Fatalf("declare: %d clamp %q %q", p.status, c, p.text("#decl-errors, #form-error"))
		}
		if p.text("#old-bill") == p.text("#new-bill") {
			t.Errorf("bill unchanged: %s", p.text("#new-bill"))
		}
		// Upload: one good row, one row for a person not insured here.
		x := excelize.NewFile()
		_ = x.SetSheetRow("Sheet1", "A1", &[]any{"身份证号码", "姓名", "上年度月平均工资(元)"})
		_ = x.SetSheetRow("Sheet1", "A2", &[]any{id, "刘洋", "9000"})
		_ = x.SetSheetRow("Sheet1", "A3", &[]any{f.person["new"].IDNumber, "张伟", "9000"})
		buf, _ := x.WriteToBuffer()
		b.get("/declaration")
		p = b.upload("/declaration/upload", "file", buf.Bytes())
		if p.status != http.StatusOK || p.doc.Find("#decl-lines tbody tr").Length() != 1 || p.doc.Find("#decl-errors li").Length() != 1 {
			t.Errorf("upload: %d lines %d errors %q", p.status, p.doc.Find("#decl-lines tbody tr").Length(), p.text("#decl-errors, #form-error"))
		}
		resp, err := b.hc.Get(f.srv.URL + "/declaration/template.xlsx")
		if err != nil || resp.StatusCode != http.StatusOK || !strings.Contains(resp.Header.Get("Content-Type"), "spreadsheetml") {
			t.Errorf("template: %v %v", err, resp)
		}
		resp.Body.Close()
	})
}

func TestBackpayPages(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		b := f.browser()
		b.login("hr_a")
		p := b.get("/backpay")
		key, _ := p.doc.Find(`input[name="client_key"]`).Attr("value")
		form := url.Values{"id_number": {f.person["new"].IDNumber}, "from": {"2026-06"}, "to": {"2026-06"},
			"wage": {"3000"}, "client_key": {key}, "action": {"preview"}}
		p = b.post("/backpay", form)
		// ¥4,494 base: 719.04+359.52 pension, 359.52+89.88 medical, 22.47+22.47
		// unemployment, 8.99 injury (class 1, 0.2%) = 1,581.89; 8 days late
		// at 0.05% = 6.33.
		if p.status != http.StatusOK || !p.has("#pv-ok") || p.text("#bp-total") != "¥1,588.22" {
			t.Fatalf("preview: %d %q %q", p.status, p.text("#bp-total"), p.text("#refusal, #form-error"))
		}
		form.Set("action", "submit")
		p = b.post("/backpay", form)
		if s, _ := p.doc.Find("#bp-status").Attr("data-status"); !strings.HasPrefix(p.url.Path, "/backpay/items/") || s != "in_review" {
			t.Fatalf("submit: at %s status %q", p.url, s)
		}
		// The same months again: pending in the first item.
		form.Set("client_key", "another")
		form.Set("action", "preview")
		p = b.post("/backpay", form)
		if !strings.Contains(p.text("#refusal"), "2026-06") {
			t.Errorf("pending: %q", p.text("#refusal"))
		}
		form.Set("to", "2026-07")
		p = b.post("/backpay", form)
		if p.status != http.StatusUnprocessableEntity || p.text("#to-error") == "" {
			t.Errorf("this month: %d %q", p.status, p.text("#to-error, #form-error"))
		}
	})
}

// upload posts a multipart form with one file and the CSRF token.
func (b *browser) upload(path, field string, data []byte) page {
	b.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	_ = mw.WriteField("csrf", b.csrf)
	fw, _ := mw.CreateFormFile(field, "declaration.xlsx")
	_, _ = fw.Write(data)
	_ = mw.Close()
	req, err := http.NewRequest(http.MethodPost, b.f.srv.URL+path, &body)
	if err != nil {
		b.t.Fatal(err)
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return b.do(req)
}
