package api

import (
	"net/http"

	"shebao"
	"shebao/billing"
)

// contributionsJSON is a person's contribution history, newest period
// first (at most ten years back, up to the current business period).
type contributionsJSON struct {
	PersonID       int64                    `json:"person_id"`
	Name           string                   `json:"name"`
	IDNumberMasked string                   `json:"id_number_masked"`
	Months         []contributionsMonthJSON `json:"months"`
	Totals         historyTotalsJSON        `json:"totals"`
}

// historyTotalsJSON sums the months as the page's totals do
// (billing.History.Totals): paid, owed (what the bill lists as owed), live
// (periods not closed, which may still change) and all of them.
type historyTotalsJSON struct {
	Paid chargesJSON `json:"paid"`
	Owed chargesJSON `json:"owed"`
	Live chargesJSON `json:"live"`
	All  chargesJSON `json:"all"`
}

// chargesJSON is a sum of months: the shares, the late fee and their total.
type chargesJSON struct {
	EmployerFen int64 `json:"employer_fen"`
	EmployeeFen int64 `json:"employee_fen"`
	LateFeeFen  int64 `json:"late_fee_fen"`
	DueFen      int64 `json:"due_fen"`
}

func chargesOf(c billing.Charges) chargesJSON {
	return chargesJSON{EmployerFen: int64(c.Employer), EmployeeFen: int64(c.Employee),
		LateFeeFen: int64(c.LateFee), DueFen: int64(c.Due())}
}

// contributionsMonthJSON is one month at one unit: assessed (lines
// explained as in the bill), or charged by an approved back-pay item at
// the amounts it was quoted (backpay, item_id, late_fee_fen; no lines).
// due_fen is what the month charges: employer, employee and late fee.
type contributionsMonthJSON struct {
	Period      string     `json:"period"`
	UnitID      int64      `json:"unit_id"`
	UnitName    string     `json:"unit_name"`
	Closed      bool       `json:"closed"`
	Backpay     bool       `json:"backpay"`
	ItemID      int64      `json:"item_id"`
	BaseFen     int64      `json:"base_fen"`
	EmployerFen int64      `json:"employer_fen"`
	EmployeeFen int64      `json:"employee_fen"`
	LateFeeFen  int64      `json:"late_fee_fen"`
	DueFen      int64      `json:"due_fen"`
	Lines       []lineJSON `json:"lines"`
}

// contributions answers a person's contribution history, as the page GET
// /persons/{id}/contributions does: an operator sees the own unit's months
// of the own unit's people only.
func (s *server) contributions(w http.ResponseWriter, r *http.Request, a shebao.Actor) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	h, err := s.svc.Billing.History(r.Context(), a, id)
	if err != nil {
		return err
	}
	out := contributionsJSON{PersonID: h.Person.ID, Name: h.Person.Name, IDNumberMasked: maskID(h.Person.IDNumber),
		Months: []contributionsMonthJSON{}}
	for _, m := range h.Months {
		out.Months = append(out.Months, contributionsMonthJSON{Period: m.Period.String(), UnitID: m.UnitID,
			UnitName: m.UnitName, Closed: m.Closed, Backpay: m.Backpay, ItemID: m.ItemID, BaseFen: int64(m.Base),
			EmployerFen: int64(m.Employer), EmployeeFen: int64(m.Employee), LateFeeFen: int64(m.LateFee),
			DueFen: int64(m.Due()), Lines: linesOf(m.Lines)})
	}
	t := h.Totals()
	out.Totals = historyTotalsJSON{Paid: chargesOf(t.Paid), Owed: chargesOf(t.Owed), Live: chargesOf(t.Live),
		All: chargesOf(t.All())}
	s.writeJSON(w, r, http.StatusOK, out)
	return nil
}
