package sqldb

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"shebao"
	"shebao/rules"
)

// countsIn is the condition under which coverage c counts in the period
// bound to the placeholder ph: started on or before it, and active or
// stopped on or after it.
func countsIn(ph string) string {
	return `c.first_period <= ` + ph + ` AND (c.status = 'active' OR c.last_period >= ` + ph + `)`
}

// inForce is the base of coverage c in force in the period: that of d, the
// person's base declaration in force at the unit (declaredJoin or
// declaredIn), else the coverage's own base (docs/CONTRIBUTIONS.md, "Which
// base the assessment uses").
const inForce = `COALESCE(d.base, c.base)`

// declaredJoin joins d, the base declaration in force for coverage c in the
// period bound to ph (none: NULL columns), by a lookup per coverage: the
// form for the few coverages of a unit or person (periodCoverages).
func declaredJoin(ph string) string {
	return ` LEFT JOIN base_declarations d ON d.person_id = c.person_id AND d.unit_id = c.unit_id
		AND d.from_period = (SELECT MAX(d2.from_period) FROM base_declarations d2
			WHERE d2.person_id = c.person_id AND d2.unit_id = c.unit_id AND d2.from_period <= ` + ph + `)`
}

// declaredIn joins d, the base declaration in force for coverage c in the
// period bound to ph (none: NULL columns), for the district run: the
// person's declaration at the unit from ph or before with no later one
// from ph or before. The test for a later declaration runs only for the
// declarations found, not for every coverage as in declaredJoin, and
// PostgreSQL runs it as one anti-join over the chunk's declarations
// (docs/PERFORMANCE.md). On PostgreSQL the chunk's units lo..hi
// also bound both readings of base_declarations (the join implies it; the
// planner does not carry a range across it); SQLite, which looks up each
// coverage's declarations in base_declarations_person, would use the range
// there instead of the equality on unit_id.
func declaredIn(ph, lo, hi, dialect string) string {
	inChunk := func(string) string { return "" }
	if dialect == Postgres {
		inChunk = func(alias string) string { return ` AND ` + alias + `.unit_id BETWEEN ` + lo + ` AND ` + hi }
	}
	return ` LEFT JOIN base_declarations d ON d.person_id = c.person_id AND d.unit_id = c.unit_id` + inChunk("d") + `
		AND d.from_period <= ` + ph + ` AND NOT EXISTS (SELECT 1 FROM base_declarations d2
			WHERE d2.person_id = d.person_id AND d2.unit_id = d.unit_id` + inChunk("d2") + `
			AND d2.from_period > d.from_period AND d2.from_period <= ` + ph + `)`
}

// notBackpay leaves out the coverages an approved back-pay item opened
// (always stopped ones): their months are charged, with the late fee,
// through the item (backpay_months), never again by the monthly assessment.
const notBackpay = `(c.status = 'active' OR NOT ` + backpayOpened + `)`

// backpayOpened holds for a coverage that a back-pay item opened.
const backpayOpened = `EXISTS (SELECT 1 FROM items i WHERE i.id = c.item_id AND i.type = 'backpay')`

// assessedIn is countsIn(ph) AND notBackpay with the status tested once
// for an active coverage ((A OR B) AND (A OR C) is A OR (B AND C)): the
// district statement's filter, two virtual machine steps a line fewer on
// SQLite (docs/PERFORMANCE.md, "The assessment (stop 10, branch
// s10-assess)").
func assessedIn(ph string) string {
	return `c.first_period <= ` + ph + ` AND (c.status = 'active' OR c.last_period >= ` + ph +
		` AND NOT ` + backpayOpened + `)`
}

// periodStatus returns a period's assessment status; "" when never assessed.
func (t *tx) periodStatus(ctx context.Context, p shebao.Period) (shebao.AssessmentStatus, error) {
	var s string
	err := t.tx.QueryRowContext(ctx, `SELECT status FROM assessment_periods WHERE period = $1`, int32(p)).Scan(&s)
	if shebao.ErrorCode(dbError("", err)) == shebao.ENOTFOUND {
		return "", nil
	}
	return shebao.AssessmentStatus(s), dbError(fmt.Sprintf("assessment status %s", p), err)
}

