package web

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"net/http"
	"strings"
)

// Forms are protected against cross-site requests twice: net/http's
// cross-origin protection (Sec-Fetch-Site / Origin) and a token in a hidden
// csrf field. A logged-in session keeps its token in the session. Anonymous
// forms (the login page) use no stored session, so that a visit writes
// nothing: a signed double-submit cookie. The browser gets a random nonce in
// an HttpOnly cookie and the form carries HMAC(key, nonce); a POST must
// bring both, matching. The key (Deps.FormKey) is stored in the database
// and made once, so that a login form shown by one instance is accepted by
// another and by the same after a restart. docs/SECURITY.md.
const nonceCookie = "shebao_csrf"

type nonceKey struct{}

// withNonce gives a request without a nonce cookie a new nonce, set on w
// and kept in the request's context for the form the request may render.
func (h *handler) withNonce(w http.ResponseWriter, r *http.Request) *http.Request {
	if c, err := r.Cookie(nonceCookie); err == nil && len(c.Value) >= 16 && len(c.Value) <= 64 {
		return r.WithContext(context.WithValue(r.Context(), nonceKey{}, c.Value))
	}
	if strings.HasPrefix(r.URL.Path, "/static/") {
		return r
	}
	n := rand.Text()
	http.SetCookie(w, &http.Cookie{Name: nonceCookie, Value: n, Path: "/", HttpOnly: true,
		SameSite: http.SameSiteStrictMode, Secure: h.svc.Sessions.Cookie.Secure})
	return r.WithContext(context.WithValue(r.Context(), nonceKey{}, n))
}

// anonymousToken is the csrf field of an anonymous form: HMAC of the nonce.
func (h *handler) anonymousToken(r *http.Request) string {
	n, _ := r.Context().Value(nonceKey{}).(string)
	if n == "" {
		return ""
	}
	m := hmac.New(sha256.New, h.formKey)
	m.Write([]byte("csrf:" + n))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// csrfToken returns the token for the request's forms: the session's when
// logged in, the signed nonce otherwise (no session is made).
func (h *handler) csrfToken(r *http.Request) string {
	if h.svc.Sessions.LoggedIn(r.Context()) {
		return h.svc.Sessions.CSRFToken(r.Context(), rand.Text)
	}
	return h.anonymousToken(r)
}

// checkCSRF checks the hidden csrf field of a POST against csrfToken.
func (h *handler) checkCSRF(r *http.Request) error {
	if r.Method != http.MethodPost {
		return nil
	}
	parse := r.ParseForm
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
		// File uploads (policy import): the csrf field is in the multipart body.
		parse = func() error { return r.ParseMultipartForm(maxBody) }
	}
	if err := parse(); err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			return errTooLarge
		}
		return errBadForm
	}
	got := r.PostForm.Get("csrf")
	want := h.csrfToken(r)
	if got == "" || want == "" || subtle.ConstantTimeCompare([]byte(got), []byte(want)) != 1 {
		return errCSRF
	}
	return nil
}
