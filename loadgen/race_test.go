package loadgen

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"shebao"
	"shebao/app"
	"shebao/demo"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

// The racing run against a small demo district: every race of stops and
// of resumptions has exactly one approval, no answer is other than an
// approval or a refusal, and the raced persons are insured again at the
// end (the roster lists the same people). On SQLite one server answers
// all; on PostgreSQL two instances share the database.
func TestRace(t *testing.T) {
	for _, tc := range []struct {
		dialect   string
		instances int
	}{{sqldb.SQLite, 1}, {sqldb.Postgres, 2}} {
		t.Run(tc.dialect, func(t *testing.T) {
			url := sqldbtest.URL(t, tc.dialect)
			clock := shebao.FixedDayClock{Day: shebao.NewDate(2026, 7, 8)}
			g := raceDistrict(t, url, clock)
			var urls []string
			for range tc.instances {
				a, err := app.Open(t.Context(), app.Config{DB: url, Clock: clock, HashCost: 4})
				if err != nil {
					t.Fatal(err)
				}
				srv := httptest.NewServer(a.Handler)
				t.Cleanup(func() { srv.Close(); a.Close() })
				urls = append(urls, srv.URL)
			}
			users := []string{g.OperatorA, g.OperatorB}
			before := rosters(t, urls[0], users)
			const persons, rounds = 4, 2
			rep, err := Race(t.Context(), RaceConfig{URLs: urls, Persons: persons, Duration: time.Hour, Rounds: rounds,
				Users: users, Clerk: g.Clerk, Password: demo.Password})
			if err != nil {
				t.Fatal(err)
			}
			var out strings.Builder
			rep.Print(&out)
			t.Log(out.String())
			if rep.Races != persons*rounds*2 || rep.Uneven != 0 || rep.Errors != 0 {
				t.Errorf("races %d (want %d), without one approval %d (%s), other answers %d (stop: %q, resume: %q)",
					rep.Races, persons*rounds*2, rep.Uneven, rep.LastUneven, rep.Errors,
					rep.Op(OpStop).LastError, rep.Op(OpResume).LastError)
			}
			if n := rep.Op(OpStop).Count + rep.Op(OpResume).Count; n != rep.Races*3 {
				t.Errorf("%d requests for %d races of 3", n, rep.Races)
			}
			if after := rosters(t, urls[len(urls)-1], users); !slices.Equal(after, before) {
				t.Errorf("rosters after the races:\n%v\nbefore:\n%v", after, before)
			}
		})
	}
}

// raceDistrict loads a small demo district into the database at url.
func raceDistrict(t *testing.T, url string, clock shebao.Clock) demo.Guide {
	t.Helper()
	db, err := sqldb.Open(t.Context(), url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Migrate(t.Context()); err != nil {
		t.Fatal(err)
	}
	g, err := demo.Load(t.Context(), db, clock, demo.Size{Units: 0, PeoplePerUnit: 4, HistoryMonths: 1}, 4)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// rosters are the ID numbers of the operators' insured employees.
func rosters(t *testing.T, url string, users []string) []string {
	t.Helper()
	hc := &http.Client{Timeout: time.Minute}
	var ids []string
	for _, u := range users {
		c, err := login(t.Context(), hc, url, u, demo.Password)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, c.persons...)
	}
	slices.Sort(ids)
	return ids
}

// A server that approves every request of a race (two winners) fails the
// check: each race is counted without one approval.
func TestRaceCountsTwoWinners(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /api/v1/login", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `{"token": "t", "account": {"unit_id": 7}}`)
	})
	mux.HandleFunc("GET /api/v1/roster", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `{"entries": [{"id_number": "110105199003071001"}]}`)
	})
	mux.HandleFunc("POST /api/v1/items", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusCreated)
		fmt.Fprint(w, `{"id": 1, "status": "approved"}`)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	rep, err := Race(t.Context(), RaceConfig{URLs: []string{srv.URL}, Persons: 1, Duration: time.Hour, Rounds: 1,
		Users: []string{"op"}, Clerk: "clerk", Password: "p"})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Races != 2 || rep.Uneven != 2 || rep.Errors != 0 || !strings.Contains(rep.LastUneven, "3 approvals") {
		t.Errorf("races %d, without one approval %d (%s), other answers %d", rep.Races, rep.Uneven, rep.LastUneven, rep.Errors)
	}
}
