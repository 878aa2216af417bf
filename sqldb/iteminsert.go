package sqldb

import (
	"context"
	"fmt"
	"strings"

	"shebao"
)

// A submission's writes (docs/PERFORMANCE.md, "The submission's writes").
// The item's INSERT gives the item its id and its receipt in one statement,
// and reads the names the audit entry about the item will keep
// (auditSnapshot). On PostgreSQL the same statement also appends the item's
// first event (a data-modifying CTE) and takes the head of an audit chain
// with the id of the entry that follows (auditchain.go): a submission's
// writes are that statement and the audit append at commit.

// itemColumns are the columns an item's INSERT sets, besides its id and
// receipt, as $1 to $20 (InsertItem's arguments); $21 is the receipt's prefix.
const itemColumns = `type, unit_id, person_id, channel, terminal, period, status, reasons, reason_args,
	wage, base, stop_reason, client_key, created_by, created_at, created_day, decided_at, payload, note, id_number`

const itemValues = `$1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20`

// itemSnapshot reads the names of the item's unit ($2) and person ($3).
var itemSnapshot = snapshotColumns("$2", "$3")

// sqliteInsertItem takes the id SQLite would give the row itself: items'
// id is an INTEGER PRIMARY KEY without AUTOINCREMENT, which SQLite numbers
// from the largest id, and the writer holds the database's write lock.
// The receipt's digits are printf's %07d, as Receipt's.
var sqliteInsertItem = `INSERT INTO items (id, receipt, ` + itemColumns + `)
	SELECT n.id, $21 || printf('%07d', n.id), ` + itemValues + `
	FROM (SELECT COALESCE(MAX(id), 0) + 1 AS id FROM items) AS n
	RETURNING id, receipt, ` + itemSnapshot

// pgItemCTEs insert the item, with the id from its identity sequence and
// the receipt built from it as Receipt builds it (at least 7 digits), and
// its first event.
const pgItemCTEs = `item AS (INSERT INTO items (id, receipt, ` + itemColumns + `)
		SELECT n.id, $21::text || CASE WHEN n.id < 10000000 THEN lpad(n.id::text, 7, '0') ELSE n.id::text END, ` + itemValues + `
		FROM (SELECT nextval('items_id_seq') AS id) AS n
		RETURNING id, receipt),
	ev AS (INSERT INTO item_events (item_id, from_status, status, reasons, note, at, by_account)
		SELECT id, '', $7, $8, $19, $15, $14 FROM item)`

// pgInsertItem is the statement for a transaction that holds an audit
// chain's head already (or found none free).
var pgInsertItem = `WITH ` + pgItemCTEs + `
	SELECT item.id, item.receipt, ` + itemSnapshot + ` FROM item`

// pgInsertItemHead also locks the head of the process's chain ($22), as
// appendAudits would, and takes one entry id while holding it (nextval runs
// for the joined row, after the CTE has locked it). Another instance holds
// that head: chain 0, and appendAudits takes another at commit.
var pgInsertItemHead = `WITH head AS MATERIALIZED (` + strings.Replace(pgOwnHead, "$2", "$22", 1) + `),
	` + pgItemCTEs + `
	SELECT item.id, item.receipt, ` + itemSnapshot + `,
		COALESCE(head.id, 0), COALESCE(head.last_hash, ''), COALESCE(head.sealed, 0),
		CASE WHEN head.id IS NULL THEN 0 ELSE nextval('audit_log_id_seq') END
	FROM item LEFT JOIN head ON true`

// InsertItem inserts it and sets it.ID and it.Receipt. it.CreatedAt must be
// set (EINVALID otherwise): it fixes the office day of the receipt and of the
// monthly statistics. ECONFLICT when the unit already has an item with the
// same non-empty ClientKey. PersonID 0 stores an item about the unit only,
// or about an ID number unknown to the district (it.IDNumber is kept).
// The item's first event (its submission, in its initial status) is
// appended to its timeline. Every item is audited in its transaction: an
// audit entry about the item's unit and person made right after it (no
// statement between) keeps the names this statement read.
func (t *tx) InsertItem(ctx context.Context, it *shebao.Item) error {
	if it.CreatedAt.IsZero() {
		return shebao.Invalid("created_at", shebao.ReasonRequired)
	}
	day := shebao.DateOf(it.CreatedAt)
	args := []any{string(it.Type), it.UnitID, nullID(it.PersonID), string(it.Channel), it.Terminal, int32(it.Period),
		string(it.Status), encodeList(it.Reasons), encodeList(it.ReasonArgs), int64(it.Wage),
		int64(it.Base), string(it.StopReason), it.ClientKey, it.CreatedBy, micros(it.CreatedAt),
		int32(day), micros(it.DecidedAt), it.Payload, it.Note, it.IDNumber, receiptPrefix(day)}
	var id, entry int64
	var receipt string
	var h heldHead
	s := auditSnap{unitID: it.UnitID, personID: it.PersonID}
	dest := []any{&id, &receipt, &s.unitName, &s.creditCode, &s.personName, &s.idNumber}
	q := sqliteInsertItem
	if t.dialect == Postgres {
		q = pgInsertItem
		if !t.headTried {
			if own := t.ownChain(); own != 0 {
				q = pgInsertItemHead
				args = append(args, own)
				dest = append(dest, &h.chain, &h.prev, &h.sealed, &entry)
			}
		}
	}
	if err := t.tx.scanRow(ctx, q, args, dest...); err != nil {
		return dbError(fmt.Sprintf("insert %s item of unit %d", it.Type, it.UnitID), err)
	}
	if t.dialect == Postgres {
		t.headTried = true
	}
	if q == pgInsertItemHead {
		if h.chain != 0 {
			h.ids = []int64{entry}
			t.head = &h
		}
	}
	if want := Receipt(day, id); receipt != want {
		return fmt.Errorf("sqldb: item %d got receipt %q, want %q", id, receipt, want)
	}
	if t.dialect != Postgres {
		ev := shebao.ItemEvent{ItemID: id, Status: it.Status, Reasons: it.Reasons, Note: it.Note, At: it.CreatedAt, By: it.CreatedBy}
		if err := t.appendItemEvent(ctx, ev); err != nil {
			return err
		}
	}
	s.ran = *t.tx.ran
	t.snap = &s
	it.ID, it.Receipt = id, receipt
	return nil
}
