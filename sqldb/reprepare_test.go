package sqldb_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"shebao/api"
	"shebao/demo"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

// TestMixNotReprepared runs each request of the load generator's mix
// (preview, submit, items list, bill) as a demo operator and checks that
// no read statement it runs is compiled again when it runs again with the
// same kind of arguments. SQLite expires a prepared statement whenever a
// parameter that its plan depends on is bound anew (a "col = ?" matched
// against a partial index's WHERE, a LIKE with a parameter), so such a
// statement is parsed and planned on every run despite the statement cache
// (docs/PERFORMANCE.md, "Per-request overhead (stop 9)").
func TestMixNotReprepared(t *testing.T) {
	db := sqldbtest.Open(t, sqldb.SQLite)
	g, set := smallDemo(t, db)
	h := api.New(api.Deps{Services: set})
	tokens := []string{mixLogin(t, h, g.OperatorA), mixLogin(t, h, g.OperatorB)}
	enroll, _ := json.Marshal(map[string]any{"type": "enroll", "id_number": g.Stop[0], "wage_fen": 900000})

	type run struct {
		query string
		args  []any
	}
	var seen []run
	stop := sqldb.CaptureStatementsForTest(func(q string, args []any) {
		if s := strings.TrimSpace(q); strings.HasPrefix(s, "SELECT") || strings.HasPrefix(s, "WITH") {
			seen = append(seen, run{q, append([]any(nil), args...)})
		}
	})
	for _, token := range tokens {
		for _, rq := range []struct {
			method, path string
			body         []byte
		}{
			{"POST", "/api/v1/items/preview", enroll},
			{"POST", "/api/v1/items", enroll},
			{"GET", "/api/v1/items?limit=20", nil},
			{"GET", "/api/v1/bill", nil},
		} {
			r := httptest.NewRequest(rq.method, rq.path, bytes.NewReader(rq.body))
			r.Header.Set("Authorization", "Bearer "+token)
			r.Header.Set("Content-Type", "application/json")
			r.Header.Set("Idempotency-Key", "reprepare-test")
			w := httptest.NewRecorder()
			h.ServeHTTP(w, r)
			if w.Code/100 != 2 {
				t.Fatalf("%s %s: %d %s", rq.method, rq.path, w.Code, w.Body)
			}
		}
	}
	stop()
	if len(seen) == 0 {
		t.Fatal("the mix ran no statement")
	}
	var order []string
	args := map[string][][]any{}
	for _, s := range seen {
		if args[s.query] == nil {
			order = append(order, s.query)
		}
		args[s.query] = append(args[s.query], s.args)
	}
	for _, q := range order {
		// Each statement as both operators ran it, in turn, twice over.
		runs := append(append([][]any(nil), args[q]...), args[q]...)
		n, err := db.RepreparesForTest(t.Context(), q, runs...)
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		// The first run may compile once more: its values replace the
		// NULLs the statement was compiled with.
		if again := n[len(n)-1] - n[0]; again != 0 {
			t.Errorf("compiled again %d times in %d runs: %s %v", again, len(runs)-1, q, args[q])
		}
	}
}

// mixLogin logs username in through the API and returns the token.
func mixLogin(t *testing.T, h http.Handler, username string) string {
	t.Helper()
	body, _ := json.Marshal(map[string]string{"username": username, "password": demo.Password})
	r := httptest.NewRequest("POST", "/api/v1/login", bytes.NewReader(body))
	r.Header.Set("Content-Type", "application/json")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	var s struct {
		Token string `json:"token"`
	}
	if err := json.Unmarshal(w.Body.Bytes(), &s); err != nil || s.Token == "" {
		t.Fatalf("login %s: %d %s", username, w.Code, w.Body)
	}
	return s.Token
}
