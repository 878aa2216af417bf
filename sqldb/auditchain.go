package sqldb

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"shebao"
)

// The audit log is a set of hash chains (docs/SECURITY.md, "Tamper
// evidence"): each entry names its chain (audit_log.chain) and carries the
// hash of the entry before it in that chain; audit_chain holds each chain's
// head (its last entry's id and hash). PostgreSQL has pgChains of them, so
// that concurrent transactions append to different chains and their commits
// share WAL flushes; SQLite has one, appended to by its group commit
// (auditchain_group.go).

// pgChains is how many chains the log has on PostgreSQL (migration 00009).
const pgChains = 32

// waitChain spreads appenders that find every head held over the chains.
var waitChain atomic.Uint32

// chainPool hands each PostgreSQL write transaction of this process that
// appends to the log the first chain none of the process's other
// transactions holds, and takes it back when the transaction has ended
// (runTx). The transaction then locks that one head (pgOwnHead) instead of
// scanning audit_chain for a head no one holds (pgFreeHead): the scan
// visited every held head, the lock-manager and row checks of up to 31
// locked rows and their dead versions (autovacuum off), and took
// 0.6-3 ms a call under load (docs/PERFORMANCE.md, "Submissions on
// PostgreSQL (stop 12)"). The pool has pgConns connections, as many as
// there are chains, so a process's transactions never want one chain at
// once; another instance on the same database may hold it, and then the
// scan runs as before.
type chainPool struct {
	mu   sync.Mutex
	held [pgChains]bool
}

// take returns the first chain the process holds no head of, and marks
// it held; 0 when it holds all.
func (p *chainPool) take() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	for i, h := range p.held {
		if !h {
			p.held[i] = true
			return i + 1
		}
	}
	return 0
}

// give hands chain back (0: none).
func (p *chainPool) give(chain int) {
	if chain == 0 {
		return
	}
	p.mu.Lock()
	p.held[chain-1] = false
	p.mu.Unlock()
}

// ownChain returns the chain the process handed this transaction, taking
// one the first time (0 when every chain is held by the process).
func (t *tx) ownChain() int {
	if t.heads != nil && t.own == 0 {
		t.own = t.heads.take()
	}
	return t.own
}

// appendAudits writes the transaction's audit entries, in order, as the next
// links of a chain, just before commit. On SQLite the committer's group does
// it (appendAuditsInGroup); every SQLite write runs in a group.
//
// On PostgreSQL the transaction locks the head of the chain the process
// handed it (chainPool, pgOwnHead), or, when another instance holds that
// head, of the first chain no other transaction holds (pgFreeHead: FOR
// UPDATE SKIP LOCKED; when all are held, errEveryHeadHeld: it runs again,
// taking a head first, takeHeadFirst), so that a lone
// writer appends to chain 1 and concurrent ones spread over the others,
// and takes the entries' ids from audit_log's sequence while holding it, so
// that ids grow in chain order within each chain; then one statement
// inserts the entries and moves the head. An item's INSERT takes the head
// and one id already (InsertItem): then the insert is the append's only
// statement. Otherwise the head is taken here, one statement before. The
// head's row lock is held until the commit has been flushed, but up to
// pgChains transactions hold one each.
func (t *tx) appendAudits(ctx context.Context) error {
	if len(t.audits) == 0 {
		return nil
	}
	if t.chain != nil {
		return t.appendAuditsInGroup(ctx)
	}
	if t.dialect != Postgres {
		return fmt.Errorf("sqldb: audit: a SQLite write outside the committer's group")
	}
	es := t.audits
	t.audits = nil
	chain, prev, ids, err := t.pgHead(ctx, len(es))
	if err != nil {
		return err
	}
	for i := range es {
		es[i].ID, es[i].PrevHash = ids[i], prev
		es[i].Hash = es[i].ChainHash(prev)
		prev = es[i].Hash
	}
	q, args := insertAuditsQuery(es, 3)
	return t.tx.execAtCommit(ctx, "audit "+es[0].Action, `WITH entries AS (`+q+`)
		UPDATE audit_chain SET last_id = $1, last_hash = $2 WHERE id = $3`,
		append([]any{ids[len(ids)-1], prev, chain}, args...)...)
}

// pgOwnHead locks the head of chain $2, the process's choice (chainPool),
// unless another transaction holds it: one row by its key, no scan.
const pgOwnHead = `SELECT id, last_hash, sealed FROM audit_chain
		WHERE id = $2 FOR UPDATE SKIP LOCKED`

// pgFreeHead selects the first head no other transaction holds, and locks it.
const pgFreeHead = `SELECT id, last_hash, sealed FROM audit_chain
		ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED`

// heldHead is the head of a chain a PostgreSQL transaction has locked
// (InsertItem), with the entry ids it took while holding it.
type heldHead struct {
	chain  int
	prev   string
	sealed int
	ids    []int64
}

