package register

import (
	"strconv"

	"shebao"
	"shebao/rules"
)

// SourceImport marks base declarations brought from the old system.
const SourceImport = "import"

// pendingBase is a checked row of bases.csv whose person and unit are not
// looked up yet.
type pendingBase struct {
	n        int
	d        shebao.BaseDeclaration
	id, code string
}

// baseRows stores the declared bases by year: the wage clamped to the
// year's bounds (a clamped wage is flagged), in force from the year's
// BaseFromMonth, matched by unit, person and year, a chunk of rows at a
// time.
func (r *run) baseRows(t *table, c *Counts) error {
	seen := newKeys()
	err := chunked(t, func(rw row) (pendingBase, bool) {
		return r.parseBase(t, rw)
	}, func(rows []pendingBase, chunk int) error {
		return r.putBases(t, rows, chunk, seen, c)
	})
	if err != nil {
		seen.s.close()
		return err
	}
	return seen.report(r, t, "id_number")
}

// putBases finds a chunk's persons and units, and inserts or replaces
// their declarations. A row whose person, unit and year are on an earlier
// row of the chunk is skipped (a duplicate, reported with the file's).
func (r *run) putBases(t *table, rows []pendingBase, chunk int, seen *keys, c *Counts) error {
	codes, ids := make([]string, len(rows)), make([]string, len(rows))
	for i, p := range rows {
		codes[i], ids[i] = p.code, p.id
	}
	units, persons, err := r.ids(codes, ids)
	if err != nil {
		return err
	}
	var ds []shebao.BaseDeclaration
	years := map[int][]int64{} // year → the persons declared for it
	done := map[string]bool{}
	for _, p := range rows {
		pid, uid, ok := r.resolve(t, p.n, p.id, p.code, units, persons)
		if !ok {
			continue
		}
		key := p.id + "/" + p.code + "/" + itoa(p.d.Year)
		if err := seen.add(key, p.n, chunk); err != nil {
			return err
		}
		if done[key] {
			continue
		}
		done[key] = true
		p.d.PersonID, p.d.UnitID = pid, uid
		ds = append(ds, p.d)
		years[p.d.Year] = append(years[p.d.Year], pid)
	}
	stored := map[[3]int64]shebao.BaseDeclaration{} // unit, person, year
	for y, pids := range years {
		old, err := r.tx.DeclarationsOfPersons(r.ctx, y, distinctIDs(pids))
		if err != nil {
			return err
		}
		for _, d := range old {
			stored[[3]int64{d.UnitID, d.PersonID, int64(d.Year)}] = d
		}
	}
	var puts []shebao.BaseDeclaration
	for _, d := range ds {
		old, found := stored[[3]int64{d.UnitID, d.PersonID, int64(d.Year)}]
		switch {
		case found && old.FromPeriod == d.FromPeriod && old.Wage == d.Wage && old.Base == d.Base && old.Clamp == d.Clamp:
			c.Unchanged++
			continue
		case found:
			c.Updated++
		default:
			c.Inserted++
		}
		puts = append(puts, d)
	}
	return r.tx.PutDeclarations(r.ctx, puts)
}

// distinctIDs returns the ids of ids, each once.
func distinctIDs(ids []int64) []int64 {
	seen := make(map[int64]bool, len(ids))
	out := ids[:0:0]
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

// parseBase checks a row's cells; its person and unit are found with its
// chunk's.
func (r *run) parseBase(t *table, rw row) (pendingBase, bool) {
	d := shebao.BaseDeclaration{Source: SourceImport, DeclaredAt: r.now}
	id, code := r.idNumber(t, rw), r.creditCode(t, rw)
	ok := id != "" && code != ""
	year, err := strconv.Atoi(rw.get("year"))
	if err != nil {
		r.fail(t, rw, "year", shebao.ReasonNotInteger)
		ok = false
	}
	d.Year = year
	wage, err := shebao.ParseYuan(rw.get("wage"))
	if err != nil || wage <= 0 {
		r.fail(t, rw, "wage", shebao.ReasonAmountMalformed)
		ok = false
	}
	if !ok {
		return pendingBase{}, false
	}
	p, err := r.policy(year)
	if err != nil || p == nil {
		r.fail(t, rw, "year", ReasonNoPolicy, itoa(year))
		return pendingBase{}, false
	}
	b := rules.ClampBase(wage, p.BaseFloor, p.BaseCeiling)
	if b.Clamp != rules.ClampNone {
		r.rep.add(Problem{File: t.file, Row: rw.n, Column: "wage", Reason: ReasonBaseBounds, Warning: true,
			Args: []string{p.BaseFloor.Yuan(), p.BaseCeiling.Yuan(), itoa(year)}})
	}
	d.Wage, d.Base, d.Clamp = b.Wage, b.Base, string(b.Clamp)
	d.FromPeriod = shebao.NewPeriod(year, 1).AddMonths(max(p.BaseFromMonth, 1) - 1)
	return pendingBase{n: rw.n, d: d, id: id, code: code}, true
}
