package sqldb

import (
	"context"

	"shebao"
)

// CollectionMonths streams the unit sums of closed periods in [from, to],
// with the unit's deduction account and the sums per insurance type, by
// unit and period: one query, one row in memory at a time.
func (t *tx) CollectionMonths(ctx context.Context, from, to shebao.Period, on shebao.Date, unpaidOnly bool, fn func(shebao.CollectionMonth) error) error {
	q := `SELECT s.unit_id, u.credit_code, u.name, ` + accountOn("u", "$4") + `, s.period, s.employer, s.employee, s.paid,
		COALESCE(SUM(CASE WHEN l.insurance = 'pension' THEN l.employer END), 0),
		COALESCE(SUM(CASE WHEN l.insurance = 'pension' THEN l.employee END), 0),
		COALESCE(SUM(CASE WHEN l.insurance = 'medical' THEN l.employer END), 0),
		COALESCE(SUM(CASE WHEN l.insurance = 'medical' THEN l.employee END), 0),
		COALESCE(SUM(CASE WHEN l.insurance = 'unemployment' THEN l.employer END), 0),
		COALESCE(SUM(CASE WHEN l.insurance = 'unemployment' THEN l.employee END), 0),
		COALESCE(SUM(CASE WHEN l.insurance = 'injury' THEN l.employer END), 0),
		COALESCE(SUM(CASE WHEN l.insurance = 'injury' THEN l.employee END), 0),
		` + collectedCols("s.unit_id", "s.period", "0") + `
		FROM assessment_units s
		JOIN assessment_periods ap ON ap.period = s.period AND ap.status = $3
		JOIN units u ON u.id = s.unit_id
		LEFT JOIN assessment_lines l ON l.period = s.period AND l.unit_id = s.unit_id
		WHERE s.period BETWEEN $1 AND $2`
	if unpaidOnly {
		q += ` AND NOT s.paid`
	}
	q += ` GROUP BY s.unit_id, u.id, u.credit_code, u.name, u.bank_account, s.period, s.employer, s.employee, s.paid
		ORDER BY s.unit_id, s.period`
	rows, err := t.tx.QueryContext(ctx, q, int32(from), int32(to), string(shebao.AssessmentClosed), int32(on))
	if err != nil {
		return dbError("collection months", err)
	}
	defer rows.Close()
	types := []shebao.Insurance{shebao.Pension, shebao.Medical, shebao.Unemployment, shebao.Injury}
	for rows.Next() {
		var m shebao.CollectionMonth
		var v [8]int64
		if err := rows.Scan(&m.UnitID, &m.CreditCode, &m.UnitName, &m.Account, &m.Period, &m.Employer,
			&m.Employee, &m.Paid, &v[0], &v[1], &v[2], &v[3], &v[4], &v[5], &v[6], &v[7],
			&m.Collected.Principal, &m.Collected.Fee, &m.Collected.FeeAccrued); err != nil {
			return dbError("collection months", err)
		}
		m.ByType = make(map[shebao.Insurance][2]shebao.Fen, len(types))
		for i, ins := range types {
			m.ByType[ins] = [2]shebao.Fen{shebao.Fen(v[2*i]), shebao.Fen(v[2*i+1])}
		}
		if err := fn(m); err != nil {
			return err
		}
	}
	return dbError("collection months", rows.Err())
}

// CollectionBackpays streams the approved back-pay items not recorded
// paid, one item in memory at a time: one query of their months, by unit,
// item and period.
func (t *tx) CollectionBackpays(ctx context.Context, on shebao.Date, fn func(shebao.CollectionBackpay) error) error {
	rows, err := t.tx.QueryContext(ctx, `SELECT b.unit_id, u.credit_code, u.name, `+accountOn("u", "$2")+`, b.item_id,
		b.person_id, b.period, b.employer, b.employee, b.late_days, b.late_fee,
		`+collectedCols("b.unit_id", "0", "b.item_id")+` FROM backpay_months b JOIN units u ON u.id = b.unit_id
		WHERE b.status = $1 AND b.paid_at = 0 ORDER BY b.unit_id, b.item_id, b.period`, shebao.BackpayApproved, int32(on))
	if err != nil {
		return dbError("collection back-pay", err)
	}
	defer rows.Close()
	var b shebao.CollectionBackpay
	flush := func() error {
		if b.ItemID == 0 {
			return nil
		}
		err := fn(b)
		b = shebao.CollectionBackpay{}
		return err
	}
	for rows.Next() {
		var next shebao.CollectionBackpay
		m := shebao.BackpayMonth{Status: shebao.BackpayApproved}
		if err := rows.Scan(&next.UnitID, &next.CreditCode, &next.UnitName, &next.Account, &next.ItemID,
			&m.PersonID, &m.Period, &m.Employer, &m.Employee, &m.LateDays, &m.LateFee,
			&next.Collected.Principal, &next.Collected.Fee, &next.Collected.FeeAccrued); err != nil {
			return dbError("collection back-pay", err)
		}
		if next.ItemID != b.ItemID {
			if err := flush(); err != nil {
				return err
			}
			b, b.From = next, m.Period
		}
		m.ItemID, m.UnitID = b.ItemID, b.UnitID
		b.Months = append(b.Months, m)
		b.To = m.Period
		b.Employer += m.Employer
		b.Employee += m.Employee
	}
	if err := rows.Err(); err != nil {
		return dbError("collection back-pay", err)
	}
	return flush()
}

