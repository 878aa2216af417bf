package sqldb_test

import (
	"fmt"
	"testing"

	"shebao"
	"shebao/handling"
	"shebao/rules"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

// BenchmarkEnrollPath measures the whole enrollment path — the engine's
// Submit: read the unit, policy, person, registrations and coverage, decide,
// insert the item with its receipt and timeline event, four coverages and
// the audit record, committed durably — against a baseline measured in the
// same run on the same database: one plain INSERT of an item row in its own
// implicit transaction. docs/PERFORMANCE.md reports the ratio. stmts/op
// counts the statements a submission's transaction runs.
func BenchmarkEnrollPath(b *testing.B) {
	for _, d := range []string{sqldb.SQLite, sqldb.Postgres} {
		b.Run(d+"/raw-insert", func(b *testing.B) { benchRawItemInsert(b, d) })
		b.Run(d+"/engine-submit", func(b *testing.B) { benchEngineSubmit(b, d) })
	}
}

var benchDay = shebao.NewDate(2026, 7, 8)

func benchRawItemInsert(b *testing.B, dialect string) {
	db := sqldbtest.Open(b, dialect)
	u := newUnit(b, db, "91110000AAAAAAAAA1", "甲公司")
	p := newPerson(b, db, idNumber(1), "张三")
	w := db.WriterForTest()
	ctx := b.Context()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		_, err := w.ExecContext(ctx, `INSERT INTO items
			(receipt, type, unit_id, person_id, channel, terminal, period, status, reasons,
			 reason_args, wage, base, stop_reason, client_key, created_by, created_at, created_day, decided_at)
			VALUES ($1, 'enroll', $2, $3, 'online', '', 202607, 'approved', '[]', '[]', 800000, 800000,
			 '', $4, 7, $5, 20260708, $5)`,
			fmt.Sprintf("R%d", i), u.ID, p.ID, fmt.Sprint(i), benchDay.Time().UnixMicro())
		if err != nil {
			b.Fatal(err)
		}
	}
}

func benchEngineSubmit(b *testing.B, dialect string) {
	db := sqldbtest.Open(b, dialect)
	ctx := b.Context()
	u := newUnit(b, db, "91110000AAAAAAAAA1", "甲公司")
	pol := rules.DefaultPolicy(2026, 1_120_000)
	ids := make([]string, b.N)
	update(b, db, func(tx shebao.Tx) error {
		if err := tx.SavePolicy(ctx, &pol); err != nil {
			return err
		}
		for i := range ids {
			first17 := fmt.Sprintf("1101%02d19900101%03d", 1+i/1000%99, i%1000)
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
	var stmts int
	stop := sqldb.CountStatementsForTest(&stmts, nil)
	defer stop()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		it, err := s.Submit(ctx, op, handling.Request{Type: shebao.ItemEnroll, IDNumber: ids[i], Wage: 800000, ClientKey: fmt.Sprint("k", i)})
		if err != nil || it.Status != shebao.StatusApproved {
			b.Fatalf("submit %d: %v %s %v", i, err, it.Status, it.Reasons)
		}
	}
	b.ReportMetric(float64(stmts)/float64(b.N), "stmts/op") // inside the transaction, BEGIN and COMMIT aside
}
