package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"shebao"
)

// TestApprovedBackpayIsShown submits and approves a back-pay of 2026-06 and
// checks that the person's contribution history shows the month as
// back-pay with its late fee and a total that adds up, and that the unit's
// amount due lists the item among what it still owes.
func TestApprovedBackpayIsShown(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		b, person, id := approvedBackpay(t, f)
		// As quoted in TestBackpayPages: 1,581.89 + late fee 6.33 = 1,588.22.
		hist := b.get("/persons/" + strconv.FormatInt(person.ID, 10) + "/contributions")
		row := hist.text(`#history tr.backpay[data-period="2026-06"]`)
		if hist.status != http.StatusOK || !strings.Contains(row, "补收") || !strings.Contains(row, "¥6.33") || !strings.Contains(row, "¥1,588.22") {
			t.Errorf("history: %d, back-pay row %q", hist.status, row)
		}
		if got := hist.text("#history-total"); !strings.Contains(got, "¥1,588.22") {
			t.Errorf("history total %q", got)
		}
		noKeys(t, hist)
		bill := b.get("/bill")
		owed := bill.text(`#owed-backpay tr[data-item="` + strconv.FormatInt(id, 10) + `"]`)
		if !strings.Contains(owed, "2026-06") || !strings.Contains(owed, "¥6.33") || !strings.Contains(owed, "¥1,588.22") {
			t.Errorf("owed back-pay: %q", owed)
		}
		if bill.text("#total") != "¥2,816.00" {
			t.Errorf("the month's bill changed: %q", bill.text("#total"))
		}
		noKeys(t, bill)
	})
}

// TestMarkBackpayPaid approves a back-pay, then checks that the unit's
// operator sees no button and may not record it paid, that a post without
// the CSRF token is refused, and that a clerk records it paid with the
// button beside the item, after which it is no longer listed as owed.
func TestMarkBackpayPaid(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		b, _, id := approvedBackpay(t, f)
		row := `#owed-backpay tr[data-item="` + strconv.FormatInt(id, 10) + `"]`
		bill := b.get("/bill")
		if bill.doc.Find(row).Length() != 1 || bill.doc.Find(row+` form`).Length() != 0 {
			t.Errorf("operator: owed row %q, want it listed without a button", bill.text(row))
		}
		form := func() url.Values {
			return url.Values{"credit_code": {f.unitA.CreditCode}, "item_id": {strconv.FormatInt(id, 10)}, "period": {"2026-07"}, "amount": {"100"}}
		}
		if p := b.post("/bill/backpay-paid", form()); p.status != http.StatusForbidden {
			t.Errorf("operator marking paid: %d at %s", p.status, p.url)
		}

		clerk := f.browser()
		clerk.login("clerk")
		bill = clerk.get("/bill?credit_code=" + f.unitA.CreditCode)
		btn := bill.doc.Find(row + ` form[action="/bill/backpay-paid"]`)
		if btn.Length() != 1 {
			t.Fatalf("clerk: no mark-paid form beside the item: %q", bill.text(row))
		}
		vals := url.Values{}
		btn.Find(`input`).Each(func(_ int, s *goquery.Selection) { // the amount is prefilled with what the item owes
			n, _ := s.Attr("name")
			v, _ := s.Attr("value")
			vals.Set(n, v)
		})
		if vals.Get("csrf") == "" || vals.Get("item_id") != strconv.FormatInt(id, 10) || vals.Get("amount") == "" {
			t.Errorf("form values %v", vals)
		}
		bad := form()
		bad.Set("csrf", "wrong")
		if p := clerk.post("/bill/backpay-paid", bad); p.status == http.StatusOK {
			t.Errorf("a post without the CSRF token: %d at %s", p.status, p.url)
		}
		bill = clerk.get("/bill?credit_code=" + f.unitA.CreditCode)
		if bill.doc.Find(row).Length() != 1 {
			t.Fatal("the refused post marked the item paid")
		}
		p := clerk.post("/bill/backpay-paid", vals)
		if p.status != http.StatusOK || p.url.Path != "/bill" || p.doc.Find(row).Length() != 0 {
			t.Errorf("after marking paid: %d at %s, row %q", p.status, p.url, p.text(row))
		}
		if p := clerk.post("/bill/backpay-paid", form()); p.status != http.StatusOK || p.url.Path != "/bill" {
			t.Errorf("marking twice: %d at %s", p.status, p.url)
		}
		if bill := b.get("/bill"); bill.doc.Find(row).Length() != 0 {
			t.Errorf("operator still sees the paid item owed: %q", bill.text(row))
		}
	})
}

// approvedBackpay logs in as unit A's operator, submits a back-pay of
// 2026-06 for the fixture's new person through the page, and a reviewer
// approves it on the review page (the real review hooks). It returns the operator's browser, the person and the item.
func approvedBackpay(t *testing.T, f *fixture) (*browser, shebao.Person, int64) {
	t.Helper()
	b := f.browser()
	b.login("hr_a")
	p := b.get("/backpay")
	key, _ := p.doc.Find(`input[name="client_key"]`).Attr("value")
	person := f.person["new"]
	p = b.post("/backpay", url.Values{"id_number": {person.IDNumber}, "from": {"2026-06"}, "to": {"2026-06"},
		"wage": {"3000"}, "client_key": {key}, "action": {"submit"}})
	id, err := strconv.ParseInt(strings.TrimPrefix(p.url.Path, "/backpay/items/"), 10, 64)
	if err != nil {
		t.Fatalf("submit: at %s", p.url)
	}
	rv := f.browser()
	rv.login("reviewer")
	rv.get(fmt.Sprintf("/review/%d", id))
	if p := rv.post(fmt.Sprintf("/review/%d", id), url.Values{"action": {"approve"}}); p.url.Path != "/review" {
		t.Fatalf("approve: at %s (%d): %s", p.url, p.status, p.text("#form-error, #error-message"))
	}
	return b, person, id
}
