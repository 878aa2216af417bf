package sqldb

import (
	"fmt"

	"modernc.org/libc"
	sqlite3 "modernc.org/sqlite/lib"
)

// SQLite's sub-journal (docs/PERFORMANCE.md, "Submissions on SQLite (stop
// 11)"). Inside a SAVEPOINT, and inside a statement that may have to undo
// itself, SQLite copies each page the savepoint changes for the first time
// to the sub-journal, so that ROLLBACK TO can put it back. Every member of a
// group commit runs in a savepoint of its own (groupcommit.go): a refused
// submission changes about 14 pages (the item with its nine indexes, its
// event with two), an approved enrollment its coverages too. SQLite keeps
// the sub-journal in memory only up to 64 KiB by default and then moves it
// to a temporary file, created, unlinked and written with a system call a
// page, for the rest of the group's transaction: a sixth of a submission's
// CPU went there. subjournalSpill raises that bound to 128 KiB, process-wide:
// a member's pages stay in memory (freed at its RELEASE), while a larger
// savepoint or statement (an assessment chunk, a bulk import) still goes to
// a file beyond it, so the memory stays bounded. (SQLite allocates the
// in-memory journal in chunks of the bound.) Not more: at 256 KiB and
// above, a register import's large INSERT failed with SQLITE_FULL when its
// journal spilled to the file (register.TestImportMemoryBounded; the cause
// inside the driver was not found), and 128 KiB holds a submission's ~14
// pages with room to spare.
//
// sqlite3_config must run before SQLite initializes, which it does at the
// first connection's open: this package's initialization comes first.
// subjournalErr is non-nil when SQLite refused (it had been initialized
// already); it then keeps its default (TestSubjournalInMemory fails).
const subjournalSpill = 128 << 10

var subjournalErr = configSubjournal(subjournalSpill)

func configSubjournal(spill int32) error {
	tls := libc.NewTLS()
	defer tls.Close()
	va := libc.Xmalloc(tls, 8)
	if va == 0 {
		return fmt.Errorf("sqldb: sub-journal: out of memory")
	}
	defer libc.Xfree(tls, va)
	if rc := sqlite3.Xsqlite3_config(tls, sqlite3.SQLITE_CONFIG_STMTJRNL_SPILL, libc.VaList(va, spill)); rc != sqlite3.SQLITE_OK {
		return fmt.Errorf("sqldb: sqlite3_config(SQLITE_CONFIG_STMTJRNL_SPILL) = %d", rc)
	}
	return nil
}
