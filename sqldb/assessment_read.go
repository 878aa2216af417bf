package sqldb

import (
	"bytes"
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"shebao"
)

// insuranceOrder is an ORDER BY expression for column col that sorts
// insurance types in display order (shebao.Insurances).
func insuranceOrder(col string) string {
	s := "CASE " + col
	for i, ins := range shebao.Insurances {
		s += fmt.Sprintf(" WHEN '%s' THEN %d", ins, i)
	}
	return s + fmt.Sprintf(" ELSE %d END", len(shebao.Insurances))
}

// UnitInjuryFloat returns a unit's floating injury rate for a year, 0 when
// none is set.
func (t *tx) UnitInjuryFloat(ctx context.Context, unitID int64, year int) (int64, error) {
	var v int64
	err := t.tx.QueryRowContext(ctx, `SELECT injury_float FROM unit_rates WHERE unit_id = $1 AND year = $2`,
		unitID, year).Scan(&v)
	if err = dbError(fmt.Sprintf("injury float of unit %d in %d", unitID, year), err); shebao.ErrorCode(err) == shebao.ENOTFOUND {
		return 0, nil
	}
	return v, err
}

// UnitInPeriod returns a unit, its floating injury rate for the period's
// year (0 when none is set) and the period's assessment (zero, Period 0,
// when the period was never assessed) in one statement: Unit,
// UnitInjuryFloat and AssessmentRun together, for the bill
// (docs/PERFORMANCE.md, "The bill per request (stop 12)").
func (t *tx) UnitInPeriod(ctx context.Context, unitID int64, p shebao.Period) (shebao.Unit, int64, shebao.AssessmentRun, error) {
	var f int64
	var r runRow
	u, err := scanUnit(scanWith(t.tx.QueryRowContext(ctx, `SELECT `+unitColumnsOf("u")+`, COALESCE(r.injury_float, 0), `+
		runColumnsOr0("ap")+`
		FROM units u LEFT JOIN unit_rates r ON r.unit_id = u.id AND r.year = $2
		LEFT JOIN assessment_periods ap ON ap.period = $3
		WHERE u.id = CAST($1 AS BIGINT)`, unitID, p.Year(), int32(p)), append([]any{&f}, r.dest()...)...))
	return u, f, r.run(), dbError(fmt.Sprintf("unit %d in %s", unitID, p), err)
}

// unitColumnsOf is unitColumns of the table aliased alias.
func unitColumnsOf(alias string) string {
	cols := strings.Split(unitColumns, ",")
	for i, c := range cols {
		cols[i] = alias + "." + strings.TrimSpace(c)
	}
	return strings.Join(cols, ", ")
}

// extraScanner scans a row's leading columns through Scan's caller and
// its last ones into extra.
type extraScanner struct {
	s     scanner
	extra []any
}

func scanWith(s scanner, extra ...any) extraScanner { return extraScanner{s, extra} }

func (e extraScanner) Scan(dest ...any) error { return e.s.Scan(append(dest, e.extra...)...) }

// SetUnitInjuryFloat sets or replaces a unit's floating rate for a year.
func (t *tx) SetUnitInjuryFloat(ctx context.Context, r shebao.UnitRate) error {
	_, err := t.tx.ExecContext(ctx, `INSERT INTO unit_rates (unit_id, year, injury_float) VALUES ($1, $2, $3)
		ON CONFLICT (unit_id, year) DO UPDATE SET injury_float = excluded.injury_float`,
		r.UnitID, r.Year, r.InjuryFloat)
	return dbError(fmt.Sprintf("set injury float of unit %d in %d", r.UnitID, r.Year), err)
}

// UnitRates lists the floating rates set for a year, by unit name.
func (t *tx) UnitRates(ctx context.Context, year int) ([]shebao.UnitRate, error) {
	rows, err := t.tx.QueryContext(ctx, `SELECT r.unit_id, r.year, r.injury_float, u.name, u.credit_code, u.risk_class
		FROM unit_rates r JOIN units u ON u.id = r.unit_id WHERE r.year = $1 ORDER BY u.name, u.id`, year)
	if err != nil {
		return nil, dbError("unit rates", err)
	}
	rs, err := collect(rows, func(s scanner) (shebao.UnitRate, error) {
		var r shebao.UnitRate
		return r, s.Scan(&r.UnitID, &r.Year, &r.InjuryFloat, &r.UnitName, &r.CreditCode, &r.RiskClass)
	})
	return rs, dbError("unit rates", err)
}

