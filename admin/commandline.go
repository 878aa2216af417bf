package admin

import (
	"context"

	"shebao"
)

// CommandLine is the actor of changes made with the shebao command on the
// server (`shebao admin create`): the audit log shows them as made from the
// command line, by whoever could run the program against the database.
var CommandLine = shebao.Actor{Username: "(command line)", Role: shebao.RoleAdmin, Channel: shebao.Counter,
	Terminal: "command line"}

// CreateAdminFromCommandLine creates an administrator account with a
// one-time password, to be changed at the first login, audited as created
// from the command line. It works on an empty database (the office's first
// administrator) and later (a second one). With reset, an existing account
// of that username gets a new one-time password instead (a lost
// administrator), is enabled again and its lockout lifted. Errors: EINVALID
// for "username" (ReasonUsernameChars, ReasonUsernameTaken without reset) or
// "display_name"; ENOTFOUND with reset and no such account.
func (s *Service) CreateAdminFromCommandLine(ctx context.Context, user, display string, reset bool) (Issued, error) {
	if !reset {
		return s.create(ctx, CommandLine, shebao.RoleAdmin, 0, user, display)
	}
	var acc shebao.Account
	err := s.Store.View(ctx, func(tx shebao.Tx) error {
		var err error
		acc, err = tx.AccountByUsername(ctx, user)
		return err
	})
	if err != nil {
		return Issued{}, err
	}
	if acc.Disabled {
		if _, err := s.SetDisabled(ctx, CommandLine, acc.ID, false); err != nil {
			return Issued{}, err
		}
	}
	return s.ResetPassword(ctx, CommandLine, acc.ID)
}

// CheckUsername checks a new username as account creation does: 3–32
// letters, digits, '.', '_' or '-'. Errors: EINVALID for "username".
func CheckUsername(s string) (string, error) { return username(s) }
