package sqldb

import (
	"context"
	"fmt"
	"strings"
	"time"

	"shebao"
)

// batchColumns are the columns of batches read back, without the file.
const batchColumns = `id, unit_id, kind, file_name, status, all_or_nothing, rows_read, rows_ok,
	rows_refused, rows_malformed, rows_applied, rows_done, cost_employer, cost_employee,
	created_at, created_by, updated_at`

func scanBatch(s scanner) (shebao.Batch, error) {
	var b shebao.Batch
	var all int
	var created, updated int64
	err := s.Scan(&b.ID, &b.UnitID, &b.Kind, &b.FileName, &b.Status, &all, &b.Rows, &b.OK,
		&b.Refused, &b.Malformed, &b.Applied, &b.Done, &b.CostEmployer, &b.CostEmployee,
		&created, &b.CreatedBy, &updated)
	b.AllOrNothing = all != 0
	b.CreatedAt, b.UpdatedAt = fromMicros(created), fromMicros(updated)
	return b, err
}

func boolInt(v bool) int {
	if v {
		return 1
	}
	return 0
}

// InsertBatch stores b with its workbook and rows and sets b.ID.
func (t *tx) InsertBatch(ctx context.Context, b *shebao.Batch, file []byte, rows []shebao.BatchRow) error {
	err := t.tx.QueryRowContext(ctx, `INSERT INTO batches (unit_id, kind, file_name, file, status,
		all_or_nothing, rows_read, rows_ok, rows_refused, rows_malformed, rows_applied, rows_done,
		cost_employer, cost_employee, created_at, created_by, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) RETURNING id`,
		b.UnitID, b.Kind, b.FileName, file, b.Status, boolInt(b.AllOrNothing), b.Rows, b.OK,
		b.Refused, b.Malformed, b.Applied, b.Done, int64(b.CostEmployer), int64(b.CostEmployee),
		micros(b.CreatedAt), b.CreatedBy, micros(b.UpdatedAt)).Scan(&b.ID)
	if err != nil {
		return dbError("insert batch", err)
	}
	// 20 arguments a row; SQLite looks $N placeholders up in a list, so a
	// statement with many of them costs quadratic time: 25 rows at a time.
	const chunk = 25
	for i := 0; i < len(rows); i += chunk {
		if err := t.insertBatchRows(ctx, b.ID, rows[i:min(i+chunk, len(rows))]); err != nil {
			return err
		}
	}
	return nil
}

func (t *tx) insertBatchRows(ctx context.Context, batchID int64, rows []shebao.BatchRow) error {
	var q strings.Builder
	q.WriteString(`INSERT INTO batch_rows (batch_id, row_no, id_number, name, item_type, wage, stop_reason,
		outcome, col, reason, args, period, base, clamp, employer, employee, person_id, item_id, receipt,
		legacy_id_number) VALUES `)
	args := make([]any, 0, len(rows)*20)
	for i, r := range rows {
		if i > 0 {
			q.WriteString(", ")
		}
		q.WriteString("(")
		for j := 0; j < 20; j++ {
			if j > 0 {
				q.WriteString(", ")
			}
			fmt.Fprintf(&q, "$%d", len(args)+j+1)
		}
		q.WriteString(")")
		args = append(args, batchID, r.Row, r.IDNumber, r.Name, string(r.Type), int64(r.Wage),
			string(r.StopReason), string(r.Outcome), r.Column, r.Reason, encodeList(r.Args), int(r.Period),
			int64(r.Base), r.Clamp, int64(r.Employer), int64(r.Employee), r.PersonID, r.ItemID, r.Receipt, r.LegacyID)
	}
	if _, err := t.tx.ExecContext(ctx, q.String(), args...); err != nil {
		return dbError("insert batch rows", err)
	}
	return nil
}

// Batch returns a batch without its file or rows. ENOTFOUND.
func (t *tx) Batch(ctx context.Context, id int64) (shebao.Batch, error) {
	b, err := scanBatch(t.tx.QueryRowContext(ctx, `SELECT `+batchColumns+` FROM batches WHERE id = $1`, id))
	return b, dbError("batch", err)
}

// BatchFile returns the workbook a batch was uploaded as. ENOTFOUND.
func (t *tx) BatchFile(ctx context.Context, id int64) ([]byte, error) {
	var file []byte
	err := t.tx.QueryRowContext(ctx, `SELECT file FROM batches WHERE id = $1`, id).Scan(&file)
	return file, dbError("batch file", err)
}

