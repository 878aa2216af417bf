package web

import (
	"net/http"
	"testing"
)

// TestHomeReadsOnce: the operator's home page reads the months owed and the
// unseen decisions once, through the unit's calendar that counts them, and
// the policy in force once for the period and the counter's day
// (docs/PERFORMANCE.md, "The home page"). 24 statements: the session's
// lookup, and six read transactions (BEGIN, their statements, COMMIT):
// the policy in force; the declaration window; the unit's bases and
// declarations; the months owed; the back-pay due; the unseen decisions.
// Before: 35, the owed months, the decisions and the policy read twice.
func TestHomeReadsOnce(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		b := f.browser()
		b.login("hr_a")
		stop := f.db.CountStatements()
		p := b.get("/")
		n := stop()
		if p.status != http.StatusOK {
			t.Fatalf("GET /: %d", p.status)
		}
		if n > 24 {
			t.Errorf("GET / ran %d statements, want at most 24", n)
		}
	})
}
