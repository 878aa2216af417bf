package auth

import (
	"context"
	"strconv"
	"time"

	"golang.org/x/crypto/bcrypt"

	"shebao"
)

// ChangePassword changes the actor's own password after checking the old
// one, and returns the account as changed. It clears MustChange and moves
// the account to a new generation, which ends every other session and API
// token of the account: the caller moves its own session to the returned
// account (session.Manager.Login). Wrong old passwords count like failed
// logins (a stolen session cannot guess without limit). Errors: EINVALID
// naming the field at fault (old_password, new_password, confirm);
// EUNAUTHORIZED ReasonLoginLocked while the account is locked.
func (s *Service) ChangePassword(ctx context.Context, a shebao.Actor, old, pw, confirm string) (shebao.Account, error) {
	if pw != confirm {
		return shebao.Account{}, shebao.Invalid("confirm", shebao.ReasonPasswordMismatch)
	}
	if pw == old {
		return shebao.Account{}, shebao.Invalid("new_password", shebao.ReasonPasswordSame)
	}
	if err := CheckPassword(pw, a.Username); err != nil {
		return shebao.Account{}, err
	}
	now := s.Clock.Now()
	acc, history, err := s.accountWithHistory(ctx, a.AccountID)
	if err != nil {
		return shebao.Account{}, err
	}
	claimed, locked, err := s.claim(ctx, acc.ID, now)
	if err != nil {
		return shebao.Account{}, err
	}
	if !claimed {
		return shebao.Account{}, s.lockedError(ctx, acc.ID)
	}
	if bcrypt.CompareHashAndPassword([]byte(acc.PasswordHash), []byte(old)) != nil {
		action := "account.password.failed"
		if locked {
			action = "login.locked"
		}
		return shebao.Account{}, s.record(ctx, a, now, action, false, shebao.Invalid("old_password", shebao.ReasonOldPasswordWrong))
	}
	for _, h := range history {
		if bcrypt.CompareHashAndPassword([]byte(h), []byte(pw)) == nil {
			_ = s.record(ctx, a, now, "account.password.reused", true, nil)
			return shebao.Account{}, shebao.Invalid("new_password", ReasonPasswordReused, strconv.Itoa(historyLen))
		}
	}
	hash, err := HashPassword(pw, s.Cost)
	if err != nil {
		return shebao.Account{}, err
	}
	err = s.Store.InTx(ctx, func(tx shebao.Tx) error {
		if acc, err = tx.LockAccount(ctx, a.AccountID); err != nil {
			return err
		}
		if err := tx.AddPasswordHistory(ctx, acc.ID, acc.PasswordHash, now); err != nil {
			return err
		}
		acc.PasswordHash, acc.MustChange, acc.PasswordSetAt = hash, false, now
		acc.FailedLogins, acc.LockedUntil = 0, time.Time{}
		acc.Generation++
		if err := tx.UpdateAccount(ctx, acc); err != nil {
			return err
		}
		return tx.Audit(ctx, shebao.AuditFor(a, now, "account.password"))
	})
	return acc, err
}

// accountWithHistory reads an account and the hashes of its last
// historyLen passwords, the current one first.
func (s *Service) accountWithHistory(ctx context.Context, id int64) (shebao.Account, []string, error) {
	var acc shebao.Account
	var hs []string
	err := s.Store.View(ctx, func(tx shebao.Tx) error {
		var err error
		if acc, err = tx.Account(ctx, id); err != nil {
			return err
		}
		hs, err = tx.PasswordHistory(ctx, id, historyLen-1)
		return err
	})
	return acc, append([]string{acc.PasswordHash}, hs...), err
}

// lockedError is the refusal of a password change while the account is
// locked: the actor is logged in, so saying until when tells no secret.
func (s *Service) lockedError(ctx context.Context, id int64) error {
	var acc shebao.Account
	err := s.Store.View(ctx, func(tx shebao.Tx) error {
		var err error
		acc, err = tx.Account(ctx, id)
		return err
	})
	if err != nil {
		return err
	}
	return unauthorized(shebao.ReasonLoginLocked, acc.LockedUntil.In(shebao.Office).Format("15:04"))
}

// NewAccount returns an account with a hashed password, ready to store.
// Passwords issued by the office (mustChange) must be changed at first login.
func NewAccount(username, password string, role shebao.Role, unitID int64, mustChange bool, cost int) (shebao.Account, error) {
	hash, err := HashPassword(password, cost)
	if err != nil {
		return shebao.Account{}, err
	}
	return shebao.Account{Username: username, PasswordHash: hash, Role: role, UnitID: unitID, MustChange: mustChange}, nil
}
