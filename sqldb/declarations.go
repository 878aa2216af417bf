package sqldb

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"shebao"
)

const declarationColumns = `id, unit_id, person_id, year, from_period, wage, base, clamp, source, item_id, declared_at`

// PutDeclaration stores d, replacing the unit's declaration of the same
// person for the same year, and sets d.ID.
func (t *tx) PutDeclaration(ctx context.Context, d *shebao.BaseDeclaration) error {
	err := t.tx.QueryRowContext(ctx, `INSERT INTO base_declarations
		(unit_id, person_id, year, from_period, wage, base, clamp, source, item_id, declared_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
		ON CONFLICT (unit_id, person_id, year) DO UPDATE SET from_period = excluded.from_period,
			wage = excluded.wage, base = excluded.base, clamp = excluded.clamp,
			source = excluded.source, item_id = excluded.item_id, declared_at = excluded.declared_at
		RETURNING id`,
		d.UnitID, d.PersonID, d.Year, int32(d.FromPeriod), int64(d.Wage), int64(d.Base), d.Clamp,
		d.Source, d.ItemID, micros(d.DeclaredAt)).Scan(&d.ID)
	return dbError(fmt.Sprintf("put declaration of person %d at unit %d for %d", d.PersonID, d.UnitID, d.Year), err)
}

// Declarations lists a unit's declarations for a year, by person id.
func (t *tx) Declarations(ctx context.Context, unitID int64, year int) ([]shebao.BaseDeclaration, error) {
	rows, err := t.tx.QueryContext(ctx, `SELECT `+declarationColumns+` FROM base_declarations
		WHERE unit_id = $1 AND year = $2 ORDER BY person_id`, unitID, year)
	if err != nil {
		return nil, dbError("list declarations", err)
	}
	ds, err := collect(rows, func(s scanner) (shebao.BaseDeclaration, error) {
		var d shebao.BaseDeclaration
		var at int64
		err := s.Scan(&d.ID, &d.UnitID, &d.PersonID, &d.Year, &d.FromPeriod, &d.Wage, &d.Base,
			&d.Clamp, &d.Source, &d.ItemID, &at)
		d.DeclaredAt = fromMicros(at)
		return d, err
	})
	return ds, dbError("list declarations", err)
}

// UnitBases lists the unit's employees with active coverage and the base in
// force for each in period p: the pension coverage's base (or the largest
// without pension), overridden by the declaration with the greatest
// from_period <= p.
func (t *tx) UnitBases(ctx context.Context, unitID int64, p shebao.Period) ([]shebao.PersonBase, error) {
	agg := "group_concat(c.insurance, ',')"
	if t.dialect == Postgres {
		agg = "string_agg(c.insurance, ',')"
	}
	rows, err := t.tx.QueryContext(ctx, `SELECT p.id, p.id_number, p.name, p.sex, p.birth_date,
		p.post_category, p.phone, p.address,
		COALESCE(MAX(CASE WHEN c.insurance = 'pension' THEN c.base END), MAX(c.base)),
		(SELECT d.base FROM base_declarations d WHERE d.person_id = p.id AND d.unit_id = $1
			AND d.from_period <= $2 ORDER BY d.from_period DESC LIMIT 1), `+agg+`
		FROM coverages c JOIN persons p ON p.id = c.person_id
		WHERE c.unit_id = $1 AND c.status = 'active'
		GROUP BY p.id, p.id_number, p.name, p.sex, p.birth_date, p.post_category, p.phone, p.address
		ORDER BY p.name, p.id`, unitID, int32(p))
	if err != nil {
		return nil, dbError("unit bases", err)
	}
	bs, err := collect(rows, func(s scanner) (shebao.PersonBase, error) {
		var b shebao.PersonBase
		var declared *int64
		var ins string
		q := &b.Person
		err := s.Scan(&q.ID, &q.IDNumber, &q.Name, &q.Sex, &q.BirthDate, &q.PostCategory, &q.Phone,
			&q.Address, &b.Base, &declared, &ins)
		if declared != nil {
			b.Base, b.Declared = shebao.Fen(*declared), true
		}
		for _, v := range strings.Split(ins, ",") {
			b.Insurances = append(b.Insurances, shebao.Insurance(v))
		}
		slices.SortFunc(b.Insurances, func(a, b shebao.Insurance) int { return insuranceRank(a) - insuranceRank(b) })
		return b, err
	})
	return bs, dbError("unit bases", err)
}

// UndeclaredUnits lists the units that have employees with active coverage
// but no declaration for year, by name, with the counts of active and
// declared employees.
func (t *tx) UndeclaredUnits(ctx context.Context, year int) ([]shebao.UndeclaredUnit, error) {
	rows, err := t.tx.QueryContext(ctx, `SELECT a.active, a.declared, `+prefixed("u.", unitColumns)+`
		FROM (SELECT c.unit_id, COUNT(DISTINCT c.person_id) AS active,
				COUNT(DISTINCT d.person_id) AS declared
			FROM coverages c LEFT JOIN base_declarations d
				ON d.unit_id = c.unit_id AND d.person_id = c.person_id AND d.year = $1
			WHERE c.status = 'active' GROUP BY c.unit_id) a
		JOIN units u ON u.id = a.unit_id
		WHERE a.declared < a.active ORDER BY u.name, u.id`, year)
	if err != nil {
		return nil, dbError("undeclared units", err)
	}
	us, err := collect(rows, func(s scanner) (shebao.UndeclaredUnit, error) {
		var x shebao.UndeclaredUnit
		var err error
		x.Unit, err = scanUnit(countsFirst{s, []any{&x.Active, &x.Declared}})
		return x, err
	})
	return us, dbError("undeclared units", err)
}

// prefixed qualifies each column of a comma-separated list with prefix.
func prefixed(prefix, columns string) string {
	cols := strings.Split(columns, ",")
	for i, c := range cols {
		cols[i] = prefix + strings.TrimSpace(c)
	}
	return strings.Join(cols, ", ")
}

// countsFirst scans leading columns into first, and the rest with the
// caller's destinations, so that a row scanner (scanUnit) can be reused
// on a row with extra columns in front.
type countsFirst struct {
	s     scanner
	first []any
}

// Scan implements scanner.
func (c countsFirst) Scan(dest ...any) error {
	return c.s.Scan(append(append([]any(nil), c.first...), dest...)...)
}
