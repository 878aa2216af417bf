package web

import (
	"context"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"shebao"
	"shebao/auth"
	"shebao/demo/demotest"
	"shebao/rules"
	"shebao/services"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

// testPassword is every fixture account's password.
const testPassword = "Passw0rd1"

// testToday is the fixture's office day: the 8th, so the period is July's.
var testToday = shebao.NewDate(2026, time.July, 8)

// fixture is a running web server over a fresh database with two units,
// persons in every state the forms must handle, accounts and a terminal.
type fixture struct {
	t      *testing.T
	db     *sqldb.DB
	svc    *services.Set // the services behind the pages
	srv    *httptest.Server
	unitA  shebao.Unit
	unitB  shebao.Unit
	person map[string]shebao.Person // by role in the tests: new, none, today, insured, b_new
	// unknownID is a valid ID number of nobody in the district.
	unknownID string
}

// idNumber builds a valid ID number from region, birth date and sequence.
func idNumber(region, birth, seq string) string {
	first17 := region + birth + seq
	return first17 + string(rules.IDCheckChar(first17))
}

// creditCode builds a valid unified social credit code from its first 16 characters.
func creditCode(t testing.TB, first16 string) string {
	c, ok := rules.MakeCreditCode(first16)
	if !ok {
		t.Fatalf("bad credit code prefix %q", first16)
	}
	return c
}

// newFixture starts the pages over db.
func newFixture(t *testing.T, db *sqldb.DB) *fixture {
	t.Helper()
	f := &fixture{t: t, db: db, person: map[string]shebao.Person{},
		unknownID: idNumber("310104", "19880512", "245")}
	f.seed()
	f.start(shebao.FixedDayClock{Day: testToday})
	return f
}

// start serves the pages over the fixture's database with clock, on the
// services the running system builds (demotest.Services).
func (f *fixture) start(clock shebao.Clock) {
	f.svc = demotest.Services(f.t, f.db, clock)
	h, err := New(Deps{Services: f.svc})
	if err != nil {
		f.t.Fatal(err)
	}
	f.srv = httptest.NewServer(h)
	f.t.Cleanup(f.srv.Close)
}

// restart serves the pages again with another clock.
func (f *fixture) restart(clock shebao.Clock) {
	f.srv.Close()
	f.start(clock)
}

// stepClock is a clock that tests move by hand.
type stepClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *stepClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }

func (c *stepClock) add(d time.Duration) { c.mu.Lock(); c.now = c.now.Add(d); c.mu.Unlock() }

// testWriter sends the server's log to the test's log.
type testWriter struct{ t *testing.T }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}

// seed writes the fixture's data.
func (f *fixture) seed() {
	t, ctx := f.t, context.Background()
	f.unitA = shebao.Unit{CreditCode: creditCode(t, "9111010512345678"), Name: "北京示例科技有限公司", RiskClass: 1, Status: shebao.UnitActive}
	f.unitB = shebao.Unit{CreditCode: creditCode(t, "9131010487654321"), Name: "上海另一贸易有限公司", RiskClass: 2, Status: shebao.UnitActive}
	err := f.db.InTx(ctx, func(tx shebao.Tx) error {
		for _, u := range []*shebao.Unit{&f.unitA, &f.unitB} {
			if err := tx.CreateUnit(ctx, u); err != nil {
				return err
			}
		}
		p := rules.DefaultPolicy(2026, 749050)
		if err := tx.SavePolicy(ctx, &p); err != nil {
			return err
		}
		if err := f.seedPersons(ctx, tx); err != nil {
			return err
		}
		if err := f.seedAccounts(ctx, tx); err != nil {
			return err
		}
		return tx.CreateTerminal(ctx, &shebao.Terminal{Code: "HALL-01", Name: "一楼大厅 1 号机", Location: "一楼", SecretHash: auth.HashSecret("hall-01-secret")})
	})
	if err != nil {
		t.Fatal(err)
	}
}

// seedPersons writes the persons with their registrations and coverage.
func (f *fixture) seedPersons(ctx context.Context, tx shebao.Tx) error {
	type row struct {
		key, name, id string
		sex           shebao.Sex
		birth         shebao.Date
		unit          int64
		regOn         shebao.Date // zero: no registration
	}
	june := shebao.NewDate(2026, time.June, 20)
	rows := []row{
		{"new", "张伟", idNumber("110105", "19900307", "123"), shebao.Male, 19900307, f.unitA.ID, june},
		{"none", "李娜", idNumber("110106", "19920815", "246"), shebao.Female, 19920815, f.unitA.ID, 0},
		{"today", "王芳", idNumber("110107", "19950101", "128"), shebao.Female, 19950101, f.unitA.ID, testToday},
		{"insured", "刘洋", idNumber("110108", "19850620", "317"), shebao.Male, 19850620, f.unitA.ID, 20241220},
		{"b_new", "陈静", idNumber("310104", "19930405", "162"), shebao.Female, 19930405, f.unitB.ID, june},
	}
	for _, r := range rows {
		p := shebao.Person{IDNumber: r.id, Name: r.name, Sex: r.sex, BirthDate: r.birth}
		if err := tx.CreatePerson(ctx, &p); err != nil {
			return err
		}
		f.person[r.key] = p
		if r.regOn == 0 {
			continue
		}
		reg := shebao.Registration{SourceID: "REG-" + r.key, PersonID: p.ID, UnitID: r.unit, Start: r.regOn, RegisteredOn: r.regOn}
		if err := tx.PutRegistration(ctx, &reg); err != nil {
			return err
		}
	}
	for _, ins := range shebao.Insurances {
		c := shebao.Coverage{PersonID: f.person["insured"].ID, UnitID: f.unitA.ID, Insurance: ins,
			Status: shebao.CoverageActive, FirstPeriod: 202501, Base: 800000}
		if err := tx.InsertCoverage(ctx, &c); err != nil {
			return err
		}
	}
	return nil
}