func periodClosed(p shebao.Period) error {
	return shebao.Refused(shebao.ReasonPeriodClosed, p.String())
}

// StartAssessment marks a period assessing, unless it is closed.
func (t *tx) StartAssessment(ctx context.Context, p shebao.Period, policyVersion int) error {
	op := fmt.Sprintf("start assessment %s", p)
	res, err := t.tx.ExecContext(ctx, `INSERT INTO assessment_periods (period, status, policy_version)
		VALUES ($1, $2, $3)
		ON CONFLICT (period) DO UPDATE SET status = excluded.status, policy_version = excluded.policy_version
		WHERE assessment_periods.status <> $4`,
		int32(p), string(shebao.AssessmentRunning), policyVersion, string(shebao.AssessmentClosed))
	if err != nil {
		return dbError(op, err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return dbError(op, err)
	} else if n == 0 {
		return periodClosed(p)
	}
	return nil
}

// CountUnits counts every unit of the district.
func (t *tx) CountUnits(ctx context.Context) (int, error) {
	var n int
	err := t.tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM units`).Scan(&n)
	return n, dbError("count units", err)
}

// UnitIDsAfter lists up to limit unit ids above after, ascending.
func (t *tx) UnitIDsAfter(ctx context.Context, after int64, limit int) ([]int64, error) {
	rows, err := t.tx.QueryContext(ctx, `SELECT id FROM units WHERE id > $1 ORDER BY id LIMIT $2`, after, limit)
	if err != nil {
		return nil, dbError("unit ids", err)
	}
	ids, err := collect(rows, func(s scanner) (int64, error) {
		var id int64
		return id, s.Scan(&id)
	})
	return ids, dbError("unit ids", err)
}

// AssessUnits replaces the lines and sums of units from..to in period p.
// The lines are computed in one INSERT … SELECT by assessSQL, so the
// district run never holds more than a statement in memory.
func (t *tx) AssessUnits(ctx context.Context, p shebao.Period, pol shebao.Policy, from, to int64) (int, error) {
	op := fmt.Sprintf("assess %s units %d–%d", p, from, to)
	status, err := t.periodStatus(ctx, p)
	switch {
	case err != nil:
		return 0, err
	case status == shebao.AssessmentClosed:
		return 0, periodClosed(p)
	case status != shebao.AssessmentRunning:
		return 0, fmt.Errorf("sqldb: %s: the period's run was not started", op)
	}
	if err := t.clearUnits(ctx, p, from, to); err != nil {
		return 0, dbError(op, err)
	}
	if t.dialect == Postgres {
		// The statement's estimated cost (its CASE expressions on a
		// chunk's rows) passes PostgreSQL's JIT thresholds, and compiling
		// it, again for every chunk, took longer (0.6–0.8 s) than running
		// it: the chunk's transaction runs it without JIT. chunkWorkMem
		// keeps the unit sums' sort of a large unit's persons in memory.
		if _, err := t.tx.ExecContext(ctx, `SELECT set_config('jit', 'off', true),
			set_config('work_mem', '`+chunkWorkMem+`', true)`); err != nil {
			return 0, dbError(op, err)
		}
	}
	declared, err := t.declaredInUnits(ctx, p, from, to)
	if err != nil {
		return 0, dbError(op, err)
	}
	query, args := assessSQL(pol, p, from, to, declared, t.dialect)
	res, err := t.tx.ExecContext(ctx, query, args...)
	if err != nil {
		return 0, dbError(op, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, dbError(op, err)
	}
	if t.dialect == Postgres {
		if _, err := t.tx.ExecContext(ctx, sumsInKeyOrder); err != nil {
			return 0, dbError(op, err)
		}
	}
	_, err = t.tx.ExecContext(ctx, unitSumsSQL, int32(p), from, to)
	return int(n), dbError(op, err)
}

// declaredInUnits tells whether any unit from..to has a base declaration
// in force in period p or before: one probe of the declarations' unique
// (unit_id, person_id, year) index. Without one, every coverage's base is
// its own, and assessSQL leaves out the lookup of each coverage's
// declaration (0.09× the raw insert's work on SQLite; docs/PERFORMANCE.md,
// "The assessment (stop 11, branch s11-assess)").
func (t *tx) declaredInUnits(ctx context.Context, p shebao.Period, from, to int64) (bool, error) {
	var n int
	err := t.tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM (SELECT 1 FROM base_declarations
		WHERE unit_id BETWEEN $1 AND $2 AND from_period <= $3 LIMIT 1) d`, from, to, int32(p)).Scan(&n)
	return n > 0, err
}

