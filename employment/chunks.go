package employment

import (
	"context"
	"time"

	"shebao"
)

// Chunks is ImportTx a chunk of records at a time, for a file too large to
// hold (the register import, package register): each Add checks and applies
// its records in the caller's transaction; Done records the one import
// report and its audit entry. A source id twice within one chunk is
// rejected as ImportTx rejects it; the caller finds those in different
// chunks.
type Chunks struct {
	ctx   context.Context
	tx    shebao.Tx
	a     shebao.Actor
	today shebao.Date
	rep   shebao.ImportReport
}

// NewChunks starts an import of registrations in tx at time now.
func NewChunks(ctx context.Context, tx shebao.Tx, a shebao.Actor, ch shebao.ImportChannel, source string, now time.Time) *Chunks {
	return &Chunks{ctx: ctx, tx: tx, a: a, today: shebao.DateOf(now),
		rep: shebao.ImportReport{Channel: ch, Source: source, At: now, AccountID: a.AccountID, Username: a.Username}}
}

// Add checks and applies recs and returns their rejects, by row.
func (c *Chunks) Add(recs []Record) ([]shebao.ImportReject, error) {
	entries, rejects := check(recs, c.today)
	c.rep.Read += len(recs)
	c.rep.Rejects = rejects
	if err := apply(c.ctx, c.tx, entries, &c.rep); err != nil {
		return nil, err
	}
	out := c.rep.Rejects
	c.rep.Rejects = nil
	sortRejects(out)
	c.rep.Rejected += len(out)
	return out, nil
}

// Done records the import's report (its counts; the rejects were Add's)
// and audits it.
func (c *Chunks) Done() (shebao.ImportReport, error) {
	if err := c.tx.RecordImport(c.ctx, &c.rep); err != nil {
		return c.rep, err
	}
	return c.rep, c.tx.Audit(c.ctx, importAudit(c.a, c.rep))
}
