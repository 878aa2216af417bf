package sqldb_test

import (
	"fmt"
	"strings"
	"testing"

	"shebao"
	"shebao/handling"
	"shebao/rules"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

// TestSubmissionWrites counts the statements of a submission's writes
// (docs/PERFORMANCE.md, "The submission's writes"): every statement from
// the first that is not a read (the reads before it are the engine's
// facts), SQLite's savepoint included. A submission alone makes a group of
// one on SQLite, so the group's read of the chain's head, its audit INSERT
// and its move of the head count here; in a group of many they are shared.
// The receipts keep their format, the entries the names of the unit and
// the person, and the chain verifies.
func TestSubmissionWrites(t *testing.T) {
	want := map[string]struct{ approved, refused int }{
		// the item's INSERT (its receipt, its event, the audit snapshot, a
		// chain's head and an entry id), the 4 coverages' INSERT, the audit
		// append
		sqldb.Postgres: {1 + 1 + 1, 1 + 1},
		// SAVEPOINT, the item's INSERT (its receipt, the audit snapshot), its
		// event, the coverages' INSERT, RELEASE; the group's head read, audit
		// INSERT and head move
		sqldb.SQLite: {1 + 2 + 1 + 1 + 3, 1 + 2 + 1 + 3},
	}
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := t.Context()
		u := newUnit(t, db, "91110000AAAAAAAAA1", "甲公司")
		pol := rules.DefaultPolicy(2026, 1_120_000)
		first17 := "11010119900101001"
		p := shebao.Person{IDNumber: first17 + string(rules.IDCheckChar(first17)), Name: "李四", Sex: shebao.Male, BirthDate: 19900101}
		update(t, db, func(tx shebao.Tx) error {
			if err := tx.SavePolicy(ctx, &pol); err != nil {
				return err
			}
			if err := tx.CreatePerson(ctx, &p); err != nil {
				return err
			}
			r := shebao.Registration{SourceID: "B1", PersonID: p.ID, UnitID: u.ID, Start: 20260601, RegisteredOn: 20260601}
			return tx.PutRegistration(ctx, &r)
		})
		s := &handling.Service{Store: db, Clock: shebao.FixedDayClock{Day: benchDay}}
		op := shebao.Actor{AccountID: 1, Role: shebao.RoleOperator, UnitID: u.ID, Channel: shebao.Online}
		// The first is approved; the second, the person insured now, is
		// refused (what the load submits).
		for i, status := range []shebao.ItemStatus{shebao.StatusApproved, shebao.StatusRefused} {
			var stmts []string
			var n int
			stop := sqldb.CountStatementsForTest(&n, func(q string) { stmts = append(stmts, q) })
			it, err := s.Submit(ctx, op, handling.Request{Type: shebao.ItemEnroll, IDNumber: p.IDNumber, Wage: 800000, ClientKey: fmt.Sprint("k", i)})
			stop()
			if err != nil || it.Status != status {
				t.Fatalf("submission %d: %v %s", i, err, it.Status)
			}
			if want := sqldb.Receipt(benchDay, it.ID); it.Receipt != want {
				t.Errorf("receipt %q, want %q", it.Receipt, want)
			}
			writes := writeStatements(stmts)
			w := want[db.Dialect()].approved
			if status == shebao.StatusRefused {
				w = want[db.Dialect()].refused
			}
			if len(writes) != w {
				t.Errorf("%s submission: %d write statements, want %d:\n%s", status, len(writes), w, strings.Join(writes, "\n"))
			}
		}
		view(t, db, func(tx shebao.Tx) error {
			rows, _, err := tx.AuditRows(ctx, shebao.AuditFilter{Action: "item."})
			if len(rows) != 2 {
				t.Fatalf("%d entries, want 2 (%v)", len(rows), err)
			}
			for _, r := range rows {
				e := r.AuditEntry
				if e.UnitName != u.Name || e.CreditCode != u.CreditCode || e.PersonName != p.Name || e.IDNumber != p.IDNumber {
					t.Errorf("entry %d names %q %q %q %q, want the unit's and the person's", e.ID, e.UnitName, e.CreditCode, e.PersonName, e.IDNumber)
				}
			}
			return err
		})
		wantChain(t, db, 2)
	})
}

// writeStatements returns the statements from the first that is not a
// SELECT, with the savepoints before it, shortened to their first line.
func writeStatements(stmts []string) []string {
	var out []string
	writing := false
	for _, q := range stmts {
		q = strings.TrimSpace(q)
		writing = writing || !strings.HasPrefix(q, "SELECT") && !strings.HasPrefix(q, "SAVEPOINT")
		if writing || strings.HasPrefix(q, "SAVEPOINT") {
			out = append(out, strings.SplitN(q, "\n", 2)[0])
		}
	}
	return out
}
