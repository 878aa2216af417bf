package sqldbtest

import "database/sql"

// RawPool opens a plain database/sql pool on the database of rawURL (as
// sqldb.Open takes it), with none of sqldb's code between a query and its
// rows: the baseline of the exports' figures (docs/PERFORMANCE.md,
// "Exports"). Close it.
func RawPool(rawURL string) (*sql.DB, error) {
	db, _, err := rawPool(rawURL)
	return db, err
}
