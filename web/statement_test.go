package web

import (
	"net/http"
	"strconv"
	"strings"
	"testing"
)

// The statements page: an operator sees one printable statement per
// employee of the own unit with the ID number masked, whatever unit is
// named; staff name the unit; the workbook downloads; /stats shows the
// collection view.
func TestStatementPage(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		hr := f.browser()
		hr.login("hr_a")
		insured := f.person["insured"]
		p := hr.get("/statement?period=2026-06&credit_code=" + f.unitB.CreditCode)
		if p.status != http.StatusOK || !p.has("#statement-"+strconv.FormatInt(insured.ID, 10)) || p.text("h1") == "" {
			t.Fatalf("statement page: %d %q", p.status, p.text("main"))
		}
		doc := p.text("#statement-" + strconv.FormatInt(insured.ID, 10))
		if strings.Contains(doc, insured.IDNumber) || !strings.Contains(doc, insured.IDNumber[len(insured.IDNumber)-4:]) ||
			!strings.Contains(doc, f.unitA.Name) || strings.Contains(p.text("main"), f.unitB.Name) {
			t.Errorf("statement: %q", doc)
		}
		if st, _ := p.doc.Find(".statement-doc [data-status]").Attr("data-status"); st != "provisional" {
			t.Errorf("status of an open month: %q", st)
		}
		if p := hr.get("/statement?period=2026-13"); p.status != http.StatusBadRequest || p.text("#period-error") == "" {
			t.Errorf("a bad period: %d %q", p.status, p.text("#period-error"))
		}

		clerk := f.browser()
		clerk.login("clerk")
		if p := clerk.get("/statement?period=2026-06&credit_code=" + f.unitA.CreditCode); !p.has("#statement-" + strconv.FormatInt(insured.ID, 10)) {
			t.Errorf("the clerk's view of unit A: %q", p.text("main"))
		}
		req, _ := http.NewRequest(http.MethodGet, f.srv.URL+"/statement/export.xlsx?period=2026-06&credit_code="+f.unitA.CreditCode, nil)
		resp, err := clerk.hc.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || !strings.Contains(resp.Header.Get("Content-Type"), "spreadsheetml") {
			t.Errorf("workbook: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
		}
		if p := clerk.get("/stats"); !p.has("#collection #arrears") || !p.has("#chart-collection svg") {
			t.Errorf("the stats page has no collection view")
		}
	})
}