// pgHead returns the chain whose head the transaction holds, taking one if
// it holds none, its last hash, and n entry ids taken while holding it.
func (t *tx) pgHead(ctx context.Context, n int) (chain int, prev string, ids []int64, err error) {
	h := t.head
	if h == nil {
		// The process's chain, unless an item's INSERT tried it already.
		if own := t.ownChain(); own != 0 && !t.headTried {
			chain, prev, ids, err = t.takeChain(ctx, n, pgOwnHead, own)
		}
		if err == nil && chain == 0 { // held by another instance: any free one
			chain, prev, ids, err = t.takeChain(ctx, n, pgFreeHead)
		}
		if err == nil && chain == 0 { // every head is held: run again, taking one first
			return 0, "", nil, errEveryHeadHeld
		}
		return chain, prev, ids, err
	}
	if h.sealed != 1 {
		return 0, "", nil, errNotSealed
	}
	if more := n - len(h.ids); more > 0 { // still holding the head: these ids are above the chain's too
		rows, err := t.tx.QueryContext(ctx, `SELECT nextval('audit_log_id_seq') FROM generate_series(1, $1::int)`, more)
		if err != nil {
			return 0, "", nil, dbError("audit ids", err)
		}
		more, err := collect(rows, func(s scanner) (id int64, err error) { return id, s.Scan(&id) })
		if err != nil {
			return 0, "", nil, dbError("audit ids", err)
		}
		h.ids = append(h.ids, more...)
		slices.Sort(h.ids)
	}
	ids, h.ids = h.ids[:n], h.ids[n:]
	t.head = nil // the transaction appends once, at commit
	return h.chain, h.prev, ids, nil
}

// takeChain locks the head that head (a SELECT … FOR UPDATE of audit_chain,
// its arguments from $2) finds and takes n entry ids, in order, while
// holding it: nextval runs for the rows of the join, after the CTE has
// locked its row. It returns chain 0 when head finds none.
func (t *tx) takeChain(ctx context.Context, n int, head string, args ...any) (chain int, prev string, ids []int64, err error) {
	rows, err := t.tx.QueryContext(ctx, `WITH head AS MATERIALIZED (`+head+`)
		SELECT head.id, head.last_hash, head.sealed, nextval('audit_log_id_seq')
		FROM head CROSS JOIN generate_series(1, $1::int)`, append([]any{n}, args...)...)
	if err != nil {
		return 0, "", nil, dbError("audit chain", err)
	}
	defer rows.Close()
	for rows.Next() {
		var sealed int
		var id int64
		if err := rows.Scan(&chain, &prev, &sealed, &id); err != nil {
			return 0, "", nil, dbError("audit chain", err)
		}
		if sealed != 1 {
			return 0, "", nil, errNotSealed
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return 0, "", nil, dbError("audit chain", err)
	}
	// nextval's values are taken in some order; each is above every id
	// taken before the head was locked.
	slices.Sort(ids)
	return chain, prev, ids, nil
}

// errEveryHeadHeld: a PostgreSQL transaction came to append and found
// every chain's head held by others. It does not wait for one: it may hold
// a row lock that a head's holder waits for (a coverage both insert), and
// the two would wait for each other until PostgreSQL aborted one as a
// deadlock, a second later (docs/SECURITY.md, "Tamper evidence: hash
// chains"). InTx rolls it back, which releases its rows, and runs it again
// taking a head first (takeHeadFirst, inTxAlone).
var errEveryHeadHeld = errors.New("sqldb: audit: every chain's head is held")

// pgWaitHead locks the head of chain $2, waiting for its holder.
const pgWaitHead = `SELECT id, last_hash, sealed FROM audit_chain
		WHERE id = $2 FOR UPDATE`

// takeHeadFirst locks a head as the transaction's first statement, before
// it locks any row, so that it may wait for one: waiting, it holds nothing
// another transaction could wait for. It takes the process's chain if no
// other instance holds it, else the first head no one holds, else it waits
// for the process's chain (or, when the process holds every chain, for
// one in turn). One entry id comes with it; the item's INSERT then takes
// no head (headTried) and the append uses this one (pgHead).
func (t *tx) takeHeadFirst(ctx context.Context) error {
	t.headTried = true
	own := t.ownChain()
	var chain int
	var prev string
	var ids []int64
	var err error
	if own != 0 {
		chain, prev, ids, err = t.takeChain(ctx, 1, pgOwnHead, own)
	}
	if err == nil && chain == 0 {
		chain, prev, ids, err = t.takeChain(ctx, 1, pgFreeHead)
	}
	if err == nil && chain == 0 {
		if own == 0 {
			own = int(waitChain.Add(1)%pgChains) + 1
		}
		chain, prev, ids, err = t.takeChain(ctx, 1, pgWaitHead, own)
	}
	if err != nil {
		return err
	}
	t.head = &heldHead{chain: chain, prev: prev, sealed: 1, ids: ids}
	return nil
}

var errNotSealed = errors.New("sqldb: audit: the chain is not sealed (run shebao migrate)")

// auditColumns are the columns of an entry's INSERT, in auditArgs' order.
const auditColumns = `id, at, account_id, username, role, channel, terminal, action, unit_id, person_id, item_id, detail,
	unit_name, credit_code, person_name, id_number, prev_hash, hash`

// auditColumnNames are auditColumns one by one (insertRows).
var auditColumnNames = strings.Fields(strings.ReplaceAll(auditColumns, ",", " "))

func auditArgs(e shebao.AuditEntry) []any {
	return []any{e.ID, micros(e.At), e.AccountID, e.Username, string(e.Role), string(e.Channel), e.Terminal,
		e.Action, e.UnitID, e.PersonID, e.ItemID, e.Detail,
		e.UnitName, e.CreditCode, e.PersonName, e.IDNumber, e.PrevHash, e.Hash}
}

// insertAuditsQuery returns one INSERT of es into chain $chainArg with its
// arguments, numbered after it ($1 to $chainArg are left to the statement
// around it).
func insertAuditsQuery(es []shebao.AuditEntry, chainArg int) (string, []any) {
	var b strings.Builder
	b.WriteString(`INSERT INTO audit_log (chain, ` + auditColumns + `) VALUES `)
	var args []any
	for i, e := range es {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "($%d", chainArg)
		for _, a := range auditArgs(e) {
			args = append(args, a)
			fmt.Fprintf(&b, ", $%d", len(args)+chainArg)
		}
		b.WriteByte(')')
	}
	return b.String(), args
}
