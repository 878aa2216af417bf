package sqldb_test

import (
	"fmt"
	"slices"
	"testing"

	"shebao"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

// holdChains appends one entry in each of n transactions open at once and
// commits them; it returns the chains they took.
func holdChains(t *testing.T, db *sqldb.DB, n int, u shebao.Unit) []int64 {
	t.Helper()
	e := shebao.AuditFor(shebao.Actor{AccountID: 1, Username: "clerk"}, t0, "test.held")
	e.UnitID = u.ID
	chains, commit, err := db.HoldChainsForTest(t.Context(), n, e)
	if cerr := commit(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatal(err)
	}
	return chains
}

// idsIn returns the ids of chain's entries, in order.
func idsIn(t *testing.T, db *sqldb.DB, chain int64) []int64 {
	t.Helper()
	rows, err := db.WriterForTest().QueryContext(t.Context(), `SELECT id FROM audit_log WHERE chain = $1 ORDER BY id`, chain)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	return ids
}

// On PostgreSQL, transactions appending at once each take a chain of their
// own; every chain verifies, and tampering with any of them shows: a change,
// a removal in the middle, the removal of a chain's newest entries, an
// entry moved to another chain.
func TestAuditChainsOnPostgres(t *testing.T) {
	db := sqldbtest.Open(t, sqldb.Postgres)
	u := newUnit(t, db, "91110000000000001X", "某某有限公司")
	p := newPerson(t, db, idNumber(1), "张三")
	appendAudits(t, db, 2, u, p)
	if got := idsIn(t, db, 1); len(got) != 2 {
		t.Fatalf("a lone writer's entries in chain 1: %v, want both", got)
	}
	for range 2 {
		chains := holdChains(t, db, 4, u)
		slices.Sort(chains)
		if len(slices.Compact(slices.Clone(chains))) != 4 {
			t.Fatalf("4 transactions at once took chains %v, want 4 different ones", chains)
		}
	}
	c, err := db.VerifyAudit(t.Context())
	if err != nil || !c.OK() || c.Entries != 10 || c.Chains != 4 {
		t.Fatalf("VerifyAudit = %+v, %v; want 10 entries in 4 chains, intact", c, err)
	}
	// Concurrent writers (their transactions overlap as they may) verify.
	appendConcurrently(t, db, u, p)
	wantChain(t, db, 10+80)

	two := idsIn(t, db, 2)
	if len(two) < 2 {
		t.Fatalf("chain 2: %v", two)
	}
	first, second, last := two[0], two[1], two[len(two)-1]
	dropGuards(t, db)
	exec(t, db, fmt.Sprintf(`UPDATE audit_log SET detail = 'x' WHERE id = %d`, second))
	wantBroken(t, db, second, "does not match its content (the entry was changed) (chain 2)")
	exec(t, db, fmt.Sprintf(`UPDATE audit_log SET detail = '' WHERE id = %d`, second))
	wantChain(t, db, 90)

	exec(t, db, fmt.Sprintf(`UPDATE audit_log SET chain = 3 WHERE id = %d`, last))
	c, _ = db.VerifyAudit(t.Context())
	if c.OK() {
		t.Fatalf("an entry moved from chain 2 to 3: VerifyAudit = %+v, want broken", c)
	}
	exec(t, db, fmt.Sprintf(`UPDATE audit_log SET chain = 2 WHERE id = %d`, last))
	wantChain(t, db, 90)

	exec(t, db, fmt.Sprintf(`DELETE FROM audit_log WHERE id = %d`, last))
	wantBroken(t, db, 0, fmt.Sprintf("chain 2's head names entry %d, the log ends at entry %d in that chain", last, two[len(two)-2]))
	exec(t, db, fmt.Sprintf(`DELETE FROM audit_log WHERE id = %d`, first))
	wantBroken(t, db, second, "prev_hash")
}

// appendConcurrently appends 80 entries from 8 writers at once, two a
// transaction.
func appendConcurrently(t *testing.T, db *sqldb.DB, u shebao.Unit, p shebao.Person) {
	t.Helper()
	const writers, each = 8, 5
	done := make(chan error)
	for w := range writers {
		go func() {
			var err error
			for range each {
				err = db.InTx(t.Context(), func(tx shebao.Tx) error {
					e := shebao.AuditFor(shebao.Actor{AccountID: int64(w)}, t0, "test.concurrent")
					e.UnitID, e.PersonID = u.ID, p.ID
					if err := tx.Audit(t.Context(), e); err != nil {
						return err
					}
					return tx.Audit(t.Context(), e) // two in one transaction
				})
				if err != nil {
					break
				}
			}
			done <- err
		}()
	}
	for range writers {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
}

// A chain written before migration 00009 (one chain, its head counting the
// ids) stays valid as chain 1, and the entries after it get the next ids.
func TestAuditChainsKeepTheEarlierChain(t *testing.T) {
	for _, dialect := range []string{sqldb.SQLite, sqldb.Postgres} {
		t.Run(dialect, func(t *testing.T) {
			db := openAtVersion(t, dialect, 8)
			prev := ""
			for i := int64(1); i <= 3; i++ {
				e := shebao.AuditEntry{ID: i, At: t0, Action: "item.enroll", Detail: fmt.Sprint(i)}
				e.PrevHash, e.Hash = prev, e.ChainHash(prev)
				exec(t, db, fmt.Sprintf(`INSERT INTO audit_log (id, at, action, detail, prev_hash, hash)
					VALUES (%d, %d, 'item.enroll', '%s', '%s', '%s')`, i, t0.UnixMicro(), e.Detail, e.PrevHash, e.Hash))
				prev = e.Hash
			}
			exec(t, db, fmt.Sprintf(`UPDATE audit_chain SET last_id = 3, last_hash = '%s', sealed = 1`, prev))
			if err := db.Migrate(t.Context()); err != nil {
				t.Fatal(err)
			}
			wantChain(t, db, 3)
			update(t, db, func(tx shebao.Tx) error {
				return tx.Audit(t.Context(), shebao.AuditEntry{At: t0, Action: "item.stop"})
			})
			wantChain(t, db, 4)
			if ids := idsIn(t, db, 1); !slices.Equal(ids, []int64{1, 2, 3, 4}) {
				t.Errorf("chain 1 holds %v, want 1 2 3 4", ids)
			}
		})
	}
}

// When every chain's head is held, an appender is rolled back and runs
// again, waiting for a head first, and appends there once it is free.
func TestAuditWaitsWhenEveryChainIsHeld(t *testing.T) {
	db, url := sqldbtest.OpenURL(t, sqldb.Postgres)
	other, err := sqldb.Open(t.Context(), url) // another server on the same database
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	u := newUnit(t, db, "91110000000000001X", "某某有限公司")
	e := shebao.AuditFor(shebao.Actor{AccountID: 1, Username: "clerk"}, t0, "test.held")
	e.UnitID = u.ID
	chains, commit, err := other.HoldChainsForTest(t.Context(), 32, e)
	if err != nil {
		commit()
		t.Fatal(err)
	}
	done := make(chan error)
	p := newPerson(t, db, idNumber(1), "张三")
	go func() {
		// An item's INSERT finds no head free, nor does the append: the
		// transaction runs again and waits for one first.
		done <- db.InTx(t.Context(), func(tx shebao.Tx) error {
			it := newItem(u, p, t0)
			if err := tx.InsertItem(t.Context(), &it); err != nil {
				return err
			}
			return tx.Audit(t.Context(), e)
		})
	}()
	// It waits for a held head (its first statement when it runs again).
	for waiting := 0; waiting == 0; {
		err := db.WriterForTest().QueryRowContext(t.Context(), `SELECT count(*) FROM pg_stat_activity
			WHERE wait_event_type = 'Lock' AND query LIKE '%WHERE id = $2 FOR UPDATE%'`).Scan(&waiting)
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := commit(); err != nil {
		t.Fatal(err)
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	c, err := db.VerifyAudit(t.Context())
	if err != nil || !c.OK() || c.Entries != 33 || c.Chains != 32 || len(chains) != 32 {
		t.Fatalf("VerifyAudit = %+v, %v (held %v); want 33 entries in 32 chains, intact", c, err, chains)
	}
}
