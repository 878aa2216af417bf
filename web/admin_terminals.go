package web

import (
	"net/http"

	"shebao"
	"shebao/admin"
)

// terminalsData is the kiosk terminals page. Only hashes of the terminals'
// secrets are stored: the enrolment URL is shown once, in the answer to the
// POST that made the secret (a new terminal, or a regenerated secret).
type terminalsData struct {
	formState
	Rows      []shebao.Terminal
	Code      string
	Name      string
	Location  string
	Created   string // the code of the terminal whose URL is shown
	EnrollURL string
}

// adminTerminals lists the kiosk terminals and the new terminal form
// (GET /admin/terminals).
func (h *handler) adminTerminals(w http.ResponseWriter, r *http.Request, u user) error {
	return h.renderTerminals(w, r, u, http.StatusOK, terminalsData{})
}

func (h *handler) renderTerminals(w http.ResponseWriter, r *http.Request, u user, status int, d terminalsData) error {
	ts, err := h.svc.Admin.Terminals(r.Context(), u.Actor)
	if err != nil {
		return err
	}
	d.Rows = ts
	v := h.userView(r, u, "office.admin.terminals")
	v.Data = d
	return h.render(w, r, status, "admin_terminals", v)
}

// enrollURL is the absolute enrolment URL of a terminal's secret.
func enrollURL(r *http.Request, code, secret string) string {
	base := "https://" + r.Host
	if r.TLS == nil {
		base = "http://" + r.Host
	}
	return base + admin.EnrollPath(code, secret)
}

// adminTerminalCreate registers a terminal (POST /admin/terminals) and
// shows its enrolment URL this once.
func (h *handler) adminTerminalCreate(w http.ResponseWriter, r *http.Request, u user) error {
	var d terminalsData
	var err error
	if d.Code, err = text(r, "code", maxField); err == nil {
		if d.Name, err = text(r, "name", 100); err == nil {
			d.Location, err = text(r, "location", 100)
		}
	}
	var t shebao.Terminal
	var secret string
	if err == nil {
		t, secret, err = h.svc.Admin.CreateTerminal(r.Context(), u.Actor, d.Code, d.Name, d.Location)
	}
	if err != nil {
		if !d.setError(h.lang(r), err, "code", "name", "location") {
			return err
		}
		return h.renderTerminals(w, r, u, http.StatusUnprocessableEntity, d)
	}
	return h.renderTerminals(w, r, u, http.StatusOK, terminalsData{Created: t.Code, EnrollURL: enrollURL(r, t.Code, secret)})
}

// adminTerminalSecret gives a terminal a new secret (POST
// /admin/terminals/{code}/secret) and shows its enrolment URL this once: the
// kiosk enrolled before stops being one until it is enrolled again.
func (h *handler) adminTerminalSecret(w http.ResponseWriter, r *http.Request, u user) error {
	t, secret, err := h.svc.Admin.RegenerateSecret(r.Context(), u.Actor, r.PathValue("code"))
	if err != nil {
		return err
	}
	return h.renderTerminals(w, r, u, http.StatusOK, terminalsData{Created: t.Code, EnrollURL: enrollURL(r, t.Code, secret)})
}
