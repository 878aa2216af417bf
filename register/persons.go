package register

import (
	"strings"

	"shebao"
	"shebao/rules"
)

// personRow is a checked row of persons.csv.
type personRow struct {
	n int
	p shebao.Person
}

// personRows stores the persons, matched by ID number, a chunk of rows at
// a time; sex and birth date come from the number.
func (r *run) personRows(t *table, c *Counts) error {
	seen := newKeys()
	err := chunked(t, func(rw row) (personRow, bool) {
		p, ok := r.parsePerson(t, rw)
		return personRow{rw.n, p}, ok
	}, func(rows []personRow, chunk int) error {
		for _, x := range rows {
			if err := seen.add(x.p.IDNumber, x.n, chunk); err != nil {
				return err
			}
		}
		return r.putPersons(rows, c)
	})
	if err != nil {
		seen.s.close()
		return err
	}
	return seen.report(r, t, "id_number")
}

func (r *run) parsePerson(t *table, rw row) (shebao.Person, bool) {
	var p shebao.Person
	id, err := rules.ParseIDNumber(rw.get("id_number"), r.today)
	ok := err == nil
	if err != nil {
		r.bad(t, rw, "id_number", err)
	}
	p.IDNumber, p.Sex, p.BirthDate = id.Number, id.Sex, id.Birth
	var good bool
	if p.Name, good = r.required(t, rw, "name", 50); !good {
		ok = false
	}
	if p.Phone, good = r.optional(t, rw, "phone", 30); !good {
		ok = false
	}
	if p.Address, good = r.optional(t, rw, "address", 200); !good {
		ok = false
	}
	switch strings.ToLower(rw.get("post_category")) {
	case "":
	case "cadre", "干部", "管理岗位":
		p.PostCategory = shebao.PostCadre
	case "worker", "工人":
		p.PostCategory = shebao.PostWorker
	default:
		r.fail(t, rw, "post_category", ReasonBadValue, "cadre, worker, 干部, 工人")
		ok = false
	}
	return p, ok
}

// putPersons inserts or updates a chunk's persons. An ID number on an
// earlier row of the chunk is skipped (a duplicate, reported with the
// file's).
func (r *run) putPersons(rows []personRow, c *Counts) error {
	ids := make([]string, len(rows))
	for i, x := range rows {
		ids[i] = x.p.IDNumber
	}
	stored, err := r.tx.PersonsByIDNumbers(r.ctx, ids)
	if err != nil {
		return err
	}
	var news []shebao.Person
	done := map[string]bool{}
	for _, x := range rows {
		p := x.p
		if done[p.IDNumber] {
			continue
		}
		done[p.IDNumber] = true
		old, found := stored[p.IDNumber]
		if !found {
			news = append(news, p)
			c.Inserted++
			continue
		}
		p.ID = old.ID
		if p == old {
			c.Unchanged++
			continue
		}
		if err := r.tx.UpdatePerson(r.ctx, p); err != nil {
			return err
		}
		c.Updated++
	}
	return r.tx.InsertPersons(r.ctx, news)
}
