package auth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"

	"shebao"
)

// ReasonTerminal refuses an unknown terminal code or a wrong secret or
// token (the same answer for each), with a message in package i18n.
const ReasonTerminal = "TERMINAL_REJECTED"

// A kiosk terminal has two credentials, both random and stored only as
// SHA-256 hashes (they are long random strings, so a fast hash is enough):
// the enrolment secret, shown once to the admin in the enrolment URL and
// presented by API kiosk clients at login; and the token that enrolment
// gives the kiosk's browser in its cookie. Regenerating the secret
// withdraws the token too.

// NewTerminalSecret returns a new random secret and its hash.
func NewTerminalSecret() (secret, hash string) {
	secret = rand.Text()
	return secret, HashSecret(secret)
}

// HashSecret returns the SHA-256 of s in hex.
func HashSecret(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

// matches compares secret with a stored hash in constant time; an empty
// hash matches nothing.
func matches(hash, secret string) bool {
	return hash != "" && secret != "" &&
		subtle.ConstantTimeCompare([]byte(hash), []byte(HashSecret(secret))) == 1
}

// terminal reads the terminal code; every failure is the one refusal.
func (s *Service) terminal(ctx context.Context, code string) (shebao.Terminal, error) {
	if code == "" || len(code) > 64 {
		return shebao.Terminal{}, errTerminal()
	}
	var t shebao.Terminal
	err := s.Store.View(ctx, func(tx shebao.Tx) error {
		var err error
		t, err = tx.Terminal(ctx, code)
		return err
	})
	if shebao.ErrorCode(err) == shebao.ENOTFOUND {
		return t, errTerminal()
	}
	return t, err
}

// Terminal checks a terminal's code and enrolment secret (an API kiosk
// client's login). Errors: EUNAUTHORIZED ReasonTerminal.
func (s *Service) Terminal(ctx context.Context, code, secret string) (shebao.Terminal, error) {
	t, err := s.terminal(ctx, code)
	if err == nil && !matches(t.SecretHash, secret) {
		err = errTerminal()
	}
	return t, err
}

// KioskTerminal checks the code and token of a kiosk browser's cookie.
func (s *Service) KioskTerminal(ctx context.Context, code, token string) (shebao.Terminal, error) {
	t, err := s.terminal(ctx, code)
	if err == nil && !matches(t.TokenHash, token) {
		err = errTerminal()
	}
	return t, err
}

// EnrollTerminal checks a terminal's code and enrolment secret and gives
// the enrolling browser a new token for its cookie (the kiosk enrolled
// before, if any, stops being one). Errors: EUNAUTHORIZED ReasonTerminal.
func (s *Service) EnrollTerminal(ctx context.Context, code, secret string) (shebao.Terminal, string, error) {
	t, err := s.Terminal(ctx, code, secret)
	if err != nil {
		return t, "", err
	}
	token, hash := NewTerminalSecret()
	err = s.Store.InTx(ctx, func(tx shebao.Tx) error {
		t.TokenHash = hash
		if err := tx.UpdateTerminal(ctx, t); err != nil {
			return err
		}
		e := shebao.AuditFor(shebao.Actor{Channel: shebao.SelfService, Terminal: t.Code}, s.Clock.Now(), "terminal.enroll")
		return tx.Audit(ctx, e)
	})
	return t, token, err
}

func errTerminal() error {
	return &shebao.Error{Code: shebao.EUNAUTHORIZED, Reason: ReasonTerminal, Field: "terminal"}
}
