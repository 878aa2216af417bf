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

// Add checks and applies recs and returns their rejects, by row. The
// chunk's persons and stored registrations are read in a few statements
// and its registrations written in a few, by the same apply as ImportTx.
func (c *Chunks) Add(recs []Record) ([]shebao.ImportReject, error) {
	entries, rejects := check(recs, c.a.OnItsChannel().Channel, c.today)
	c.rep.Read += len(recs)
	c.rep.Rejects = rejects
	tx, err := prefetch(c.ctx, c.tx, entries)
	if err != nil {
		return nil, err
	}
	if err := apply(c.ctx, tx, entries, &c.rep); err != nil {
		return nil, err
	}
	if err := c.tx.PutRegistrations(c.ctx, tx.puts); err != nil {
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

// chunkTx is a transaction that answers the lookups of apply for one
// chunk's entries from what was read for them at once, and gathers the
// registrations it puts (no two of one source id: check drops those).
type chunkTx struct {
	shebao.Tx
	units   map[string]shebao.Unit
	persons map[string]shebao.Person
	regs    map[string]shebao.Registration
	puts    []shebao.Registration
}

func prefetch(ctx context.Context, tx shebao.Tx, entries []Entry) (*chunkTx, error) {
	codes, ids, srcs := make([]string, len(entries)), make([]string, len(entries)), make([]string, len(entries))
	for i, e := range entries {
		codes[i], ids[i], srcs[i] = e.CreditCode, e.ID.Number, e.SourceID
	}
	c := &chunkTx{Tx: tx}
	var err error
	if c.units, err = tx.UnitsByCreditCodes(ctx, codes); err != nil {
		return nil, err
	}
	if c.persons, err = tx.PersonsByIDNumbers(ctx, ids); err != nil {
		return nil, err
	}
	if c.regs, err = tx.RegistrationsBySourceIDs(ctx, srcs); err != nil {
		return nil, err
	}
	return c, nil
}

var errNotFound = &shebao.Error{Code: shebao.ENOTFOUND, Reason: shebao.ReasonNotFound}

func (c *chunkTx) UnitByCreditCode(_ context.Context, code string) (shebao.Unit, error) {
	if u, ok := c.units[code]; ok {
		return u, nil
	}
	return shebao.Unit{}, errNotFound
}

func (c *chunkTx) PersonByIDNumber(_ context.Context, id string) (shebao.Person, error) {
	if p, ok := c.persons[id]; ok {
		return p, nil
	}
	return shebao.Person{}, errNotFound
}

func (c *chunkTx) RegistrationBySourceID(_ context.Context, id string) (shebao.Registration, error) {
	if r, ok := c.regs[id]; ok {
		return r, nil
	}
	return shebao.Registration{}, errNotFound
}

func (c *chunkTx) CreatePerson(ctx context.Context, p *shebao.Person) error {
	if err := c.Tx.CreatePerson(ctx, p); err != nil {
		return err
	}
	c.persons[p.IDNumber] = *p
	return nil
}

func (c *chunkTx) PutRegistration(_ context.Context, r *shebao.Registration) error {
	if r.SourceID == "" {
		return shebao.Invalid("source_id", shebao.ReasonRequired)
	}
	c.puts = append(c.puts, *r)
	c.regs[r.SourceID] = *r
	return nil
}
