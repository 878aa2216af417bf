package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"shebao/sqldb"
)

// runBackup runs `shebao backup -db URL -out FILE`: an online backup while
// the server runs (docs/OPERATIONS.md, "Backup and restore").
func runBackup(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("backup", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dbURL := fs.String("db", os.Getenv("SHEBAO_DB"), "database URL (env SHEBAO_DB)")
	out := fs.String("out", "", "the backup file to write (must not exist)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *dbURL == "" || *out == "" {
		return fmt.Errorf("backup: -db (or SHEBAO_DB) and -out are required")
	}
	db, err := sqldb.Open(ctx, *dbURL)
	if err != nil {
		return err
	}
	defer db.Close()
	err = db.Backup(ctx, *out)
	if errors.Is(err, sqldb.ErrNoPgDump) {
		fmt.Fprintln(stderr, pgBackupHelp)
	}
	if err != nil {
		return err
	}
	if db.Dialect() == sqldb.Postgres {
		fmt.Fprintf(stdout, "backup written to %s (pg_dump custom format; restore with pg_restore --no-owner -d URL %s)\n", *out, *out)
		return nil
	}
	fmt.Fprintf(stdout, "backup written to %s (a SQLite database: stop the server, put it in place of the database file, start again)\n", *out)
	return nil
}

const pgBackupHelp = `PostgreSQL backups:
  logical:  pg_dump --format=custom --file=FILE --dbname=URL   (restore: pg_restore --no-owner -d URL FILE)
  recovery to any moment: a base backup (pg_basebackup) with WAL archiving
  (archive_mode=on, archive_command), restored with recovery_target_time.
See docs/OPERATIONS.md, "Backup and restore".`
