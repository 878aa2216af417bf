package web

import (
	"net/http"
	"strconv"

	"shebao/billing"
)

// contributionsData is the data of a person's contribution history page.
type contributionsData struct {
	History billing.History
	Months  []contributionsMonth
	// Sums of the months shown by what they are for the unit (paid, owed,
	// live), and all together.
	Totals billing.HistoryTotals
	All    billing.Charges
}

// contributionsMonth is one month of the history with its lines explained.
type contributionsMonth struct {
	billing.HistoryMonth
	View billPerson
}

// contributions shows a person's contribution history (GET
// /persons/{id}/contributions): operators see their own unit's months of
// their own unit's people only.
func (h *handler) contributions(w http.ResponseWriter, r *http.Request, u user) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return errNotFound
	}
	hist, err := h.svc.Billing.History(r.Context(), u.Actor, id)
	if err != nil {
		return err
	}
	d := contributionsData{History: hist}
	for _, m := range hist.Months {
		d.Months = append(d.Months, contributionsMonth{HistoryMonth: m, View: explainMonth(m.PersonMonth)})
	}
	d.Totals = hist.Totals()
	d.All = d.Totals.All()
	v := h.userView(r, u, "billing.history.title")
	v.Data = d
	return h.render(w, r, http.StatusOK, "contributions", v)
}
