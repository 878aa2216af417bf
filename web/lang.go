package web

import (
	"net/http"
	"net/url"
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

// localPath is the one check of every "next" redirect: it returns next when
// it is a path on this site, or "/", so that no redirect leaves the site.
// next is first read as a browser reads a URL (the WHATWG URL standard):
// tabs and line breaks are removed wherever they are, leading and trailing
// control characters and spaces are dropped, and a backslash counts as a
// slash. What is left must start with one slash ("//host" and "/\host" go
// to another site), hold no control character, and parse as a bare path.
func localPath(next string) string {
	if len(next) > 512 {
		return "/"
	}
	next = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, next)
	next = strings.TrimFunc(next, func(r rune) bool { return r <= ' ' })
	slashed := strings.ReplaceAll(next, "\\", "/")
	if !strings.HasPrefix(slashed, "/") || strings.HasPrefix(slashed, "//") {
		return "/"
	}
	for _, r := range next {
		if r < ' ' || r == 0x7f {
			return "/"
		}
	}
	u, err := url.Parse(slashed)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || !strings.HasPrefix(u.Path, "/") {
		return "/"
	}
	return slashed
}
