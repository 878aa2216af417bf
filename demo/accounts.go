package demo

import (
	"context"
	"fmt"

	"shebao"
	"shebao/auth"
)

// terminalCode is the demo's kiosk in the hall.
const terminalCode = "HALL-01"

func (l *loader) staff(ctx context.Context) error {
	at := l.tourSince().Time()
	for _, s := range []struct {
		name string
		role shebao.Role
		dst  *string
	}{{"clerk", shebao.RoleClerk, &l.guide.Clerk}, {"reviewer", shebao.RoleReviewer, &l.guide.Reviewer}, {"admin", shebao.RoleAdmin, &l.guide.Admin}} {
		a := shebao.Account{Username: s.name, PasswordHash: l.hash, Role: s.role, DisplayName: s.name, CreatedAt: at, PasswordSetAt: at}
		if err := l.tx.CreateAccount(ctx, &a); err != nil {
			return err
		}
		*s.dst = s.name
		if s.role == shebao.RoleClerk {
			l.clerk = shebao.Actor{AccountID: a.ID, Username: a.Username, Role: a.Role, Channel: shebao.Counter}
		}
	}
	return nil
}

// operator creates an operator account of u; the first one that needs no
// password change acts for u in the history.
func (l *loader) operator(ctx context.Context, u shebao.Unit, username string, mustChange bool) (string, error) {
	a := shebao.Account{Username: username, PasswordHash: l.hash, Role: shebao.RoleOperator, UnitID: u.ID,
		DisplayName: u.Contact, MustChange: mustChange, CreatedAt: u.CreatedAt, PasswordSetAt: u.CreatedAt}
	if err := l.tx.CreateAccount(ctx, &a); err != nil {
		return "", fmt.Errorf("demo: operator %s: %w", username, err)
	}
	if _, ok := l.ops[u.ID]; !ok && !mustChange {
		if l.ops == nil {
			l.ops = map[int64]shebao.Actor{}
		}
		l.ops[u.ID] = shebao.Actor{AccountID: a.ID, Username: a.Username, Role: a.Role, UnitID: u.ID, Channel: shebao.Online}
	}
	return username, nil
}

// actor returns who submits an item of unit u on channel ch: the clerk at
// the counter, the unit's operator online or at the hall's kiosk.
func (l *loader) actor(u shebao.Unit, ch shebao.Channel) shebao.Actor {
	if ch == shebao.Counter {
		return l.clerk
	}
	a := l.ops[u.ID]
	a.Channel = ch
	if ch == shebao.SelfService {
		a.Terminal = terminalCode
	}
	return a
}

func (l *loader) terminal(ctx context.Context) error {
	t := shebao.Terminal{Code: terminalCode, Name: "大厅自助终端 1 号", Location: "一楼办事大厅", SecretHash: auth.HashSecret(demoKioskSecret)}
	if err := l.tx.CreateTerminal(ctx, &t); err != nil {
		return err
	}
	l.guide.Terminal, l.guide.TerminalSecret = t.Code, demoKioskSecret
	return nil
}
