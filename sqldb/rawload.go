package sqldb

import (
	"context"
	"time"
)

// The load generator's yardstick (package loadgen): raw durable single-row
// insert transactions, on the same pool and settings as shebao's writes
// (SQLite: the single writer, WAL, synchronous=FULL, one fsync a commit).
// The scratch table load_raw is not part of the schema: use a scratch
// database.

// PrepareRawInserts creates the scratch table load_raw if it is missing.
func (db *DB) PrepareRawInserts(ctx context.Context) error {
	id := "id INTEGER PRIMARY KEY"
	if db.dialect == Postgres {
		id = "id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY"
	}
	_, err := db.write.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS load_raw (`+id+`,
		client_key TEXT NOT NULL, created_at BIGINT NOT NULL)`)
	return dbError("create load_raw", err)
}

// RawInsert writes one row to load_raw in its own transaction (autocommit),
// which returns after its commit is durable.
func (db *DB) RawInsert(ctx context.Context, key string) error {
	_, err := db.write.ExecContext(ctx, `INSERT INTO load_raw (client_key, created_at) VALUES ($1, $2)`,
		key, micros(time.Now()))
	return dbError("raw insert", err)
}
