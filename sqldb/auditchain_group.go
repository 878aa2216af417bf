package sqldb

import (
	"context"
	"database/sql"
	"errors"

	"shebao"
)

// groupChain is the chain's head as a group transaction of SQLite's
// committer sees it (groupcommit.go): read once, when the first member
// audits, moved by each member whose work is kept, and written once, just
// before COMMIT. The group holds SQLite's write lock from BEGIN IMMEDIATE to
// COMMIT, so no other writer moves the head meanwhile, and the chain's order
// is the order in which the members ran. SQLite has one chain (number 1,
// the column's default), whose head's last_id is also the last entry id
// given out.
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
			return errNotSealed
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
