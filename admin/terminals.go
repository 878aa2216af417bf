package admin

import (
	"context"
	"crypto/rand"
	"net/url"
	"strings"

	"shebao"
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

// CreateTerminal registers a kiosk terminal with a random enrolment secret.
// Errors: EFORBIDDEN; EINVALID for "code" (ReasonCodeChars, ReasonCodeTaken),
// "name" or "location".
func (s *Service) CreateTerminal(ctx context.Context, a shebao.Actor, code, name, location string) (shebao.Terminal, error) {
	if err := mayAdminister(a); err != nil {
		return shebao.Terminal{}, err
	}
	var t shebao.Terminal
	var err error
	if t.Code, err = terminalCode(code); err != nil {
		return t, err
	}
	if t.Name, err = text("name", name, 100, true); err != nil {
		return t, err
	}
	if t.Location, err = text("location", location, 100, true); err != nil {
		return t, err
	}
	t.Secret = rand.Text()
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
	return t, err
}

// EnrollPath returns the path that enrols a browser as terminal t: open it
// once on the kiosk PC (GET /kiosk/enroll?code=…&secret=…).
func EnrollPath(t shebao.Terminal) string {
	q := url.Values{}
	q.Set("code", t.Code)
	q.Set("secret", t.Secret)
	return "/kiosk/enroll?" + q.Encode()
}
