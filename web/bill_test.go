package web

import (
	"bytes"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"shebao"
	"shebao/auth"
	"shebao/billing"
	"shebao/rules"
)

// The fixture's unit A insures one person (刘洋) with a base of ¥8,000 at
// risk class 1 (0.2%): per month, employer 8,000 × 24.7% = 1,976.00,
// employee 8,000 × 10.5% = 840.00, total 2,816.00.
func TestBillPage(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		b := f.browser()
		b.login("hr_a")
		p := b.get("/bill")
		if p.status != http.StatusOK || p.text("#total") != "¥2,816.00" || p.text("#total-employer") != "¥1,976.00" {
			t.Fatalf("bill: %d, total %q", p.status, p.text("#total"))
		}
		// One row per person at a glance; the lines on demand, with no
		// formula where nothing was rounded or clamped.
		if got := p.text(`#by-person tr.person`); p.doc.Find("#by-person tr.person").Length() != 1 ||
			!strings.Contains(got, "¥8,000.00") || !strings.Contains(got, "¥2,816.00") {
			t.Errorf("person row %q", got)
		}
		if n := p.doc.Find("#by-person details tr.line").Length(); n != 4 {
			t.Errorf("%d lines, want 4", n)
		}
		if p.has("#by-person .calc") || p.has("#by-person details.noted") {
			t.Errorf("a formula where nothing was rounded: %q", p.text("#by-person .calc"))
		}
		if got := p.text(`#by-insurance tr[data-insurance="injury"]`); !strings.Contains(got, "¥16.00") {
			t.Errorf("injury sum: %q", got)
		}
		if !p.has("#bill-source") || !p.has("#no-owed") || !p.has("#export") {
			t.Error("the page lacks its source notice, owed months or export form")
		}
		noKeys(t, p)
		if p := b.get("/bill?q=刘"); p.doc.Find("#by-person tr.person").Length() != 1 || p.text("#total") != "¥2,816.00" {
			t.Errorf("search 刘: %d persons, total %q", p.doc.Find("#by-person tr.person").Length(), p.text("#total"))
		}
		if p := b.get("/bill?q=nobody"); p.has("#by-person") || !p.has("#no-persons") || p.text("#total") != "¥2,816.00" {
			t.Errorf("search nobody: total %q, no-persons %v", p.text("#total"), p.has("#no-persons"))
		}
		if en := b.get("/lang?to=en&next=/bill"); !strings.Contains(en.text("#bill-source"), "live") {
			t.Errorf("English bill page: %q", en.text("#bill-source"))
		} else {
			noKeys(t, en)
		}
		b.get("/lang?to=zh&next=/bill")
		for _, period := range []string{"2026-13", "2026-09", "July"} {
			p := b.get("/bill?period=" + period)
			if p.status != http.StatusOK || !p.has("#period-error") || p.has("#total") {
				t.Errorf("period %s: %d, error %q", period, p.status, p.text("#period-error"))
			}
		}
		hist := b.get("/persons/" + strconv.FormatInt(f.person["insured"].ID, 10) + "/contributions")
		// insured since 2025-01, but the fixture has 2026's policy only: 2026-01 … 07
		if hist.status != http.StatusOK || hist.doc.Find("#history tbody tr").Length() != 7 {
			t.Errorf("history: %d, %d months", hist.status, hist.doc.Find("#history tbody tr").Length())
		}
		noKeys(t, hist)

		other := f.browser()
		other.login("hr_b")
		if p := other.get("/bill"); p.text("#total") != "¥0.00" || !p.has("#no-persons") {
			t.Errorf("unit B's bill: %q", p.text("#total"))
		}
		if p := other.get("/persons/" + strconv.FormatInt(f.person["insured"].ID, 10) + "/contributions"); p.status != http.StatusNotFound {
			t.Errorf("unit B's operator sees A's person: %d", p.status)
		}

		clerk := f.browser()
		clerk.login("clerk")
		if p := clerk.get("/bill?credit_code=" + f.unitA.CreditCode); p.text("#total") != "¥2,816.00" {
			t.Errorf("clerk's view of A: %q %q", p.text("#total"), p.text("#credit_code-error"))
		}
	})
}

