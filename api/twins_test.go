package api_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	"shebao"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

// The tests of the endpoints that mirror the pages: each through the same
// service call as its page, with the page's refusals.

// wantStatus fails t unless w has status.
func wantStatus(t *testing.T, what string, w *httptest.ResponseRecorder, status int) {
	t.Helper()
	if w.Code != status {
		t.Fatalf("%s: %d, want %d; body: %s", what, w.Code, status, w.Body)
	}
}

// submitBackpay submits a back-pay of June for alice as opa; it waits for
// review.
func (ta *testAPI) submitBackpay(token, key string) itemOut {
	ta.t.Helper()
	body := map[string]any{"id_number": ta.fx.alice.IDNumber, "from": "2026-06", "to": "2026-06", "wage": "5000"}
	w := ta.call("POST", "/api/v1/backpay", token, body, "Idempotency-Key", key)
	out := decode[struct {
		Item itemOut `json:"item"`
	}](ta.t, w, http.StatusCreated)
	if out.Item.Status != "in_review" {
		ta.t.Fatalf("back-pay %s: %s", key, w.Body)
	}
	return out.Item
}

// enroll enrolls alice at unit A as opa.
func (ta *testAPI) enroll(token string) {
	ta.t.Helper()
	w := ta.call("POST", "/api/v1/items", token, map[string]any{"type": "enroll",
		"id_number": ta.fx.alice.IDNumber, "wage_fen": 800000})
	if it := decode[itemOut](ta.t, w, http.StatusCreated); it.Status != "approved" {
		ta.t.Fatalf("enroll: %s", w.Body)
	}
}

// TestProgressReviewAndHistory follows two back-pay items: the unit sees
// the first's timeline and withdraws it; a reviewer finds the second in
// the queue and approves it; the person's contribution history then shows
// the month back-paid. Other units and roles are refused as on the pages.
func TestProgressReviewAndHistory(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ta := newTestAPI(t, db)
		opa, opb, rev := ta.login("opa"), ta.login("opb"), ta.login("rev")
		first := ta.submitBackpay(opa, "bp-1")
		path := fmt.Sprintf("/api/v1/items/%d", first.ID)

		tl := decode[struct {
			Item         itemOut `json:"item"`
			Withdrawable bool    `json:"withdrawable"`
			Events       []struct {
				Status string `json:"status"`
			} `json:"events"`
		}](t, ta.call("GET", path+"/timeline", opa, nil), http.StatusOK)
		if !tl.Withdrawable || len(tl.Events) != 1 || tl.Events[0].Status != "in_review" {
			t.Errorf("timeline: %+v", tl)
		}
		wantStatus(t, "another unit's timeline", ta.call("GET", path+"/timeline", opb, nil), http.StatusNotFound)
		if w := ta.call("POST", path+"/withdraw", opb, nil); w.Code < 400 {
			t.Errorf("another unit withdrew: %d %s", w.Code, w.Body)
		}
		if it := decode[itemOut](t, ta.call("POST", path+"/withdraw", opa, nil), http.StatusOK); it.Status != "withdrawn" {
			t.Errorf("withdrawn: %+v", it)
		}
		wantStatus(t, "withdraw twice", ta.call("POST", path+"/withdraw", opa, nil), http.StatusUnprocessableEntity)

		second := ta.submitBackpay(opa, "bp-2")
		wantError(t, ta.call("GET", "/api/v1/review", opa, nil), http.StatusForbidden, shebao.ReasonForbidden, "")
		q := decode[struct {
			Entries []struct {
				Item itemOut `json:"item"`
			} `json:"entries"`
			Total int `json:"total"`
		}](t, ta.call("GET", "/api/v1/review?type=backpay", rev, nil), http.StatusOK)
		if q.Total != 1 || len(q.Entries) != 1 || q.Entries[0].Item.ID != second.ID {
			t.Fatalf("queue: %+v", q)
		}
		decision := fmt.Sprintf("/api/v1/review/%d/decision", second.ID)
		wantError(t, ta.call("POST", decision, rev, map[string]any{}), http.StatusBadRequest, shebao.ReasonRequired, "approve")
		if w := ta.call("POST", decision, opa, map[string]any{"approve": true}); w.Code != http.StatusForbidden {
			t.Errorf("an operator decided: %d %s", w.Code, w.Body)
		}
		it := decode[itemOut](t, ta.call("POST", decision, rev, map[string]any{"approve": true}), http.StatusOK)
		if it.Status != "approved" {
			t.Errorf("decided: %+v", it)
		}
		if w := ta.call("POST", decision, rev, map[string]any{"approve": false, "reason": "x"}); w.Code < 400 {
			t.Errorf("decided twice: %d %s", w.Code, w.Body)
		}

		history := fmt.Sprintf("/api/v1/persons/%d/contributions", ta.fx.alice.ID)
		h := decode[struct {
			Months []struct {
				Period  string `json:"period"`
				Backpay bool   `json:"backpay"`
				ItemID  int64  `json:"item_id"`
				DueFen  int64  `json:"due_fen"`
			} `json:"months"`
			Totals map[string]struct {
				DueFen int64 `json:"due_fen"`
			} `json:"totals"`
		}](t, ta.call("GET", history, opa, nil), http.StatusOK)
		found, sum := false, int64(0)
		for _, m := range h.Months {
			found = found || (m.Period == "2026-06" && m.Backpay && m.ItemID == second.ID && m.DueFen == 212045)
			sum += m.DueFen
		}
		if !found {
			t.Errorf("history has no back-paid June: %+v", h.Months)
		}
		// The approved back-pay is owed until recorded paid, and the totals
		// add up to the months listed, as on the page.
		tt := h.Totals
		if tt["owed"].DueFen < 212045 || tt["all"].DueFen != sum ||
			tt["paid"].DueFen+tt["owed"].DueFen+tt["live"].DueFen != sum {
			t.Errorf("history totals %+v, months sum to %d", tt, sum)
		}
		wantStatus(t, "another unit's person", ta.call("GET", history, opb, nil), http.StatusNotFound)
	})
}

