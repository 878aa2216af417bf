package api

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"time"

	"shebao"
	"shebao/session"
)

// loginRequest is the body of POST /api/v1/login.
type loginRequest struct {
	Username string           `json:"username"`
	Password string           `json:"password"`
	Terminal *terminalRequest `json:"terminal"`
}

// terminalRequest is a kiosk's proof that it is an enrolled terminal.
type terminalRequest struct {
	Code   string `json:"code"`
	Secret string `json:"secret"`
}

// sessionJSON answers a login and a password change: the bearer token and
// whom it belongs to.
type sessionJSON struct {
	Token     string      `json:"token"`
	TokenType string      `json:"token_type"`
	ExpiresAt string      `json:"expires_at"`
	Channel   string      `json:"channel"`
	Terminal  string      `json:"terminal"`
	Account   accountJSON `json:"account"`
}

type accountJSON struct {
	Username   string `json:"username"`
	Role       string `json:"role"`
	UnitID     int64  `json:"unit_id"`
	MustChange bool   `json:"must_change"`
}

func accountOf(a shebao.Account) accountJSON {
	return accountJSON{Username: a.Username, Role: string(a.Role), UnitID: a.UnitID, MustChange: a.MustChange}
}

// login checks a username and password (and a kiosk's terminal code and
// secret, when given) and starts a session on a new bearer token.
func (s *server) login(w http.ResponseWriter, r *http.Request, _ shebao.Actor) error {
	var req loginRequest
	if err := decodeJSON(w, r, &req); err != nil {
		return err
	}
	if strings.TrimSpace(req.Username) == "" {
		return invalid("username", shebao.ReasonRequired)
	}
	if req.Password == "" {
		return invalid("password", shebao.ReasonRequired)
	}
	ch, terminal := shebao.Online, ""
	if req.Terminal != nil {
		t, err := s.checkTerminal(r.Context(), *req.Terminal)
		if err != nil {
			return err
		}
		ch, terminal = shebao.SelfService, t.Code
	}
	acc, err := s.svc.Auth.Login(r.Context(), req.Username, req.Password, ch, terminal)
	if err != nil {
		return err
	}
	ch, terminal = shebao.ChannelFor(acc.Role, terminal) // staff work on the counter channel here too
	ctx, err := s.svc.Sessions.Load(r.Context(), "")
	if err != nil {
		return fmt.Errorf("api: new session: %w", err)
	}
	if err := s.svc.Sessions.Login(ctx, acc, ch, terminal, session.Bearer); err != nil {
		return fmt.Errorf("api: login session: %w", err)
	}
	out, err := s.commitSession(ctx, acc, ch, terminal)
	if err != nil {
		return err
	}
	s.writeJSON(w, r, http.StatusOK, out)
	return nil
}

// checkTerminal checks a kiosk client's terminal code and secret
// (auth.Service.Terminal: unknown codes and wrong secrets get one answer).
func (s *server) checkTerminal(ctx context.Context, t terminalRequest) (shebao.Terminal, error) {
	if t.Code == "" {
		return shebao.Terminal{}, invalid("terminal.code", shebao.ReasonRequired)
	}
	if t.Secret == "" {
		return shebao.Terminal{}, invalid("terminal.secret", shebao.ReasonRequired)
	}
	return s.svc.Auth.Terminal(ctx, t.Code, t.Secret)
}

// commitSession saves the session in ctx and describes it. Its expiry is
// its idle time from now (a kiosk's short one), which requests push back.
func (s *server) commitSession(ctx context.Context, acc shebao.Account, ch shebao.Channel, terminal string) (sessionJSON, error) {
	token, expiry, err := s.svc.Sessions.Commit(ctx)
	if err != nil {
		return sessionJSON{}, fmt.Errorf("api: commit session: %w", err)
	}
	// The store's expiry runs on the wall clock (scs), not the office's.
	if idle := time.Now().Add(s.svc.Sessions.IdleTime(terminal)); idle.Before(expiry) {
		expiry = idle
	}
	return sessionJSON{Token: token, TokenType: "Bearer", ExpiresAt: timeJSON(expiry),
		Channel: string(ch), Terminal: terminal, Account: accountOf(acc)}, nil
}

// logout ends the session of the bearer token.
func (s *server) logout(w http.ResponseWriter, r *http.Request, _ shebao.Actor) error {
	if err := s.svc.Sessions.Logout(r.Context()); err != nil {
		return fmt.Errorf("api: logout: %w", err)
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// passwordRequest is the body of POST /api/v1/password.
type passwordRequest struct {
	OldPassword string `json:"old_password"`
	NewPassword string `json:"new_password"`
	Confirm     string `json:"confirm"`
}

// changePassword changes the caller's password and, as after a login,
// moves the session to a new token, which it returns: the old token, and
// every other token and page session of the account, stop working.
func (s *server) changePassword(w http.ResponseWriter, r *http.Request, a shebao.Actor) error {
	var req passwordRequest
	if err := decodeJSON(w, r, &req); err != nil {
		return err
	}
	if req.OldPassword == "" {
		return invalid("old_password", shebao.ReasonRequired)
	}
	acc, err := s.svc.Auth.ChangePassword(r.Context(), a, req.OldPassword, req.NewPassword, req.Confirm)
	if err != nil {
		return err
	}
	// The change ended every session and token of the account; this one
	// goes on, on a new token and the account's new generation.
	if err := s.svc.Sessions.Login(r.Context(), acc, a.Channel, a.Terminal, session.Bearer); err != nil {
		return fmt.Errorf("api: renew session: %w", err)
	}
	out, err := s.commitSession(r.Context(), acc, a.Channel, a.Terminal)
	if err != nil {
		return err
	}
	s.writeJSON(w, r, http.StatusOK, out)
	return nil
}

// meJSON describes the caller.
type meJSON struct {
	Channel  string      `json:"channel"`
	Terminal string      `json:"terminal"`
	Account  accountJSON `json:"account"`
}

// me describes the caller's account, as authentication read it, and
// session.
func (s *server) me(w http.ResponseWriter, r *http.Request, a shebao.Actor) error {
	acc := accountOfRequest(r)
	s.writeJSON(w, r, http.StatusOK, meJSON{Channel: string(a.Channel), Terminal: a.Terminal, Account: accountOf(acc)})
	return nil
}

// timeJSON formats t in RFC 3339 in the office's zone (+08:00).
func timeJSON(t time.Time) string { return t.In(shebao.Office).Format(time.RFC3339) }
