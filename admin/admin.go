// Package admin is the office's administration: units (create, activate,
// suspend), operator and staff accounts (create, roles, disable, password
// reset with a one-time password) and kiosk terminals. Only admins may use
// it, and every change is audited.
package admin

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"log/slog"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"shebao"
	"shebao/auth"
)

// Service administers units, accounts and terminals.
type Service struct {
	Store shebao.Store
	Clock shebao.Clock
	Log   *slog.Logger
	Cost  int // bcrypt cost of issued passwords; auth.DefaultCost when 0
}

// Reasons of the administration, with messages in package i18n (office.go).
const (
	ReasonCreditTaken   = "ADMIN_CREDIT_CODE_TAKEN" // a unit with this credit code exists
	ReasonUsernameTaken = "ADMIN_USERNAME_TAKEN"    // an account with this username exists
	ReasonUsernameChars = "ADMIN_USERNAME_CHARS"    // letters, digits . _ - only, 3–32
	ReasonCodeTaken     = "ADMIN_TERMINAL_TAKEN"    // a terminal with this code exists
	ReasonCodeChars     = "ADMIN_TERMINAL_CHARS"    // A–Z 0–9 - only, 2–32
	ReasonUnknownRole   = "ADMIN_UNKNOWN_ROLE"      // not one of clerk, reviewer, admin
	ReasonSelf          = "ADMIN_SELF"              // an admin cannot disable or demote themselves
	ReasonNotStaff      = "ADMIN_NOT_STAFF"         // operator accounts keep the operator role
)

// mayAdminister checks that a is an admin.
func mayAdminister(a shebao.Actor) error {
	if a.Role != shebao.RoleAdmin {
		return &shebao.Error{Code: shebao.EFORBIDDEN, Reason: shebao.ReasonForbidden}
	}
	return nil
}

// passwordChars are the characters of issued passwords: no 0/O, 1/l/I, that
// a person copying from a screen or a slip of paper would confuse.
const (
	passwordLetters = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ"
	passwordDigits  = "23456789"
	passwordLen     = 12
)

// OneTimePassword returns a random password of 12 characters with lower-
// and upper-case letters and digits, which meets auth.CheckPassword.
func OneTimePassword() string {
	for {
		all := passwordLetters + passwordDigits
		b := make([]byte, passwordLen)
		for i := range b {
			b[i] = all[randN(len(all))]
		}
		// One of each class, at three different random places.
		i := randN(passwordLen)
		j := (i + 1 + randN(passwordLen-1)) % passwordLen
		k := randN(passwordLen)
		for k == i || k == j {
			k = randN(passwordLen)
		}
		b[i] = passwordLetters[randN(24)]    // lower case
		b[j] = passwordLetters[24+randN(24)] // upper case
		b[k] = passwordDigits[randN(len(passwordDigits))]
		if auth.CheckPassword(string(b), "") == nil { // not a common password
			return string(b)
		}
	}
}

// randN returns a uniform random int in [0, n) from crypto/rand.
func randN(n int) int {
	var b [1]byte
	limit := 256 - 256%n
	for {
		_, _ = rand.Read(b[:]) // crypto/rand.Read never fails
		if int(b[0]) < limit {
			return int(b[0]) % n
		}
	}
}

// text trims s and checks its length: EINVALID for field (REQUIRED when
// required and empty, TOO_LONG beyond max characters).
func text(field, s string, max int, required bool) (string, error) {
	s = strings.TrimSpace(s)
	switch {
	case required && s == "":
		return "", shebao.Invalid(field, shebao.ReasonRequired)
	case utf8.RuneCountInString(s) > max:
		return "", shebao.Invalid(field, shebao.ReasonTooLong, strconv.Itoa(max))
	}
	return s, nil
}

// audit writes an audit entry of a's change with a JSON detail.
func audit(ctx context.Context, tx shebao.Tx, a shebao.Actor, now time.Time, action string, unitID int64, detail map[string]any) error {
	e := shebao.AuditFor(a, now, action)
	e.UnitID = unitID
	b, _ := json.Marshal(detail)
	e.Detail = string(b)
	return tx.Audit(ctx, e)
}