func TestBillExport(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		b := f.browser()
		b.login("hr_a")
		body, resp := download(t, b, "/bill/export?from=2026-05&to=2026-07&format=xlsx")
		if ct := resp.Header.Get("Content-Type"); !strings.Contains(ct, "spreadsheetml") {
			t.Fatalf("content type %q (%d)", ct, resp.StatusCode)
		}
		if cd := resp.Header.Get("Content-Disposition"); !strings.Contains(cd, "attachment") || !strings.Contains(cd, ".xlsx") {
			t.Errorf("disposition %q", cd)
		}
		wb, err := excelize.OpenReader(bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		rows, _ := wb.GetRows("缴费明细", excelize.Options{RawCellValue: true})
		if len(rows) != 16 || rows[1][0] != "所属期" || rows[5][0] != "小计" || rows[5][13] != "8448" || rows[15][5] != "8448" {
			t.Errorf("workbook rows %v", rows)
		}
		body, resp = download(t, b, "/bill/export?from=2026-05&to=2026-07&format=csv")
		if !bytes.HasPrefix(body, []byte("\xEF\xBB\xBF月度核定")) || !strings.Contains(resp.Header.Get("Content-Type"), "text/csv") {
			t.Errorf("CSV starts %q", body[:min(len(body), 20)])
		}
		if _, resp := download(t, b, "/bill/export?from=2026-07&to=2026-05&format=csv"); resp.StatusCode != http.StatusBadRequest {
			t.Errorf("reversed range: %d", resp.StatusCode)
		}
		if _, resp := download(t, b, "/bill/export?from=2026-05&to=2026-07&format=pdf"); resp.StatusCode != http.StatusBadRequest {
			t.Errorf("pdf: %d", resp.StatusCode)
		}
	})
}

// noKeys fails the test when a page shows a catalogue key instead of its
// message.
func noKeys(t *testing.T, p page) {
	t.Helper()
	text := p.doc.Find("main").Text()
	for _, prefix := range []string{"billing.", "field.", "reason."} {
		if i := strings.Index(text, prefix); i >= 0 {
			t.Errorf("%s shows a key: %q", p.url.Path, text[i:min(len(text), i+40)])
		}
	}
}

// download fetches a file with the browser's cookies.
func download(t *testing.T, b *browser, path string) ([]byte, *http.Response) {
	t.Helper()
	resp, err := b.hc.Get(b.f.srv.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return body, resp
}

// The enrollment preview says what the person adds to the monthly bill:
// ¥8,000 at class 1 gives ¥2,816.00 (employer ¥1,976.00, employee ¥840.00).
func TestEnrollPreviewCost(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		b := f.browser()
		b.login("hr_a")
		b.get("/items/new?type=enroll")
		p := b.post("/items/new", itemForm("enroll", f.person["new"].IDNumber, "8000", "preview"))
		if got := p.text("#pv-cost"); !strings.Contains(got, "¥2,816.00") || !strings.Contains(got, "¥1,976.00") {
			t.Errorf("cost preview %q", got)
		}
		b.get("/items/new?type=enroll")
		if p := b.post("/items/new", itemForm("enroll", f.person["none"].IDNumber, "8000", "preview")); p.has("#pv-cost") {
			t.Error("a refused enrollment shows a cost")
		}
	})
}

// addAdmin creates an admin account "admin".
func addAdmin(t *testing.T, f *fixture) {
	acc, err := auth.NewAccount("admin", testPassword, shebao.RoleAdmin, 0, false, 4)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.db.InTx(t.Context(), func(tx shebao.Tx) error { return tx.CreateAccount(t.Context(), &acc) }); err != nil {
		t.Fatal(err)
	}
}

func TestPolicyPages(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		addAdmin(t, f)
		b := f.browser()
		b.login("admin")
		p := b.get("/admin/policies")
		if p.status != http.StatusOK || !p.has(`#policies tr[data-year="2026"]`) {
			t.Fatalf("policies page: %d", p.status)
		}
		noKeys(t, p)
		if v, _ := p.doc.Find(`#year`).Attr("value"); v != "2027" {
			t.Errorf("the form offers year %q, want 2027", v)
		}
		form := url.Values{}
		for k, v := range billing.FormOf(rules.DefaultPolicy(2027, 800_000)).Values() {
			form.Set(k, v)
		}
		form.Set("avg_monthly_wage", "abc")
		form.Set("rate_pension_employer", "16.12345")
		p = b.post("/admin/policies", form)
		if p.status != http.StatusUnprocessableEntity || !p.has("#avg_monthly_wage-error") || !p.has("#rate_pension_employer-error") {
			t.Fatalf("bad form: %d, %q", p.status, p.text(".field-error"))
		}
		form.Set("avg_monthly_wage", "8000")
		form.Set("rate_pension_employer", "16")
		p = b.post("/admin/policies", form)
		if p.url.Query().Get("saved") != "1" || !p.has(`#policies tr[data-year="2027"]`) {
			t.Fatalf("save: at %s (%d) %q", p.url, p.status, p.text(".field-error, #form-error"))
		}
		p = upload(t, b, "/admin/policies/import", "../docs/policy-2027.example.json")
		if p.url.Query().Get("saved") != "2" {
			t.Fatalf("import: at %s (%d) %q", p.url, p.status, p.text(".error"))
		}

		op := f.browser()
		op.login("hr_a")
		if p := op.get("/admin/policies"); p.status != http.StatusForbidden {
			t.Errorf("an operator sees the policies: %d", p.status)
		}
	})
}