// TestRetirementAndProofs pre-reviews alice's retirement (once her post
// category is known) and issues proofs
// of unit A and of alice: operators only, for their own unit.
func TestRetirementAndProofs(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ta := newTestAPI(t, db)
		opa, opb, clerk := ta.login("opa"), ta.login("opb"), ta.login("clerk")
		ta.enroll(opa)

		body := map[string]any{"id_number": ta.fx.alice.IDNumber}
		// Alice is a woman whose post category is not known: the page's
		// refusal, then the change the message asks for, reviewed.
		wantError(t, ta.call("POST", "/api/v1/retirement/review", opa, body), http.StatusUnprocessableEntity, "POST_CATEGORY", "")
		c := decode[changeOut](t, ta.call("POST", "/api/v1/changes/person", opa, map[string]any{
			"id_number": ta.fx.alice.IDNumber, "phone": "13800000000", "post_category": "cadre", "reason": "补充岗位类别"}), http.StatusOK)
		if c.Review == nil {
			t.Fatalf("post category change: %+v", c)
		}
		wantStatus(t, "approve", ta.call("POST", fmt.Sprintf("/api/v1/review/%d/decision", c.Review.ID), ta.login("rev"),
			map[string]any{"approve": true}), http.StatusOK)
		rv := decode[struct {
			Item           itemOut `json:"item"`
			Group          string  `json:"group"`
			StatutoryMonth string  `json:"statutory_month"`
			Reached        bool    `json:"reached"`
		}](t, ta.call("POST", "/api/v1/retirement/review", opa, body), http.StatusOK)
		if rv.Item.Type != "retire_review" || rv.Group != "female55" || rv.Reached || rv.StatutoryMonth <= "2045-03" {
			t.Errorf("pre-review: %+v", rv)
		}
		wantError(t, ta.call("POST", "/api/v1/retirement/review", clerk, body), http.StatusForbidden, shebao.ReasonForbidden, "")
		if w := ta.call("POST", "/api/v1/retirement/review", opb, body); w.Code < 400 {
			t.Errorf("another unit's person: %d %s", w.Code, w.Body)
		}

		// A proof counts the months through the last one: a month later,
		// alice's July.
		wantError(t, ta.call("POST", "/api/v1/proofs", opa, map[string]any{"kind": "person", "id_number": ta.fx.alice.IDNumber}),
			http.StatusUnprocessableEntity, "PROOF_NOT_INSURED", "")
		ta.at(today.AddDays(31))
		opa, opb, clerk = ta.login("opa"), ta.login("opb"), ta.login("clerk")
		type proofOut struct {
			Code    string  `json:"code"`
			Kind    string  `json:"kind"`
			Item    itemOut `json:"item"`
			Content struct {
				PersonName string `json:"person_name"`
			} `json:"content"`
		}
		unit := decode[proofOut](t, ta.call("POST", "/api/v1/proofs", opa, map[string]any{"kind": "unit"}), http.StatusCreated)
		person := decode[proofOut](t, ta.call("POST", "/api/v1/proofs", opa,
			map[string]any{"kind": "person", "id_number": ta.fx.alice.IDNumber}), http.StatusCreated)
		if unit.Code == "" || unit.Kind != "unit" || person.Content.PersonName != ta.fx.alice.Name || person.Item.Type != "proof" {
			t.Errorf("proofs: %+v, %+v", unit, person)
		}
		dup := decode[proofOut](t, ta.call("POST", "/api/v1/proofs", opa, map[string]any{"kind": "unit"},
			"Idempotency-Key", "proof-u"), http.StatusCreated)
		if d2 := decode[proofOut](t, ta.call("POST", "/api/v1/proofs", opa, map[string]any{"kind": "unit", "client_key": "proof-u"}),
			http.StatusOK); d2.Code != dup.Code {
			t.Errorf("double click issued %s and %s", dup.Code, d2.Code)
		}
		again := decode[proofOut](t, ta.call("GET", "/api/v1/proofs/"+person.Code, opa, nil), http.StatusOK)
		if again.Code != person.Code || again.Content.PersonName != ta.fx.alice.Name {
			t.Errorf("fetched: %+v", again)
		}
		wantStatus(t, "another unit's proof", ta.call("GET", "/api/v1/proofs/"+person.Code, opb, nil), http.StatusNotFound)
		wantError(t, ta.call("POST", "/api/v1/proofs", clerk, map[string]any{"kind": "unit"}), http.StatusForbidden, shebao.ReasonForbidden, "")
		if w := ta.call("POST", "/api/v1/proofs", opb, map[string]any{"kind": "person", "id_number": ta.fx.alice.IDNumber}); w.Code < 400 {
			t.Errorf("another unit's person: %d %s", w.Code, w.Body)
		}
	})
}

