package web

import (
	"crypto/subtle"
	"net/http"
	"strings"

	"shebao"
)

// terminalCookie marks a browser as a kiosk terminal in the office's hall:
// its value is the terminal's code and secret, "HALL-01:secret".
const terminalCookie = "shebao_terminal"

// terminalMaxAge keeps a kiosk enrolled for about ten years.
const terminalMaxAge = 10 * 365 * 24 * 3600

// terminal returns the kiosk terminal the browser is enrolled as, and false
// when it is none (no cookie, an unknown code or a wrong secret).
func (h *handler) terminal(r *http.Request) (shebao.Terminal, bool) {
	c, err := r.Cookie(terminalCookie)
	if err != nil {
		return shebao.Terminal{}, false
	}
	code, secret, ok := strings.Cut(c.Value, ":")
	if !ok {
		return shebao.Terminal{}, false
	}
	return h.checkTerminal(r, code, secret)
}

// checkTerminal looks a terminal up and compares its secret in constant time.
func (h *handler) checkTerminal(r *http.Request, code, secret string) (shebao.Terminal, bool) {
	if code == "" || secret == "" || len(code) > maxField || len(secret) > 256 {
		return shebao.Terminal{}, false
	}
	var t shebao.Terminal
	err := h.svc.Auth.Store.View(r.Context(), func(tx shebao.Tx) error { // moves into auth with the check (security)
		var err error
		t, err = tx.Terminal(r.Context(), code)
		return err
	})
	if err != nil {
		if shebao.ErrorCode(err) != shebao.ENOTFOUND {
			h.log.ErrorContext(r.Context(), "terminal lookup failed", "code", code, "err", err)
		}
		return shebao.Terminal{}, false
	}
	if t.Secret == "" || subtle.ConstantTimeCompare([]byte(t.Secret), []byte(secret)) != 1 {
		return shebao.Terminal{}, false
	}
	return t, true
}

// kioskEnroll enrols this browser as a kiosk terminal
// (GET /kiosk/enroll?code=HALL-01&secret=…) and shows the login page.
func (h *handler) kioskEnroll(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	t, ok := h.checkTerminal(r, q.Get("code"), q.Get("secret"))
	if !ok {
		return &pageError{http.StatusForbidden, "kiosk.enroll_failed"}
	}
	http.SetCookie(w, &http.Cookie{
		Name: terminalCookie, Value: t.Code + ":" + t.Secret, Path: "/", MaxAge: terminalMaxAge,
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
	a, ok := h.svc.Sessions.Actor(r.Context())
	if ok && a.Terminal == "" {
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
