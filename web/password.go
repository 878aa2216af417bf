package web

import (
	"net/http"

	"shebao"
	"shebao/session"
)

// passwordData is the password page's data.
type passwordData struct {
	formState
	MustChange bool
}

// passwordForm shows the password change page (GET /password); an account
// with an office-issued password is sent here until it changes it.
func (h *handler) passwordForm(w http.ResponseWriter, r *http.Request, u user) error {
	return h.renderPassword(w, r, u, http.StatusOK, passwordData{})
}

func (h *handler) renderPassword(w http.ResponseWriter, r *http.Request, u user, status int, d passwordData) error {
	d.MustChange = u.Account.MustChange
	v := h.userView(r, u, "password.title")
	v.Data = d
	return h.render(w, r, status, "password", v)
}

// changePassword changes the password (POST /password).
func (h *handler) changePassword(w http.ResponseWriter, r *http.Request, u user) error {
	var d passwordData
	fields := []string{"old_password", "new_password", "confirm"}
	vals := make([]string, len(fields))
	var err error
	for i, f := range fields {
		if vals[i], err = secret(r, f); err != nil {
			break
		}
	}
	var acc shebao.Account
	if err == nil {
		acc, err = h.svc.Auth.ChangePassword(r.Context(), u.Actor, vals[0], vals[1], vals[2])
	}
	if err != nil {
		if !d.setError(h.lang(r), err, fields...) {
			return err
		}
		return h.renderPassword(w, r, u, http.StatusUnprocessableEntity, d)
	}
	// The change ended every session of the account: this one goes on, on
	// a new token and the account's new generation.
	if err := h.svc.Sessions.Login(r.Context(), acc, u.Channel, u.Terminal, session.Page); err != nil {
		return err
	}
	http.Redirect(w, r, "/?changed=1", http.StatusSeeOther)
	return nil
}
