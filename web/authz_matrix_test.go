package web

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"

	"shebao"
	"shebao/auth"
	"shebao/handling"
)

// matrixRoles are the callers of the authorization matrix, in the order of
// the letters of each row of webMatrix: anonymous, unit A's operator, unit
// B's operator on unit A's objects, clerk, reviewer, admin.
var matrixRoles = []string{"", "hr_a", "hr_b", "clerk", "reviewer", "admin"}

// The answers of the matrix:
//
//	L  sent to the login page (no session)
//	D  denied: 403
//	A  allowed: the page, a redirect after the action, or the form's own
//	   validation error (400, 409, 413, 415, 422)
//	N  404: an object of another unit (for the other unit's operator), or
//	   nothing behind the path for anyone (a proof code that does not
//	   exist, a back-pay page asked with an item of another type, a
//	   period without a bill)
//	X  unit A's name in a page shown to unit B's operator: never expected
//
// A 500 is never expected.
var webMatrix = map[string]string{
	// letters: anonymous, hr_a, hr_b on unit A's objects, clerk, reviewer, admin
	"GET /static/{file}":                  "NNNNNN",
	"GET /favicon.ico":                    "AAAAAA", // a redirect to the static icon
	"GET /lang":                           "AAAAAA",
	"GET /kiosk/enroll":                   "DDDDDD",
	"GET /login":                          "AAAAAA",
	"POST /login":                         "AAAAAA",
	"GET /password":                       "LAAAAA",
	"POST /password":                      "LAAAAA",
	"GET /{$}":                            "LAAAAA",
	"GET /items/new":                      "LAAAAA", // without a type: back to the catalogue home
	"POST /items/new":                     "LAAADA",
	"GET /items":                          "LAAAAA",
	"GET /items/{id}":                     "LANAAA",
	"GET /roster":                         "LAAAAA",
	"GET /counter":                        "LDDADA",
	"GET /counter/units/{id}":             "LDDADA",
	"GET /counter/units/{id}/items/new":   "LDDADA",
	"POST /counter/units/{id}/items/new":  "LDDADA",
	"GET /review":                         "LDDDAA",
	"GET /review/{id}":                    "LDDDAA",
	"POST /review/{id}":                   "LDDDAA",
	"GET /admin":                          "LDDDDA",
	"GET /admin/units":                    "LDDDDA",
	"GET /admin/units/new":                "LDDDDA",
	"POST /admin/units/new":               "LDDDDA",
	"GET /admin/units/{id}":               "LDDDDA",
	"POST /admin/units/{id}/status":       "LDDDDA",
	"POST /admin/units/{id}/operators":    "LDDDDA",
	"POST /admin/accounts/{id}/reset":     "LDDDDA",
	"POST /admin/accounts/{id}/unlock":    "LDDDDA",
	"POST /admin/accounts/{id}/disabled":  "LDDDDA",
	"POST /admin/accounts/{id}/role":      "LDDDDA",
	"GET /admin/staff":                    "LDDDDA",
	"POST /admin/staff":                   "LDDDDA",
	"GET /admin/terminals":                "LDDDDA",
	"POST /admin/terminals":               "LDDDDA",
	"POST /admin/terminals/{code}/secret": "LDDDDA",
	"GET /admin/audit":                    "LDDDDA",
	"POST /kiosk/alive":                   "LAAAAA",
	"GET /items/{id}/withdraw":            "LANAAA",
	"GET /batches/{id}/failed.xlsx":       "LANAAA",
	"GET /admin/register":                 "LDDDDA",
	"POST /admin/register":                "LDDDDA",
	"POST /admin/register/policies":       "LDDDDA",
	"POST /admin/register/letters":        "LDDDDA",
	"GET /admin/register/operators.xlsx":  "LDDDDA",
	"GET /admin/audit/export":             "LDDDDA",
	"GET /verify":                         "AAAAAA",
	"GET /check-id":                       "LAAADA",
	"GET /retirement":                     "LAADDD",
	"POST /retirement":                    "LAADDD",
	"GET /changes/unit":                   "LAADDD",
	"POST /changes/unit":                  "LAADDD",
	"GET /changes/person":                 "LAADDD",
	"POST /changes/person":                "LAADDD",
	"GET /changes/history":                "LAADDD",
	"GET /proofs/new":                     "LNNDDD",
	"POST /proofs":                        "LAADDD",
	"GET /proofs/{code}":                  "LNNDDD",
	"GET /items/{id}/progress":            "LANAAA",
	"POST /items/{id}/withdraw":           "LANDDD",
	"POST /decisions/seen":                "LAAAAA",
	"GET /bill":                           "LAAAAA",
	"GET /collection":                     "LDDADA",
	"GET /collection/list":                "LDDADA",
	"POST /collection/results":            "LDDADA",
	"GET /collection/waivers":             "LDDDAD",
	"POST /collection/waivers":            "LDDDAD",
	"GET /bill/export":                    "LAAAAA",
	"POST /bill/paid":                     "LDDNDN",
	"POST /bill/backpay-paid":             "LDDAAA",
	"GET /persons/{id}/contributions":     "LANAAA",
	"GET /admin/policies":                 "LDDDDA",
	"POST /admin/policies":                "LDDDDA",
	"POST /admin/policies/import":         "LDDDDA",
	"POST /admin/policies/float":          "LDDDDA",
	"GET /declaration":                    "LAAADA",
	"POST /declaration":                   "LAAADA",
	"POST /declaration/upload":            "LAAADA",
	"GET /declaration/template.xlsx":      "LAAAAA",
	"GET /declaration/undeclared":         "LDDAAA",
	"POST /declaration/undeclared/apply":  "LDDADA",
	"GET /backpay":                        "LAAADA",
	"POST /backpay":                       "LAAADA",
	"GET /backpay/items/{id}":             "LNNNNN",
	"GET /employment":                     "LDDADA",
	"POST /employment/import":             "LDDADA",
	"GET /stats":                          "LDDAAA",
	"GET /stats/export.xlsx":              "LDDAAA",
	"GET /batches":                        "LAAADA",
	"POST /batches":                       "LAAADA",
	"GET /batch-templates/{kind}":         "LAAAAA",
	"GET /batches/{id}":                   "LANAAA",
	"POST /batches/{id}/apply":            "LANADA",
	"GET /batches/{id}/workbook.xlsx":     "LANAAA",
	"/":                                   "NNNNNN",
	"POST /logout":                        "LLLLLL",
	"GET /logout-idle":                    "LLLLLL",
}

