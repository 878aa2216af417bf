package web

import (
	"net/http"
	"strconv"

	"shebao"
	"shebao/admin"
)

// adminHome is the administration's start page (GET /admin).
func (h *handler) adminHome(w http.ResponseWriter, r *http.Request, u user) error {
	if err := onlyRoles(u, shebao.RoleAdmin); err != nil {
		return err
	}
	v := h.userView(r, u, "office.admin.title")
	var d registerData // the readiness panel (admin_register.go)
	var err error
	if d.Checks, d.Ready, err = h.readiness(r, u); err != nil {
		return err
	}
	v.Data = d
	return h.render(w, r, http.StatusOK, "admin", v)
}

// adminUnits lists units by name (GET /admin/units?q=&page=).
func (h *handler) adminUnits(w http.ResponseWriter, r *http.Request, u user) error {
	d, err := h.searchUnits(r, u, "/admin/units", h.svc.Admin.Units)
	if err != nil {
		return err
	}
	v := h.userView(r, u, "office.admin.units")
	v.Data = d
	return h.render(w, r, http.StatusOK, "admin_units", v)
}

// unitFormData is the new unit form.
type unitFormData struct {
	formState
	In        admin.UnitInput
	RiskClass string
}

// unitFields are the new unit form's fields.
var unitFields = []string{"credit_code", "name", "address", "contact", "phone", "industry", "risk_class"}

// adminUnitForm shows the new unit form (GET /admin/units/new).
func (h *handler) adminUnitForm(w http.ResponseWriter, r *http.Request, u user) error {
	if err := onlyRoles(u, shebao.RoleAdmin); err != nil {
		return err
	}
	return h.renderUnitForm(w, r, u, http.StatusOK, unitFormData{RiskClass: "1"})
}

func (h *handler) renderUnitForm(w http.ResponseWriter, r *http.Request, u user, status int, d unitFormData) error {
	v := h.userView(r, u, "office.admin.unit_new")
	v.Data = d
	return h.render(w, r, status, "admin_unit_new", v)
}

// adminUnitCreate creates a unit (POST /admin/units/new).
func (h *handler) adminUnitCreate(w http.ResponseWriter, r *http.Request, u user) error {
	var d unitFormData
	vals := make([]string, len(unitFields))
	var err error
	for i, f := range unitFields {
		if vals[i], err = text(r, f, 200); err != nil {
			break
		}
	}
	d.In = admin.UnitInput{CreditCode: vals[0], Name: vals[1], Address: vals[2], Contact: vals[3],
		Phone: vals[4], Industry: vals[5], LicenceChecked: r.PostFormValue("licence_checked") == "1"}
	d.RiskClass = vals[6]
	if err == nil {
		d.In.RiskClass, _ = strconv.Atoi(d.RiskClass)
		var unit shebao.Unit
		if unit, err = h.svc.Admin.CreateUnit(r.Context(), u.Actor, d.In); err == nil {
			http.Redirect(w, r, "/admin/units/"+strconv.FormatInt(unit.ID, 10), http.StatusSeeOther)
			return nil
		}
	}
	if !d.setError(h.lang(r), err, unitFields...) {
		return err
	}
	return h.renderUnitForm(w, r, u, http.StatusUnprocessableEntity, d)
}

// adminUnitData is a unit's administration page.
type adminUnitData struct {
	formState
	Unit      shebao.Unit
	Accounts  []shebao.Account
	Locked    map[int64]bool // the accounts locked out now
	Username  string
	Display   string
	SelfID    int64
	BackToURL string
}

// adminUnit shows a unit with its operators (GET /admin/units/{id}).
func (h *handler) adminUnit(w http.ResponseWriter, r *http.Request, u user) error {
	return h.renderAdminUnit(w, r, u, http.StatusOK, adminUnitData{})
}

func (h *handler) renderAdminUnit(w http.ResponseWriter, r *http.Request, u user, status int, d adminUnitData) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if d.Unit, d.Accounts, err = h.svc.Admin.Unit(r.Context(), u.Actor, id); err != nil {
		return err
	}
	d.SelfID, d.BackToURL = u.AccountID, "/admin/units/"+strconv.FormatInt(id, 10)
	d.Locked = h.lockedOf(d.Accounts)
	v := h.userView(r, u, "office.admin.unit")
	v.Data = d
	return h.render(w, r, status, "admin_unit", v)
}

// adminUnitStatus activates or suspends a unit (POST /admin/units/{id}/status).
func (h *handler) adminUnitStatus(w http.ResponseWriter, r *http.Request, u user) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	st := shebao.UnitStatus(r.PostForm.Get("status"))
	if _, err := h.svc.Admin.SetUnitStatus(r.Context(), u.Actor, id, st); err != nil {
		return err
	}
	http.Redirect(w, r, "/admin/units/"+strconv.FormatInt(id, 10), http.StatusSeeOther)
	return nil
}

// adminOperatorCreate creates an operator account for a unit and shows its
// one-time password (POST /admin/units/{id}/operators).
func (h *handler) adminOperatorCreate(w http.ResponseWriter, r *http.Request, u user) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var d adminUnitData
	if d.Username, err = text(r, "username", maxField); err == nil {
		d.Display, err = text(r, "display_name", maxField)
	}
	var issued admin.Issued
	if err == nil {
		issued, err = h.svc.Admin.CreateOperator(r.Context(), u.Actor, id, d.Username, d.Display)
	}
	if err != nil {
		if !d.setError(h.lang(r), err, "username", "display_name") {
			return err
		}
		return h.renderAdminUnit(w, r, u, http.StatusUnprocessableEntity, d)
	}
	return h.renderIssued(w, r, u, issued, "/admin/units/"+strconv.FormatInt(id, 10))
}
