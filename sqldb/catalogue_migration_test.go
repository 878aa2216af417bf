package sqldb

import (
	"io/fs"
	"path/filepath"
	"testing"
	"testing/fstest"

	"github.com/pressly/goose/v3"
)

// TestCatalogueMigrationKeepsItems upgrades a SQLite database that has
// items from version 2 to the newest: migration 00003 rebuilds items (to
// make person_id nullable) without losing a row, backfills the timeline,
// and foreign keys hold afterwards.
func TestCatalogueMigrationKeepsItems(t *testing.T) {
	ctx := t.Context()
	db, err := Open(ctx, "sqlite:"+filepath.Join(t.TempDir(), "old.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	sub, err := fs.Sub(migrations, "migrations/sqlite")
	if err != nil {
		t.Fatal(err)
	}
	old := fstest.MapFS{}
	for _, name := range []string{"00001_init.sql", "00002_contributions.sql"} {
		b, err := fs.ReadFile(sub, name)
		if err != nil {
			t.Fatal(err)
		}
		old[name] = &fstest.MapFile{Data: b}
	}
	p, err := goose.NewProvider(goose.DialectSQLite3, db.write, old)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Up(ctx); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`INSERT INTO units (credit_code, name) VALUES ('X', 'u')`,
		`INSERT INTO persons (id_number, name) VALUES ('1', 'p')`,
		`INSERT INTO items (receipt, type, unit_id, person_id, channel, status, created_at, created_day, created_by)
			VALUES ('R1', 'enroll', 1, 1, 'online', 'approved', 5, 20260101, 7)`,
		`INSERT INTO coverages (person_id, unit_id, insurance, status, first_period, item_id)
			VALUES (1, 1, 'pension', 'active', 202601, 1)`,
	} {
		if _, err := db.write.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	var receipt string
	var by int64
	err = db.write.QueryRowContext(ctx, `SELECT i.receipt, e.by_account FROM items i
		JOIN item_events e ON e.item_id = i.id WHERE i.id = 1`).Scan(&receipt, &by)
	if err != nil || receipt != "R1" || by != 7 {
		t.Fatalf("item after the rebuild: %q by %d, %v", receipt, by, err)
	}
	rows, err := db.write.QueryContext(ctx, `PRAGMA foreign_key_check`)
	if err != nil {
		t.Fatal(err)
	}
	if rows.Next() {
		t.Error("foreign key violations after the rebuild")
	}
	rows.Close()
	_, err = db.write.ExecContext(ctx, `INSERT INTO items (type, unit_id, person_id, channel, status, created_at, created_day)
		VALUES ('enroll', 1, 99, 'online', 'approved', 5, 20260101)`)
	if err == nil {
		t.Error("items.person_id no longer references persons")
	}
}
