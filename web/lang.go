package web

import (
	"net/http"
	"strings"

	"shebao/i18n"
)

// langCookie holds the chosen language; without it pages are in Chinese.
const langCookie = "shebao_lang"

// lang returns the language of the request's pages.
func (h *handler) lang(r *http.Request) i18n.Lang {
	if c, err := r.Cookie(langCookie); err == nil {
		return i18n.Parse(c.Value)
	}
	return i18n.Default
}

// switchLang sets the language cookie (GET /lang?to=en&next=/items) and
// returns to the page the switch was clicked on.
func (h *handler) switchLang(w http.ResponseWriter, r *http.Request) error {
	lang := i18n.Parse(r.URL.Query().Get("to"))
	http.SetCookie(w, &http.Cookie{
		Name: langCookie, Value: string(lang), Path: "/", MaxAge: 365 * 24 * 3600,
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: h.svc.Sessions.Cookie.Secure,
	})
	http.Redirect(w, r, localPath(r.URL.Query().Get("next")), http.StatusSeeOther)
	return nil
}

// localPath returns next when it is a path on this site, or "/": the
// switch must not become an open redirect.
func localPath(next string) string {
	if len(next) > 512 || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") ||
		strings.ContainsAny(next, "\\\r\n") {
		return "/"
	}
	return next
}
