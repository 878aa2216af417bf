package api

import (
	"context"
	"fmt"
	"net/http"
	"strings"

	"shebao"
	"shebao/session"
)

// authenticate loads the session of the request's bearer token with its
// account as stored now, by one statement (session.Manager.Bearer), and
// returns the request carrying both, with the actor it acts as.
// auth.Current gives the actor the account's role and unit as stored now,
// and refuses a disabled account or a token of an earlier generation (a
// password change, a reset or a role change ended it). A page session's
// cookie value is no bearer token: only sessions made by the API's login
// are accepted. The session is committed only when Actor refreshed its
// idle clock (at most once a minute: a request that only reads writes
// nothing else).
// Routes that need ready refuse an account whose password must change.
func (s *server) authenticate(r *http.Request, need access) (*http.Request, shebao.Actor, error) {
	token, err := s.bearerToken(r)
	if err != nil {
		return r, shebao.Actor{}, err
	}
	ctx, err := s.svc.Sessions.Bearer(r.Context(), token)
	if err != nil {
		return r, shebao.Actor{}, fmt.Errorf("api: load session: %w", err)
	}
	live, ok := s.svc.Sessions.Actor(ctx, session.Bearer)
	if !ok {
		return r, shebao.Actor{}, errNotLoggedIn()
	}
	a, acc, err := s.svc.Auth.Current(live.Actor, live.Generation, live.Account)
	if shebao.ErrorCode(err) == shebao.EUNAUTHORIZED {
		_ = s.svc.Sessions.Destroy(ctx)
		return r, shebao.Actor{}, err
	}
	if err != nil {
		return r, shebao.Actor{}, err
	}
	if s.svc.Sessions.Modified(ctx) {
		if _, _, err := s.svc.Sessions.Commit(ctx); err != nil {
			return r, shebao.Actor{}, fmt.Errorf("api: commit session: %w", err)
		}
	}
	if acc.MustChange && need == ready {
		return r, shebao.Actor{}, &shebao.Error{Code: shebao.EFORBIDDEN, Reason: shebao.ReasonMustChangePass}
	}
	return r.WithContext(context.WithValue(ctx, accountKey{}, acc)), a, nil
}

type accountKey struct{}

// accountOfRequest returns the caller's account as authenticate read it
// (auth.Current): a handler needs no statement of its own to describe it.
// It holds what a session is judged and acts by (session.Store.FindAccount):
// no password hash, display name, login failures or lock.
func accountOfRequest(r *http.Request) shebao.Account {
	acc, _ := r.Context().Value(accountKey{}).(shebao.Account)
	return acc
}

// bearerToken returns the token of the Authorization header. A request that
// carries the web pages' session cookie but no bearer token is refused with
// its own reason: the API never authenticates by cookie (so it needs no CSRF
// defence), and a client that relies on one should learn so plainly.
func (s *server) bearerToken(r *http.Request) (string, error) {
	h := r.Header.Get("Authorization")
	if h == "" {
		if _, err := r.Cookie(s.svc.Sessions.Cookie.Name); err == nil {
			return "", &shebao.Error{Code: shebao.EUNAUTHORIZED, Reason: ReasonBearerRequired}
		}
		return "", errNotLoggedIn()
	}
	scheme, token, ok := strings.Cut(h, " ")
	token = strings.TrimSpace(token)
	if !ok || !strings.EqualFold(scheme, "Bearer") || token == "" || shebao.CheckText("", token, false) != nil {
		return "", errNotLoggedIn() // no token holds invalid UTF-8 or controls (PostgreSQL would refuse the lookup)
	}
	return token, nil
}

func errNotLoggedIn() error {
	return &shebao.Error{Code: shebao.EUNAUTHORIZED, Reason: shebao.ReasonNotLoggedIn}
}
