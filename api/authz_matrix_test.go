package api_test

import (
	"bytes"
	"fmt"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"shebao"
	"shebao/api"
	"shebao/auth"
	"shebao/handling"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

// The API's authorization matrix: every route of the route table called as
// anonymous, unit A's operator, unit B's operator on unit A's objects,
// clerk, reviewer and admin. Letters as in web's matrix:
//
//	L  401 (no token)
//	D  403
//	N  404: an object of another unit, or nothing behind the path
//	A  allowed: the answer, or the request's own validation error (a list
//	   asked by unit B's operator for unit A answers B's own, here empty)
//	X  unit A's name in an answer to unit B's operator: never expected
//
// A 500 is never expected; a route without a row fails.
var apiMatrix = map[string]string{
	// letters: anonymous, opa, opb on unit A's objects, clerk, reviewer, admin
	"GET /api/v1/openapi.yaml":                "AAAAAA",
	"POST /api/v1/login":                      "AAAAAA",
	"POST /api/v1/logout":                     "LAAAAA",
	"POST /api/v1/password":                   "LAAAAA",
	"GET /api/v1/me":                          "LAAAAA",
	"POST /api/v1/items/preview":              "LADADA",
	"POST /api/v1/items":                      "LADADA",
	"GET /api/v1/items":                       "LAAAAA",
	"GET /api/v1/items/{id}":                  "LANAAA",
	"GET /api/v1/roster":                      "LAAAAA",
	"POST /api/v1/backpay/preview":            "LADADA",
	"POST /api/v1/backpay":                    "LADADA",
	"GET /api/v1/bill":                        "LADAAA",
	"POST /api/v1/bill/backpay-paid":          "LDDADA", // clerks and admins
	"GET /api/v1/collection/list":             "LDDADA",
	"POST /api/v1/collection/results":         "LDDADA",
	"GET /api/v1/collection/owed":             "LADAAA",
	"POST /api/v1/collection/payments":        "LDDNDN", // staff (not reviewers); N: the month is not owed
	"POST /api/v1/collection/waivers":         "LDDDND", // reviewers only; N: no late fee to waive
	"GET /api/v1/collection/account":          "LADAAA",
	"GET /api/v1/statement":                   "LADAAA",
	"GET /api/v1/calendar":                    "LADAAA",
	"POST /api/v1/batches":                    "LADADA",
	"GET /api/v1/batches/{id}":                "LANAAA",
	"POST /api/v1/batches/{id}/apply":         "LANADA",
	"GET /api/v1/batches/{id}/failed":         "LANAAA",
	"GET /api/v1/batches/{id}/workbook":       "LANAAA",
	"GET /api/v1/items/{id}/timeline":         "LANAAA",
	"POST /api/v1/items/{id}/withdraw":        "LANDDD",
	"POST /api/v1/retirement/review":          "LAADDD",
	"POST /api/v1/changes/unit":               "LAADDD",
	"POST /api/v1/changes/person":             "LAADDD",
	"POST /api/v1/proofs":                     "LAADDD",
	"GET /api/v1/proofs/{code}":               "LNNDDD", // no such proof: 404 for operators
	"POST /api/v1/declarations":               "LADADA",
	"POST /api/v1/declarations/preview":       "LADADA",
	"GET /api/v1/persons/{id}/contributions":  "LANAAA",
	"GET /api/v1/review":                      "LDDDAA",
	"POST /api/v1/review/{id}/decision":       "LDDDAA",
	"POST /api/v1/counter/units/{id}/records": "LDDADA",
	// The employment system's push authenticates with its API key, not a
	// bearer token: without the key configured it is refused for everyone.
	"POST /api/v1/employment/registrations": "DDDDDD",
	"/api/v1/":                              "NNNNNN",
}

func TestAuthorizationMatrix(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ta := newTestAPI(t, db)
		ctx := t.Context()
		var item, batch int64
		err := db.InTx(ctx, func(tx shebao.Tx) error {
			for _, a := range []struct {
				name string
				role shebao.Role
			}{{"reviewer", shebao.RoleReviewer}, {"admin", shebao.RoleAdmin}} {
				acc, err := auth.NewAccount(a.name, password, a.role, 0, false, 4)
				if err != nil {
					return err
				}
				if err := tx.CreateAccount(ctx, &acc); err != nil {
					return err
				}
			}
			b := shebao.Batch{UnitID: ta.fx.unitA.ID, Kind: shebao.BatchEnroll, FileName: "a.xlsx", Status: shebao.BatchChecked}
			err := tx.InsertBatch(ctx, &b, []byte("PK"), nil)
			batch = b.ID
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		opa := shebao.Actor{AccountID: 1, Username: "opa", Role: shebao.RoleOperator, UnitID: ta.fx.unitA.ID}.OnItsChannel()
		it, err := ta.svc.Handling.Submit(ctx, opa, handling.Request{Type: shebao.ItemEnroll, UnitID: ta.fx.unitA.ID,
			IDNumber: ta.fx.alice.IDNumber, Wage: 800000, ClientKey: "matrix"})
		if err != nil {
			t.Fatal(err)
		}
		item = it.ID
		unitA := ta.fx.unitA.ID
		bodies := map[string]any{
			"items":   map[string]any{"type": "enroll", "unit_id": unitA, "id_number": ta.fx.carol.IDNumber, "wage_fen": 800000},
			"backpay": map[string]any{"unit_id": unitA, "id_number": ta.fx.alice.IDNumber, "from": "2026-01", "to": "2026-03", "wage_fen": 800000},
			"apply":   map[string]any{"all_or_nothing": false},
		}
		var upload bytes.Buffer
		mw := multipart.NewWriter(&upload)
		mw.WriteField("kind", "enroll")
		mw.WriteField("unit_id", fmt.Sprint(unitA))
		fw, _ := mw.CreateFormFile("file", "matrix.xlsx")
		fw.Write([]byte("not a workbook"))
		mw.Close()
		roles := []string{"", "opa", "opb", "clerk", "reviewer", "admin"}
		tokens := make([]string, len(roles))
		for i, r := range roles[1:] {
			tokens[i+1] = ta.login(r)
		}
		var rows []string
		for _, rt := range api.RoutePatterns() {
			method, path, ok := strings.Cut(rt, " ")
			if !ok {
				method, path = "GET", rt+"nothing"
			}
			id := item
			switch {
			case strings.Contains(path, "/batches/"):
				id = batch
			case strings.Contains(path, "/counter/units/"):
				id = unitA
			case strings.Contains(path, "/persons/"):
				id = it.PersonID
			}
			path = strings.ReplaceAll(path, "{id}", fmt.Sprint(id))
			got := make([]byte, len(roles))
			for i := range roles {
				if strings.HasSuffix(rt, "/logout") || strings.HasSuffix(rt, "/password") {
					// Run last on a token of its own: both end sessions.
					if i > 0 {
						tokens[i] = ta.login(roles[i])
					}
				}
				var b any
				var headers []string
				switch {
				case strings.Contains(rt, "/items"):
					b = bodies["items"]
				case strings.Contains(rt, "/backpay"):
					b = bodies["backpay"]
				case strings.HasSuffix(rt, "/apply"):
					b = bodies["apply"]
				case rt == "POST /api/v1/batches":
					b, headers = upload.String(), []string{"Content-Type", mw.FormDataContentType()}
				case strings.HasSuffix(rt, "/decision"):
					b = map[string]any{"approve": true}
				case strings.Contains(rt, "/collection/payments"), strings.Contains(rt, "/collection/waivers"):
					b = map[string]any{"unit_id": unitA, "period": "2026-06", "reason": "matrix"}
				case strings.Contains(rt, "/declarations"):
					b = map[string]any{"unit_id": unitA, "id_number": ta.fx.alice.IDNumber}
				case method == "POST":
					b = map[string]any{} // valid JSON: the service's own checks decide
				}
				if method == "GET" {
					path += "?unit_id=" + fmt.Sprint(unitA) // staff name the unit; an operator of B asks for A
				}
				if strings.Contains(rt, "/collection/") {
					// a well-formed period: the role decides, not the query's validation
					path += map[bool]string{true: "&", false: "?"}[strings.Contains(path, "?")] + "period=2026-06"
				}
				w := ta.call(method, path, tokens[i], b, headers...)
				path, _, _ = strings.Cut(path, "?")
				got[i] = apiAnswer(w.Code)
				if roles[i] == "opb" && strings.Contains(w.Body.String(), ta.fx.unitA.Name) {
					got[i] = 'X' // unit A's data shown to unit B's operator
				}
				if testing.Verbose() {
					t.Logf("%s %s as %q: %d %.200s", method, path, roles[i], w.Code, w.Body.String())
				}
				if strings.HasSuffix(rt, "/logout") || strings.HasSuffix(rt, "/password") {
					if i > 0 {
						tokens[i] = ta.login(roles[i])
					}
				}
			}
			if want, ok := apiMatrix[rt]; !ok || want != string(got) {
				t.Errorf("%-42q got %s want %q", rt, got, want)
			}
			rows = append(rows, fmt.Sprintf("\t%q: %q,", rt, got))
		}
		if t.Failed() {
			t.Logf("observed:\n%s", strings.Join(rows, "\n"))
		}
	})
}

func apiAnswer(status int) byte {
	switch {
	case status == http.StatusUnauthorized:
		return 'L'
	case status == http.StatusForbidden:
		return 'D'
	case status == http.StatusNotFound:
		return 'N'
	case status >= 500:
		return '!'
	}
	return 'A'
}
