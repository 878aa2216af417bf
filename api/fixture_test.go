package api_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"shebao"
	"shebao/api"
	"shebao/auth"
	"shebao/demo/demotest"
	"shebao/rules"
	"shebao/services"
	"shebao/session"
	"shebao/sqldb"
)

// today is the office day every test runs on: the 8th, so items belong to
// this month's period, 2026-07.
var today = shebao.NewDate(2026, time.July, 8)

// password is every fixture account's password.
const password = "Passw0rd1"

// Fixture terminal.
const (
	terminalCode   = "HALL-01"
	terminalSecret = "kiosk-secret-0001"
)

// fixture is the data the tests act on: two units; alice and carol
// registered with unit A (carol with unit B too), bob registered nowhere;
// operators of each unit, a clerk, a reviewer, and an operator whose password was
// issued by the office.
type fixture struct {
	unitA, unitB      shebao.Unit
	alice, bob, carol shebao.Person
}

// testAPI is the API over a fresh database, with the fixture loaded.
type testAPI struct {
	t    *testing.T
	h    http.Handler
	db   *sqldb.DB
	fx   fixture
	svc  *services.Set // the services behind the API
	sess *session.Manager
}

// newTestAPI loads the fixture into db and returns the API over it.
func newTestAPI(t *testing.T, db *sqldb.DB) *testAPI {
	t.Helper()
	ta := &testAPI{t: t, db: db}
	ta.fx = loadFixture(t, db)
	ta.at(today)
	return ta
}

// at rebuilds the API over the same database with the clock on day.
func (ta *testAPI) at(day shebao.Date) {
	t := ta.t
	clock := shebao.FixedDayClock{Day: day}
	ta.svc = demotest.Services(t, ta.db, clock)
	ta.svc.Auth.MaxFailures = 3
	ta.sess = ta.svc.Sessions
	ta.h = api.New(api.Deps{Services: ta.svc})
}

