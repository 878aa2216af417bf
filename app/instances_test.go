package app_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"shebao"
	"shebao/app"
	"shebao/billing"
	"shebao/demo"
	"shebao/rules"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

var today = shebao.FixedDayClock{Day: shebao.NewDate(2026, 7, 8)}

// district loads a small demo district into the database at dbURL, and n
// people registered with unit A the month before, free to enroll.
func district(t *testing.T, dbURL string, n int) (demo.Guide, []string) {
	t.Helper()
	ctx := t.Context()
	db, err := sqldb.Open(ctx, dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	g, err := demo.Load(ctx, db, today, demo.Size{Units: 0, PeoplePerUnit: 3, HistoryMonths: 1}, 4)
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]string, n)
	err = db.InTx(ctx, func(tx shebao.Tx) error {
		u, err := tx.UnitByCreditCode(ctx, g.UnitACode)
		if err != nil {
			return err
		}
		for i := range ids {
			first17 := fmt.Sprintf("110105%04d0101%03d", 1981+i/900, i%900+100)
			ids[i] = first17 + string(rules.IDCheckChar(first17))
			p := shebao.Person{IDNumber: ids[i], Name: "两台" + strconv.Itoa(i), Sex: shebao.Female, BirthDate: shebao.NewDate(1981, 1, 1)}
			if err := tx.CreatePerson(ctx, &p); err != nil {
				return err
			}
			r := shebao.Registration{SourceID: "TWO-" + ids[i], PersonID: p.ID, UnitID: u.ID,
				Start: shebao.NewDate(2026, 6, 1), RegisteredOn: shebao.NewDate(2026, 6, 1)}
			if err := tx.PutRegistration(ctx, &r); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return g, ids
}

// instance opens one app on dbURL behind a test server of its own.
func instance(t *testing.T, dbURL string) (*app.App, *httptest.Server) {
	t.Helper()
	a, err := app.Open(t.Context(), app.Config{DB: dbURL, Clock: today, HashCost: 4})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(a.Handler)
	t.Cleanup(func() { srv.Close(); a.Close() })
	return a, srv
}

// call sends one API request and decodes the answer into into.
func call(t *testing.T, srv *httptest.Server, method, path, token, body string, into any, headers ...string) int {
	t.Helper()
	req, err := http.NewRequest(method, srv.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if into != nil {
		_ = json.NewDecoder(resp.Body).Decode(into)
	}
	return resp.StatusCode
}

// Two instances on one PostgreSQL, as a city runs them behind a load
// balancer: an operator's token from one works on the other; the same
// people enrolled on both at once, under different keys, are insured once
// each (one winner); and a login form rendered by one instance is accepted
// by the other.
func TestTwoInstancesOnOnePostgres(t *testing.T) {
	dbURL := sqldbtest.URL(t, sqldb.Postgres)
	g, ids := district(t, dbURL, 6)
	_, one := instance(t, dbURL)
	_, two := instance(t, dbURL)

	var login struct{ Token string }
	if code := call(t, one, "POST", "/api/v1/login", "", `{"username":"`+g.OperatorA+`","password":"`+demo.Password+`"}`, &login); code != http.StatusOK {
		t.Fatalf("login on instance one: %d", code)
	}
	if code := call(t, two, "GET", "/api/v1/items", login.Token, "", nil); code != http.StatusOK {
		t.Fatalf("instance two refuses instance one's token: %d", code)
	}

	type answer struct {
		code   int
		status string
	}
	answers := make([][2]answer, len(ids))
	var wg sync.WaitGroup
	for i, id := range ids {
		for j, srv := range []*httptest.Server{one, two} {
			wg.Go(func() {
				var it struct{ Status string }
				code := call(t, srv, "POST", "/api/v1/items", login.Token, `{"type":"enroll","id_number":"`+id+`","wage_fen":800000}`,
					&it, "Idempotency-Key", fmt.Sprintf("race-%d-%d", i, j))
				answers[i][j] = answer{code, it.Status}
			})
		}
	}
	wg.Wait()
	for i, pair := range answers {
		won := 0
		for _, a := range pair {
			if a.status == string(shebao.StatusApproved) {
				won++
			}
			if a.code >= 500 {
				t.Errorf("person %d: an instance failed: %+v", i, pair)
			}
		}
		if won != 1 {
			t.Errorf("person %d enrolled on both instances at once: %d approved, want 1 (%+v)", i, won, pair)
		}
	}

	var scraped []byte // each instance counts what it did; between them, every winner
	for _, srv := range []*httptest.Server{one, two} {
		resp, err := http.Get(srv.URL + "/metrics")
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		scraped = append(scraped, b...)
	}
	if !strings.Contains(string(scraped), `shebao_items_total{channel="online",decision="approved",type="enroll"}`) ||
		!strings.Contains(string(scraped), `route="POST /api/v1/items",status="201"`) {
		t.Errorf("the instances' metrics lack their items and requests")
	}

	// The login form of instance two, posted to instance one.
	jar, _ := cookiejar.New(nil)
	browser := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := browser.Get(two.URL + "/login")
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	m := regexp.MustCompile(`name="csrf" value="([^"]+)"`).FindSubmatch(page)
	if m == nil {
		t.Fatalf("no csrf field on instance two's login form")
	}
	u1, _ := url.Parse(one.URL)
	u2, _ := url.Parse(two.URL)
	jar.SetCookies(u1, jar.Cookies(u2)) // the load balancer's one address: same cookies
	resp, err = browser.PostForm(one.URL+"/login", url.Values{"csrf": {string(m[1])}, "username": {g.OperatorA}, "password": {demo.Password}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/" {
		t.Fatalf("instance one answered instance two's login form with %d %q, want 303 to /", resp.StatusCode, resp.Header.Get("Location"))
	}
}

// The sweep of sessions runs on one instance at a time: while one holds
// the job, another's Exclusive skips it.
func TestExclusiveRunsOneAtATime(t *testing.T) {
	for _, d := range []string{sqldb.SQLite, sqldb.Postgres} {
		t.Run(d, func(t *testing.T) {
			dbURL := sqldbtest.URL(t, d)
			one, _ := instance(t, dbURL)
			if d == sqldb.SQLite {
				ran, err := one.DB.Exclusive(t.Context(), "job", func(context.Context) error { return nil })
				if !ran || err != nil {
					t.Fatalf("SQLite serves one instance: the job runs (%v %v)", ran, err)
				}
				return
			}
			two, _ := instance(t, dbURL)
			var inner bool
			ran, err := one.DB.Exclusive(t.Context(), "job", func(ctx context.Context) error {
				var err error
				inner, err = two.DB.Exclusive(ctx, "job", func(context.Context) error { return nil })
				return err
			})
			if !ran || err != nil || inner {
				t.Fatalf("outer ran %v (err %v), inner ran %v: want only the outer", ran, err, inner)
			}
			// The district assessment asked of one instance while another runs it.
			_, err = two.DB.Exclusive(t.Context(), "district-assessment", func(ctx context.Context) error {
				_, err := one.Services.Billing.Assess(ctx, shebao.NewPeriod(2026, 6), nil)
				if shebao.AsError(err).Reason != billing.ReasonAssessmentRunning {
					t.Errorf("assessment while another instance assesses: %v, want %s", err, billing.ReasonAssessmentRunning)
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if again, err := two.DB.Exclusive(t.Context(), "job", func(context.Context) error { return nil }); !again || err != nil {
				t.Fatalf("after the first finished, the job runs again: %v %v", again, err)
			}
		})
	}
}

// Instances started together on a fresh PostgreSQL schema migrate one at a
// time (goose's session lock) and both come up.
func TestInstancesStartTogether(t *testing.T) {
	dbURL := sqldbtest.URL(t, sqldb.Postgres)
	errs := make([]error, 2)
	var wg sync.WaitGroup
	for i := range errs {
		wg.Go(func() {
			a, err := app.Open(t.Context(), app.Config{DB: dbURL, Clock: today})
			if err == nil {
				err = a.DB.Ready(t.Context())
				a.Close()
			}
			errs[i] = err
		})
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("instance %d: %v", i, err)
		}
	}
}
