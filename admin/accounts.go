package admin

import (
	"context"
	"strings"
	"time"

	"shebao"
	"shebao/auth"
)

// Issued is an account with the one-time password just issued for it: shown
// once to the admin, never stored in clear, and to be changed at first login.
type Issued struct {
	Account  shebao.Account
	Password string
}

// staffRoles are the roles of office staff accounts.
var staffRoles = []shebao.Role{shebao.RoleClerk, shebao.RoleReviewer, shebao.RoleAdmin}

// StaffRoles lists the roles an admin may give a staff account.
func StaffRoles() []shebao.Role { return append([]shebao.Role(nil), staffRoles...) }

// Accounts lists the operator accounts of a unit (unitID > 0) or every staff
// account (unitID 0), by username. Errors: EFORBIDDEN.
func (s *Service) Accounts(ctx context.Context, a shebao.Actor, unitID int64) ([]shebao.Account, error) {
	if err := mayAdminister(a); err != nil {
		return nil, err
	}
	var accs []shebao.Account
	err := s.Store.View(ctx, func(tx shebao.Tx) error {
		var err error
		accs, err = tx.Accounts(ctx, unitID)
		return err
	})
	return accs, err
}

// username checks a new username: 3–32 letters, digits, '.', '_' or '-'.
func username(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", shebao.Invalid("username", shebao.ReasonRequired)
	}
	ok := len(s) >= 3 && len(s) <= 32
	for _, r := range s {
		ok = ok && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '_' || r == '-')
	}
	if !ok {
		return "", shebao.Invalid("username", ReasonUsernameChars)
	}
	return s, nil
}

// CreateOperator creates an operator account of an active or suspended unit
// with a one-time password. Errors: EFORBIDDEN, ENOTFOUND (the unit),
// EINVALID for "username" (ReasonUsernameChars, ReasonUsernameTaken) or
// "display_name".
func (s *Service) CreateOperator(ctx context.Context, a shebao.Actor, unitID int64, user, display string) (Issued, error) {
	return s.create(ctx, a, shebao.RoleOperator, unitID, user, display)
}

// CreateStaff creates a staff account (clerk, reviewer or admin) with a
// one-time password. Errors: EFORBIDDEN; EINVALID for "role"
// (ReasonUnknownRole), "username" or "display_name".
func (s *Service) CreateStaff(ctx context.Context, a shebao.Actor, role shebao.Role, user, display string) (Issued, error) {
	if !role.IsStaff() {
		return Issued{}, shebao.Invalid("role", ReasonUnknownRole)
	}
	return s.create(ctx, a, role, 0, user, display)
}

func (s *Service) create(ctx context.Context, a shebao.Actor, role shebao.Role, unitID int64, user, display string) (Issued, error) {
	if err := mayAdminister(a); err != nil {
		return Issued{}, err
	}
	user, err := username(user)
	if err != nil {
		return Issued{}, err
	}
	if display, err = text("display_name", display, 50, false); err != nil {
		return Issued{}, err
	}
	pw := OneTimePassword()
	acc, err := auth.NewAccount(user, pw, role, unitID, true, s.Cost)
	if err != nil {
		return Issued{}, err
	}
	now := s.Clock.Now()
	acc.DisplayName, acc.CreatedAt, acc.PasswordSetAt = display, now, now
	err = s.Store.InTx(ctx, func(tx shebao.Tx) error {
		if unitID != 0 {
			if _, err := tx.Unit(ctx, unitID); err != nil {
				return err
			}
		}
		if err := tx.CreateAccount(ctx, &acc); err != nil {
			if shebao.ErrorCode(err) == shebao.ECONFLICT {
				return shebao.Invalid("username", ReasonUsernameTaken)
			}
			return err
		}
		return audit(ctx, tx, a, now, "account.create", unitID, map[string]any{"account": acc.Username,
			"account_id": acc.ID, "role": acc.Role})
	})
	if err != nil {
		return Issued{}, err
	}
	return Issued{Account: acc, Password: pw}, nil
}