// chunkWorkMem is PostgreSQL's work_mem for a chunk's statements: room
// for COUNT(DISTINCT person_id)'s sort of one unit's lines (unitSumsSQL)
// in memory up to some 300,000 lines.
const chunkWorkMem = "32MB"

// clearUnits deletes the lines and sums of units from..to in period p. A
// unit has lines in p only together with its sums (AssessUnits writes both
// in one transaction and deletes both), so when no sums go, no lines are
// there either: the first run of a period skips the DELETE of lines, whose
// search the database may plan as a scan of the whole table while its
// statistics are behind.
func (t *tx) clearUnits(ctx context.Context, p shebao.Period, from, to int64) error {
	res, err := t.tx.ExecContext(ctx, `DELETE FROM assessment_units
		WHERE period = $1 AND unit_id BETWEEN $2 AND $3`, int32(p), from, to)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return err
	}
	_, err = t.tx.ExecContext(ctx, `DELETE FROM assessment_lines
		WHERE period = $1 AND unit_id BETWEEN $2 AND $3`, int32(p), from, to)
	return err
}

// assessSQL returns the statement that assesses the coverages of units
// from..to in period p under policy pol. It is package billing's AssessLine
// written in SQL, and billing's tests hold the two equal on every rounding
// and clamp case:
//   - base: the coverage's base clamped to [floor, ceiling] (rules.ClampBase);
//   - rate: the policy's, or for work injury the unit's risk class rate plus
//     its floating rate of the year, never below 0, and 0 outside classes
//     1–8 (rules.InjuryRate);
//   - amount: base × rate per 100,000, half up to the fen, or up to the
//     jiao (rules.Round); both operands are non-negative.
//
// The policy's numbers are written into the statement as integer literals
// (formatted from int64, so nothing but digits and a sign): the rounding
// rule of each insurance type then picks its arithmetic when the statement
// is built, and the database evaluates no parameter casts per row, which
// keeps the run near the speed of a plain INSERT … SELECT. Values that come
// from outside (the period, the unit range, rounding names) are parameters.
//
// Neither database shares a subexpression between the columns of a row,
// so the statement computes each value once, in three steps that the
// database may not merge (docs/PERFORMANCE.md, "The district assessment"):
// each unit's work-injury rate, once per unit (unitsSQL); each line's base
// in force, applied base and rates (lineSQL); then the clamp and the
// amounts from those. SQLite reads each unit and then its coverages
// (a CROSS JOIN keeps that order); PostgreSQL hashes the chunk's units.
// The statement writes only the lines; unitSumsSQL follows it.
func assessSQL(pol shebao.Policy, p shebao.Period, from, to int64, declared bool, dialect string) (string, []any) {
	args := []any{int32(p), p.Year(), from, to}
	_, clamp := clampSQL(pol.BaseFloor, pol.BaseCeiling, "stored_base", dialect)
	q := `INSERT INTO assessment_lines (period, coverage_id, unit_id, person_id, insurance, stored_base,
		base, clamp, employer_rate, employee_rate, rounding, employer, employee)
		SELECT $1, coverage_id, unit_id, person_id, insurance, stored_base, base, ` + clamp + `,
		employer_rate, employee_rate, rounding, ` + amountSQL(pol, "employer_rate") + `, ` +
		amountSQL(pol, "employee_rate") + `
		FROM (` + lineSQL(pol, declared, dialect, &args) + `) l`
	return q, args
}

