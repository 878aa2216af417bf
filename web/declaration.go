package web

import (
	"crypto/rand"
	"net/http"

	"shebao"
	"shebao/declaration"
)

// declarationData is the data of the declaration page and of its result:
// the window, the per-person form's values, and the result once declared.
type declarationData struct {
	formState
	Window     declaration.Window
	Open       bool
	Staff      bool
	CreditCode string
	IDNumber   string
	Name       string
	Wage       string
	ClientKey  string // idempotency key of the form's declaration, made when the form is first shown
	MaxKB      int
	Result     *declaration.Result
}

// declarationFields are the per-person form's fields, for placing messages.
var declarationFields = []string{"credit_code", "id_number", "name", "wage", "file"}

// declarationForm shows the window, the per-person form and the upload
// (GET /declaration).
func (h *handler) declarationForm(w http.ResponseWriter, r *http.Request, u user) error {
	d, err := h.newDeclaration(r, u)
	if err != nil {
		return err
	}
	return h.renderDeclaration(w, r, u, http.StatusOK, d)
}

func (h *handler) newDeclaration(r *http.Request, u user) (declarationData, error) {
	if !canSubmit(u.Role) {
		return declarationData{}, &shebao.Error{Code: shebao.EFORBIDDEN, Reason: shebao.ReasonForbidden}
	}
	win, _, open, err := h.svc.Declaration.CurrentWindow(r.Context())
	if err != nil {
		return declarationData{}, err
	}
	return declarationData{Window: win, Open: open, Staff: u.Role.IsStaff(), ClientKey: rand.Text(),
		MaxKB: declaration.MaxUploadBytes >> 10}, nil
}

// declarationPost declares one employee's wage (POST /declaration) in two
// steps, like an enrollment: action=preview (the form's button) shows what
// declaring would do and writes nothing (declaration.Service.Check);
// action=submit declares (Declare); action=edit shows the form again.
func (h *handler) declarationPost(w http.ResponseWriter, r *http.Request, u user) error {
	d, err := h.newDeclaration(r, u)
	if err != nil {
		return err
	}
	var unitID int64
	if key, _ := text(r, "client_key", declaration.MaxClientKey); key != "" {
		d.ClientKey = key // a double click declares once
	}
	if d.IDNumber, err = text(r, "id_number", maxField); err == nil {
		if d.Name, err = text(r, "name", maxField); err == nil {
			d.Wage, err = text(r, "wage", maxField)
		}
	}
	if err == nil && d.Staff {
		unitID, err = h.declarationUnit(r, u.Actor, &d)
	}
	if err != nil {
		return h.declarationError(w, r, u, d, err)
	}
	entry := declaration.Entry{IDNumber: d.IDNumber, Name: d.Name, Wage: d.Wage, ClientKey: d.ClientKey}
	switch r.PostForm.Get("action") {
	case "edit":
		return h.renderDeclaration(w, r, u, http.StatusOK, d)
	case "submit":
	default:
		return h.declarationPreview(w, r, u, d, unitID, entry)
	}
	res, err := h.svc.Declaration.Declare(r.Context(), u.Actor, unitID, entry)
	if err != nil {
		return h.declarationError(w, r, u, d, err)
	}
	if len(res.Lines) == 0 && len(res.Errors) == 1 {
		// The form's one entry was refused: say so beside its field.
		e := res.Errors[0]
		return h.declarationError(w, r, u, d, shebao.Invalid(columnFields[e.Column], e.Reason, e.Args...))
	}
	return h.renderDeclarationResult(w, r, u, d, res)
}

// declarationPreview shows what declaring the form's entry would do: the
// base, its clamp, the old base, the monthly cost before and after, and the
// unit's bill. A refused entry is shown beside its field, as declaring it
// would show it.
func (h *handler) declarationPreview(w http.ResponseWriter, r *http.Request, u user, d declarationData, unitID int64, e declaration.Entry) error {
	res, err := h.svc.Declaration.Check(r.Context(), u.Actor, unitID, []declaration.Entry{e})
	if err != nil {
		return h.declarationError(w, r, u, d, err)
	}
	if len(res.Lines) == 0 && len(res.Errors) == 1 {
		// The form's one entry would be refused: say so beside its field.
		re := res.Errors[0]
		return h.declarationError(w, r, u, d, shebao.Invalid(columnFields[re.Column], re.Reason, re.Args...))
	}
	d.Result = &res
	v := h.userView(r, u, "decl.preview.title")
	v.Data = d
	return h.render(w, r, http.StatusOK, "declaration_preview", v)
}

// columnFields maps the declaration's columns to the form's fields.
var columnFields = map[string]string{declaration.HeaderIDNumber: "id_number",
	declaration.HeaderName: "name", declaration.HeaderWage: "wage"}

// declarationUnit finds the unit a member of staff declares for.
func (h *handler) declarationUnit(r *http.Request, a shebao.Actor, d *declarationData) (int64, error) {
	var err error
	if d.CreditCode, err = required(r, "credit_code", maxField); err != nil {
		return 0, err
	}
	unit, err := h.unitByCreditCode(r, a, d.CreditCode)
	return unit.ID, err
}

// declarationError shows the page again with the message beside the field
// at fault, or passes errors that are not about the input to the adapter.
func (h *handler) declarationError(w http.ResponseWriter, r *http.Request, u user, d declarationData, err error) error {
	if !d.setError(h.lang(r), err, declarationFields...) {
		return err
	}
	return h.renderDeclaration(w, r, u, http.StatusUnprocessableEntity, d)
}

func (h *handler) renderDeclaration(w http.ResponseWriter, r *http.Request, u user, status int, d declarationData) error {
	v := h.userView(r, u, "decl.title")
	v.Data = d
	return h.render(w, r, status, "declaration", v)
}

func (h *handler) renderDeclarationResult(w http.ResponseWriter, r *http.Request, u user, d declarationData, res declaration.Result) error {
	d.Result = &res
	v := h.userView(r, u, "decl.result.title")
	v.Data = d
	return h.render(w, r, http.StatusOK, "declaration_result", v)
}
