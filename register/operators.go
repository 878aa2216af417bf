package register

import (
	"strings"

	"shebao"
	"shebao/admin"
	"shebao/employment"
)

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
		if recs = append(recs, rec); len(recs) < chunkRows {
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

// operatorRow is a checked row of operators.csv.
type operatorRow struct {
	n                   int
	code, user, display string
}

// operatorRows creates the units' operator accounts without a password,
// a chunk of rows at a time: each gets a one-time password in its letter
// (Letters). An account of the same username at the same unit is the same
// account.
func (r *run) operatorRows(t *table, c *Counts) error {
	seen := newKeys()
	err := chunked(t, func(rw row) (operatorRow, bool) {
		code := r.creditCode(t, rw)
		user, err := admin.CheckUsername(rw.get("username"))
		if err != nil {
			r.bad(t, rw, "username", err)
		}
		display, ok := r.optional(t, rw, "display_name", 50)
		return operatorRow{rw.n, code, user, display}, code != "" && err == nil && ok
	}, func(rows []operatorRow, chunk int) error {
		for _, o := range rows {
			if err := seen.add(strings.ToLower(o.user), o.n, chunk); err != nil {
				return err
			}
		}
		return r.putOperators(t, rows, c)
	})
	if err != nil {
		seen.s.close()
		return err
	}
	return seen.report(r, t, "username")
}

// putOperators creates or updates a chunk's accounts. A username on an
// earlier row of the chunk is skipped (a duplicate, reported with the
// file's).
func (r *run) putOperators(t *table, rows []operatorRow, c *Counts) error {
	codes, users := make([]string, len(rows)), make([]string, len(rows))
	for i, o := range rows {
		codes[i], users[i] = o.code, o.user
	}
	units, err := r.tx.UnitsByCreditCodes(r.ctx, distinct(codes))
	if err != nil {
		return err
	}
	stored, err := r.tx.AccountsByUsernames(r.ctx, distinct(users))
	if err != nil {
		return err
	}
	var news []shebao.Account
	done := map[string]bool{}
	for _, o := range rows {
		u, ok := units[o.code]
		if !ok {
			r.failAt(t, o.n, "credit_code", ReasonUnknownUnit, o.code)
			continue
		}
		key := strings.ToLower(o.user)
		if done[key] {
			continue
		}
		done[key] = true
		old, found := stored[key]
		switch {
		case !found:
			news = append(news, shebao.Account{Username: o.user, Role: shebao.RoleOperator, UnitID: u.ID,
				DisplayName: o.display, MustChange: true, CreatedAt: r.now})
			c.Inserted++
		case old.Role != shebao.RoleOperator || old.UnitID != u.ID:
			r.failAt(t, o.n, "username", ReasonAccountElsewhere)
		case old.DisplayName == o.display:
			c.Unchanged++
		default:
			old.DisplayName = o.display
			if err := r.tx.UpdateAccount(r.ctx, old); err != nil {
				return err
			}
			c.Updated++
		}
	}
	return r.tx.InsertOperators(r.ctx, news)
}
