package main

import (
	"bytes"
	"database/sql"
	"errors"
	"strings"
	"testing"

	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

// TestAuditVerifyCommand: `shebao audit verify` passes on the log the
// application wrote, and after someone edits an entry in the database it
// names that entry and exits non-zero.
func TestAuditVerifyCommand(t *testing.T) {
	dbURL := sqldbtest.URL(t, sqldb.SQLite)
	db := migrated(t, dbURL)
	u, p := unitAndPerson(t, db)
	for i := range 3 {
		if _, err := ackItem(t.Context(), db, u, p, i); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	verify := func() (string, error) {
		var out, errOut bytes.Buffer
		err := run(t.Context(), []string{"audit", "verify", "-db", dbURL}, &out, &errOut)
		return out.String() + errOut.String(), err
	}
	if out, err := verify(); err != nil || !strings.Contains(out, "intact: 3 entries") {
		t.Fatalf("verify: %v\n%s", err, out)
	}

	raw, err := sql.Open("sqlite", strings.TrimPrefix(dbURL, "sqlite:"))
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	for _, s := range []string{`DROP TRIGGER audit_log_no_update`,
		`UPDATE audit_log SET username = 'someone_else' WHERE id = 2`} {
		if _, err := raw.Exec(s); err != nil {
			t.Fatal(err)
		}
	}
	out, err := verify()
	if !errors.Is(err, errChainBroken) || !strings.Contains(out, "broken at entry 2") {
		t.Fatalf("verify after an edit: %v\n%s", err, out)
	}
}
