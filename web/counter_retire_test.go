package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"shebao"
)

// TestCounterRetirePayShowsThePreReview: the clerk's retirement payment
// starts with the ID number and shows the pre-review's answer (a man past
// the statutory age, 174 months short); recording it without grounds is
// refused on the grounds field, with grounds it is recorded and the man
// leaves the unit's roster.
func TestCounterRetirePayShowsThePreReview(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		old := shebao.Person{IDNumber: idNumber("110108", "19570910", "313"), Name: "李强", Sex: shebao.Male, BirthDate: 19570910}
		err := f.db.InTx(t.Context(), func(tx shebao.Tx) error {
			if err := tx.CreatePerson(t.Context(), &old); err != nil {
				return err
			}
			for _, ins := range shebao.Insurances {
				c := shebao.Coverage{PersonID: old.ID, UnitID: f.unitA.ID, Insurance: ins,
					Status: shebao.CoverageActive, FirstPeriod: 202601, Base: 800000}
				if err := tx.InsertCoverage(t.Context(), &c); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		op := f.browser()
		op.login("hr_a")
		if r := op.get("/roster?q=" + old.IDNumber); !strings.Contains(r.text("main"), "李强") {
			t.Fatalf("not on the roster before: %s", r.text("main"))
		}
		clerk := f.browser()
		clerk.login("clerk")
		path := "/counter/units/" + strconv.FormatInt(f.unitA.ID, 10) + "/items/new"
		p := clerk.get(path + "?type=retire_pay")
		if !p.has("#retire-check") || p.has("#record") {
			t.Fatalf("first step: %s", p.text("main"))
		}
		p = clerk.get(path + "?type=retire_pay&id_number=" + old.IDNumber)
		if !strings.Contains(p.text("#retire-answer"), "已于 2017-09 达到法定退休年龄") || !strings.Contains(p.text("#retire-answer"), "174") ||
			!p.has("#retire-verdict.status-refused") || !p.has(`textarea[name="override_reason"], input[name="override_reason"]`) {
			t.Fatalf("pre-review at the counter: %s", p.text("main"))
		}
		key, _ := p.doc.Find(`input[name="client_key"]`).Attr("value")
		form := url.Values{"type": {"retire_pay"}, "id_number": {old.IDNumber}, "client_key": {key},
			"documents": {"id_original", "hukou", "personnel_file", "retire_form", "bank_card", "unit_letter"}}
		p = clerk.post(path, form)
		if p.status != http.StatusUnprocessableEntity || !strings.Contains(p.text("#override_reason-error"), "174") {
			t.Fatalf("without grounds: %d %s", p.status, p.text("main"))
		}
		form.Set("override_reason", "已一次性补缴")
		p = clerk.post(path, form)
		if p.status != http.StatusOK || !strings.HasPrefix(p.url.Path, "/items/") {
			t.Fatalf("with grounds: %d at %s: %s", p.status, p.url, p.text("main"))
		}
		if r := op.get("/roster?q=" + old.IDNumber); strings.Contains(r.text("main"), "李强") {
			t.Errorf("still on the roster: %s", r.text("main"))
		}
		noKeys(t, p)
	})
}
