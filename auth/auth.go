// Package auth holds accounts: password hashing and policy, login with
// lockout after repeated failures, password changes (a password issued by
// the office must be changed at first login), the account a session acts
// as now, and the kiosk terminals' secrets. docs/SECURITY.md maps each
// control to its test.
package auth

import (
	"context"
	"log/slog"
	"strings"
	"sync"
	"time"

	"golang.org/x/crypto/bcrypt"

	"shebao"
)

// Service authenticates accounts.
type Service struct {
	Store       shebao.Store
	Clock       shebao.Clock
	Log         *slog.Logger
	Cost        int           // bcrypt cost; DefaultCost when 0
	MaxFailures int           // guesses evaluated per lock window; 5 when 0
	LockFor     time.Duration // lockout duration; 15 minutes when 0
	// MaxAge, when > 0, is how long a staff password lasts: an older one
	// must be changed before anything else (-password-max-age).
	MaxAge time.Duration
}

// DefaultCost is the bcrypt cost of stored passwords (about 50–100 ms a
// check on the office's servers: slow for an attacker, quick for a person).
const DefaultCost = 11

// dummies holds, per bcrypt cost, a hash compared against when a username
// does not exist or the account is locked, so that every refused login
// does the same work as a wrong password.
var dummies sync.Map // int → []byte

// dummyCompare does the work of comparing password with a stored hash.
func (s *Service) dummyCompare(password string) {
	cost := s.Cost
	if cost == 0 {
		cost = DefaultCost
	}
	h, ok := dummies.Load(cost)
	if !ok {
		b, _ := bcrypt.GenerateFromPassword([]byte("not a password"), cost)
		h, _ = dummies.LoadOrStore(cost, b)
	}
	_ = bcrypt.CompareHashAndPassword(h.([]byte), []byte(password))
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
// before anything else.
//
// Every guess is counted before the password is compared (ClaimGuess), so
// at most MaxFailures guesses are ever compared per lock window whatever
// the concurrency; a locked account is refused without comparing. An
// unknown username, a locked account and a wrong password all answer
// EUNAUTHORIZED with ReasonLoginFailed, after the same bcrypt work: the
// answer says nothing about which usernames exist. Only the right password
// of a disabled account answers ReasonAccountOff.
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
		s.dummyCompare(password)
		return shebao.Account{}, unauthorized(shebao.ReasonLoginFailed)
	}
	if err != nil {
		return shebao.Account{}, err
	}
	ch, terminal = shebao.ChannelFor(acc.Role, terminal) // staff work at the counter wherever they log in
	actor := shebao.Actor{AccountID: acc.ID, Username: acc.Username, Role: acc.Role, UnitID: acc.UnitID, Channel: ch, Terminal: terminal}
	claimed, locked, err := s.claim(ctx, acc.ID, now)
	if err != nil {
		return shebao.Account{}, err
	}
	if !claimed {
		s.dummyCompare(password)
		return shebao.Account{}, s.record(ctx, actor, now, "login.refused", false, unauthorized(shebao.ReasonLoginFailed))
	}
	ok := bcrypt.CompareHashAndPassword([]byte(acc.PasswordHash), []byte(password)) == nil
	switch {
	case ok && acc.Disabled:
		return shebao.Account{}, s.record(ctx, actor, now, "login.disabled", true, unauthorized(shebao.ReasonAccountOff))
	case ok:
		acc.FailedLogins, acc.LockedUntil = 0, time.Time{}
		acc.MustChange = s.mustChange(acc, now)
		return acc, s.record(ctx, actor, now, "login", true, nil)
	case locked:
		return shebao.Account{}, s.record(ctx, actor, now, "login.locked", false, unauthorized(shebao.ReasonLoginFailed))
	default:
		return shebao.Account{}, s.record(ctx, actor, now, "login.failed", false, unauthorized(shebao.ReasonLoginFailed))
	}
}

// claim counts one guess against account id in its own transaction, which
// commits before the (slow) comparison.
func (s *Service) claim(ctx context.Context, id int64, now time.Time) (claimed, locked bool, err error) {
	err = s.Store.InTx(ctx, func(tx shebao.Tx) error {
		var err error
		claimed, locked, err = tx.ClaimGuess(ctx, id, s.maxFailures(), now, now.Add(s.lockFor()))
		return err
	})
	return claimed, locked, err
}

// record audits a login attempt as action (clearing the counted failures
// when the password was right) and returns result.
func (s *Service) record(ctx context.Context, a shebao.Actor, now time.Time, action string, right bool, result error) error {
	err := s.Store.InTx(ctx, func(tx shebao.Tx) error {
		if right {
			if err := tx.ClearFailures(ctx, a.AccountID); err != nil {
				return err
			}
		}
		return tx.Audit(ctx, shebao.AuditFor(a, now, action))
	})
	if err != nil {
		return err
	}
	return result
}

// mustChange reports whether acc must change its password before anything
// else: one issued by the office, or a staff password older than MaxAge.
func (s *Service) mustChange(acc shebao.Account, now time.Time) bool {
	expired := s.MaxAge > 0 && acc.Role.IsStaff() && now.Sub(acc.PasswordSetAt) > s.MaxAge
	return acc.MustChange || expired
}

// Current returns what a live session acts as now, from what its login
// recorded (the actor a and the account's generation gen) and its account
// acc as stored now, which the request read with the session by one
// statement (session.Manager.Actor, sqldb.SessionStore.FindAccount): the
// actor with the account's current username, role and unit (staff on the
// counter channel), and the account. Every request, page or API, goes
// through it, so that a role change, a disabling, a password change or a
// reset takes effect at the next request. Errors: EUNAUTHORIZED
// (ReasonNotLoggedIn) when the account is gone (acc is zero) or disabled,
// or is not the session's, or the session is of an earlier generation; the
// caller then ends the session.
func (s *Service) Current(a shebao.Actor, gen int64, acc shebao.Account) (shebao.Actor, shebao.Account, error) {
	if acc.ID == 0 || acc.ID != a.AccountID || acc.Disabled || acc.Generation != gen {
		return shebao.Actor{}, shebao.Account{}, unauthorized(shebao.ReasonNotLoggedIn)
	}
	acc.MustChange = s.mustChange(acc, s.Clock.Now())
	a.Username, a.Role, a.UnitID = acc.Username, acc.Role, acc.UnitID
	return a.OnItsChannel(), acc, nil
}

func unauthorized(reason string, args ...string) error {
	return &shebao.Error{Code: shebao.EUNAUTHORIZED, Reason: reason, Args: args}
}