// insureAtA insures persons at unit A in every insurance from January 2026,
// on a base of ¥5,000.
func (ta *testAPI) insureAtA(persons ...shebao.Person) {
	ta.t.Helper()
	err := ta.db.InTx(ta.t.Context(), func(tx shebao.Tx) error {
		for _, p := range persons {
			for _, ins := range shebao.Insurances {
				c := shebao.Coverage{PersonID: p.ID, UnitID: ta.fx.unitA.ID, Insurance: ins,
					Status: shebao.CoverageActive, FirstPeriod: 202601, Base: 500_000}
				if err := tx.InsertCoverage(ta.t.Context(), &c); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		ta.t.Fatal(err)
	}
}

func loadFixture(t *testing.T, db *sqldb.DB) fixture {
	t.Helper()
	var fx fixture
	regDay := today.AddDays(-10)
	err := db.InTx(t.Context(), func(tx shebao.Tx) error {
		ctx := t.Context()
		p := rules.DefaultPolicy(today.Year(), 1_000_000) // ¥10,000: floor ¥6,000, ceiling ¥30,000
		if err := tx.SavePolicy(ctx, &p); err != nil {
			return err
		}
		for i, u := range []*shebao.Unit{&fx.unitA, &fx.unitB} {
			*u = shebao.Unit{CreditCode: creditCode(t, i), Name: []string{"星河科技有限公司", "青松物流有限公司"}[i],
				RiskClass: 1, Status: shebao.UnitActive, CreatedAt: regDay.Time()}
			if err := tx.CreateUnit(ctx, u); err != nil {
				return err
			}
		}
		for i, p := range []*shebao.Person{&fx.alice, &fx.bob, &fx.carol} {
			id, err := rules.ParseIDNumber(idNumber(t, i), today)
			if err != nil {
				return err
			}
			*p = shebao.Person{IDNumber: id.Number, Name: []string{"李丽", "王波", "张彩"}[i],
				Sex: id.Sex, BirthDate: id.Birth}
			if err := tx.CreatePerson(ctx, p); err != nil {
				return err
			}
		}
		regs := []shebao.Registration{
			{SourceID: "r-alice-a", PersonID: fx.alice.ID, UnitID: fx.unitA.ID},
			{SourceID: "r-carol-a", PersonID: fx.carol.ID, UnitID: fx.unitA.ID},
			{SourceID: "r-carol-b", PersonID: fx.carol.ID, UnitID: fx.unitB.ID},
		}
		for _, r := range regs {
			r.Start, r.RegisteredOn = today.AddDays(-20), regDay
			if err := tx.PutRegistration(ctx, &r); err != nil {
				return err
			}
		}
		if err := tx.CreateTerminal(ctx, &shebao.Terminal{Code: terminalCode, Name: "大厅 1 号机", SecretHash: auth.HashSecret(terminalSecret)}); err != nil {
			return err
		}
		return createAccounts(t, tx, fx)
	})
	if err != nil {
		t.Fatal(err)
	}
	return fx
}

func createAccounts(t *testing.T, tx shebao.Tx, fx fixture) error {
	accounts := []struct {
		name       string
		role       shebao.Role
		unit       int64
		mustChange bool
	}{
		{"opa", shebao.RoleOperator, fx.unitA.ID, false},
		{"opb", shebao.RoleOperator, fx.unitB.ID, false},
		{"newop", shebao.RoleOperator, fx.unitA.ID, true},
		{"lockme", shebao.RoleOperator, fx.unitA.ID, false},
		{"clerk", shebao.RoleClerk, 0, false},
		{"rev", shebao.RoleReviewer, 0, false},
	}
	for _, a := range accounts {
		acc, err := auth.NewAccount(a.name, password, a.role, a.unit, a.mustChange, 4)
		if err != nil {
			return err
		}
		if err := tx.CreateAccount(t.Context(), &acc); err != nil {
			return err
		}
	}
	return nil
}

// creditCode returns a valid unified social credit code, distinct per n.
func creditCode(t *testing.T, n int) string {
	t.Helper()
	code, ok := rules.MakeCreditCode(fmt.Sprintf("91110105MA%06d", n+1))
	if !ok {
		t.Fatalf("no credit code for %d", n)
	}
	return code
}

// idNumber returns a valid resident ID number, distinct per n.
func idNumber(t *testing.T, n int) string {
	t.Helper()
	first17 := fmt.Sprintf("11010519900307%03d", 100+n)
	c := rules.IDCheckChar(first17)
	if c == 0 {
		t.Fatalf("no check character for %s", first17)
	}
	return first17 + string(c)
}

// flipCheck returns id with a wrong check character.
func flipCheck(id string) string {
	if id[17] == '0' {
		return id[:17] + "1"
	}
	return id[:17] + "0"
}

// call sends a request to the API. body is sent as is when it is a string,
// as JSON otherwise (nil: no body); headers are name, value pairs.
func (ta *testAPI) call(method, path, token string, body any, headers ...string) *httptest.ResponseRecorder {
	ta.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	default:
		j, err := json.Marshal(b)
		if err != nil {
			ta.t.Fatal(err)
		}
		rd = bytes.NewReader(j)
	}
	r := httptest.NewRequest(method, path, rd)
	if rd != nil {
		r.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		r.Header.Set("Authorization", "Bearer "+token)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		r.Header.Set(headers[i], headers[i+1])
	}
	w := httptest.NewRecorder()
	ta.h.ServeHTTP(w, r)
	checkResponse(ta.t, r, w)
	return w
}

// login logs username in online and returns the bearer token.
func (ta *testAPI) login(username string) string {
	ta.t.Helper()
	w := ta.call("POST", "/api/v1/login", "", map[string]any{"username": username, "password": password})
	out := decode[loginOut](ta.t, w, http.StatusOK)
	return out.Token
}

// loginOut is the answer of a login or password change.
type loginOut struct {
	Token     string `json:"token"`
	TokenType string `json:"token_type"`
	ExpiresAt string `json:"expires_at"`
	Channel   string `json:"channel"`
	Terminal  string `json:"terminal"`
	Account   struct {
		Username   string `json:"username"`
		Role       string `json:"role"`
		UnitID     int64  `json:"unit_id"`
		MustChange bool   `json:"must_change"`
	} `json:"account"`
}

// errorOut is an error answer.
type errorOut struct {
	Error struct {
		Code    string `json:"code"`
		Reason  string `json:"reason"`
		Field   string `json:"field"`
		Message string `json:"message"`
	} `json:"error"`
}

// decode checks the status of w and decodes its JSON body into a T.
func decode[T any](t *testing.T, w *httptest.ResponseRecorder, status int) T {
	t.Helper()
	var v T
	if w.Code != status {
		t.Fatalf("status = %d, want %d; body: %s", w.Code, status, w.Body.String())
	}
	if err := json.Unmarshal(w.Body.Bytes(), &v); err != nil {
		t.Fatalf("decode %s: %v", w.Body.String(), err)
	}
	return v
}

// wantError checks an error answer's status, reason and field.
func wantError(t *testing.T, w *httptest.ResponseRecorder, status int, reason, field string) errorOut {
	t.Helper()
	e := decode[errorOut](t, w, status)
	if e.Error.Reason != reason || e.Error.Field != field {
		t.Fatalf("error = %+v, want reason %s field %q", e.Error, reason, field)
	}
	if e.Error.Message == "" || strings.HasPrefix(e.Error.Message, "reason.") {
		t.Errorf("error %s has no message: %q", reason, e.Error.Message)
	}
	return e
}
