package web

import (
	"crypto/rand"
	"net/http"

	"shebao"
	"shebao/catalogue"
	"shebao/changes"
)

// personChangeData is the person information change page: the ID step,
// then the form prefilled with the person's values, and its outcome.
type personChangeData struct {
	formState
	Step   idStep
	Person shebao.Person // ID 0 on the ID step
	Form   changes.PersonRequest
	Result *changes.Result
}

// personChangeFields are the form's fields, for placing messages.
var personChangeFields = []string{"chg_phone", "chg_address", "chg_name", "chg_new_id_number", "chg_post_category", "chg_reason"}

// personChangeForm shows the ID step (GET /changes/person) and, once the
// number names a person insured by the unit, the form.
func (h *handler) personChangeForm(w http.ResponseWriter, r *http.Request, u user) error {
	if err := onlyOperators(u); err != nil {
		return err
	}
	d := personChangeData{Step: h.checkIDStep(r, u, "/changes/person")}
	if d.Step.Check.OK {
		p, err := h.svc.Changes.Person(r.Context(), u.Actor, 0, d.Step.Check.Number)
		if err != nil {
			if err := h.refuse(r, &d.Step, err); err != nil {
				return err
			}
		} else {
			d.Person = p
			d.Form = changes.PersonRequest{IDNumber: p.IDNumber, Phone: p.Phone, Address: p.Address,
				Name: p.Name, NewIDNumber: p.IDNumber, ClientKey: rand.Text()}
		}
	}
	return h.renderPersonChange(w, r, u, http.StatusOK, d)
}

// personChangePost applies phone and address at once and sends
// corrections to review (POST /changes/person).
func (h *handler) personChangePost(w http.ResponseWriter, r *http.Request, u user) error {
	if err := onlyOperators(u); err != nil {
		return err
	}
	id, err := required(r, "id_number", maxField)
	if err != nil {
		return err
	}
	p, err := h.svc.Changes.Person(r.Context(), u.Actor, 0, id)
	if err != nil {
		return err
	}
	d := personChangeData{Person: p}
	f := &d.Form
	f.IDNumber = p.IDNumber
	for name, dst := range map[string]*string{"chg_phone": &f.Phone, "chg_address": &f.Address,
		"chg_name": &f.Name, "chg_new_id_number": &f.NewIDNumber} {
		if *dst, err = text(r, name, 200); err != nil {
			return h.personChangeError(w, r, u, d, err)
		}
	}
	f.PostCategory = shebao.PostCategory(r.PostForm.Get("chg_post_category"))
	if f.Reason, err = text(r, "chg_reason", 500); err != nil {
		return h.personChangeError(w, r, u, d, err)
	}
	if f.ClientKey, err = text(r, "client_key", catalogue.MaxClientKey); err != nil {
		return h.personChangeError(w, r, u, d, err)
	}
	res, err := h.svc.Changes.ChangePerson(r.Context(), u.Actor, *f)
	if err != nil {
		return h.personChangeError(w, r, u, d, err)
	}
	d.Result, f.ClientKey = &res, rand.Text() // the form shown again is a new change
	if d.Person, err = h.svc.Changes.Person(r.Context(), u.Actor, 0, p.IDNumber); err != nil {
		return err
	}
	return h.renderPersonChange(w, r, u, http.StatusOK, d)
}

func (h *handler) personChangeError(w http.ResponseWriter, r *http.Request, u user, d personChangeData, err error) error {
	if !d.setError(h.lang(r), err, personChangeFields...) {
		return err
	}
	return h.renderPersonChange(w, r, u, http.StatusUnprocessableEntity, d)
}

func (h *handler) renderPersonChange(w http.ResponseWriter, r *http.Request, u user, status int, d personChangeData) error {
	v := h.userView(r, u, "change.person.title")
	v.Data = d
	return h.render(w, r, status, "person_change", v)
}
