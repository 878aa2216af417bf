package register

import (
	"context"
	"encoding/json"
	"runtime"
	"sync"

	"shebao"
	"shebao/admin"
	"shebao/auth"
)

// Letter is what one unit's letter tells its operators: their usernames
// and one-time passwords. A password is in its letter only: the database
// keeps its bcrypt hash, and no page or file shows it again.
type Letter struct {
	Unit      shebao.Unit
	Operators []IssuedOperator
}

// IssuedOperator is an operator account with its one-time password.
type IssuedOperator struct {
	Username, DisplayName, Password string
}

// MaxLetters bounds the accounts one call of IssueLetters issues: each
// password is a bcrypt hash of about 0.1 s, so a page issues letters in
// rounds and the command line loops.
const MaxLetters = 200

// IssueLetters gives up to limit (at most MaxLetters) operator accounts
// awaiting their letter, those the register import created, a one-time
// password each, to be changed at the first login, audited as
// "account.letter"; it returns the letters, one per unit. Administrators
// only (EFORBIDDEN). No accounts left: no letters.
func (s *Service) IssueLetters(ctx context.Context, a shebao.Actor, limit int, cost int) ([]Letter, error) {
	if a.Role != shebao.RoleAdmin {
		return nil, &shebao.Error{Code: shebao.EFORBIDDEN, Reason: shebao.ReasonForbidden}
	}
	if limit <= 0 || limit > MaxLetters {
		limit = MaxLetters
	}
	var waiting []shebao.OperatorAccount
	err := s.Store.View(ctx, func(tx shebao.Tx) (err error) {
		waiting, err = tx.OperatorAccounts(ctx, true, limit)
		return err
	})
	if err != nil || len(waiting) == 0 {
		return nil, err
	}
	pws, hashes, err := passwords(len(waiting), cost)
	if err != nil {
		return nil, err
	}
	now := s.Clock.Now()
	var letters []Letter
	err = s.Store.InTx(ctx, func(tx shebao.Tx) error {
		letters = nil
		for i, w := range waiting {
			acc, err := tx.Account(ctx, w.Account.ID)
			if err != nil {
				return err
			}
			if acc.PasswordHash != "" {
				continue // issued meanwhile by another round
			}
			acc.PasswordHash, acc.MustChange, acc.PasswordSetAt = hashes[i], true, now
			if err := tx.UpdateAccount(ctx, acc); err != nil {
				return err
			}
			e := shebao.AuditFor(a, now, "account.letter")
			e.UnitID = acc.UnitID
			d, _ := json.Marshal(map[string]any{"account": acc.Username, "account_id": acc.ID})
			e.Detail = string(d)
			if err := tx.Audit(ctx, e); err != nil {
				return err
			}
			op := IssuedOperator{Username: acc.Username, DisplayName: acc.DisplayName, Password: pws[i]}
			if n := len(letters); n > 0 && letters[n-1].Unit.ID == w.Unit.ID {
				letters[n-1].Operators = append(letters[n-1].Operators, op)
			} else {
				letters = append(letters, Letter{Unit: w.Unit, Operators: []IssuedOperator{op}})
			}
		}
		return nil
	})
	return letters, err
}

// passwords makes n one-time passwords and their hashes, on every core.
func passwords(n, cost int) ([]string, []string, error) {
	pws, hashes, errs := make([]string, n), make([]string, n), make([]error, n)
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				pws[i] = admin.OneTimePassword()
				hashes[i], errs[i] = auth.HashPassword(pws[i], cost)
			}
		}()
	}
	for i := 0; i < n; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, nil, err
		}
	}
	return pws, hashes, nil
}
