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
	ctx   context.Context
	tx    shebao.Tx
	a     shebao.Actor
	now   time.Time
	today shebao.Date
	rep   Report
	pols  map[int]*shebao.Policy // the policy years met so far; nil: none
}

func newRun(ctx context.Context, tx shebao.Tx, a shebao.Actor, now time.Time, rep Report) *run {
	return &run{ctx: ctx, tx: tx, a: a, now: now, today: shebao.DateOf(now), rep: rep,
		pols: map[int]*shebao.Policy{}}
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

// chunkRows is how many rows of a file are checked and applied together:
// one lookup of their units and persons, one insert of the new ones (on
// PostgreSQL a statement each; SQLite's statements take 500 rows). Each
// statement is a round trip: on a loaded machine its wait, not its work,
// is most of its time.
var chunkRows = 5000 // a variable for the memory test

// ids returns the ids of the stored units and persons of the credit codes
// and ID numbers (empty strings skipped), by key; an unknown one is absent.
func (r *run) ids(codes, idNumbers []string) (map[string]int64, map[string]int64, error) {
	units, persons := map[string]int64{}, map[string]int64{}
	if codes = distinct(codes); len(codes) > 0 {
		us, err := r.tx.UnitsByCreditCodes(r.ctx, codes)
		if err != nil {
			return nil, nil, err
		}
		for k, u := range us {
			units[k] = u.ID
		}
	}
	if idNumbers = distinct(idNumbers); len(idNumbers) > 0 {
		ps, err := r.tx.PersonsByIDNumbers(r.ctx, idNumbers)
		if err != nil {
			return nil, nil, err
		}
		for k, p := range ps {
			persons[k] = p.ID
		}
	}
	return units, persons, nil
}

// distinct returns the non-empty strings of ss, each once.
func distinct(ss []string) []string {
	seen := make(map[string]bool, len(ss))
	out := ss[:0:0]
	for _, s := range ss {
		if s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// resolve finds the person and unit of a row's ID number and credit code
// among the chunk's ids; false after adding the problems.
func (r *run) resolve(t *table, n int, id, code string, units, persons map[string]int64) (int64, int64, bool) {
	pid, uid := persons[id], units[code]
	if pid == 0 {
		r.failAt(t, n, "id_number", ReasonUnknownPerson)
	}
	if uid == 0 {
		r.failAt(t, n, "credit_code", ReasonUnknownUnit, code)
	}
	return pid, uid, pid != 0 && uid != 0
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

// chunked reads t's rows, gathers what parse makes of each good one into
// chunks of at most chunkRows and calls flush with each chunk and its
// number: a file of any size is held a chunk at a time.
func chunked[T any](t *table, parse func(row) (T, bool), flush func([]T, int) error) error {
	var buf []T
	n := 0
	err := t.each(func(rw row) error {
		v, ok := parse(rw)
		if !ok {
			return nil
		}
		if buf = append(buf, v); len(buf) < chunkRows {
			return nil
		}
		err := flush(buf, n)
		buf, n = buf[:0], n+1
		return err
	})
	if err == nil && len(buf) > 0 {
		err = flush(buf, n)
	}
	return err
}