// routePattern matches a route of web/routes.go: public("…"), private("…")
// or mux.Handle("…".
var routePattern = regexp.MustCompile(`(?:public|private|mux\.Handle)\("([^"]+)"`)

// webRoutes reads the route table's patterns from web/routes.go.
func webRoutes(t *testing.T) []string {
	b, err := os.ReadFile("routes.go")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, m := range routePattern.FindAllStringSubmatch(string(b), -1) {
		out = append(out, m[1])
	}
	if len(out) < 50 {
		t.Fatalf("found %d routes in routes.go: the pattern no longer matches the table", len(out))
	}
	return out
}

// matrixObjects are unit A's objects and the spare account the admin's
// account actions act on.
type matrixObjects struct {
	unit, item, batch, person, spare int64
}

func (f *fixture) matrixObjects(t *testing.T) matrixObjects {
	ctx := context.Background()
	o := matrixObjects{unit: f.unitA.ID, person: f.person["insured"].ID}
	err := f.db.InTx(ctx, func(tx shebao.Tx) error {
		admin, err := auth.NewAccount("admin", testPassword, shebao.RoleAdmin, 0, false, 4)
		if err != nil {
			return err
		}
		if err := tx.CreateAccount(ctx, &admin); err != nil {
			return err
		}
		spare, err := tx.AccountByUsername(ctx, "hr_a_new")
		o.spare = spare.ID
		if err != nil {
			return err
		}
		b := shebao.Batch{UnitID: f.unitA.ID, Kind: shebao.BatchEnroll, FileName: "a.xlsx",
			Status: shebao.BatchChecked, CreatedBy: spare.ID}
		err = tx.InsertBatch(ctx, &b, []byte("PK"), nil)
		o.batch = b.ID
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	op := demotestActor(t, f, "hr_a")
	it, err := f.svc.Handling.Submit(ctx, op, handling.Request{Type: shebao.ItemEnroll, UnitID: f.unitA.ID,
		IDNumber: f.person["new"].IDNumber, Wage: 800000, ClientKey: "matrix"})
	if err != nil {
		t.Fatal(err)
	}
	o.item = it.ID
	return o
}

func demotestActor(t *testing.T, f *fixture, username string) shebao.Actor {
	var a shebao.Actor
	err := f.db.View(context.Background(), func(tx shebao.Tx) error {
		acc, err := tx.AccountByUsername(context.Background(), username)
		a = shebao.Actor{AccountID: acc.ID, Username: acc.Username, Role: acc.Role, UnitID: acc.UnitID}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return a.OnItsChannel()
}

// path fills a pattern's wildcards with unit A's objects.
func (o matrixObjects) path(pattern string) (method, path string) {
	method, path, _ = strings.Cut(pattern, " ")
	if path == "" {
		method, path = "GET", pattern
	}
	id := o.item
	switch {
	case strings.HasPrefix(path, "/counter/units/"), strings.HasPrefix(path, "/admin/units/"):
		id = o.unit
	case strings.HasPrefix(path, "/admin/accounts/"):
		id = o.spare
	case strings.HasPrefix(path, "/batches/"):
		id = o.batch
	case strings.HasPrefix(path, "/persons/"):
		id = o.person
	}
	r := strings.NewReplacer("{id}", fmt.Sprint(id), "{code}", "HALL-01", "{kind}", "enroll",
		"{file}", "nothing.css", "{$}", "")
	path = r.Replace(path)
	if pattern == "/" {
		path = "/no-such-page"
	}
	if strings.HasPrefix(path, "/proofs/") && method == "GET" {
		path = "/proofs/NOPROOF"
	}
	if strings.HasPrefix(path, "/collection/") {
		path += "?period=2026-06" // a well-formed period: the role decides, not the query's validation
	}
	return method, path
}

// uploads are the routes whose form is multipart with a file.
var uploads = map[string]bool{"POST /employment/import": true, "POST /batches": true, "POST /collection/results": true,
	"POST /declaration/upload": true, "POST /admin/policies/import": true,
	"POST /admin/register/policies": true}

// matrixForm is one form for every POST, with the fields the handlers
// read filled with unit A's values (and a file that is no workbook for
// uploads), so that a request gets past the form's own checks to the
// service's authorization.
func (f *fixture) matrixForm(o matrixObjects, csrf string, upload bool) (io.Reader, string) {
	v := url.Values{"csrf": {csrf}, "action": {"approve"}, "reason": {"matrix"},
		"credit_code": {f.unitA.CreditCode}, "unit": {fmt.Sprint(o.unit)}, "period": {"2026-07"},
		"type": {"enroll"}, "kind": {"enroll"}, "id_number": {f.person["new"].IDNumber}, "wage": {"8000"},
		"role": {"clerk"}, "disabled": {"1"}, "status": {"suspended"}, "username": {"matrix_new"},
		"name": {"矩阵"}, "code": {"HALL-09"}, "location": {"一楼"}, "amount": {"100.00"},
		"client_key": {"matrix-form"}, "purpose": {"matrix"}, "confirm": {"1"}}
	if !upload {
		return strings.NewReader(v.Encode()), "application/x-www-form-urlencoded"
	}
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, vs := range v {
		mw.WriteField(k, vs[0])
	}
	fw, _ := mw.CreateFormFile("file", "matrix.xlsx")
	fw.Write([]byte("not a workbook"))
	mw.Close()
	return &buf, mw.FormDataContentType()
}

// answer classifies a response as a letter of the matrix.
func answer(status int, location string) string {
	switch {
	case status == http.StatusSeeOther && strings.HasPrefix(location, "/login"):
		return "L"
	case status == http.StatusForbidden:
		return "D"
	case status == http.StatusNotFound:
		return "N"
	case status >= 500:
		return "!"
	}
	return "A"
}

// TestAuthorizationMatrix calls every route of the pages' route table as
// each of matrixRoles and compares the answers with webMatrix; a route
// without a row fails.
func TestAuthorizationMatrix(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		o := f.matrixObjects(t)
		got := map[string][]byte{}
		routes := webRoutes(t)
		// Logging out ends the session: it goes last.
		sort.SliceStable(routes, func(i, j int) bool {
			return !strings.Contains(routes[i], "logout") && strings.Contains(routes[j], "logout")
		})
		for i, role := range matrixRoles {
			b := f.browser()
			if role != "" {
				b.login(role)
			} else {
				b.get("/login")
			}
			b.hc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
			for _, rt := range routes {
				method, path := o.path(rt)
				body, ctype := f.matrixForm(o, b.csrf, uploads[rt])
				req, _ := http.NewRequest(method, f.srv.URL+path, body)
				req.Header.Set("Content-Type", ctype)
				resp, err := b.hc.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				page, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				if got[rt] == nil {
					got[rt] = []byte(strings.Repeat("?", len(matrixRoles)))
				}
				got[rt][i] = answer(resp.StatusCode, resp.Header.Get("Location"))[0]
				if role == "hr_b" && strings.Contains(string(page), f.unitA.Name) {
					got[rt][i] = 'X' // unit A's data shown to unit B's operator
				}
			}
		}
		var rows []string
		for _, rt := range routes {
			want, ok := webMatrix[rt]
			if !ok || want != string(got[rt]) {
				t.Errorf("%-45q got %s want %q", rt, got[rt], want)
			}
			rows = append(rows, fmt.Sprintf("\t%q: %q,", rt, got[rt]))
		}
		if t.Failed() {
			t.Logf("observed:\n%s", strings.Join(rows, "\n"))
		}
	})
}
