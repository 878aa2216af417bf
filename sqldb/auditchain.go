package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"shebao"
)

// appendAudits writes the transaction's audit entries, in order, as the next
// links of the chain. On SQLite the committer's group does it
// (appendAuditsInGroup). Otherwise it takes the chain's head (audit_chain,
// one row) with an UPDATE, which locks the row until the transaction ends,
// so that concurrent writers append one after the other and the chain stays
// linear. It runs just before commit, so the lock is held only for the
// inserts and the commit itself; on PostgreSQL the entries and the head's
// new hash go in one statement, so that the lock is held for two round
// trips and the commit (docs/SECURITY.md, "Tamper evidence").
func (t *tx) appendAudits(ctx context.Context) error {
	if len(t.audits) == 0 {
		return nil
	}
	if t.chain != nil {
		return t.appendAuditsInGroup(ctx)
	}
	var last int64
	var prev string
	err := t.tx.QueryRowContext(ctx, `UPDATE audit_chain SET last_id = last_id + $1
		WHERE id = 1 AND sealed = 1 RETURNING last_id, last_hash`, len(t.audits)).Scan(&last, &prev)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("sqldb: audit: the chain is not sealed (run shebao migrate)")
	}
	if err != nil {
		return dbError("audit chain", err)
	}
	id := last - int64(len(t.audits))
	es := t.audits
	t.audits = nil
	for i := range es {
		id++
		es[i].ID, es[i].PrevHash = id, prev
		es[i].Hash = es[i].ChainHash(prev)
		prev = es[i].Hash
	}
	if t.dialect == Postgres {
		q, args := insertAuditsQuery(es)
		_, err = t.tx.ExecContext(ctx, `WITH entries AS (`+q+`)
			UPDATE audit_chain SET last_hash = $1 WHERE id = 1`, append([]any{prev}, args...)...)
		return dbError("audit "+es[0].Action, err)
	}
	for _, e := range es {
		if err := t.insertAudit(ctx, e); err != nil {
			return err
		}
	}
	_, err = t.tx.ExecContext(ctx, `UPDATE audit_chain SET last_hash = $1 WHERE id = 1`, prev)
	return dbError("audit chain", err)
}

// auditColumns are the columns of an entry's INSERT, in auditArgs' order.
const auditColumns = `id, at, account_id, username, role, channel, terminal, action, unit_id, person_id, item_id, detail,
	unit_name, credit_code, person_name, id_number, prev_hash, hash`

func auditArgs(e shebao.AuditEntry) []any {
	return []any{e.ID, micros(e.At), e.AccountID, e.Username, string(e.Role), string(e.Channel), e.Terminal,
		e.Action, e.UnitID, e.PersonID, e.ItemID, e.Detail,
		e.UnitName, e.CreditCode, e.PersonName, e.IDNumber, e.PrevHash, e.Hash}
}

// insertAuditsQuery returns one INSERT of es with its arguments, numbered
// from $2 ($1 is left to the statement around it).
func insertAuditsQuery(es []shebao.AuditEntry) (string, []any) {
	var b strings.Builder
	b.WriteString(`INSERT INTO audit_log (` + auditColumns + `) VALUES `)
	var args []any
	for i, e := range es {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteByte('(')
		for j, a := range auditArgs(e) {
			if j > 0 {
				b.WriteString(", ")
			}
			args = append(args, a)
			fmt.Fprintf(&b, "$%d", len(args)+1)
		}
		b.WriteByte(')')
	}
	return b.String(), args
}

// groupChain is the chain's head as a group transaction of SQLite's
// committer sees it (groupcommit.go): read once, when the first member
// audits, moved by each member whose work is kept, and written once, just
// before COMMIT. The group holds SQLite's write lock from BEGIN IMMEDIATE to
// COMMIT, so no other writer moves the head meanwhile, and the chain's order
// is the order in which the members ran.
type groupChain struct {
	read    bool   // id and hash are the head's
	id      int64  // the last entry's id, after the members kept so far
	hash    string // and its hash
	moved   bool   // id and hash are to be stored
	running bool   // the running member appended entries:
	runLast int64  // the head after them
	runHash string
}

// appendAuditsInGroup is appendAudits inside a group transaction.
func (t *tx) appendAuditsInGroup(ctx context.Context) error {
	c := t.chain
	if !c.read {
		err := t.tx.QueryRowContext(ctx, `SELECT last_id, last_hash FROM audit_chain
			WHERE id = 1 AND sealed = 1`).Scan(&c.id, &c.hash)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("sqldb: audit: the chain is not sealed (run shebao migrate)")
		}
		if err != nil {
			return dbError("audit chain", err)
		}
		c.read = true
	}
	id, prev := c.id, c.hash
	for _, e := range t.audits {
		id++
		e.ID, e.PrevHash = id, prev
		e.Hash = e.ChainHash(prev)
		if err := t.insertAudit(ctx, e); err != nil {
			return err
		}
		prev = e.Hash
	}
	t.audits = nil
	c.running, c.runLast, c.runHash = true, id, prev
	return nil
}

// keep takes the running member's entries into the group's chain.
func (c *groupChain) keep() {
	if c.running {
		c.id, c.hash, c.moved = c.runLast, c.runHash, true
	}
	c.running = false
}

// undo forgets the running member's entries (rolled back with it).
func (c *groupChain) undo() { c.running = false }

// store writes the group's head.
func (c *groupChain) store(ctx context.Context, t sqlTx) error {
	if !c.moved {
		return nil
	}
	_, err := t.ExecContext(ctx, `UPDATE audit_chain SET last_id = $1, last_hash = $2 WHERE id = 1`, c.id, c.hash)
	return dbError("audit chain", err)
}

func (t *tx) insertAudit(ctx context.Context, e shebao.AuditEntry) error {
	_, err := t.tx.ExecContext(ctx, `INSERT INTO audit_log (`+auditColumns+`)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)`, auditArgs(e)...)
	return dbError("audit "+e.Action, err)
}

// auditPage is how many entries sealing and verification read at a time.
const auditPage = 1000

// chainColumns are the columns ChainHash covers, in scanChained's order.
const chainColumns = `id, at, account_id, username, role, channel, terminal, action, unit_id,
	person_id, item_id, detail, unit_name, credit_code, person_name, id_number, prev_hash, hash`

// chainedAfter returns up to auditPage entries with an id above after, in
// id order.
func (t *tx) chainedAfter(ctx context.Context, after int64) ([]shebao.AuditEntry, error) {
	rows, err := t.tx.QueryContext(ctx, `SELECT `+chainColumns+` FROM audit_log
		WHERE id > $1 ORDER BY id LIMIT $2`, after, auditPage)
	if err != nil {
		return nil, dbError("read audit chain", err)
	}
	es, err := collect(rows, func(s scanner) (shebao.AuditEntry, error) {
		var e shebao.AuditEntry
		var at int64
		err := s.Scan(&e.ID, &at, &e.AccountID, &e.Username, &e.Role, &e.Channel, &e.Terminal,
			&e.Action, &e.UnitID, &e.PersonID, &e.ItemID, &e.Detail,
			&e.UnitName, &e.CreditCode, &e.PersonName, &e.IDNumber, &e.PrevHash, &e.Hash)
		e.At = fromMicros(at)
		return e, err
	})
	return es, dbError("read audit chain", err)
}

// sealAudit hashes, once, the entries made before the chain existed
// (migration 00005), in id order, and marks the chain sealed; Migrate calls
// it. A sealed chain is left alone.
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
			for _, e := range es {
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
