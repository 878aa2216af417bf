package web

import (
	"net/http"
	"net/url"

	"shebao"
)

// rosterData is the data of the unit's roster of insured employees.
type rosterData struct {
	formState
	Q          string
	CreditCode string // staff: the unit looked at
	Staff      bool
	Unit       shebao.Unit
	Rows       []shebao.RosterEntry
	Pager      pager
}

// roster lists the unit's insured employees (GET /roster?q=&page=); staff
// name the unit by its credit code (credit_code=).
func (h *handler) roster(w http.ResponseWriter, r *http.Request, u user) error {
	d := rosterData{Staff: u.Role.IsStaff()}
	v := h.userView(r, u, "roster.title")
	var err error
	if d.Q, err = text(r, "q", maxField); err != nil {
		return err
	}
	unitID := u.UnitID
	if d.Staff {
		if unitID, err = h.rosterUnit(r, u.Actor, &d); err != nil || unitID == 0 {
			if err != nil && !d.setError(h.lang(r), err, "credit_code") {
				return err
			}
			v.Data = d
			return h.render(w, r, http.StatusOK, "roster", v)
		}
	}
	if d.Unit, err = h.svc.Handling.Unit(r.Context(), u.Actor, unitID); err != nil {
		return err
	}
	page := pageParam(r)
	d.Rows, d.Pager.Total, err = h.svc.Handling.Roster(r.Context(), u.Actor, unitID, d.Q, pageSize, (page-1)*pageSize)
	if err != nil {
		return err
	}
	q := url.Values{}
	if d.Q != "" {
		q.Set("q", d.Q)
	}
	if d.CreditCode != "" {
		q.Set("credit_code", d.CreditCode)
	}
	d.Pager = newPager("/roster", q, page, d.Pager.Total)
	v.Data = d
	return h.render(w, r, http.StatusOK, "roster", v)
}

// rosterUnit finds the unit a member of staff asks for (0 when none yet).
func (h *handler) rosterUnit(r *http.Request, a shebao.Actor, d *rosterData) (int64, error) {
	var err error
	if d.CreditCode, err = text(r, "credit_code", maxField); err != nil || d.CreditCode == "" {
		return 0, err
	}
	unit, err := h.unitByCreditCode(r, a, d.CreditCode)
	return unit.ID, err
}
