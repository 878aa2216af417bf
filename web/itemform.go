package web

import (
	"crypto/rand"
	"net/http"
	"strconv"

	"shebao"
	"shebao/billing"
	"shebao/handling"
)

// itemFormData is the data of the item form and of its preview: the values
// as typed (carried through both steps in the form), the field messages and,
// on the preview step, what submitting would do.
type itemFormData struct {
	formState
	Type        shebao.ItemType
	IDNumber    string
	Wage        string
	StopReason  string
	CreditCode  string // staff at the counter: the unit acted for
	ClientKey   string // idempotency key, made when the form is first shown
	Staff       bool
	StopReasons []shebao.StopReason
	Preview     *handling.Preview
	Cost        *billing.Cost // enroll, resume: what the person adds to the unit's monthly bill
}

// itemFields are the fields of the item form, for placing messages.
var itemFields = []string{"type", "id_number", "wage", "stop_reason", "credit_code"}

// itemForm shows an empty item form (GET /items/new?type=enroll|resume|stop).
func (h *handler) itemForm(w http.ResponseWriter, r *http.Request, u user) error {
	if r.URL.Query().Get("type") == "" { // no item chosen yet: the catalogue is where one chooses
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return nil
	}
	d, err := h.newItemForm(r, u)
	if err != nil {
		return err
	}
	d.ClientKey = rand.Text()
	if d.Staff { // the counter's unit page links here with the unit (office.go)
		d.CreditCode, _ = text(r, "credit_code", maxField)
	}
	return h.renderItemForm(w, r, u, http.StatusOK, d)
}

// newItemForm checks the item type and the actor's right to submit items.
func (h *handler) newItemForm(r *http.Request, u user) (itemFormData, error) {
	if !canSubmit(u.Role) {
		return itemFormData{}, &shebao.Error{Code: shebao.EFORBIDDEN, Reason: shebao.ReasonForbidden}
	}
	raw, err := text(r, "type", maxField)
	if err != nil {
		return itemFormData{}, err
	}
	typ, err := shebao.ParseItemType(raw)
	if err != nil {
		return itemFormData{}, err
	}
	return itemFormData{Type: typ, Staff: u.Role.IsStaff(), StopReasons: shebao.StopReasons}, nil
}

// canSubmit reports whether a role may submit items for a unit.
func canSubmit(r shebao.Role) bool {
	return r == shebao.RoleOperator || r == shebao.RoleClerk || r == shebao.RoleAdmin
}

// itemPost handles both steps of the item form (POST /items/new):
// action=preview shows what submitting would do, action=submit submits and
// shows the item, action=edit returns to the form with the values.
func (h *handler) itemPost(w http.ResponseWriter, r *http.Request, u user) error {
	d, err := h.newItemForm(r, u)
	if err != nil {
		return err
	}
	req, err := h.readItem(r, u.Actor, &d)
	action := r.PostForm.Get("action")
	switch {
	case action == "edit":
		d.formState = formState{}
		return h.renderItemForm(w, r, u, http.StatusOK, d)
	case action != "preview" && action != "submit":
		return errBadForm
	case err != nil:
		return h.itemFormError(w, r, u, d, err)
	case action == "preview":
		return h.previewItem(w, r, u, d, req)
	}
	return h.submitItem(w, r, u, d, req)
}

// submitItem submits the request and shows the item it became: the engine
// decides it, a refused request included (an ID number unknown to the
// district is refused and kept, as through the API).
func (h *handler) submitItem(w http.ResponseWriter, r *http.Request, u user, d itemFormData, req handling.Request) error {
	it, err := h.svc.Handling.Submit(r.Context(), u.Actor, req)
	if err != nil {
		return h.itemFormError(w, r, u, d, err)
	}
	http.Redirect(w, r, "/items/"+strconv.FormatInt(it.ID, 10), http.StatusSeeOther)
	return nil
}

// readItem reads the form's values into d and builds the request.
func (h *handler) readItem(r *http.Request, a shebao.Actor, d *itemFormData) (handling.Request, error) {
	req := handling.Request{Type: d.Type}
	var err error
	if d.IDNumber, err = required(r, "id_number", maxField); err != nil {
		return req, err
	}
	req.IDNumber = d.IDNumber
	if d.ClientKey, err = text(r, "client_key", maxField); err != nil {
		return req, err
	}
	if d.ClientKey == "" {
		d.ClientKey = rand.Text()
	}
	req.ClientKey = d.ClientKey
	if d.Type == shebao.ItemStop {
		err = readStop(r, d, &req)
	} else {
		err = readEnroll(r, d, &req)
	}
	if err == nil && d.Staff {
		req.UnitID, err = h.readUnit(r, a, d)
	}
	return req, err
}

// readUnit finds the unit a member of staff acts for by its credit code.
func (h *handler) readUnit(r *http.Request, a shebao.Actor, d *itemFormData) (int64, error) {
	var err error
	if d.CreditCode, err = required(r, "credit_code", maxField); err != nil {
		return 0, err
	}
	u, err := h.unitByCreditCode(r, a, d.CreditCode)
	if err == nil {
		err = actForError(u) // office.go: a suspended unit, said beside the field
	}
	return u.ID, err
}

// unitByCreditCode finds a unit by the credit code a member of staff
// typed; errors name the field credit_code.
func (h *handler) unitByCreditCode(r *http.Request, a shebao.Actor, raw string) (shebao.Unit, error) {
	return h.svc.Counter.UnitByCreditCode(r.Context(), a, raw)
}

// previewItem shows what submitting would do, or why it would be refused.
func (h *handler) previewItem(w http.ResponseWriter, r *http.Request, u user, d itemFormData, req handling.Request) error {
	pv, err := h.svc.Handling.Preview(r.Context(), u.Actor, req)
	if err != nil {
		return h.itemFormError(w, r, u, d, err)
	}
	return h.renderPreview(w, r, u, d, pv)
}

func (h *handler) renderPreview(w http.ResponseWriter, r *http.Request, u user, d itemFormData, pv handling.Preview) error {
	d.Preview = &pv
	d.Cost = h.monthlyCost(r, pv)
	v := h.userView(r, u, "item.preview.title")
	v.Data = d
	return h.render(w, r, http.StatusOK, "item_preview", v)
}

// itemFormError shows the form again with the message beside the field at
// fault, or passes errors that are not about the input to the adapter.
func (h *handler) itemFormError(w http.ResponseWriter, r *http.Request, u user, d itemFormData, err error) error {
	if shebao.ErrorCode(err) != shebao.EINVALID || !d.setError(h.lang(r), err, itemFields...) {
		return err
	}
	return h.renderItemForm(w, r, u, http.StatusUnprocessableEntity, d)
}

func (h *handler) renderItemForm(w http.ResponseWriter, r *http.Request, u user, status int, d itemFormData) error {
	v := h.userView(r, u, "item.new."+string(d.Type))
	v.Data = d
	return h.render(w, r, status, "item_form", v)
}
