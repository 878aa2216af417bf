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
	Chains  int   // the chains that hold entries, up to the first broken link
	// Broken is "" when every chain holds; otherwise what is wrong at
	// BrokenID (the first entry whose link is broken; 0 for a chain's head).
	Broken   string
	BrokenID int64
}

// OK reports whether every chain holds.
func (c AuditCheck) OK() bool { return c.Broken == "" }

// chainHead is a chain's head (audit_chain) and, while verifying, the last
// entry of the chain seen so far.
type chainHead struct {
	lastID   int64
	lastHash string
	seenID   int64
	seenHash string
}

// VerifyAudit walks the audit log in id order in one snapshot and checks,
// in each chain, that each entry's prev_hash is the hash of the entry before
// it in its chain and that its hash is ChainHash over its content, and that
// the chain's head names the chain's last entry (so that removing the
// newest entries of any chain shows too). Within a chain, ids grow in chain
// order, so one pass in id order walks every chain in its order. It stops
// at the first broken link. An error is a failure to read, not a broken
// chain.
func (db *DB) VerifyAudit(ctx context.Context) (AuditCheck, error) {
	var c AuditCheck
	err := db.View(ctx, func(stx shebao.Tx) error {
		t := stx.(*tx)
		heads, order, why, err := t.chainHeads(ctx)
		if err != nil || why != "" {
			c.Broken = why
			return err
		}
		for {
			es, err := t.chainedAfter(ctx, c.LastID)
			if err != nil {
				return err
			}
			if len(es) == 0 {
				break
			}
			for _, e := range es {
				h := heads[e.chain]
				if h == nil {
					c.Broken, c.BrokenID = fmt.Sprintf("it names chain %d, which has no head", e.chain), e.ID
					return nil
				}
				if why := brokenLink(e.AuditEntry, h.seenHash); why != "" {
					c.Broken, c.BrokenID = fmt.Sprintf("%s (chain %d)", why, e.chain), e.ID
					return nil
				}
				if h.seenID == 0 {
					c.Chains++
				}
				h.seenID, h.seenHash, c.LastID = e.ID, e.Hash, e.ID
				c.Entries++
			}
		}
		for _, n := range order {
			if h := heads[n]; h.lastID != h.seenID || h.lastHash != h.seenHash {
				c.Broken = fmt.Sprintf("chain %d's head names entry %d, the log ends at entry %d in that chain (entries removed or added outside the application)",
					n, h.lastID, h.seenID)
				return nil
			}
		}
		return nil
	})
	return c, err
}

// chainHeads reads the chains' heads, and their numbers in order; why says
// what is wrong with them, if anything.
func (t *tx) chainHeads(ctx context.Context) (heads map[int64]*chainHead, order []int64, why string, err error) {
	rows, err := t.tx.QueryContext(ctx, `SELECT id, last_id, last_hash, sealed FROM audit_chain ORDER BY id`)
	if err != nil {
		return nil, nil, "", dbError("read audit chain heads", err)
	}
	defer rows.Close()
	heads = map[int64]*chainHead{}
	for rows.Next() {
		var n int64
		var sealed int
		h := &chainHead{}
		if err := rows.Scan(&n, &h.lastID, &h.lastHash, &sealed); err != nil {
			return nil, nil, "", dbError("read audit chain heads", err)
		}
		if sealed != 1 {
			why = "the chain is not sealed yet (run shebao migrate)"
		}
		heads[n] = h
		order = append(order, n)
	}
	if err := rows.Err(); err != nil {
		return nil, nil, "", dbError("read audit chain heads", err)
	}
	if heads[1] == nil {
		why = "the chain's head (audit_chain) is missing"
	}
	return heads, order, why, nil
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