// Collected sums the results recorded on a unit's period or back-pay item.
func (t *tx) Collected(ctx context.Context, unitID int64, p shebao.Period, itemID int64) (shebao.Collected, error) {
	var c shebao.Collected
	err := t.tx.QueryRowContext(ctx, `SELECT COALESCE(SUM(principal), 0), COALESCE(SUM(fee), 0),
		COALESCE(SUM(fee_accrued), 0) FROM collection_results
		WHERE unit_id = $1 AND period = $2 AND item_id = $3`, unitID, int32(p), itemID).
		Scan(&c.Principal, &c.Fee, &c.FeeAccrued)
	return c, dbError("collected", err)
}

// AddCollectionResult records an outcome unless (source, line) is recorded.
func (t *tx) AddCollectionResult(ctx context.Context, r shebao.CollectionResult) (bool, error) {
	res, err := t.tx.ExecContext(ctx, `INSERT INTO collection_results (source, line, list_period,
		unit_id, period, item_id, outcome, reason, principal, fee, fee_accrued, paid_on, recorded_at, recorded_by)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
		ON CONFLICT (source, line) DO NOTHING`,
		r.Source, r.Line, int32(r.ListPeriod), r.UnitID, int32(r.Period), r.ItemID, r.Outcome, r.Reason,
		r.Principal, r.Fee, r.FeeAccrued, int32(r.PaidOn), micros(r.RecordedAt), r.RecordedBy)
	if err != nil {
		return false, dbError("add collection result", err)
	}
	n, err := res.RowsAffected()
	return n == 1, dbError("add collection result", err)
}

// CollectionSourceLines counts the lines recorded from a source.
func (t *tx) CollectionSourceLines(ctx context.Context, source string) (int, error) {
	var n int
	err := t.tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM collection_results WHERE source = $1`, source).Scan(&n)
	return n, dbError("collection source lines", err)
}

// UnitCollectionResults lists a unit's outcomes, newest first.
func (t *tx) UnitCollectionResults(ctx context.Context, unitID int64, limit int) ([]shebao.CollectionResult, error) {
	rows, err := t.tx.QueryContext(ctx, `SELECT id, source, line, list_period, unit_id, period, item_id,
		outcome, reason, principal, fee, fee_accrued, paid_on, recorded_at, recorded_by
		FROM collection_results WHERE unit_id = $1 ORDER BY id DESC LIMIT $2`, unitID, limit)
	if err != nil {
		return nil, dbError("unit collection results", err)
	}
	rs, err := collect(rows, func(sc scanner) (shebao.CollectionResult, error) {
		var r shebao.CollectionResult
		var at int64
		err := sc.Scan(&r.ID, &r.Source, &r.Line, &r.ListPeriod, &r.UnitID, &r.Period, &r.ItemID,
			&r.Outcome, &r.Reason, &r.Principal, &r.Fee, &r.FeeAccrued, &r.PaidOn, &at, &r.RecordedBy)
		r.RecordedAt = fromMicros(at)
		return r, err
	})
	return rs, dbError("unit collection results", err)
}

// collectedCols selects the sums of the results recorded on a unit's
// period or back-pay item, correlated with the outer query's columns.
func collectedCols(unit, period, item string) string {
	sum := func(col string) string {
		return `(SELECT COALESCE(SUM(c.` + col + `), 0) FROM collection_results c
		WHERE c.unit_id = ` + unit + ` AND c.period = ` + period + ` AND c.item_id = ` + item + `)`
	}
	return sum("principal") + ", " + sum("fee") + ", " + sum("fee_accrued")
}

// accountOn selects a unit's deduction account in force on day on (a
// query parameter): the newest of unit_accounts from on or before it, the
// unit's bank account when it has no history.
func accountOn(unit, on string) string {
	return `COALESCE((SELECT a.account FROM unit_accounts a WHERE a.unit_id = ` + unit + `.id AND a.from_day <= ` + on + `
		ORDER BY a.from_day DESC, a.id DESC LIMIT 1), ` + unit + `.bank_account)`
}

// SetUnitAccount records a unit's deduction account from day from; a unit
// with no history first gets old, in force from the start.
func (t *tx) SetUnitAccount(ctx context.Context, unitID int64, old, account string, from shebao.Date, itemID int64) error {
	_, err := t.tx.ExecContext(ctx, `INSERT INTO unit_accounts (unit_id, account, from_day, item_id)
		SELECT CAST($1 AS BIGINT), CAST($2 AS TEXT), 0, 0 WHERE NOT EXISTS (SELECT 1 FROM unit_accounts WHERE unit_id = $1)`, unitID, old)
	if err != nil {
		return dbError("set unit account", err)
	}
	_, err = t.tx.ExecContext(ctx, `INSERT INTO unit_accounts (unit_id, account, from_day, item_id)
		VALUES ($1, $2, $3, $4)`, unitID, account, int32(from), itemID)
	return dbError("set unit account", err)
}

// UnitAccounts lists a unit's deduction accounts, oldest first.
func (t *tx) UnitAccounts(ctx context.Context, unitID int64) ([]shebao.UnitAccount, error) {
	rows, err := t.tx.QueryContext(ctx, `SELECT unit_id, account, from_day, item_id FROM unit_accounts
		WHERE unit_id = $1 ORDER BY from_day, id`, unitID)
	if err != nil {
		return nil, dbError("unit accounts", err)
	}
	as, err := collect(rows, func(sc scanner) (shebao.UnitAccount, error) {
		var a shebao.UnitAccount
		err := sc.Scan(&a.UnitID, &a.Account, &a.From, &a.ItemID)
		return a, err
	})
	return as, dbError("unit accounts", err)
}
