package register

import (
	"strconv"

	"shebao"
	"shebao/rules"
)

// SourceImport marks base declarations brought from the old system.
const SourceImport = "import"

// baseRows stores the declared bases by year: the wage clamped to the
// year's bounds (a clamped wage is flagged), in force from the year's
// BaseFromMonth, matched by unit, person and year.
func (r *run) baseRows(t *table, c *Counts) error {
	seen := map[string]int{}
	stored := map[[2]int64][]shebao.BaseDeclaration{} // unit, year → declarations
	return t.each(func(rw row) error {
		d, ok := r.parseBase(t, rw)
		key := strconv.FormatInt(d.PersonID, 10) + "/" + strconv.FormatInt(d.UnitID, 10) + "/" + itoa(d.Year)
		if !ok || r.dup(t, rw, "id_number", key, seen) {
			return nil
		}
		k := [2]int64{d.UnitID, int64(d.Year)}
		if _, ok := stored[k]; !ok {
			ds, err := r.tx.Declarations(r.ctx, d.UnitID, d.Year)
			if err != nil {
				return err
			}
			stored[k] = ds
		}
		old, found := declarationOf(stored[k], d.PersonID)
		switch {
		case found && old.FromPeriod == d.FromPeriod && old.Wage == d.Wage && old.Base == d.Base && old.Clamp == d.Clamp:
			c.Unchanged++
			return nil
		case found:
			c.Updated++
		default:
			c.Inserted++
		}
		if err := r.tx.PutDeclaration(r.ctx, &d); err != nil {
			return err
		}
		return nil
	})
}

func declarationOf(ds []shebao.BaseDeclaration, personID int64) (shebao.BaseDeclaration, bool) {
	for _, d := range ds {
		if d.PersonID == personID {
			return d, true
		}
	}
	return shebao.BaseDeclaration{}, false
}

func (r *run) parseBase(t *table, rw row) (shebao.BaseDeclaration, bool) {
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
		return d, false
	}
	p, err := r.policy(year)
	if err != nil || p == nil {
		r.fail(t, rw, "year", ReasonNoPolicy, itoa(year))
		return d, false
	}
	b := rules.ClampBase(wage, p.BaseFloor, p.BaseCeiling)
	if b.Clamp != rules.ClampNone {
		r.rep.add(Problem{File: t.file, Row: rw.n, Column: "wage", Reason: ReasonBaseBounds, Warning: true,
			Args: []string{p.BaseFloor.Yuan(), p.BaseCeiling.Yuan(), itoa(year)}})
	}
	d.Wage, d.Base, d.Clamp = b.Wage, b.Base, string(b.Clamp)
	d.FromPeriod = shebao.NewPeriod(year, 1).AddMonths(max(p.BaseFromMonth, 1) - 1)
	var c shebao.Coverage
	if !r.resolve(t, rw, id, code, &c) {
		return d, false
	}
	d.PersonID, d.UnitID = c.PersonID, c.UnitID
	return d, true
}