// PeriodCoverages lists the unit's coverages that count in a period.
func (t *tx) PeriodCoverages(ctx context.Context, unitID int64, p shebao.Period) ([]shebao.PeriodCoverage, error) {
	return t.periodCoverages(ctx, `c.unit_id = CAST($1 AS BIGINT)`, unitID, p)
}

// EachPeriodPerson streams the unit's persons whose coverages count in a
// period to fn from the cursor, one row each: the live bill's one
// statement (docs/PERFORMANCE.md, "The live bill"). It counts the coverages
// as periodCoverages does (countsIn, inForce, notBackpay; the declaration
// by declaredIn, the district run's form, on this unit only), but reads a
// row and the person's name once per person instead of once per coverage:
// the person's coverages come as one text column of "<id><insurance><base>"
// words (parseCoverageBases), and the database sorts the unit's persons,
// not their coverages. The words are aggregated in no order and put in
// coverage id order in Go: an ORDER BY inside string_agg made SQLite keep
// a sorter per person, a sixth of the statement's instructions
// (docs/PERFORMANCE.md, "The live bill (stop 11)"). A word has no spaces
// inside (an id and a base are digits, an insurance type letters): two
// concatenations a coverage fewer than "id insurance base" triples
// ("The bill per request (stop 12)").
func (t *tx) EachPeriodPerson(ctx context.Context, unitID int64, p shebao.Period, fn func(shebao.PeriodPerson) error) error {
	rows, err := t.tx.QueryContext(ctx, `SELECT p.id, p.name, p.id_number, x.coverages FROM (
		SELECT c.person_id, string_agg(c.id || c.insurance || `+inForce+`, ' ') AS coverages
		FROM coverages c`+declaredIn("$2", "$1", "$1", t.dialect)+`
		WHERE c.unit_id = CAST($1 AS BIGINT) AND `+countsIn("$2")+` AND `+notBackpay+`
		GROUP BY c.person_id) x
		JOIN persons p ON p.id = x.person_id
		ORDER BY p.name, p.id`, unitID, int32(p))
	if err != nil {
		return dbError("period persons", err)
	}
	defer rows.Close()
	var pp shebao.PeriodPerson
	var covs sql.RawBytes
	for rows.Next() {
		if err := rows.Scan(&pp.PersonID, &pp.PersonName, &pp.IDNumber, &covs); err != nil {
			return dbError("period persons", err)
		}
		if pp.Coverages, err = parseCoverageBases(pp.Coverages[:0], covs); err != nil {
			return fmt.Errorf("sqldb: period persons: person %d: %w", pp.PersonID, err)
		}
		if err := fn(pp); err != nil {
			return err
		}
	}
	return dbError("period persons", rows.Err())
}

// parseCoverageBases appends to out the coverages of EachPeriodPerson's
// text column, words separated by single spaces, each a coverage's id, its
// insurance type and its base written together ("12pension800000": ids and
// bases are digits, insurance types letters), in coverage id order.
func parseCoverageBases(out []shebao.CoverageBase, b []byte) ([]shebao.CoverageBase, error) {
	start := len(out)
	for len(b) > 0 {
		n := bytes.IndexByte(b, ' ')
		if n < 0 {
			n = len(b)
		}
		w := b[:n]
		b = b[min(n+1, len(b)):]
		i := 0
		for i < len(w) && '0' <= w[i] && w[i] <= '9' {
			i++
		}
		j := len(w)
		for j > i && '0' <= w[j-1] && w[j-1] <= '9' {
			j--
		}
		if i == 0 || j == i || j == len(w) {
			return out, fmt.Errorf("coverages: %q is not an id, an insurance type and a base", w)
		}
		id, err := strconv.ParseInt(string(w[:i]), 10, 64)
		if err != nil {
			return out, err
		}
		base, err := strconv.ParseInt(string(w[j:]), 10, 64)
		if err != nil {
			return out, err
		}
		out = append(out, shebao.CoverageBase{CoverageID: id, Insurance: insuranceOf(w[i:j]), Base: shebao.Fen(base)})
	}
	slices.SortFunc(out[start:], func(x, y shebao.CoverageBase) int { return cmp.Compare(x.CoverageID, y.CoverageID) })
	return out, nil
}

