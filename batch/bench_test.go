package batch_test

import (
	"context"
	"testing"
	"time"

	"shebao"
	"shebao/batch"
	"shebao/handling"
	"shebao/i18n"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

// benchFixture is a district with 5,000 registered people and their
// enrollment workbook, on SQLite.
func benchFixture(b *testing.B) (*fixture, []byte, []person) {
	b.Helper()
	fx := newFixture(b, sqldbtest.Open(b, sqldb.SQLite))
	people := fx.addPeople(b, 0, 5000, true)
	rows := make([][]any, len(people))
	for i, p := range people {
		rows[i] = []any{p.ID, p.Name, "新参保", 5000 + i%4000}
	}
	return fx, workbook(b, enrollHeader, rows), people
}

// BenchmarkDryRun5000 is the whole dry run of a 5,000-row upload: parse,
// handling.Preview and the monthly cost of every row, and storing the batch.
func BenchmarkDryRun5000(b *testing.B) {
	fx, file, _ := benchFixture(b)
	ctx := context.Background()
	b.ResetTimer()
	for range b.N {
		if _, err := fx.svc.Upload(ctx, fx.op, 0, shebao.BatchEnroll, "b.xlsx", file); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*5000), "µs/row")
}

// BenchmarkParse5000 is the streaming parse alone.
func BenchmarkParse5000(b *testing.B) {
	_, file, _ := benchFixture(b)
	b.ResetTimer()
	for range b.N {
		if _, err := batch.Parse(file, shebao.BatchEnroll, shebao.Online, day); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSinglePreview is the single-item enrollment path's check: one
// handling.Preview, as the item form's preview step runs it.
func BenchmarkSinglePreview(b *testing.B) {
	fx, _, people := benchFixture(b)
	ctx := context.Background()
	b.ResetTimer()
	for i := range b.N {
		p := people[i%len(people)]
		_, err := fx.svc.Handling.Preview(ctx, fx.op, handling.Request{Type: shebao.ItemEnroll, IDNumber: p.ID, Wage: 600000})
		if err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkApply5000 applies a checked 5,000-row batch once per iteration
// (each iteration on a new district), and the annotated workbook after.
func BenchmarkApply5000(b *testing.B) {
	for range b.N {
		b.StopTimer()
		fx, file, _ := benchFixture(b)
		ctx := context.Background()
		bt, err := fx.svc.Upload(ctx, fx.op, 0, shebao.BatchEnroll, "b.xlsx", file)
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		start := time.Now()
		if _, err := fx.svc.Begin(ctx, fx.op, bt.ID, false); err != nil {
			b.Fatal(err)
		}
		fx.svc.Wait() // 5,000 rows go on in the background
		applied := time.Since(start)
		if _, _, err := fx.svc.Workbook(ctx, fx.op, bt.ID, i18n.ZH); err != nil {
			b.Fatal(err)
		}
		b.Logf("apply %v, annotated workbook %v", applied, time.Since(start)-applied)
	}
}
