package web

import (
	"net/http"
	"strconv"

	"shebao"
	"shebao/declaration"
)

// undeclaredData is the staff list of units that have not declared.
type undeclaredData struct {
	formState
	List    declaration.Undeclared
	Applied string // how many rule declarations the last action wrote
}

// undeclared lists the units that have not declared every insured
// employee for the current window (GET /declaration/undeclared, staff).
func (h *handler) undeclared(w http.ResponseWriter, r *http.Request, u user) error {
	return h.renderUndeclared(w, r, u, http.StatusOK, undeclaredData{Applied: r.URL.Query().Get("applied")})
}

func (h *handler) renderUndeclared(w http.ResponseWriter, r *http.Request, u user, status int, d undeclaredData) error {
	var err error
	if d.List, err = h.svc.Declaration.Undeclared(r.Context(), u.Actor); err != nil {
		return err
	}
	v := h.userView(r, u, "decl.undeclared.title")
	v.Data = d
	return h.render(w, r, status, "declaration_undeclared", v)
}

// undeclaredApply applies the undeclared rule after the deadline
// (POST /declaration/undeclared/apply, clerks and admins).
func (h *handler) undeclaredApply(w http.ResponseWriter, r *http.Request, u user) error {
	n, err := h.svc.Declaration.ApplyRule(r.Context(), u.Actor)
	if shebao.ErrorCode(err) == shebao.EREFUSED {
		var d undeclaredData
		d.setError(h.lang(r), err)
		return h.renderUndeclared(w, r, u, http.StatusUnprocessableEntity, d)
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/declaration/undeclared?applied="+strconv.Itoa(n), http.StatusSeeOther)
	return nil
}