// kept ends a derived table that the database must compute as written,
// not merge into the query around it: a LIMIT with an OFFSET on SQLite
// (its query flattener leaves such a subquery alone), OFFSET 0 on
// PostgreSQL.
func kept(dialect string) string {
	if dialect == Postgres {
		return ` OFFSET 0`
	}
	return ` LIMIT -1 OFFSET 0`
}

// unitsSQL returns the chunk's units $3..$4 with their work-injury
// employer rate of the year $2 (injury_rate), computed once per unit.
func unitsSQL(pol shebao.Policy, dialect string) string {
	return `SELECT u.id, ` + injuryRateSQL(pol, dialect) + ` AS injury_rate
		FROM units u LEFT JOIN unit_rates r ON r.unit_id = u.id AND r.year = $2
		WHERE u.id BETWEEN $3 AND $4` + kept(dialect)
}

// lineSQL returns the coverages of the chunk's units that count in period
// $1 with, for each, its base in force (stored_base), the base applied
// (base), its employer and employee rate and its rounding rule. Unless
// declared (some unit of the chunk has a declaration in force), the base in
// force is the coverage's own, without a lookup.
//
// SQLite reads each unit (unitsSQL) and then the unit's coverages from
// coverages_unit_status alone, which holds every column the statement
// reads, in id order within a unit and status (migration 00015), so that
// the lines go into assessment_lines in key order. PostgreSQL reads the chunk's coverages by their
// unit range and hashes the units; it joins them with a LEFT JOIN so that
// it estimates the chunk's lines from the coverages alone (an inner join
// with the units' range counted the range twice and planned for 2% of the
// rows). Every coverage has its unit (a foreign key), so the rows are
// those of an inner join.
func lineSQL(pol shebao.Policy, declared bool, dialect string, args *[]any) string {
	stored, declaration := `c.base`, ""
	if declared {
		stored, declaration = inForce, declaredIn("$1", "$3", "$4", dialect)
	}
	base, _ := clampSQL(pol.BaseFloor, pol.BaseCeiling, stored, dialect)
	var er, ee, rnd strings.Builder
	for _, ins := range shebao.Insurances {
		r := pol.Rates[ins]
		erRate := lit(r.Employer)
		if ins == shebao.Injury {
			r = rules.InjuryRate(pol, 1, 0)
			erRate = "u.injury_rate"
		}
		when := " WHEN '" + string(ins) + "' THEN "
		er.WriteString(when + erRate)
		ee.WriteString(when + lit(r.Employee))
		rnd.WriteString(when + roundingSQL(r.Rounding, args))
	}
	source := ` FROM coverages c LEFT JOIN (` + unitsSQL(pol, dialect) + `) u ON u.id = c.unit_id` +
		declaration + `
		WHERE c.unit_id BETWEEN $3 AND $4 AND `
	if dialect == SQLite {
		source = ` FROM (` + unitsSQL(pol, dialect) + `) u CROSS JOIN coverages c` + declaration + `
		WHERE c.unit_id = u.id AND `
	}
	return `SELECT c.id AS coverage_id, c.unit_id, c.person_id, c.insurance, ` + stored + ` AS stored_base,
		` + base + ` AS base,
		CASE c.insurance` + er.String() + ` ELSE 0 END AS employer_rate,
		CASE c.insurance` + ee.String() + ` ELSE 0 END AS employee_rate,
		CASE c.insurance` + rnd.String() + ` ELSE '' END AS rounding` +
		source + assessedIn("$1") + kept(dialect)
}

