package sqldb

import (
	"context"
	"fmt"

	"shebao"
)

// AuditCheck is the result of VerifyAudit.
type AuditCheck struct {
	Entries int   // entries checked, up to the first broken link
	LastID  int64 // the id of the last entry checked
	// Broken is "" when the chain holds; otherwise what is wrong at BrokenID
	// (the first entry whose link is broken; 0 for the chain's head).
	Broken   string
	BrokenID int64
}

// OK reports whether the whole chain holds.
func (c AuditCheck) OK() bool { return c.Broken == "" }

// VerifyAudit walks the audit log in id order in one snapshot and checks
// that each entry's prev_hash is the hash of the entry before it and that
// its hash is ChainHash over its content, and that the chain's head names
// the last entry (so that removing the newest entries shows too). It stops
// at the first broken link. An error is a failure to read, not a broken
// chain.
func (db *DB) VerifyAudit(ctx context.Context) (AuditCheck, error) {
	var c AuditCheck
	err := db.View(ctx, func(stx shebao.Tx) error {
		t := stx.(*tx)
		var headID int64
		var headHash string
		var sealed int
		if err := t.tx.QueryRowContext(ctx, `SELECT last_id, last_hash, sealed FROM audit_chain WHERE id = 1`).
			Scan(&headID, &headHash, &sealed); err != nil {
			c.Broken = "the chain's head (audit_chain) is missing: " + err.Error()
			return nil
		}
		if sealed != 1 {
			c.Broken = "the chain is not sealed yet (run shebao migrate)"
			return nil
		}
		prev := ""
		for {
			es, err := t.chainedAfter(ctx, c.LastID)
			if err != nil {
				return err
			}
			if len(es) == 0 {
				break
			}
			for _, e := range es {
				if why := brokenLink(e, prev); why != "" {
					c.Broken, c.BrokenID = why, e.ID
					return nil
				}
				prev, c.LastID = e.Hash, e.ID
				c.Entries++
			}
		}
		if headID != c.LastID || headHash != prev {
			c.Broken = fmt.Sprintf("the chain's head names entry %d, the log ends at entry %d (entries removed or added outside the application)", headID, c.LastID)
		}
		return nil
	})
	return c, err
}

// brokenLink says what is wrong with e as the successor of an entry whose
// hash is prev, or "".
func brokenLink(e shebao.AuditEntry, prev string) string {
	switch {
	case e.PrevHash != prev:
		return "its prev_hash is not the hash of the entry before it (an entry was removed, inserted or rehashed)"
	case e.Hash != e.ChainHash(prev):
		return "its hash does not match its content (the entry was changed)"
	}
	return ""
}
