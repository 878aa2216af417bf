package sqldb

import (
	"context"
	"database/sql"
	"fmt"

	"shebao"
)

// The item lists: one statement reads the page and, in a scalar subquery,
// its bounded count (docs/PERFORMANCE.md, "Item lists (stop 10)").

// itemListColumns are the columns of an item in a list: itemSelect's less
// client_key, created_by and note, which no list shows (Item reads them).
// An empty list of reasons or arguments is read as the empty string (nil),
// for which the driver makes no string.
const itemListColumns = `i.id, COALESCE(i.receipt, ''), i.type, i.unit_id, COALESCE(i.person_id, 0), i.channel,
	i.terminal, i.period, i.status, CASE i.reasons WHEN '[]' THEN '' ELSE i.reasons END,
	CASE i.reason_args WHEN '[]' THEN '' ELSE i.reason_args END, i.wage, i.base, i.stop_reason,
	i.created_at, i.decided_at, i.payload, u.name, COALESCE(p.name, ''), COALESCE(p.id_number, i.id_number)`

// lateOnly is the condition of shebao.ItemFilter.LateOnly: the key of
// shebao.ItemNotes.Late in the payload. It is written out, not bound, and
// must stay identical to the predicate of the partial index items_unit_late
// (migration 00016), or neither database may use that index.
const lateOnly = `i.payload LIKE '%"late_enrollment":{%'`

// itemsQuery is the statements of a list and their arguments.
type itemsQuery struct {
	list      string // the page, each row with the count as its last column
	listArgs  []any
	count     string // the count alone, for a page past the end
	countArgs []any
	offset    int
}

// listIndex returns the index that SQLite must read a list filtered as f
// by, or "" to leave the choice to its planner. SQLite has no statistics
// here (nothing runs ANALYZE), and without them it guesses that an equality
// on a unit's items_unit_created narrows about as much as one on unit and
// type, so that it read a list of a rare type through the unit's whole
// history, and did not know how few items the partial items_unit_late
// holds (TestItemListPlans). PostgreSQL keeps statistics and chooses well.
// With the unit and a status and a type, the status's index: the statuses
// other than approved are the rare ones, and those a list looks for.
func listIndex(f shebao.ItemFilter) string {
	switch {
	case f.UnitID == 0 || f.PersonID != 0:
		return ""
	case f.LateOnly:
		return "items_unit_late"
	case f.Status != "":
		return "items_unit_status"
	case f.Type != "":
		return "items_unit_type"
	}
	return ""
}

// newItemsQuery returns the statements listing the items that match f,
// newest first, in dialect. The count is exact up to f.Offset + shebao.CountCap
// matches and f.Offset + shebao.CountCap + 1 ("more") beyond, so that it
// reads no more of the unit's history than that. It reads in the page's
// order: without it PostgreSQL counts through a bitmap scan, which reads
// every index entry of the unit before the limit applies (docs/PERFORMANCE.md,
// "The bill, the list and a long history"); ordered, it walks the page's
// index backwards and stops at the cap. On SQLite it first looks for the
// cap's row, and counts only when there is none (docs/PERFORMANCE.md, "The
// items list and the preview per request"); on PostgreSQL that would visit
// the heap twice for a unit under the cap, as each row's visibility is
// checked there.
func newItemsQuery(dialect string, f shebao.ItemFilter) itemsQuery {
	from := "items i"
	if ix := listIndex(f); ix != "" && dialect == SQLite {
		from += " INDEXED BY " + ix
	}
	var w where
	if f.UnitID != 0 {
		w.add(`i.unit_id = CAST(? AS BIGINT)`, f.UnitID)
	}
	if f.PersonID != 0 {
		w.add(`i.person_id = ?`, f.PersonID)
	}
	if f.Type != "" {
		w.add(`i.type = ?`, string(f.Type))
	}
	if f.Status != "" {
		w.add(`i.status = ?`, string(f.Status))
	}
	if f.Channel != "" {
		w.add(`i.channel = ?`, string(f.Channel))
	}
	if f.LateOnly {
		w.add(lateOnly)
	}
	if !f.From.IsZero() {
		w.add(`i.created_at >= ?`, micros(f.From))
	}
	if !f.To.IsZero() {
		w.add(`i.created_at < ?`, micros(f.To))
	}
	offset := max(f.Offset, 0)
	countArgs := append(append([]any(nil), w.args...), int64(offset+shebao.CountCap+1))
	count := fmt.Sprintf(`SELECT COUNT(*) FROM (SELECT 1 FROM %s%s ORDER BY i.created_at DESC LIMIT $%d) c`,
		from, w.String(), len(countArgs))
	if dialect == SQLite {
		// The cap's row exists: the cap, found in one walk of 3 VM steps a
		// row; else the count, 3 a row more. Counting in the page's order
		// took 8 a row (the subquery's coroutine yields each row to the
		// aggregate). TestItemsCountBounded, TestItemsCountCapped.
		count = fmt.Sprintf(`SELECT COALESCE((SELECT $%[3]d FROM %[1]s%[2]s ORDER BY i.created_at DESC LIMIT 1 OFFSET $%[3]d - 1),
		(SELECT COUNT(*) FROM %[1]s%[2]s))`, from, w.String(), len(countArgs))
	}
	w.args = countArgs // the page's statement binds the count's cap too
	pg, listArgs := w.page(f.Limit, offset)
	return itemsQuery{
		list: `SELECT ` + itemListColumns + `, (` + count + `)
	FROM ` + from + ` JOIN units u ON u.id = i.unit_id LEFT JOIN persons p ON p.id = i.person_id` +
			w.String() + ` ORDER BY i.created_at DESC, i.id DESC` + pg,
		listArgs: listArgs, count: count, countArgs: countArgs, offset: offset,
	}
}

