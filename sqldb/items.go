package sqldb

import (
	"context"
	"fmt"
	"time"

	"shebao"
)

// itemSelect selects items with the unit's name and the person's name and ID
// number joined for display. Items about a unit (person_id NULL) have no
// person: PersonID 0 and empty names.
const itemSelect = `SELECT i.id, COALESCE(i.receipt, ''), i.type, i.unit_id, COALESCE(i.person_id, 0), i.channel,
	i.terminal, i.period, i.status, i.reasons, i.reason_args, i.wage, i.base, i.stop_reason,
	i.client_key, i.created_by, i.created_at, i.decided_at, i.payload, i.note,
	u.name, COALESCE(p.name, ''), COALESCE(p.id_number, i.id_number)
	FROM items i JOIN units u ON u.id = i.unit_id LEFT JOIN persons p ON p.id = i.person_id`

func scanItem(s scanner) (shebao.Item, error) {
	var it shebao.Item
	var reasons, args string
	var created, decided int64
	err := s.Scan(&it.ID, &it.Receipt, &it.Type, &it.UnitID, &it.PersonID, &it.Channel,
		&it.Terminal, &it.Period, &it.Status, &reasons, &args, &it.Wage, &it.Base, &it.StopReason,
		&it.ClientKey, &it.CreatedBy, &created, &decided, &it.Payload, &it.Note,
		&it.UnitName, &it.PersonName, &it.IDNumber)
	if err != nil {
		return it, err
	}
	it.CreatedAt, it.DecidedAt = fromMicros(created), fromMicros(decided)
	if it.Reasons, err = decodeList(reasons); err != nil {
		return it, err
	}
	it.ReasonArgs, err = decodeList(args)
	return it, err
}

// Receipt returns the receipt number of item id created on office day day:
// "SB", the day as yyyymmdd, "-", and the id in at least 7 digits.
func Receipt(day shebao.Date, id int64) string {
	return receiptPrefix(day) + fmt.Sprintf("%07d", id)
}

func receiptPrefix(day shebao.Date) string { return fmt.Sprintf("SB%08d-", int32(day)) }

// Item returns the item with the given id.
func (t *tx) Item(ctx context.Context, id int64) (shebao.Item, error) {
	it, err := scanItem(t.tx.QueryRowContext(ctx, itemSelect+` WHERE i.id = $1`, id))
	return it, dbError(fmt.Sprintf("item %d", id), err)
}

// qItemByClientKey finds an item by its idempotency key. It repeats the
// predicate of the partial unique index items_client_key (a non-empty key),
// without which neither database may use that index: it would read all of
// the unit's items instead (plans_test.go).
const qItemByClientKey = itemSelect + ` WHERE i.unit_id = CAST($1 AS BIGINT) AND i.client_key = $2 AND i.client_key <> ''`

// ItemByClientKey finds a unit's item by its idempotency key. ENOTFOUND for
// the empty key.
func (t *tx) ItemByClientKey(ctx context.Context, unitID int64, key string) (shebao.Item, error) {
	op := fmt.Sprintf("item of unit %d by client key %q", unitID, key)
	if key == "" {
		return shebao.Item{}, notFound(op)
	}
	it, err := scanItem(t.tx.QueryRowContext(ctx, qItemByClientKey, unitID, key))
	return it, dbError(op, err)
}

// SetItemStatus moves item id from status from to status to, with the
// reasons (their arguments are cleared) and the decision time. ECONFLICT
// when the item is no longer in from; ENOTFOUND when there is no such item.
// The change is appended to the item's timeline, with the item's note.
func (t *tx) SetItemStatus(ctx context.Context, id int64, from, to shebao.ItemStatus, reasons []string, at time.Time) error {
	op := fmt.Sprintf("set item %d from %s to %s", id, from, to)
	res, err := t.tx.ExecContext(ctx, `UPDATE items SET status = $1, reasons = $2, reason_args = '[]',
		decided_at = $3 WHERE id = $4 AND status = $5`,
		string(to), encodeList(reasons), micros(at), id, string(from))
	if err != nil {
		return dbError(op, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return dbError(op, err)
	}
	if n == 1 {
		return t.appendStatusEvent(ctx, id, from, to, reasons, at)
	}
	var one int
	if err := t.tx.QueryRowContext(ctx, `SELECT 1 FROM items WHERE id = $1`, id).Scan(&one); err != nil {
		return dbError(op, err)
	}
	return conflict(op)
}
