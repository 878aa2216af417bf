// Package api is the JSON API for kiosk clients and other systems: login
// with a bearer token, preview and submission of enrollment, resumption and
// stop items, and the item lists and roster, under /api/v1/. Its OpenAPI 3.1
// document is embedded and served at GET /api/v1/openapi.yaml; docs/API.md
// is the guide for client writers.
//
// Every handler returns an error, and one adapter (writeError) turns errors
// into JSON bodies with a status code chosen in one place (statusOf).
package api

import (
	"net/http"

	"shebao"
	"shebao/i18n"
	"shebao/reqinfo"
	"shebao/services"
)

// Deps are what the API serves: the services, built once by package
// services.
type Deps struct {
	Services *services.Set
}

// server holds the dependencies of every handler. Handlers reach the data
// only through the services.
type server struct {
	svc *services.Set
}

// access is what a route requires of its caller.
type access int

const (
	public   access = iota // no token: the body is bounded by maxAnonymousBody
	loggedIn               // a valid bearer token, even one whose password must change
	ready                  // a valid bearer token whose password needs no change
	keyed                  // a system's API key, checked by the handler before it reads the body
)

// handlerFunc is an API handler: it writes its response, or returns an
// error for writeError. a is the zero Actor on public routes.
type handlerFunc func(w http.ResponseWriter, r *http.Request, a shebao.Actor) error

// route is one line of the route table.
type route struct {
	pattern string // a net/http pattern: method and full path
	access  access
	handle  handlerFunc
}

// New returns the API's handler. It serves paths under /api/v1/ (the route
// table holds full paths), so it can be mounted on a mux at "/api/v1/".
func New(d Deps) http.Handler {
	s := &server{svc: d.Services}
	mux := http.NewServeMux()
	for _, rt := range s.routes() {
		mux.Handle(rt.pattern, routed(s.serve(rt)))
	}
	return s.recoverPanics(mux)
}

// routes is the route table.
func (s *server) routes() []route {
	return []route{
		{"GET /api/v1/openapi.yaml", public, s.openAPI},
		{"POST /api/v1/login", public, s.login},
		{"POST /api/v1/logout", loggedIn, s.logout},
		{"POST /api/v1/password", loggedIn, s.changePassword},
		{"GET /api/v1/me", loggedIn, s.me},

		{"POST /api/v1/items/preview", ready, s.previewItem},
		{"POST /api/v1/items", ready, s.submitItem},
		{"GET /api/v1/items", ready, s.listItems},
		{"GET /api/v1/items/{id}", ready, s.getItem},
		{"GET /api/v1/roster", ready, s.roster},
		{"POST /api/v1/backpay/preview", ready, s.previewBackpay},
		{"POST /api/v1/backpay", ready, s.submitBackpay},
		{"GET /api/v1/bill", ready, s.getBill},
		{"POST /api/v1/bill/backpay-paid", ready, s.backpayPaid},
		{"GET /api/v1/collection/list", ready, s.collectionList},
		{"POST /api/v1/collection/results", ready, s.upload(s.collectionResults)},
		{"GET /api/v1/collection/owed", ready, s.collectionOwed},
		{"POST /api/v1/collection/payments", ready, s.collectionPayment},
		{"POST /api/v1/collection/waivers", ready, s.collectionWaiver},
		{"GET /api/v1/collection/account", ready, s.collectionAccount},
		{"GET /api/v1/statement", ready, s.getStatement},
		{"GET /api/v1/calendar", ready, s.getCalendar},
		{"POST /api/v1/batches", ready, s.upload(s.uploadBatch)},
		{"GET /api/v1/batches/{id}", ready, s.getBatch},
		{"POST /api/v1/batches/{id}/apply", ready, s.applyBatch},
		{"GET /api/v1/batches/{id}/workbook", ready, s.upload(s.batchWorkbook)},
		{"GET /api/v1/batches/{id}/failed", ready, s.upload(s.batchFailed)},

		// Twins of the pages (one file per area).
		{"GET /api/v1/items/{id}/timeline", ready, s.itemTimeline},
		{"POST /api/v1/items/{id}/withdraw", ready, s.withdrawItem},
		{"POST /api/v1/retirement/review", ready, s.retirementReview},
		{"POST /api/v1/changes/unit", ready, s.changeUnit},
		{"POST /api/v1/changes/person", ready, s.changePerson},
		{"POST /api/v1/proofs", ready, s.issueProof},
		{"GET /api/v1/proofs/{code}", ready, s.getProof},
		{"POST /api/v1/declarations", ready, s.declare},
		{"POST /api/v1/declarations/preview", ready, s.declare},
		{"GET /api/v1/persons/{id}/contributions", ready, s.contributions},
		{"GET /api/v1/review", ready, s.reviewQueue},
		{"POST /api/v1/review/{id}/decision", ready, s.reviewDecide},
		{"POST /api/v1/counter/units/{id}/records", ready, s.counterRecord},

		// The employment system authenticates with its API key (employment.go).
		{"POST /api/v1/employment/registrations", keyed, s.pushRegistrations},

		{"/api/v1/", public, s.notFound},
	}
}