// changeOut is the answer of an information change.
type changeOut struct {
	Applied *itemOut `json:"applied"`
	Review  *itemOut `json:"review"`
}

// TestInformationChanges changes unit A's contact (at once) and name (to
// review), and alice's phone and address; nothing to change, another unit's person
// and a clerk are refused.
func TestInformationChanges(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ta := newTestAPI(t, db)
		opa, opb, clerk := ta.login("opa"), ta.login("opb"), ta.login("clerk")
		ta.enroll(opa)

		c := decode[changeOut](t, ta.call("POST", "/api/v1/changes/unit", opa, map[string]any{"contact": "李经理", "phone": "010-62345678", "address": "北京市朝阳区建国路 2 号"}), http.StatusOK)
		if c.Applied == nil || c.Applied.Type != "unit_change" || c.Review != nil {
			t.Errorf("phone: %+v", c)
		}
		rename := map[string]any{"name": "星河新材料有限公司", "reason": "更名", "client_key": "rename-1"}
		c = decode[changeOut](t, ta.call("POST", "/api/v1/changes/unit", opa, rename), http.StatusOK)
		if c.Review == nil || c.Review.Status != "in_review" || c.Applied != nil {
			t.Fatalf("name: %+v", c)
		}
		if c2 := decode[changeOut](t, ta.call("POST", "/api/v1/changes/unit", opa, rename), http.StatusOK); c2.Review == nil || c2.Review.ID != c.Review.ID {
			t.Errorf("double click: %+v", c2)
		}
		if w := ta.call("POST", "/api/v1/changes/unit", opa, map[string]any{}); w.Code != http.StatusBadRequest {
			t.Errorf("nothing changed: %d %s", w.Code, w.Body)
		}
		wantError(t, ta.call("POST", "/api/v1/changes/unit", clerk, map[string]any{"phone": "1"}), http.StatusForbidden, shebao.ReasonForbidden, "")

		body := map[string]any{"id_number": ta.fx.alice.IDNumber, "phone": "13800000000", "address": "北京市朝阳区建国路 1 号"}
		c = decode[changeOut](t, ta.call("POST", "/api/v1/changes/person", opa, body), http.StatusOK)
		if c.Applied == nil || c.Applied.Type != "person_change" {
			t.Errorf("address: %+v", c)
		}
		if w := ta.call("POST", "/api/v1/changes/person", opb, body); w.Code < 400 {
			t.Errorf("another unit's person: %d %s", w.Code, w.Body)
		}
		wantError(t, ta.call("POST", "/api/v1/changes/person", opa, map[string]any{"phone": "1"}), http.StatusBadRequest, shebao.ReasonRequired, "id_number")
	})
}

