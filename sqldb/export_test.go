package sqldb

import "database/sql"

// WriterForTest returns the pool that InTx uses, for baseline benchmarks.
func (db *DB) WriterForTest() *sql.DB { return db.write }

// The hot queries, for their plans (plans_test.go).
const (
	QItemByClientKey = qItemByClientKey
	QCoverages       = qCoverages
	QFindSession     = qFindSession
)

// ItemsQueryForTest returns Items' statements and arguments.
var ItemsQueryForTest = itemsQuery

// FactsQueryForTest returns RequestFacts' statement and arguments.
var FactsQueryForTest = factsQuery
