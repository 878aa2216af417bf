package web

import (
	"bytes"
	"encoding/csv"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"shebao/employment"
)

// uploadAs posts a multipart form with one file named name and the CSRF token.
func (b *browser) uploadAs(path, name string, data []byte) page {
	b.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	_ = mw.WriteField("csrf", b.csrf)
	fw, _ := mw.CreateFormFile("file", name)
	_, _ = fw.Write(data)
	_ = mw.Close()
	req, err := http.NewRequest(http.MethodPost, b.f.srv.URL+path, &body)
	if err != nil {
		b.t.Fatal(err)
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return b.do(req)
}

func TestEmploymentPage(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		b := f.browser()
		b.login("clerk")
		p := b.get("/employment")
		if p.status != http.StatusOK || !strings.Contains(p.text("#arrival-file"), "尚无数据") || !p.has("#no-reports") {
			t.Fatalf("empty page: %d %q", p.status, p.text("#arrivals"))
		}
		recs := []employment.Record{
			{SourceID: "W-1", IDNumber: f.unknownID, Name: "新人", CreditCode: f.unitA.CreditCode, Start: "2026-07-01", RegisteredOn: "2026-07-01"},
			{SourceID: "W-2", IDNumber: f.unknownID, Name: "新人", CreditCode: "91350100M000100Y43", Start: "2026-07-01", RegisteredOn: "2026-07-01"},
		}
		p = b.uploadAs("/employment/import", "regs.csv", registrationsCSV(t, recs))
		if p.status != http.StatusOK || !strings.Contains(p.text("#import-result"), "新增 1") ||
			p.doc.Find("#import-result tr.reject").Length() != 1 || !strings.Contains(p.text("#import-result tr.reject"), "91350100M000100Y43") {
			t.Fatalf("import: %d %q %q", p.status, p.text("#import-result"), p.text("#form-error, #file-error"))
		}
		if p.text("#arrival-file td:nth-child(2)") == "" || p.doc.Find("#reports tbody tr").Length() < 1 {
			t.Errorf("arrivals after import: %q", p.text("#arrivals"))
		}
		// A file of another kind is refused beside the field, nothing imported.
		p = b.uploadAs("/employment/import", "regs.txt", []byte("x"))
		if p.status != http.StatusBadRequest || !strings.Contains(p.text("#file-error"), ".xlsx") {
			t.Errorf("txt file: %d %q", p.status, p.text("#file-error, #form-error"))
		}
		// Operators may not see the page.
		op := f.browser()
		op.login("hr_a")
		if p := op.get("/employment"); p.status != http.StatusForbidden {
			t.Errorf("operator: %d", p.status)
		}
	})
}

// TestEmploymentPageDemoArrival checks that a demo-loaded district's page
// says when data last arrived: the employment system pushed the demo's
// registrations through its API, the last of them today.
func TestEmploymentPageDemoArrival(t *testing.T) {
	d := newDistrict(t)
	p := districtBrowser(t, d, d.guide.Clerk).get("/employment")
	if p.status != http.StatusOK {
		t.Fatalf("status %d", p.status)
	}
	when := p.text("#arrival-api td:nth-child(2)")
	if strings.Contains(p.text("#arrival-api"), "尚无数据") || !strings.HasPrefix(when, testToday.String()) {
		t.Errorf("API arrival %q, want a time on %s", p.text("#arrival-api"), testToday)
	}
	if n := p.doc.Find("#reports tbody tr").Length(); n == 0 {
		t.Errorf("no reports, want the demo's pushes")
	}
}

// registrationsCSV is a file of the employment service: its Chinese
// headers, then recs.
func registrationsCSV(t *testing.T, recs []employment.Record) []byte {
	t.Helper()
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	header := make([]string, len(employment.Columns))
	for i, c := range employment.Columns {
		header[i] = employment.HeaderOf(c)
	}
	_ = w.Write(header)
	for _, r := range recs {
		_ = w.Write([]string{r.SourceID, r.IDNumber, r.Name, r.CreditCode, r.Start, r.RegisteredOn, r.End})
	}
	w.Flush()
	if err := w.Error(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
