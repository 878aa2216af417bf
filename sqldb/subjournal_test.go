package sqldb_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"shebao"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

// A transaction on SQLite runs inside a savepoint of its own (group
// commit), which copies each page it changes to SQLite's sub-journal. A
// transaction that changes more than 64 KiB of pages keeps that journal in
// memory: no temporary file is opened for it (before, one was past 64 KiB
// and written with a system call a page until the group committed).
func TestSubjournalInMemory(t *testing.T) {
	if _, err := os.Stat("/proc/self/fd"); err != nil {
		t.Skip("no /proc/self/fd")
	}
	db := sqldbtest.Open(t, sqldb.SQLite)
	ctx := t.Context()
	units := make([]shebao.Unit, 120)
	long := strings.Repeat("长", 200) // 600 bytes a row: 120 rows over about 18 pages (~74 KiB)
	update(t, db, func(tx shebao.Tx) error {
		for i := range units {
			units[i] = shebao.Unit{CreditCode: fmt.Sprintf("91110000SUBJ%05d", i), Name: "单位", Address: long,
				Status: shebao.UnitActive, CreatedAt: t0}
			if err := tx.CreateUnit(ctx, &units[i]); err != nil {
				return err
			}
		}
		return nil
	})
	update(t, db, func(tx shebao.Tx) error {
		for _, u := range units {
			u.Address = strings.Repeat("短", 200)
			if err := tx.UpdateUnit(ctx, u); err != nil {
				return err
			}
		}
		if f := tempFiles(t); len(f) > 0 {
			t.Errorf("open temporary files during the transaction: %v", f)
		}
		return nil
	})
}

// tempFiles lists the process's open files that look like SQLite's
// temporary files: named etilqs_…, or already unlinked (a file opened to
// be deleted on close is unlinked at once; some file systems then show
// only its inode).
func tempFiles(t *testing.T) []string {
	t.Helper()
	fds, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, fd := range fds {
		target, err := os.Readlink(filepath.Join("/proc/self/fd", fd.Name()))
		if err == nil && (strings.Contains(target, "etilqs_") || strings.HasSuffix(target, "(deleted)")) {
			out = append(out, target)
		}
	}
	return out
}
