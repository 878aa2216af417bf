package sqldb

import (
	"context"
	"fmt"
	"time"

	"shebao"
)

const backpayColumns = `item_id, person_id, unit_id, period, status, base, employer, employee, late_days, late_fee`

// backpaySelect is what the reads select: backpayColumns, paid_at and paid_fen.
const backpaySelect = backpayColumns + `, paid_at, paid_fen`

func scanBackpayMonth(s scanner) (shebao.BackpayMonth, error) {
	var m shebao.BackpayMonth
	var paidAt int64
	err := s.Scan(&m.ItemID, &m.PersonID, &m.UnitID, &m.Period, &m.Status, &m.Base, &m.Employer,
		&m.Employee, &m.LateDays, &m.LateFee, &paidAt, &m.PaidFen)
	m.PaidAt = fromMicros(paidAt)
	return m, err
}

// InsertBackpayMonths records the months of a back-pay item as pending. The
// partial unique index backpay_months_held turns a month already pending or
// approved for the person into ECONFLICT.
func (t *tx) InsertBackpayMonths(ctx context.Context, ms []shebao.BackpayMonth) error {
	for _, m := range ms {
		_, err := t.tx.ExecContext(ctx, `INSERT INTO backpay_months (`+backpayColumns+`)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
			m.ItemID, m.PersonID, m.UnitID, int32(m.Period), shebao.BackpayPending, int64(m.Base),
			int64(m.Employer), int64(m.Employee), m.LateDays, int64(m.LateFee))
		if err != nil {
			return dbError(fmt.Sprintf("insert back-pay month %s of item %d", m.Period, m.ItemID), err)
		}
	}
	return nil
}

// PersonBackpayMonths lists a person's pending and approved months, by period.
func (t *tx) PersonBackpayMonths(ctx context.Context, personID int64) ([]shebao.BackpayMonth, error) {
	rows, err := t.tx.QueryContext(ctx, `SELECT `+backpaySelect+` FROM backpay_months
		WHERE person_id = $1 AND status <> $2 ORDER BY period`, personID, shebao.BackpayReleased)
	if err != nil {
		return nil, dbError("person back-pay months", err)
	}
	ms, err := collect(rows, scanBackpayMonth)
	return ms, dbError("person back-pay months", err)
}

// UnitBackpayMonths lists a unit's approved months in periods from..to, by
// period, person and item.
func (t *tx) UnitBackpayMonths(ctx context.Context, unitID int64, from, to shebao.Period) ([]shebao.BackpayMonth, error) {
	rows, err := t.tx.QueryContext(ctx, `SELECT `+backpaySelect+` FROM backpay_months
		WHERE unit_id = CAST($1 AS BIGINT) AND period BETWEEN $2 AND $3 AND status = $4
		ORDER BY period, person_id, item_id`, unitID, int32(from), int32(to), shebao.BackpayApproved)
	if err != nil {
		return nil, dbError("unit back-pay months", err)
	}
	ms, err := collect(rows, scanBackpayMonth)
	return ms, dbError("unit back-pay months", err)
}

// ItemBackpayMonths lists an item's months, by period.
func (t *tx) ItemBackpayMonths(ctx context.Context, itemID int64) ([]shebao.BackpayMonth, error) {
	rows, err := t.tx.QueryContext(ctx, `SELECT `+backpaySelect+` FROM backpay_months
		WHERE item_id = $1 ORDER BY period`, itemID)
	if err != nil {
		return nil, dbError("item back-pay months", err)
	}
	ms, err := collect(rows, scanBackpayMonth)
	return ms, dbError("item back-pay months", err)
}

// SetBackpayMonths moves an item's months from status from to status to and
// returns how many it moved.
func (t *tx) SetBackpayMonths(ctx context.Context, itemID int64, from, to string) (int, error) {
	op := fmt.Sprintf("set back-pay months of item %d from %s to %s", itemID, from, to)
	res, err := t.tx.ExecContext(ctx, `UPDATE backpay_months SET status = $1
		WHERE item_id = $2 AND status = $3`, to, itemID, from)
	if err != nil {
		return 0, dbError(op, err)
	}
	n, err := res.RowsAffected()
	return int(n), dbError(op, err)
}

// SetBackpayPaid records that a unit paid its approved back-pay item: a
// conditional update (only months not yet recorded paid), so that marking
// twice changes nothing and returns 0. ENOTFOUND when the unit has no
// approved month of the item.
func (t *tx) SetBackpayPaid(ctx context.Context, itemID, unitID, by int64, at time.Time, amount shebao.Fen) (int, error) {
	op := fmt.Sprintf("set back-pay item %d of unit %d paid", itemID, unitID)
	res, err := t.tx.ExecContext(ctx, `UPDATE backpay_months SET paid_at = $1, paid_by = $2, paid_fen = $6
		WHERE item_id = $3 AND unit_id = $4 AND status = $5 AND paid_at = 0`,
		micros(at), by, itemID, unitID, shebao.BackpayApproved, int64(amount))
	if err != nil {
		return 0, dbError(op, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, dbError(op, err)
	}
	if n > 0 {
		return int(n), nil
	}
	var months int
	err = t.tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM backpay_months
		WHERE item_id = $1 AND unit_id = $2 AND status = $3`, itemID, unitID, shebao.BackpayApproved).Scan(&months)
	if err != nil {
		return 0, dbError(op, err)
	}
	if months == 0 {
		return 0, notFound(op)
	}
	return 0, nil
}
