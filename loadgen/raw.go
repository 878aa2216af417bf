package loadgen

import (
	"context"
	"crypto/rand"
	"time"

	"shebao/sqldb"
)

// RunRawInserts makes raw durable single-row insert transactions with
// cfg.C goroutines for cfg.Duration on db (a scratch database: it creates
// the table load_raw): the yardstick of submissions a second.
func RunRawInserts(ctx context.Context, cfg Config, db *sqldb.DB) (Report, error) {
	if err := db.PrepareRawInserts(ctx); err != nil {
		return Report{}, err
	}
	rec := newRecorder()
	ctx, cancel := context.WithTimeout(ctx, cfg.Duration)
	defer cancel()
	start := time.Now()
	done := make(chan struct{})
	for range max(cfg.C, 1) {
		go func() {
			defer func() { done <- struct{}{} }()
			for ctx.Err() == nil {
				t := time.Now()
				err := db.RawInsert(ctx, rand.Text())
				if ctx.Err() != nil {
					return
				}
				rec.add("raw-insert", time.Since(t), err)
			}
		}()
	}
	for range max(cfg.C, 1) {
		<-done
	}
	return rec.report("raw durable inserts", time.Since(start)), nil
}
