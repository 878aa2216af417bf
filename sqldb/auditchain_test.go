package sqldb_test

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"shebao"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

// appendAudits appends n entries naming u and p, one transaction each.
func appendAudits(t *testing.T, db *sqldb.DB, n int, u shebao.Unit, p shebao.Person) {
	t.Helper()
	for i := 0; i < n; i++ {
		update(t, db, func(tx shebao.Tx) error {
			e := shebao.AuditFor(shebao.Actor{AccountID: 1, Username: "clerk", Role: shebao.RoleClerk,
				Channel: shebao.Counter}, t0.Add(time.Duration(i)*time.Minute), "item.enroll")
			e.UnitID, e.PersonID, e.Detail = u.ID, p.ID, fmt.Sprintf(`{"n":%d}`, i)
			return tx.Audit(t.Context(), e)
		})
	}
}

func wantChain(t *testing.T, db *sqldb.DB, entries int) {
	t.Helper()
	c, err := db.VerifyAudit(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if !c.OK() || c.Entries != entries {
		t.Fatalf("VerifyAudit = %+v, want an intact chain of %d entries", c, entries)
	}
}

func wantBroken(t *testing.T, db *sqldb.DB, id int64, why string) {
	t.Helper()
	c, err := db.VerifyAudit(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if c.OK() || c.BrokenID != id || !strings.Contains(c.Broken, why) {
		t.Fatalf("VerifyAudit = %+v, want broken at entry %d (%q)", c, id, why)
	}
}

// exec runs statements on the database directly, as someone with access to
// it (not the application) could.
func exec(t *testing.T, db *sqldb.DB, stmts ...string) {
	t.Helper()
	for _, s := range stmts {
		if _, err := db.WriterForTest().ExecContext(t.Context(), s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

// dropGuards removes the triggers that refuse changes to the log, as an
// attacker with the database's owner rights could.
func dropGuards(t *testing.T, db *sqldb.DB) {
	if db.Dialect() == sqldb.Postgres {
		exec(t, db, `DROP TRIGGER audit_log_append_only ON audit_log`)
		return
	}
	exec(t, db, `DROP TRIGGER audit_log_no_update`, `DROP TRIGGER audit_log_no_delete`)
}

func TestAuditKeepsNamesAsTheyWere(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		u := newUnit(t, db, "91110000000000001X", "旧名称有限公司")
		p := newPerson(t, db, idNumber(1), "张三")
		appendAudits(t, db, 1, u, p)
		exec(t, db, `UPDATE units SET name = '新名称有限公司'`, `UPDATE persons SET name = '张叁'`)
		view(t, db, func(tx shebao.Tx) error {
			rows, _, err := tx.AuditRows(t.Context(), shebao.AuditFilter{})
			if err == nil && (len(rows) != 1 || rows[0].UnitName != "旧名称有限公司" || rows[0].PersonName != "张三" ||
				rows[0].CreditCode != u.CreditCode || rows[0].IDNumber != p.IDNumber) {
				t.Errorf("rows = %+v, want the names of when the entry was made", rows)
			}
			return err
		})
	})
}

func TestAuditChainShowsTampering(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		u := newUnit(t, db, "91110000000000001X", "某某有限公司")
		p := newPerson(t, db, idNumber(1), "张三")
		appendAudits(t, db, 5, u, p)
		wantChain(t, db, 5)

		// The application's database refuses to change or delete an entry.
		for _, s := range []string{`DELETE FROM audit_log WHERE id = 2`, `UPDATE audit_log SET detail = 'x' WHERE id = 2`} {
			if _, err := db.WriterForTest().ExecContext(t.Context(), s); err == nil {
				t.Errorf("%s: no error, want the log's guard to refuse", s)
			}
		}
		dropGuards(t, db)
		exec(t, db, `UPDATE audit_log SET detail = '{"n":9}' WHERE id = 3`)
		wantBroken(t, db, 3, "does not match its content")
		exec(t, db, `UPDATE audit_log SET detail = '{"n":2}' WHERE id = 3`)
		wantChain(t, db, 5)

		exec(t, db, `UPDATE audit_log SET person_name = '李四' WHERE id = 4`)
		wantBroken(t, db, 4, "does not match its content")
		exec(t, db, `UPDATE audit_log SET person_name = '张三' WHERE id = 4`)

		exec(t, db, `DELETE FROM audit_log WHERE id = 5`)
		wantBroken(t, db, 0, "the log ends at entry 4")
		exec(t, db, `DELETE FROM audit_log WHERE id = 2`)
		wantBroken(t, db, 3, "prev_hash")
	})
}

// Concurrent writers append one after the other: the chain stays linear.
func TestAuditChainUnderConcurrentWriters(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		u := newUnit(t, db, "91110000000000001X", "某某有限公司")
		p := newPerson(t, db, idNumber(1), "张三")
		const writers, each = 8, 5
		var wg sync.WaitGroup
		for w := 0; w < writers; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := 0; i < each; i++ {
					err := db.InTx(t.Context(), func(tx shebao.Tx) error {
						e := shebao.AuditFor(shebao.Actor{AccountID: int64(w)}, t0, "test.concurrent")
						e.UnitID, e.PersonID = u.ID, p.ID
						if err := tx.Audit(t.Context(), e); err != nil {
							return err
						}
						return tx.Audit(t.Context(), e) // two in one transaction
					})
					if err != nil {
						t.Error(err)
					}
				}
			}()
		}
		wg.Wait()
		wantChain(t, db, writers*each*2)
	})
}

// Entries written before the chain existed (migration 00005) are hashed
// once, in order, by Migrate, and get the names of their unit and person.
func TestAuditChainSealsEarlierEntries(t *testing.T) {
	for _, dialect := range []string{sqldb.SQLite, sqldb.Postgres} {
		t.Run(dialect, func(t *testing.T) {
			db := openAtVersion(t, dialect, 3)
			exec(t, db, `INSERT INTO units (credit_code, name) VALUES ('91110000000000001X', '某某有限公司')`)
			for i := 0; i < 3; i++ {
				exec(t, db, fmt.Sprintf(`INSERT INTO audit_log (at, action, unit_id, detail) VALUES (%d, 'item.enroll', 1, 'old %d')`, 1000+i, i))
			}
			if err := db.Migrate(t.Context()); err != nil {
				t.Fatal(err)
			}
			if err := db.Migrate(t.Context()); err != nil { // sealed once
				t.Fatal(err)
			}
			update(t, db, func(tx shebao.Tx) error {
				return tx.Audit(t.Context(), shebao.AuditEntry{At: t0, Action: "item.stop", UnitID: 1})
			})
			wantChain(t, db, 4)
			view(t, db, func(tx shebao.Tx) error {
				rows, _, err := tx.AuditRows(t.Context(), shebao.AuditFilter{})
				for _, r := range rows {
					if r.UnitName != "某某有限公司" {
						t.Errorf("entry %d: unit name %q", r.ID, r.UnitName)
					}
				}
				return err
			})
		})
	}
}