// amountSQL returns the amount of a line at the rate of column rate:
// base × rate rounded by the insurance type's rule, one expression when
// every type rounds alike (a line of another type has rate 0, so amount
// 0, as AssessLine gives it).
func amountSQL(pol shebao.Policy, rate string) string {
	var each strings.Builder
	alike := true
	first := roundingOf(pol, shebao.Insurances[0])
	for _, ins := range shebao.Insurances {
		r := roundingOf(pol, ins)
		alike = alike && r == first
		each.WriteString(" WHEN '" + string(ins) + "' THEN " + roundSQL("base", rate, r))
	}
	if alike {
		return roundSQL("base", rate, first)
	}
	return `CASE insurance` + each.String() + ` ELSE 0 END`
}

// roundingOf returns the rounding rule of one insurance type's amounts
// under pol (for work injury, rules.InjuryRate's).
func roundingOf(pol shebao.Policy, ins shebao.Insurance) shebao.Rounding {
	if ins == shebao.Injury {
		return rules.InjuryRate(pol, 1, 0).Rounding
	}
	return pol.Rates[ins].Rounding
}

// unitSumsSQL writes the unit sums of units $2..$3 in period $1 from their
// lines, grouped by unit alone: the period is one. It reads the lines back
// along assessment_lines' key, in unit order, so that neither database
// sorts them. On PostgreSQL this is cheaper than summing the lines that
// the INSERT returns (a data-modifying WITH, until stop 12), which stored
// them and sorted them by unit (docs/PERFORMANCE.md, "The district
// assessment (stop 12)"); on PostgreSQL after sumsInKeyOrder.
const unitSumsSQL = `INSERT INTO assessment_units (period, unit_id, persons, lines, employer, employee)
	SELECT $1, unit_id, COUNT(DISTINCT person_id), COUNT(*), SUM(employer), SUM(employee)
	FROM assessment_lines WHERE period = $1 AND unit_id BETWEEN $2 AND $3
	GROUP BY unit_id`

// sumsInKeyOrder has PostgreSQL read the chunk's lines for unitSumsSQL
// along assessment_lines' key, for the rest of the chunk's transaction
// (the sums are its last statement). Inside the transaction that wrote
// them, the planner knows nothing of the lines but the table's pages, and
// from a chunk's 80,000 lines on (the seed's 1,000 units of 20) it
// estimated the chunk's range at 3–31 rows and read them by a bitmap
// scan, in the heap's order, then sorted them by unit: 0.05 s of CPU a
// chunk against 0.03 along the key (docs/PERFORMANCE.md, "The district
// assessment (stop 13)"). The lines' statement keeps its plan: it runs
// before the setting.
const sumsInKeyOrder = `SELECT set_config('enable_bitmapscan', 'off', true)`

// clampSQL returns the expressions of base b clamped to [floor, ceiling]
// and of its clamp (rules.ClampBase: above the ceiling, the ceiling; below
// the floor, the floor, unless the floor lies above the ceiling, which
// ValidatePolicy prevents, when the ceiling wins). The usual case uses the
// dialect's two-argument min and max, which read b once.
func clampSQL(floor, ceiling shebao.Fen, b, dialect string) (base, clamp string) {
	lo, hi := lit(int64(floor)), lit(int64(ceiling))
	if floor > ceiling {
		return `(CASE WHEN ` + b + ` > ` + hi + ` OR ` + b + ` < ` + lo + ` THEN ` + hi + ` ELSE ` + b + ` END)`,
			`CASE WHEN ` + b + ` > ` + hi + ` OR ` + b + ` < ` + lo + ` THEN 'ceiling' ELSE 'none' END`
	}
	least, greatest := "min", "max" // SQLite's scalar min and max
	if dialect == Postgres {
		least, greatest = "LEAST", "GREATEST"
	}
	return greatest + `(` + lo + `, ` + least + `(` + hi + `, ` + b + `))`,
		`CASE WHEN ` + b + ` > ` + hi + ` THEN 'ceiling' WHEN ` + b + ` < ` + lo + ` THEN 'floor' ELSE 'none' END`
}

// lit writes an integer as an SQL literal.
func lit(v int64) string { return strconv.FormatInt(v, 10) }

