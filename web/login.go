package web

import (
	"net/http"

	"shebao"
	"shebao/session"
)

// loginData is the login page's data.
type loginData struct {
	formState
	Username     string
	Idle         bool   // the previous kiosk session ended for inactivity
	TerminalName string // the kiosk terminal this browser is, if any
}

// loginForm shows the login page (GET /login).
func (h *handler) loginForm(w http.ResponseWriter, r *http.Request) error {
	d := loginData{Idle: r.URL.Query().Get("idle") == "1"}
	return h.renderLogin(w, r, http.StatusOK, d)
}

func (h *handler) renderLogin(w http.ResponseWriter, r *http.Request, status int, d loginData) error {
	v := h.view(r, "login.title")
	if t, ok := h.terminal(r); ok {
		d.TerminalName = t.Name
		v.Terminal = t.Code // kiosk styling, without the idle refresh
	}
	v.Data = d
	return h.render(w, r, status, "login", v)
}

// login checks the username and password (POST /login) and starts a
// session on the channel the browser is on: a kiosk terminal's
// self-service, the counter for staff, online otherwise.
func (h *handler) login(w http.ResponseWriter, r *http.Request) error {
	var d loginData
	lang := h.lang(r)
	username, err := required(r, "username", maxField)
	d.Username = username
	if err == nil {
		var pw string
		if pw, err = secret(r, "password"); err == nil {
			err = h.startSession(r, username, pw)
		}
	}
	if err != nil {
		if !d.setError(lang, err, "username", "password") {
			return err
		}
		return h.renderLogin(w, r, http.StatusUnprocessableEntity, d)
	}
	http.Redirect(w, r, "/", http.StatusSeeOther)
	return nil
}

// startSession logs an account in and starts its session.
func (h *handler) startSession(r *http.Request, username, password string) error {
	ch, terminal := shebao.Online, ""
	if t, ok := h.terminal(r); ok {
		ch, terminal = shebao.SelfService, t.Code
	}
	acc, err := h.svc.Auth.Login(r.Context(), username, password, ch, terminal)
	if err != nil {
		return err
	}
	ch, terminal = shebao.ChannelFor(acc.Role, terminal)
	return h.svc.Sessions.Login(r.Context(), acc, ch, terminal, session.Page)
}

// logout ends the session (POST /logout).
func (h *handler) logout(w http.ResponseWriter, r *http.Request) error {
	if err := h.svc.Sessions.Logout(r.Context()); err != nil {
		return err
	}
	http.Redirect(w, r, "/login", http.StatusSeeOther)
	return nil
}
