package sqldb

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"shebao"
)

const coverageColumns = `id, person_id, unit_id, insurance, status, first_period, last_period, base, item_id`

func scanCoverage(s scanner) (shebao.Coverage, error) {
	var c shebao.Coverage
	err := s.Scan(&c.ID, &c.PersonID, &c.UnitID, &c.Insurance, &c.Status, &c.FirstPeriod,
		&c.LastPeriod, &c.Base, &c.ItemID)
	return c, err
}

// qCoverages reads a person's coverages through coverages_person.
const qCoverages = `SELECT ` + coverageColumns + ` FROM coverages WHERE person_id = CAST($1 AS BIGINT) ORDER BY id DESC`

// Coverages returns every coverage of a person at any unit, newest first.
func (t *tx) Coverages(ctx context.Context, personID int64) ([]shebao.Coverage, error) {
	rows, err := t.tx.QueryContext(ctx, qCoverages, personID)
	if err != nil {
		return nil, dbError("list coverages", err)
	}
	cs, err := collect(rows, scanCoverage)
	return cs, dbError("list coverages", err)
}

// InsertCoverage inserts c and sets c.ID. The partial unique index
// coverages_one_active turns a second active coverage of the same person and
// insurance into ECONFLICT, whichever request commits first.
func (t *tx) InsertCoverage(ctx context.Context, c *shebao.Coverage) error {
	err := t.tx.QueryRowContext(ctx, `INSERT INTO coverages
		(person_id, unit_id, insurance, status, first_period, last_period, base, item_id)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
		c.PersonID, c.UnitID, string(c.Insurance), string(c.Status), int32(c.FirstPeriod),
		int32(c.LastPeriod), int64(c.Base), c.ItemID).Scan(&c.ID)
	return dbError(fmt.Sprintf("insert %s coverage of person %d", c.Insurance, c.PersonID), err)
}

// StopCoverages stops every active coverage of the person at the unit with
// the given last period and returns how many it stopped.
func (t *tx) StopCoverages(ctx context.Context, personID, unitID int64, last shebao.Period) (int, error) {
	res, err := t.tx.ExecContext(ctx, `UPDATE coverages SET status = $1, last_period = $2
		WHERE person_id = $3 AND unit_id = $4 AND status = $5`,
		string(shebao.CoverageStopped), int32(last), personID, unitID, string(shebao.CoverageActive))
	if err != nil {
		return 0, dbError("stop coverages", err)
	}
	n, err := res.RowsAffected()
	return int(n), dbError("stop coverages", err)
}

// Roster lists the unit's persons with active coverage, by name: for each,
// the first period of its coverages, the pension base (or the largest base
// without pension) and the insurance types in display order.
func (t *tx) Roster(ctx context.Context, unitID int64, q string, limit, offset int) ([]shebao.RosterEntry, int, error) {
	var w where
	w.add(`c.unit_id = ?`, unitID)
	w.add(`c.status = ?`, string(shebao.CoverageActive))
	if q != "" {
		p := containsPattern(q)
		w.add(`(lower(p.name) LIKE lower(?)`+likeEscape+` OR lower(p.id_number) LIKE lower(?)`+likeEscape+`)`, p, p)
	}
	from := ` FROM coverages c JOIN persons p ON p.id = c.person_id` + w.String()
	var total int
	if err := t.tx.QueryRowContext(ctx, `SELECT COUNT(DISTINCT c.person_id)`+from, w.args...).Scan(&total); err != nil {
		return nil, 0, dbError("count roster", err)
	}
	agg := "group_concat(c.insurance, ',')"
	if t.dialect == Postgres {
		agg = "string_agg(c.insurance, ',')"
	}
	pg, args := w.page(limit, offset)
	rows, err := t.tx.QueryContext(ctx, `SELECT p.id, p.id_number, p.name, p.sex, p.birth_date,
		p.post_category, p.phone, p.address, MIN(c.first_period),
		COALESCE(MAX(CASE WHEN c.insurance = 'pension' THEN c.base END), MAX(c.base)), `+agg+
		from+` GROUP BY p.id, p.id_number, p.name, p.sex, p.birth_date, p.post_category, p.phone, p.address
		ORDER BY p.name, p.id`+pg, args...)
	if err != nil {
		return nil, 0, dbError("list roster", err)
	}
	entries, err := collect(rows, scanRosterEntry)
	return entries, total, dbError("list roster", err)
}

func scanRosterEntry(s scanner) (shebao.RosterEntry, error) {
	var e shebao.RosterEntry
	var ins string
	p := &e.Person
	err := s.Scan(&p.ID, &p.IDNumber, &p.Name, &p.Sex, &p.BirthDate, &p.PostCategory, &p.Phone,
		&p.Address, &e.FirstPeriod, &e.Base, &ins)
	for _, v := range strings.Split(ins, ",") {
		e.Insurances = append(e.Insurances, shebao.Insurance(v))
	}
	slices.SortFunc(e.Insurances, func(a, b shebao.Insurance) int {
		return insuranceRank(a) - insuranceRank(b)
	})
	return e, err
}

// insuranceRank returns the display position of an insurance type.
func insuranceRank(in shebao.Insurance) int {
	if i := slices.Index(shebao.Insurances, in); i >= 0 {
		return i
	}
	return len(shebao.Insurances)
}