// insuranceOf returns the insurance type named b, the constant when it is
// one of shebao.Insurances (no string is allocated).
func insuranceOf(b []byte) shebao.Insurance {
	for _, ins := range shebao.Insurances {
		if string(b) == string(ins) {
			return ins
		}
	}
	return shebao.Insurance(b)
}

// PersonPeriodCoverages lists the person's coverages that count in a
// period, at any unit.
func (t *tx) PersonPeriodCoverages(ctx context.Context, personID int64, p shebao.Period) ([]shebao.PeriodCoverage, error) {
	return t.periodCoverages(ctx, `c.person_id = $1`, personID, p)
}

// periodCoverages lists the coverages matching cond (on $1 = id) that count
// in period p, with the base in force in p, as the assessment counts them.
func (t *tx) periodCoverages(ctx context.Context, cond string, id int64, p shebao.Period) ([]shebao.PeriodCoverage, error) {
	rows, err := t.tx.QueryContext(ctx, `SELECT c.id, c.person_id, c.unit_id, c.insurance, c.status,
		c.first_period, c.last_period, `+inForce+`, c.item_id, p.name, p.id_number
		FROM coverages c JOIN persons p ON p.id = c.person_id`+declaredJoin("$2")+`
		WHERE `+cond+` AND `+countsIn("$2")+` AND `+notBackpay+`
		ORDER BY p.name, p.id, c.unit_id, `+insuranceOrder("c.insurance")+`, c.id`, id, int32(p))
	if err != nil {
		return nil, dbError("period coverages", err)
	}
	cs, err := collect(rows, func(s scanner) (shebao.PeriodCoverage, error) {
		var pc shebao.PeriodCoverage
		c := &pc.Coverage
		err := s.Scan(&c.ID, &c.PersonID, &c.UnitID, &c.Insurance, &c.Status, &c.FirstPeriod,
			&c.LastPeriod, &c.Base, &c.ItemID, &pc.PersonName, &pc.IDNumber)
		return pc, err
	})
	return cs, dbError("period coverages", err)
}

// runColumns are an assessment_periods row's columns as runRow scans them.
var runColumns = []string{"period", "status", "policy_version", "units", "persons", "lines",
	"employer", "employee", "assessed_at", "closed_at"}

// runColumnsOr0 is runColumns of the table aliased alias, each 0 (status
// the empty text) when the row is missing (a LEFT JOIN).
func runColumnsOr0(alias string) string {
	cols := make([]string, len(runColumns))
	for i, c := range runColumns {
		zero := "0"
		if c == "status" {
			zero = "''"
		}
		cols[i] = "COALESCE(" + alias + "." + c + ", " + zero + ")"
	}
	return strings.Join(cols, ", ")
}

// runRow scans a period's assessment.
type runRow struct {
	r                shebao.AssessmentRun
	assessed, closed int64
}

func (x *runRow) dest() []any {
	r := &x.r
	return []any{&r.Period, &r.Status, &r.PolicyVersion, &r.Units, &r.Persons, &r.Lines, &r.Employer, &r.Employee,
		&x.assessed, &x.closed}
}

func (x *runRow) run() shebao.AssessmentRun {
	r := x.r
	r.AssessedAt, r.ClosedAt = fromMicros(x.assessed), fromMicros(x.closed)
	return r
}

// AssessmentRun returns a period's assessment.
func (t *tx) AssessmentRun(ctx context.Context, p shebao.Period) (shebao.AssessmentRun, error) {
	var r runRow
	err := t.tx.QueryRowContext(ctx, `SELECT `+strings.Join(runColumns, ", ")+` FROM assessment_periods WHERE period = $1`,
		int32(p)).Scan(r.dest()...)
	return r.run(), dbError(fmt.Sprintf("assessment %s", p), err)
}

const lineColumns = `l.period, l.coverage_id, l.unit_id, l.person_id, l.insurance, l.stored_base, l.base,
	l.clamp, l.employer_rate, l.employee_rate, l.rounding, l.employer, l.employee, p.name, p.id_number`

