package sqldb

import (
	"context"

	"shebao"
)

// auditPage is how many entries sealing and verification read at a time.
const auditPage = 1000

// chainColumns are the columns ChainHash covers and the entry's chain, in
// chainedAfter's order.
const chainColumns = `id, at, account_id, username, role, channel, terminal, action, unit_id,
	person_id, item_id, detail, unit_name, credit_code, person_name, id_number, prev_hash, hash, chain`

// chained is an entry as its chain holds it.
type chained struct {
	shebao.AuditEntry
	chain int64
}

// chainedAfter returns up to auditPage entries with an id above after, in
// id order.
func (t *tx) chainedAfter(ctx context.Context, after int64) ([]chained, error) {
	rows, err := t.tx.QueryContext(ctx, `SELECT `+chainColumns+` FROM audit_log
		WHERE id > $1 ORDER BY id LIMIT $2`, after, auditPage)
	if err != nil {
		return nil, dbError("read audit chain", err)
	}
	es, err := collect(rows, func(s scanner) (chained, error) {
		var c chained
		e := &c.AuditEntry
		var at int64
		err := s.Scan(&e.ID, &at, &e.AccountID, &e.Username, &e.Role, &e.Channel, &e.Terminal,
			&e.Action, &e.UnitID, &e.PersonID, &e.ItemID, &e.Detail,
			&e.UnitName, &e.CreditCode, &e.PersonName, &e.IDNumber, &e.PrevHash, &e.Hash, &c.chain)
		e.At = fromMicros(at)
		return c, err
	})
	return es, dbError("read audit chain", err)
}

// sealAudit hashes, once, the entries made before the chain existed
// (migration 00005), in id order, as chain 1, and marks the chain sealed;
// Migrate calls it. A sealed chain is left alone.
func (db *DB) sealAudit(ctx context.Context) error {
	return db.inTxAlone(ctx, func(stx shebao.Tx) error {
		t := stx.(*tx)
		res, err := t.tx.ExecContext(ctx, `UPDATE audit_chain SET sealed = 0 WHERE id = 1 AND sealed = 0`)
		if err != nil {
			return dbError("seal audit chain", err)
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return err // sealed already
		}
		var after int64
		prev := ""
		for {
			es, err := t.chainedAfter(ctx, after)
			if err != nil || len(es) == 0 {
				if err == nil {
					_, err = t.tx.ExecContext(ctx, `UPDATE audit_chain SET last_id = $1, last_hash = $2, sealed = 1
						WHERE id = 1`, after, prev)
				}
				return dbError("seal audit chain", err)
			}
			for _, c := range es {
				e := c.AuditEntry
				e.PrevHash = prev
				e.Hash = e.ChainHash(prev)
				if _, err := t.tx.ExecContext(ctx, `UPDATE audit_log SET prev_hash = $1, hash = $2 WHERE id = $3`,
					e.PrevHash, e.Hash, e.ID); err != nil {
					return dbError("seal audit chain", err)
				}
				prev, after = e.Hash, e.ID
			}
		}
	})
}
