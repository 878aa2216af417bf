package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// submit enrolls a person through the pages and returns the item's id.
func (b *browser) submit(typ, id, wage string) string {
	b.t.Helper()
	return itemIDOf(b.t, b.post("/items/new", itemForm(typ, id, wage, "submit")))
}

func TestItemsAndRoster(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		b := f.browser()
		b.login("hr_a")
		first := b.submit("enroll", f.person["new"].IDNumber, "8000")
		refused := b.submit("enroll", f.person["none"].IDNumber, "8000")
		p := b.get("/items")
		rows := p.doc.Find("#items tbody tr")
		if rows.Length() != 2 {
			t.Fatalf("%d items, want 2", rows.Length())
		}
		if id, _ := rows.First().Attr("data-id"); id != refused {
			t.Errorf("newest first: got %s first, want %s", id, refused)
		}
		if got := rows.First().Find(".reason").Text(); !strings.Contains(got, "无此人就业备案信息") {
			t.Errorf("refusal reason = %q", got)
		}
		if got := rows.Last().Find("td").Eq(3).Text(); strings.Contains(got, f.person["new"].IDNumber) || !strings.Contains(got, "****") {
			t.Errorf("ID number not masked: %q", got)
		}
		p = b.get("/items?status=approved")
		if n := p.doc.Find("#items tbody tr").Length(); n != 1 {
			t.Errorf("approved filter: %d rows", n)
		}
		p = b.get("/items?type=stop")
		if !p.has("#no-items") {
			t.Error("stop filter shows items")
		}
		p = b.get("/items?status=lost")
		if p.status != http.StatusBadRequest || !strings.Contains(p.text("#error-message"), "办理状态") {
			t.Errorf("unknown status: %d %q", p.status, p.text("#error-message"))
		}
		p = b.get("/items/" + refused)
		if s, _ := p.doc.Find("#status").Attr("data-status"); s != "refused" || !strings.Contains(p.text("#reasons"), "无此人就业备案信息") {
			t.Errorf("refused item page: %q %q", s, p.text("#reasons"))
		}
		_ = first

		p = b.get("/roster")
		names := p.doc.Find("#roster td.name").Map(func(_ int, s *goquery.Selection) string { return s.Text() })
		if strings.Join(names, ",") != "张伟,刘洋" && strings.Join(names, ",") != "刘洋,张伟" {
			t.Errorf("roster = %v", names)
		}
		if got := p.doc.Find("#roster td.id").First().Text(); !strings.Contains(got, "********") {
			t.Errorf("roster ID not masked: %q", got)
		}
		p = b.get("/roster?q=" + url.QueryEscape("刘"))
		if n := p.doc.Find("#roster tbody tr").Length(); n != 1 {
			t.Errorf("search: %d rows", n)
		}
	})
}

func TestUnitIsolation(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		a, bb := f.browser(), f.browser()
		a.login("hr_a")
		bb.login("hr_b")
		idA := a.submit("enroll", f.person["new"].IDNumber, "8000")
		idB := bb.submit("enroll", f.person["b_new"].IDNumber, "9000")
		for _, c := range []struct {
			who  *browser
			item string
		}{{a, idB}, {bb, idA}} {
			p := c.who.get("/items/" + c.item)
			if p.status != http.StatusNotFound || p.has("#receipt") {
				t.Errorf("another unit's item %s: %d", c.item, p.status)
			}
		}
		if p := a.get("/items"); p.doc.Find("#items tbody tr").Length() != 1 {
			t.Error("unit A sees more than its own item")
		}
		p := bb.get("/roster")
		if names := p.text("#roster td.name"); names != "陈静" {
			t.Errorf("unit B's roster = %q", names)
		}
		for _, path := range []string{"/items/0", "/items/abc", "/items/99999999999999999999", "/nowhere"} {
			if p := a.get(path); p.status != http.StatusNotFound {
				t.Errorf("%s: %d", path, p.status)
			}
		}
	})
}

func TestClerkAtCounter(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		b := f.browser()
		b.login("clerk")
		p := b.get("/items/new?type=enroll")
		if !p.has("#credit_code") {
			t.Fatal("no unit field for the clerk")
		}
		form := itemForm("enroll", f.person["new"].IDNumber, "8000", "preview")
		p = b.post("/items/new", form)
		if got := p.text("#credit_code-error"); got == "" {
			t.Error("missing unit not reported beside the field")
		}
		form.Set("credit_code", f.unitA.CreditCode[:17]+wrongCheck(f.unitA.CreditCode[17]))
		p = b.post("/items/new", form)
		if got := p.text("#credit_code-error"); !strings.Contains(got, "校验位") {
			t.Errorf("bad credit code: %q", got)
		}
		form.Set("credit_code", f.unitA.CreditCode)
		form.Set("action", "submit")
		p = b.post("/items/new", form)
		itemIDOf(t, p)
		if got := p.text("#main"); !strings.Contains(got, "窗口") {
			t.Error("the counter channel is not shown")
		}
		p = b.get("/roster?credit_code=" + f.unitA.CreditCode)
		if n := p.doc.Find("#roster tbody tr").Length(); n != 2 {
			t.Errorf("clerk's roster of unit A: %d rows", n)
		}
	})
}
