package register

import (
	"strings"

	"shebao"
	"shebao/admin"
	"shebao/employment"
)

// registrationChunk is how many registrations are checked and applied
// together.
const registrationChunk = 2000

// registrations imports the employment registrations with package
// employment's own rules (docs/EMPLOYMENT.md), inside the register's
// transaction, a chunk at a time: a rejected registration is an error of
// the register. A source id twice within a chunk is employment's reject;
// in two chunks, the register's.
func (r *run) registrations(t *table, c *Counts) error {
	im := employment.NewChunks(r.ctx, r.tx, r.a, shebao.ImportFile, t.file, r.now)
	seen := newKeys()
	defer seen.s.close()
	var recs []employment.Record
	chunk := 0
	flush := func() error {
		rejects, err := im.Add(recs)
		for _, j := range rejects {
			r.rep.add(Problem{File: t.file, Row: j.Row, Column: j.Field, Reason: j.Reason, Args: j.Args})
		}
		recs, chunk = recs[:0], chunk+1
		return err
	}
	err := t.each(func(rw row) error {
		rec := employment.Record{Row: rw.n, SourceID: rw.get("source_id"), IDNumber: rw.get("id_number"),
			Name: rw.get("name"), CreditCode: rw.get("credit_code"), Start: rw.get("start"),
			RegisteredOn: rw.get("registered_on"), End: rw.get("end")}
		if rec.SourceID != "" {
			if err := seen.add(rec.SourceID, rw.n, chunk); err != nil {
				return err
			}
		}
		if recs = append(recs, rec); len(recs) < registrationChunk {
			return nil
		}
		return flush()
	})
	if err == nil && len(recs) > 0 {
		err = flush()
	}
	if err != nil {
		return err
	}
	err = seen.dups(func(row, first int, sameChunk bool) {
		if !sameChunk {
			r.failAt(t, row, employment.ColSourceID, employment.ReasonDuplicate, itoa(first))
		}
	})
	if err != nil {
		return err
	}
	rep, err := im.Done()
	if err != nil {
		return err
	}
	c.Inserted, c.Updated, c.Unchanged = rep.Inserted, rep.Updated, rep.Unchanged
	return nil
}

// operatorRows creates the units' operator accounts without a password:
// each gets a one-time password in its letter (Letters). An account of the
// same username at the same unit is the same account.
func (r *run) operatorRows(t *table, c *Counts) error {
	seen := newKeys()
	err := t.each(func(rw row) error {
		code := r.creditCode(t, rw)
		user, err := admin.CheckUsername(rw.get("username"))
		if err != nil {
			r.bad(t, rw, "username", err)
		}
		display, ok := r.optional(t, rw, "display_name", 50)
		if code == "" || err != nil || !ok {
			return nil
		}
		if err := seen.add(strings.ToLower(user), rw.n, 0); err != nil {
			return err
		}
		u, err := r.tx.UnitByCreditCode(r.ctx, code)
		if shebao.ErrorCode(err) == shebao.ENOTFOUND {
			r.fail(t, rw, "credit_code", ReasonUnknownUnit, code)
			return nil
		}
		if err != nil {
			return err
		}
		return r.putOperator(t, rw, u.ID, user, display, c)
	})
	if err != nil {
		seen.s.close()
		return err
	}
	return seen.report(r, t, "username")
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
