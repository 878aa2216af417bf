package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"shebao"
)

// The legacy 15-digit number and a malformed one, for the ID step.
const (
	legacyID    = "110105850620317"
	malformedID = "11010519850620"
)

func TestRetirementPage(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		b := f.browser()
		b.login("hr_a")
		p := b.get("/retirement?id_number=" + legacyID)
		if !p.has("#id-legacy") || p.doc.Find("#id-legacy .bring li").Length() == 0 || p.has("#run-review") {
			t.Errorf("legacy number: %s", p.text("#main"))
		}
		if p = b.get("/retirement?id_number=" + malformedID); !p.has("#id-error") || p.has("#run-review") {
			t.Errorf("malformed number: %s", p.text("#main"))
		}
		insured := f.person["insured"].IDNumber
		if p = b.get("/retirement?id_number=" + insured); !p.has("#run-review") {
			t.Fatalf("valid number: %s", p.text("#main"))
		}
		p = b.post("/retirement", url.Values{"id_number": {insured}})
		if p.status != http.StatusOK || p.text("#statutory-month") != "2048-06" || !strings.Contains(p.text("#contributed"), "18") ||
			!p.has("#retire-counter") || p.has("#retire-reached") {
			t.Errorf("result (%d): %s", p.status, p.text("#main"))
		}
		// A woman worker born 1975-06 reached the statutory age in 2025-09:
		// the page says so and what to bring to the counter.
		retired := shebao.Person{IDNumber: idNumber("110108", "19750615", "322"), Name: "王芳", Sex: shebao.Female,
			BirthDate: 19750615, PostCategory: shebao.PostWorker}
		err := f.db.InTx(t.Context(), func(tx shebao.Tx) error {
			if err := tx.CreatePerson(t.Context(), &retired); err != nil {
				return err
			}
			c := shebao.Coverage{PersonID: retired.ID, UnitID: f.unitA.ID, Insurance: shebao.Pension,
				Status: shebao.CoverageActive, FirstPeriod: 200001, Base: 800000}
			return tx.InsertCoverage(t.Context(), &c)
		})
		if err != nil {
			t.Fatal(err)
		}
		p = b.post("/retirement", url.Values{"id_number": {retired.IDNumber}})
		if p.status != http.StatusOK || p.text("#statutory-month") != "2025-09" ||
			!strings.Contains(p.text("#retire-reached"), "已于 2025-09 达到法定退休年龄") ||
			!strings.Contains(p.text("#retire-reached"), "窗口") || p.doc.Find("#retire-bring li").Length() != 6 {
			t.Errorf("reached (%d): %s", p.status, p.text("#main"))
		}
		// A person the unit does not insure gets the message.
		p = b.post("/retirement", url.Values{"id_number": {f.person["none"].IDNumber}})
		if p.status != http.StatusUnprocessableEntity || !p.has("#id-error") || p.has("#fix-post") {
			t.Errorf("person not insured: %d %s", p.status, p.text("#main"))
		}
		// A woman without post category gets the message and the way to fix it.
		woman := f.person["b_new"]
		err = f.db.InTx(t.Context(), func(tx shebao.Tx) error {
			c := shebao.Coverage{PersonID: woman.ID, UnitID: f.unitA.ID, Insurance: shebao.Pension,
				Status: shebao.CoverageActive, FirstPeriod: 202001, Base: 800000}
			return tx.InsertCoverage(t.Context(), &c)
		})
		if err != nil {
			t.Fatal(err)
		}
		p = b.post("/retirement", url.Values{"id_number": {woman.IDNumber}})
		if p.status != http.StatusUnprocessableEntity || !strings.Contains(p.text("#id-error"), "岗位类别") || !p.has("#fix-post") {
			t.Errorf("no post category: %d %s", p.status, p.text("#main"))
		}
		// Unit B's operator cannot pre-review unit A's employee.
		bb := f.browser()
		bb.login("hr_b")
		p = bb.post("/retirement", url.Values{"id_number": {insured}})
		if p.status != http.StatusUnprocessableEntity || p.has("#retire-result") {
			t.Errorf("unit B: %d %s", p.status, p.text("#main"))
		}
	})
}