// seedAccounts writes the accounts: operators of both units (one with an
// office-issued password), a counter clerk and a reviewer.
func (f *fixture) seedAccounts(ctx context.Context, tx shebao.Tx) error {
	accounts := []struct {
		name       string
		role       shebao.Role
		unit       int64
		mustChange bool
	}{
		{"hr_a", shebao.RoleOperator, f.unitA.ID, false},
		{"hr_a_new", shebao.RoleOperator, f.unitA.ID, true},
		{"hr_b", shebao.RoleOperator, f.unitB.ID, false},
		{"clerk", shebao.RoleClerk, 0, false},
		{"reviewer", shebao.RoleReviewer, 0, false},
	}
	for _, a := range accounts {
		acc, err := auth.NewAccount(a.name, testPassword, a.role, a.unit, a.mustChange, 4)
		if err != nil {
			return err
		}
		if err := tx.CreateAccount(ctx, &acc); err != nil {
			return err
		}
	}
	return nil
}

// each runs fn with a fresh fixture on every database of sqldbtest. The
// test runs in parallel with the package's other parallel tests (each
// fixture has its own database and server), so call each first, and once.
func each(t *testing.T, fn func(t *testing.T, f *fixture)) {
	t.Parallel()
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) { fn(t, newFixture(t, db)) })
}

// browser is a test client with its own cookies, like one person's browser.
type browser struct {
	t    *testing.T
	f    *fixture
	hc   *http.Client
	csrf string
}

// browser returns a new client without cookies.
func (f *fixture) browser() *browser {
	jar, _ := cookiejar.New(nil)
	return &browser{t: f.t, f: f, hc: &http.Client{Jar: jar}}
}

// page is a response: its status, final URL and parsed document.
type page struct {
	status int
	url    *url.URL
	doc    *goquery.Document
}

// text returns the trimmed text of the elements matching sel.
func (p page) text(sel string) string { return strings.TrimSpace(p.doc.Find(sel).Text()) }

// has reports whether any element matches sel.
func (p page) has(sel string) bool { return p.doc.Find(sel).Length() > 0 }

func (b *browser) do(req *http.Request) page {
	b.t.Helper()
	resp, err := b.hc.Do(req)
	if err != nil {
		b.t.Fatal(err)
	}
	defer resp.Body.Close()
	doc, err := goquery.NewDocumentFromReader(resp.Body)
	if err != nil {
		b.t.Fatal(err)
	}
	if v, ok := doc.Find(`input[name="csrf"]`).First().Attr("value"); ok {
		b.csrf = v
	}
	return page{status: resp.StatusCode, url: resp.Request.URL, doc: doc}
}

// get fetches a page, following redirects.
func (b *browser) get(path string) page {
	b.t.Helper()
	req, err := http.NewRequest(http.MethodGet, b.f.srv.URL+path, nil)
	if err != nil {
		b.t.Fatal(err)
	}
	return b.do(req)
}

// post submits a form with the CSRF token of the last page seen (fetching
// the login page for one first if none was seen yet).
func (b *browser) post(path string, form url.Values) page {
	b.t.Helper()
	if b.csrf == "" {
		b.get("/login")
	}
	if !form.Has("csrf") {
		form.Set("csrf", b.csrf)
	}
	req, err := http.NewRequest(http.MethodPost, b.f.srv.URL+path, strings.NewReader(form.Encode()))
	if err != nil {
		b.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return b.do(req)
}

// login logs in and fails the test unless it lands on the home page.
func (b *browser) login(username string) page {
	b.t.Helper()
	p := b.post("/login", url.Values{"username": {username}, "password": {testPassword}})
	if p.url.Path != "/" || p.status != http.StatusOK {
		b.t.Fatalf("login %s: at %s (%d): %s", username, p.url, p.status, p.text("#form-error"))
	}
	return p
}

// itemForm returns the values of an item form for id and wage.
func itemForm(typ, id, wage, action string) url.Values {
	v := url.Values{"type": {typ}, "id_number": {id}, "action": {action}}
	if typ == "stop" {
		v.Set("stop_reason", wage)
	} else {
		v.Set("wage", wage)
	}
	return v
}

// itemIDOf returns the item id of an item page's URL.
func itemIDOf(t *testing.T, p page) string {
	t.Helper()
	id, ok := strings.CutPrefix(p.url.Path, "/items/")
	if !ok || id == "" || id == "new" {
		t.Fatalf("not an item page: %s (%d) %s", p.url, p.status, p.text("#form-error, #error-message"))
	}
	return id
}
