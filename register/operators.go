package register

import (
	"strings"

	"shebao"
	"shebao/admin"
	"shebao/employment"
)

// registrations imports the employment registrations with package
// employment's own rules (docs/EMPLOYMENT.md), inside the register's
// transaction: a rejected registration is an error of the register.
func (r *run) registrations(t *table, c *Counts) error {
	var recs []employment.Record
	err := t.each(func(rw row) error {
		recs = append(recs, employment.Record{Row: rw.n, SourceID: rw.get("source_id"), IDNumber: rw.get("id_number"),
			Name: rw.get("name"), CreditCode: rw.get("credit_code"), Start: rw.get("start"),
			RegisteredOn: rw.get("registered_on"), End: rw.get("end")})
		return nil
	})
	if err != nil {
		return err
	}
	rep, err := employment.ImportTx(r.ctx, r.tx, r.a, shebao.ImportFile, t.file, recs, r.now)
	if err != nil {
		return err
	}
	for _, j := range rep.Rejects {
		r.rep.add(Problem{File: t.file, Row: j.Row, Column: j.Field, Reason: j.Reason, Args: j.Args})
	}
	c.Inserted, c.Updated, c.Unchanged = rep.Inserted, rep.Updated, rep.Unchanged
	return nil
}

// operatorRows creates the units' operator accounts without a password:
// each gets a one-time password in its letter (Letters). An account of the
// same username at the same unit is the same account.
func (r *run) operatorRows(t *table, c *Counts) error {
	seen := map[string]int{}
	return t.each(func(rw row) error {
		code := r.creditCode(t, rw)
		user, err := admin.CheckUsername(rw.get("username"))
		if err != nil {
			r.bad(t, rw, "username", err)
		}
		display, ok := r.optional(t, rw, "display_name", 50)
		if code == "" || err != nil || !ok || r.dup(t, rw, "username", strings.ToLower(user), seen) {
			return nil
		}
		uid, err := r.unit(code)
		if err != nil {
			return err
		}
		if uid == 0 {
			r.fail(t, rw, "credit_code", ReasonUnknownUnit, code)
			return nil
		}
		if err := r.putOperator(t, rw, uid, user, display, c); err != nil {
			return err
		}
		return nil
	})
}

func (r *run) putOperator(t *table, rw row, unitID int64, user, display string, c *Counts) error {
	old, err := r.tx.AccountByUsername(r.ctx, user)
	switch {
	case shebao.ErrorCode(err) == shebao.ENOTFOUND:
		acc := shebao.Account{Username: user, Role: shebao.RoleOperator, UnitID: unitID, DisplayName: display,
			MustChange: true, CreatedAt: r.now}
		if err := r.tx.CreateAccount(r.ctx, &acc); err != nil {
			return err
		}
		c.Inserted++
		return nil
	case err != nil:
		return err
	case old.Role != shebao.RoleOperator || old.UnitID != unitID:
		r.fail(t, rw, "username", ReasonAccountElsewhere)
		return nil
	case old.DisplayName == display:
		c.Unchanged++
		return nil
	}
	old.DisplayName = display
	c.Updated++
	return r.tx.UpdateAccount(r.ctx, old)
}