// read scans the page's rows and closes them. It returns the count too,
// except for an empty page after the first: the count then needs a
// statement of its own (needCount).
func (q itemsQuery) read(rows *sql.Rows, limit int) (items []shebao.Item, total int, err error) {
	defer rows.Close()
	items = make([]shebao.Item, 0, min(max(limit, 0), shebao.CountCap))
	var r itemRow
	dest := r.dest()
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return nil, 0, err
		}
		it, err := r.item()
		if err != nil {
			return nil, 0, err
		}
		items = append(items, it)
	}
	return items, r.total, rows.Err()
}

// needCount reports whether a page of n items leaves the count unknown.
func (q itemsQuery) needCount(n int) bool { return n == 0 && q.offset > 0 }

// itemRow holds one row of a list as scanned: into plain types, which
// database/sql assigns without reflection.
type itemRow struct {
	it                                   shebao.Item
	period, wage, base, created, decided int64
	reasons, args                        string
	total                                int
}

func (r *itemRow) dest() []any {
	it := &r.it
	return []any{&it.ID, &it.Receipt, (*string)(&it.Type), &it.UnitID, &it.PersonID, (*string)(&it.Channel),
		&it.Terminal, &r.period, (*string)(&it.Status), &r.reasons, &r.args, &r.wage, &r.base, (*string)(&it.StopReason),
		&r.created, &r.decided, &it.Payload, &it.UnitName, &it.PersonName, &it.IDNumber, &r.total}
}

// item returns the item of the row last scanned.
func (r *itemRow) item() (shebao.Item, error) {
	it := r.it
	it.Period, it.Wage, it.Base = shebao.Period(r.period), shebao.Fen(r.wage), shebao.Fen(r.base)
	it.CreatedAt, it.DecidedAt = fromMicros(r.created), fromMicros(r.decided)
	var err error
	if it.Reasons, err = decodeList(r.reasons); err != nil {
		return it, err
	}
	it.ReasonArgs, err = decodeList(r.args)
	return it, err
}

// Items lists items matching every set field of f, newest first, with
// their count (newItemsQuery), inside the transaction. The items carry no
// ClientKey, CreatedBy nor Note: no list shows them.
func (t *tx) Items(ctx context.Context, f shebao.ItemFilter) ([]shebao.Item, int, error) {
	q := newItemsQuery(t.dialect, f)
	rows, err := t.tx.QueryContext(ctx, q.list, q.listArgs...)
	if err != nil {
		return nil, 0, dbError("list items", err)
	}
	items, total, err := q.read(rows, f.Limit)
	if err == nil && q.needCount(len(items)) {
		err = t.tx.QueryRowContext(ctx, q.count, q.countArgs...).Scan(&total)
	}
	return items, total, dbError("list items", err)
}

// ItemsNow is tx.Items by one statement outside any transaction (one
// statement reads one snapshot), on SQLite prepared (stmtcache.go): a read
// transaction of its own cost two statements more (BEGIN, COMMIT), and
// on PostgreSQL two round trips more. Only an empty page after the first
// runs a second statement, for its count.
func (db *DB) ItemsNow(ctx context.Context, f shebao.ItemFilter) ([]shebao.Item, int, error) {
	q := newItemsQuery(db.dialect, f)
	var items []shebao.Item
	var total int
	err := db.query(ctx, db.read, func(rows *sql.Rows, err error) error {
		if err == nil {
			items, total, err = q.read(rows, f.Limit)
		}
		return err
	}, q.list, q.listArgs...)
	if err == nil && q.needCount(len(items)) {
		err = db.queryRow(ctx, db.read, func(r *sql.Row) error { return r.Scan(&total) }, q.count, q.countArgs...)
	}
	return items, total, dbError("list items", err)
}
