package register

import (
	"strings"

	"shebao"
	"shebao/rules"
)

// personRows stores the persons, matched by ID number; sex and birth date
// come from the number.
func (r *run) personRows(t *table, c *Counts) error {
	seen := map[string]int{}
	return t.each(func(rw row) error {
		p, ok := r.parsePerson(t, rw)
		if !ok || r.dup(t, rw, "id_number", p.IDNumber, seen) {
			return nil
		}
		if err := r.putPerson(p, c); err != nil {
			return err
		}
		return nil
	})
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

func (r *run) putPerson(p shebao.Person, c *Counts) error {
	old, err := r.tx.PersonByIDNumber(r.ctx, p.IDNumber)
	switch {
	case shebao.ErrorCode(err) == shebao.ENOTFOUND:
		if err := r.tx.CreatePerson(r.ctx, &p); err != nil {
			return err
		}
		c.Inserted++
	case err != nil:
		return err
	default:
		p.ID = old.ID
		if p == old {
			c.Unchanged++
			break
		}
		if err := r.tx.UpdatePerson(r.ctx, p); err != nil {
			return err
		}
		c.Updated++
	}
	r.persons[p.IDNumber] = p.ID
	return nil
}
