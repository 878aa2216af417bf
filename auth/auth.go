// Package auth holds accounts: password hashing and policy, login with
// lockout after repeated failures, password changes (a password issued by
// the office must be changed at first login), and the actor a session acts as.
package auth

import (
	"context"
	"log/slog"
	"strings"
	"time"
	"unicode"

	"golang.org/x/crypto/bcrypt"

	"shebao"
)

// Service authenticates accounts.
type Service struct {
	Store       shebao.Store
	Clock       shebao.Clock
	Log         *slog.Logger
	Cost        int           // bcrypt cost; DefaultCost when 0
	MaxFailures int           // consecutive failures before a lockout; 5 when 0
	LockFor     time.Duration // lockout duration; 15 minutes when 0
}

// DefaultCost is the bcrypt cost of stored passwords (about 50–100 ms a
// check on the office's servers: slow for an attacker, quick for a person).
const DefaultCost = 11

// MinPasswordLen is the shortest password accepted.
const MinPasswordLen = 8

// dummyHash is compared against when a username does not exist, so that a
// failed login takes as long whether or not the username exists.
var dummyHash, _ = bcrypt.GenerateFromPassword([]byte("not a password"), DefaultCost)

// CheckPassword applies the password policy: at least MinPasswordLen
// characters, at most 72 bytes (bcrypt's limit), with letters and digits.
func CheckPassword(pw string) error {
	var letter, digit bool
	for _, r := range pw {
		letter = letter || unicode.IsLetter(r)
		digit = digit || unicode.IsDigit(r)
	}
	if len([]rune(pw)) < MinPasswordLen || len(pw) > 72 || !letter || !digit {
		return shebao.Invalid("new_password", shebao.ReasonPasswordWeak, "8")
	}
	return nil
}

// HashPassword hashes pw with bcrypt at the given cost (DefaultCost when 0).
func HashPassword(pw string, cost int) (string, error) {
	if cost == 0 {
		cost = DefaultCost
	}
	h, err := bcrypt.GenerateFromPassword([]byte(pw), cost)
	return string(h), err
}

func (s *Service) maxFailures() int {
	if s.MaxFailures > 0 {
		return s.MaxFailures
	}
	return 5
}

func (s *Service) lockFor() time.Duration {
	if s.LockFor > 0 {
		return s.LockFor
	}
	return 15 * time.Minute
}

// Login checks a username and password. On success it returns the account;
// the caller must send an account with MustChange to the password page
// before anything else. Errors: EUNAUTHORIZED with ReasonLoginFailed (wrong
// username or password: the two are not told apart), ReasonLoginLocked
// (args: the time the lock ends) or ReasonAccountOff.
func (s *Service) Login(ctx context.Context, username, password string, ch shebao.Channel, terminal string) (shebao.Account, error) {
	username = strings.TrimSpace(username)
	now := s.Clock.Now()
	var acc shebao.Account
	err := s.Store.View(ctx, func(tx shebao.Tx) error {
		var err error
		acc, err = tx.AccountByUsername(ctx, username)
		return err
	})
	if shebao.ErrorCode(err) == shebao.ENOTFOUND || username == "" {
		_ = bcrypt.CompareHashAndPassword(dummyHash, []byte(password))
		return shebao.Account{}, unauthorized(shebao.ReasonLoginFailed)
	}
	if err != nil {
		return shebao.Account{}, err
	}
	if acc.Disabled {
		return shebao.Account{}, unauthorized(shebao.ReasonAccountOff)
	}
	if now.Before(acc.LockedUntil) {
		return shebao.Account{}, unauthorized(shebao.ReasonLoginLocked, acc.LockedUntil.In(shebao.Office).Format("15:04"))
	}
	ok := bcrypt.CompareHashAndPassword([]byte(acc.PasswordHash), []byte(password)) == nil
	ch, terminal = shebao.ChannelFor(acc.Role, terminal) // staff work at the counter wherever they log in
	actor := shebao.Actor{AccountID: acc.ID, Username: acc.Username, Role: acc.Role, UnitID: acc.UnitID, Channel: ch, Terminal: terminal}
	var result error
	err = s.Store.InTx(ctx, func(tx shebao.Tx) error {
		cur, err := tx.Account(ctx, acc.ID)
		if err != nil {
			return err
		}
		e := shebao.AuditFor(actor, now, "login")
		if ok {
			cur.FailedLogins = 0
		} else {
			cur.FailedLogins++
			e.Action, result = "login.failed", unauthorized(shebao.ReasonLoginFailed)
			if cur.FailedLogins >= s.maxFailures() {
				cur.FailedLogins, cur.LockedUntil = 0, now.Add(s.lockFor())
				e.Action = "login.locked"
				result = unauthorized(shebao.ReasonLoginLocked, cur.LockedUntil.In(shebao.Office).Format("15:04"))
			}
		}
		acc = cur
		if err := tx.UpdateAccount(ctx, cur); err != nil {
			return err
		}
		return tx.Audit(ctx, e)
	})
	if err != nil {
		return shebao.Account{}, err
	}
	if result != nil {
		return shebao.Account{}, result
	}
	return acc, nil
}

func unauthorized(reason string, args ...string) error {
	return &shebao.Error{Code: shebao.EUNAUTHORIZED, Reason: reason, Args: args}
}
