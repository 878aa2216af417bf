package web

import (
	"net/url"
	"strings"
	"testing"
)

// TestReceipt: an enrollment's receipt has the masked ID, the base and the
// monthly cost; a change's receipt shows old → new and no empty person
// rows; a pending change is withdrawn from its receipt after a
// confirmation.
func TestReceipt(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		b := f.browser()
		b.login("hr_a")
		id := b.submit("enroll", f.person["new"].IDNumber, "8000")
		p := b.get("/items/" + id)
		idn := f.person["new"].IDNumber
		if got := p.text("#item-id"); got != idn[:6]+"********"+idn[14:] {
			t.Errorf("masked ID = %q", got)
		}
		if p.text("#item-base") != "¥8,000.00" || !strings.Contains(p.text("#item-cost"), "¥") || p.text("#item-decided") == "" {
			t.Errorf("enrollment receipt: base %q cost %q decided %q", p.text("#item-base"), p.text("#item-cost"), p.text("#item-decided"))
		}
		if !p.has("#print[data-print]") {
			t.Error("no print button")
		}

		b.get("/changes/unit")
		p = b.post("/changes/unit", url.Values{"chg_contact": {"赵六"}, "chg_phone": {"021-66668888"}, "chg_address": {"上海市"},
			"chg_name": {"新名字一"}, "chg_credit_code": {f.unitA.CreditCode}, "chg_reason": {"更名"}})
		href, _ := p.doc.Find("#change-review a").Attr("href")
		receipt := strings.TrimSuffix(href, "/progress")
		p = b.get(receipt)
		if p.has("#item-person") || !strings.Contains(p.text("#item-receipt"), f.unitA.Name+" → 新名字一") {
			t.Errorf("change receipt: %q", p.text("#item-receipt"))
		}
		p = b.get(p.doc.Find("#withdraw-link").AttrOr("href", "/nowhere"))
		if !strings.Contains(p.text("#withdraw-question"), "确定撤回") {
			t.Fatalf("no confirmation: %q", p.text("#main"))
		}
		if st, _ := b.get(receipt).doc.Find("#status").Attr("data-status"); st != "in_review" {
			t.Errorf("asking withdrew the item: %s", st)
		}
		p = b.post(receipt+"/withdraw", url.Values{"confirm": {"1"}})
		if st, _ := p.doc.Find("#status").Attr("data-status"); st != "withdrawn" {
			t.Errorf("after confirming: %s", st)
		}
		if p = b.get(receipt); p.has("#withdraw-link") {
			t.Error("a withdrawn item offers withdrawal")
		}
	})
}
