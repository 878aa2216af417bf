package web

import (
	"net/http"

	"shebao"
)

// idCheckData is the "check this ID number" step before the enrollment,
// resumption and stop forms.
type idCheckData struct {
	Type shebao.ItemType
	Step idStep
}

// idCheck checks an ID number before the operator fills the engine's form
// (GET /check-id?type=enroll|resume|stop&id_number=…): a legacy 15-digit
// number is sent to the counter with what to bring, a malformed one gets
// its message at once, and a good one continues to the form, filled in.
func (h *handler) idCheck(w http.ResponseWriter, r *http.Request, u user) error {
	if !canSubmit(u.Role) {
		return forbidden()
	}
	if r.URL.Query().Get("type") == "" { // as itemForm
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return nil
	}
	typ, err := shebao.ParseItemType(r.URL.Query().Get("type"))
	if err != nil {
		return err
	}
	d := idCheckData{Type: typ, Step: h.checkIDStep(r, u, "/check-id")}
	v := h.userView(r, u, "idstep.title")
	v.Data = d
	return h.render(w, r, http.StatusOK, "id_check", v)
}
