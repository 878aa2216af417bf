package admin

import (
	"context"
	"time"

	"shebao"
)

// Locked reports whether an account is locked out by failed guesses now
// (auth's lockout; docs/SECURITY.md).
func (s *Service) Locked(acc shebao.Account) bool { return acc.LockedUntil.After(s.Clock.Now()) }

// Unlock lifts an account's lockout and forgets its counted failures,
// without a new password and without ending its sessions (the password is
// still the owner's), audited as account.unlock. Errors: EFORBIDDEN,
// ENOTFOUND, EINVALID (ReasonSelf).
func (s *Service) Unlock(ctx context.Context, a shebao.Actor, id int64) (shebao.Account, error) {
	if err := mayAdminister(a); err != nil {
		return shebao.Account{}, err
	}
	if id == a.AccountID {
		return shebao.Account{}, shebao.Invalid("account", ReasonSelf)
	}
	now := s.Clock.Now()
	var acc shebao.Account
	err := s.Store.InTx(ctx, func(tx shebao.Tx) error {
		var err error
		if acc, err = tx.LockAccount(ctx, id); err != nil {
			return err
		}
		if err := tx.ClearFailures(ctx, id); err != nil {
			return err
		}
		detail := map[string]any{"account": acc.Username, "account_id": acc.ID, "was_locked": acc.LockedUntil.After(now)}
		acc.FailedLogins, acc.LockedUntil = 0, time.Time{}
		return audit(ctx, tx, a, now, "account.unlock", acc.UnitID, detail)
	})
	return acc, err
}