func TestChangePages(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		b := f.browser()
		b.login("hr_a")
		p := b.get("/changes/unit")
		if v, _ := p.doc.Find("#chg_name").Attr("value"); v != f.unitA.Name {
			t.Fatalf("form not prefilled: %q", v)
		}
		form := url.Values{"chg_contact": {"赵六"}, "chg_phone": {"021-66668888"}, "chg_address": {"上海市"},
			"chg_bank_account": {""}, "chg_name": {f.unitA.Name}, "chg_credit_code": {f.unitA.CreditCode}, "chg_legal_rep": {""}}
		if p = b.post("/changes/unit", form); !p.has("#change-applied") || p.has("#change-review") {
			t.Fatalf("at once: %d %s", p.status, p.text("#main"))
		}
		form.Set("chg_name", "新名字有限公司")
		if p = b.post("/changes/unit", form); p.status != http.StatusUnprocessableEntity || !p.has("#chg_reason-error") {
			t.Errorf("reviewed change without reason: %d %s", p.status, p.text("#main"))
		}
		form.Set("chg_reason", "工商变更")
		if p = b.post("/changes/unit", form); !p.has("#change-review") {
			t.Fatalf("reviewed: %d %s", p.status, p.text("#main"))
		}
		if p = b.get("/changes/history"); p.doc.Find("#history tbody tr").Length() != 3 {
			t.Errorf("history: %s", p.text("#main"))
		}
		// Person change: the ID step, then the form.
		insured := f.person["insured"].IDNumber
		if p = b.get("/changes/person?id_number=" + legacyID); !p.has("#id-legacy") || p.has("#chg_phone") {
			t.Errorf("legacy: %s", p.text("#main"))
		}
		if p = b.get("/changes/person?id_number=" + insured); !p.has("#chg_phone") {
			t.Fatalf("person form: %s", p.text("#main"))
		}
		p = b.post("/changes/person", url.Values{"id_number": {insured}, "chg_phone": {"13912345678"},
			"chg_address": {""}, "chg_name": {f.person["insured"].Name}, "chg_new_id_number": {insured}})
		if !p.has("#change-applied") {
			t.Errorf("person change: %d %s", p.status, p.text("#main"))
		}
		// Unit B sees neither unit A's person nor its history.
		bb := f.browser()
		bb.login("hr_b")
		if p = bb.get("/changes/person?id_number=" + insured); p.has("#chg_phone") || !p.has("#id-error") {
			t.Errorf("unit B, person form: %s", p.text("#main"))
		}
		if p = bb.get("/changes/history?id_number=" + insured); p.has("#history") {
			t.Errorf("unit B, person history: %s", p.text("#main"))
		}
		if p = bb.get("/changes/history"); p.has("#history") {
			t.Errorf("unit B sees unit A's history")
		}
		p = bb.post("/changes/person", url.Values{"id_number": {insured}, "chg_phone": {"13900000000"}, "chg_name": {"x"}})
		if p.status == http.StatusOK {
			t.Errorf("unit B changed unit A's person")
		}
	})
}

func TestProofPages(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		b := f.browser()
		b.login("hr_a")
		b.get("/proofs/new")
		p := b.post("/proofs", url.Values{"kind": {"person"}, "id_number": {f.person["insured"].IDNumber}})
		code := p.text("#proof-code")
		personHead := p.text("#proof-rows thead")
		qr, _ := p.doc.Find("#proof-qr").Attr("src")
		if p.status != http.StatusOK || len(code) != 24 || !strings.HasPrefix(qr, "data:image/png;base64,") ||
			p.text("#proof-person") != f.person["insured"].Name {
			t.Fatalf("proof page (%d) %s: %s", p.status, p.url, p.text("#main"))
		}
		// Anyone can verify it, without logging in.
		anon := f.browser()
		v := anon.get("/verify?code=" + code)
		if got, _ := v.doc.Find("#verdict").Attr("data-verdict"); got != "valid" || v.status != http.StatusOK ||
			strings.Contains(v.text("#main"), f.person["insured"].IDNumber) {
			t.Errorf("verify: %d %q %s", v.status, got, v.text("#main"))
		}
		changed := []byte(code)
		if changed[0] == 'A' {
			changed[0] = 'B'
		} else {
			changed[0] = 'A'
		}
		v = anon.get("/verify?code=" + string(changed))
		if got, _ := v.doc.Find("#verdict").Attr("data-verdict"); got != "unknown" || v.status != http.StatusNotFound {
			t.Errorf("changed code: %d %q", v.status, got)
		}
		// Unit B cannot open it.
		bb := f.browser()
		bb.login("hr_b")
		if p = bb.get("/proofs/" + code); p.status != http.StatusNotFound {
			t.Errorf("unit B opened unit A's proof: %d", p.status)
		}
		if p = b.post("/proofs", url.Values{"kind": {"unit"}}); !p.has("#proof-code") {
			t.Errorf("unit proof: %s", p.text("#main"))
		}
		// A unit's proof counts person-months, and its insured persons as of
		// its own cut-off month; a person's counts months.
		asOf := p.text("#proof-as-of")
		if head := p.text("#proof-rows thead"); !strings.Contains(head, "人月数") || !strings.Contains(head, "在保人数（"+asOf+"）") {
			t.Errorf("unit proof columns: %q (as of %q)", head, asOf)
		}
		if strings.Contains(personHead, "人月数") || strings.Contains(personHead, "在保人数") || !strings.Contains(personHead, "月数") {
			t.Errorf("person proof columns: %q", personHead)
		}
	})
}

