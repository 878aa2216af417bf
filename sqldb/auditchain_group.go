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
// before COMMIT, after the kept members' entries, which are inserted
// together then (prepared multi-row INSERTs of up to cachedRows rows). The
// group holds SQLite's write lock from BEGIN IMMEDIATE to COMMIT, so no
// other writer moves the head meanwhile, and the chain's order is the
// order in which the members ran. SQLite has one chain (number 1, the
// column's default), whose head's last_id is also the last entry id given
// out.
type groupChain struct {
	read    bool                // id and hash are the head's
	id      int64               // the last entry's id, after the members kept so far
	hash    string              // and its hash
	entries []shebao.AuditEntry // the kept members' entries, to insert
	running []shebao.AuditEntry // the running member's entries
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
		c.running = append(c.running, e)
		prev = e.Hash
	}
	t.audits = nil
	return nil
}

// keep takes the running member's entries into the group's chain.
func (c *groupChain) keep() {
	if n := len(c.running); n > 0 {
		c.id, c.hash = c.running[n-1].ID, c.running[n-1].Hash
		c.entries = append(c.entries, c.running...)
	}
	c.running = nil
}

// undo forgets the running member's entries (rolled back with it).
func (c *groupChain) undo() { c.running = nil }

// store writes the group's entries and its head.
func (c *groupChain) store(ctx context.Context, t sqlTx) error {
	if len(c.entries) == 0 {
		return nil
	}
	rows := make([][]any, len(c.entries))
	for i, e := range c.entries {
		rows[i] = auditArgs(e)
	}
	// At most cachedRows a statement, each text prepared once: a group's
	// entries in one statement made a text for each size of group, parsed
	// anew by every group of more than cachedRows members.
	w := &tx{tx: t, dialect: SQLite}
	for len(rows) > 0 {
		n := min(len(rows), cachedRows)
		if err := w.insertRows(ctx, "audit_log", auditColumnNames, "", rows[:n]); err != nil {
			return err
		}
		rows = rows[n:]
	}
	_, err := t.ExecContext(ctx, `UPDATE audit_chain SET last_id = $1, last_hash = $2 WHERE id = 1`, c.id, c.hash)
	return dbError("audit chain", err)
}
