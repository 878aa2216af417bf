package register

import (
	"sort"
	"strings"

	"shebao"
)

// spanRow is a checked row of coverages.csv: its row number and the
// coverage it is, with its person and unit found (nothing else of the row
// is kept: the district's history is about a million rows).
type spanRow struct {
	n int
	c shebao.Coverage
}

var insuranceNames = map[string]shebao.Insurance{
	"pension": shebao.Pension, "养老": shebao.Pension, "养老保险": shebao.Pension,
	"medical": shebao.Medical, "医疗": shebao.Medical, "医疗保险": shebao.Medical,
	"unemployment": shebao.Unemployment, "失业": shebao.Unemployment, "失业保险": shebao.Unemployment,
	"injury": shebao.Injury, "工伤": shebao.Injury, "工伤保险": shebao.Injury,
}

// coverageRows stores the coverage history: each span from a period to a
// period (stopped) or open (active), matched with stored coverages by
// person, unit, insurance type and first period. A person has at most one
// active coverage per type, and spans of one type do not overlap.
func (r *run) coverageRows(t *table, c *Counts) error {
	var spans []spanRow
	err := t.each(func(rw row) error {
		if s, ok := r.parseSpan(t, rw); ok {
			spans = append(spans, s)
		}
		return nil
	})
	if err != nil {
		return err
	}
	sort.SliceStable(spans, func(i, j int) bool {
		a, b := spans[i], spans[j]
		if a.c.PersonID != b.c.PersonID {
			return a.c.PersonID < b.c.PersonID
		}
		if a.c.Insurance != b.c.Insurance {
			return a.c.Insurance < b.c.Insurance
		}
		return a.c.FirstPeriod < b.c.FirstPeriod
	})
	for i := 0; i < len(spans); {
		j := i
		for j < len(spans) && spans[j].c.PersonID == spans[i].c.PersonID {
			j++
		}
		if err := r.personSpans(t, spans[i:j], c); err != nil {
			return err
		}
		i = j
	}
	return nil
}

// parseSpan checks a row's cells and finds its person and unit.
func (r *run) parseSpan(t *table, rw row) (spanRow, bool) {
	s := spanRow{n: rw.n}
	id, unit := r.idNumber(t, rw), r.creditCode(t, rw)
	ok := id != "" && unit != ""
	ins, known := insuranceNames[strings.ToLower(rw.get("insurance"))]
	if !known {
		r.fail(t, rw, "insurance", ReasonBadValue, "pension, medical, unemployment, injury, 养老, 医疗, 失业, 工伤")
		ok = false
	}
	s.c.Insurance, s.c.Status = ins, shebao.CoverageActive
	cur := r.today.Period()
	from, err := shebao.ParsePeriod(rw.get("from"))
	switch {
	case err != nil:
		r.bad(t, rw, "from", err)
		ok = false
	case from > cur:
		r.fail(t, rw, "from", ReasonPeriodFuture, cur.String())
		ok = false
	}
	s.c.FirstPeriod = from
	if v := rw.get("to"); v != "" {
		to, err := shebao.ParsePeriod(v)
		switch {
		case err != nil:
			r.bad(t, rw, "to", err)
			ok = false
		case to > cur:
			r.fail(t, rw, "to", ReasonPeriodFuture, cur.String())
			ok = false
		case to < from:
			r.fail(t, rw, "to", ReasonPeriodOrder)
			ok = false
		}
		s.c.Status, s.c.LastPeriod = shebao.CoverageStopped, to
	}
	base, err := shebao.ParseYuan(rw.get("base"))
	if err != nil || base <= 0 {
		r.fail(t, rw, "base", shebao.ReasonAmountMalformed)
		ok = false
	}
	s.c.Base = base
	return s, ok && r.resolve(t, rw, id, unit, &s.c)
}

// resolve finds the person and unit of a row's ID number and credit code
// and sets them in c; false after adding the problem.
func (r *run) resolve(t *table, rw row, id, unit string, c *shebao.Coverage) bool {
	pid, err1 := r.person(id)
	uid, err2 := r.unit(unit)
	if err1 != nil || err2 != nil || pid == 0 || uid == 0 {
		if pid == 0 {
			r.fail(t, rw, "id_number", ReasonUnknownPerson)
		}
		if uid == 0 {
			r.fail(t, rw, "credit_code", ReasonUnknownUnit, unit)
		}
		return false
	}
	c.PersonID, c.UnitID = pid, uid
	return true
}

