package web

import (
	"crypto/rand"
	"net/http"

	"shebao"
	"shebao/catalogue"
	"shebao/changes"
)

// unitChangeData is the unit information change form and its outcome.
type unitChangeData struct {
	formState
	Unit    shebao.Unit // as stored now
	Form    changes.UnitRequest
	Result  *changes.Result
	Pending string // receipt of a change already in review, from the error
}

// unitChangeFields are the form's fields, for placing messages.
var unitChangeFields = []string{"chg_contact", "chg_phone", "chg_address", "chg_bank_account",
	"chg_name", "chg_credit_code", "chg_legal_rep", "chg_reason"}

// unitChangeForm shows the unit information change form, prefilled with the
// unit's values (GET /changes/unit).
func (h *handler) unitChangeForm(w http.ResponseWriter, r *http.Request, u user) error {
	if err := onlyOperators(u); err != nil {
		return err
	}
	unit, err := h.svc.Changes.Unit(r.Context(), u.Actor, 0)
	if err != nil {
		return err
	}
	d := unitChangeData{Unit: unit, Form: changes.UnitRequest{Contact: unit.Contact, Phone: unit.Phone,
		Address: unit.Address, BankAccount: unit.BankAccount, Name: unit.Name, CreditCode: unit.CreditCode,
		LegalRep: unit.LegalRep, ClientKey: rand.Text()}}
	return h.renderUnitChange(w, r, u, http.StatusOK, d)
}

// unitChangePost applies the contact details at once and sends the
// identifying details to review (POST /changes/unit).
func (h *handler) unitChangePost(w http.ResponseWriter, r *http.Request, u user) error {
	if err := onlyOperators(u); err != nil {
		return err
	}
	unit, err := h.svc.Changes.Unit(r.Context(), u.Actor, 0)
	if err != nil {
		return err
	}
	d := unitChangeData{Unit: unit}
	f := &d.Form
	for name, dst := range map[string]*string{"chg_contact": &f.Contact, "chg_phone": &f.Phone,
		"chg_address": &f.Address, "chg_bank_account": &f.BankAccount, "chg_name": &f.Name,
		"chg_credit_code": &f.CreditCode, "chg_legal_rep": &f.LegalRep} {
		if *dst, err = text(r, name, 200); err != nil {
			return h.unitChangeError(w, r, u, d, err)
		}
	}
	if f.Reason, err = text(r, "chg_reason", 500); err != nil {
		return h.unitChangeError(w, r, u, d, err)
	}
	if f.ClientKey, err = text(r, "client_key", catalogue.MaxClientKey); err != nil {
		return h.unitChangeError(w, r, u, d, err)
	}
	res, err := h.svc.Changes.ChangeUnit(r.Context(), u.Actor, *f)
	if err != nil {
		return h.unitChangeError(w, r, u, d, err)
	}
	d.Result, f.ClientKey = &res, rand.Text() // the form shown again is a new change
	if d.Unit, err = h.svc.Changes.Unit(r.Context(), u.Actor, 0); err != nil {
		return err
	}
	return h.renderUnitChange(w, r, u, http.StatusOK, d)
}

func (h *handler) unitChangeError(w http.ResponseWriter, r *http.Request, u user, d unitChangeData, err error) error {
	if !d.setError(h.lang(r), err, unitChangeFields...) {
		return err
	}
	return h.renderUnitChange(w, r, u, http.StatusUnprocessableEntity, d)
}

func (h *handler) renderUnitChange(w http.ResponseWriter, r *http.Request, u user, status int, d unitChangeData) error {
	v := h.userView(r, u, "change.unit.title")
	v.Data = d
	return h.render(w, r, status, "unit_change", v)
}
