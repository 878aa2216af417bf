package web

import (
	"net/http"
	"testing"
)

// TestPageAuthenticationIsOneStatement: a page request authenticates by one
// statement, which reads the session and its account together
// (docs/PERFORMANCE.md, "Authentication in one statement"): the password
// page, which reads nothing else, runs exactly one.
func TestPageAuthenticationIsOneStatement(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		b := f.browser()
		b.login("hr_a")
		stop := f.db.CountStatements()
		p := b.get("/password")
		if n := stop(); n != 1 {
			t.Errorf("GET /password ran %d statements, want 1", n)
		}
		if p.status != http.StatusOK || p.url.Path != "/password" {
			t.Errorf("GET /password: %d at %s", p.status, p.url)
		}
	})
}
