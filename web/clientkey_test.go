package web

import (
	"net/http"
	"net/url"
	"testing"

	"shebao"

	"github.com/PuerkitoBio/goquery"
)

// Every form that makes an item carries a client key: the same form
// submitted twice (a double click, a reload) makes one item.
func TestCatalogueFormsSubmittedTwiceMakeOneItem(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		b := f.browser()
		b.login("hr_a")
		id := f.person["insured"].IDNumber
		forms := []struct {
			typ        shebao.ItemType
			page, form string // the page that shows the form, the form's selector
		}{
			{shebao.ItemRetireReview, "/retirement?id_number=" + id, `form[action="/retirement"]`},
			{shebao.ItemProof, "/proofs/new?id_number=" + id, `form:has(input[name="kind"][value="person"])`},
			{shebao.ItemPersonChange, "/changes/person?id_number=" + id, `form[action="/changes/person"]`},
			{shebao.ItemUnitChange, "/changes/unit", `form[action="/changes/unit"]`},
		}
		for _, c := range forms {
			p := b.get(c.page)
			form := p.doc.Find(c.form)
			action, _ := form.Attr("action")
			values := url.Values{}
			form.Find("input").Each(func(_ int, in *goquery.Selection) {
				name, _ := in.Attr("name")
				value, _ := in.Attr("value")
				values.Set(name, value)
			})
			if values.Get("client_key") == "" {
				t.Fatalf("%s: the form carries no client key", c.typ)
			}
			switch c.typ {
			case shebao.ItemPersonChange:
				values.Set("chg_phone", "13911112222")
			case shebao.ItemUnitChange:
				values.Set("chg_contact", "赵六")
				values.Set("chg_address", "北京市东城区")
				values.Set("chg_phone", "021-55556666")
			}
			for range 2 {
				if r := b.post(action, values); r.status != http.StatusOK {
					t.Fatalf("%s: %d %s", c.typ, r.status, r.text(".error, .field-error, #form-error"))
				}
			}
			var n int
			err := f.db.View(t.Context(), func(tx shebao.Tx) (err error) {
				_, n, err = tx.Items(t.Context(), shebao.ItemFilter{UnitID: f.unitA.ID, Type: c.typ})
				return err
			})
			if err != nil || n != 1 {
				t.Errorf("%s submitted twice made %d items (%v), want 1", c.typ, n, err)
			}
		}
	})
}
