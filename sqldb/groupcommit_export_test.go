package sqldb

import "time"

// GroupCommitsForTest returns how many group transactions the SQLite
// committer has committed and how many InTx transactions they held.
func (db *DB) GroupCommitsForTest() (commits, members int64) {
	if db.group == nil {
		return 0, 0
	}
	return db.group.commits.Load(), db.group.members.Load()
}

// QueuedForTest returns how many InTx calls wait for the SQLite committer.
func (db *DB) QueuedForTest() int { return len(db.group.queue) }

// SetGroupBudgetForTest sets how long a group takes members (groupBudget).
// Call it before the database is used concurrently.
func (db *DB) SetGroupBudgetForTest(d time.Duration) { db.group.budget = d }

// CountStatementsForTest counts the statements transactions run from now on
// into n (not safe for concurrent transactions), until the returned func is
// called.
func CountStatementsForTest(n *int, log func(string)) (stop func()) {
	onStatement = func(q string, _ []any) {
		*n++
		if log != nil {
			log(q)
		}
	}
	return func() { onStatement = nil }
}
