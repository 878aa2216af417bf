package demo

import (
	"context"

	"shebao"
	"shebao/changes"
)

// Pending submits, through the real services, items that wait for a
// reviewer, so that the demo's review queue has work on the first day: unit
// B asks to change its name (a legal change, reviewed).
func Pending(ctx context.Context, store shebao.Store, clock shebao.Clock, g Guide) error {
	var acc shebao.Account
	err := store.View(ctx, func(tx shebao.Tx) error {
		var err error
		acc, err = tx.AccountByUsername(ctx, g.OperatorB)
		return err
	})
	if err != nil {
		return err
	}
	b := shebao.Actor{AccountID: acc.ID, Username: acc.Username, Role: acc.Role, UnitID: acc.UnitID, Channel: shebao.Online}
	s := &changes.Service{Store: store, Clock: clock}
	u, err := s.Unit(ctx, b, b.UnitID)
	if err != nil {
		return err
	}
	_, err = s.ChangeUnit(ctx, b, changes.UnitRequest{Contact: u.Contact, Phone: u.Phone, Address: u.Address,
		BankAccount: u.BankAccount, Name: u.Name + "（北京）", CreditCode: u.CreditCode, LegalRep: u.LegalRep,
		Reason: "经市场监管部门核准变更名称"})
	return err
}