func TestProgressPages(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		b := f.browser()
		b.login("hr_a")
		b.get("/changes/unit")
		form := url.Values{"chg_contact": {"赵六"}, "chg_phone": {"021-66668888"}, "chg_address": {"上海市"},
			"chg_name": {"新名字一"}, "chg_credit_code": {f.unitA.CreditCode}, "chg_reason": {"更名"}}
		p := b.post("/changes/unit", form)
		href, _ := p.doc.Find("#change-review a").Attr("href")
		if !strings.HasSuffix(href, "/progress") {
			t.Fatalf("no review item: %s", p.text("#main"))
		}
		if p = b.get(href); !p.has("#withdraw") || p.doc.Find("#timeline li").Length() != 2 {
			// at-once part and reviewed part are separate items: this one has one event
			if p.doc.Find("#timeline li").Length() != 1 || !p.has("#withdraw") {
				t.Fatalf("progress page: %s", p.text("#main"))
			}
		}
		withdraw := strings.TrimSuffix(href, "/progress") + "/withdraw"
		bb := f.browser()
		bb.login("hr_b")
		if q := bb.get(href); q.status != http.StatusNotFound {
			t.Errorf("unit B sees unit A's item: %d", q.status)
		}
		bb.get("/")
		if q := bb.post(withdraw, url.Values{"confirm": {"1"}}); q.status != http.StatusNotFound {
			t.Errorf("unit B withdrew unit A's item: %d", q.status)
		}
		// Without the confirmation's field, the confirmation is asked.
		p = b.post(withdraw, url.Values{})
		if !p.has("#withdraw-yes") || p.has("#status") {
			t.Fatalf("withdrawal without confirmation: %s", p.text("#main"))
		}
		p = b.post(withdraw, url.Values{"confirm": {"1"}})
		if st, _ := p.doc.Find("#status").Attr("data-status"); st != "withdrawn" || p.has("#withdraw") {
			t.Errorf("after withdrawal: %q %s", st, p.text("#main"))
		}
		if p = b.post(withdraw, url.Values{"confirm": {"1"}}); p.status != http.StatusConflict || !p.has("#form-error") {
			t.Errorf("withdrawn twice: %d", p.status)
		}
	})
}

func TestHomeShowsDecisions(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		b := f.browser()
		b.login("hr_a")
		b.get("/changes/unit")
		p := b.post("/changes/unit", url.Values{"chg_contact": {"赵六"}, "chg_phone": {"021-66668888"},
			"chg_address": {"上海市"}, "chg_name": {"新名字二"}, "chg_credit_code": {f.unitA.CreditCode}, "chg_reason": {"更名"}})
		if !p.has("#change-review") {
			t.Fatalf("no review item: %s", p.text("#main"))
		}
		if p = b.get("/"); p.has("#decisions") {
			t.Errorf("decisions before any decision")
		}
		rv := f.browser()
		rv.login("reviewer")
		q := rv.get("/review")
		href, _ := q.doc.Find(`a[href^="/review/"]`).First().Attr("href")
		rv.get(href)
		if q = rv.post(href, url.Values{"action": {"return"}, "reason": {"请附营业执照"}}); q.url.Path != "/review" {
			t.Fatalf("return: at %s (%d): %s", q.url, q.status, q.text("#form-error, #error-message"))
		}
		p = b.get("/")
		if !p.has("#decisions") || !strings.Contains(p.text("#decisions"), "请附营业执照") {
			t.Fatalf("home: %s", p.text("#main"))
		}
		if bb := f.browser(); bb.login("hr_b").has("#decisions") {
			t.Errorf("unit B sees unit A's decisions")
		}
		upto, _ := p.doc.Find(`#decisions input[name="upto"]`).Attr("value")
		if p = b.post("/decisions/seen", url.Values{"upto": {upto}}); p.has("#decisions") {
			t.Errorf("still shown after marking seen")
		}
	})
}

func TestIDCheckStep(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		b := f.browser()
		b.login("hr_a")
		p := b.get("/check-id?type=enroll&id_number=" + legacyID)
		if !p.has("#id-legacy") || p.has("#continue") {
			t.Errorf("legacy: %s", p.text("#main"))
		}
		if p = b.get("/check-id?type=enroll&id_number=" + malformedID); !p.has("#id-error") {
			t.Errorf("malformed: %s", p.text("#main"))
		}
		id := f.person["new"].IDNumber
		if p = b.get("/check-id?type=enroll&id_number=" + strings.ToLower(id)); !p.has("#continue") {
			t.Fatalf("valid: %s", p.text("#main"))
		}
		p = b.post("/items/new", url.Values{"type": {"enroll"}, "id_number": {id}, "action": {"edit"}})
		if v, _ := p.doc.Find("#id_number").Attr("value"); v != id || !p.has("#wage") {
			t.Errorf("form after the check: %q %s", v, p.text("#main"))
		}
	})
}
