package sqldb

import (
	"context"
	"fmt"

	"shebao"
)

// ReviewQueue lists the items in review, oldest first, of one type when typ
// is not empty, with the total count before limit and offset.
func (t *tx) ReviewQueue(ctx context.Context, typ shebao.ItemType, limit, offset int) ([]shebao.Item, int, error) {
	var w where
	w.add(`i.status = ?`, string(shebao.StatusInReview))
	if typ != "" {
		w.add(`i.type = ?`, string(typ))
	}
	var total int
	if err := t.tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM items i`+w.String(), w.args...).Scan(&total); err != nil {
		return nil, 0, dbError("count review queue", err)
	}
	pg, args := w.page(limit, offset)
	rows, err := t.tx.QueryContext(ctx, itemSelect+w.String()+` ORDER BY i.created_at, i.id`+pg, args...)
	if err != nil {
		return nil, 0, dbError("list review queue", err)
	}
	items, err := collect(rows, scanItem)
	return items, total, dbError("list review queue", err)
}

// SetItemNote sets the note of item id. ENOTFOUND if there is no such item.
func (t *tx) SetItemNote(ctx context.Context, id int64, note string) error {
	res, err := t.tx.ExecContext(ctx, `UPDATE items SET note = $1 WHERE id = $2`, note, id)
	return affectedOne(res, err, fmt.Sprintf("set note of item %d", id))
}
