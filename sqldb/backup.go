package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"strings"
)

// ErrNoPgDump is returned by Backup on PostgreSQL when pg_dump is not on the
// PATH; docs/OPERATIONS.md ("Backup and restore") says what to do instead.
var ErrNoPgDump = errors.New("pg_dump is not installed: back PostgreSQL up with pg_dump or a base backup with WAL archiving (point-in-time recovery), as docs/OPERATIONS.md says")

// Backup writes a consistent copy of the database to the new file out
// while the database stays in use. SQLite: VACUUM INTO on a read
// connection, one snapshot of the last committed state, a database file
// ready to serve (never a copy of the live file, which a concurrent commit
// or the WAL would leave torn). PostgreSQL: pg_dump in its custom format
// (restore with pg_restore), of the schema the URL's search_path names, or
// of the whole database. out must not exist.
func (db *DB) Backup(ctx context.Context, out string) error {
	if _, err := os.Stat(out); err == nil {
		return fmt.Errorf("sqldb: backup: %s exists; choose a new file", out)
	}
	if db.dialect == Postgres {
		return db.pgDump(ctx, out)
	}
	// A connection of its own: the readers are query_only, which refuses
	// VACUUM INTO, and the writer must stay free for the office's work.
	c, err := sql.Open("sqlite", sqliteDSN(db.path, true))
	if err != nil {
		return fmt.Errorf("sqldb: backup: %w", err)
	}
	defer c.Close()
	if _, err := c.ExecContext(ctx, `VACUUM INTO $1`, out); err != nil {
		os.Remove(out)
		return fmt.Errorf("sqldb: backup: %w", err)
	}
	return nil
}

// pgDump runs pg_dump on the database's URL.
func (db *DB) pgDump(ctx context.Context, out string) error {
	bin, err := exec.LookPath("pg_dump")
	if err != nil {
		return ErrNoPgDump
	}
	conn, schema := libpqURL(db.url)
	args := []string{"--format=custom", "--no-owner", "--file=" + out}
	if schema != "" {
		args = append(args, "--schema="+schema)
	}
	cmd := exec.CommandContext(ctx, bin, append(args, "--dbname="+conn)...)
	if msg, err := cmd.CombinedOutput(); err != nil {
		os.Remove(out)
		return fmt.Errorf("sqldb: backup: pg_dump: %v: %s", err, strings.TrimSpace(string(msg)))
	}
	return nil
}

// libpqURL returns rawURL without the search_path parameter, which pgx sends
// as a run-time parameter but libpq does not know, and that search_path.
func libpqURL(rawURL string) (conn, schema string) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return rawURL, ""
	}
	q := u.Query()
	schema = q.Get("search_path")
	q.Del("search_path")
	u.RawQuery = q.Encode()
	return u.String(), schema
}