// roundSQL returns base × rate per 100,000 rounded by r (rules.Round), for
// a non-negative base and rate: half up to the fen, or up to the jiao.
func roundSQL(base, rate string, r shebao.Rounding) string {
	if r == shebao.RoundJiaoUp {
		return `((` + base + ` * ` + rate + ` + 999999) / 1000000) * 10`
	}
	return `(` + base + ` * ` + rate + ` + 50000) / 100000`
}

// injuryRateSQL returns the work-injury employer rate of the unit u with
// floating rate r (rules.InjuryRate): the class rate plus the float, never
// below 0, and 0 outside classes 1–8.
func injuryRateSQL(pol shebao.Policy, dialect string) string {
	var class strings.Builder
	class.WriteString("CASE u.risk_class")
	for i, v := range pol.InjuryClassRates {
		class.WriteString(" WHEN " + strconv.Itoa(i+1) + " THEN " + lit(v))
	}
	class.WriteString(" ELSE 0 END")
	greatest := "max" // SQLite's scalar max
	if dialect == Postgres {
		greatest = "GREATEST"
	}
	return `(CASE WHEN u.risk_class BETWEEN 1 AND 8 THEN ` + greatest + `(0, ` + class.String() +
		` + COALESCE(r.injury_float, 0)) ELSE 0 END)`
}

// roundingSQL returns a rounding rule's name for the statement: a literal
// for the known rules, a parameter (appended to args) for anything else.
func roundingSQL(r shebao.Rounding, args *[]any) string {
	if r == shebao.RoundFen || r == shebao.RoundJiaoUp {
		return "'" + string(r) + "'"
	}
	*args = append(*args, string(r))
	return "CAST($" + strconv.Itoa(len(*args)) + " AS TEXT)"
}

// FinishAssessment sums the period's unit sums into its run and marks it
// assessed.
func (t *tx) FinishAssessment(ctx context.Context, p shebao.Period, at time.Time) (shebao.AssessmentRun, error) {
	op := fmt.Sprintf("finish assessment %s", p)
	res, err := t.tx.ExecContext(ctx, `UPDATE assessment_periods SET status = $2, assessed_at = $3,
		units = (SELECT COUNT(*) FROM assessment_units WHERE period = $1),
		persons = (SELECT COALESCE(SUM(persons), 0) FROM assessment_units WHERE period = $1),
		lines = (SELECT COALESCE(SUM(lines), 0) FROM assessment_units WHERE period = $1),
		employer = (SELECT COALESCE(SUM(employer), 0) FROM assessment_units WHERE period = $1),
		employee = (SELECT COALESCE(SUM(employee), 0) FROM assessment_units WHERE period = $1)
		WHERE period = $1 AND status = $4`,
		int32(p), string(shebao.AssessmentDone), micros(at), string(shebao.AssessmentRunning))
	if err != nil {
		return shebao.AssessmentRun{}, dbError(op, err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return shebao.AssessmentRun{}, dbError(op, err)
	} else if n == 0 {
		return shebao.AssessmentRun{}, periodClosed(p)
	}
	return t.AssessmentRun(ctx, p)
}

// CloseAssessment freezes an assessed period.
func (t *tx) CloseAssessment(ctx context.Context, p shebao.Period, at time.Time) error {
	op := fmt.Sprintf("close assessment %s", p)
	res, err := t.tx.ExecContext(ctx, `UPDATE assessment_periods SET status = $1, closed_at = $2
		WHERE period = $3 AND status = $4`,
		string(shebao.AssessmentClosed), micros(at), int32(p), string(shebao.AssessmentDone))
	if err != nil {
		return dbError(op, err)
	}
	if n, err := res.RowsAffected(); err != nil || n > 0 {
		return dbError(op, err)
	}
	status, err := t.periodStatus(ctx, p)
	if err != nil {
		return err
	}
	if status == shebao.AssessmentClosed {
		return periodClosed(p)
	}
	return shebao.Refused(shebao.ReasonPeriodNotAssessed, p.String())
}
