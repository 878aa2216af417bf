package sqldb_test

import (
	"fmt"
	"testing"

	"shebao"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

// BenchmarkInsertItem measures one submission's storage cost: a transaction
// that inserts an item and sets its receipt, committed durably.
func BenchmarkInsertItem(b *testing.B) {
	for _, d := range []string{sqldb.SQLite, sqldb.Postgres} {
		b.Run(d, func(b *testing.B) {
			db := sqldbtest.Open(b, d)
			u := newUnit(b, db, "91110000AAAAAAAAA1", "甲公司")
			p := newPerson(b, db, idNumber(1), "张三")
			ctx := b.Context()
			i := 0
			for b.Loop() {
				i++
				it := newItem(u, p, t0)
				it.ClientKey = fmt.Sprint(i)
				if err := db.InTx(ctx, func(tx shebao.Tx) error { return tx.InsertItem(ctx, &it) }); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkRawInsert is the baseline for BenchmarkInsertItem: one plain
// INSERT of a similar row through database/sql, in its own implicit
// transaction, on the same pool and settings.
func BenchmarkRawInsert(b *testing.B) {
	for _, d := range []string{sqldb.SQLite, sqldb.Postgres} {
		b.Run(d, func(b *testing.B) {
			db := sqldbtest.Open(b, d)
			u := newUnit(b, db, "91110000AAAAAAAAA1", "甲公司")
			p := newPerson(b, db, idNumber(1), "张三")
			w := db.WriterForTest()
			ctx := b.Context()
			i := 0
			for b.Loop() {
				i++
				_, err := w.ExecContext(ctx, `INSERT INTO items
					(receipt, type, unit_id, person_id, channel, terminal, period, status, reasons,
					 reason_args, wage, base, stop_reason, client_key, created_by, created_at, created_day, decided_at)
					VALUES ($1, 'enroll', $2, $3, 'online', '', 202607, 'approved', '[]', '[]', 800000, 800000,
					 '', $4, 7, $5, 20260708, $5)`,
					fmt.Sprintf("R%d", i), u.ID, p.ID, fmt.Sprint(i), t0.UnixMicro())
				if err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