// upload wraps the handler of a request that carries a file, or reads a
// stored one whole (the annotated batch workbooks): after authentication
// and before the body is read, it enters the uploads' admission
// (sheet.Admission, shared with the pages) and leaves it when answered.
// A request that waits too long is answered 503 UPLOAD_BUSY with
// Retry-After.
func (s *server) upload(fn handlerFunc) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request, a shebao.Actor) error {
		leave, err := s.svc.Uploads.Enter(r.Context())
		if err != nil {
			return err
		}
		defer leave()
		return fn(w, r, a)
	}
}

// serve adapts a route to net/http: common headers, authentication as the
// route requires, the handler, and the error adapter.
func (s *server) serve(rt route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h["Cache-Control"] = noStore // tokens and personal data
		h["X-Content-Type-Options"] = noSniff
		h["Content-Language"] = contentLanguage(langOf(r))
		if s.svc != nil && s.svc.Sessions.Cookie.Secure {
			h["Strict-Transport-Security"] = hsts
		}
		var a shebao.Actor
		var err error
		switch rt.access {
		case public:
			// Nobody known: a login needs a few hundred bytes.
			r.Body = http.MaxBytesReader(w, r.Body, maxAnonymousBody)
		case loggedIn, ready:
			r, a, err = s.authenticate(r, rt.access)
		}
		if err == nil {
			err = rt.handle(w, r, a)
		}
		if err != nil {
			s.writeError(w, r, err)
		}
	})
}

// The values of the headers serve sets on every answer, made once: set by
// their canonical keys, they are not canonicalized and allocated again for
// each request. net/http only reads them; Header.Set and Add replace or
// grow a value, never write into it.
var (
	noStore   = []string{"no-store"}
	noSniff   = []string{"nosniff"}
	hsts      = []string{"max-age=31536000; includeSubDomains"}
	jsonType  = []string{"application/json; charset=utf-8"}
	languages = map[i18n.Lang][]string{i18n.ZH: {string(i18n.ZH)}, i18n.EN: {string(i18n.EN)}}
)

// contentLanguage is the Content-Language header's value for lang.
func contentLanguage(lang i18n.Lang) []string {
	if v, ok := languages[lang]; ok {
		return v
	}
	return []string{string(lang)}
}

// notFound answers paths under /api/v1/ that no route matches.
func (s *server) notFound(http.ResponseWriter, *http.Request, shebao.Actor) error {
	return &shebao.Error{Code: shebao.ENOTFOUND, Reason: shebao.ReasonNotFound}
}

// routed records the pattern a request matched, for the metrics.
func routed(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		reqinfo.SetRoute(r)
		next.ServeHTTP(w, r)
	})
}
