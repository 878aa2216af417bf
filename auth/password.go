package auth

import (
	"context"

	"golang.org/x/crypto/bcrypt"

	"shebao"
)

// ChangePassword changes the actor's own password after checking the old
// one. It clears MustChange. Errors: EINVALID naming the field at fault
// (old_password, new_password, confirm).
func (s *Service) ChangePassword(ctx context.Context, a shebao.Actor, old, pw, confirm string) error {
	if pw != confirm {
		return shebao.Invalid("confirm", shebao.ReasonPasswordMismatch)
	}
	if pw == old {
		return shebao.Invalid("new_password", shebao.ReasonPasswordSame)
	}
	if err := CheckPassword(pw); err != nil {
		return err
	}
	hash, err := HashPassword(pw, s.Cost)
	if err != nil {
		return err
	}
	now := s.Clock.Now()
	var refusal error
	err = s.Store.InTx(ctx, func(tx shebao.Tx) error {
		acc, err := tx.Account(ctx, a.AccountID)
		if err != nil {
			return err
		}
		e := shebao.AuditFor(a, now, "account.password")
		if now.Before(acc.LockedUntil) {
			refusal = unauthorized(shebao.ReasonLoginLocked, acc.LockedUntil.In(shebao.Office).Format("15:04"))
			return nil
		}
		if bcrypt.CompareHashAndPassword([]byte(acc.PasswordHash), []byte(old)) != nil {
			// Wrong guesses of the old password count like failed logins,
			// so that a stolen session cannot guess it without limit.
			refusal = shebao.Invalid("old_password", shebao.ReasonOldPasswordWrong)
			acc.FailedLogins++
			e.Action = "account.password.failed"
			if acc.FailedLogins >= s.maxFailures() {
				acc.FailedLogins, acc.LockedUntil = 0, now.Add(s.lockFor())
				e.Action = "login.locked"
			}
		} else {
			acc.PasswordHash, acc.MustChange, acc.PasswordSetAt, acc.FailedLogins = hash, false, now, 0
		}
		if err := tx.UpdateAccount(ctx, acc); err != nil {
			return err
		}
		return tx.Audit(ctx, e)
	})
	if err != nil {
		return err
	}
	return refusal
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

// Account returns the account a session belongs to, refusing disabled ones.
// Errors: EUNAUTHORIZED when the account is gone or disabled.
func (s *Service) Account(ctx context.Context, id int64) (shebao.Account, error) {
	var acc shebao.Account
	err := s.Store.View(ctx, func(tx shebao.Tx) error {
		var err error
		acc, err = tx.Account(ctx, id)
		return err
	})
	if shebao.ErrorCode(err) == shebao.ENOTFOUND || (err == nil && acc.Disabled) {
		return shebao.Account{}, unauthorized(shebao.ReasonNotLoggedIn)
	}
	return acc, err
}
