package sqldb

import (
	"context"
	"io/fs"

	"github.com/pressly/goose/v3"
)

// MigrateToForTest migrates up to version only, to test what a later
// migration does to data written before it.
func (db *DB) MigrateToForTest(ctx context.Context, version int64) error {
	dialect, dir := goose.DialectSQLite3, "migrations/sqlite"
	if db.dialect == Postgres {
		dialect, dir = goose.DialectPostgres, "migrations/postgres"
	}
	fsys, err := fs.Sub(migrations, dir)
	if err != nil {
		return err
	}
	p, err := goose.NewProvider(dialect, db.write, fsys)
	if err != nil {
		return err
	}
	_, err = p.UpTo(ctx, version)
	return err
}