// change reads an account, lets fn change it, stores it and audits the
// change as action, in one transaction. fn returns the audit detail. Every
// change moves the account to a new generation, which ends its sessions
// and API tokens (auth.Service.Current); a replaced password hash goes to
// the account's password history.
func (s *Service) change(ctx context.Context, a shebao.Actor, id int64, action string, fn func(acc *shebao.Account, now time.Time) (map[string]any, error)) (shebao.Account, error) {
	if err := mayAdminister(a); err != nil {
		return shebao.Account{}, err
	}
	now := s.Clock.Now()
	var acc shebao.Account
	err := s.Store.InTx(ctx, func(tx shebao.Tx) error {
		var err error
		if acc, err = tx.LockAccount(ctx, id); err != nil {
			return err
		}
		before := acc.PasswordHash
		detail, err := fn(&acc, now)
		if err != nil {
			return err
		}
		if acc.PasswordHash != before {
			if err := tx.AddPasswordHistory(ctx, acc.ID, before, now); err != nil {
				return err
			}
		}
		acc.Generation++
		if err := tx.UpdateAccount(ctx, acc); err != nil {
			return err
		}
		detail["account"], detail["account_id"] = acc.Username, acc.ID
		return audit(ctx, tx, a, now, action, acc.UnitID, detail)
	})
	return acc, err
}

// ResetPassword issues a new one-time password for an account, which must
// be changed at its next login; it ends every session and token of the
// account and lifts a lockout. An admin changes their
// own password on the password page instead. Errors: EFORBIDDEN, ENOTFOUND,
// EINVALID (ReasonSelf).
func (s *Service) ResetPassword(ctx context.Context, a shebao.Actor, id int64) (Issued, error) {
	if err := mayAdminister(a); err != nil {
		return Issued{}, err
	}
	if id == a.AccountID {
		return Issued{}, shebao.Invalid("account", ReasonSelf)
	}
	pw := OneTimePassword()
	hash, err := auth.HashPassword(pw, s.Cost)
	if err != nil {
		return Issued{}, err
	}
	acc, err := s.change(ctx, a, id, "account.reset_password", func(acc *shebao.Account, now time.Time) (map[string]any, error) {
		acc.PasswordHash, acc.MustChange, acc.PasswordSetAt = hash, true, now
		acc.FailedLogins, acc.LockedUntil = 0, time.Time{}
		return map[string]any{}, nil
	})
	if err != nil {
		return Issued{}, err
	}
	return Issued{Account: acc, Password: pw}, nil
}

// SetDisabled disables an account (its sessions end at once and it cannot
// log in) or enables it again. Errors: EFORBIDDEN, ENOTFOUND,
// EINVALID (ReasonSelf: an admin cannot disable themselves).
func (s *Service) SetDisabled(ctx context.Context, a shebao.Actor, id int64, disabled bool) (shebao.Account, error) {
	if err := mayAdminister(a); err != nil {
		return shebao.Account{}, err
	}
	if id == a.AccountID {
		return shebao.Account{}, shebao.Invalid("account", ReasonSelf)
	}
	action := "account.enable"
	if disabled {
		action = "account.disable"
	}
	return s.change(ctx, a, id, action, func(acc *shebao.Account, _ time.Time) (map[string]any, error) {
		acc.Disabled = disabled
		return map[string]any{"disabled": disabled}, nil
	})
}

// SetRole gives a staff account another staff role, and ends the account's
// sessions: its next request acts with the new role. Operators keep their
// role. Errors: EFORBIDDEN, ENOTFOUND, EINVALID (ReasonUnknownRole,
// ReasonNotStaff for an operator account, ReasonSelf).
func (s *Service) SetRole(ctx context.Context, a shebao.Actor, id int64, role shebao.Role) (shebao.Account, error) {
	if err := mayAdminister(a); err != nil {
		return shebao.Account{}, err
	}
	if !role.IsStaff() {
		return shebao.Account{}, shebao.Invalid("role", ReasonUnknownRole)
	}
	if id == a.AccountID {
		return shebao.Account{}, shebao.Invalid("account", ReasonSelf)
	}
	return s.change(ctx, a, id, "account.role", func(acc *shebao.Account, _ time.Time) (map[string]any, error) {
		if !acc.Role.IsStaff() {
			return nil, shebao.Invalid("role", ReasonNotStaff)
		}
		from := acc.Role
		acc.Role = role
		return map[string]any{"from": from, "to": role}, nil
	})
}
