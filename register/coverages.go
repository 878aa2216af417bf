package register

import (
	"cmp"
	"encoding/binary"
	"slices"
	"strings"

	"shebao"
)

// spanRow is a checked row of coverages.csv: its row number and the
// coverage it is, with its person and unit found. Nothing else of the row
// is kept; the district's history is about a million rows, sorted by
// person in a sorter (spanSorter) to be checked person by person.
type spanRow struct {
	n int
	c shebao.Coverage
}

// pendingSpan is a checked row whose person and unit are not looked up yet.
type pendingSpan struct {
	s        spanRow
	id, code string
}

var insuranceOrder = []shebao.Insurance{shebao.Pension, shebao.Medical, shebao.Unemployment, shebao.Injury}

const spanRecSize = 4 + 8 + 8 + 1 + 1 + 4 + 4 + 8

// spanSorter orders spans by person, insurance type, first period and row.
func spanSorter() *sorter[spanRow] {
	le := binary.LittleEndian
	return newSorter(spanRecSize,
		func(b []byte, s spanRow) {
			le.PutUint32(b, uint32(s.n))
			le.PutUint64(b[4:], uint64(s.c.PersonID))
			le.PutUint64(b[12:], uint64(s.c.UnitID))
			b[20] = byte(slices.Index(insuranceOrder, s.c.Insurance))
			b[21] = 0
			if s.c.Status == shebao.CoverageStopped {
				b[21] = 1
			}
			le.PutUint32(b[22:], uint32(s.c.FirstPeriod))
			le.PutUint32(b[26:], uint32(s.c.LastPeriod))
			le.PutUint64(b[30:], uint64(s.c.Base))
		},
		func(b []byte) spanRow {
			s := spanRow{n: int(le.Uint32(b))}
			s.c.PersonID, s.c.UnitID = int64(le.Uint64(b[4:])), int64(le.Uint64(b[12:]))
			s.c.Insurance, s.c.Status = insuranceOrder[b[20]], shebao.CoverageActive
			if b[21] == 1 {
				s.c.Status = shebao.CoverageStopped
			}
			s.c.FirstPeriod, s.c.LastPeriod = shebao.Period(le.Uint32(b[22:])), shebao.Period(le.Uint32(b[26:]))
			s.c.Base = shebao.Fen(le.Uint64(b[30:]))
			return s
		},
		func(a, b spanRow) int {
			return cmp.Or(cmp.Compare(a.c.PersonID, b.c.PersonID), cmp.Compare(a.c.Insurance, b.c.Insurance),
				cmp.Compare(a.c.FirstPeriod, b.c.FirstPeriod), cmp.Compare(a.n, b.n))
		})
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
// active coverage per type, and spans of one type do not overlap. The rows
// are checked a chunk at a time and sorted by person; then each chunk of
// persons is checked against their stored coverages and applied.
func (r *run) coverageRows(t *table, c *Counts) error {
	spans := spanSorter()
	defer spans.close()
	err := chunked(t, func(rw row) (pendingSpan, bool) {
		return r.parseSpan(t, rw)
	}, func(rows []pendingSpan, _ int) error {
		codes, ids := make([]string, len(rows)), make([]string, len(rows))
		for i, p := range rows {
			codes[i], ids[i] = p.code, p.id
		}
		units, persons, err := r.ids(codes, ids)
		if err != nil {
			return err
		}
		for _, p := range rows {
			var ok bool
			if p.s.c.PersonID, p.s.c.UnitID, ok = r.resolve(t, p.s.n, p.id, p.code, units, persons); ok {
				if err := spans.add(p.s); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	var group []spanRow // the spans of up to chunkRows persons
	persons := 0
	err = spans.each(func(s spanRow) error {
		if n := len(group); n == 0 || group[n-1].c.PersonID != s.c.PersonID {
			if persons == chunkRows {
				if err := r.personsSpans(t, group, c); err != nil {
					return err
				}
				group, persons = group[:0], 0
			}
			persons++
		}
		group = append(group, s)
		return nil
	})
	if err == nil && len(group) > 0 {
		err = r.personsSpans(t, group, c)
	}
	return err
}

// parseSpan checks a row's cells; its person and unit are found with its
// chunk's.
func (r *run) parseSpan(t *table, rw row) (pendingSpan, bool) {
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
	return pendingSpan{s: s, id: id, code: unit}, ok
}

// personsSpans checks and stores the spans of a chunk of persons (sorted
// by person, type and first period) against their stored coverages: per
// person the changes of stored coverages first, so that a span closed by
// the file frees its type before a new active one is inserted.
func (r *run) personsSpans(t *table, spans []spanRow, c *Counts) error {
	var ids []int64
	for i, s := range spans {
		if i == 0 || spans[i-1].c.PersonID != s.c.PersonID {
			ids = append(ids, s.c.PersonID)
		}
	}
	all, err := r.tx.CoveragesOfPersons(r.ctx, ids)
	if err != nil {
		return err
	}
	stored := map[int64][]shebao.Coverage{}
	for _, s := range all {
		stored[s.PersonID] = append(stored[s.PersonID], s)
	}
	var updates, inserts []shebao.Coverage
	for i := 0; i < len(spans); {
		j := i
		for j < len(spans) && spans[j].c.PersonID == spans[i].c.PersonID {
			j++
		}
		updates, inserts = r.personSpans(t, spans[i:j], stored[spans[i].c.PersonID], updates, inserts, c)
		i = j
	}
	for _, u := range updates {
		if err := r.tx.UpdateCoverage(r.ctx, u); err != nil {
			return err
		}
	}
	if err := r.tx.InsertCoverages(r.ctx, inserts); err != nil {
		return err
	}
	c.Updated += len(updates)
	c.Inserted += len(inserts)
	return nil
}

// personSpans checks one person's spans (sorted by type and first period)
// against each other and the stored coverages and adds them to updates and
// inserts, unless there is an error.
func (r *run) personSpans(t *table, spans []spanRow, stored []shebao.Coverage, updates, inserts []shebao.Coverage, c *Counts) ([]shebao.Coverage, []shebao.Coverage) {
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
	unchanged := 0
	var ups, ins []shebao.Coverage
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
			ins = append(ins, s.c)
		case old.Status != s.c.Status || old.LastPeriod != s.c.LastPeriod || old.Base != s.c.Base:
			s.c.ID, s.c.ItemID = old.ID, old.ItemID
			ups = append(ups, s.c)
		default:
			unchanged++
		}
	}
	c.Unchanged += unchanged
	if !ok {
		return updates, inserts
	}
	return append(updates, ups...), append(inserts, ins...)
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