func scanLine(s scanner) (shebao.AssessmentLine, error) {
	var l shebao.AssessmentLine
	err := s.Scan(&l.Period, &l.CoverageID, &l.UnitID, &l.PersonID, &l.Insurance, &l.StoredBase, &l.Base,
		&l.Clamp, &l.EmployerRate, &l.EmployeeRate, &l.Rounding, &l.Employer, &l.Employee,
		&l.PersonName, &l.IDNumber)
	return l, err
}

// AssessmentLines lists a unit's stored lines of a period.
func (t *tx) AssessmentLines(ctx context.Context, p shebao.Period, unitID int64) ([]shebao.AssessmentLine, error) {
	var ls []shebao.AssessmentLine
	err := t.EachAssessmentLine(ctx, p, unitID, func(l shebao.AssessmentLine) error {
		ls = append(ls, l)
		return nil
	})
	return ls, err
}

// EachAssessmentLine streams a unit's stored lines of a period to fn from
// the cursor.
func (t *tx) EachAssessmentLine(ctx context.Context, p shebao.Period, unitID int64, fn func(shebao.AssessmentLine) error) error {
	rows, err := t.tx.QueryContext(ctx, `SELECT `+lineColumns+`
		FROM assessment_lines l JOIN persons p ON p.id = l.person_id
		WHERE l.period = $1 AND l.unit_id = $2
		ORDER BY p.name, l.person_id, `+insuranceOrder("l.insurance")+`, l.coverage_id`, int32(p), unitID)
	if err != nil {
		return dbError("assessment lines", err)
	}
	return dbError("assessment lines", each(rows, scanLine, fn))
}

// PersonAssessmentLines lists a person's stored lines in closed periods
// from..to, by period.
func (t *tx) PersonAssessmentLines(ctx context.Context, personID int64, from, to shebao.Period) ([]shebao.AssessmentLine, error) {
	rows, err := t.tx.QueryContext(ctx, `SELECT `+lineColumns+`
		FROM assessment_lines l JOIN persons p ON p.id = l.person_id
		JOIN assessment_periods ap ON ap.period = l.period AND ap.status = $4
		WHERE l.person_id = $1 AND l.period BETWEEN $2 AND $3
		ORDER BY l.period, l.unit_id, `+insuranceOrder("l.insurance")+`, l.coverage_id`,
		personID, int32(from), int32(to), string(shebao.AssessmentClosed))
	if err != nil {
		return nil, dbError("person assessment lines", err)
	}
	ls, err := collect(rows, scanLine)
	return ls, dbError("person assessment lines", err)
}

// UnitPeriodSums lists a unit's sums of every closed period, newest first.
func (t *tx) UnitPeriodSums(ctx context.Context, unitID int64) ([]shebao.UnitPeriodSum, error) {
	rows, err := t.tx.QueryContext(ctx, `SELECT s.period, s.unit_id, s.persons, s.employer, s.employee,
		s.paid, s.paid_at FROM assessment_units s
		JOIN assessment_periods ap ON ap.period = s.period AND ap.status = $2
		WHERE s.unit_id = $1 ORDER BY s.period DESC`, unitID, string(shebao.AssessmentClosed))
	if err != nil {
		return nil, dbError("unit period sums", err)
	}
	ss, err := collect(rows, func(sc scanner) (shebao.UnitPeriodSum, error) {
		var s shebao.UnitPeriodSum
		var paidAt int64
		err := sc.Scan(&s.Period, &s.UnitID, &s.Persons, &s.Employer, &s.Employee, &s.Paid, &paidAt)
		s.PaidAt = fromMicros(paidAt)
		return s, err
	})
	return ss, dbError("unit period sums", err)
}

// SetPeriodPaid records whether a unit paid a closed period.
func (t *tx) SetPeriodPaid(ctx context.Context, p shebao.Period, unitID int64, paid bool, at time.Time) error {
	var paidAt int64
	if paid {
		paidAt = micros(at)
	}
	res, err := t.tx.ExecContext(ctx, `UPDATE assessment_units SET paid = $1, paid_at = $2
		WHERE period = $3 AND unit_id = $4
		AND period IN (SELECT period FROM assessment_periods WHERE status = $5)`,
		paid, paidAt, int32(p), unitID, string(shebao.AssessmentClosed))
	return affectedOne(res, err, fmt.Sprintf("set paid %s unit %d", p, unitID))
}
