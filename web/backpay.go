package web

import (
	"crypto/rand"
	"net/http"
	"strconv"

	"shebao"
	"shebao/backpay"
)

// backpayData is the data of the back-pay form and of its preview: the
// values as typed (carried through both steps), the field messages and, on
// the preview step, the computed quote.
type backpayData struct {
	formState
	Staff      bool
	CreditCode string
	IDNumber   string
	From, To   string
	Wage       string
	ClientKey  string
	Quote      *backpay.Quote
	Documents  []string
}

// backpayFields are the form's fields, for placing messages.
var backpayFields = []string{"credit_code", "id_number", "from", "to", "wage"}

// backpayForm shows an empty back-pay form (GET /backpay).
func (h *handler) backpayForm(w http.ResponseWriter, r *http.Request, u user) error {
	if !canSubmit(u.Role) {
		return &shebao.Error{Code: shebao.EFORBIDDEN, Reason: shebao.ReasonForbidden}
	}
	d := backpayData{Staff: u.Role.IsStaff(), ClientKey: rand.Text()}
	return h.renderBackpayForm(w, r, u, http.StatusOK, d)
}

// backpayPost handles both steps (POST /backpay): action=preview shows the
// amounts, action=submit submits and shows the item, action=edit returns
// to the form with the values.
func (h *handler) backpayPost(w http.ResponseWriter, r *http.Request, u user) error {
	if !canSubmit(u.Role) {
		return &shebao.Error{Code: shebao.EFORBIDDEN, Reason: shebao.ReasonForbidden}
	}
	d := backpayData{Staff: u.Role.IsStaff()}
	req, err := h.readBackpay(r, u.Actor, &d)
	switch action := r.PostForm.Get("action"); {
	case action == "edit":
		return h.renderBackpayForm(w, r, u, http.StatusOK, d)
	case action != "preview" && action != "submit":
		return errBadForm
	case err != nil:
		return h.backpayError(w, r, u, d, err)
	case action == "preview":
		q, err := h.svc.Backpay.Preview(r.Context(), u.Actor, req)
		if err != nil {
			return h.backpayError(w, r, u, d, err)
		}
		return h.renderBackpayPreview(w, r, u, d, q)
	}
	it, q, err := h.svc.Backpay.Submit(r.Context(), u.Actor, req)
	if err != nil {
		return h.backpayError(w, r, u, d, err)
	}
	if it.Status == shebao.StatusRefused && q.Person.ID != 0 {
		return h.renderBackpayPreview(w, r, u, d, q)
	}
	http.Redirect(w, r, "/backpay/items/"+strconv.FormatInt(it.ID, 10), http.StatusSeeOther)
	return nil
}

// readBackpay reads the form's values into d and builds the request.
func (h *handler) readBackpay(r *http.Request, a shebao.Actor, d *backpayData) (backpay.Request, error) {
	var req backpay.Request
	var err error
	read := func(name string, dst *string) {
		if err == nil {
			*dst, err = required(r, name, maxField)
		}
	}
	if d.Staff {
		read("credit_code", &d.CreditCode)
	}
	read("id_number", &d.IDNumber)
	read("from", &d.From)
	read("to", &d.To)
	read("wage", &d.Wage)
	if d.ClientKey, _ = text(r, "client_key", maxField); d.ClientKey == "" {
		d.ClientKey = rand.Text()
	}
	if err != nil {
		return req, err
	}
	req.IDNumber, req.ClientKey = d.IDNumber, d.ClientKey
	if req.From, err = shebao.ParsePeriod(d.From); err != nil {
		return req, shebao.WithField(err, "from")
	}
	if req.To, err = shebao.ParsePeriod(d.To); err != nil {
		return req, shebao.WithField(err, "to")
	}
	if req.Wage, err = shebao.ParseYuan(d.Wage); err != nil {
		return req, shebao.WithField(err, "wage")
	}
	if d.Staff {
		unit, err := h.unitByCreditCode(r, a, d.CreditCode)
		if err != nil {
			return req, err
		}
		req.UnitID = unit.ID
	}
	return req, nil
}

// backpayError shows the form again with the message beside the field at
// fault, or passes errors that are not about the input to the adapter.
func (h *handler) backpayError(w http.ResponseWriter, r *http.Request, u user, d backpayData, err error) error {
	if !d.setError(h.lang(r), err, backpayFields...) {
		return err
	}
	return h.renderBackpayForm(w, r, u, http.StatusUnprocessableEntity, d)
}

func (h *handler) renderBackpayForm(w http.ResponseWriter, r *http.Request, u user, status int, d backpayData) error {
	v := h.userView(r, u, "backpay.title")
	v.Data = d
	return h.render(w, r, status, "backpay", v)
}

func (h *handler) renderBackpayPreview(w http.ResponseWriter, r *http.Request, u user, d backpayData, q backpay.Quote) error {
	d.Quote = &q
	if q.Counter {
		d.Documents = backpay.Documents
	}
	v := h.userView(r, u, "backpay.preview.title")
	v.Data = d
	return h.render(w, r, http.StatusOK, "backpay_preview", v)
}
