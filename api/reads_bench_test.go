package api_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"

	"shebao/api"
	"shebao/demo"
	"shebao/demo/demotest"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

// benchSize is the district of BenchmarkReads: the tour unit has about as
// many employees as in `shebao demo`, with a year of history.
var benchSize = demo.Size{Units: 2, PeoplePerUnit: 45, HistoryMonths: 12, CloseMonths: 1}

// BenchmarkReads measures the CPU and the allocations of one request of
// each read of the load generator's mix (docs/PERFORMANCE.md), and of an
// authenticated request that reads nothing else (GET /api/v1/me), through
// the API's handler with no network, as demo-a on a demo district:
//
//	go test -run '^$' -bench Reads -benchmem ./api/
func BenchmarkReads(b *testing.B) {
	for _, d := range []string{sqldb.SQLite, sqldb.Postgres} {
		b.Run(d, func(b *testing.B) {
			db := sqldbtest.Open(b, d)
			clock := demotest.NewClock(today)
			g, err := demo.Load(b.Context(), db, clock, benchSize, 4)
			if err != nil {
				b.Fatal(err)
			}
			h := api.New(api.Deps{Services: demotest.Services(b, db, clock)})
			token := benchLogin(b, h, g.OperatorA)
			preview, _ := json.Marshal(map[string]any{"type": "enroll", "id_number": g.Stop[0], "wage_fen": 900000})
			reqs := []struct {
				name, method, path string
				body               []byte
			}{
				{"me", "GET", "/api/v1/me", nil},
				{"items", "GET", "/api/v1/items?limit=20", nil},
				{"bill", "GET", "/api/v1/bill", nil},
				{"preview", "POST", "/api/v1/items/preview", preview},
			}
			for _, rq := range reqs {
				b.Run(rq.name, func(b *testing.B) {
					b.ReportAllocs()
					for b.Loop() {
						r := httptest.NewRequest(rq.method, rq.path, bytes.NewReader(rq.body))
						r.Header.Set("Authorization", "Bearer "+token)
						r.Header.Set("Content-Type", "application/json")
						w := httptest.NewRecorder()
						h.ServeHTTP(w, r)
						if w.Code != http.StatusOK {
							b.Fatalf("%s %s: %d %s", rq.method, rq.path, w.Code, w.Body)
						}
					}
				})
			}
		})
	}
}

// benchLogin logs username in through the API and returns the token.
func benchLogin(b *testing.B, h http.Handler, username string) string {
	b.Helper()
	body, _ := json.Marshal(map[string]string{"username": username, "password": demo.Password})
	r := httptest.NewRequest("POST", "/api/v1/login", bytes.NewReader(body))
	r.Header.Set("Content-Type", "application/json")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	var s struct {
		Token string `json:"token"`
	}
	if err := json.Unmarshal(w.Body.Bytes(), &s); err != nil || s.Token == "" {
		b.Fatalf("login %s: %d %s", username, w.Code, w.Body)
	}
	return s.Token
}
