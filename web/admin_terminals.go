package web

import (
	"net/http"

	"shebao"
	"shebao/admin"
)

// terminalRow is a kiosk terminal with its enrolment URL.
type terminalRow struct {
	shebao.Terminal
	EnrollURL string
}

// terminalsData is the kiosk terminals page.
type terminalsData struct {
	formState
	Rows     []terminalRow
	Code     string
	Name     string
	Location string
	Created  string
}

// adminTerminals lists the kiosk terminals with their enrolment URLs and
// the new terminal form (GET /admin/terminals).
func (h *handler) adminTerminals(w http.ResponseWriter, r *http.Request, u user) error {
	created, err := text(r, "created", maxField)
	if err != nil {
		return err
	}
	return h.renderTerminals(w, r, u, http.StatusOK, terminalsData{Created: created})
}

func (h *handler) renderTerminals(w http.ResponseWriter, r *http.Request, u user, status int, d terminalsData) error {
	ts, err := h.svc.Admin.Terminals(r.Context(), u.Actor)
	if err != nil {
		return err
	}
	base := "https://" + r.Host
	if r.TLS == nil {
		base = "http://" + r.Host
	}
	for _, t := range ts {
		d.Rows = append(d.Rows, terminalRow{Terminal: t, EnrollURL: base + admin.EnrollPath(t)})
	}
	v := h.userView(r, u, "office.admin.terminals")
	v.Data = d
	return h.render(w, r, status, "admin_terminals", v)
}

// adminTerminalCreate registers a terminal (POST /admin/terminals).
func (h *handler) adminTerminalCreate(w http.ResponseWriter, r *http.Request, u user) error {
	var d terminalsData
	var err error
	if d.Code, err = text(r, "code", maxField); err == nil {
		if d.Name, err = text(r, "name", 100); err == nil {
			d.Location, err = text(r, "location", 100)
		}
	}
	var t shebao.Terminal
	if err == nil {
		t, err = h.svc.Admin.CreateTerminal(r.Context(), u.Actor, d.Code, d.Name, d.Location)
	}
	if err != nil {
		if !d.setError(h.lang(r), err, "code", "name", "location") {
			return err
		}
		return h.renderTerminals(w, r, u, http.StatusUnprocessableEntity, d)
	}
	http.Redirect(w, r, "/admin/terminals?created="+t.Code, http.StatusSeeOther)
	return nil
}