// TestDeclaration declares alice's base in July's window: ¥9,000 applies
// from the month the window sets; a bad wage names its field; a reviewer
// may not declare.
func TestDeclaration(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ta := newTestAPI(t, db)
		opa, rev := ta.login("opa"), ta.login("rev")
		ta.enroll(opa)
		body := map[string]any{"id_number": ta.fx.alice.IDNumber, "name": ta.fx.alice.Name, "wage": "9000", "client_key": "d-1"}
		// The preview tells the base and writes nothing, as the page's.
		pv := decode[struct {
			Lines []struct {
				BaseFen int64    `json:"base_fen"`
				Item    *itemOut `json:"item"`
			} `json:"lines"`
		}](t, ta.call("POST", "/api/v1/declarations/preview", opa, body), http.StatusOK)
		if len(pv.Lines) != 1 || pv.Lines[0].BaseFen != 900000 || pv.Lines[0].Item != nil {
			t.Errorf("preview: %+v", pv)
		}
		d := decode[struct {
			FromPeriod string `json:"from_period"`
			Lines      []struct {
				BaseFen int64   `json:"base_fen"`
				Item    itemOut `json:"item"`
			} `json:"lines"`
			OldBillFen int64 `json:"old_bill_fen"`
			NewBillFen int64 `json:"new_bill_fen"`
		}](t, ta.call("POST", "/api/v1/declarations", opa, body), http.StatusCreated)
		if len(d.Lines) != 1 || d.Lines[0].BaseFen != 900000 || d.Lines[0].Item.Type != "declare" ||
			d.FromPeriod == "" || d.NewBillFen <= d.OldBillFen {
			t.Errorf("declaration: %+v", d)
		}
		body["wage"], body["client_key"] = "九千", "d-2"
		if e := decode[errorOut](t, ta.call("POST", "/api/v1/declarations", opa, body), http.StatusBadRequest); e.Error.Field != "wage" {
			t.Errorf("bad wage: %+v", e)
		}
		wantError(t, ta.call("POST", "/api/v1/declarations", rev, body), http.StatusForbidden, shebao.ReasonForbidden, "")
	})
}

// TestCounter has a clerk enroll carol at unit A on the 8th (on the
// counter channel, through POST /items as on the pages), and be refused on
// the 16th, when the counter takes no increase items; then record a social
// security card with its checklist, once for a double click. Operators may
// not work the counter.
func TestCounter(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ta := newTestAPI(t, db)
		opa, clerk := ta.login("opa"), ta.login("clerk")
		body := map[string]any{"type": "enroll", "unit_id": ta.fx.unitA.ID, "id_number": ta.fx.carol.IDNumber, "wage_fen": 800000}
		it := decode[itemOut](t, ta.call("POST", "/api/v1/items", clerk, body), http.StatusCreated)
		if it.Status != "approved" || it.Channel != "counter" {
			t.Errorf("counter enrollment: %+v", it)
		}

		records := fmt.Sprintf("/api/v1/counter/units/%d/records", ta.fx.unitA.ID)
		card := map[string]any{"type": "card", "id_number": ta.fx.carol.IDNumber, "client_key": "card-1",
			"documents": []string{"id_original", "id_copy", "photo"}}
		if w := ta.call("POST", records, clerk, card); w.Code != http.StatusBadRequest {
			t.Errorf("a document missing: %d %s", w.Code, w.Body)
		}
		card["documents"] = []string{"id_original", "id_copy", "photo", "card_form"}
		rec := decode[itemOut](t, ta.call("POST", records, clerk, card), http.StatusCreated)
		if rec.Type != "card" || rec.Status != "approved" || rec.Channel != "counter" {
			t.Errorf("card: %+v", rec)
		}
		again := decode[itemOut](t, ta.call("POST", records, clerk, card), http.StatusOK)
		if again.ID != rec.ID {
			t.Errorf("double click: items %d and %d", rec.ID, again.ID)
		}
		card["id_number"] = ta.fx.alice.IDNumber // the key of carol's card
		wantError(t, ta.call("POST", records, clerk, card), http.StatusConflict, shebao.ReasonKeyReused, "client_key")
		wantError(t, ta.call("POST", records, opa, card), http.StatusForbidden, shebao.ReasonForbidden, "")

		ta.at(today.AddDays(8)) // the 16th
		clerk = ta.login("clerk")
		body["id_number"] = ta.fx.alice.IDNumber
		w := ta.call("POST", "/api/v1/items", clerk, body)
		if it := decode[itemOut](t, w, http.StatusCreated); it.Status != "refused" || it.Channel != "counter" {
			t.Errorf("counter enrollment on the 16th: %s", w.Body)
		}
	})
}
