package web

import (
	"net/http"
	"time"

	"shebao"
	"shebao/changes"
)

// historyData is the field history of the unit, or of one of its persons.
type historyData struct {
	Step    idStep
	Person  shebao.Person // ID 0: the unit's history
	History changes.History
	Rows    []historyRow
	Page    int
	Pages   int
}

// historyRow is one change as shown.
type historyRow struct {
	At              string // office time
	Field, Old, New string
	ItemID          int64
}

// officeTime formats a time in the office's zone for pages.
func officeTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(shebao.Office).Format("2006-01-02 15:04")
}

// historyPerPage is how many changes a history page lists.
const historyPerPage = 50

// history shows the field history (GET /changes/history): the unit's, or
// with ?id_number= a person's insured by the unit.
func (h *handler) history(w http.ResponseWriter, r *http.Request, u user) error {
	if err := onlyOperators(u); err != nil {
		return err
	}
	d := historyData{Step: h.checkIDStep(r, u, "/changes/history"), Page: pageParam(r)}
	off := (d.Page - 1) * historyPerPage
	var err error
	switch {
	case !d.Step.Checked:
		d.History, err = h.svc.Changes.UnitHistory(r.Context(), u.Actor, 0, historyPerPage, off)
	case d.Step.Check.OK:
		d.Person, d.History, err = h.svc.Changes.PersonHistory(r.Context(), u.Actor, 0, d.Step.Check.Number, historyPerPage, off)
		if err != nil {
			err = h.refuse(r, &d.Step, err)
		}
	}
	if err != nil {
		return err
	}
	for _, c := range d.History.Changes {
		d.Rows = append(d.Rows, historyRow{At: officeTime(c.At), Field: c.Field, Old: c.Old, New: c.New, ItemID: c.ItemID})
	}
	d.Pages = (d.History.Total + historyPerPage - 1) / historyPerPage
	v := h.userView(r, u, "history.title")
	v.Data = d
	return h.render(w, r, http.StatusOK, "change_history", v)
}