// BatchRows returns a batch's rows in row order.
func (t *tx) BatchRows(ctx context.Context, id int64) ([]shebao.BatchRow, error) {
	rows, err := t.tx.QueryContext(ctx, `SELECT batch_id, row_no, id_number, name, item_type, wage,
		stop_reason, outcome, col, reason, args, period, base, clamp, employer, employee, person_id,
		item_id, receipt, legacy_id_number FROM batch_rows WHERE batch_id = $1 ORDER BY row_no`, id)
	if err != nil {
		return nil, dbError("batch rows", err)
	}
	out, err := collect(rows, func(s scanner) (shebao.BatchRow, error) {
		var r shebao.BatchRow
		var args string
		err := s.Scan(&r.BatchID, &r.Row, &r.IDNumber, &r.Name, &r.Type, &r.Wage, &r.StopReason,
			&r.Outcome, &r.Column, &r.Reason, &args, &r.Period, &r.Base, &r.Clamp, &r.Employer,
			&r.Employee, &r.PersonID, &r.ItemID, &r.Receipt, &r.LegacyID)
		if err == nil {
			r.Args, err = decodeList(args)
		}
		return r, err
	})
	return out, dbError("batch rows", err)
}

// BatchesIn lists every batch in status st, oldest first.
func (t *tx) BatchesIn(ctx context.Context, st shebao.BatchStatus) ([]shebao.Batch, error) {
	rows, err := t.tx.QueryContext(ctx, `SELECT `+batchColumns+` FROM batches WHERE status = $1
		ORDER BY id`, string(st))
	if err != nil {
		return nil, dbError("batches in "+string(st), err)
	}
	out, err := collect(rows, scanBatch)
	return out, dbError("batches in "+string(st), err)
}

// Batches lists a unit's batches (every unit's when unitID is 0), newest
// first, with the total count before limit/offset.
func (t *tx) Batches(ctx context.Context, unitID int64, limit, offset int) ([]shebao.Batch, int, error) {
	var w where
	if unitID != 0 {
		w.add("unit_id = ?", unitID)
	}
	var total int
	if err := t.tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM batches`+w.String(), w.args...).Scan(&total); err != nil {
		return nil, 0, dbError("count batches", err)
	}
	pg, args := w.page(limit, offset)
	rows, err := t.tx.QueryContext(ctx, `SELECT `+batchColumns+` FROM batches`+w.String()+
		` ORDER BY created_at DESC, id DESC`+pg, args...)
	if err != nil {
		return nil, 0, dbError("batches", err)
	}
	out, err := collect(rows, scanBatch)
	return out, total, dbError("batches", err)
}

// SetBatchStatus moves a batch from status from to b.Status, writing its
// counts and b.UpdatedAt. ECONFLICT when it is no longer in from;
// ENOTFOUND when it does not exist.
func (t *tx) SetBatchStatus(ctx context.Context, b shebao.Batch, from shebao.BatchStatus) error {
	res, err := t.tx.ExecContext(ctx, `UPDATE batches SET status = $1, all_or_nothing = $2, rows_ok = $3,
		rows_refused = $4, rows_malformed = $5, rows_applied = $6, rows_done = $7, updated_at = $8
		WHERE id = $9 AND status = $10`,
		b.Status, boolInt(b.AllOrNothing), b.OK, b.Refused, b.Malformed, b.Applied, b.Done,
		micros(b.UpdatedAt), b.ID, from)
	if err != nil {
		return dbError("set batch status", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return dbError("set batch status", err)
	}
	if n == 0 {
		if _, err := t.Batch(ctx, b.ID); err != nil {
			return err
		}
		return conflict("set batch status")
	}
	return nil
}

// UpdateBatchRows writes the outcome, reason and item of rows already stored.
func (t *tx) UpdateBatchRows(ctx context.Context, batchID int64, rows []shebao.BatchRow) error {
	for _, r := range rows {
		_, err := t.tx.ExecContext(ctx, `UPDATE batch_rows SET outcome = $1, col = $2, reason = $3, args = $4,
			period = $5, base = $6, item_id = $7, receipt = $8 WHERE batch_id = $9 AND row_no = $10`,
			string(r.Outcome), r.Column, r.Reason, encodeList(r.Args), int(r.Period), int64(r.Base),
			r.ItemID, r.Receipt, batchID, r.Row)
		if err != nil {
			return dbError("update batch row", err)
		}
	}
	return nil
}

// ClaimBatch gives owner the lease of an applying batch until until, if
// the batch has no lease, owner holds it already, or its lease ran out
// before now; it reports whether owner holds the lease. One conditional
// update: of instances claiming at once, one wins. SQLite serves one
// process, so a lease there is always another run of the same server (one
// that crashed and restarted): the claim always succeeds, and the batch is
// resumed at once.
func (t *tx) ClaimBatch(ctx context.Context, id int64, owner string, now, until time.Time) (bool, error) {
	query := `UPDATE batches SET lease_owner = $1, lease_until = $2
		WHERE id = $3 AND status = $4 AND (lease_owner = $1 OR lease_until < $5)`
	args := []any{owner, micros(until), id, shebao.BatchApplying, micros(now)}
	if t.dialect == SQLite {
		query = `UPDATE batches SET lease_owner = $1, lease_until = $2 WHERE id = $3 AND status = $4`
		args = args[:4]
	}
	res, err := t.tx.ExecContext(ctx, query, args...)
	if err != nil {
		return false, dbError("claim batch", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, dbError("claim batch", err)
	}
	return n == 1, nil
}
