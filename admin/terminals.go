package admin

import (
	"context"
	"net/url"
	"strings"

	"shebao"
	"shebao/auth"
)

// Terminals lists the kiosk terminals by code. Errors: EFORBIDDEN.
func (s *Service) Terminals(ctx context.Context, a shebao.Actor) ([]shebao.Terminal, error) {
	if err := mayAdminister(a); err != nil {
		return nil, err
	}
	var ts []shebao.Terminal
	err := s.Store.View(ctx, func(tx shebao.Tx) error {
		var err error
		ts, err = tx.Terminals(ctx)
		return err
	})
	return ts, err
}

// terminalCode checks a terminal code: 2–32 of A–Z, 0–9 and '-', upper-cased.
func terminalCode(s string) (string, error) {
	s = strings.ToUpper(strings.TrimSpace(s))
	if s == "" {
		return "", shebao.Invalid("code", shebao.ReasonRequired)
	}
	ok := len(s) >= 2 && len(s) <= 32
	for _, r := range s {
		ok = ok && (r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-')
	}
	if !ok {
		return "", shebao.Invalid("code", ReasonCodeChars)
	}
	return s, nil
}

// CreateTerminal registers a kiosk terminal with a random enrolment secret,
// which it returns: only its hash is stored, so the caller shows it (in
// EnrollPath) this once. Errors: EFORBIDDEN; EINVALID for "code"
// (ReasonCodeChars, ReasonCodeTaken), "name" or "location".
func (s *Service) CreateTerminal(ctx context.Context, a shebao.Actor, code, name, location string) (shebao.Terminal, string, error) {
	if err := mayAdminister(a); err != nil {
		return shebao.Terminal{}, "", err
	}
	var t shebao.Terminal
	var err error
	if t.Code, err = terminalCode(code); err != nil {
		return t, "", err
	}
	if t.Name, err = text("name", name, 100, true); err != nil {
		return t, "", err
	}
	if t.Location, err = text("location", location, 100, true); err != nil {
		return t, "", err
	}
	secret, hash := auth.NewTerminalSecret()
	t.SecretHash = hash
	now := s.Clock.Now()
	err = s.Store.InTx(ctx, func(tx shebao.Tx) error {
		if err := tx.CreateTerminal(ctx, &t); err != nil {
			if shebao.ErrorCode(err) == shebao.ECONFLICT {
				return shebao.Invalid("code", ReasonCodeTaken)
			}
			return err
		}
		return audit(ctx, tx, a, now, "terminal.create", 0, map[string]any{"code": t.Code, "name": t.Name,
			"location": t.Location})
	})
	return t, secret, err
}

// RegenerateSecret gives a terminal a new enrolment secret, which it
// returns to be shown once; the old secret and the token of the kiosk
// enrolled with it stop working, so the kiosk must be enrolled again.
// Errors: EFORBIDDEN, ENOTFOUND.
func (s *Service) RegenerateSecret(ctx context.Context, a shebao.Actor, code string) (shebao.Terminal, string, error) {
	if err := mayAdminister(a); err != nil {
		return shebao.Terminal{}, "", err
	}
	secret, hash := auth.NewTerminalSecret()
	now := s.Clock.Now()
	var t shebao.Terminal
	err := s.Store.InTx(ctx, func(tx shebao.Tx) error {
		var err error
		if t, err = tx.Terminal(ctx, strings.ToUpper(strings.TrimSpace(code))); err != nil {
			return err
		}
		t.SecretHash, t.TokenHash = hash, ""
		if err := tx.UpdateTerminal(ctx, t); err != nil {
			return err
		}
		return audit(ctx, tx, a, now, "terminal.secret", 0, map[string]any{"code": t.Code})
	})
	return t, secret, err
}

// EnrollPath returns the path that enrols a browser as terminal code with
// its secret: open it once on the kiosk PC (GET /kiosk/enroll?code=…&secret=…).
func EnrollPath(code, secret string) string {
	q := url.Values{}
	q.Set("code", code)
	q.Set("secret", secret)
	return "/kiosk/enroll?" + q.Encode()
}