// upload posts a file as the multipart field "file" with the CSRF token.
func upload(t *testing.T, b *browser, path, file string) page {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	w.WriteField("csrf", b.csrf)
	fw, _ := w.CreateFormFile("file", "policy.json")
	fw.Write(data)
	w.Close()
	req, _ := http.NewRequest(http.MethodPost, b.f.srv.URL+path, &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	return b.do(req)
}

// TestBillPersonsPage checks the per-person part's paging and search: 20
// persons a page, the search on name or ID number, any case.
func TestBillPersonsPage(t *testing.T) {
	var all []billing.PersonMonth
	for i := range 45 {
		all = append(all, billing.PersonMonth{PersonID: int64(i + 1), PersonName: fmt.Sprintf("职工%02d", i+1),
			IDNumber: fmt.Sprintf("1101051990000000%02dX", i+1)})
	}
	for _, tt := range []struct {
		url                string
		first, last, total int
		pages              int
	}{
		{"/bill?period=2026-07", 1, 20, 45, 3},
		{"/bill?period=2026-07&page=3", 41, 45, 45, 3},
		{"/bill?period=2026-07&q=%E8%81%8C%E5%B7%A50", 1, 9, 9, 1}, // 职工0: 01–09
		{"/bill?period=2026-07&q=07x", 1, 1, 1, 1},
	} {
		r := httptest.NewRequest(http.MethodGet, tt.url, nil)
		d := billData{Period: "2026-07", Q: r.URL.Query().Get("q")}
		d.pagePersons(r, all)
		if d.First != tt.first || d.Last != tt.last || d.Pager.Total != tt.total || d.Pager.Pages != tt.pages || len(d.Persons) != tt.last-tt.first+1 {
			t.Errorf("%s: persons %d–%d of %d, %d pages", tt.url, d.First, d.Last, d.Pager.Total, d.Pager.Pages)
		}
	}
}

// TestBillExplainsOnlyChanges: the formula of a line is shown where a
// rounding or a clamp changed the amount, and nowhere else.
func TestBillExplainsOnlyChanges(t *testing.T) {
	exact := billing.Line{Insurance: shebao.Pension, Base: rules.BaseResult{Wage: 800000, Base: 800000, Clamp: rules.ClampNone},
		Rate: shebao.Rate{Employer: 16000, Employee: 8000}, Employer: 128000, Employee: 64000}
	rounded := billing.Line{Insurance: shebao.Medical, Base: rules.BaseResult{Wage: 333333, Base: 333333, Clamp: rules.ClampNone},
		Rate: shebao.Rate{Employer: 9800, Employee: 2000}, Employer: 32667, Employee: 6667}
	clamped := exact
	clamped.Base = rules.BaseResult{Wage: 100000, Base: 800000, Floor: 800000, Ceiling: 3000000, Clamp: rules.ClampFloor}
	if v := explainMonth(billing.PersonMonth{Lines: []billing.Line{exact}}); v.Noted || v.Rows[0].ERRounded || v.Rows[0].EERounded || v.Base != 800000 {
		t.Errorf("exact line: %+v", v)
	}
	if v := explainMonth(billing.PersonMonth{Lines: []billing.Line{exact, rounded}}); !v.Noted || !v.Rows[1].ERRounded || !v.Rows[1].EERounded {
		t.Errorf("rounded line: %+v", v.Rows[1])
	}
	if v := explainMonth(billing.PersonMonth{Lines: []billing.Line{clamped}}); !v.Noted || v.Rows[0].ERRounded {
		t.Errorf("clamped line: %+v", v)
	}
}

// The page's twin of the API's refusal: a floating rate stored outside its
// class's grades shows the refusal naming the unit and its rate, and no
// amounts computed with it.
func TestBillRefusesFloatOutsideGrades(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		if err := f.db.InTx(t.Context(), func(tx shebao.Tx) error {
			return tx.SetUnitInjuryFloat(t.Context(), shebao.UnitRate{UnitID: f.unitA.ID, Year: 2026, InjuryFloat: -50})
		}); err != nil {
			t.Fatal(err)
		}
		b := f.browser()
		b.login("hr_a")
		p := b.get("/bill")
		if got := p.text("#form-error"); p.status != http.StatusOK || p.has("#total") ||
			!strings.Contains(got, f.unitA.Name) || !strings.Contains(got, "-0.05") {
			t.Errorf("bill: %d, total shown %v, message %q", p.status, p.has("#total"), got)
		}
		noKeys(t, p)
	})
}
