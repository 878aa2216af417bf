package api_test

import (
	"net/http"
	"testing"

	"shebao"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

// notesOut is the notes of a preview or an item.
type notesOut struct {
	Notes struct {
		LegacyIDMasked string `json:"legacy_id_number_masked"`
		Late           *struct {
			Deadline string `json:"deadline"`
			DaysLate int    `json:"days_late"`
			Message  string `json:"message"`
		} `json:"late_enrollment"`
	} `json:"notes"`
	Status string `json:"status"`
}

// TestNotesOfItems: the API tells what the pages tell: a late enrollment
// (art. 58) on the preview and the item, and a legacy ID number a clerk
// typed, converted; an operator's legacy number is sent to the counter.
func TestNotesOfItems(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ta := newTestAPI(t, db)
		legacy := ta.fx.alice.IDNumber[:6] + ta.fx.alice.IDNumber[8:17]
		opa := ta.login("opa")
		body := enroll(ta.fx.alice, 800_000)
		body["id_number"] = legacy
		wantError(t, ta.call("POST", "/api/v1/items/preview", opa, body), http.StatusBadRequest, shebao.ReasonIDLegacy, "id_number")

		clerk := ta.login("clerk")
		body["unit_id"] = ta.fx.unitA.ID
		pv := decode[notesOut](t, ta.call("POST", "/api/v1/items/preview", clerk, body), http.StatusOK)
		if pv.Notes.LegacyIDMasked != shebao.MaskIDNumber(legacy) || pv.Notes.Late != nil {
			t.Fatalf("clerk's preview notes: %+v", pv.Notes)
		}
		it := decode[notesOut](t, ta.call("POST", "/api/v1/items", clerk, body), http.StatusCreated)
		if it.Status != "approved" || it.Notes.LegacyIDMasked != shebao.MaskIDNumber(legacy) {
			t.Fatalf("clerk's item: %s %+v", it.Status, it.Notes)
		}

		// Carol started on 18 June: enrolled on 27 July she is 9 days late.
		ta.at(shebao.NewDate(2026, 7, 27))
		opa = ta.login("opa")
		pv = decode[notesOut](t, ta.call("POST", "/api/v1/items/preview", opa, enroll(ta.fx.carol, 800_000)), http.StatusOK)
		if pv.Notes.Late == nil || pv.Notes.Late.DaysLate != 9 || pv.Notes.Late.Deadline != "2026-07-18" || pv.Notes.Late.Message == "" {
			t.Fatalf("late preview: %+v", pv.Notes.Late)
		}
		it = decode[notesOut](t, ta.call("POST", "/api/v1/items", opa, enroll(ta.fx.carol, 800_000)), http.StatusCreated)
		if it.Status != "approved" || it.Notes.Late == nil || it.Notes.Late.DaysLate != 9 {
			t.Fatalf("late item: %s %+v", it.Status, it.Notes.Late)
		}
	})
}
