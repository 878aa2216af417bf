package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"shebao"
)

// legacyOf returns the legacy 15-digit form of an 18-character ID number
// born in the 1900s: the "19" of the year and the check character removed.
func legacyOf(id18 string) string { return id18[:6] + id18[8:17] }

// TestLegacyIDAtTheCounter: a clerk types the person's old 15-digit number;
// the counter converts it, says so, and records the item under the
// 18-character number. An operator is still sent to the counter.
func TestLegacyIDAtTheCounter(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		old := legacyOf(f.person["new"].IDNumber)
		hr := f.browser()
		hr.login("hr_a")
		if p := hr.get("/check-id?type=enroll&id_number=" + old); !p.has("#id-legacy") || p.has("#id-ok") {
			t.Fatalf("operator with a legacy number: not sent to the counter: %q", p.text("#id-error"))
		}
		clerk := f.browser()
		clerk.login("clerk")
		p := clerk.get("/check-id?type=enroll&id_number=" + old)
		if !p.has("#id-ok") || !p.has("#note-legacy") || p.has("#id-legacy") {
			t.Fatalf("clerk with a legacy number: %q %q", p.text("#id-legacy"), p.text("#id-error"))
		}
		if v, _ := p.doc.Find(`input[name="id_number"][type="hidden"]`).Attr("value"); v != old {
			t.Errorf("the form carries %q, want the number typed %q", v, old)
		}
		clerk.get("/items/new?type=enroll")
		form := itemForm("enroll", old, "8000", "preview")
		form.Set("credit_code", f.unitA.CreditCode)
		p = clerk.post("/items/new", form)
		if !p.has("#pv-ok") || !strings.Contains(p.text("#note-legacy"), old[:6]) {
			t.Fatalf("preview: %q %q", p.text("#refusal, #form-error"), p.text("#note-legacy"))
		}
		form.Set("action", "submit")
		p = clerk.post("/items/new", form)
		itemIDOf(t, p)
		if s, _ := p.doc.Find("#status").Attr("data-status"); s != "approved" || !p.has("#note-legacy") {
			t.Fatalf("receipt: status %q, conversion stated: %v", s, p.has("#note-legacy"))
		}
		if got := p.text("#item-id"); got != shebao.MaskIDNumber(f.person["new"].IDNumber) {
			t.Errorf("the item's number = %q, want the 18-character one masked", got)
		}
	})
}

// TestLateEnrollmentIsTold: an enrollment 35 days after the employment
// start passes and says it is 5 days late, on the preview, the receipt
// and the staff's item list.
func TestLateEnrollmentIsTold(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		f.restart(shebao.FixedDayClock{Day: shebao.NewDate(2026, time.July, 25)}) // start 20 June + 30 = 20 July
		hr := f.browser()
		hr.login("hr_a")
		hr.get("/items/new?type=enroll")
		form := itemForm("enroll", f.person["new"].IDNumber, "8000", "preview")
		p := hr.post("/items/new", form)
		if !p.has("#pv-ok") {
			t.Fatalf("a late enrollment is refused: %q", p.text("#refusal"))
		}
		if d, _ := p.doc.Find("#note-late").Attr("data-days-late"); d != "5" || !strings.Contains(p.text("#note-late"), "2026-07-20") {
			t.Fatalf("preview: late %q: %q", d, p.text("#note-late"))
		}
		form.Set("action", "submit")
		p = hr.post("/items/new", form)
		itemIDOf(t, p)
		if d, _ := p.doc.Find("#note-late").Attr("data-days-late"); d != "5" {
			t.Errorf("receipt: late %q", d)
		}
		clerk := f.browser()
		clerk.login("clerk")
		if d, _ := clerk.get("/items").doc.Find("#items small.late").Attr("data-days-late"); d != "5" {
			t.Errorf("staff list: late %q", d)
		}
		// On time (the 8th, 18 days after the start): nothing to say.
		f.restart(shebao.FixedDayClock{Day: testToday})
		hr = f.browser()
		hr.login("hr_a")
		hr.get("/items/new?type=enroll")
		if p := hr.post("/items/new", itemForm("enroll", f.person["b_new"].IDNumber, "8000", "preview")); p.has("#note-late") {
			t.Error("an enrollment on time is called late")
		}
	})
}

// TestOldRefusalNamesNoOtherUnit: a clerk's enrollment for unit B of a
// person insured by unit A is stored refused with A's name; B's operator
// reading it learns only that another unit insures the person.
func TestOldRefusalNamesNoOtherUnit(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		reg := shebao.Registration{SourceID: "REG-insured-b", PersonID: f.person["insured"].ID, UnitID: f.unitB.ID,
			Start: 20260601, RegisteredOn: 20260601}
		if err := f.db.InTx(t.Context(), func(tx shebao.Tx) error { return tx.PutRegistration(t.Context(), &reg) }); err != nil {
			t.Fatal(err)
		}
		clerk := f.browser()
		clerk.login("clerk")
		clerk.get("/items/new?type=enroll")
		form := itemForm("enroll", f.person["insured"].IDNumber, "8000", "submit")
		form.Set("credit_code", f.unitB.CreditCode)
		p := clerk.post("/items/new", form)
		id := itemIDOf(t, p)
		if !strings.Contains(p.text("#reasons"), f.unitA.Name) {
			t.Fatalf("the clerk is not told the other unit: %q", p.text("#reasons"))
		}
		hr := f.browser()
		hr.login("hr_b")
		for _, path := range []string{"/items/" + id, "/items"} {
			p := hr.get(path)
			if p.status != http.StatusOK || strings.Contains(p.doc.Text(), f.unitA.Name) {
				t.Errorf("%s (%d) names unit A to unit B's operator", path, p.status)
			}
		}
		if got := hr.get("/items/" + id).text("#reasons"); got == "" {
			t.Error("unit B's operator is not told why the item was refused")
		}
	})
}

// TestAuditListMasksIDNumbers: the audit log lists persons with their ID
// number masked; the full number is searched with, not shown.
func TestAuditListMasksIDNumbers(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		addAdmin(t, f)
		hr := f.browser()
		hr.login("hr_a")
		hr.get("/items/new?type=enroll")
		itemIDOf(t, hr.post("/items/new", itemForm("enroll", f.person["new"].IDNumber, "8000", "submit")))
		admin := f.browser()
		admin.login("admin")
		id := f.person["new"].IDNumber
		p := admin.get("/admin/audit?" + url.Values{"id_number": {id}}.Encode())
		if p.status != http.StatusOK || p.doc.Find("#audit tbody tr").Length() == 0 {
			t.Fatalf("audit search by ID number: %d, %d rows", p.status, p.doc.Find("#audit tbody tr").Length())
		}
		if strings.Contains(p.doc.Find("#audit").Text(), id) || !strings.Contains(p.doc.Find("#audit").Text(), shebao.MaskIDNumber(id)) {
			t.Errorf("the audit list shows %q, want the number masked", p.text("#audit small.id"))
		}
	})
}
