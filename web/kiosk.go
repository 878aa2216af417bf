package web

import (
	"net/http"
	"strings"

	"shebao"
	"shebao/session"
)

// terminalCookie marks a browser as a kiosk terminal in the office's hall:
// its value is the terminal's code and the token enrolment gave it,
// "HALL-01:token" (never the enrolment secret). Package auth checks both.
const terminalCookie = "shebao_terminal"

// terminalMaxAge keeps a kiosk enrolled for about ten years.
const terminalMaxAge = 10 * 365 * 24 * 3600

// terminal returns the kiosk terminal the browser is enrolled as, and false
// when it is none (no cookie, an unknown code or a wrong token).
func (h *handler) terminal(r *http.Request) (shebao.Terminal, bool) {
	c, err := r.Cookie(terminalCookie)
	if err != nil {
		return shebao.Terminal{}, false
	}
	code, token, ok := strings.Cut(c.Value, ":")
	if !ok {
		return shebao.Terminal{}, false
	}
	t, err := h.svc.Auth.KioskTerminal(r.Context(), code, token)
	if err != nil && shebao.ErrorCode(err) != shebao.EUNAUTHORIZED {
		h.log.ErrorContext(r.Context(), "terminal lookup failed", "code", code, "err", err)
	}
	return t, err == nil
}

// kioskEnroll enrols this browser as a kiosk terminal
// (GET /kiosk/enroll?code=HALL-01&secret=…): the cookie it gets carries a
// new token, not the secret. Then it shows the login page.
func (h *handler) kioskEnroll(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	t, token, err := h.svc.Auth.EnrollTerminal(r.Context(), q.Get("code"), q.Get("secret"))
	if shebao.ErrorCode(err) == shebao.EUNAUTHORIZED {
		return &pageError{http.StatusForbidden, "kiosk.enroll_failed"}
	}
	if err != nil {
		return err
	}
	http.SetCookie(w, &http.Cookie{
		Name: terminalCookie, Value: t.Code + ":" + token, Path: "/", MaxAge: terminalMaxAge,
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: h.svc.Sessions.Cookie.Secure,
	})
	h.log.InfoContext(r.Context(), "kiosk enrolled", "terminal", t.Code)
	http.Redirect(w, r, "/login", http.StatusSeeOther)
	return nil
}

// logoutIdle is where a kiosk page's refresh goes once the kiosk has been
// left alone: a kiosk session ends and the login page says why. Other
// sessions are left alone (a GET must not log them out).
func (h *handler) logoutIdle(w http.ResponseWriter, r *http.Request) error {
	live, ok := h.svc.Sessions.Actor(r.Context(), session.Page)
	if ok && live.Actor.Terminal == "" {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return nil
	}
	if ok {
		if err := h.svc.Sessions.Logout(r.Context()); err != nil {
			return err
		}
	}
	http.Redirect(w, r, "/login?idle=1", http.StatusSeeOther)
	return nil
}

// kioskAlive restarts a kiosk session's idle clock (POST /kiosk/alive): the
// kiosk's script sends it while someone is using the terminal and when they
// press "continue" on the idle countdown. It stores the session's
// last-seen time exactly (session.Manager.Touch), the only thing it writes. The script (field script=1) gets 204; a browser without
// script goes back to the page it came from.
func (h *handler) kioskAlive(w http.ResponseWriter, r *http.Request, u user) error {
	h.svc.Sessions.Touch(r.Context())
	if r.PostForm.Get("script") == "1" {
		w.WriteHeader(http.StatusNoContent)
		return nil
	}
	http.Redirect(w, r, localPath(r.PostForm.Get("next")), http.StatusSeeOther)
	return nil
}
