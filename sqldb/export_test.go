package sqldb

import "database/sql"

// WriterForTest returns the pool that InTx uses, for baseline benchmarks.
func (db *DB) WriterForTest() *sql.DB { return db.write }
