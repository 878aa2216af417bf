package web

import (
	"net/http"
	"strings"

	"github.com/alexedwards/scs/v2"

	"shebao"
	"shebao/session"
)

// maxBody bounds every request body: no form of shebao needs more.
const maxBody = 1 << 20

// maxAnonymousBody bounds the body of a public route's request, sent by
// nobody known (the login form): what an anonymous client can make the
// server read and hold. The API has the same bound (api, maxAnonymousBody).
const maxAnonymousBody = 16 << 10

// bodyLimit is maxBody, or batchBodyLimit for a batch upload (batch.go)
// and a collection result file (10 MB, as on the API).
func bodyLimit(r *http.Request) int64 {
	if r.Method == http.MethodPost && (r.URL.Path == "/batches" || r.URL.Path == "/collection/results") {
		return batchBodyLimit
	}
	if r.Method == http.MethodPost && r.URL.Path == "/admin/register" {
		return registerBodyLimit
	}
	return maxBody
}

// handlerFunc is a page handler that returns its error to the adapter.
type handlerFunc func(w http.ResponseWriter, r *http.Request) error

// actorFunc is a page handler behind login: it gets the logged-in user.
type actorFunc func(w http.ResponseWriter, r *http.Request, u user) error

// user is who is logged in: the session's actor and its account (what a
// session is judged and acts by: session.Store.FindAccount; no password
// hash, display name, login failures or lock).
type user struct {
	shebao.Actor
	Account shebao.Account
}

// middleware wraps the route table with what every request gets: security
// headers, a body limit, cross-origin protection and the session.
func (h *handler) middleware(next http.Handler) http.Handler {
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.fail(w, r, errCSRF)
	}))
	inner := h.svc.Sessions.LoadAndSave(cop.Handler(next))
	return h.recoverPanics(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hd := w.Header()
		hd.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
		hd.Set("X-Frame-Options", "DENY")
		hd.Set("X-Content-Type-Options", "nosniff")
		hd.Set("Referrer-Policy", "same-origin")
		if !strings.HasPrefix(r.URL.Path, "/static/") {
			// Pages carry personal data: never keep them in a cache.
			hd.Set("Cache-Control", "no-store")
		}
		if h.svc.Sessions.Cookie.Secure {
			hd.Set("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
		}
		if r.Body != nil {
			r.Body = http.MaxBytesReader(w, r.Body, bodyLimit(r))
		}
		inner.ServeHTTP(w, h.withNonce(w, r))
	}))
}

// public adapts a handler open to everyone; its POSTs must carry the CSRF
// token, and its body is bounded by maxAnonymousBody.
func (h *handler) public(fn handlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Body = http.MaxBytesReader(w, r.Body, maxAnonymousBody)
		err := h.checkCSRF(r)
		if err == nil {
			err = checkInput(r)
		}
		if err == nil {
			err = fn(w, r)
		}
		if err != nil {
			h.fail(w, r, err)
		}
	})
}

// private adapts a handler behind login. Without a live session it sends
// the browser to the login page (noting a kiosk idle logout); an account
// that must change its password can reach the password page only.
func (h *handler) private(fn actorFunc) http.Handler { return h.behindLogin(fn, false) }

// upload adapts a handler behind login whose request carries a file: once
// the login is checked, and before the body is read (the CSRF check parses
// it), the request enters the uploads' admission (sheet.Admission, shared
// with the API) and leaves it when answered. A request that waits too long
// is answered 503 with the message UPLOAD_BUSY.
func (h *handler) upload(fn actorFunc) http.Handler { return h.behindLogin(fn, true) }

func (h *handler) behindLogin(fn actorFunc, admit bool) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u, err := h.user(r)
		if err == nil && admit {
			var leave func()
			if leave, err = h.svc.Uploads.Enter(r.Context()); err == nil {
				defer leave()
			}
		}
		if err == nil {
			err = h.checkCSRF(r)
		}
		if err == nil {
			err = checkInput(r)
		}
		if err == nil && u.Account.MustChange && r.URL.Path != "/password" {
			http.Redirect(w, r, "/password", http.StatusSeeOther)
			return
		}
		if err == nil {
			err = fn(w, r, u)
		}
		if err != nil {
			h.fail(w, r, err)
		}
	})
}

// user returns the logged-in user as the account is now, read with the
// session by one statement (auth.Current: its current role; a session of an
// earlier generation has ended), or an
// EUNAUTHORIZED error: errIdle when a kiosk session has just been ended for
// inactivity.
func (h *handler) user(r *http.Request) (user, error) {
	ctx := r.Context()
	live, ok := h.svc.Sessions.Actor(ctx, session.Page)
	if !ok {
		if h.svc.Sessions.Status(ctx) == scs.Destroyed {
			return user{}, errIdle
		}
		return user{}, errLogin
	}
	a, acc, err := h.svc.Auth.Current(live.Actor, live.Generation, live.Account)
	if err != nil {
		if shebao.ErrorCode(err) == shebao.EUNAUTHORIZED {
			_ = h.svc.Sessions.Logout(ctx)
		}
		return user{}, err
	}
	return user{Actor: a, Account: acc}, nil // Current puts a on its channel (shebao.ChannelFor)
}
