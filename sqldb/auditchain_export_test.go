package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"io/fs"
	"shebao"

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

// HoldChainsForTest begins n transactions that each append e to the audit
// log, as InTx does just before committing, and keeps them open, holding
// their chains' heads. It returns the chain each took and a function that
// commits them all.
func (db *DB) HoldChainsForTest(ctx context.Context, n int, e shebao.AuditEntry) (chains []int64, commit func() error, err error) {
	var txs []*sql.Tx
	var owns []int
	commit = func() error {
		var errs []error
		for _, stx := range txs {
			errs = append(errs, stx.Commit())
		}
		for _, own := range owns {
			db.heads.give(own)
		}
		return errors.Join(errs...)
	}
	for range n {
		stx, err := db.write.BeginTx(ctx, nil)
		if err != nil {
			return chains, commit, err
		}
		txs = append(txs, stx)
		t := &tx{tx: newSQLTx(stx, db.stmts[db.write], &db.count), dialect: db.dialect, heads: db.heads}
		if err := t.Audit(ctx, e); err != nil {
			return chains, commit, err
		}
		err = t.appendAudits(ctx)
		owns = append(owns, t.own)
		if err != nil {
			return chains, commit, err
		}
		var chain int64
		if err := stx.QueryRowContext(ctx, `SELECT chain FROM audit_log ORDER BY id DESC LIMIT 1`).Scan(&chain); err != nil {
			return chains, commit, err
		}
		chains = append(chains, chain)
	}
	return chains, commit, nil
}
