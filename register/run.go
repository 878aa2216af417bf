package register

import (
	"context"
	"errors"
	"time"

	"shebao"
	"shebao/rules"
)

// run is one dry run or import inside its transaction.
type run struct {
	ctx     context.Context
	tx      shebao.Tx
	a       shebao.Actor
	now     time.Time
	today   shebao.Date
	rep     Report
	units   map[string]int64 // credit code → unit id; 0: unknown
	persons map[string]int64 // ID number → person id; 0: unknown
	pols    map[int]*shebao.Policy
}

func newRun(ctx context.Context, tx shebao.Tx, a shebao.Actor, now time.Time, rep Report) *run {
	return &run{ctx: ctx, tx: tx, a: a, now: now, today: shebao.DateOf(now), rep: rep,
		units: map[string]int64{}, persons: map[string]int64{}, pols: map[int]*shebao.Policy{}}
}

// all reads and applies the files in order, units and persons before what
// refers to them, one at a time: only one file's rows are held at once.
func (r *run) all(files map[string]File) error {
	steps := []struct {
		name string
		fn   func(*table, *Counts) error
	}{
		{unitsKind.name, r.unitRows}, {personsKind.name, r.personRows}, {coveragesKind.name, r.coverageRows},
		{basesKind.name, r.baseRows}, {registrationsKind.name, r.registrations}, {operatorsKind.name, r.operatorRows},
	}
	for _, st := range steps {
		f, ok := files[st.name]
		if !ok {
			continue
		}
		k, _ := kindOf(st.name)
		t, p := readTable(f.Name, f.Data, k)
		if p != nil {
			r.rep.add(*p)
			continue
		}
		c := Counts{File: t.file}
		err := st.fn(t, &c)
		t.close()
		var fe *fileError
		if errors.As(err, &fe) {
			r.rep.add(fe.p)
		} else if err != nil {
			return err
		}
		c.Read = t.read
		r.rep.Files = append(r.rep.Files, c)
	}
	return nil
}

// fail adds an error of a cell.
func (r *run) fail(t *table, rw row, column, reason string, args ...string) {
	r.failAt(t, rw.n, column, reason, args...)
}

// failAt adds an error of a cell of row n.
func (r *run) failAt(t *table, n int, column, reason string, args ...string) {
	r.rep.add(Problem{File: t.file, Row: n, Column: column, Reason: reason, Args: args})
}

// bad adds the error of a rule about a cell.
func (r *run) bad(t *table, rw row, column string, err error) { r.rep.add(problem(t, rw, column, err)) }

// unit returns the id of the unit with a credit code, from the units file
// or the database; 0 when there is none.
func (r *run) unit(code string) (int64, error) {
	if id, ok := r.units[code]; ok {
		return id, nil
	}
	u, err := r.tx.UnitByCreditCode(r.ctx, code)
	if shebao.ErrorCode(err) == shebao.ENOTFOUND {
		r.units[code] = 0
		return 0, nil
	}
	r.units[code] = u.ID
	return u.ID, err
}

// person returns the id of the person with an ID number; 0 when unknown.
func (r *run) person(id string) (int64, error) {
	if pid, ok := r.persons[id]; ok {
		return pid, nil
	}
	p, err := r.tx.PersonByIDNumber(r.ctx, id)
	if shebao.ErrorCode(err) == shebao.ENOTFOUND {
		r.persons[id] = 0
		return 0, nil
	}
	r.persons[id] = p.ID
	return p.ID, err
}

// policy returns a year's policy, nil when the year has none.
func (r *run) policy(year int) (*shebao.Policy, error) {
	if p, ok := r.pols[year]; ok {
		return p, nil
	}
	p, err := r.tx.Policy(r.ctx, year)
	if shebao.ErrorCode(err) == shebao.ENOTFOUND {
		r.pols[year] = nil
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	r.pols[year] = &p
	return &p, nil
}

// idNumber checks an ID-number cell; "" after adding its problem.
func (r *run) idNumber(t *table, rw row) string {
	id, err := rules.ParseIDNumber(rw.get("id_number"), r.today)
	if err != nil {
		r.bad(t, rw, "id_number", err)
		return ""
	}
	return id.Number
}

// creditCode checks a credit-code cell; "" after adding its problem.
func (r *run) creditCode(t *table, rw row) string {
	code, err := rules.ParseCreditCode(rw.get("credit_code"))
	if err != nil {
		r.bad(t, rw, "credit_code", err)
		return ""
	}
	return code
}

// required checks that a cell is not empty and at most max characters.
func (r *run) required(t *table, rw row, column string, max int) (string, bool) {
	v := rw.get(column)
	switch {
	case v == "":
		r.fail(t, rw, column, shebao.ReasonRequired)
		return "", false
	case len([]rune(v)) > max:
		r.fail(t, rw, column, shebao.ReasonTooLong, itoa(max))
		return "", false
	}
	return v, true
}

// optional checks that a cell is at most max characters.
func (r *run) optional(t *table, rw row, column string, max int) (string, bool) {
	v := rw.get(column)
	if len([]rune(v)) > max {
		r.fail(t, rw, column, shebao.ReasonTooLong, itoa(max))
		return "", false
	}
	return v, true
}

// dup reports whether key was seen on an earlier row, adding the problem.
func (r *run) dup(t *table, rw row, column, key string, seen map[string]int) bool {
	if first, ok := seen[key]; ok {
		r.fail(t, rw, column, ReasonDuplicate, itoa(first))
		return true
	}
	seen[key] = rw.n
	return false
}