// personSpans checks one person's spans (sorted by type and first period)
// against each other and the stored coverages, and stores them: changes of
// stored coverages first, so that a span closed by the file frees its type
// before a new active one is inserted.
func (r *run) personSpans(t *table, spans []spanRow, c *Counts) error {
	stored, err := r.tx.Coverages(r.ctx, spans[0].c.PersonID)
	if err != nil {
		return err
	}
	ok := true
	for i := 1; i < len(spans); i++ {
		prev, s := spans[i-1], spans[i]
		if prev.c.Insurance == s.c.Insurance && (prev.c.Status == shebao.CoverageActive || prev.c.LastPeriod >= s.c.FirstPeriod) {
			r.failAt(t, s.n, "from", ReasonOverlap, itoa(prev.n))
			ok = false
		}
	}
	closing := map[int64]bool{} // stored coverages the file stops
	for _, s := range spans {
		if old, found := match(stored, s.c); found && s.c.Status == shebao.CoverageStopped {
			closing[old.ID] = true
		}
	}
	var updates, inserts []shebao.Coverage
	for _, s := range spans {
		old, found := match(stored, s.c)
		if s.c.Status == shebao.CoverageActive {
			if other, busy := activeElsewhere(stored, s.c, old.ID, closing); busy {
				r.failAt(t, s.n, "to", ReasonTwoActive, r.unitName(other.UnitID))
				ok = false
			}
		}
		r.checkBase(t, s)
		switch {
		case !found:
			inserts = append(inserts, s.c)
		case old.Status != s.c.Status || old.LastPeriod != s.c.LastPeriod || old.Base != s.c.Base:
			s.c.ID, s.c.ItemID = old.ID, old.ItemID
			updates = append(updates, s.c)
		default:
			c.Unchanged++
		}
	}
	if !ok {
		return nil
	}
	for _, u := range updates {
		if err := r.tx.UpdateCoverage(r.ctx, u); err != nil {
			return err
		}
	}
	for i := range inserts {
		if err := r.tx.InsertCoverage(r.ctx, &inserts[i]); err != nil {
			return err
		}
	}
	c.Updated += len(updates)
	c.Inserted += len(inserts)
	return nil
}

// match finds the stored coverage a span is: same unit, type and first period.
func match(stored []shebao.Coverage, c shebao.Coverage) (shebao.Coverage, bool) {
	for _, s := range stored {
		if s.UnitID == c.UnitID && s.Insurance == c.Insurance && s.FirstPeriod == c.FirstPeriod {
			return s, true
		}
	}
	return shebao.Coverage{}, false
}

// activeElsewhere finds a stored active coverage of the span's type other
// than the one it matches and those the file stops.
func activeElsewhere(stored []shebao.Coverage, c shebao.Coverage, self int64, closing map[int64]bool) (shebao.Coverage, bool) {
	for _, s := range stored {
		if s.Insurance == c.Insurance && s.Status == shebao.CoverageActive && s.ID != self && !closing[s.ID] {
			return s, true
		}
	}
	return shebao.Coverage{}, false
}

// checkBase warns of a base outside the bounds of its first period's year.
func (r *run) checkBase(t *table, s spanRow) {
	p, err := r.policy(s.c.FirstPeriod.Year())
	if err != nil || p == nil {
		return
	}
	if s.c.Base < p.BaseFloor || s.c.Base > p.BaseCeiling {
		r.rep.add(Problem{File: t.file, Row: s.n, Column: "base", Reason: ReasonBaseBounds, Warning: true,
			Args: []string{p.BaseFloor.Yuan(), p.BaseCeiling.Yuan(), itoa(p.Year)}})
	}
}

func (r *run) unitName(id int64) string {
	u, err := r.tx.Unit(r.ctx, id)
	if err != nil {
		return "#" + itoa(int(id))
	}
	return u.Name
}
