package sqldb

import (
	"database/sql"

	"shebao"
)

// WriterForTest returns the pool that InTx uses, for baseline benchmarks.
func (db *DB) WriterForTest() *sql.DB { return db.write }

// The hot queries, for their plans (plans_test.go).
const (
	QItemByClientKey = qItemByClientKey
	QCoverages       = qCoverages
	QFindSession     = qFindSession
)

// ItemsQueryForTest returns Items' statements and arguments: the page
// (with the count in it) and the count alone.
func ItemsQueryForTest(dialect string, f shebao.ItemFilter) (list string, listArgs []any, count string, countArgs []any) {
	q := newItemsQuery(dialect, f)
	return q.list, q.listArgs, q.count, q.countArgs
}

// FactsQueryForTest returns RequestFacts' statement and arguments.
var FactsQueryForTest = factsQuery

// ColumnsForTest returns the columns of query's rows.
func (db *DB) ColumnsForTest(query string, args ...any) ([]string, error) {
	rows, err := db.read.Query(query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return rows.Columns()
}
