package sqldb_test

import (
	"fmt"
	"sync/atomic"
	"testing"

	"shebao"
	"shebao/handling"
	"shebao/rules"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

// BenchmarkConcurrentSubmit is the write path under many operators at once
// (docs/PERFORMANCE.md, "Many operators at once"), without HTTP: 64
// goroutines submit enrollments through the engine (each approved: an item,
// four coverages, an audit entry, a durable commit), against 64 goroutines
// of raw durable single-row inserts (RawInsert) on the same database. The
// ratio of their ns/op is the ratio of their rates.
func BenchmarkConcurrentSubmit(b *testing.B) {
	const writers = 64
	for _, d := range []string{sqldb.SQLite, sqldb.Postgres} {
		b.Run(d+"/raw-insert", func(b *testing.B) {
			db := sqldbtest.Open(b, d)
			if err := db.PrepareRawInserts(b.Context()); err != nil {
				b.Fatal(err)
			}
			var n atomic.Int64
			b.SetParallelism(writers)
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					if err := db.RawInsert(b.Context(), fmt.Sprint("k", n.Add(1))); err != nil {
						b.Error(err)
						return
					}
				}
			})
		})
		b.Run(d+"/engine-submit", func(b *testing.B) {
			db := sqldbtest.Open(b, d)
			ctx := b.Context()
			u := newUnit(b, db, "91110000AAAAAAAAA1", "甲公司")
			pol := rules.DefaultPolicy(2026, 1_120_000)
			ids := make([]string, b.N)
			update(b, db, func(tx shebao.Tx) error {
				if err := tx.SavePolicy(ctx, &pol); err != nil {
					return err
				}
				for i := range ids {
					first17 := fmt.Sprintf("11%04d19900101%03d", i/1000, i%1000)
					ids[i] = first17 + string(rules.IDCheckChar(first17))
					p := shebao.Person{IDNumber: ids[i], Name: "测试", Sex: shebao.Male, BirthDate: 19900101}
					if err := tx.CreatePerson(ctx, &p); err != nil {
						return err
					}
					r := shebao.Registration{SourceID: fmt.Sprint("B", i), PersonID: p.ID, UnitID: u.ID, Start: 20260601, RegisteredOn: 20260601}
					if err := tx.PutRegistration(ctx, &r); err != nil {
						return err
					}
				}
				return nil
			})
			s := &handling.Service{Store: db, Clock: shebao.FixedDayClock{Day: benchDay}}
			op := shebao.Actor{AccountID: 1, Role: shebao.RoleOperator, UnitID: u.ID, Channel: shebao.Online}
			var next atomic.Int64
			commits0, members0 := db.GroupCommitsForTest()
			b.SetParallelism(writers)
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					i := next.Add(1) - 1
					if i >= int64(len(ids)) {
						b.Error("more submissions than persons")
						return
					}
					it, err := s.Submit(ctx, op, handling.Request{Type: shebao.ItemEnroll, IDNumber: ids[i], Wage: 800000, ClientKey: fmt.Sprint("k", i)})
					if err != nil || it.Status != shebao.StatusApproved {
						b.Errorf("submit %d: %v %s %v", i, err, it.Status, it.Reasons)
						return
					}
				}
			})
			if commits, members := db.GroupCommitsForTest(); commits > commits0 {
				b.ReportMetric(float64(members-members0)/float64(commits-commits0), "tx/commit")
			}
		})
	}
}
